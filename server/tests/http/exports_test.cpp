// Exports through a real server (docs/exports.md): small ones ready at once, big ones and full
// workbooks made by the job, every .xlsx read back by an independent reader (python3-openpyxl)
// and checked against the API, CSV dialects, formula neutralisation, filters, validation,
// expiry.
#include <gtest/gtest.h>

#include "app/exports/exports_service.hpp"
#include "http/payments_fixture.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

class ExportsHttp : public PaymentsFixture {
 protected:
  json Export(const Seeded& s, const json& body, int expected) {
    auto res = Send("POST", "/api/v1/exports", &s.owner, body);
    EXPECT_EQ(res->status, expected) << res->body;
    return Json(res);
  }

  std::string Download(const Seeded& s, const json& record) {
    auto res = Send("GET", record["download_url"].get<std::string>(), &s.owner);
    EXPECT_EQ(res->status, 200) << res->body;
    return res->body;
  }

  json ReadXlsx(const std::string& bytes) { return planify::testing::ReadXlsx(bytes, dir_.path()); }

  // The column of `sheet` whose header is `header`.
  static std::size_t Column(const json& sheet, const std::string& header) {
    const auto& headers = sheet["rows"][0];
    for (std::size_t i = 0; i < headers.size(); ++i) {
      if (headers[i][1] == header) return i;
    }
    ADD_FAILURE() << "no column " << header;
    return 0;
  }

  int RunExportJobs() {
    jobs::JobRegistry registry;
    app::RegisterExportJobs(registry, clock_);
    jobs::WorkerOptions options;
    options.name = "test";
    jobs::Worker worker(*db_, clock_, registry, options);
    int ran = 0;
    while (worker.RunOne()) ++ran;
    return ran;
  }
};

TEST_F(ExportsHttp, InvoicesAsXlsxAreTypedAndAddUpToTheApiTotals) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  IssuedInvoiceWithLines(business, {{100000, 2000}, {33333, 1000}}, 1500);
  IssuedInvoiceWithLines(business, {{12345, 550}}, 1500);
  IssuedInvoiceWithLines(business, {{99999, 2000}, {1, 550}, {70000, 1000}}, 1500);
  auto list = Json(Send("GET", "/api/v1/invoices", &business.owner));
  ASSERT_EQ(list["items"].size(), 3u);

  auto made = Export(business, {{"entity", "invoices"}, {"format", "xlsx"}}, 201);
  EXPECT_EQ(made["status"], "ready") << "a small export is made at once";
  EXPECT_EQ(made["rows_total"], 3);
  EXPECT_EQ(made["filename"], "planify-factures-2026-11-25.xlsx");
  auto book = ReadXlsx(Download(business, made));
  ASSERT_TRUE(book.is_array()) << book;
  ASSERT_EQ(book.size(), 1u);
  const auto& sheet = book[0];
  EXPECT_EQ(sheet["name"], "Factures");
  EXPECT_EQ(sheet["freeze"], "A2");
  ASSERT_EQ(sheet["rows"].size(), 4u) << "a header and one row per invoice";

  const auto gross = Column(sheet, "Total TTC");
  const auto net = Column(sheet, "Total HT");
  const auto day = Column(sheet, "Date");
  long long gross_cents = 0;
  long long net_cents = 0;
  for (std::size_t r = 1; r < sheet["rows"].size(); ++r) {
    const auto& row = sheet["rows"][r];
    EXPECT_EQ(row[gross][0], "n") << "money is a number";
    EXPECT_NE(row[gross][2].get<std::string>().find("€"), std::string::npos) << row[gross];
    EXPECT_EQ(row[day][0], "d") << "a date is a date";
    EXPECT_EQ(row[day][1], "2026-11-25T00:00:00");
    gross_cents += std::llround(row[gross][1].get<double>() * 100);
    net_cents += std::llround(row[net][1].get<double>() * 100);
  }
  long long api_gross = 0;
  long long api_net = 0;
  for (const auto& invoice : list["items"]) {
    auto one =
        Json(Send("GET", "/api/v1/invoices/" + std::to_string(invoice["id"].get<long long>()),
                  &business.owner));
    api_gross += one["total_gross_cents"].get<long long>();
    api_net += one["total_net_cents"].get<long long>();
  }
  EXPECT_EQ(gross_cents, api_gross);
  EXPECT_EQ(net_cents, api_net);

  // One row per line, quantities as numbers (1.5), rates as percent (5.5).
  auto lines = ReadXlsx(
      Download(business, Export(business, {{"entity", "invoice_lines"}, {"format", "xlsx"}}, 201)));
  const auto& line_sheet = lines[0];
  ASSERT_EQ(line_sheet["rows"].size(), 7u);
  long long line_net = 0;
  bool saw_reduced = false;
  for (std::size_t r = 1; r < line_sheet["rows"].size(); ++r) {
    const auto& row = line_sheet["rows"][r];
    EXPECT_DOUBLE_EQ(row[Column(line_sheet, "Quantité")][1].get<double>(), 1.5);
    line_net += std::llround(row[Column(line_sheet, "Total HT")][1].get<double>() * 100);
    saw_reduced |= row[Column(line_sheet, "TVA %")][1].get<double>() == 5.5;
  }
  EXPECT_EQ(line_net, api_net);
  EXPECT_TRUE(saw_reduced);
}

