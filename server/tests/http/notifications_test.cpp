// Notifications over HTTP (docs/notifications.md): who is told what, the bell's list and its
// unread count, preferences per kind (in-app, e-mail at once or in the digest, push), and Web
// Push to a local fake push service that checks the VAPID signature and decrypts the RFC 8291
// payload.

#include <gtest/gtest.h>

#include "app/equipment/inventory_service.hpp"
#include "app/notifications/notifications_service.hpp"
#include "integrations/oidc/jwt.hpp"
#include "integrations/push/web_push.hpp"
#include "payments_fixture.hpp"
#include "store/jobs_repository.hpp"
#include "support/fake_push.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

class Notifications : public PaymentsFixture {
 protected:
  void SetUp() override {
    services_tweak_ = [this](http::Services& s) { s.push = Push(); };
    PaymentsFixture::SetUp();
    push_.SetNow(
        std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count());
    business_ = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
    dj_user_ = SeedMember(business_.org, "lea@sono-lumiere.fr", "dj").value;
    dj_ = SignIn("lea@sono-lumiere.fr");
    manager_user_ = SeedMember(business_.org, "marc@sono-lumiere.fr", "manager").value;
    manager_ = SignIn("marc@sono-lumiere.fr");
    rival_ = SeedBusiness("Festiv'Son", "boss@festiv.fr");
  }

  app::PushSettings Push() {
    app::PushSettings push;
    push.hosts = {"127.0.0.1"};
    push.policy = domain::WebhookPolicy{.allow_http = true, .allow_private = true};
    push.subject = "mailto:test@planify.test";
    return push;
  }

  // A mission with Léa on its crew, created by the owner.
  long long Mission(const std::string& title, const std::string& status = "confirmed",
                    const std::string& day = "2027-06-12") {
    json crew = json::array();
    crew.push_back({{"user_id", dj_user_}, {"position", "dj"}, {"lead", true}});
    auto res = Send("POST", "/api/v1/missions", &business_.owner,
                    {{"title", title},
                     {"status", status},
                     {"client_id", business_.client_id},
                     {"starts_at", day + "T18:00:00+02:00"},
                     {"ends_at", day + "T23:00:00+02:00"},
                     {"crew", crew}});
    EXPECT_EQ(res->status, 201) << res->body;
    return Json(res)["id"].get<long long>();
  }

  json List(BrowserSession& who, const std::string& query = "") {
    auto res = Send("GET", "/api/v1/notifications" + query, &who);
    EXPECT_EQ(res->status, 200) << res->body;
    return Json(res);
  }

  long long Unread(BrowserSession& who) {
    auto res = Send("GET", "/api/v1/notifications/unread-count", &who);
    EXPECT_EQ(res->status, 200) << res->body;
    return Json(res)["unread"].get<long long>();
  }

  void SetPreference(BrowserSession& who, const std::string& kind, bool in_app,
                     const std::string& email, bool push) {
    auto res = Send("PUT", "/api/v1/notifications/preferences", &who,
                    {{"preferences",
                      {{{"kind", kind}, {"in_app", in_app}, {"email", email}, {"push", push}}}}});
    ASSERT_EQ(res->status, 200) << res->body;
  }

  // Runs the notification jobs as a worker does (the others are left queued).
  int RunNotificationJobs() {
    jobs::JobRegistry registry;
    app::RegisterNotificationJobs(registry, clock_, cipher_, "http://planify.test", Push());
    jobs::WorkerOptions options;
    options.name = "test";
    jobs::Worker worker(*db_, clock_, registry, options);
    int ran = 0;
    while (worker.RunOne()) ++ran;
    return ran;
  }

  void EnqueueDigest() {
    auto lease = db_->Acquire();
    store::NewJob job;
    job.type = "notifications.digest";
    job.run_at = domain::FormatIsoUtc(clock_.Now());
    ASSERT_TRUE(store::JobsRepository(*lease).Enqueue(job, job.run_at));
  }

