// iCalendar feeds through the real server (docs/calendar-sync.md), each read back by an
// independent parser (python3-icalendar, tests/tools/read_ical.py): UTC instants across the
// summer-time changes, escaping and folding, cancellation, conditional requests, rotation and
// revocation, and what each feed may show.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "http/auth_fixture.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

class CalendarFeeds : public AuthFixture {
 protected:
  void SetUp() override {
    AuthFixture::SetUp();
    org_ = SeedOrganization("Sono Pro");
    SeedMember(org_, "manager@sono.fr", "manager");
    claire_ = SeedMember(org_, "claire@sono.fr", "dj").value;
    tom_ = SeedMember(org_, "tom@sono.fr", "technician").value;
    manager_ = SignIn("manager@sono.fr");
    claire_session_ = SignIn("claire@sono.fr");
  }

  // A mission on Paris wall-clock times ("2027-03-28T20:00:00+02:00"): its id.
  long long Mission(const std::string& title, const std::string& starts, const std::string& ends,
                    long long crew, const std::string& description = "") {
    auto res = Send("POST", "/api/v1/missions", &manager_,
                    {{"title", title},
                     {"status", "confirmed"},
                     {"address", "Château de la Loire, 37000 Tours"},
                     {"starts_at", starts},
                     {"ends_at", ends},
                     {"description", description},
                     {"notes", "Code portail 1234"},
                     {"crew", {{{"user_id", crew}, {"position", "dj"}, {"lead", true}}}}});
    EXPECT_EQ(res->status, 201) << res->body;
    return Json(res)["id"].get<long long>();
  }

  // The feed's path on this server, from the URL the API gives.
  static std::string PathOf(const json& feed) {
    std::string url = feed["url"];
    return url.substr(std::string("http://planify.test").size());
  }

  // What the independent parser reads in a feed's body.
  json Read(const std::string& ics) {
    const auto file = dir_.path() / "feed.ics";
    const auto out = dir_.path() / "feed.json";
    std::ofstream(file, std::ios::binary) << ics;
    const std::string source = PLANIFY_SOURCE_DIR;
    const std::string command = "/usr/bin/python3 '" + source + "/tests/tools/read_ical.py' '" +
                                file.string() + "' > '" + out.string() + "'";
    EXPECT_EQ(std::system(command.c_str()), 0) << ics;
    std::ifstream in(out);
    return json::parse(in, nullptr, false);
  }

  static const json* Event(const json& feed, const std::string& uid_prefix) {
    for (const auto& e : feed["events"]) {
      if (e["uid"].get<std::string>().rfind(uid_prefix, 0) == 0) return &e;
    }
    return nullptr;
  }

  OrganizationId org_;
  long long claire_ = 0;
  long long tom_ = 0;
  BrowserSession manager_;
  BrowserSession claire_session_;
};

