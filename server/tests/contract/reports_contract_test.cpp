// The reports page's figures through the real server, on SQLite and PostgreSQL
// (docs/reports.md): a year of invoices at three VAT rates, credit notes, a deposit and its final
// invoice, payments; revenue by month, VAT, money received, still due and the overdue ageing equal
// sums computed here from the documents API and what the requests answered, to the cent.
#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include "domain/local_time.hpp"
#include "http/payments_fixture.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

class Reports : public PaymentsFixture, public ::testing::WithParamInterface<store::Dialect> {
 protected:
  void SetUp() override {
    auto url = BackendUrl(GetParam() == store::Dialect::kPostgres, dir_);
    if (!url) GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    database_url_ = *url;
    PaymentsFixture::SetUp();
  }

  // Moves the clock; the owner signs in again (a session does not outlive its idle time).
  void At(const std::string& iso, Seeded* business = nullptr, const std::string& email = "") {
    clock_.Set(*domain::ParseApiInstant(iso));
    if (business != nullptr) business->owner = SignIn(email);
  }

  void Pay(const BrowserSession& who, long long invoice, long long cents, const std::string& on) {
    auto paid = Send("POST", "/api/v1/invoices/" + std::to_string(invoice) + "/payments", &who,
                     {{"method", "bank_transfer"},
                      {"reference", "VIR-" + on},
                      {"amount_cents", cents},
                      {"received_on", on}});
    ASSERT_EQ(paid->status, 201) << paid->body;
  }

  // Every invoice of the organisation, from the list API (pages of 200).
  json AllInvoices(const BrowserSession& who) {
    json all = json::array();
    for (int offset = 0;; offset += 200) {
      json page = Json(Send("GET", "/api/v1/invoices?limit=200&offset=" + std::to_string(offset),
                            &who))["items"];
      for (const auto& i : page) all.push_back(i);
      if (page.size() < 200) break;
    }
    return all;
  }
};

std::string BackendName(const ::testing::TestParamInfo<store::Dialect>& param) {
  return param.param == store::Dialect::kPostgres ? "PostgreSQL" : "SQLite";
}

long long DaysBetween(const std::string& a, const std::string& b) {
  auto day = [](const std::string& s) {
    return std::chrono::sys_days{std::chrono::year{std::stoi(s.substr(0, 4))} /
                                 std::stoi(s.substr(5, 2)) / std::stoi(s.substr(8, 2))};
  };
  return (day(b) - day(a)).count();
}