  // (subject, text) of the e-mails queued to `address`, oldest first.
  std::vector<std::pair<std::string, std::string>> EmailsTo(const std::string& address) {
    auto lease = db_->Acquire();
    std::vector<std::pair<std::string, std::string>> out;
    soci::rowset<soci::row> rows =
        ((*lease)->prepare << "SELECT subject, text_body FROM emails WHERE to_address = :a "
                              "ORDER BY id",
         soci::use(address));
    for (const auto& row : rows) {
      out.emplace_back(row.get<std::string>(0), row.get<std::string>(1));
    }
    return out;
  }

  Seeded business_;
  Seeded rival_;
  long long dj_user_ = 0;
  long long manager_user_ = 0;
  BrowserSession dj_;
  BrowserSession manager_;
  FakePush push_;
};

TEST_F(Notifications, AManagerAssignsADjWhoIsToldInTheBell) {
  EXPECT_EQ(Unread(dj_), 0);
  const long long mission = Mission("Mariage Durand");
  const json list = List(dj_);
  ASSERT_EQ(list["items"].size(), 1u) << list.dump();
  const json& n = list["items"][0];
  EXPECT_EQ(n["kind"], "mission_assigned");
  EXPECT_EQ(n["subject_type"], "mission");
  EXPECT_EQ(n["path"], "/missions/" + std::to_string(mission));
  EXPECT_EQ(n["data"]["title"], "Mariage Durand");
  EXPECT_EQ(n["data"]["starts_at"], "2027-06-12T16:00:00.000Z");
  EXPECT_TRUE(n["read_at"].is_null());
  EXPECT_EQ(list["unread"], 1);
  EXPECT_EQ(Unread(dj_), 1);
  // The owner did it: nothing for them; a manager is not on the crew: nothing either.
  EXPECT_EQ(Unread(business_.owner), 0);
  EXPECT_EQ(Unread(manager_), 0);

  // Read: the count drops; reading again is harmless.
  const std::string read =
      "/api/v1/notifications/" + std::to_string(n["id"].get<long long>()) + "/read";
  EXPECT_EQ(Send("POST", read, &dj_)->status, 204);
  EXPECT_EQ(Unread(dj_), 0);
  EXPECT_EQ(Send("POST", read, &dj_)->status, 204);
  EXPECT_FALSE(List(dj_)["items"][0]["read_at"].is_null());
  EXPECT_EQ(List(dj_, "?unread=true")["items"].size(), 0u);
}

TEST_F(Notifications, TheCrewHearsOfMovesAndCancellationsOnlyOnce) {
  const long long mission = Mission("Gala");
  const std::string path = "/api/v1/missions/" + std::to_string(mission);
  // An edit that changes neither the crew nor the dates says nothing new.
  auto edited = Send("PUT", path, &business_.owner,
                     {{"title", "Gala de fin d'année"},
                      {"client_id", business_.client_id},
                      {"starts_at", "2027-06-12T18:00:00+02:00"},
                      {"ends_at", "2027-06-12T23:00:00+02:00"},
                      {"crew", {{{"user_id", dj_user_}, {"position", "dj"}, {"lead", true}}}}});
  ASSERT_EQ(edited->status, 200) << edited->body;
  EXPECT_EQ(List(dj_)["items"].size(), 1u);

  auto moved =
      Send("POST", path + "/reschedule", &business_.owner,
           {{"starts_at", "2027-06-19T18:00:00+02:00"}, {"ends_at", "2027-06-20T02:00:00+02:00"}});
  ASSERT_EQ(moved->status, 200) << moved->body;
  auto canceled = Send("POST", path + "/status", &business_.owner,
                       {{"status", "canceled"}, {"reason", "Salle fermée"}});
  ASSERT_EQ(canceled->status, 200) << canceled->body;
  const json items = List(dj_)["items"];
  ASSERT_EQ(items.size(), 3u) << items.dump();
  EXPECT_EQ(items[0]["kind"], "mission_canceled");
  EXPECT_EQ(items[0]["data"]["reason"], "Salle fermée");
  EXPECT_EQ(items[1]["kind"], "mission_moved");
  EXPECT_EQ(items[1]["data"]["starts_at"], "2027-06-19T16:00:00.000Z");
  EXPECT_EQ(items[2]["kind"], "mission_assigned");
  EXPECT_EQ(List(dj_)["unread"], 3);
  EXPECT_EQ(Send("POST", "/api/v1/notifications/read-all", &dj_)->status, 200);
  EXPECT_EQ(Unread(dj_), 0);
}

