// Public booking requests and the office's inbox (docs/booking.md) over real HTTP: the public
// form's refusals (nothing stored), its anti-abuse (honeypot, minimum fill time, limits per IP
// and per address), an availability answer that names no one, accepting once in one
// transaction even from two tabs, replies and declines by e-mail, the two-step validation.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>
#include <tuple>

#include "domain/local_time.hpp"
#include "http/booking_seed.hpp"
#include "http/payments_fixture.hpp"
#include "store/missions_repository.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

class BookingHttp : public PaymentsFixture {
 protected:
  void SetUp() override {
    trusted_proxies_ = {"127.0.0.1"};
    PaymentsFixture::SetUp();
    clock_.Set(*domain::ParseApiInstant("2027-01-29T10:00:00Z"));
    seeded_ = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
    auto dj = Send("POST", "/api/v1/catalogue", &seeded_.owner,
                   {{"kind", "service"},
                    {"name", "Animation DJ soirée"},
                    {"unit", "flat"},
                    {"unit_price_cents", 90000},
                    {"vat_rate_bp", 2000}});
    ASSERT_EQ(dj->status, 201) << dj->body;
    service_ = Json(dj)["id"];
    auto light = Send("POST", "/api/v1/catalogue", &seeded_.owner,
                      {{"kind", "service"},
                       {"name", "Éclairage d'ambiance"},
                       {"unit", "flat"},
                       {"unit_price_cents", 25000},
                       {"vat_rate_bp", 2000}});
    ASSERT_EQ(light->status, 201) << light->body;
    other_service_ = Json(light)["id"];
    auto saved = Send("PUT", "/api/v1/booking-settings", &seeded_.owner,
                      {{"enabled", true},
                       {"intro", "Racontez-nous votre événement."},
                       {"event_types", {"Mariage", "Anniversaire", "Soirée d'entreprise"}},
                       {"service_ids", {service_, other_service_}}});
    ASSERT_EQ(saved->status, 200) << saved->body;
  }

  // The page as a visitor's browser loads it, then the visitor takes `seconds` to fill it in.
  std::string ServeForm(int seconds = 30) {
    auto page = Send("GET", "/api/v1/public/booking/sono-lumiere", nullptr);
    EXPECT_EQ(page->status, 200) << page->body;
    clock_.Set(clock_.Now() + std::chrono::seconds(seconds));
    return Json(page)["form_token"];
  }

  json GoodRequest(const std::string& token, const std::string& email = "camille@durand.fr") {
    return {{"event_type", "Mariage"},
            {"date", "2027-06-12"},
            {"start_time", "19:00"},
            {"end_date", "2027-06-13"},
            {"end_time", "02:00"},
            {"place", "Château de Montplaisir, Lyon"},
            {"guests", 120},
            {"services", {service_}},
            {"budget_cents", 150000},
            {"message", "Bonjour, nous cherchons un DJ pour notre mariage."},
            {"name", "Camille Durand"},
            {"email", email},
            {"phone", "06 12 34 56 78"},
            {"consent", true},
            {"locale", "fr"},
            {"form_token", token},
            {"website", ""}};
  }

  httplib::Result Post(const json& body, const std::string& ip = "203.0.113.7") {
    return Send("POST", "/api/v1/public/booking/sono-lumiere/requests", nullptr, body,
                {{"X-Forwarded-For", ip}});
  }

  static bool Names(const json& error, const std::string& field) {
    for (const auto& f : error["error"]["fields"]) {
      if (f["field"] == field) return true;
    }
    return false;
  }

  long long Emails(const std::string& template_name, const std::string& to) {
    auto lease = db_->Acquire();
    long long n = 0;
    **lease << "SELECT count(*) FROM emails WHERE template = :t AND to_address = :to",
        soci::use(template_name), soci::use(to), soci::into(n);
    return n;
  }

  Seeded seeded_;
  long long service_ = 0;
  long long other_service_ = 0;
};

