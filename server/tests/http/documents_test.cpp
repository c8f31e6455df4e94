// Quotes → invoices → credit notes → payments through the HTTP API.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "app/documents/billing_service.hpp"
#include "domain/legal_mentions.hpp"
#include "http/auth_fixture.hpp"
#include "store/billing_repository.hpp"
#include "store/emails_repository.hpp"
#include "store/migrations.hpp"
#include "store/organizations_repository.hpp"
#include "support/images.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

class Documents : public AuthFixture {
 protected:
  void SetUp() override {
    AuthFixture::SetUp();
    org_ = SeedOrganization("Sono Pro");
    SeedMember(org_, "owner@sono.fr", "owner");
    SeedMember(org_, "manager@sono.fr", "manager");
    SeedMember(org_, "tech@sono.fr", "technician");
    manager_ = SignIn("manager@sono.fr");
    auto client =
        Send("POST", "/api/v1/clients", &manager_,
             {{"kind", "company"},
              {"name", "Château de Montplaisir"},
              {"siren", "552100554"},
              {"vat_number", "FR96552100554"},
              {"billing_address",
               {{"line1", "2 allée des Tilleuls"}, {"postal_code", "69003"}, {"city", "Lyon"}}},
              {"contacts",
               {{{"name", "Inès Moreau"}, {"email", "ines@montplaisir.fr"}, {"primary", true}}}}});
    ASSERT_EQ(client->status, 201) << client->body;
    client_ = Json(client)["id"];
  }

  // The legal identity an invoice needs (without it, issuing is refused).
  void SeedLegalIdentity() {
    auto lease = db_->Acquire();
    domain::OrganizationSettings s;
    s.name = "Sono Pro";
    s.legal_name = "Sono Pro SAS";
    s.legal_form = "SAS";
    s.share_capital_cents = 1'000'000;
    s.siren = "732829320";
    s.vat_number = "FR44732829320";
    s.rcs = "RCS Tours";
    s.address_line1 = "1 rue du Parc";
    s.postal_code = "37000";
    s.city = "Tours";
    std::string sealed = cipher_.Seal(R"({"iban":"FR7630006000011234567890189","bic":"AGRIFRPP"})");
    store::OrganizationsRepository(*lease).SaveSettings(org_, s, sealed, "0189",
                                                        "2026-11-25T09:00:00.000Z");
  }

  // The legacy example: 100 €/h × 6 h + 50 € travel, 10 % off, 20 % VAT, 30 % deposit.
  json LegacyQuote() const {
    return {{"client_id", client_},
            {"title", "Mariage Dupont"},
            {"discount_bp", 1000},
            {"deposit_kind", "acompte"},
            {"deposit_bp", 3000},
            {"lines",
             {{{"kind", "text"}, {"description", "Soirée dansante"}},
              {{"kind", "service"},
               {"description", "Animation DJ"},
               {"unit", "hour"},
               {"quantity_milli", 6000},
               {"unit_price_cents", 10000},
               {"vat_rate_bp", 2000}},
              {{"kind", "travel"},
               {"description", "Frais de déplacement"},
               {"unit", "flat"},
               {"quantity_milli", 1000},
               {"unit_price_cents", 5000},
               {"vat_rate_bp", 2000}}}}};
  }

  // The quote's e-mail is accepted by the mailer (what the e-mail job does).
  void MailerAccepts(long long email_id) {
    auto lease = db_->Acquire();
    store::BillingRepository(*lease).OnEmailSent(email_id, "2026-11-25T14:00:01.000Z");
  }

  std::string TokenFromEmail(long long email_id) {
    auto lease = db_->Acquire();
    std::string text;
    **lease << "SELECT text_body FROM emails WHERE id = :id", soci::use(email_id), soci::into(text);
    std::smatch m;
    EXPECT_TRUE(std::regex_search(text, m, std::regex("/p/devis/([0-9a-f]{64})"))) << text;
    return m.size() > 1 ? m[1].str() : "";
  }

  // The text pdftotext reads from `pdf`, with every run of spaces (no-break ones included) and
  // line breaks folded into one space, so a wrapped sentence still matches.
  std::string PdfText(const std::string& pdf, const std::string& name) {
    std::ifstream file(Pdftotext(pdf, name, "-raw", ".txt"));
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    return Fold(text);
  }

  // Writes `pdf`, runs pdftotext with `options` on it and returns the output file's path.
  std::filesystem::path Pdftotext(const std::string& pdf, const std::string& name,
                                  const std::string& options, const std::string& extension) {
    auto in = dir_.path() / (name + ".pdf");
    auto out = dir_.path() / (name + extension);
    std::ofstream(in, std::ios::binary) << pdf;
    std::string command =
        "pdftotext " + options + " -enc UTF-8 '" + in.string() + "' '" + out.string() + "'";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    return out;
  }

