// The landing page's figures through the real server, on SQLite and PostgreSQL
// (docs/dashboard.md): the office's agenda
// with its gaps, money as the books have it (standard invoices less credit notes, payments
// received, still due and overdue oldest first), quotes waiting; a technician's own missions,
// time off and no money; another organisation's documents never counted.
#include <gtest/gtest.h>

#include "http/payments_fixture.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

class Dashboard : public PaymentsFixture, public ::testing::WithParamInterface<store::Dialect> {
 protected:
  void SetUp() override {
    auto url = BackendUrl(GetParam() == store::Dialect::kPostgres, dir_);
    if (!url) GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    database_url_ = *url;
    PaymentsFixture::SetUp();
  }

  json Get(const BrowserSession& who) {
    auto res = Send("GET", "/api/v1/dashboard", &who);
    EXPECT_EQ(res->status, 200) << res->body;
    return Json(res);
  }

  long long Mission(const BrowserSession& planner, const std::string& title,
                    const std::string& starts, const std::string& ends, const json& crew) {
    auto res = Send("POST", "/api/v1/missions", &planner,
                    {{"title", title},
                     {"status", "confirmed"},
                     {"address", "Salle des fêtes, 37000 Tours"},
                     {"starts_at", starts},
                     {"ends_at", ends},
                     {"crew", crew}});
    EXPECT_EQ(res->status, 201) << res->body;
    return Json(res)["id"].get<long long>();
  }
};

