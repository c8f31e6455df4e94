// The right to erasure on SQLite and PostgreSQL (docs/personal-data.md): erasing a client
// removes its name, e-mail, phone and addresses from clients, contacts, missions, draft
// documents and e-mails, while its issued invoice keeps (and prints) the original buyer.
// The right of access: the client's export is a .zip that Python's zipfile opens, holding
// every row about the client, its PDFs and signature, and nothing of anyone else.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "http/payments_fixture.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

class PersonalDataContract : public PaymentsFixture,
                             public ::testing::WithParamInterface<store::Dialect> {
 protected:
  void SetUp() override {
    auto url = BackendUrl(GetParam() == store::Dialect::kPostgres, dir_);
    if (!url) GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    database_url_ = *url;
    PaymentsFixture::SetUp();
  }

  // Every text of the tables a person's data could sit in, as one string to search.
  std::string EverythingAbout() {
    auto lease = db_->Acquire();
    std::string all;
    auto collect = [&](const std::string& sql) {
      soci::rowset<soci::row> rows = ((*lease)->prepare << sql);
      for (const auto& r : rows) {
        for (std::size_t i = 0; i < r.size(); ++i) {
          if (r.get_indicator(i) == soci::i_ok) all += r.get<std::string>(i) + "\n";
        }
      }
    };
    collect(
        "SELECT name, siren, siret, billing_line1, billing_city, service_line1, notes, tags, "
        "search_text FROM clients");
    collect("SELECT name, email, phone FROM client_contacts");
    collect("SELECT title, address, description, notes, custom_fields, search_text FROM missions");
    collect("SELECT client_name, client_email, client_snapshot FROM quotes WHERE number IS NULL");
    collect("SELECT to_address, COALESCE(to_name, ''), subject, html_body, text_body FROM emails");
    collect("SELECT filename FROM email_attachments");
    return all;
  }

  std::string PdfText(const std::string& pdf) {
    auto in = dir_.path() / "invoice.pdf";
    auto out = dir_.path() / "invoice.txt";
    std::ofstream(in, std::ios::binary) << pdf;
    std::string command = "pdftotext -raw -enc UTF-8 '" + in.string() + "' '" + out.string() + "'";
    EXPECT_EQ(std::system(command.c_str()), 0);
    return ReadTextFile(out);
  }

  // The archive as Python's zipfile reads it: entry names, the first bad CRC, client.json, the
  // first bytes of each other entry.
  json ReadZip(const std::string& bytes) {
    auto zip = dir_.path() / "export.zip";
    auto script = dir_.path() / "read_zip.py";
    auto out = dir_.path() / "export.json";
    std::ofstream(zip, std::ios::binary) << bytes;
    std::ofstream(script) << "import json, sys, zipfile\n"
                             "z = zipfile.ZipFile(sys.argv[1])\n"
                             "r = {'bad': z.testzip(), 'names': z.namelist(), 'heads': {}}\n"
                             "for n in z.namelist():\n"
                             "    data = z.read(n)\n"
                             "    if n == 'client.json': r['client'] = json.loads(data)\n"
                             "    elif n == 'LISEZMOI.txt': r['readme'] = data.decode('utf-8')\n"
                             "    else: r['heads'][n] = data[:8].decode('latin-1')\n"
                             "print(json.dumps(r))\n";
    const std::string command = "/usr/bin/python3 '" + script.string() + "' '" + zip.string() +
                                "' > '" + out.string() + "'";
    EXPECT_EQ(std::system(command.c_str()), 0);
    return json::parse(ReadTextFile(out), nullptr, false);
  }

  static std::string ReadTextFile(const std::filesystem::path& p) {
    std::ifstream file(p);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  }
};

std::string BackendName(const ::testing::TestParamInfo<store::Dialect>& param) {
  return param.param == store::Dialect::kPostgres ? "PostgreSQL" : "SQLite";
}

