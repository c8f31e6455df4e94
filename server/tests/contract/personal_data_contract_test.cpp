// The right to erasure on SQLite and PostgreSQL (docs/personal-data.md): erasing a client
// removes its name, e-mail, phone and addresses from clients, contacts, missions, draft
// documents and e-mails, while its issued invoice keeps (and prints) the original buyer.
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

INSTANTIATE_TEST_SUITE_P(Backends, PersonalDataContract,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace planify::testing
