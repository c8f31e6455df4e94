// Connecting a Google calendar through the real server, against the fake Google over real HTTP
// (docs/calendar-sync.md, "Connecting"): the consent URL, the callback and its checks, the
// jobs that push the member's missions and read their busy time, busy time blocking a mission,
// a revoked grant showing on the profile, per-person sync state on the mission page, and
// disconnecting (events removed, grant revoked).
#include <gtest/gtest.h>

#include <regex>

#include "app/planning/calendar_sync_service.hpp"
#include "http/auth_fixture.hpp"
#include "integrations/google/google_calendar.hpp"
#include "jobs/worker.hpp"
#include "support/fake_google.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

class GoogleCalendarConnect : public AuthFixture {
 protected:
  void SetUp() override {
    provider_ =
        std::make_unique<integrations::GoogleCalendarClient>(integrations::GoogleCalendarClient::At(
            google_.base_url(), FakeGoogle::kClientId, FakeGoogle::kClientSecret));
    services_tweak_ = [this](http::Services& services) {
      services.calendar_cipher = &calendar_cipher_;
      services.calendar_provider = provider_.get();
    };
    AuthFixture::SetUp();
    org_ = SeedOrganization("Sono Pro");
    SeedMember(org_, "manager@sono.fr", "manager");
    lea_ = SeedMember(org_, "lea@sono.fr", "dj").value;
    tom_ = SeedMember(org_, "tom@sono.fr", "technician").value;
    manager_ = SignIn("manager@sono.fr");
    lea_session_ = SignIn("lea@sono.fr");
  }

  long long Mission(const std::string& title, const std::string& starts, const std::string& ends,
                    long long crew) {
    auto res = Send("POST", "/api/v1/missions", &manager_,
                    {{"title", title},
                     {"status", "confirmed"},
                     {"address", "Salle des fêtes, 37000 Tours"},
                     {"starts_at", starts},
                     {"ends_at", ends},
                     {"crew", {{{"user_id", crew}, {"position", "dj"}, {"lead", true}}}}});
    EXPECT_EQ(res->status, 201) << res->body;
    return Json(res)["id"].get<long long>();
  }

  // POST /connect, then the browser at Google's consent (which consents at once) and back to
  // our callback with the flow cookie: the callback's redirect.
  std::string Connect(const BrowserSession& who, const json& body,
                      const std::string& tamper_state = "") {
    auto start = Send("POST", "/api/v1/google-calendar/connect", &who, body);
    EXPECT_EQ(start->status, 200) << start->body;
    if (start->status != 200) return "";
    const std::string flow = CookieValueOf(CookieFrom(start, "planify_gcal"));
    const std::string url = Json(start)["url"];
    httplib::Client browser(google_.base_url());
    auto consent = browser.Get(url.substr(google_.base_url().size()));
    EXPECT_EQ(consent->status, 302);
    std::string back = consent->get_header_value("Location");
    const std::string ours = "http://planify.test";
    EXPECT_EQ(back.rfind(ours + "/api/v1/google-calendar/callback?", 0), 0u) << back;
    back = back.substr(ours.size());
    if (!tamper_state.empty()) {
      back = std::regex_replace(back, std::regex("state=[0-9a-f]+"), "state=" + tamper_state);
    }
    auto client = Client();
    auto res = client.Get(back, {{"Cookie", who.CookieHeader() + "; planify_gcal=" + flow}});
    EXPECT_EQ(res->status, 302) << res->body;
    return res->get_header_value("Location");
  }

  int RunCalendarJobs() {
    jobs::JobRegistry registry;
    app::RegisterCalendarJobs(registry, clock_, calendar_cipher_, provider_.get(),
                              "http://planify.test");
    jobs::WorkerOptions options;
    options.name = "test";
    jobs::Worker worker(*db_, clock_, registry, options);
    int ran = 0;
    while (worker.RunOne()) ++ran;
    return ran;
  }