TEST_P(PersonalDataContract, ErasingAClientLeavesNoTraceButItsIssuedDocuments) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  const std::string client = "/api/v1/clients/" + std::to_string(business.client_id);
  auto updated =
      Send("PUT", client, &business.owner,
           {{"kind", "individual"},
            {"name", "Mariage Durand"},
            {"billing_address",
             {{"line1", "3 allée des Roses"}, {"postal_code", "37000"}, {"city", "Tours"}}},
            {"service_address", {{"line1", "Manoir des Tilleuls"}, {"city", "Amboise"}}},
            {"notes", "Allergique aux fumigènes"},
            {"contacts",
             {{{"name", "Claire Durand"},
               {"email", "claire@durand.fr"},
               {"phone", "06 12 34 56 78"}}}}});
  ASSERT_EQ(updated->status, 200) << updated->body;
  auto mission = Send("POST", "/api/v1/missions", &business.owner,
                      {{"title", "Mariage Durand"},
                       {"client_id", business.client_id},
                       {"address", "Manoir des Tilleuls, Amboise"},
                       {"notes", "Appeler Claire Durand au 06 12 34 56 78"},
                       {"starts_at", "2027-06-12T18:00:00+02:00"},
                       {"ends_at", "2027-06-13T02:00:00+02:00"}});
  ASSERT_EQ(mission->status, 201) << mission->body;
  auto [invoice_id, token] = IssuedInvoice(business, 50000);  // e-mailed to claire@durand.fr
  auto draft = Send("POST", "/api/v1/quotes", &business.owner,
                    {{"client_id", business.client_id},
                     {"title", "Anniversaire"},
                     {"lines",
                      {{{"description", "Animation"},
                        {"quantity_milli", 1000},
                        {"unit_price_cents", 30000},
                        {"vat_rate_bp", 2000}}}}});
  ASSERT_EQ(draft->status, 201) << draft->body;
  const std::string invoice_number = Json(
      Send("GET", "/api/v1/invoices/" + std::to_string(invoice_id), &business.owner))["number"];
  for (const char* trace :
       {"Durand", "claire@durand.fr", "06 12 34 56 78", "Roses", "Tilleuls", "fumigènes"}) {
    ASSERT_NE(EverythingAbout().find(trace), std::string::npos) << trace << " before the erase";
  }

  // The name must be typed again; a wrong one changes nothing.
  auto wrong = Send("POST", client + "/erase", &business.owner, {{"confirm_name", "Durand"}});
  ASSERT_EQ(wrong->status, 422) << wrong->body;
  EXPECT_EQ(Json(wrong)["error"]["fields"][0]["field"], "confirm_name");
  EXPECT_NE(EverythingAbout().find("claire@durand.fr"), std::string::npos);

  auto erased =
      Send("POST", client + "/erase", &business.owner, {{"confirm_name", "Mariage Durand"}});
  ASSERT_EQ(erased->status, 200) << erased->body;
  auto report = Json(erased);
  EXPECT_EQ(report["kept_documents"], json::array({invoice_number}));
  EXPECT_EQ(report["contacts_deleted"], 1);
  EXPECT_EQ(report["missions_cleared"], 1);
  EXPECT_EQ(report["drafts_cleared"], 1);
  EXPECT_GE(report["emails_cleared"], 1);
  EXPECT_NE(report["retention_notice"].get<std::string>().find("10 ans"), std::string::npos);

  const std::string left = EverythingAbout();
  for (const char* trace :
       {"Durand", "durand.fr", "06 12 34 56 78", "Roses", "Tilleuls", "fumigènes", "Amboise"}) {
    EXPECT_EQ(left.find(trace), std::string::npos) << trace << " survived the erase:\n" << left;
  }
  auto shown = Json(Send("GET", client, &business.owner));
  EXPECT_EQ(shown["name"], "Client effacé n° " + std::to_string(business.client_id));
  EXPECT_TRUE(shown["archived"]);
  auto planned =
      Json(Send("GET", "/api/v1/missions/" + std::to_string(Json(mission)["id"].get<long long>()),
                &business.owner));
  EXPECT_EQ(planned["starts_at"], "2027-06-12T16:00:00.000Z") << "the event itself stays";

  // The issued invoice keeps its buyer, in its data and on its PDF (legal retention).
  auto invoice =
      Json(Send("GET", "/api/v1/invoices/" + std::to_string(invoice_id), &business.owner));
  EXPECT_NE(invoice.dump().find("Mariage Durand"), std::string::npos) << invoice;
  auto pdf =
      Send("GET", "/api/v1/invoices/" + std::to_string(invoice_id) + "/pdf", &business.owner);
  ASSERT_EQ(pdf->status, 200);
  const std::string text = PdfText(pdf->body);
  EXPECT_NE(text.find("Mariage Durand"), std::string::npos) << text;
  EXPECT_NE(text.find("Roses"), std::string::npos) << text;

  // Audited, with counts and numbers only.
  auto audit = Json(Send("GET", "/api/v1/audit", &business.owner));
  bool found = false;
  for (const auto& entry : audit["items"]) {
    if (entry["action"] != "clients.erased") continue;
    found = true;
    EXPECT_EQ(entry.dump().find("Durand"), std::string::npos) << entry;
  }
  EXPECT_TRUE(found) << audit;

  auto again = Send("POST", client + "/erase", &business.owner,
                    {{"confirm_name", shown["name"].get<std::string>()}});
  EXPECT_EQ(again->status, 409) << again->body;
}