TEST_F(BookingHttp, BadInputGetsFieldErrorsAndNothingIsStored) {
  const std::string token = ServeForm();
  struct Bad {
    const char* field;
    json value;
    const char* expected_field;
  };
  const std::vector<Bad> cases = {
      {"name", "", "name"},
      {"email", "camille@", "email"},
      {"phone", "appelez-moi", "phone"},
      {"date", "2027-01-28", "date"},  // yesterday in Paris
      {"date", "12/06/2027", "date"},
      {"end_date", "2027-06-12", "end_time"},  // 02:00 the same day: before the start
      {"end_time", "25:00", "end_time"},
      {"message", std::string(5000, 'x'), "message"},
      {"event_type", "Bar-mitsva", "event_type"},
      {"services", {987654}, "services"},
      {"guests", 0, "guests"},
      {"consent", false, "consent"},
  };
  for (const auto& c : cases) {
    auto body = GoodRequest(token);
    body[c.field] = c.value;
    auto res = Post(body, std::string("198.51.100.") + std::to_string(&c - cases.data() + 1));
    ASSERT_EQ(res->status, 422) << c.field << ": " << res->body;
    auto error = Json(res);
    EXPECT_EQ(error["error"]["code"], "VALIDATION");
    EXPECT_TRUE(Names(error, c.expected_field)) << c.field << ": " << res->body;
  }
  // Everything missing at once: every field named in one answer.
  auto empty = Post({{"form_token", token}}, "198.51.100.50");
  ASSERT_EQ(empty->status, 422);
  for (const char* field :
       {"event_type", "date", "start_time", "end_time", "place", "name", "email", "phone"}) {
    EXPECT_TRUE(Names(Json(empty), field)) << field << ": " << empty->body;
  }
  // Not JSON, or the wrong types.
  auto typed = Post({{"guests", "beaucoup"}, {"services", "DJ"}}, "198.51.100.51");
  EXPECT_EQ(typed->status, 422) << typed->body;
  EXPECT_EQ(Count("booking_requests"), 0);
  EXPECT_EQ(Count("emails"), 0);
}

TEST_F(BookingHttp, TheFormTokenHoneypotAndLimitsStopBots) {
  // No token, an altered one, another organisation's page, one served a second ago.
  auto body = GoodRequest("");
  auto res = Post(body, "192.0.2.1");
  ASSERT_EQ(res->status, 422);
  EXPECT_TRUE(Names(Json(res), "form_token"));
  std::string token = ServeForm();
  token[token.size() / 2] = token[token.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(Post(GoodRequest(token), "192.0.2.2")->status, 422);
  const std::string quick = ServeForm(1);
  res = Post(GoodRequest(quick), "192.0.2.3");
  ASSERT_EQ(res->status, 422);
  EXPECT_TRUE(Names(Json(res), "form_token")) << res->body;
  // A day later the page must be loaded again.
  const std::string stale = ServeForm(25 * 3600);
  res = Post(GoodRequest(stale), "192.0.2.4");
  ASSERT_EQ(res->status, 422);
  EXPECT_TRUE(Names(Json(res), "form_token"));
  EXPECT_EQ(Count("booking_requests"), 0);
  EXPECT_EQ(Post(GoodRequest(ServeForm()), "192.0.2.5")->status, 201);
  EXPECT_EQ(Count("booking_requests"), 1);
}

TEST_F(BookingHttp, HoneypotAnswersLikeAPersonAndKeepsNothing) {
  auto body = GoodRequest(ServeForm());
  body["website"] = "http://spam.example";
  auto res = Post(body, "192.0.2.10");
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_TRUE(Json(res)["reference"].is_string());
  EXPECT_EQ(Count("booking_requests"), 0);
  EXPECT_EQ(Count("emails"), 0);
}

TEST_F(BookingHttp, TwoHundredPostsFromOneAddressInAMinuteAre429) {
  const std::string token = ServeForm();
  int answered = 0;
  int limited = 0;
  for (int i = 0; i < 200; ++i) {
    auto body = GoodRequest(token, "visitor" + std::to_string(i) + "@example.fr");
    body["name"] = i % 2 == 0 ? json("") : json("Bot " + std::to_string(i));
    auto res = Post(body, "203.0.113.66");
    if (res->status == 429) {
      ++limited;
      EXPECT_FALSE(res->get_header_value("Retry-After").empty());
      EXPECT_EQ(Json(res)["error"]["code"], "RATE_LIMITED");
    } else {
      ++answered;
    }
  }
  EXPECT_EQ(answered, 10);
  EXPECT_EQ(limited, 190);
  EXPECT_EQ(Count("booking_requests"), 5);  // the valid ones among the first ten
  // Another visitor is not affected.
  EXPECT_EQ(Post(GoodRequest(token, "autre@example.fr"), "203.0.113.67")->status, 201);
  // One address: five requests a day, whatever the IP.
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(Post(GoodRequest(token, "same@example.fr"), "203.0.114." + std::to_string(i))->status,
              201);
  }
  EXPECT_EQ(Post(GoodRequest(token, "same@example.fr"), "203.0.114.9")->status, 201);
  EXPECT_EQ(Post(GoodRequest(token, "same@example.fr"), "203.0.114.10")->status, 429);
}