  // Every word pdftotext finds, with its box in points (origin top left) and its page.
  struct Word {
    int page = 0;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    std::string text;
  };
  std::vector<Word> PdfWords(const std::string& pdf, const std::string& name) {
    std::ifstream file(Pdftotext(pdf, name, "-bbox", ".html"));
    static const std::regex kWord(
        R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">(.*)</word>)re");
    std::vector<Word> words;
    int page = 0;
    for (std::string line; std::getline(file, line);) {
      if (line.find("<page ") != std::string::npos) ++page;
      std::smatch m;
      if (!std::regex_search(line, m, kWord)) continue;
      words.push_back(
          {page, std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), m[5].str()});
    }
    return words;
  }

  // No word is drawn over another (a wrapped label running into the next row shows up here).
  static void ExpectNoOverlap(const std::vector<Word>& words) {
    for (std::size_t i = 0; i < words.size(); ++i) {
      for (std::size_t j = i + 1; j < words.size(); ++j) {
        const auto& a = words[i];
        const auto& b = words[j];
        if (a.page != b.page) continue;
        const double w = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
        const double h = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
        EXPECT_FALSE(w > 1.0 && h > 3.0) << "\"" << a.text << "\" overlaps \"" << b.text << "\"";
      }
    }
  }

  static std::string Fold(std::string text) {
    for (const char* nbsp : {"\u202f", "\u00a0"}) {
      for (auto at = text.find(nbsp); at != std::string::npos; at = text.find(nbsp)) {
        text.replace(at, std::string(nbsp).size(), " ");
      }
    }
    std::string out;
    for (char c : text) {
      bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f';
      if (space && (out.empty() || out.back() == ' ')) continue;
      out += space ? ' ' : c;
    }
    return out;
  }

  // pdffonts: every font of the PDF is embedded.
  void ExpectFontsEmbedded(const std::string& pdf, const std::string& name) {
    auto in = dir_.path() / (name + "-fonts.pdf");
    auto out = dir_.path() / (name + "-fonts.txt");
    std::ofstream(in, std::ios::binary) << pdf;
    std::string command = "pdffonts '" + in.string() + "' > '" + out.string() + "'";
    ASSERT_EQ(std::system(command.c_str()), 0);
    std::ifstream file(out);
    std::string line;
    int fonts = 0;
    while (std::getline(file, line)) {
      if (line.find("Type 1C") == std::string::npos && line.find("TrueType") == std::string::npos &&
          line.find("CID") == std::string::npos) {
        continue;
      }
      ++fonts;
      EXPECT_NE(line.find(" yes "), std::string::npos) << "not embedded: " << line;
    }
    EXPECT_GT(fonts, 0);
  }

  OrganizationId org_;
  BrowserSession manager_;
  long long client_ = 0;
};

// A 1×1 PNG, as the signature pad would send (data URL).
constexpr const char* kSignaturePng =
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
    "60e6kgAAAABJRU5ErkJggg==";

// The public quote is an allow-list: exactly these keys, at every level (no row id, no
// internal state, nothing about the signer beyond the name). A new key must be added here on
// purpose.
void ExpectPublicQuoteKeys(const nlohmann::json& page, bool signed_) {
  auto keys = [](const nlohmann::json& object) {
    std::set<std::string> out;
    for (const auto& [key, value] : object.items()) out.insert(key);
    return out;
  };
  const std::set<std::string> top = {"number",
                                     "status",
                                     "title",
                                     "client_name",
                                     "client_email",
                                     "seller_name",
                                     "total_net_cents",
                                     "total_vat_cents",
                                     "total_gross_cents",
                                     "vat_regime",
                                     "description",
                                     "venue_text",
                                     "service_starts_at",
                                     "service_ends_at",
                                     "discount_bp",
                                     "discount_cents",
                                     "lines",
                                     "vat_breakdown",
                                     "deposit_kind",
                                     "deposit_bp",
                                     "deposit_cents",
                                     "issue_date",
                                     "valid_until",
                                     "terms",
                                     "accepted_at",
                                     "declined_at",
                                     "decline_reason",
                                     "signature",
                                     "can_pay_deposit"};
  EXPECT_EQ(keys(page), top) << page.dump();
  ASSERT_FALSE(page["lines"].empty());
  for (const auto& line : page["lines"]) {
    EXPECT_EQ(keys(line), (std::set<std::string>{"kind", "description", "unit", "quantity_milli",
                                                 "unit_price_cents", "vat_rate_bp", "discount_bp",
                                                 "discount_cents", "net_cents"}))
        << line.dump();
  }
  for (const auto& vat : page["vat_breakdown"]) {
    EXPECT_EQ(keys(vat),
              (std::set<std::string>{"rate_bp", "base_cents", "discount_cents", "vat_cents"}));
  }
  if (signed_) {
    EXPECT_EQ(keys(page["signature"]),
              (std::set<std::string>{"signer_name", "signed_at", "method", "document_sha256"}));
  } else {
    EXPECT_TRUE(page["signature"].is_null());
  }
}