TEST_F(Notifications, ADraftTellsNobodyUntilItIsPlanned) {
  const long long mission = Mission("Brouillon", "draft");
  EXPECT_EQ(Unread(dj_), 0);
  auto planned = Send("POST", "/api/v1/missions/" + std::to_string(mission) + "/status",
                      &business_.owner, {{"status", "planned"}});
  ASSERT_EQ(planned->status, 200) << planned->body;
  const json items = List(dj_)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["kind"], "mission_assigned");
}

TEST_F(Notifications, PreferencesOffMeansNothing) {
  SetPreference(dj_, "mission_assigned", false, "off", false);
  Mission("Anniversaire");
  EXPECT_EQ(List(dj_)["items"].size(), 0u);
  EXPECT_EQ(Count("notifications"), 0);
  // Nothing by e-mail either: the crew e-mail follows the same choice.
  auto prefs = Json(Send("GET", "/api/v1/notifications/preferences", &dj_));
  bool found = false;
  for (const auto& p : prefs["preferences"]) {
    EXPECT_NE(p["kind"], "invoice_paid") << "a DJ never hears of invoices";
    if (p["kind"] == "mission_assigned") {
      found = true;
      EXPECT_EQ(p["in_app"], false);
      EXPECT_EQ(p["email"], "off");
      EXPECT_EQ(p["push"], false);
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(Notifications, PreferencesAreValidatedAndNothingIsWrittenOnError) {
  auto bad =
      Send("PUT", "/api/v1/notifications/preferences", &dj_,
           {{"preferences",
             {{{"kind", "mission_moved"}, {"in_app", false}, {"email", "off"}, {"push", false}},
              {{"kind", "invoice_paid"}, {"in_app", true}, {"email", "off"}, {"push", false}}}}});
  ASSERT_EQ(bad->status, 422) << bad->body;
  EXPECT_EQ(Json(bad)["error"]["fields"][0]["field"], "preferences[1].kind");
  EXPECT_EQ(Count("notification_preferences"), 0);
  auto unknown =
      Send("PUT", "/api/v1/notifications/preferences", &dj_,
           {{"preferences", {{{"kind", "weather"}, {"in_app", "yes"}, {"email", "sometimes"}}}}});
  ASSERT_EQ(unknown->status, 422) << unknown->body;
  std::set<std::string> fields;
  const json unknown_json = Json(unknown);
  for (const auto& f : unknown_json["error"]["fields"]) fields.insert(f["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"preferences[0].kind", "preferences[0].in_app",
                                           "preferences[0].email", "preferences[0].push"}));
  EXPECT_EQ(Send("PUT", "/api/v1/notifications/preferences", &dj_, {{"x", 1}})->status, 422);
}

TEST_F(Notifications, TheOfficeHearsOfSignedQuotesAndTheCrewDoesNot) {
  auto [quote, token] = SignedQuote(business_, 100000);
  for (auto* who : {&business_.owner, &manager_}) {
    const json items = List(*who)["items"];
    ASSERT_EQ(items.size(), 1u) << items.dump();
    EXPECT_EQ(items[0]["kind"], "quote_signed");
    EXPECT_EQ(items[0]["path"], "/devis/" + std::to_string(quote));
    EXPECT_EQ(items[0]["data"]["amount_cents"], 120000);
  }
  EXPECT_EQ(Unread(dj_), 0);
  EXPECT_EQ(Unread(rival_.owner), 0);
}

TEST_F(Notifications, AnotherMemberOrOrganisationCannotReadOrMarkThem) {
  Mission("Mariage Durand");
  const long long id = List(dj_)["items"][0]["id"].get<long long>();
  const std::string read = "/api/v1/notifications/" + std::to_string(id) + "/read";
  EXPECT_EQ(Send("POST", read, &business_.owner)->status, 404);
  EXPECT_EQ(Send("POST", read, &rival_.owner)->status, 404);
  EXPECT_EQ(List(rival_.owner)["items"].size(), 0u);
  EXPECT_EQ(Unread(dj_), 1);
  EXPECT_EQ(Send("GET", "/api/v1/notifications", nullptr)->status, 401);
  EXPECT_EQ(Send("POST", "/api/v1/notifications/abc/read", &dj_)->status, 404);
  EXPECT_EQ(Send("GET", "/api/v1/notifications?limit=0", &dj_)->status, 422);
}

TEST_F(Notifications, AnEmailAtOnceOrInTheMorningDigest) {
  SetPreference(dj_, "mission_moved", true, "immediate", false);
  SetPreference(dj_, "mission_canceled", true, "digest", false);
  const long long mission = Mission("Mariage Durand");
  const std::string path = "/api/v1/missions/" + std::to_string(mission);
  ASSERT_EQ(
      Send("POST", path + "/reschedule", &business_.owner,
           {{"starts_at", "2027-06-19T18:00:00+02:00"}, {"ends_at", "2027-06-20T02:00:00+02:00"}})
          ->status,
      200);
  RunNotificationJobs();
  auto mails = EmailsTo("lea@sono-lumiere.fr");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].first, "Mission déplacée : Mariage Durand");
  EXPECT_NE(mails[0].second.find("sam. 19 juin 2027 18:00"), std::string::npos) << mails[0].second;
  EXPECT_NE(mails[0].second.find("http://planify.test/missions/" + std::to_string(mission)),
            std::string::npos);

  ASSERT_EQ(Send("POST", path + "/status", &business_.owner, {{"status", "canceled"}})->status,
            200);
  RunNotificationJobs();
  EXPECT_EQ(EmailsTo("lea@sono-lumiere.fr").size(), 1u) << "the digest waits for the morning";
  EnqueueDigest();
  RunNotificationJobs();
  mails = EmailsTo("lea@sono-lumiere.fr");
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[1].first, "Votre résumé : 1 notification(s)");
  EXPECT_NE(mails[1].second.find("Mission annulée : Mariage Durand"), std::string::npos)
      << mails[1].second;
  // Sent once: the next morning has nothing to say.
  EnqueueDigest();
  RunNotificationJobs();
  EXPECT_EQ(EmailsTo("lea@sono-lumiere.fr").size(), 2u);
}