TEST_F(BookingHttp, AGoodRequestIsStoredConfirmedAndShownAsTyped) {
  auto body = GoodRequest(ServeForm());
  body["name"] = "<script>alert('x')</script> Camille";
  body["message"] = "<img src=x onerror=alert(1)>\nÀ bientôt !";
  auto res = Post(body);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(Json(res)["reference"], "DEM-00001");
  EXPECT_TRUE(Json(res)["available"].get<bool>());
  EXPECT_EQ(Emails("booking.received", "camille@durand.fr"), 1);
  EXPECT_EQ(Emails("booking.received.staff", "contact@sono-lumiere.fr"), 1);
  {
    // The visitor's text is escaped in the office's e-mail.
    auto lease = db_->Acquire();
    std::string html;
    **lease << "SELECT html_body FROM emails WHERE template = 'booking.received.staff'",
        soci::into(html);
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  }
  auto list = Send("GET", "/api/v1/booking-requests", &seeded_.owner);
  ASSERT_EQ(list->status, 200);
  auto items = Json(list)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["contact_name"], "<script>alert('x')</script> Camille");
  EXPECT_EQ(items[0]["phone"], "+33612345678");
  EXPECT_EQ(items[0]["starts_at"], "2027-06-12T17:00:00.000Z");
  EXPECT_EQ(items[0]["ends_at"], "2027-06-13T00:00:00.000Z");
  EXPECT_EQ(items[0]["services"][0]["name"], "Animation DJ soirée");
  EXPECT_EQ(items[0]["status"], "new");
  EXPECT_EQ(Json(list)["new_count"], 1);
  // Search by folded words.
  auto found = Send("GET", "/api/v1/booking-requests?q=montplaisir%20CAMILLE", &seeded_.owner);
  EXPECT_EQ(Json(found)["total"], 1);
  auto none = Send("GET", "/api/v1/booking-requests?q=dupont", &seeded_.owner);
  EXPECT_EQ(Json(none)["total"], 0);
}

TEST_F(BookingHttp, AvailabilityNeverNamesAClientAMissionOrACrewMember) {
  const UserId dj = SeedMember(seeded_.org, "zoe.platine@sono-lumiere.fr", "dj");
  {
    auto lease = db_->Acquire();
    domain::MissionInput m;
    m.title = "Gala Confidentiel Rothschild";
    m.status = domain::MissionStatus::kConfirmed;
    m.client = seeded_.client_id;
    m.starts_at = *domain::ParseApiInstant("2027-06-12T15:00:00Z");
    m.ends_at = *domain::ParseApiInstant("2027-06-12T23:00:00Z");
    m.crew = {{dj.value, "dj", "", true}};
    (void)store::MissionsRepository(*lease).Insert(seeded_.org, m, dj, "2026-11-25T09:00:00Z");
    m.starts_at = *domain::ParseApiInstant("2027-06-13T15:00:00Z");
    m.ends_at = *domain::ParseApiInstant("2027-06-13T23:00:00Z");
    (void)store::MissionsRepository(*lease).Insert(seeded_.org, m, dj, "2026-11-25T09:00:00Z");
  }
  auto busy = Send("GET",
                   "/api/v1/public/booking/sono-lumiere/availability?date=2027-06-12&start=19:00"
                   "&end=02:00",
                   nullptr);
  ASSERT_EQ(busy->status, 200) << busy->body;
  auto answer = Json(busy);
  EXPECT_FALSE(answer["available"].get<bool>());
  EXPECT_EQ(answer["alternatives"], json({"2027-06-11", "2027-06-14", "2027-06-10"}));
  // Only the three keys, and nothing that names anyone.
  EXPECT_EQ(answer.size(), 3u);
  for (const char* secret : {"Rothschild", "Confidentiel", "Gala", "Mariage Durand", "zoe", "Zoe",
                             "platine", "claire", "Durand"}) {
    EXPECT_EQ(busy->body.find(secret), std::string::npos) << secret << " in " << busy->body;
  }
  auto free =
      Send("GET", "/api/v1/public/booking/sono-lumiere/availability?date=2027-06-19", nullptr);
  ASSERT_EQ(free->status, 200);
  EXPECT_TRUE(Json(free)["available"].get<bool>());
  EXPECT_TRUE(Json(free)["alternatives"].empty());
  auto bad = Send("GET", "/api/v1/public/booking/sono-lumiere/availability?date=hier", nullptr);
  EXPECT_EQ(bad->status, 422);
  auto past =
      Send("GET", "/api/v1/public/booking/sono-lumiere/availability?date=2027-01-01", nullptr);
  EXPECT_EQ(past->status, 422);
  // A stored request keeps what the page said.
  auto res = Post(GoodRequest(ServeForm()));
  ASSERT_EQ(res->status, 201);
  EXPECT_FALSE(Json(res)["available"].get<bool>());
}