TEST_F(Documents, AQuoteIsPricedSentSignedAndThenNeverChanges) {
  auto bad =
      Send("POST", "/api/v1/quotes", &manager_,
           {{"client_id", 999}, {"lines", {{{"description", ""}, {"unit_price_cents", -10}}}}});
  ASSERT_EQ(bad->status, 422);
  std::set<std::string> fields;
  const auto errors = Json(bad);
  for (const auto& f : errors["error"]["fields"]) fields.insert(f["field"].get<std::string>());
  for (const char* f :
       {"client_id", "title", "lines[0].description", "lines[0].unit_price_cents"}) {
    EXPECT_TRUE(fields.contains(f)) << f << " in " << bad->body;
  }
  EXPECT_EQ(Count("quotes"), 0);

  auto created = Send("POST", "/api/v1/quotes", &manager_, LegacyQuote());
  ASSERT_EQ(created->status, 201) << created->body;
  auto q = Json(created);
  EXPECT_EQ(q["status"], "draft");
  EXPECT_TRUE(q["number"].is_null()) << "a draft takes no number";
  EXPECT_EQ(q["total_net_cents"], 58500);
  EXPECT_EQ(q["total_vat_cents"], 11700);
  EXPECT_EQ(q["total_gross_cents"], 70200);
  EXPECT_EQ(q["deposit_cents"], 21060);
  EXPECT_EQ(q["client_email"], "ines@montplaisir.fr");
  EXPECT_EQ(q["lines"][1]["net_cents"], 60000);
  const std::string path = "/api/v1/quotes/" + std::to_string(q["id"].get<long long>());

  auto sent = Send("POST", path + "/send", &manager_);
  ASSERT_EQ(sent->status, 202) << sent->body;
  auto s = Json(sent);
  EXPECT_EQ(s["number"], "DEV-2026-0001");
  EXPECT_EQ(s["status"], "draft") << "sent only once the mailer accepted the e-mail";
  EXPECT_TRUE(s["sending"].get<bool>());
  EXPECT_EQ(s["valid_until"], "2026-12-25") << "30 days by default";
  const long long email = s["email_id"];
  const std::string token = TokenFromEmail(email);
  EXPECT_EQ(Send("GET", "/api/v1/public/quotes/" + token, nullptr)->status, 404)
      << "the link works once the quote is sent";
  MailerAccepts(email);
  auto page = Send("GET", "/api/v1/public/quotes/" + token, nullptr);
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_EQ(Json(page)["status"], "sent");
  EXPECT_EQ(Json(page)["total_gross_cents"], 70200);
  ExpectPublicQuoteKeys(Json(page), /*signed_=*/false);
  EXPECT_EQ(Send("GET", "/api/v1/public/quotes/" + std::string(64, 'a'), nullptr)->status, 404);

  auto accepted = Send("POST", path + "/accept", &manager_);
  ASSERT_EQ(accepted->status, 200) << accepted->body;
  EXPECT_EQ(Json(accepted)["status"], "accepted");
  EXPECT_EQ(Json(accepted)["acceptance_method"], "manual");

  // Locked: every write path answers 409 and nothing changes.
  auto before = Send("GET", path, &manager_)->body;
  auto edit = LegacyQuote();
  edit["title"] = "Autre titre";
  EXPECT_EQ(Send("PUT", path, &manager_, edit)->status, 409);
  EXPECT_EQ(Send("POST", path + "/send", &manager_)->status, 409);
  EXPECT_EQ(Send("POST", path + "/accept", &manager_)->status, 409);
  EXPECT_EQ(Send("POST", path + "/decline", &manager_, {{"reason", "x"}})->status, 409);
  EXPECT_EQ(Send("POST", path + "/cancel", &manager_)->status, 409);
  EXPECT_EQ(Send("POST", "/api/v1/public/quotes/" + token + "/decline", nullptr,
                 {{"reason", "trop cher"}})
                ->status,
            409);
  EXPECT_EQ(Send("GET", path, &manager_)->body, before);

  auto copy = Send("POST", path + "/duplicate", &manager_);
  ASSERT_EQ(copy->status, 201);
  EXPECT_EQ(Json(copy)["status"], "draft");
  EXPECT_TRUE(Json(copy)["number"].is_null());
  EXPECT_EQ(Json(copy)["total_gross_cents"], 70200);

  auto tech = SignIn("tech@sono.fr");
  EXPECT_EQ(Send("GET", "/api/v1/quotes", &tech)->status, 403);
  auto live = Send("POST", "/api/v1/documents/totals", &manager_, LegacyQuote());
  ASSERT_EQ(live->status, 200) << live->body;
  EXPECT_EQ(Json(live)["total_gross_cents"], 70200);
  EXPECT_EQ(Json(live)["deposit_cents"], 21060);
  EXPECT_EQ(Json(live)["line_net_cents"][1], 60000);
  EXPECT_EQ(Send("POST", "/api/v1/documents/totals", &tech, LegacyQuote())->status, 403);
  auto list = Json(Send("GET", "/api/v1/quotes?status=accepted", &manager_));
  EXPECT_EQ(list["total"], 1);
  EXPECT_EQ(list["total_gross_cents"], 70200);
  EXPECT_EQ(Json(Send("GET", "/api/v1/quotes?q=dev+2026+0001", &manager_))["total"], 1);
}

TEST_F(Documents, EditingASentQuoteTakesItBackToDraftAndTheClientCanDecline) {
  auto q = Json(Send("POST", "/api/v1/quotes", &manager_, LegacyQuote()));
  const std::string path = "/api/v1/quotes/" + std::to_string(q["id"].get<long long>());
  auto sent = Json(Send("POST", path + "/send", &manager_));
  MailerAccepts(sent["email_id"]);
  const std::string old_token = TokenFromEmail(sent["email_id"]);
  auto edit = LegacyQuote();
  edit["discount_bp"] = 0;
  auto edited = Send("PUT", path, &manager_, edit);
  ASSERT_EQ(edited->status, 200) << edited->body;
  EXPECT_EQ(Json(edited)["status"], "draft");
  EXPECT_EQ(Json(edited)["number"], "DEV-2026-0001") << "the number stays";
  EXPECT_EQ(Json(edited)["total_gross_cents"], 78000);
  EXPECT_EQ(Send("GET", "/api/v1/public/quotes/" + old_token, nullptr)->status, 404);

  auto again = Json(Send("POST", path + "/send", &manager_));
  EXPECT_EQ(again["number"], "DEV-2026-0001");
  MailerAccepts(again["email_id"]);
  const std::string revoked = TokenFromEmail(again["email_id"]);
  EXPECT_EQ(Send("GET", "/api/v1/public/quotes/" + revoked, nullptr)->status, 200);
  auto revoke = Send("POST", path + "/revoke-link", &manager_);
  ASSERT_EQ(revoke->status, 200) << revoke->body;
  EXPECT_FALSE(Json(revoke)["link_active"].get<bool>());
  EXPECT_EQ(Json(revoke)["status"], "sent");
  EXPECT_EQ(Send("GET", "/api/v1/public/quotes/" + revoked, nullptr)->status, 404);
  EXPECT_EQ(Send("POST", path + "/revoke-link", &manager_)->status, 409);
  auto third = Json(Send("POST", path + "/send", &manager_));
  MailerAccepts(third["email_id"]);
  const std::string token = TokenFromEmail(third["email_id"]);
  auto declined = Send("POST", "/api/v1/public/quotes/" + token + "/decline", nullptr,
                       {{"reason", "Date déjà prise"}});
  ASSERT_EQ(declined->status, 200) << declined->body;
  auto after = Json(Send("GET", path, &manager_));
  EXPECT_EQ(after["status"], "declined");
  EXPECT_EQ(after["decline_reason"], "Date déjà prise");
}