TEST_P(Reports, AYearOfDocumentsReconcilesWithTheDocumentsApiToTheCent) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  auto other = SeedBusiness("Autre Sono", "boss@autre.fr");
  At("2026-03-02T09:00:00Z", &other, "boss@autre.fr");
  IssuedInvoice(other, 999900);  // never in our figures

  // Credit notes and payments as the requests answered them, by month.
  std::map<std::string, long long> credited_net;
  std::map<std::string, long long> credited_vat;
  std::map<std::string, long long> collected;
  for (int m = 1; m <= 12; ++m) {
    char day[32];
    std::snprintf(day, sizeof day, "2026-%02d-05", m);
    const std::string month = std::string(day).substr(0, 7);
    At(std::string(day) + "T09:00:00Z", &business, "greg@sono-lumiere.fr");
    const long long invoice =
        IssuedInvoiceWithLines(business, {{10000 * m + 37, 2000}, {5000 + m, 1000}, {1999, 550}});
    if (m % 3 == 0) {
      auto credit = Send("POST", "/api/v1/invoices/" + std::to_string(invoice) + "/credit-notes",
                         &business.owner, {{"amount_cents", 3000 + m}, {"reason", "Geste"}});
      ASSERT_EQ(credit->status, 201) << credit->body;
      json note = Json(credit);
      EXPECT_EQ(note["issue_date"], day);
      credited_net[month] += note["total_net_cents"].get<long long>();
      credited_vat[month] += note["total_vat_cents"].get<long long>();
    }
    if (m % 2 == 0) {
      Pay(business.owner, invoice, 10000 + m, day);
      collected[month] += 10000 + m;
    }
  }
  // June: a signed quote, its deposit invoice paid, then the final invoice deducting it.
  At("2026-06-20T09:00:00Z", &business, "greg@sono-lumiere.fr");
  auto [quote, token] = SignedQuote(business, 100000);
  auto deposit = Send("POST", "/api/v1/quotes/" + std::to_string(quote) + "/invoices",
                      &business.owner, {{"kind", "deposit"}, {"deposit_bp", 3000}});
  ASSERT_EQ(deposit->status, 201) << deposit->body;
  const long long deposit_id = Json(deposit)["id"];
  ASSERT_EQ(
      Send("POST", "/api/v1/invoices/" + std::to_string(deposit_id) + "/issue", &business.owner)
          ->status,
      200);
  const long long deposit_gross = Json(Send("GET", "/api/v1/invoices/" + std::to_string(deposit_id),
                                            &business.owner))["total_gross_cents"];
  Pay(business.owner, deposit_id, deposit_gross, "2026-06-20");
  collected["2026-06"] += deposit_gross;
  At("2026-07-15T09:00:00Z", &business, "greg@sono-lumiere.fr");
  auto final_invoice = Send("POST", "/api/v1/quotes/" + std::to_string(quote) + "/invoices",
                            &business.owner, {{"kind", "final"}});
  ASSERT_EQ(final_invoice->status, 201) << final_invoice->body;
  const long long final_id = Json(final_invoice)["id"];
  ASSERT_EQ(Send("POST", "/api/v1/invoices/" + std::to_string(final_id) + "/issue", &business.owner)
                ->status,
            200);

  // Seen on 10 January 2027.
  At("2027-01-10T09:00:00Z");
  auto owner = SignIn("greg@sono-lumiere.fr");
  auto res = Send("GET", "/api/v1/reports?from=2026-01-01&to=2026-12-31&compare=previous", &owner);
  ASSERT_EQ(res->status, 200) << res->body;
  json report = Json(res);
  EXPECT_EQ(report["today"], "2027-01-10");

  // Independently: the documents list, standard invoices by issue month.
  json invoices = AllInvoices(owner);
  std::map<std::string, long long> net;
  std::map<std::string, long long> vat;
  std::map<std::string, int> count;
  std::map<std::string, long long> ageing;
  long long remaining = 0;
  for (const auto& i : invoices) {
    if (i["kind"] != "standard" || i["issue_date"].is_null()) continue;
    const std::string month = i["issue_date"].get<std::string>().substr(0, 7);
    net[month] += i["total_net_cents"].get<long long>();
    vat[month] += i["total_vat_cents"].get<long long>();
    count[month] += 1;
    const long long left = i["remaining_cents"];
    if (left <= 0) continue;
    remaining += left;
    const long long late = DaysBetween(i["due_date"], "2027-01-10");
    ageing[late <= 0    ? "not_due"
           : late <= 30 ? "1_30"
           : late <= 60 ? "31_60"
           : late <= 90 ? "61_90"
                        : "over_90"] += left;
  }
  ASSERT_EQ(report["by_month"].size(), 12u);
  long long total_revenue = 0;
  long long total_vat = 0;
  long long total_collected = 0;
  int total_invoices = 0;
  for (const auto& row : report["by_month"]) {
    const std::string month = row["month"];
    SCOPED_TRACE(month);
    EXPECT_EQ(row["invoiced_net_cents"], net[month]);
    EXPECT_EQ(row["credited_net_cents"], credited_net[month]);
    EXPECT_EQ(row["revenue_net_cents"], net[month] - credited_net[month]);
    EXPECT_EQ(row["vat_cents"], vat[month] - credited_vat[month]);
    EXPECT_EQ(row["collected_cents"], collected[month]);
    EXPECT_EQ(row["invoices"], count[month]);
    total_revenue += net[month] - credited_net[month];
    total_vat += vat[month] - credited_vat[month];
    total_collected += collected[month];
    total_invoices += count[month];
  }
  EXPECT_EQ(count["2026-06"], 1) << "a deposit invoice is not revenue";
  EXPECT_EQ(count["2026-07"], 2) << "July's and the final invoice (its deposit deducted)";
  EXPECT_GT(credited_net["2026-09"], 0);
  const json& totals = report["totals"];
  EXPECT_EQ(totals["revenue_net_cents"], total_revenue);
  EXPECT_EQ(totals["vat_cents"], total_vat);
  EXPECT_EQ(totals["collected_cents"], total_collected);
  EXPECT_EQ(totals["invoices"], total_invoices);
  EXPECT_EQ(totals["average_basket_cents"], (total_revenue + total_invoices / 2) / total_invoices);
  // The previous period (2025) is empty, month by month.
  EXPECT_EQ(report["comparison"]["from"], "2025-01-01");
  EXPECT_EQ(report["comparison"]["to"], "2025-12-31");
  EXPECT_EQ(report["comparison"]["totals"]["revenue_net_cents"], 0);
  EXPECT_EQ(report["comparison"]["by_month"].size(), 12u);

  // Ageing: every open invoice in its bucket, the buckets adding up to what is still due.
  long long buckets = 0;
  ASSERT_EQ(report["ageing"].size(), 5u);
  for (const auto& b : report["ageing"]) {
    EXPECT_EQ(b["remaining_cents"], ageing[b["bucket"].get<std::string>()]) << b.dump();
    buckets += b["remaining_cents"].get<long long>();
  }
  EXPECT_EQ(buckets, remaining);
  EXPECT_GT(ageing["over_90"], 0);
  EXPECT_GT(ageing["1_30"], 0);

  // By client: one client holds the whole revenue; the other organisation is nowhere.
  ASSERT_EQ(report["by_client"].size(), 1u) << report["by_client"].dump();
  EXPECT_EQ(report["by_client"][0]["revenue_net_cents"], total_revenue);
  EXPECT_EQ(res->body.find("Autre"), std::string::npos);
  EXPECT_TRUE(report["franchise"].is_null()) << "a VAT-registered business";
  // Quotes: the one signed.
  EXPECT_EQ(report["quotes"]["issued"], 1);
  EXPECT_EQ(report["quotes"]["accepted"], 1);
  EXPECT_EQ(report["quotes"]["conversion_bp"], 10000);

  // Compared with last year from 2027: this year's months are last year's.
  json next =
      Json(Send("GET", "/api/v1/reports?from=2027-01-01&to=2027-12-31&compare=last_year", &owner));
  EXPECT_EQ(next["totals"]["revenue_net_cents"], 0);
  EXPECT_EQ(next["comparison"]["totals"]["revenue_net_cents"], total_revenue);
  EXPECT_EQ(next["comparison"]["by_month"][8]["revenue_net_cents"],
            net["2026-09"] - credited_net["2026-09"]);
}