  json Connections(const BrowserSession& who) {
    auto res = Send("GET", "/api/v1/google-calendar", &who);
    EXPECT_EQ(res->status, 200) << res->body;
    return Json(res);
  }

  // Events of the fake's calendar that are not deleted.
  std::vector<json> LiveEvents(const std::string& calendar) {
    std::vector<json> out;
    for (const auto& [id, event] : google_.events(calendar)) {
      if (!event.deleted) out.push_back(event.body);
    }
    return out;
  }

  FakeGoogle google_;
  std::unique_ptr<integrations::GoogleCalendarClient> provider_;
  integrations::SecretBox calendar_cipher_{"a test server secret of at least thirty-two characters",
                                           "calendar"};
  OrganizationId org_;
  long long lea_ = 0;
  long long tom_ = 0;
  BrowserSession manager_;
  BrowserSession lea_session_;
};

TEST_F(GoogleCalendarConnect, AMemberConnectsAndHerMissionsAndBusyTimeFollow) {
  const long long wedding =
      Mission("Mariage Dupont", "2027-06-12T18:00:00+02:00", "2027-06-13T02:00:00+02:00", lea_);
  Mission("Bal de Tom", "2027-06-19T18:00:00+02:00", "2027-06-19T23:00:00+02:00", tom_);
  // Her Google calendar: the wedding we will put there, and a private dinner on the 26th.
  google_.SetBusy(
      "primary",
      json::array({{{"start", "2027-06-12T16:00:00Z"}, {"end", "2027-06-13T00:00:00Z"}},
                   {{"start", "2027-06-26T17:00:00Z"}, {"end", "2027-06-26T22:00:00Z"}}}));

  const json before = Connections(lea_session_);
  EXPECT_EQ(before["available"], true);
  EXPECT_TRUE(before["items"].empty());

  auto start = Send("POST", "/api/v1/google-calendar/connect", &lea_session_,
                    {{"scope", "personal"}, {"import_busy", true}});
  ASSERT_EQ(start->status, 200) << start->body;
  const std::string cookie = CookieFrom(start, "planify_gcal");
  EXPECT_NE(cookie.find("Path=/api/v1/google-calendar/callback"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  httplib::Client browser(google_.base_url());
  (void)browser.Get(Json(start)["url"].get<std::string>().substr(google_.base_url().size()));
  auto consent = google_.last_consent();
  EXPECT_EQ(consent["scope"],
            "openid email https://www.googleapis.com/auth/calendar.events "
            "https://www.googleapis.com/auth/calendar.freebusy");
  EXPECT_EQ(consent["code_challenge_method"], "S256");
  EXPECT_EQ(consent["access_type"], "offline");
  EXPECT_EQ(consent["login_hint"], "lea@sono.fr");
  EXPECT_EQ(consent["redirect_uri"], "http://planify.test/api/v1/google-calendar/callback");

  EXPECT_EQ(Connect(lea_session_, {{"scope", "personal"}, {"import_busy", true}}),
            "/profil?google=connecte#calendriers");
  json list = Connections(lea_session_);
  ASSERT_EQ(list["items"].size(), 1u) << list.dump();
  const json connection = list["items"][0];
  EXPECT_EQ(connection["account_email"], "lea@sono.fr");
  EXPECT_EQ(connection["calendar_id"], "primary");
  EXPECT_EQ(connection["import_busy"], true);
  EXPECT_EQ(connection["status"], "active");
  EXPECT_FALSE(list.dump().find("refresh") != std::string::npos) << list.dump();
  // Nobody else sees it.
  EXPECT_TRUE(Connections(manager_)["items"].empty());

  EXPECT_GE(RunCalendarJobs(), 2);
  auto events = LiveEvents("primary");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["summary"], "Mariage Dupont");
  EXPECT_EQ(Connections(lea_session_)["items"][0]["events"], 1);
  EXPECT_FALSE(Connections(lea_session_)["items"][0]["last_synced_at"].is_null());

  // Busy time: the dinner is there as "Google", the wedding's own slot is not.
  auto off =
      Json(Send("GET", "/api/v1/unavailability?from=2027-06-01T00:00:00Z&to=2027-07-01T00:00:00Z",
                &manager_));
  ASSERT_EQ(off["items"].size(), 1u) << off.dump();
  EXPECT_EQ(off["items"][0]["source"], "google");
  EXPECT_EQ(off["items"][0]["starts_at"], "2027-06-26T17:00:00.000Z");
  EXPECT_EQ(off["items"][0]["reason"], "Occupé (agenda Google)");
  // ... and it blocks a mission for her then, but not for Tom.
  auto blocked = Send("POST", "/api/v1/missions/check", &manager_,
                      {{"starts_at", "2027-06-26T20:00:00+02:00"},
                       {"ends_at", "2027-06-26T23:00:00+02:00"},
                       {"crew", {{{"user_id", lea_}}}}});
  ASSERT_EQ(blocked->status, 200) << blocked->body;
  EXPECT_EQ(Json(blocked)["blocking"], true);
  EXPECT_EQ(Json(blocked)["conflicts"][0]["kind"], "crew_unavailable");
  auto free_tom = Send("POST", "/api/v1/missions/check", &manager_,
                       {{"starts_at", "2027-06-26T20:00:00+02:00"},
                        {"ends_at", "2027-06-26T23:00:00+02:00"},
                        {"crew", {{{"user_id", tom_}}}}});
  EXPECT_EQ(Json(free_tom)["blocking"], false);
  // Google's period is not hers to delete here.
  const std::string busy_id = std::to_string(off["items"][0]["id"].get<long long>());
  EXPECT_EQ(Send("DELETE", "/api/v1/unavailability/" + busy_id, &lea_session_)->status, 409);

  // The mission page: synchronised for Léa; moved, it is behind until the job runs.
  const std::string sync_path = "/api/v1/missions/" + std::to_string(wedding) + "/calendar-sync";
  json state = Json(Send("GET", sync_path, &manager_));
  ASSERT_EQ(state["items"].size(), 1u) << state.dump();
  EXPECT_EQ(state["items"][0]["user"]["id"], lea_);
  EXPECT_EQ(state["items"][0]["pushed"], true);
  EXPECT_EQ(state["items"][0]["up_to_date"], true);
  auto moved =
      Send("POST", "/api/v1/missions/" + std::to_string(wedding) + "/reschedule", &manager_,
           {{"starts_at", "2027-06-12T19:00:00+02:00"}, {"ends_at", "2027-06-13T03:00:00+02:00"}});
  ASSERT_EQ(moved->status, 200) << moved->body;
  EXPECT_EQ(Json(Send("GET", sync_path, &manager_))["items"][0]["up_to_date"], false);
  RunCalendarJobs();
  EXPECT_EQ(Json(Send("GET", sync_path, &lea_session_))["items"][0]["up_to_date"], true);
  events = LiveEvents("primary");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["start"]["dateTime"], "2027-06-12T17:00:00.000Z");

  // Disconnecting: hidden at once, busy time gone at once; the job deletes the event and
  // revokes the grant.
  const std::string id = std::to_string(connection["id"].get<long long>());
  EXPECT_EQ(Send("DELETE", "/api/v1/google-calendar/" + id, &manager_)->status, 404);
  EXPECT_EQ(Send("DELETE", "/api/v1/google-calendar/" + id, &lea_session_)->status, 204);
  EXPECT_TRUE(Connections(lea_session_)["items"].empty());
  off = Json(Send("GET", "/api/v1/unavailability?from=2027-06-01T00:00:00Z&to=2027-07-01T00:00:00Z",
                  &manager_));
  EXPECT_TRUE(off["items"].empty()) << off.dump();
  RunCalendarJobs();
  EXPECT_TRUE(LiveEvents("primary").empty());
  EXPECT_EQ(google_.revoked_tokens().size(), 1u);
  EXPECT_EQ(Count("calendar_connections"), 0);
  EXPECT_EQ(Count("calendar_event_links"), 0);
}