TEST_F(Documents, DepositThenBalanceThenCreditNoteThenPayments) {
  auto q = Json(Send("POST", "/api/v1/quotes", &manager_, LegacyQuote()));
  const std::string quote = "/api/v1/quotes/" + std::to_string(q["id"].get<long long>());
  EXPECT_EQ(Send("POST", quote + "/invoices", &manager_, {{"kind", "deposit"}})->status, 409)
      << "only an accepted quote is invoiced";
  auto sent = Json(Send("POST", quote + "/send", &manager_));
  MailerAccepts(sent["email_id"]);
  ASSERT_EQ(Send("POST", quote + "/accept", &manager_)->status, 200);

  auto deposit = Send("POST", quote + "/invoices", &manager_, {{"kind", "deposit"}});
  ASSERT_EQ(deposit->status, 201) << deposit->body;
  auto d = Json(deposit);
  EXPECT_EQ(d["kind"], "deposit");
  EXPECT_EQ(d["total_gross_cents"], 21060);
  EXPECT_EQ(d["total_net_cents"], 17550);
  EXPECT_EQ(d["lines"][0]["description"],
            "Acompte de 30 % sur le devis DEV-2026-0001 du 25/11/2026");
  const std::string deposit_path = "/api/v1/invoices/" + std::to_string(d["id"].get<long long>());
  EXPECT_EQ(Send("POST", quote + "/invoices", &manager_, {{"kind", "final"}})->status, 409)
      << "the deposit draft must be issued (or deleted) first";

  // Issuing needs the seller's legal identity; a refusal uses no number.
  auto refused = Send("POST", deposit_path + "/issue", &manager_);
  ASSERT_EQ(refused->status, 422) << refused->body;
  EXPECT_NE(refused->body.find("organization.siren"), std::string::npos);
  SeedLegalIdentity();
  auto issued = Send("POST", deposit_path + "/issue", &manager_);
  ASSERT_EQ(issued->status, 200) << issued->body;
  auto di = Json(issued);
  EXPECT_EQ(di["number"], "FAC-2026-0001");
  EXPECT_EQ(di["status"], "issued");
  EXPECT_EQ(di["issue_date"], "2026-11-25");
  EXPECT_EQ(di["due_date"], "2026-12-25");
  EXPECT_EQ(di["legal"]["title"], "Facture d'acompte n° FAC-2026-0001");
  EXPECT_EQ(Send("PUT", deposit_path, &manager_, LegacyQuote())->status, 409);
  EXPECT_EQ(Send("DELETE", deposit_path, &manager_)->status, 409);
  EXPECT_EQ(Send("POST", deposit_path + "/issue", &manager_)->status, 409);

  auto final_invoice = Send("POST", quote + "/invoices", &manager_, {{"kind", "final"}});
  ASSERT_EQ(final_invoice->status, 201) << final_invoice->body;
  auto f = Json(final_invoice);
  EXPECT_EQ(f["total_gross_cents"], 70200);
  EXPECT_EQ(f["prepaid_cents"], 21060);
  EXPECT_EQ(f["amount_due_cents"], 49140);
  ASSERT_EQ(f["deposits"].size(), 1u);
  EXPECT_EQ(f["deposits"][0]["number"], "FAC-2026-0001");
  EXPECT_EQ(Send("POST", quote + "/invoices", &manager_, {{"kind", "final"}})->status, 409)
      << "one final invoice per quote";
  const std::string final_path = "/api/v1/invoices/" + std::to_string(f["id"].get<long long>());
  auto fi = Json(Send("POST", final_path + "/issue", &manager_));
  EXPECT_EQ(fi["number"], "FAC-2026-0002");
  bool cites_deposit = false;
  for (const auto& m : fi["legal"]["mentions"]) {
    if (m.get<std::string>().find("FAC-2026-0001") != std::string::npos) cites_deposit = true;
  }
  EXPECT_TRUE(cites_deposit) << fi["legal"].dump();
  {
    // The deposit's row ("Acompte FAC-2026-0001 du 25/11/2026 déduit") is read in full, above
    // the coloured "Net à payer" band (which starts 5 pt above its text), never under it.
    auto final_pdf = Send("GET", final_path + "/pdf", &manager_);
    ASSERT_EQ(final_pdf->status, 200);
    EXPECT_NE(PdfText(final_pdf->body, "final").find("Acompte FAC-2026-0001 du 25/11/2026 déduit"),
              std::string::npos);
    auto words = PdfWords(final_pdf->body, "final");
    const Word* deducted = nullptr;
    const Word* net = nullptr;
    for (std::size_t i = 0; i + 2 < words.size(); ++i) {
      if (words[i].text == "déduit") deducted = &words[i];
      if (words[i].text == "Net" && words[i + 1].text == "à" && words[i + 2].text == "payer") {
        net = &words[i];
      }
    }
    ASSERT_TRUE(deducted != nullptr && net != nullptr);
    EXPECT_EQ(deducted->page, net->page);
    EXPECT_LE(deducted->y1, net->y0 - 3.0)
        << "déduit ends at " << deducted->y1 << ", the band starts at " << net->y0 - 5.0;
    ExpectNoOverlap(words);
  }

  // A payment, a partial credit note, then the rest.
  auto paid = Send("POST", final_path + "/payments", &manager_,
                   {{"method", "bank_transfer"},
                    {"amount_cents", 10000},
                    {"reference", "VIR 2611"},
                    {"received_on", "2026-11-25"}});
  ASSERT_EQ(paid->status, 201) << paid->body;
  EXPECT_EQ(Json(paid)["status"], "succeeded");
  EXPECT_EQ(Json(paid)["number"], "PAY-2026-0001");
  EXPECT_EQ(Json(Send("GET", final_path, &manager_))["status"], "partially_paid");
  // The proof: a PDF (by its bytes, whatever it is called), replaced by a JPEG; a GIF is refused.
  const std::string proof = "/api/v1/payments/" + Json(paid)["id"].dump() + "/proof";
  auto upload = [&](const std::string& bytes, const std::string& name) {
    return Client().Put(proof + "?filename=" + name,
                        {{"Origin", Origin()},
                         {"Cookie", manager_.CookieHeader()},
                         {"X-CSRF-Token", manager_.csrf}},
                        bytes, "application/octet-stream");
  };
  const std::string statement = "%PDF-1.4\nreleve de compte\n%%EOF";
  auto attached = upload(statement, "releve.pdf");
  ASSERT_EQ(attached->status, 200) << attached->body;
  EXPECT_EQ(Json(attached)["proof_filename"], "releve.pdf");
  auto gif = upload("GIF89a....", "photo.gif");
  ASSERT_EQ(gif->status, 422);
  EXPECT_EQ(Json(gif)["error"]["fields"][0]["field"], "file");
  auto fetched = Send("GET", proof, &manager_);
  ASSERT_EQ(fetched->status, 200);
  EXPECT_EQ(fetched->body, statement);
  EXPECT_EQ(fetched->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(upload(std::string("\xFF\xD8\xFF\xE0jpeg", 8), "cheque.jpg")->status, 422)
      << "a JPEG signature is not a JPEG";
  ASSERT_EQ(upload(TestJpeg(1200, 900), "cheque.jpg")->status, 200);
  EXPECT_EQ(Send("GET", proof, &manager_)->get_header_value("Content-Type"), "image/jpeg");
  EXPECT_EQ(Count("payment_proofs"), 1);
  auto over = Send("POST", final_path + "/payments", &manager_,
                   {{"method", "cash"}, {"amount_cents", 39141}, {"received_on", "2026-11-25"}});
  EXPECT_EQ(over->status, 409) << "never more than what remains";

  auto too_much = Send("POST", final_path + "/credit-notes", &manager_,
                       {{"amount_cents", 49141}, {"reason", "Geste"}});
  EXPECT_EQ(too_much->status, 422);
  auto credit = Send("POST", final_path + "/credit-notes", &manager_,
                     {{"amount_cents", 9140}, {"reason", "Heure non effectuée"}});
  ASSERT_EQ(credit->status, 201) << credit->body;
  auto c = Json(credit);
  EXPECT_EQ(c["number"], "AV-2026-0001");
  EXPECT_EQ(c["total_gross_cents"], 9140);
  EXPECT_EQ(c["total_net_cents"].get<long long>() + c["total_vat_cents"].get<long long>(), 9140);
  EXPECT_EQ(c["legal"]["title"], "Avoir n° AV-2026-0001");
  auto view = Json(Send("GET", final_path, &manager_));
  EXPECT_EQ(view["credited_cents"], 9140);
  EXPECT_EQ(view["remaining_cents"], 30000);
  EXPECT_EQ(view["credit_notes"].size(), 1u);
  EXPECT_EQ(view["payments"].size(), 1u);

  auto rest = Send("POST", final_path + "/payments", &manager_,
                   {{"method", "cheque"},
                    {"amount_cents", 30000},
                    {"reference", "CHQ 0042"},
                    {"received_on", "2026-11-25"}});
  ASSERT_EQ(rest->status, 201) << rest->body;
  view = Json(Send("GET", final_path, &manager_));
  EXPECT_EQ(view["status"], "paid");
  EXPECT_EQ(view["paid_on"], "2026-11-25");
  EXPECT_EQ(view["remaining_cents"], 0);

  auto list = Json(Send("GET", "/api/v1/invoices?quote_id=" + q["id"].dump(), &manager_));
  EXPECT_EQ(list["total"], 2);
  EXPECT_EQ(list["total_gross_cents"], 21060 + 70200);
  EXPECT_EQ(list["remaining_cents"], 21060) << "the deposit invoice is still unpaid";
}

TEST_F(Documents, AFullCreditNoteCancelsAnUnpaidInvoice) {
  SeedLegalIdentity();
  auto body = LegacyQuote();
  body.erase("deposit_kind");
  body.erase("deposit_bp");
  auto created = Send("POST", "/api/v1/invoices", &manager_, body);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string path =
      "/api/v1/invoices/" + std::to_string(Json(created)["id"].get<long long>());
  EXPECT_EQ(Send("POST", path + "/credit-notes", &manager_, {{"reason", "Erreur"}})->status, 409)
      << "a draft is edited or deleted, not credited";
  ASSERT_EQ(Send("POST", path + "/issue", &manager_)->status, 200);
  auto credit = Send("POST", path + "/credit-notes", &manager_, {{"reason", "Annulation"}});
  ASSERT_EQ(credit->status, 201) << credit->body;
  EXPECT_TRUE(Json(credit)["full_credit"].get<bool>());
  EXPECT_EQ(Json(credit)["total_net_cents"], 58500) << "the same bases as the invoice";
  EXPECT_EQ(Json(credit)["total_vat_cents"], 11700);
  EXPECT_EQ(Json(Send("GET", path, &manager_))["status"], "cancelled");
  EXPECT_EQ(Send("POST", path + "/credit-notes", &manager_, {{"reason", "Encore"}})->status, 409);
}

TEST_F(Documents, PaymentsWaitForAnAdminWhenTheOrganisationAsks) {
  SeedLegalIdentity();
  auto owner = SignIn("owner@sono.fr");
  auto option =
      Send("PATCH", "/api/v1/organization", &owner, {{"payment_validation_required", true}});
  ASSERT_EQ(option->status, 200) << option->body;
  EXPECT_TRUE(Json(option)["payment_validation_required"].get<bool>());
  auto body = LegacyQuote();
  body.erase("deposit_kind");
  body.erase("deposit_bp");
  auto invoice = Json(Send("POST", "/api/v1/invoices", &manager_, body));
  const std::string path = "/api/v1/invoices/" + std::to_string(invoice["id"].get<long long>());
  ASSERT_EQ(Send("POST", path + "/issue", &manager_)->status, 200);
  auto recorded =
      Send("POST", path + "/payments", &manager_,
           {{"method", "cash"}, {"amount_cents", 70200}, {"received_on", "2026-11-25"}});
  ASSERT_EQ(recorded->status, 201) << recorded->body;
  EXPECT_EQ(Json(recorded)["status"], "pending");
  EXPECT_EQ(Json(Send("GET", path, &manager_))["status"], "issued");
  auto twice = Send("POST", path + "/payments", &manager_,
                    {{"method", "cash"}, {"amount_cents", 100}, {"received_on", "2026-11-25"}});
  EXPECT_EQ(twice->status, 409) << "a pending payment already covers the invoice";
  const std::string payment = "/api/v1/payments/" + Json(recorded)["id"].dump();
  EXPECT_EQ(Send("POST", payment + "/validate", &manager_)->status, 403) << "admins only";
  auto validated = Send("POST", payment + "/validate", &owner);
  ASSERT_EQ(validated->status, 200) << validated->body;
  EXPECT_EQ(Json(validated)["status"], "succeeded");
  EXPECT_EQ(Json(Send("GET", path, &manager_))["status"], "paid");
  EXPECT_EQ(Send("POST", payment + "/validate", &owner)->status, 409);
  EXPECT_EQ(Json(Send("GET", "/api/v1/payments?status=succeeded", &manager_))["total"], 1);
}

TEST_F(Documents, SentQuotesExpireTheDayAfterTheirValidity) {
  auto body = LegacyQuote();
  body["valid_until"] = "2026-11-30";
  auto q = Json(Send("POST", "/api/v1/quotes", &manager_, body));
  const std::string path = "/api/v1/quotes/" + q["id"].dump();
  auto sent = Json(Send("POST", path + "/send", &manager_));
  MailerAccepts(sent["email_id"]);
  const std::string token = TokenFromEmail(sent["email_id"]);
  app::QuotesService quotes(*db_, clock_, cipher_, "");
  clock_.Set(*domain::ParseIsoUtc("2026-11-30T22:59:00.000Z"));  // 23:59 in Paris, still valid
  EXPECT_EQ(*quotes.ExpireDue(), 0);
  clock_.Set(*domain::ParseIsoUtc("2026-11-30T23:01:00.000Z"));  // 1 December in Paris
  EXPECT_EQ(*quotes.ExpireDue(), 1);
  EXPECT_EQ(*quotes.ExpireDue(), 0);
  auto expired = Json(Send("GET", path, &manager_));
  EXPECT_EQ(expired["status"], "expired");
  auto page = Send("GET", "/api/v1/public/quotes/" + token, nullptr);
  ASSERT_EQ(page->status, 200) << "the client still sees the quote, marked expired";
  EXPECT_EQ(Json(page)["status"], "expired");
  EXPECT_EQ(Send("POST", path + "/accept", &manager_)->status, 409);
  EXPECT_EQ(Send("POST", path + "/send", &manager_)->status, 409) << "a new validity date first";
  body["valid_until"] = "2026-12-31";
  auto reopened = Send("PUT", path, &manager_, body);
  ASSERT_EQ(reopened->status, 200) << reopened->body;
  EXPECT_EQ(Json(reopened)["status"], "draft");
  EXPECT_EQ(Send("POST", path + "/send", &manager_)->status, 202);
}

TEST_F(Documents, AQuoteFromAMissionIsPrefilled) {
  auto mission = Send("POST", "/api/v1/missions", &manager_,
                      {{"title", "Gala Montplaisir"},
                       {"client_id", client_},
                       {"address", "Lyon"},
                       {"starts_at", "2027-06-12T19:00:00+02:00"},
                       {"ends_at", "2027-06-13T01:00:00+02:00"}});
  ASSERT_EQ(mission->status, 201) << mission->body;
  auto rule = Send("POST", "/api/v1/pricing-rules", &manager_,
                   {{"name", "Soirée"},
                    {"hourly_rate_cents", 10000},
                    {"weekend_surcharge_bp", 2000},
                    {"night_surcharge_bp", 2500}});
  ASSERT_EQ(rule->status, 201) << rule->body;
  auto quote = Send("POST", "/api/v1/quotes/from-mission", &manager_,
                    {{"mission_id", Json(mission)["id"]}, {"pricing_rule_id", Json(rule)["id"]}});
  ASSERT_EQ(quote->status, 201) << quote->body;
  auto q = Json(quote);
  EXPECT_EQ(q["title"], "Gala Montplaisir");
  EXPECT_EQ(q["client_id"], client_);
  EXPECT_EQ(q["mission_id"], Json(mission)["id"]);
  EXPECT_EQ(q["total_net_cents"], 90000) << "6 h at 150 €/h (weekend + night)";
  EXPECT_EQ(q["venue_text"], "Lyon");
  EXPECT_EQ(Json(Send("GET", "/api/v1/quotes?mission_id=" + Json(mission)["id"].dump(),
                      &manager_))["total"],
            1);
}

}  // namespace
}  // namespace planify::testing

