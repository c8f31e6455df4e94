// Lists and the calendar answer a weak ETag; a matching If-None-Match gets 304 from the
// organisation's data version alone, without running the list's query
// (docs/architecture.md, "Revalidation").
#include <gtest/gtest.h>

#include <set>

#include "http/auth_fixture.hpp"

namespace planify::testing {
namespace {

class Revalidation : public AuthFixture {
 protected:
  void SetUp() override {
    AuthFixture::SetUp();
    org_ = SeedOrganization("Sono Pro");
    SeedMember(org_, "manager@sono.fr", "manager");
    greg_ = SeedMember(org_, "greg@sono.fr", "dj").value;
    auto other = SeedOrganization("Sono B");
    SeedMember(other, "owner@b.fr", "owner");
    manager_ = SignIn("manager@sono.fr");
    other_ = SignIn("owner@b.fr");
    auto client = Send("POST", "/api/v1/clients", &manager_, {{"name", "Mariage Dupont"}});
    client_ = Json(client)["id"].get<long long>();
    Mission("Mariage Dupont", "2027-06-12T18:00:00+02:00", "2027-06-13T02:00:00+02:00");
  }

  void Mission(const std::string& title, const std::string& starts_at, const std::string& ends_at) {
    auto res = Send("POST", "/api/v1/missions", &manager_,
                    {{"title", title},
                     {"client_id", client_},
                     {"starts_at", starts_at},
                     {"ends_at", ends_at},
                     {"crew", {{{"user_id", greg_}, {"position", "dj"}, {"lead", true}}}}});
    ASSERT_EQ(res->status, 201) << res->body;
  }

  // A concrete request for each revalidated route.
  static std::string PathFor(const std::string& pattern) {
    if (pattern == "/api/v1/calendar" || pattern == "/api/v1/unavailability" ||
        pattern == "/api/v1/equipment/availability") {
      return pattern + "?from=2027-06-01T00:00:00Z&to=2027-07-01T00:00:00Z";
    }
    return pattern;
  }

  std::vector<std::string> RevalidatedPaths() {
    std::vector<std::string> out;
    for (const auto& r : server_->router().Routes()) {
      if (r.access.revalidate) out.push_back(PathFor(r.pattern));
    }
    return out;
  }

  httplib::Result Get(const std::string& path, const BrowserSession& who,
                      const std::string& etag = "") {
    httplib::Headers headers;
    if (!etag.empty()) headers.emplace("If-None-Match", etag);
    return Send("GET", path, &who, nullptr, headers);
  }

  // Renames (or restores) the tables behind every list: a request that reads any of them fails.
  void HideTables(bool hide) {
    static const char* kTables[] = {"missions",
                                    "mission_crew",
                                    "clients",
                                    "venues",
                                    "storage_sites",
                                    "equipment_items",
                                    "catalogue_items",
                                    "pricing_rules",
                                    "quotes",
                                    "invoices",
                                    "payments",
                                    "crew_unavailability",
                                    "mission_field_definitions",
                                    "booking_settings",
                                    "booking_requests",
                                    "mission_ratings"};
    auto lease = db_->Acquire();
    for (const char* table : kTables) {
      std::string from = hide ? table : std::string(table) + "_hidden";
      std::string to = hide ? std::string(table) + "_hidden" : table;
      **lease << "ALTER TABLE " + from + " RENAME TO " + to;
    }
  }

