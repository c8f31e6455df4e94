// Exports on SQLite and PostgreSQL (docs/exports.md): every sheet's SQL runs on both dialects
// (string aggregates, labels, dates and instants), a full workbook holds every row of every
// table, and the period filter compares days and instants alike.
#include <gtest/gtest.h>

#include "app/exports/exports_service.hpp"
#include "http/payments_fixture.hpp"
#include "jobs/worker.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

class ExportsContract : public PaymentsFixture,
                        public ::testing::WithParamInterface<store::Dialect> {
 protected:
  void SetUp() override {
    auto url = BackendUrl(GetParam() == store::Dialect::kPostgres, dir_);
    if (!url) GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    database_url_ = *url;
    PaymentsFixture::SetUp();
  }
};

std::string BackendName(const ::testing::TestParamInfo<store::Dialect>& param) {
  return param.param == store::Dialect::kPostgres ? "PostgreSQL" : "SQLite";
}

TEST_P(ExportsContract, AFullWorkbookHoldsEveryRowOfEveryTableOnBothDatabases) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  SeedMember(business.org, "dj@sono-lumiere.fr", "dj");
  auto dj = Json(Send("GET", "/api/v1/members", &business.owner));
  long long dj_id = 0;
  for (const auto& m : dj["items"]) {
    if (m["email"] == "dj@sono-lumiere.fr") dj_id = m["user_id"].get<long long>();
  }
  ASSERT_GT(dj_id, 0) << dj;
  auto item = Send("POST", "/api/v1/equipment", &business.owner,
                   {{"name", "Enceinte 12\""}, {"category", "Son"}, {"quantity_owned", 6}});
  ASSERT_EQ(item->status, 201) << item->body;
  const long long speakers = Json(item)["id"];
  auto mission = Send("POST", "/api/v1/missions", &business.owner,
                      {{"title", "Mariage Durand"},
                       {"client_id", business.client_id},
                       {"starts_at", "2027-06-12T18:00:00+02:00"},
                       {"ends_at", "2027-06-13T02:00:00+02:00"},
                       {"crew", {{{"user_id", dj_id}, {"position", "dj"}, {"lead", true}}}},
                       {"equipment", {{{"item_id", speakers}, {"quantity", 2}}}}});
  ASSERT_EQ(mission->status, 201) << mission->body;
  auto [invoice_id, token] = IssuedInvoice(business, 50000);
  auto paid =
      Send("POST", "/api/v1/invoices/" + std::to_string(invoice_id) + "/payments", &business.owner,
           {{"method", "bank_transfer"},
            {"amount_cents", 10000},
            {"reference", "VIR 2611"},
            {"received_on", "2026-11-25"}});
  ASSERT_EQ(paid->status, 201) << paid->body;
  SentQuote(business, 80000);

  auto queued = Send("POST", "/api/v1/exports", &business.owner, {{"entity", "all"}});
  ASSERT_EQ(queued->status, 202) << queued->body;
  {
    jobs::JobRegistry registry;
    app::RegisterExportJobs(registry, clock_);
    jobs::WorkerOptions options;
    options.name = "test";
    jobs::Worker worker(*db_, clock_, registry, options);
    while (worker.RunOne()) {
    }
  }
  auto ready =
      Json(Send("GET", "/api/v1/exports/" + std::to_string(Json(queued)["id"].get<long long>()),
                &business.owner));
  ASSERT_EQ(ready["status"], "ready") << ready;
  auto file = Send("GET", ready["download_url"].get<std::string>(), &business.owner);
  ASSERT_EQ(file->status, 200);
  auto book = ReadXlsx(file->body, dir_.path());
  ASSERT_TRUE(book.is_array()) << book;
  std::map<std::string, json> sheets;
  // Every cell as its value's text ("" when empty), header row first.
  for (const auto& s : book) {
    json rows = json::array();
    for (const auto& r : s["rows"]) {
      json cells = json::array();
      for (const auto& c : r) {
        const auto& v = c[1];
        cells.push_back(v.is_null() ? "" : v.is_string() ? v.get<std::string>() : v.dump());
      }
      rows.push_back(cells);
    }
    sheets[s["name"]] = rows;
  }
  const std::map<std::string, std::string> tables = {{"Clients", "clients"},
                                                     {"Contacts", "client_contacts"},
                                                     {"Missions", "missions"},
                                                     {"Devis", "quotes"},
                                                     {"Lignes de devis", "quote_lines"},
                                                     {"Factures", "invoices"},
                                                     {"Lignes de factures", "invoice_lines"},
                                                     {"Paiements", "payments"},
                                                     {"Matériel", "equipment_items"},
                                                     {"Mouvements", "equipment_movements"}};
  for (const auto& [sheet, table] : tables) {
    ASSERT_TRUE(sheets.contains(sheet)) << sheet;
    EXPECT_EQ(static_cast<long long>(sheets[sheet].size()) - 1, Count(table)) << sheet;
  }
  // The mission: its crew and gear in words, its times in Paris.
  const auto& missions = sheets["Missions"];
  ASSERT_EQ(missions.size(), 2u);
  const json header = missions[0];
  const json row = missions[1];
  auto cell = [&](const std::string& name) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return row[i].get<std::string>();
    }
    return std::string("(no column)");
  };
  EXPECT_EQ(cell("Équipe"), "dj");
  EXPECT_EQ(cell("Matériel"), "2 × Enceinte 12\"");
  EXPECT_EQ(cell("Statut"), "Planifiée");
  EXPECT_EQ(cell("Début"), "2027-06-12T18:00:00");
  EXPECT_EQ(cell("Client"), "Mariage Durand");
  const auto& ledger = sheets["Livre des recettes"];
  ASSERT_EQ(ledger.size(), 2u) << "the succeeded payment";
  EXPECT_EQ(ledger[1][5], "Virement");
  EXPECT_EQ(ledger[1][8], "100");
  const auto& payments = sheets["Paiements"];
  ASSERT_EQ(payments.size(), 2u);
  EXPECT_EQ(payments[1][3], "Virement");

  // Period filters: a mission's start is an instant (18:00 in Paris on 12 June is in that day,
  // whatever the offset), a payment's day is a day.
  auto count = [&](const json& body) {
    auto res = Send("POST", "/api/v1/exports", &business.owner, body);
    EXPECT_EQ(res->status, 201) << res->body;
    return Json(res)["rows_total"].get<long long>();
  };
  EXPECT_EQ(count({{"entity", "missions"}, {"from", "2027-06-12"}, {"to", "2027-06-12"}}), 1);
  EXPECT_EQ(count({{"entity", "missions"}, {"from", "2027-06-13"}}), 0);
  EXPECT_EQ(count({{"entity", "payments"}, {"from", "2026-11-25"}, {"to", "2026-11-25"}}), 1);
  EXPECT_EQ(count({{"entity", "payments"}, {"to", "2026-11-24"}}), 0);
  EXPECT_EQ(count({{"entity", "movements"}, {"client_id", business.client_id}}), 0);
  EXPECT_EQ(count({{"entity", "clients"}, {"status", {"active"}}}), 1);

  // The FEC and the VAT summary read the same documents on both databases.
  auto fec = Send("GET", "/api/v1/accounting/fec?from=2026-01-01&to=2026-12-31", &business.owner);
  ASSERT_EQ(fec->status, 200) << fec->body;
  EXPECT_EQ(fec->get_header_value("X-Fec-Entries"), "2") << fec->body;
  EXPECT_NE(fec->body.find("\t512000\tBanque\t"), std::string::npos) << fec->body;
  auto vat = Send("GET", "/api/v1/accounting/vat?from=2026-11-25&to=2026-11-25", &business.owner);
  ASSERT_EQ(vat->status, 200) << vat->body;
  EXPECT_EQ(Json(vat)["base_cents"].get<long long>() + Json(vat)["vat_cents"].get<long long>(),
            10000);
  auto saved = Send("PUT", "/api/v1/accounting/settings", &business.owner,
                    {{"vat_on_debits", true}, {"bank_account", "512100"}});
  ASSERT_EQ(saved->status, 200) << saved->body;
  EXPECT_EQ(Json(Send("GET", "/api/v1/accounting/settings", &business.owner))["bank_account"],
            "512100");
}

INSTANTIATE_TEST_SUITE_P(Backends, ExportsContract,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace planify::testing