TEST_F(ExportsHttp, CsvForFrenchExcelOrRfc4180AndFormulasAreNeutralised) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  auto created = Send("POST", "/api/v1/clients", &business.owner,
                      {{"kind", "individual"},
                       {"name", "=HYPERLINK(\"http://evil.example\",\"clic\")"},
                       {"contacts", {{{"name", "X"}, {"email", "x@example.fr"}}}}});
  ASSERT_EQ(created->status, 201) << created->body;

  auto made = Export(business, {{"entity", "clients"}, {"format", "csv"}}, 201);
  EXPECT_EQ(made["filename"], "planify-clients-2026-11-25.csv");
  auto res = Send("GET", made["download_url"].get<std::string>(), &business.owner);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(res->get_header_value("Content-Disposition").find("planify-clients-2026-11-25.csv"),
            std::string::npos);
  const std::string& csv = res->body;
  ASSERT_EQ(csv.rfind("\xEF\xBB\xBFN°;Type;Nom;", 0), 0u) << csv.substr(0, 80);
  EXPECT_NE(csv.find("\r\n"), std::string::npos);
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"clic\"\")\""),
            std::string::npos)
      << csv;
  EXPECT_EQ(csv.find(";=HYPERLINK"), std::string::npos) << "never a live formula";
  EXPECT_NE(csv.find("Mariage Durand"), std::string::npos);
  EXPECT_NE(csv.find("x@example.fr"), std::string::npos) << "the primary contact's e-mail";
  EXPECT_NE(csv.find("25/11/2026 15:00"), std::string::npos) << "created at, in Paris time";

  auto rfc =
      Send("GET",
           Export(business, {{"entity", "clients"}, {"format", "csv_rfc"}}, 201)["download_url"]
               .get<std::string>(),
           &business.owner);
  ASSERT_EQ(rfc->body.rfind("N°,Type,Nom,", 0), 0u) << "no BOM, commas";
  EXPECT_NE(rfc->body.find("2026-11-25 15:00"), std::string::npos);
}

TEST_F(ExportsHttp, FiltersNarrowTheRowsAndBadRequestsWriteNothing) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  IssuedInvoiceWithLines(business, {{10000, 2000}});
  IssuedInvoiceWithLines(business, {{20000, 2000}});
  EXPECT_EQ(Export(business, {{"entity", "invoices"}, {"status", {"paid"}}}, 201)["rows_total"], 0);
  EXPECT_EQ(Export(business, {{"entity", "invoices"}, {"status", {"issued"}}}, 201)["rows_total"],
            2);
  EXPECT_EQ(Export(business, {{"entity", "invoices"}, {"from", "2026-11-26"}}, 201)["rows_total"],
            0);
  EXPECT_EQ(Export(business, {{"entity", "invoices"}, {"to", "2026-11-25"}}, 201)["rows_total"], 2);
  // Created at 15:00 in Paris on 25 November: in that day, not in the next.
  EXPECT_EQ(Export(business, {{"entity", "clients"}, {"from", "2026-11-25"}, {"to", "2026-11-25"}},
                   201)["rows_total"],
            1);
  EXPECT_EQ(Export(business, {{"entity", "invoices"}, {"client_id", business.client_id}},
                   201)["rows_total"],
            2);

  const long long exports = Count("exports");
  const long long audit = Count("audit_log");
  auto fields = [&](const json& body) {
    auto res = Send("POST", "/api/v1/exports", &business.owner, body);
    EXPECT_EQ(res->status, 422) << res->body;
    std::set<std::string> names;
    const json error = Json(res);
    for (const auto& f : error["error"]["fields"]) names.insert(f["field"]);
    return names;
  };
  EXPECT_EQ(fields({{"entity", "passwords"}}), std::set<std::string>{"entity"});
  EXPECT_EQ(fields({{"entity", "all"}, {"format", "csv"}}), std::set<std::string>{"format"});
  EXPECT_EQ(fields({{"entity", "invoices"}, {"format", "pdf"}}), std::set<std::string>{"format"});
  EXPECT_EQ(fields({{"entity", "invoices"}, {"from", "25/11/2026"}, {"to", "2026-02-30"}}),
            (std::set<std::string>{"from", "to"}));
  EXPECT_EQ(fields({{"entity", "invoices"}, {"from", "2026-12-01"}, {"to", "2026-11-01"}}),
            std::set<std::string>{"to"});
  EXPECT_EQ(fields({{"entity", "invoices"}, {"status", {"flying"}}}),
            std::set<std::string>{"status"});
  EXPECT_EQ(fields({{"entity", "equipment"}, {"client_id", business.client_id}}),
            std::set<std::string>{"client_id"});
  EXPECT_EQ(fields({{"entity", "invoices"}, {"client_id", 999999}}),
            std::set<std::string>{"client_id"});
  EXPECT_EQ(Count("exports"), exports);
  EXPECT_EQ(Count("audit_log"), audit);
}