TEST_F(Notifications, WebPushIsSignedAndEncryptedForTheDeviceAndAGoneDeviceIsForgotten) {
  auto key = Send("GET", "/api/v1/push/key", &dj_);
  ASSERT_EQ(key->status, 200) << key->body;
  const std::string public_key = Json(key)["public_key"];
  EXPECT_EQ(integrations::Base64UrlDecode(public_key)->size(), 65u);
  // The same key on every call (made once, stored).
  EXPECT_EQ(Json(Send("GET", "/api/v1/push/key", &manager_))["public_key"], public_key);

  const auto device = push_.NewDevice();
  auto subscribed = Send("POST", "/api/v1/push/subscriptions", &dj_,
                         {{"endpoint", device.endpoint},
                          {"keys", {{"p256dh", device.p256dh}, {"auth", device.auth}}}});
  ASSERT_EQ(subscribed->status, 201) << subscribed->body;

  const long long mission = Mission("Mariage Durand");
  RunNotificationJobs();
  auto messages = push_.messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].endpoint, device.endpoint);
  EXPECT_EQ(messages[0].urgency, "high");
  // The fake checked the VAPID JWT against the key the server publishes.
  EXPECT_NE(messages[0].authorization.find("k=" + public_key), std::string::npos);
  const json payload = json::parse(messages[0].plaintext, nullptr, false);
  ASSERT_TRUE(payload.is_object()) << messages[0].plaintext;
  EXPECT_EQ(payload["title"], "Nouvelle mission : Mariage Durand");
  EXPECT_EQ(payload["url"], "http://planify.test/missions/" + std::to_string(mission));
  EXPECT_NE(payload["body"].get<std::string>().find("sam. 12 juin 2027 18:00"), std::string::npos);
  // Pushed once: another run sends nothing again.
  RunNotificationJobs();
  EXPECT_EQ(push_.messages().size(), 1u);

  // The browser dropped the subscription: the push service answers 410, the device goes.
  push_.MarkGone(device.endpoint);
  Mission("Anniversaire", "confirmed", "2027-07-03");
  RunNotificationJobs();
  EXPECT_EQ(push_.messages().size(), 1u);
  EXPECT_EQ(Count("push_subscriptions"), 0);
}