TEST_F(BookingHttp, AcceptingCreatesClientMissionAndQuoteOnceEvenFromTwoTabs) {
  auto posted = Post(GoodRequest(ServeForm(), "camille@example.fr"));
  ASSERT_EQ(posted->status, 201);
  auto list = Json(Send("GET", "/api/v1/booking-requests", &seeded_.owner));
  const long long id = list["items"][0]["id"];
  const std::string path = "/api/v1/booking-requests/" + std::to_string(id);
  const long long clients = Count("clients");
  // Two tabs click "Accepter" at once.
  std::vector<std::pair<int, json>> answers(2);
  auto click = [&](std::size_t tab) {
    auto res = Send("POST", path + "/accept", &seeded_.owner, {});
    answers[tab] = {res->status, Json(res)};
  };
  std::thread first(click, 0);
  std::thread second(click, 1);
  first.join();
  second.join();
  std::multiset<int> statuses = {answers[0].first, answers[1].first};
  EXPECT_EQ(statuses, (std::multiset<int>{200, 201}))
      << answers[0].second.dump() << answers[1].second.dump();
  EXPECT_EQ(answers[0].second["quote_id"], answers[1].second["quote_id"]);
  EXPECT_EQ(answers[0].second["mission_id"], answers[1].second["mission_id"]);
  EXPECT_EQ(Count("clients"), clients + 1);
  EXPECT_EQ(Count("missions"), 1);
  EXPECT_EQ(Count("quotes"), 1);

  auto detail = Json(Send("GET", path, &seeded_.owner));
  EXPECT_EQ(detail["request"]["status"], "quoted");
  const long long quote_id = detail["request"]["quote_id"];
  auto quote = Json(Send("GET", "/api/v1/quotes/" + std::to_string(quote_id), &seeded_.owner));
  EXPECT_EQ(quote["status"], "draft");
  ASSERT_EQ(quote["lines"].size(), 1u);
  EXPECT_EQ(quote["lines"][0]["description"], "Animation DJ soirée");
  EXPECT_EQ(quote["lines"][0]["unit_price_cents"], 90000);
  EXPECT_EQ(quote["total_net_cents"], 90000);
  EXPECT_EQ(quote["total_gross_cents"], 108000);
  const long long mission_id = detail["request"]["mission_id"];
  auto mission =
      Json(Send("GET", "/api/v1/missions/" + std::to_string(mission_id), &seeded_.owner));
  EXPECT_EQ(mission["status"], "planned");
  EXPECT_EQ(mission["starts_at"], "2027-06-12T17:00:00.000Z");
  EXPECT_EQ(mission["address"], "Château de Montplaisir, Lyon");
  EXPECT_EQ(mission["guest_count"], 120);
  auto client =
      Json(Send("GET", "/api/v1/clients/" + detail["request"]["client_id"].dump(), &seeded_.owner));
  EXPECT_EQ(client["name"], "Camille Durand");
  EXPECT_EQ(client["contacts"][0]["email"], "camille@example.fr");

  // A closed request cannot be declined or re-opened.
  EXPECT_EQ(Send("POST", path + "/decline", &seeded_.owner, {{"reason", "x"}})->status, 409);
  EXPECT_EQ(Send("PUT", path + "/status", &seeded_.owner, {{"status", "new"}})->status, 409);

  // The quote goes out and the client signs it online: the request is won.
  const std::string quote_path = "/api/v1/quotes/" + std::to_string(quote_id);
  auto sent = Send("POST", quote_path + "/send", &seeded_.owner, json::object());
  ASSERT_EQ(sent->status, 202) << sent->body;
  {
    auto lease = db_->Acquire();
    store::BillingRepository(*lease).OnEmailSent(Json(sent)["email_id"], "2027-01-29T10:01:00Z");
  }
  EXPECT_EQ(Json(Send("GET", path, &seeded_.owner))["request"]["status"], "quoted");
  const std::string link = Json(sent)["link"];
  auto signed_quote =
      Send("POST", "/api/v1/public/quotes/" + link.substr(link.rfind('/') + 1) + "/sign", nullptr,
           {{"signer_name", "Camille Durand"},
            {"signer_email", "camille@example.fr"},
            {"signature", kSignaturePng},
            {"consent", true}});
  ASSERT_EQ(signed_quote->status, 200) << signed_quote->body;
  EXPECT_EQ(Json(Send("GET", path, &seeded_.owner))["request"]["status"], "won");

  // Erasing the client erases who asked; the request's dates and outcome stay.
  auto erased = Send("POST", "/api/v1/clients/" + detail["request"]["client_id"].dump() + "/erase",
                     &seeded_.owner, {{"confirm_name", "Camille Durand"}});
  ASSERT_EQ(erased->status, 200) << erased->body;
  auto after = Json(Send("GET", path, &seeded_.owner))["request"];
  EXPECT_EQ(after["email"], "efface@invalid");
  EXPECT_EQ(after["phone"], "");
  EXPECT_EQ(after["message"], "");
  EXPECT_EQ(after["status"], "won");
  EXPECT_EQ(after["starts_at"], "2027-06-12T17:00:00.000Z");
}