TEST_P(PersonalDataContract, TheExportHoldsEverythingAboutTheClientAndNothingElse) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  auto other = SeedBusiness("Autre Société", "boss@autre.fr");
  ASSERT_EQ(Send("PUT", "/api/v1/clients/" + std::to_string(other.client_id), &other.owner,
                 {{"kind", "individual"}, {"name", "Voisin"}, {"notes", "Secret du voisin"}})
                ->status,
            200);
  const std::string client = "/api/v1/clients/" + std::to_string(business.client_id);
  auto updated =
      Send("PUT", client, &business.owner,
           {{"kind", "individual"},
            {"name", "Mariage Durand"},
            {"tags", {"mariage"}},
            {"billing_address",
             {{"line1", "3 allée des Roses"}, {"postal_code", "37000"}, {"city", "Tours"}}},
            {"notes", "Allergique aux fumigènes"},
            {"contacts", {{{"name", "Claire Durand"}, {"email", "claire@durand.fr"}}}}});
  ASSERT_EQ(updated->status, 200) << updated->body;
  auto mission = Send("POST", "/api/v1/missions", &business.owner,
                      {{"title", "Mariage Durand"},
                       {"client_id", business.client_id},
                       {"notes", "Appeler Claire"},
                       {"starts_at", "2027-06-12T18:00:00+02:00"},
                       {"ends_at", "2027-06-13T02:00:00+02:00"}});
  ASSERT_EQ(mission->status, 201) << mission->body;
  auto [quote_id, quote_token] = SignedQuote(business, 100000);
  auto [invoice_id, invoice_token] = IssuedInvoice(business, 50000);
  const std::string quote_number =
      Json(Send("GET", "/api/v1/quotes/" + std::to_string(quote_id), &business.owner))["number"];
  const std::string invoice_number = Json(
      Send("GET", "/api/v1/invoices/" + std::to_string(invoice_id), &business.owner))["number"];

  // Another organisation cannot reach it; a crew member has no right to it.
  EXPECT_EQ(Send("GET", client + "/personal-data", &other.owner)->status, 404);

  auto res = Send("GET", client + "/personal-data", &business.owner);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/zip");
  EXPECT_EQ(res->get_header_value("Content-Disposition"), "attachment; filename=\"donnees-client-" +
                                                              std::to_string(business.client_id) +
                                                              "-2026-11-25.zip\"");
  auto zip = ReadZip(res->body);
  ASSERT_TRUE(zip.is_object()) << "not a zip Python opens";
  EXPECT_TRUE(zip["bad"].is_null()) << zip["bad"];
  EXPECT_EQ(zip["names"][0], "LISEZMOI.txt");
  EXPECT_EQ(zip["names"][1], "client.json");
  EXPECT_NE(zip["readme"].get<std::string>().find("Mariage Durand"), std::string::npos);
  int pdfs = 0;
  int pngs = 0;
  for (const auto& [name, head] : zip["heads"].items()) {
    if (name.starts_with("documents/")) {
      EXPECT_EQ(head.get<std::string>().substr(0, 5), "%PDF-") << name;
      ++pdfs;
    }
    if (name.starts_with("signatures/")) {
      EXPECT_NE(head.get<std::string>().find("PNG"), std::string::npos) << name;
      EXPECT_NE(name.find(quote_number), std::string::npos) << name;
      ++pngs;
    }
  }
  EXPECT_GE(pdfs, 2) << zip["names"] << ": the quote's and the invoice's PDFs";
  EXPECT_EQ(pngs, 1) << zip["names"];

  const json& doc = zip["client"];
  EXPECT_EQ(doc["format"], "planify-personal-data");
  EXPECT_EQ(doc["organization"], "Sono Lumière");
  const json& data = doc["data"];
  ASSERT_EQ(data["client"].size(), 1U);
  EXPECT_EQ(data["client"][0]["name"], "Mariage Durand");
  EXPECT_EQ(data["client"][0]["notes"], "Allergique aux fumigènes");
  EXPECT_EQ(data["client"][0]["tags"], json::array({"mariage"})) << "JSON columns stay JSON";
  EXPECT_EQ(data["contacts"][0]["email"], "claire@durand.fr");
  EXPECT_EQ(data["missions"][0]["notes"], "Appeler Claire");
  EXPECT_EQ(data["missions"][0]["starts_at"], "2027-06-12T16:00:00.000Z");
  ASSERT_EQ(data["quotes"].size(), 1U);
  EXPECT_EQ(data["quotes"][0]["number"], quote_number);
  EXPECT_EQ(data["quote_lines"][0]["description"], "Animation DJ");
  EXPECT_EQ(data["signatures"][0]["signer_name"], "Claire Durand");
  EXPECT_TRUE(data["signatures"][0]["ip_address"].is_string());
  ASSERT_EQ(data["invoices"].size(), 1U);
  EXPECT_EQ(data["invoices"][0]["number"], invoice_number);
  EXPECT_EQ(data["invoices"][0]["total_net_cents"], 50000) << "amounts are integer cents";
  EXPECT_FALSE(data["invoice_lines"].empty());
  ASSERT_FALSE(data["emails"].empty());
  for (const auto& mail : data["emails"]) EXPECT_EQ(mail["to_address"], "claire@durand.fr");

  // Nothing of the other organisation, no secret, no internal key.
  const std::string all = doc.dump();
  for (const char* absent : {"Voisin", "Secret du voisin", "organization_id", "search_text",
                             "public_token_hash", "content_base64", "image_base64"}) {
    EXPECT_EQ(all.find(absent), std::string::npos) << absent;
  }
  EXPECT_EQ(all.find(quote_token), std::string::npos) << "the e-mail's link would still open it";
  EXPECT_EQ(all.find(invoice_token), std::string::npos);
  EXPECT_NE(all.find("/p/devis/[retiré]"), std::string::npos) << "the e-mail's words stay";

  auto audit = Json(Send("GET", "/api/v1/audit", &business.owner));
  bool found = false;
  for (const auto& entry : audit["items"]) {
    found = found || entry["action"] == "clients.personal_data_exported";
  }
  EXPECT_TRUE(found) << audit;
}

INSTANTIATE_TEST_SUITE_P(Backends, PersonalDataContract,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace planify::testing