TEST_F(CalendarFeeds, AMembersFeedReadsBackExactlyAcrossSummerTimeChanges) {
  // 20:00 → 23:00 in Paris the evenings around both changes of 2027.
  const long long before_spring =
      Mission("Soirée A", "2027-03-27T20:00:00+01:00", "2027-03-27T23:00:00+01:00", claire_);
  const long long after_spring =
      Mission("Soirée B", "2027-03-28T20:00:00+02:00", "2027-03-28T23:00:00+02:00", claire_);
  const long long before_autumn =
      Mission("Soirée C", "2027-10-30T20:00:00+02:00", "2027-10-30T23:00:00+02:00", claire_);
  // Across the autumn change itself: 01:00 → 05:00, the 02:00-03:00 hour happening twice.
  const long long across =
      Mission("Nuit D", "2027-10-31T01:00:00+02:00", "2027-10-31T05:00:00+01:00", claire_);
  std::string long_text;
  while (long_text.size() < 200) long_text += "Éléonore préfère l'été à Noël ; ";
  long_text += "fin.";
  const std::string title = "Mariage Dupont, DJ; set \\ final";
  const long long tricky =
      Mission(title, "2027-06-12T18:00:00+02:00", "2027-06-13T02:00:00+02:00", claire_, long_text);
  Mission("Pas pour Claire", "2027-06-19T18:00:00+02:00", "2027-06-19T23:00:00+02:00", tom_);
  // Two weeks off, whole Paris days.
  ASSERT_EQ(Send("POST", "/api/v1/unavailability", &claire_session_,
                 {{"user_id", claire_},
                  {"starts_at", "2027-08-01T00:00:00+02:00"},
                  {"ends_at", "2027-08-15T00:00:00+02:00"},
                  {"reason", "Congés"}})
                ->status,
            201);

  auto created = Send("POST", "/api/v1/calendar-feeds", &claire_session_, {{"scope", "personal"}});
  ASSERT_EQ(created->status, 201) << created->body;
  const json feed = Json(created);
  EXPECT_EQ(feed["url"].get<std::string>().rfind("http://planify.test/api/v1/public/calendar/cal_"),
            0U);
  EXPECT_EQ(feed["webcal_url"].get<std::string>().rfind("webcal://planify.test/", 0), 0U);
  EXPECT_EQ(
      Send("POST", "/api/v1/calendar-feeds", &claire_session_, {{"scope", "personal"}})->status,
      409)
      << "one personal feed, rotated rather than duplicated";

  auto qr =
      Send("GET", "/api/v1/calendar-feeds/" + std::to_string(feed["id"].get<long long>()) + "/qr",
           &claire_session_);
  ASSERT_EQ(qr->status, 200) << qr->body;
  EXPECT_EQ(qr->get_header_value("Content-Type"), "image/svg+xml");
  EXPECT_EQ(qr->get_header_value("Cache-Control"), "private, no-store");
  EXPECT_EQ(
      Send("GET", "/api/v1/calendar-feeds/" + std::to_string(feed["id"].get<long long>()) + "/qr",
           &manager_)
          ->status,
      404)
      << "another member's feed";

  auto res = Send("GET", PathOf(feed), nullptr);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_FALSE(res->get_header_value("ETag").empty());
  EXPECT_FALSE(res->get_header_value("Last-Modified").empty());
  const json read = Read(res->body);
  ASSERT_TRUE(read.is_object()) << res->body;
  EXPECT_LE(read["max_octets"], 75) << res->body;
  EXPECT_EQ(read["bare_line_feeds"], 0);
  EXPECT_EQ(read["time_zone"], "Europe/Paris");
  ASSERT_EQ(read["events"].size(), 6U) << "five missions and the time off, not Tom's";
  auto expect_times = [&](long long id, const std::string& start, const std::string& end) {
    const json* e = Event(read, "planify-mission-" + std::to_string(id) + "-");
    ASSERT_NE(e, nullptr) << id;
    EXPECT_EQ((*e)["start"], start) << id;
    EXPECT_EQ((*e)["end"], end) << id;
  };
  expect_times(before_spring, "2027-03-27T19:00:00Z", "2027-03-27T22:00:00Z");
  expect_times(after_spring, "2027-03-28T18:00:00Z", "2027-03-28T21:00:00Z");
  expect_times(before_autumn, "2027-10-30T18:00:00Z", "2027-10-30T21:00:00Z");
  expect_times(across, "2027-10-30T23:00:00Z", "2027-10-31T04:00:00Z");
  const json* wedding = Event(read, "planify-mission-" + std::to_string(tricky) + "-");
  ASSERT_NE(wedding, nullptr);
  EXPECT_EQ((*wedding)["summary"], title) << "escaped and folded, read back exactly";
  EXPECT_NE((*wedding)["description"].get<std::string>().find(long_text), std::string::npos)
      << (*wedding)["description"];
  EXPECT_NE((*wedding)["description"].get<std::string>().find("claire (DJ, responsable)"),
            std::string::npos);
  EXPECT_EQ((*wedding)["location"], "Château de la Loire, 37000 Tours");
  EXPECT_EQ((*wedding)["url"], "http://planify.test/missions/" + std::to_string(tricky));
  EXPECT_EQ((*wedding)["status"], "CONFIRMED");
  EXPECT_EQ(res->body.find("Code portail"), std::string::npos) << "internal notes stay out";
  const json* off = Event(read, "planify-off-");
  ASSERT_NE(off, nullptr);
  EXPECT_EQ((*off)["start"], "2027-08-01");
  EXPECT_EQ((*off)["end"], "2027-08-15");
  EXPECT_EQ((*off)["summary"], "Indisponible — Congés");

  // Nothing changed: 304 and no body.
  const std::string etag = res->get_header_value("ETag");
  auto again = Send("GET", PathOf(feed), nullptr, nullptr, {{"If-None-Match", etag}});
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());

  // Canceled: still in the feed, CANCELLED with a higher SEQUENCE, then gone after 30 days.
  const int sequence = (*wedding)["sequence"];
  ASSERT_EQ(Send("POST", "/api/v1/missions/" + std::to_string(tricky) + "/status", &manager_,
                 {{"status", "canceled"}, {"reason", "Mariage reporté"}})
                ->status,
            200);
  auto changed = Send("GET", PathOf(feed), nullptr, nullptr, {{"If-None-Match", etag}});
  ASSERT_EQ(changed->status, 200) << "the cancellation moved the tag";
  const json after = Read(changed->body);
  const json* canceled = Event(after, "planify-mission-" + std::to_string(tricky) + "-");
  ASSERT_NE(canceled, nullptr);
  EXPECT_EQ((*canceled)["status"], "CANCELLED");
  EXPECT_GT((*canceled)["sequence"].get<int>(), sequence);
  EXPECT_EQ((*canceled)["transp"], "TRANSPARENT");
  clock_.Set(clock_.Now() + std::chrono::days(31));
  const json later = Read(Send("GET", PathOf(feed), nullptr)->body);
  EXPECT_EQ(Event(later, "planify-mission-" + std::to_string(tricky) + "-"), nullptr);
  EXPECT_EQ(later["events"].size(), 5U);
  claire_session_ = SignIn("claire@sono.fr");  // a month on, the old session has expired

  // Rotation: the old URL is dead, the new one serves; revocation kills it too.
  auto rotated = Send(
      "POST", "/api/v1/calendar-feeds/" + std::to_string(feed["id"].get<long long>()) + "/rotate",
      &claire_session_);
  ASSERT_EQ(rotated->status, 200) << rotated->body;
  EXPECT_NE(Json(rotated)["url"], feed["url"]);
  auto old = Send("GET", PathOf(feed), nullptr);
  EXPECT_EQ(old->status, 404);
  EXPECT_EQ(Json(old)["error"]["code"], "NOT_FOUND");
  EXPECT_EQ(Send("GET", PathOf(Json(rotated)), nullptr)->status, 200);
  auto listed = Json(Send("GET", "/api/v1/calendar-feeds", &claire_session_));
  ASSERT_EQ(listed["items"].size(), 1U);
  EXPECT_EQ(listed["items"][0]["url"], Json(rotated)["url"]);
  EXPECT_FALSE(listed["items"][0]["last_fetched_at"].is_null());
  ASSERT_EQ(Send("DELETE",
                 "/api/v1/calendar-feeds/" + std::to_string(Json(rotated)["id"].get<long long>()),
                 &claire_session_)
                ->status,
            204);
  EXPECT_EQ(Send("GET", PathOf(Json(rotated)), nullptr)->status, 404);
  EXPECT_EQ(Send("GET", "/api/v1/public/calendar/cal_not-a-token.ics", nullptr)->status, 404);
}