TEST_F(BookingHttp, AClientThatLooksKnownIsNamedThenReusedAndAFailedAcceptLeavesNothing) {
  // Claire Durand is already a client (seeded); she books again with the same address.
  auto posted = Post(GoodRequest(ServeForm(), "claire@durand.fr"));
  ASSERT_EQ(posted->status, 201);
  const long long id =
      Json(Send("GET", "/api/v1/booking-requests", &seeded_.owner))["items"][0]["id"];
  const std::string path = "/api/v1/booking-requests/" + std::to_string(id);
  auto detail = Json(Send("GET", path, &seeded_.owner));
  ASSERT_EQ(detail["similar_clients"].size(), 1u);
  EXPECT_EQ(detail["similar_clients"][0]["id"], seeded_.client_id);
  EXPECT_EQ(detail["similar_clients"][0]["reason"], "email");
  const long long clients = Count("clients");
  auto duplicate = Send("POST", path + "/accept", &seeded_.owner, {});
  EXPECT_EQ(duplicate->status, 409) << duplicate->body;
  // A pricing rule that is not the organisation's: 422, and nothing of the accept remains.
  auto foreign = Send("POST", path + "/accept", &seeded_.owner,
                      {{"client_id", seeded_.client_id}, {"pricing_rule_id", 987654}});
  EXPECT_EQ(foreign->status, 422) << foreign->body;
  EXPECT_EQ(Count("clients"), clients);
  EXPECT_EQ(Count("missions"), 0);
  EXPECT_EQ(Count("quotes"), 0);
  // With the grid: 19:00–02:00 is 7 h at the rule's rate, plus the chosen service.
  auto rule = Send("POST", "/api/v1/pricing-rules", &seeded_.owner,
                   {{"name", "Soirée"}, {"hourly_rate_cents", 10000}, {"vat_rate_bp", 2000}});
  ASSERT_EQ(rule->status, 201) << rule->body;
  auto reused = Send("POST", path + "/accept", &seeded_.owner,
                     {{"client_id", seeded_.client_id}, {"pricing_rule_id", Json(rule)["id"]}});
  ASSERT_EQ(reused->status, 201) << reused->body;
  EXPECT_EQ(Json(reused)["client_id"], seeded_.client_id);
  EXPECT_EQ(Count("clients"), clients);
  auto quote =
      Json(Send("GET", "/api/v1/quotes/" + Json(reused)["quote_id"].dump(), &seeded_.owner));
  ASSERT_EQ(quote["lines"].size(), 2u);
  EXPECT_EQ(quote["lines"][1]["quantity_milli"], 7000);
  EXPECT_EQ(quote["total_net_cents"], 90000 + 70000);
}