  OrganizationId org_;
  long long greg_ = 0;
  long long client_ = 0;
  BrowserSession manager_;
  BrowserSession other_;
};

TEST_F(Revalidation, DownloadsAndOnlyDownloadsGoThroughTheAdmissionGate) {
  // Stored PDFs and files run a few at a time in arrival order (http/admission.hpp); a write
  // there could wait on the database's write lock while holding a slot readers need.
  int queued = 0;
  for (const auto& r : server_->router().Routes()) {
    const bool download =
        r.method == "GET" &&
        (r.pattern.ends_with("/pdf") || r.pattern.ends_with("/proof") ||
         r.pattern.ends_with("/xml") || r.pattern.starts_with("/api/v1/files/") ||
         r.pattern == "/api/v1/equipment/labels" || r.pattern.ends_with("/download") ||
         r.pattern == "/api/v1/accounting/fec" || r.pattern == "/api/v1/clients/:id/personal-data");
    EXPECT_EQ(r.access.queued, download) << r.method << " " << r.pattern;
    queued += r.access.queued ? 1 : 0;
  }
  EXPECT_GE(queued, 6);
}

TEST_F(Revalidation, EveryListAndTheCalendarAnswer304WithoutTouchingTheirTables) {
  // Every GET of a collection is revalidated, except those whose content changes without a
  // write to the organisation's tables (sessions, jobs, e-mails, audit, members' last sign-in)
  // or that are not the organisation's data.
  const std::set<std::string> not_revalidated = {
      "/api/v1/admin/emails", "/api/v1/admin/jobs", "/api/v1/admin/email-templates",
      "/api/v1/api-tokens", "/api/v1/auth/session", "/api/v1/me/sessions", "/api/v1/invitations",
      "/api/v1/auth/providers", "/api/v1/auth/google/start", "/api/v1/auth/google/callback",
      "/api/v1/members", "/api/v1/audit", "/api/v1/organization", "/api/v1/planning/settings",
      "/api/v1/setup",
      // The Stripe connection (admins, one object) and the events Stripe sent: a webhook
      // lands without an organisation's write.
      "/api/v1/payment-settings", "/api/v1/payment-events", "/api/v1/reminder-settings",
      // A lookup of one code and a PDF download: nothing a list would keep.
      "/api/v1/equipment/lookup", "/api/v1/equipment/labels",
      // Exports change as the worker makes them (progress), and the list of what may be
      // exported is fixed.
      "/api/v1/exports", "/api/v1/exports/entities",
      // Accounting: one settings object, a file made on demand, a computed summary.
      "/api/v1/accounting/settings", "/api/v1/accounting/fec", "/api/v1/accounting/vat",
      // Backups are files in a directory, not the organisation's rows.
      "/api/v1/admin/backups",
      // Uploaded legacy databases change as the worker checks and imports them.
      "/api/v1/admin/legacy-imports",
      // The caller's calendar feeds show when a subscriber last fetched them.
      "/api/v1/calendar-feeds",
      // Google connections change as the worker syncs them (last sync, errors).
      "/api/v1/google-calendar", "/api/v1/google-calendar/callback",
      // The dashboard moves with the clock (today, overdue), not only with the rows.
      "/api/v1/dashboard",
      // Crew profiles count their upcoming missions: the count moves with the clock.
      "/api/v1/crew-profiles",
      // Reports: aggregates of a period, and the ageing is counted from today.
      "/api/v1/reports",
      // Webhooks change as the worker delivers (failures, disabled).
      "/api/v1/webhooks",
      // A member's own notifications: marking one read is not an organisation's write.
      "/api/v1/notifications", "/api/v1/notifications/unread-count",
      "/api/v1/notifications/preferences", "/api/v1/push/key",
      // The instance's trackers: public, fixed while the server runs, no organisation.
      "/api/v1/site-config"};
  for (const auto& r : server_->router().Routes()) {
    bool collection = r.method == "GET" && r.pattern.rfind("/api/v1/", 0) == 0 &&
                      r.pattern.find(':') == std::string::npos;
    if (!collection || not_revalidated.contains(r.pattern)) continue;
    EXPECT_TRUE(r.access.revalidate) << r.pattern << " has no ETag";
  }

  std::map<std::string, std::string> tags;
  for (const auto& path : RevalidatedPaths()) {
    auto res = Get(path, manager_);
    ASSERT_EQ(res->status, 200) << path << " " << res->body;
    tags[path] = res->get_header_value("ETag");
    EXPECT_EQ(tags[path].rfind("W/\"", 0), 0u) << path;
    EXPECT_EQ(res->get_header_value("Cache-Control"), "private, no-cache") << path;
  }
  HideTables(true);
  for (const auto& path : RevalidatedPaths()) {
    auto res = Get(path, manager_, tags[path]);
    EXPECT_EQ(res->status, 304) << path << " " << res->body;
    EXPECT_TRUE(res->body.empty()) << path;
    EXPECT_EQ(res->get_header_value("ETag"), tags[path]) << path;
  }
  // The same requests without the tag do reach the tables, which are gone.
  auto unconditional = Get(PathFor("/api/v1/calendar"), manager_);
  EXPECT_GE(unconditional->status, 500) << unconditional->body;
  HideTables(false);
  EXPECT_EQ(Get(PathFor("/api/v1/calendar"), manager_)->status, 200);
}

TEST_F(Revalidation, TheTagMovesWithEveryWriteTheCallerAndTheTime) {
  const std::string calendar = PathFor("/api/v1/calendar");
  auto first = Get(calendar, manager_);
  const std::string tag = first->get_header_value("ETag");
  ASSERT_EQ(Json(first)["missions"].size(), 1u);

  // Another organisation's writes leave it alone.
  ASSERT_EQ(Send("POST", "/api/v1/clients", &other_, {{"name", "Autre"}})->status, 201);
  EXPECT_EQ(Get(calendar, manager_, tag)->status, 304);

  // A new mission moves it, and the answer carries the mission.
  Mission("Anniversaire", "2027-06-19T18:00:00+02:00", "2027-06-20T01:00:00+02:00");
  auto changed = Get(calendar, manager_, tag);
  ASSERT_EQ(changed->status, 200);
  EXPECT_EQ(Json(changed)["missions"].size(), 2u);
  const std::string second = changed->get_header_value("ETag");
  EXPECT_NE(second, tag);
  EXPECT_EQ(Get(calendar, manager_, second)->status, 304);

  // Renaming a crew member changes what the calendar shows: the tag moves.
  {
    auto lease = db_->Acquire();
    **lease << "UPDATE users SET display_name = 'Grégoire' WHERE id = :id", soci::use(greg_);
  }
  auto renamed = Get(calendar, manager_, second);
  ASSERT_EQ(renamed->status, 200);
  EXPECT_EQ(Json(renamed)["missions"][0]["crew"][0]["name"], "Grégoire");
  const std::string third = renamed->get_header_value("ETag");

  // Another caller (the DJ sees only their own missions) and another query get other tags.
  auto greg = SignIn("greg@sono.fr");
  EXPECT_EQ(Get(calendar, greg, third)->status, 200);
  EXPECT_EQ(Get(calendar + "&status=planned", manager_, third)->status, 200);

  // A quarter of an hour later (lists show what is overdue today), the tag moves.
  clock_.Set(clock_.Now() + std::chrono::minutes(15));
  EXPECT_EQ(Get(calendar, manager_, third)->status, 200);

  // A list of tags matches when one does; "*" never does, so a refused request never gets 304.
  auto now = Get(calendar, manager_)->get_header_value("ETag");
  EXPECT_EQ(Get(calendar, manager_, "\"x\", " + now)->status, 304);
  EXPECT_EQ(Get(calendar, manager_, "*")->status, 200);
  EXPECT_EQ(Get("/api/v1/calendar?from=2027-06-01T00:00:00Z", manager_, "*")->status, 422);
  EXPECT_EQ(Send("GET", calendar, nullptr, nullptr, {{"If-None-Match", now}})->status, 401);
}

TEST_F(Revalidation, LargeJsonAnswersAreGzippedForClientsThatAcceptIt) {
  for (int day = 13; day < 20; ++day) {
    Mission("Soirée " + std::to_string(day), "2027-06-" + std::to_string(day) + "T18:00:00+02:00",
            "2027-06-" + std::to_string(day) + "T23:00:00+02:00");
  }
  const std::string missions = "/api/v1/missions?limit=200";
  auto plain = Get(missions, manager_);
  ASSERT_EQ(plain->status, 200);
  ASSERT_GT(plain->body.size(), 1024u);
  EXPECT_EQ(plain->get_header_value("Content-Encoding"), "");
  EXPECT_EQ(plain->get_header_value("Vary"), "Accept-Encoding");

  // httplib's client inflates the body itself; the header says it travelled gzipped.
  auto packed = Send("GET", missions, &manager_, nullptr, {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(packed->status, 200);
  EXPECT_EQ(packed->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(packed->body, plain->body);
  EXPECT_EQ(Send("GET", missions, &manager_, nullptr, {{"Accept-Encoding", "gzip;q=0, br"}})
                ->get_header_value("Content-Encoding"),
            "");
  // A small answer is not worth it.
  auto small =
      Send("GET", "/api/v1/mission-fields", &manager_, nullptr, {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(small->get_header_value("Content-Encoding"), "");
}

}  // namespace
}  // namespace planify::testing