TEST_P(Reports, CrewEquipmentEventTypesQuotesAndTheFranchise) {
  auto business = SeedBusiness("DJ Max", "max@dj.fr");
  {
    auto lease = db_->Acquire();
    (*lease)->once << "UPDATE organizations SET vat_regime = 'franchise' WHERE id = :id",
        soci::use(business.org.value);
  }
  const long long tom = SeedMember(business.org, "tom@dj.fr", "technician").value;
  At("2026-04-01T09:00:00Z", &business, "max@dj.fr");
  auto item = Send("POST", "/api/v1/equipment", &business.owner,
                   {{"name", "Enceinte 15\""}, {"category", "Son"}, {"quantity_owned", 4}});
  ASSERT_EQ(item->status, 201) << item->body;
  const long long item_id = Json(item)["id"];
  // A wedding (7 h, two speakers) with Tom, a corporate evening (a day and a half) without gear.
  auto wedding = Send("POST", "/api/v1/missions", &business.owner,
                      {{"title", "Mariage Durand"},
                       {"status", "confirmed"},
                       {"event_type", "Mariage"},
                       {"starts_at", "2026-04-11T18:00:00+02:00"},
                       {"ends_at", "2026-04-12T01:00:00+02:00"},
                       {"crew", {{{"user_id", tom}, {"position", "technician"}}}},
                       {"equipment", {{{"item_id", item_id}, {"quantity", 2}}}}});
  ASSERT_EQ(wedding->status, 201) << wedding->body;
  const long long wedding_id = Json(wedding)["id"];
  auto seminar = Send("POST", "/api/v1/missions", &business.owner,
                      {{"title", "Séminaire"},
                       {"status", "confirmed"},
                       {"event_type", "Entreprise"},
                       {"starts_at", "2026-04-20T08:00:00+02:00"},
                       {"ends_at", "2026-04-21T20:00:00+02:00"},
                       {"crew", {{{"user_id", tom}, {"position", "technician"}}}}});
  ASSERT_EQ(seminar->status, 201) << seminar->body;
  // The wedding's invoice: a speaker line and a DJ line; paid 31,000 € in the year (approaching
  // the 37,500 € services threshold).
  auto created = Send("POST", "/api/v1/invoices", &business.owner,
                      {{"client_id", business.client_id},
                       {"mission_id", wedding_id},
                       {"title", "Mariage"},
                       {"lines",
                        {{{"description", "Enceintes"},
                          {"kind", "rental"},
                          {"equipment_item_id", item_id},
                          {"quantity_milli", 2000},
                          {"unit_price_cents", 5000},
                          {"vat_rate_bp", 0}},
                         {{"description", "Animation DJ"},
                          {"quantity_milli", 1000},
                          {"unit_price_cents", 3090000},
                          {"vat_rate_bp", 0}}}}});
  ASSERT_EQ(created->status, 201) << created->body;
  const long long invoice = Json(created)["id"];
  ASSERT_EQ(Send("POST", "/api/v1/invoices/" + std::to_string(invoice) + "/issue", &business.owner)
                ->status,
            200);
  Pay(business.owner, invoice, 3100000, "2026-04-01");
  // Quotes: one signed two days after it was sent, one declined, one waiting.
  At("2026-04-02T09:00:00Z", &business, "max@dj.fr");
  auto [signed_quote, t1] = SentQuote(business, 50000, "2026-05-31");
  auto [declined, t2] = SentQuote(business, 60000, "2026-05-31");
  SentQuote(business, 70000, "2026-05-31");
  {
    // The fixture marks quotes sent at a fixed instant: say when, for the time to sign.
    auto lease = db_->Acquire();
    (*lease)->once << "UPDATE quotes SET sent_at = '2026-04-02T09:00:00.000Z' WHERE id = :id",
        soci::use(signed_quote);
  }
  At("2026-04-04T09:00:00Z", &business, "max@dj.fr");
  auto signed_res = Send("POST", "/api/v1/public/quotes/" + t1 + "/sign", nullptr,
                         {{"signer_name", "Claire Durand"},
                          {"signer_email", "claire@durand.fr"},
                          {"signature", kSignaturePng},
                          {"consent", true}});
  ASSERT_EQ(signed_res->status, 200) << signed_res->body;
  ASSERT_EQ(Send("POST", "/api/v1/quotes/" + std::to_string(declined) + "/decline", &business.owner,
                 {{"reason", "Trop cher"}})
                ->status,
            200);

  At("2026-05-02T09:00:00Z");
  auto owner = SignIn("max@dj.fr");
  auto res = Send("GET", "/api/v1/reports?from=2026-04-01&to=2026-04-30", &owner);
  ASSERT_EQ(res->status, 200) << res->body;
  json r = Json(res);
  EXPECT_TRUE(r["comparison"].is_null());
  // Crew: Tom worked 7 h + 36 h.
  ASSERT_EQ(r["crew"].size(), 1u) << r["crew"].dump();
  EXPECT_EQ(r["crew"][0]["user_id"], tom);
  EXPECT_EQ(r["crew"][0]["missions"], 2);
  EXPECT_EQ(r["crew"][0]["minutes"], (7 + 36) * 60);
  EXPECT_EQ(r["crew"][0]["revenue_net_cents"], 3100000);
  // Equipment: two speakers for one started day = 2 unit-days of 4 × 30 owned.
  ASSERT_EQ(r["equipment"].size(), 1u) << r["equipment"].dump();
  EXPECT_EQ(r["equipment"][0]["unit_days"], 2);
  EXPECT_EQ(r["equipment"][0]["owned"], 4);
  EXPECT_EQ(r["equipment"][0]["utilisation_bp"], 2 * 10000 / (4 * 30));
  EXPECT_EQ(r["equipment"][0]["revenue_net_cents"], 10000);
  // Event types: the wedding's invoice.
  ASSERT_EQ(r["by_event_type"].size(), 1u) << r["by_event_type"].dump();
  EXPECT_EQ(r["by_event_type"][0]["event_type"], "Mariage");
  EXPECT_EQ(r["by_event_type"][0]["revenue_net_cents"], 3100000);
  // Quotes: 3 issued, 1 signed after 48 h, 1 declined, 1 waiting.
  const json& q = r["quotes"];
  EXPECT_EQ(q["issued"], 3);
  EXPECT_EQ(q["accepted"], 1);
  EXPECT_EQ(q["declined"], 1);
  EXPECT_EQ(q["waiting"], 1);
  EXPECT_EQ(q["conversion_bp"], 3333);
  EXPECT_EQ(q["average_hours_to_sign"], 48);
  // The franchise: 31,000 € received in 2026, over 80 % of 37,500 €.
  ASSERT_TRUE(r["franchise"].is_object()) << res->body;
  EXPECT_EQ(r["franchise"]["year"], 2026);
  EXPECT_EQ(r["franchise"]["services_cents"], 3100000);
  EXPECT_EQ(r["franchise"]["status"], "approaching");
  EXPECT_EQ(r["franchise"]["previous_status"], "ok");
  EXPECT_EQ(r["franchise"]["thresholds"]["services_base_cents"], 3750000);
}