TEST_F(BookingHttp, RepliesAndDeclinesReachTheVisitorInTheirLanguage) {
  auto body = GoodRequest(ServeForm(), "sam@example.co.uk");
  body["locale"] = "en";
  body["phone"] = "+44 20 7946 0958";
  ASSERT_EQ(Post(body)->status, 201);
  const long long id =
      Json(Send("GET", "/api/v1/booking-requests", &seeded_.owner))["items"][0]["id"];
  const std::string path = "/api/v1/booking-requests/" + std::to_string(id);
  EXPECT_EQ(Send("POST", path + "/reply", &seeded_.owner, {{"message", "  "}})->status, 422);
  auto replied = Send("POST", path + "/reply", &seeded_.owner,
                      {{"message", "Hello Sam, the date works. Which hours?"}});
  ASSERT_EQ(replied->status, 200) << replied->body;
  EXPECT_EQ(Json(replied)["request"]["status"], "in_discussion");
  EXPECT_EQ(Json(replied)["messages"].size(), 1u);
  EXPECT_EQ(Emails("booking.reply", "sam@example.co.uk"), 1);
  {
    auto lease = db_->Acquire();
    std::string subject;
    **lease << "SELECT subject FROM emails WHERE template = 'booking.received'",
        soci::into(subject);
    EXPECT_EQ(subject.rfind("Your request DEM-00001", 0), 0u) << subject;
  }
  EXPECT_EQ(Send("POST", path + "/decline", &seeded_.owner, {{"reason", ""}})->status, 422);
  auto declined = Send("POST", path + "/decline", &seeded_.owner,
                       {{"reason", "We are already booked that night."}, {"notify", true}});
  ASSERT_EQ(declined->status, 200) << declined->body;
  EXPECT_EQ(Json(declined)["request"]["status"], "lost");
  EXPECT_EQ(Emails("booking.declined", "sam@example.co.uk"), 1);
  EXPECT_EQ(Send("POST", path + "/accept", &seeded_.owner, {})->status, 409);
  // Reopened, then marked as spam: spam leaves the default list.
  EXPECT_EQ(Send("PUT", path + "/status", &seeded_.owner, {{"status", "new"}})->status, 200);
  EXPECT_EQ(Send("PUT", path + "/status", &seeded_.owner, {{"status", "spam"}})->status, 200);
  EXPECT_EQ(Json(Send("GET", "/api/v1/booking-requests", &seeded_.owner))["total"], 0);
  EXPECT_EQ(Json(Send("GET", "/api/v1/booking-requests?status=spam", &seeded_.owner))["total"], 1);
  EXPECT_EQ(Send("GET", "/api/v1/booking-requests?status=open", &seeded_.owner)->status, 422);
}

TEST_F(BookingHttp, PagesOffAnotherOrganisationAndCrewSeeNothing) {
  // The page switched off: the public routes are 404, whatever the slug's case.
  auto off = Send("PUT", "/api/v1/booking-settings", &seeded_.owner, {{"enabled", false}});
  ASSERT_EQ(off->status, 200);
  EXPECT_EQ(Send("GET", "/api/v1/public/booking/sono-lumiere", nullptr)->status, 404);
  EXPECT_EQ(Send("GET", "/api/v1/public/booking/nobody", nullptr)->status, 404);
  EXPECT_EQ(Post(GoodRequest("x"))->status, 404);
  long long id = 0;
  {
    auto lease = db_->Acquire();
    id = SeedBookingRequest(*lease, seeded_.org, "Camille Durand", "camille@durand.fr");
  }
  const std::string path = "/api/v1/booking-requests/" + std::to_string(id);
  auto outsider_org = SeedOrganization("Autre Sono");
  SeedMember(outsider_org, "owner@autre.fr", "owner");
  auto outsider = SignIn("owner@autre.fr");
  EXPECT_EQ(Send("GET", path, &outsider)->status, 404);
  EXPECT_EQ(Send("POST", path + "/accept", &outsider, {})->status, 404);
  EXPECT_EQ(Json(Send("GET", "/api/v1/booking-requests", &outsider))["total"], 0);
  SeedMember(seeded_.org, "tech@sono-lumiere.fr", "technician");
  auto tech = SignIn("tech@sono-lumiere.fr");
  EXPECT_EQ(Send("GET", "/api/v1/booking-requests", &tech)->status, 403);
  EXPECT_EQ(Send("GET", path, &tech)->status, 403);
  EXPECT_EQ(Count("missions"), 0);
}