TEST_F(GoogleCalendarConnect, ARevokedGrantShowsOnTheProfileAndReconnectingRepairsIt) {
  Mission("Mariage", "2027-06-12T18:00:00+02:00", "2027-06-13T02:00:00+02:00", lea_);
  ASSERT_EQ(Connect(lea_session_, {{"scope", "personal"}}), "/profil?google=connecte#calendriers");
  RunCalendarJobs();
  ASSERT_EQ(LiveEvents("primary").size(), 1u);

  google_.RevokeGrantOf("lea@sono.fr");
  Mission("Gala", "2027-07-04T18:00:00+02:00", "2027-07-04T23:00:00+02:00", lea_);
  RunCalendarJobs();
  json broken = Connections(lea_session_)["items"][0];
  EXPECT_EQ(broken["status"], "broken");
  EXPECT_NE(broken["last_error"].get<std::string>().find("reconnectez votre compte Google"),
            std::string::npos)
      << broken.dump();
  const std::string id = std::to_string(broken["id"].get<long long>());
  EXPECT_EQ(Send("POST", "/api/v1/google-calendar/" + id + "/sync", &lea_session_)->status, 409);

  // Reconnecting the same account and calendar keeps the events: no duplicate.
  ASSERT_EQ(Connect(lea_session_, {{"scope", "personal"}}), "/profil?google=connecte#calendriers");
  json repaired = Connections(lea_session_)["items"];
  ASSERT_EQ(repaired.size(), 1u);
  EXPECT_EQ(repaired[0]["id"], broken["id"]);
  EXPECT_EQ(repaired[0]["status"], "active");
  EXPECT_TRUE(repaired[0]["last_error"].is_null());
  RunCalendarJobs();
  EXPECT_EQ(LiveEvents("primary").size(), 2u);
  EXPECT_EQ(Send("POST", "/api/v1/google-calendar/" + id + "/sync", &lea_session_)->status, 202);
}