TEST_F(CalendarFeeds, EachFeedShowsOnlyWhatItsOwnerMaySee) {
  Mission("Mariage Claire", "2027-06-12T18:00:00+02:00", "2027-06-13T02:00:00+02:00", claire_);
  const long long toms =
      Mission("Concert Tom", "2027-06-19T18:00:00+02:00", "2027-06-19T23:00:00+02:00", tom_);

  // The organisation's calendar is for planners.
  auto refused =
      Send("POST", "/api/v1/calendar-feeds", &claire_session_, {{"scope", "organization"}});
  EXPECT_EQ(refused->status, 403) << refused->body;
  auto bad = Send("POST", "/api/v1/calendar-feeds", &manager_,
                  {{"scope", "organization"}, {"statuses", {"confirmed", "bogus"}}});
  ASSERT_EQ(bad->status, 422);
  EXPECT_EQ(Json(bad)["error"]["fields"][0]["field"], "statuses");
  EXPECT_EQ(Count("calendar_feeds"), 0);

  auto all = Send("POST", "/api/v1/calendar-feeds", &manager_, {{"scope", "organization"}});
  ASSERT_EQ(all->status, 201) << all->body;
  auto toms_only =
      Send("POST", "/api/v1/calendar-feeds", &manager_,
           {{"scope", "organization"}, {"statuses", {"confirmed"}}, {"crew_user_id", tom_}});
  ASSERT_EQ(toms_only->status, 201) << toms_only->body;
  EXPECT_EQ(Json(toms_only)["crew_user_name"], "tom");
  const json everything = Read(Send("GET", PathOf(Json(all)), nullptr)->body);
  EXPECT_EQ(everything["events"].size(), 2U);
  const json just_tom = Read(Send("GET", PathOf(Json(toms_only)), nullptr)->body);
  ASSERT_EQ(just_tom["events"].size(), 1U);
  EXPECT_EQ(just_tom["events"][0]["uid"],
            "planify-mission-" + std::to_string(toms) + "@planify.test");

  // Another organisation's member: their feed never shows our missions, and our people are
  // not theirs to filter on.
  auto other = SeedOrganization("Autre Sono");
  SeedMember(other, "boss@autre.fr", "owner");
  auto boss = SignIn("boss@autre.fr");
  auto foreign_person = Send("POST", "/api/v1/calendar-feeds", &boss,
                             {{"scope", "organization"}, {"crew_user_id", claire_}});
  ASSERT_EQ(foreign_person->status, 422) << foreign_person->body;
  EXPECT_EQ(Json(foreign_person)["error"]["fields"][0]["field"], "crew_user_id");
  auto theirs = Send("POST", "/api/v1/calendar-feeds", &boss, {{"scope", "organization"}});
  ASSERT_EQ(theirs->status, 201);
  const json their_feed = Read(Send("GET", PathOf(Json(theirs)), nullptr)->body);
  EXPECT_EQ(their_feed["events"].size(), 0U);
  const std::string mine =
      "/api/v1/calendar-feeds/" + std::to_string(Json(all)["id"].get<long long>());
  EXPECT_EQ(Send("POST", mine + "/rotate", &boss)->status, 404);
  EXPECT_EQ(Send("DELETE", mine, &boss)->status, 404);
  EXPECT_EQ(Send("GET", PathOf(Json(all)), nullptr)->status, 200) << "untouched";

  // A feed reads as its owner today: demoted, the planner's feed closes; a disabled member's
  // personal feed too.
  auto personal = Send("POST", "/api/v1/calendar-feeds", &claire_session_, {{"scope", "personal"}});
  ASSERT_EQ(personal->status, 201);
  {
    auto lease = db_->Acquire();
    **lease << "UPDATE memberships SET role = 'dj' WHERE user_id IN (SELECT id FROM users WHERE "
               "email = 'manager@sono.fr')";
    **lease << "UPDATE users SET disabled_at = '2026-11-25T15:00:00.000Z' WHERE id = :id",
        soci::use(claire_);
  }
  EXPECT_EQ(Send("GET", PathOf(Json(all)), nullptr)->status, 404);
  EXPECT_EQ(Send("GET", PathOf(Json(personal)), nullptr)->status, 404);
}

}  // namespace
}  // namespace planify::testing