TEST_P(Reports, BadPeriodsAreRefusedAndCrewMayNotSeeThem) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  SeedMember(business.org, "tom@sono.fr", "technician");
  auto tom = SignIn("tom@sono.fr");
  EXPECT_EQ(Send("GET", "/api/v1/reports", &tom)->status, 403);
  auto field = [&](const std::string& query) {
    auto res = Send("GET", "/api/v1/reports?" + query, &business.owner);
    EXPECT_EQ(res->status, 422) << query << " " << res->body;
    return Json(res)["error"]["fields"][0]["field"].get<std::string>();
  };
  EXPECT_EQ(field("from=2026-02-30&to=2026-03-01"), "from");
  EXPECT_EQ(field("from=2026-03-01&to=hier"), "to");
  EXPECT_EQ(field("from=2026-03-01&to=2026-02-01"), "to");
  EXPECT_EQ(field("from=2010-01-01&to=2026-01-01"), "to");
  EXPECT_EQ(field("compare=forever"), "compare");
  // Without a period: the calendar year so far.
  json r = Json(Send("GET", "/api/v1/reports", &business.owner));
  EXPECT_EQ(r["from"], r["today"].get<std::string>().substr(0, 4) + "-01-01");
  EXPECT_EQ(r["to"], r["today"]);
}

INSTANTIATE_TEST_SUITE_P(Backends, Reports,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace planify::testing