namespace planify::testing {
namespace {

TEST_F(Documents, TheInvoicePdfPrintsEveryMandatoryMentionAndTheApiTotals) {
  SeedLegalIdentity();
  auto body = LegacyQuote();
  body.erase("deposit_kind");
  body.erase("deposit_bp");
  body["lines"].push_back({{"kind", "product"},
                           {"description", "Livret de chansons"},
                           {"quantity_milli", 2000},
                           {"unit_price_cents", 1000},
                           {"vat_rate_bp", 550}});
  body["lines"].push_back(
      {{"kind", "service"},
       {"description", std::string(60, 'x') + " — une description longue qui se replie sur "
                                              "plusieurs lignes dans le tableau du document, "
                                              "avec le détail du matériel installé et démonté."},
       {"quantity_milli", 1500},
       {"unit_price_cents", 3333},
       {"vat_rate_bp", 1000}});
  auto created = Json(Send("POST", "/api/v1/invoices", &manager_, body));
  const std::string path = "/api/v1/invoices/" + created["id"].dump();
  auto preview = Send("GET", path + "/pdf", &manager_);
  ASSERT_EQ(preview->status, 200);
  EXPECT_NE(PdfText(preview->body, "preview").find("APERÇU"), std::string::npos);
  auto issued = Send("POST", path + "/issue", &manager_);
  ASSERT_EQ(issued->status, 200) << issued->body;
  auto invoice = Json(issued);

  auto pdf = Send("GET", path + "/pdf", &manager_);
  ASSERT_EQ(pdf->status, 200) << pdf->body;
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  ASSERT_EQ(pdf->body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(pdf->get_header_value("X-Content-SHA256"), store::Sha256Hex(pdf->body));
  EXPECT_EQ(Send("GET", path + "/pdf", &manager_)->body, pdf->body)
      << "an issued invoice's PDF is stored once and served as is";
  ExpectFontsEmbedded(pdf->body, "invoice");

  const std::string text = PdfText(pdf->body, "invoice");
  EXPECT_EQ(text.find("APERÇU"), std::string::npos);
  std::vector<std::string> expected;
  for (const char* block : {"seller", "buyer", "dates", "mentions"}) {
    for (const auto& line : invoice["legal"][block]) expected.push_back(line.get<std::string>());
  }
  EXPECT_GT(expected.size(), 15u);
  expected.push_back(invoice["legal"]["title"].get<std::string>());
  for (const char* total : {"total_net_cents", "total_vat_cents", "total_gross_cents"}) {
    expected.push_back(domain::FormatEuros(invoice[total].get<long long>()));
  }
  for (const auto& v : invoice["vat_breakdown"]) {
    expected.push_back(domain::FormatEuros(v["vat_cents"].get<long long>()));
    expected.push_back(domain::FormatEuros(v["base_cents"].get<long long>()));
  }
  for (const auto& line : invoice["lines"]) {
    if (line["kind"] == "text") continue;
    expected.push_back(domain::FormatEuros(line["net_cents"].get<long long>()));
  }
  expected.push_back("FR76 3000 6000 0112 3456 7890 189");
  expected.push_back("Pas d'escompte pour paiement anticipé");
  expected.push_back("40");  // the recovery indemnity, printed for a business client
  for (const auto& e : expected) {
    EXPECT_NE(text.find(Fold(e)), std::string::npos) << "missing « " << e << " » in\n" << text;
  }
  // 720.00 € of lines, 10 % off spread over the rates: 585.00 at 20 %, 45.00 at 10 %, 18.00 at
  // 5.5 % → VAT 117.00 + 4.50 + 0.99.
  EXPECT_EQ(invoice["total_net_cents"], 64800);
  EXPECT_EQ(invoice["total_vat_cents"], 12249);
  EXPECT_EQ(invoice["total_gross_cents"], 77049);

  auto credit = Json(Send("POST", path + "/credit-notes", &manager_, {{"reason", "Annulation"}}));
  auto credit_pdf = Send("GET", "/api/v1/credit-notes/" + credit["id"].dump() + "/pdf", &manager_);
  ASSERT_EQ(credit_pdf->status, 200);
  const std::string credit_text = PdfText(credit_pdf->body, "credit");
  for (const std::string& e :
       {std::string("Avoir n° AV-2026-0001"), invoice["number"].get<std::string>(),
        domain::FormatEuros(credit["total_gross_cents"].get<long long>())}) {
    EXPECT_NE(credit_text.find(Fold(e)), std::string::npos) << e << " in " << credit_text;
  }
}

TEST_F(Documents, ASignedQuoteKeepsTheHashOfThePdfShownAndNeverChanges) {
  auto q = Json(Send("POST", "/api/v1/quotes", &manager_, LegacyQuote()));
  const std::string path = "/api/v1/quotes/" + q["id"].dump();
  auto sent = Json(Send("POST", path + "/send", &manager_));
  MailerAccepts(sent["email_id"]);
  {
    auto lease = db_->Acquire();
    long long attachments = 0;
    long long email = sent["email_id"];
    **lease << "SELECT count(*) FROM email_attachments WHERE email_id = :id", soci::use(email),
        soci::into(attachments);
    EXPECT_EQ(attachments, 1) << "the quote's PDF goes with the e-mail";
  }
  const std::string token = TokenFromEmail(sent["email_id"]);
  const std::string pub = "/api/v1/public/quotes/" + token;
  auto shown = Send("GET", pub + "/pdf", nullptr);
  ASSERT_EQ(shown->status, 200);
  const std::string shown_sha = store::Sha256Hex(shown->body);
  EXPECT_NE(PdfText(shown->body, "shown").find("DEV-2026-0001"), std::string::npos);

  auto refused = Send("POST", pub + "/sign", nullptr,
                      {{"signer_name", ""},
                       {"signer_email", "pas-un-email"},
                       {"signature", "data:image/gif;base64,R0lGOD"},
                       {"consent", false}});
  ASSERT_EQ(refused->status, 422);
  EXPECT_EQ(Json(refused)["error"]["fields"].size(), 4u) << refused->body;
  EXPECT_EQ(Count("signatures"), 0);

  auto signed_ = Send("POST", pub + "/sign", nullptr,
                      {{"signer_name", "Inès Moreau"},
                       {"signer_email", "Ines@Montplaisir.fr"},
                       {"signature", kSignaturePng},
                       {"consent", true}},
                      {{"User-Agent", "Mozilla/5.0 (iPhone) Safari/604.1"}});
  ASSERT_EQ(signed_->status, 200) << signed_->body;
  EXPECT_EQ(Json(signed_)["status"], "accepted");

  auto quote = Json(Send("GET", path, &manager_));
  EXPECT_EQ(quote["status"], "accepted");
  EXPECT_EQ(quote["acceptance_method"], "signature");
  const auto& evidence = quote["signature"];
  EXPECT_EQ(evidence["signer_name"], "Inès Moreau");
  EXPECT_EQ(evidence["signer_email"], "ines@montplaisir.fr");
  EXPECT_EQ(evidence["ip_address"], "127.0.0.1");
  EXPECT_EQ(evidence["user_agent"], "Mozilla/5.0 (iPhone) Safari/604.1");
  EXPECT_EQ(evidence["signed_at"], "2026-11-25T14:00:00.000Z");
  EXPECT_EQ(evidence["document_sha256"], shown_sha) << "the hash of the exact PDF shown";
  {
    // The stored PDF the signature points to still hashes to the recorded value.
    auto lease = db_->Acquire();
    std::string content;
    std::string recorded;
    std::string stored_sha;
    **lease << "SELECT f.content_base64, s.document_sha256, f.sha256 FROM signatures s JOIN "
               "document_files f ON f.id = s.document_file_id",
        soci::into(content), soci::into(recorded), soci::into(stored_sha);
    auto bytes = store::Base64Decode(content);
    ASSERT_TRUE(bytes.has_value());
    EXPECT_EQ(store::Sha256Hex(*bytes), recorded);
    EXPECT_EQ(stored_sha, recorded);
    EXPECT_EQ(*bytes, shown->body);
  }
  auto signed_pdf = Send("GET", pub + "/pdf", nullptr);
  ASSERT_EQ(signed_pdf->status, 200);
  const std::string certificate = PdfText(signed_pdf->body, "signed");
  for (const std::string& e : {std::string("Certificat de signature électronique"),
                               std::string("Inès Moreau"), shown_sha, std::string("127.0.0.1")}) {
    EXPECT_NE(certificate.find(e), std::string::npos) << e;
  }
  EXPECT_EQ(Json(Send("GET", pub, nullptr))["signature"]["signer_name"], "Inès Moreau");
  ExpectPublicQuoteKeys(Json(Send("GET", pub, nullptr)), /*signed_=*/true);

  // Every write path is closed.
  const auto before = Send("GET", path, &manager_)->body;
  EXPECT_EQ(Send("PUT", path, &manager_, LegacyQuote())->status, 409);
  EXPECT_EQ(Send("POST", path + "/send", &manager_)->status, 409);
  EXPECT_EQ(Send("POST", path + "/accept", &manager_)->status, 409);
  EXPECT_EQ(Send("POST", path + "/decline", &manager_)->status, 409);
  EXPECT_EQ(Send("POST", path + "/cancel", &manager_)->status, 409);
  EXPECT_EQ(Send("POST", pub + "/decline", nullptr)->status, 409);
  EXPECT_EQ(Send("POST", pub + "/sign", nullptr,
                 {{"signer_name", "Autre"},
                  {"signer_email", "autre@x.fr"},
                  {"signature", kSignaturePng},
                  {"consent", true}})
                ->status,
            409);
  EXPECT_EQ(Send("GET", path, &manager_)->body, before);
  EXPECT_EQ(Count("signatures"), 1);
  EXPECT_EQ(Send("GET", path + "/pdf", &manager_)->body, shown->body)
      << "the office's PDF is the one sent";
}

}  // namespace
}  // namespace planify::testing