TEST_F(BookingHttp, TwoStepValidationWaitsForTheProposedPerformer) {
  ASSERT_EQ(Send("PUT", "/api/v1/booking-settings", &seeded_.owner,
                 {{"enabled", true}, {"two_step", true}, {"event_types", {"Mariage"}}})
                ->status,
            200);
  const UserId zoe = SeedMember(seeded_.org, "zoe@sono-lumiere.fr", "dj");
  SeedMember(seeded_.org, "max@sono-lumiere.fr", "dj");
  long long id = 0;
  {
    auto lease = db_->Acquire();
    id = SeedBookingRequest(*lease, seeded_.org, "Camille Durand", "camille@example.fr");
  }
  const std::string path = "/api/v1/booking-requests/" + std::to_string(id);
  EXPECT_EQ(Send("POST", path + "/accept", &seeded_.owner, {})->status, 409);
  EXPECT_EQ(
      Send("POST", path + "/propose", &seeded_.owner, {{"user_id", seeded_.client_id}})->status,
      422);
  auto proposed = Send("POST", path + "/propose", &seeded_.owner, {{"user_id", zoe.value}});
  ASSERT_EQ(proposed->status, 200) << proposed->body;
  EXPECT_EQ(Json(proposed)["proposed_user_name"], "zoe");
  EXPECT_EQ(Emails("booking.proposed", "zoe@sono-lumiere.fr"), 1);

  auto max = SignIn("max@sono-lumiere.fr");
  EXPECT_TRUE(Json(Send("GET", "/api/v1/booking-proposals", &max))["items"].empty());
  const std::string answer = "/api/v1/booking-proposals/" + std::to_string(id) + "/answer";
  EXPECT_EQ(Send("POST", answer, &max, {{"answer", "accept"}})->status, 404);
  auto zoe_session = SignIn("zoe@sono-lumiere.fr");
  auto mine = Send("GET", "/api/v1/booking-proposals", &zoe_session);
  ASSERT_EQ(Json(mine)["items"].size(), 1u);
  // The performer sees the date and the place, not the visitor's contact.
  EXPECT_EQ(mine->body.find("camille@example.fr"), std::string::npos);
  EXPECT_EQ(mine->body.find("+33612345678"), std::string::npos);
  EXPECT_EQ(Send("POST", answer, &zoe_session, {{"answer", "maybe"}})->status, 422);
  ASSERT_EQ(Send("POST", answer, &zoe_session, {{"answer", "accept"}})->status, 200);
  EXPECT_EQ(Send("POST", answer, &zoe_session, {{"answer", "refuse"}})->status, 409);

  auto accepted = Send("POST", path + "/accept", &seeded_.owner, {});
  ASSERT_EQ(accepted->status, 201) << accepted->body;
  auto mission =
      Json(Send("GET", "/api/v1/missions/" + Json(accepted)["mission_id"].dump(), &seeded_.owner));
  ASSERT_EQ(mission["crew"].size(), 1u);
  EXPECT_EQ(mission["crew"][0]["user_id"], zoe.value);
  EXPECT_TRUE(mission["crew"][0]["lead"].get<bool>());
}

TEST_F(BookingHttp, SettingsAreValidated) {
  auto bad = Send("PUT", "/api/v1/booking-settings", &seeded_.owner,
                  {{"enabled", true},
                   {"intro", std::string(3000, 'x')},
                   {"event_types", {"", std::string(100, 'y')}},
                   {"service_ids", {987654}},
                   {"frame_ancestors", {"http://insecure.example", "https://ok.example/path"}}});
  ASSERT_EQ(bad->status, 422) << bad->body;
  for (const char* field : {"intro", "event_types[0]", "event_types[1]", "service_ids[0]",
                            "frame_ancestors[0]", "frame_ancestors[1]"}) {
    EXPECT_TRUE(Names(Json(bad), field)) << field << ": " << bad->body;
  }
  auto good = Send("PUT", "/api/v1/booking-settings", &seeded_.owner,
                   {{"enabled", true},
                    {"frame_ancestors", {"https://www.Sono-Lumiere.fr", "https://ok.example"}},
                    {"service_ids", {other_service_, service_, other_service_}}});
  ASSERT_EQ(good->status, 200) << good->body;
  EXPECT_EQ(Json(good)["frame_ancestors"],
            json({"https://www.sono-lumiere.fr", "https://ok.example"}));
  EXPECT_EQ(Json(good)["service_ids"], json({other_service_, service_}));
  auto page = Json(Send("GET", "/api/v1/public/booking/sono-lumiere", nullptr));
  EXPECT_EQ(page["services"][0]["name"], "Éclairage d'ambiance");
  EXPECT_EQ(page["min_date"], "2027-01-30");
  EXPECT_EQ(page["name"], "Sono Lumière");
}