TEST_F(Notifications, OnlyABrowserPushServiceMayBeSubscribed) {
  const auto device = push_.NewDevice();
  auto elsewhere = Send("POST", "/api/v1/push/subscriptions", &dj_,
                        {{"endpoint", "https://intranet.example.com/hook"},
                         {"keys", {{"p256dh", device.p256dh}, {"auth", device.auth}}}});
  ASSERT_EQ(elsewhere->status, 422) << elsewhere->body;
  EXPECT_EQ(Json(elsewhere)["error"]["fields"][0]["field"], "endpoint");
  auto bad_keys =
      Send("POST", "/api/v1/push/subscriptions", &dj_,
           {{"endpoint", device.endpoint}, {"keys", {{"p256dh", "AAAA"}, {"auth", "short"}}}});
  ASSERT_EQ(bad_keys->status, 422) << bad_keys->body;
  std::set<std::string> fields;
  const json bad_keys_json = Json(bad_keys);
  for (const auto& f : bad_keys_json["error"]["fields"]) fields.insert(f["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"keys.p256dh", "keys.auth"}));
  // A 65-byte string that is not a point of the curve.
  const std::string off_curve =
      integrations::Base64UrlEncode(std::string(1, '\x04') + std::string(64, '\x01'));
  auto off = Send(
      "POST", "/api/v1/push/subscriptions", &dj_,
      {{"endpoint", device.endpoint}, {"keys", {{"p256dh", off_curve}, {"auth", device.auth}}}});
  EXPECT_EQ(off->status, 422) << off->body;
  EXPECT_EQ(Count("push_subscriptions"), 0);
  // Unsubscribing a device that is not the caller's: 404.
  ASSERT_EQ(Send("POST", "/api/v1/push/subscriptions", &dj_,
                 {{"endpoint", device.endpoint},
                  {"keys", {{"p256dh", device.p256dh}, {"auth", device.auth}}}})
                ->status,
            201);
  EXPECT_EQ(
      Send("POST", "/api/v1/push/unsubscribe", &manager_, {{"endpoint", device.endpoint}})->status,
      404);
  EXPECT_EQ(Send("POST", "/api/v1/push/unsubscribe", &dj_, {{"endpoint", device.endpoint}})->status,
            204);
  EXPECT_EQ(Count("push_subscriptions"), 0);
}

TEST_F(Notifications, AJobThatDiedIsReportedToWhoCanRerunIt) {
  jobs::JobRegistry registry;
  registry.Register("test.always_fails",
                    [](const store::JobRow&, jobs::JobContext&) -> Result<void> {
                      return Fail(ErrorCode::kValidation, "le fichier est illisible");
                    });
  {
    auto lease = db_->Acquire();
    store::NewJob job;
    job.organization = business_.org;
    job.type = "test.always_fails";
    job.run_at = domain::FormatIsoUtc(clock_.Now());
    ASSERT_TRUE(store::JobsRepository(*lease).Enqueue(job, job.run_at));
  }
  jobs::WorkerOptions options;
  options.name = "test";
  jobs::Worker worker(*db_, clock_, registry, options);
  while (worker.RunOne()) {
  }
  const json items = List(business_.owner)["items"];
  ASSERT_EQ(items.size(), 1u) << items.dump();
  EXPECT_EQ(items[0]["kind"], "job_failed");
  EXPECT_EQ(items[0]["data"]["name"], "test.always_fails");
  EXPECT_EQ(items[0]["data"]["reason"], "le fichier est illisible");
  EXPECT_EQ(items[0]["path"], "/administration");
  EXPECT_EQ(Unread(manager_), 0) << "a manager cannot re-run jobs";
  EXPECT_EQ(Unread(dj_), 0);
}

TEST_F(Notifications, GearNotBackIsReportedEachMorningOnceAWeek) {
  auto item = Send("POST", "/api/v1/equipment", &business_.owner,
                   {{"name", "Enceinte 12"}, {"category", "Son"}, {"quantity_owned", 4}});
  ASSERT_EQ(item->status, 201) << item->body;
  const long long speakers = Json(item)["id"].get<long long>();
  // Last night's party (the fixture's clock reads 25 Nov 2026 14:00 UTC): two speakers went out.
  auto mission = Send("POST", "/api/v1/missions", &business_.owner,
                      {{"title", "Anniversaire Paul"},
                       {"status", "confirmed"},
                       {"starts_at", "2026-11-24T18:00:00Z"},
                       {"ends_at", "2026-11-24T23:00:00Z"},
                       {"crew", {{{"user_id", dj_user_}, {"position", "dj"}, {"lead", true}}}},
                       {"equipment", {{{"item_id", speakers}, {"quantity", 2}}}}});
  ASSERT_EQ(mission->status, 201) << mission->body;
  const long long id = Json(mission)["id"].get<long long>();
  auto out = Send("POST", "/api/v1/missions/" + std::to_string(id) + "/gear/check-out", &dj_,
                  {{"items", {{{"item_id", speakers}, {"quantity", 2}}}}});
  ASSERT_EQ(out->status, 200) << out->body;
  (void)Send("POST", "/api/v1/notifications/read-all", &dj_);

  const auto morning = [this] {
    jobs::JobRegistry registry;
    app::RegisterInventoryJobs(registry, "http://planify.test", clock_);
    {
      auto lease = db_->Acquire();
      store::NewJob job;
      job.type = "equipment.checks_due";
      job.run_at = domain::FormatIsoUtc(clock_.Now());
      ASSERT_TRUE(store::JobsRepository(*lease).Enqueue(job, job.run_at));
    }
    jobs::WorkerOptions options;
    options.name = "test";
    jobs::Worker worker(*db_, clock_, registry, options);
    while (worker.RunOne()) {
    }
  };
  morning();
  for (auto* who : {&business_.owner, &manager_}) {
    const json items = List(*who, "?unread=true")["items"];
    ASSERT_EQ(items.size(), 1u) << items.dump();
    EXPECT_EQ(items[0]["kind"], "equipment_late");
    EXPECT_EQ(items[0]["path"], "/materiel/" + std::to_string(speakers));
    EXPECT_EQ(items[0]["data"]["name"], "Enceinte 12");
    EXPECT_EQ(items[0]["data"]["title"], "Anniversaire Paul");
  }
  EXPECT_EQ(Unread(dj_), 0) << "the crew is not told about the stock";
  // The next morning says nothing new; a week later, again.
  clock_.Set(clock_.Now() + std::chrono::hours(24));
  morning();
  EXPECT_EQ(Unread(manager_), 1);
  clock_.Set(clock_.Now() + std::chrono::hours(24 * 6));
  morning();
  EXPECT_EQ(Unread(manager_), 2);
}

}  // namespace
}  // namespace planify::testing