TEST_F(ExportsHttp, AFullWorkbookIsMadeByTheJobWithOneSheetPerEntityAndExpiresAfterSevenDays) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  IssuedInvoiceWithLines(business, {{10000, 2000}, {5000, 1000}});
  auto queued = Export(business, {{"entity", "all"}}, 202);
  EXPECT_EQ(queued["status"], "queued");
  EXPECT_TRUE(queued["download_url"].is_null());
  const std::string path = "/api/v1/exports/" + std::to_string(queued["id"].get<long long>());
  EXPECT_EQ(Send("GET", path + "/download", &business.owner)->status, 409) << "not ready yet";

  EXPECT_EQ(RunExportJobs(), 1);
  auto ready = Json(Send("GET", path, &business.owner));
  ASSERT_EQ(ready["status"], "ready") << ready;
  EXPECT_EQ(ready["rows_done"], ready["rows_total"]);
  EXPECT_EQ(ready["filename"], "planify-export-complet-2026-11-25.xlsx");
  EXPECT_EQ(ready["sha256"].get<std::string>().size(), 64u);

  auto book = ReadXlsx(Download(business, ready));
  ASSERT_TRUE(book.is_array()) << book;
  std::vector<std::string> names;
  long long rows = 0;
  for (const auto& sheet : book) {
    names.push_back(sheet["name"]);
    rows += static_cast<long long>(sheet["rows"].size()) - 1;
    EXPECT_EQ(sheet["freeze"], "A2") << sheet["name"];
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Clients", "Contacts", "Missions", "Devis",
                                             "Lignes de devis", "Factures", "Lignes de factures",
                                             "Avoirs", "Lignes d'avoirs", "Paiements",
                                             "Livre des recettes", "Matériel", "Mouvements"}));
  EXPECT_EQ(rows, ready["rows_total"].get<long long>());
  EXPECT_EQ(book[5]["rows"].size(), 2u) << "one invoice";
  EXPECT_EQ(book[6]["rows"].size(), 3u) << "its two lines";

  // The history shows it; seven days later it is gone.
  auto history = Json(Send("GET", "/api/v1/exports", &business.owner));
  ASSERT_GE(history["items"].size(), 1u);
  EXPECT_EQ(history["items"][0]["id"], queued["id"]);
  EXPECT_EQ(history["items"][0]["requested_by"], "greg");
  clock_.Set(clock_.Now() + std::chrono::days(8));
  app::ExportsService exports(*db_, clock_);
  auto purged = exports.PurgeExpired();
  ASSERT_TRUE(purged);
  EXPECT_GE(*purged, 1);
  EXPECT_EQ(Count("export_chunks"), 0);
}

TEST_F(ExportsHttp, AnotherOrganisationsExportIsInvisibleAndCrewMayNotExport) {
  auto a = SeedBusiness("Sono A", "owner@a.fr");
  auto b = SeedBusiness("Sono B", "owner@b.fr");
  auto made = Export(a, {{"entity", "clients"}, {"format", "csv"}}, 201);
  const std::string path = "/api/v1/exports/" + std::to_string(made["id"].get<long long>());
  EXPECT_EQ(Send("GET", path, &b.owner)->status, 404);
  EXPECT_EQ(Send("GET", path + "/download", &b.owner)->status, 404);
  EXPECT_EQ(Json(Send("GET", "/api/v1/exports", &b.owner))["items"].size(), 0u);
  SeedMember(a.org, "dj@a.fr", "dj");
  auto dj = SignIn("dj@a.fr");
  EXPECT_EQ(Send("POST", "/api/v1/exports", &dj, {{"entity", "clients"}})->status, 403);
  EXPECT_EQ(Send("GET", path + "/download", &dj)->status, 403);
}

}  // namespace
}  // namespace planify::testing