TEST_F(BookingHttp, OnlyTheEmbeddableFormMayBeFramedAndOnlyByTheListedSites) {
  std::ofstream(dir_.path() / "web" / "public.html")
      << "<!doctype html><title>Réserver</title><div id=public></div>";
  auto framing = [&](const std::string& path) {
    auto res = Send("GET", path, nullptr);
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_EQ(res->get_header_value_count("Content-Security-Policy"), 1u) << path;
    return std::make_tuple(res->get_header_value("Content-Security-Policy"),
                           res->get_header_value("X-Frame-Options"), res->body);
  };
  // No site listed yet: the embeddable form is as unframeable as any page.
  auto [csp, xfo, body] = framing("/reserver/sono-lumiere/embed");
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(xfo, "DENY");
  EXPECT_NE(body.find("id=public"), std::string::npos) << "the public pages' own bundle";
  ASSERT_EQ(Send("PUT", "/api/v1/booking-settings", &seeded_.owner,
                 {{"enabled", true}, {"frame_ancestors", {"https://www.sono-lumiere.fr"}}})
                ->status,
            200);
  std::tie(csp, xfo, body) = framing("/reserver/sono-lumiere/embed");
  EXPECT_NE(csp.find("frame-ancestors https://www.sono-lumiere.fr"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("'none';"), csp.find("object-src 'none';") + 11) << csp;
  EXPECT_EQ(xfo, "");
  // Every other page, the booking page itself included, stays unframeable.
  for (const char* path : {"/reserver/sono-lumiere", "/", "/devis", "/reserver/autre/embed",
                           "/reserver/sono-lumiere/embed/x"}) {
    std::tie(csp, xfo, body) = framing(path);
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
    EXPECT_EQ(xfo, "DENY") << path;
  }
  std::tie(csp, xfo, body) = framing("/devis");
  EXPECT_EQ(body.find("id=public"), std::string::npos) << "the office app";
  // The page switched off: its embed is no longer framed either.
  ASSERT_EQ(Send("PUT", "/api/v1/booking-settings", &seeded_.owner,
                 {{"enabled", false}, {"frame_ancestors", {"https://www.sono-lumiere.fr"}}})
                ->status,
            200);
  std::tie(csp, xfo, body) = framing("/reserver/sono-lumiere/embed");
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
}

TEST_F(BookingHttp, ReportsCountTheWonAndLostRequestsOfThePeriod) {
  {
    auto lease = db_->Acquire();
    const char* statuses[] = {"won", "won", "lost", "new", "spam", "won"};
    const char* created[] = {"2027-01-03T09:00:00.000Z", "2027-01-10T09:00:00.000Z",
                             "2027-01-12T09:00:00.000Z", "2027-01-20T09:00:00.000Z",
                             "2027-01-21T09:00:00.000Z", "2026-12-31T22:30:00.000Z"};
    for (int i = 0; i < 6; ++i) {
      const long long id = SeedBookingRequest(*lease, seeded_.org, "Visiteur " + std::to_string(i),
                                              "v" + std::to_string(i) + "@example.fr", created[i]);
      std::string status = statuses[i];
      **lease << "UPDATE booking_requests SET status = :s WHERE id = :id", soci::use(status),
          soci::use(id);
    }
  }
  // January in Paris: the last one (23:30 on 31 December, Paris) is December's.
  auto report = Send("GET", "/api/v1/reports?from=2027-01-01&to=2027-01-31", &seeded_.owner);
  ASSERT_EQ(report->status, 200) << report->body;
  EXPECT_EQ(Json(report)["bookings"], json({{"received", 4},
                                            {"open", 1},
                                            {"won", 2},
                                            {"lost", 1},
                                            {"spam", 1},
                                            {"won_rate_bp", 6666}}));
  auto december = Send("GET", "/api/v1/reports?from=2026-12-01&to=2026-12-31", &seeded_.owner);
  ASSERT_EQ(december->status, 200) << december->body;
  EXPECT_EQ(Json(december)["bookings"]["won"], 1);
  auto empty = Send("GET", "/api/v1/reports?from=2026-10-01&to=2026-10-31", &seeded_.owner);
  EXPECT_TRUE(Json(empty)["bookings"]["won_rate_bp"].is_null());
}

}  // namespace
}  // namespace planify::testing