TEST_F(GoogleCalendarConnect, TheFlowOnlyCompletesForItsMemberWithWhatItAskedFor) {
  // Another member's flow cookie, a forged state, no cookie, Google's "cancel": nothing made.
  auto start = Send("POST", "/api/v1/google-calendar/connect", &lea_session_, json::object());
  ASSERT_EQ(start->status, 200);
  const std::string leas_flow = CookieValueOf(CookieFrom(start, "planify_gcal"));
  httplib::Client browser(google_.base_url());
  auto consent = browser.Get(
      Json(start)["url"].get<std::string>().substr(std::string(google_.base_url()).size()));
  std::string back =
      consent->get_header_value("Location").substr(std::string("http://planify.test").size());
  auto client = Client();
  auto tom = SignIn("tom@sono.fr");
  auto as_tom = client.Get(back, {{"Cookie", tom.CookieHeader() + "; planify_gcal=" + leas_flow}});
  EXPECT_EQ(as_tom->get_header_value("Location"), "/profil?google=expire#calendriers");
  auto no_cookie = client.Get(back, {{"Cookie", lea_session_.CookieHeader()}});
  EXPECT_EQ(no_cookie->get_header_value("Location"), "/profil?google=expire#calendriers");
  auto cancelled = client.Get("/api/v1/google-calendar/callback?error=access_denied",
                              {{"Cookie", lea_session_.CookieHeader()}});
  EXPECT_EQ(cancelled->get_header_value("Location"), "/profil?google=annule#calendriers");
  auto anonymous = client.Get(back, {{"Cookie", "planify_gcal=" + leas_flow}});
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_EQ(Connect(lea_session_, json::object(), "00ff00ff"), "/profil?google=expire#calendriers");
  // A flow ten minutes old has expired.
  auto late = Send("POST", "/api/v1/google-calendar/connect", &lea_session_, json::object());
  const std::string late_flow = CookieValueOf(CookieFrom(late, "planify_gcal"));
  auto late_consent = browser.Get(
      Json(late)["url"].get<std::string>().substr(std::string(google_.base_url()).size()));
  clock_.Set(clock_.Now() + std::chrono::minutes(11));
  auto expired = client.Get(
      late_consent->get_header_value("Location").substr(std::string("http://planify.test").size()),
      {{"Cookie", lea_session_.CookieHeader() + "; planify_gcal=" + late_flow}});
  EXPECT_EQ(expired->get_header_value("Location"), "/profil?google=expire#calendriers");
  EXPECT_EQ(Count("calendar_connections"), 0);

  // The member unticks "manage events": refused, and the grant handed back.
  google_.UntickOnConsent("https://www.googleapis.com/auth/calendar.events");
  EXPECT_EQ(Connect(lea_session_, json::object()), "/profil?google=refuse#calendriers");
  EXPECT_EQ(google_.revoked_tokens().size(), 1u);
  // Unticking free/busy only: connected, without busy time.
  google_.UntickOnConsent("https://www.googleapis.com/auth/calendar.freebusy");
  EXPECT_EQ(Connect(lea_session_, {{"import_busy", true}}), "/profil?google=connecte#calendriers");
  EXPECT_EQ(Connections(lea_session_)["items"][0]["import_busy"], false);
  google_.UntickOnConsent("");

  // A calendar the account cannot reach is refused at the callback.
  auto tom_start = Connect(tom, {{"calendar_id", "inconnu@group.calendar.google.com"}});
  EXPECT_EQ(tom_start, "/profil?google=refuse#calendriers");
  google_.AddCalendar("famille@group.calendar.google.com");
  EXPECT_EQ(Connect(tom, {{"calendar_id", "famille@group.calendar.google.com"}}),
            "/profil?google=connecte#calendriers");
  EXPECT_EQ(Connections(tom)["items"][0]["calendar_id"], "famille@group.calendar.google.com");
}