TEST_P(Dashboard, TheOfficeSeesTheWeekItsMoneyAndItsQuotesTheCrewOnlyItsOwn) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  const long long tom = SeedMember(business.org, "tom@sono.fr", "technician").value;
  auto tom_session = SignIn("tom@sono.fr");
  // Another organisation's invoice: never in our figures.
  auto other = SeedBusiness("Autre Sono", "boss@autre.fr");
  IssuedInvoice(other, 999900);

  // Money: two invoices this month (one due at once), a payment, a credit note.
  auto [due_later, _] = IssuedInvoice(business, 100000, "Mariage", 30);
  auto [due_now, __] = IssuedInvoice(business, 50000, "Anniversaire", 0);
  auto paid =
      Send("POST", "/api/v1/invoices/" + std::to_string(due_later) + "/payments", &business.owner,
           {{"method", "bank_transfer"},
            {"reference", "VIR-001"},
            {"amount_cents", 20000},
            {"received_on", "2026-11-25"}});
  ASSERT_EQ(paid->status, 201) << paid->body;
  auto credit = Send("POST", "/api/v1/invoices/" + std::to_string(due_now) + "/credit-notes",
                     &business.owner, {{"amount_cents", 12000}, {"reason", "Geste commercial"}});
  ASSERT_EQ(credit->status, 201) << credit->body;
  const long long credit_net = Json(credit)["total_net_cents"];
  // Quotes: one waiting until the 30th (expiring this week), one until next year.
  SentQuote(business, 80000, "2026-11-30");
  SentQuote(business, 40000, "2027-06-30");

  // Agenda: tomorrow with Tom (no DJ), the day after with nobody, next month (out of the week).
  const long long tomorrow =
      Mission(business.owner, "Concert", "2026-11-26T20:00:00+01:00", "2026-11-26T23:00:00+01:00",
              {{{"user_id", tom}, {"position", "technician"}}});
  Mission(business.owner, "Gala", "2026-11-27T20:00:00+01:00", "2026-11-27T23:00:00+01:00",
          json::array());
  Mission(business.owner, "Bal", "2026-12-20T20:00:00+01:00", "2026-12-20T23:00:00+01:00",
          {{{"user_id", tom}, {"position", "technician"}}});

  // Gear with a check every 7 days, made today: due within the fortnight.
  auto lyre = Send("POST", "/api/v1/equipment", &business.owner,
                   {{"name", "Lyre Beam 230"}, {"maintenance_interval_days", 7}});
  ASSERT_EQ(lyre->status, 201) << lyre->body;

  json office = Get(business.owner);
  EXPECT_EQ(office["today"], "2026-11-25");
  EXPECT_EQ(office["whole_team"], true);
  ASSERT_EQ(office["agenda"].size(), 2u) << office["agenda"].dump();
  EXPECT_EQ(office["agenda"][0]["id"], tomorrow);
  EXPECT_EQ(office["agenda"][0]["crew"][0]["name"], "tom");
  EXPECT_EQ(office["agenda"][0]["gaps"], json::array({"no_dj"}));
  EXPECT_EQ(office["agenda"][1]["gaps"], json::array({"no_crew"}));

  const json& money = office["money"];
  // Sums from the documents API, independently.
  auto invoices = Json(Send("GET", "/api/v1/invoices", &business.owner))["items"];
  long long net = 0;
  long long remaining = 0;
  for (const auto& i : invoices) {
    net += i["total_net_cents"].get<long long>();
    remaining += i["remaining_cents"].get<long long>();
  }
  EXPECT_EQ(money["invoiced_net_cents"], net - credit_net);
  EXPECT_EQ(money["invoiced_net_last_year_cents"], 0);
  EXPECT_EQ(money["collected_cents"], 20000);
  EXPECT_EQ(money["due_cents"], remaining);
  EXPECT_EQ(money["overdue_count"], 0);
  const json& quotes = office["quotes"];
  EXPECT_EQ(quotes["awaiting"], 2);
  EXPECT_EQ(quotes["awaiting_gross_cents"], 96000 + 48000);
  ASSERT_EQ(quotes["expiring"].size(), 1u);
  EXPECT_EQ(quotes["expiring"][0]["valid_until"], "2026-11-30");
  EXPECT_TRUE(office["late_gear"].is_array());
  ASSERT_EQ(office["maintenance_due"].size(), 1u) << office.dump();
  EXPECT_EQ(office["maintenance_due"][0]["name"], "Lyre Beam 230");
  EXPECT_EQ(office["maintenance_due"][0]["due_on"], "2026-12-02");
  EXPECT_EQ(office["maintenance_due"][0]["overdue"], false);

  // The technician: his own missions (the week and beyond), no money, no quotes.
  json crew = Get(tom_session);
  EXPECT_EQ(crew["whole_team"], false);
  ASSERT_EQ(crew["agenda"].size(), 2u) << crew["agenda"].dump();
  EXPECT_EQ(crew["agenda"][0]["title"], "Concert");
  EXPECT_EQ(crew["agenda"][1]["title"], "Bal");
  EXPECT_TRUE(crew["money"].is_null());
  EXPECT_TRUE(crew["quotes"].is_null());
  EXPECT_TRUE(crew["late_gear"].is_null());
  EXPECT_TRUE(crew["maintenance_due"].is_null());
  EXPECT_EQ(crew.dump().find("cents"), std::string::npos) << crew.dump();

  // Ten days on: the invoice due at once is overdue; the quote of the 30th no longer waits.
  clock_.Set(*domain::ParseIsoUtc("2026-12-05T09:00:00.000Z"));
  auto overdue_session = SignIn("greg@sono-lumiere.fr");
  json later = Get(overdue_session);
  ASSERT_EQ(later["money"]["overdue_count"], 1);
  EXPECT_EQ(later["money"]["overdue"][0]["id"], due_now);
  EXPECT_EQ(later["maintenance_due"][0]["overdue"], true);
  EXPECT_EQ(later["money"]["overdue"][0]["remaining_cents"], 60000 - 12000);
  EXPECT_EQ(later["money"]["overdue_cents"], 48000);
  EXPECT_EQ(later["money"]["invoiced_net_cents"], 0) << "December: nothing invoiced yet";
  EXPECT_EQ(later["quotes"]["awaiting"], 1);
}

TEST_P(Dashboard, ATechniciansTimeOffAndGearOutAreHis) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  SeedMember(business.org, "tom@sono.fr", "technician");
  auto tom = SignIn("tom@sono.fr");
  auto off = Send("POST", "/api/v1/unavailability", &tom,
                  {{"starts_at", "2026-12-10T00:00:00+01:00"},
                   {"ends_at", "2026-12-12T00:00:00+01:00"},
                   {"reason", "Congés"}});
  ASSERT_EQ(off->status, 201) << off->body;
  json d = Get(tom);
  ASSERT_EQ(d["time_off"].size(), 1u);
  EXPECT_EQ(d["time_off"][0]["reason"], "Congés");
  EXPECT_TRUE(d["my_gear"].empty());
  EXPECT_TRUE(d["agenda"].empty());
  // Anonymous: no dashboard.
  EXPECT_EQ(Send("GET", "/api/v1/dashboard", nullptr)->status, 401);
}

std::string BackendName(const ::testing::TestParamInfo<store::Dialect>& param) {
  return param.param == store::Dialect::kPostgres ? "PostgreSQL" : "SQLite";
}

INSTANTIATE_TEST_SUITE_P(Backends, Dashboard,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace planify::testing