TEST_F(GoogleCalendarConnect, BadRequestsAreRefusedWithReasons) {
  auto bad = Send("POST", "/api/v1/google-calendar/connect", &lea_session_,
                  {{"scope", "everything"}, {"calendar_id", "a b/c"}});
  ASSERT_EQ(bad->status, 422) << bad->body;
  auto fields = Json(bad)["error"]["fields"];
  ASSERT_EQ(fields.size(), 2u) << bad->body;
  auto busy_org = Send("POST", "/api/v1/google-calendar/connect", &manager_,
                       {{"scope", "organization"}, {"import_busy", true}});
  EXPECT_EQ(busy_org->status, 422) << busy_org->body;
  // Crew cannot push the whole organisation's missions.
  EXPECT_EQ(
      Send("POST", "/api/v1/google-calendar/connect", &lea_session_, {{"scope", "organization"}})
          ->status,
      403);
  EXPECT_EQ(Send("POST", "/api/v1/google-calendar/connect", &manager_, {{"scope", "organization"}})
                ->status,
            200);
  EXPECT_EQ(Send("POST", "/api/v1/google-calendar/connect", &lea_session_, {{"import_busy", "oui"}})
                ->status,
            422);
  EXPECT_EQ(Send("POST", "/api/v1/google-calendar/999/sync", &lea_session_)->status, 404);
  EXPECT_EQ(Send("DELETE", "/api/v1/google-calendar/abc", &lea_session_)->status, 404);
}

// Without Google configured the page says so and the flow does not start.
class GoogleCalendarOff : public AuthFixture {};

TEST_F(GoogleCalendarOff, ThePageSaysItIsUnavailable) {
  auto org = SeedOrganization("Sono Pro");
  SeedMember(org, "lea@sono.fr", "dj");
  auto lea = SignIn("lea@sono.fr");
  auto list = Send("GET", "/api/v1/google-calendar", &lea);
  ASSERT_EQ(list->status, 200);
  EXPECT_EQ(Json(list)["available"], false);
  EXPECT_EQ(Send("POST", "/api/v1/google-calendar/connect", &lea, json::object())->status, 404);
}

}  // namespace
}  // namespace planify::testing
