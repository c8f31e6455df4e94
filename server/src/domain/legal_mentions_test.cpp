#include "domain/legal_mentions.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace planify::domain {
namespace {

using namespace std::chrono;

OrganizationSettings Seller() {
  OrganizationSettings s;
  s.name = "Sono Lumière";
  s.legal_name = "Sono Lumière Événements";
  s.legal_form = "SAS";
  s.share_capital_cents = 1'000'000;
  s.siren = "732829320";
  s.vat_number = "FR44732829320";
  s.rcs = "RCS Tours";
  s.address_line1 = "1 rue du Parc";
  s.postal_code = "37000";
  s.city = "Tours";
  return s;
}

ClientInput Company() {
  ClientInput c;
  c.kind = ClientKind::kCompany;
  c.name = "Château de la Loire";
  c.siren = "552100554";
  c.vat_number = "FR40552100554";
  c.billing = {"2 allée du Château", "", "37400", "Amboise", "FR"};
  c.service = {"Parc du château", "", "37400", "Amboise", "FR"};
  return c;
}

DocumentFacts Invoice() {
  DocumentFacts f;
  f.kind = DocumentKind::kInvoice;
  f.number = "FAC-2026-0001";
  f.issue_date = year{2026} / November / 25;
  f.service_date = year{2026} / November / 21;
  f.due_date = year{2026} / December / 25;
  return f;
}

bool Has(const std::vector<std::string>& lines, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& l) { return l.find(text) != std::string::npos; });
}

TEST(LegalMentions, TheServiceIsNamedWithTheOrganisationsWord) {
  auto seller = Seller();
  seller.terminology = "evenements";
  auto b = BuildLegalBlock(seller, Company(), Invoice());
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_TRUE(Has(b->buyer, "Lieu de l'événement : Parc du château"));
  EXPECT_TRUE(Has(b->dates, "Date de l'événement : 21/11/2026"));
  // The legal nature of the operation keeps its wording.
  EXPECT_TRUE(Has(b->mentions, "Nature de l'opération : prestation de services"));
  seller.terminology = "locations";
  b = BuildLegalBlock(seller, Company(), Invoice());
  ASSERT_TRUE(b);
  EXPECT_TRUE(Has(b->dates, "Date de la location : 21/11/2026"));
}

TEST(LegalMentions, AnInvoiceToABusinessCarriesEveryMandatoryMention) {
  auto b = BuildLegalBlock(Seller(), Company(), Invoice());
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->title, "Facture n° FAC-2026-0001");
  EXPECT_EQ(b->seller[0], "Sono Lumière Événements, SAS au capital de 10\u202f000,00\u00a0€");
  EXPECT_TRUE(Has(b->seller, "Nom commercial : Sono Lumière"));
  EXPECT_TRUE(Has(b->seller, "1 rue du Parc, 37000 Tours"));
  EXPECT_TRUE(Has(b->seller, "SIREN 732 829 320"));
  EXPECT_TRUE(Has(b->seller, "RCS Tours"));
  EXPECT_TRUE(Has(b->seller, "N° TVA intracommunautaire : FR44732829320"));
  EXPECT_TRUE(Has(b->buyer, "Château de la Loire"));
  EXPECT_TRUE(Has(b->buyer, "2 allée du Château, 37400 Amboise"));
  EXPECT_TRUE(Has(b->buyer, "Lieu de la prestation : Parc du château"));
  EXPECT_TRUE(Has(b->buyer, "SIREN 552 100 554"));
  EXPECT_TRUE(Has(b->buyer, "N° TVA intracommunautaire : FR40552100554"));
  EXPECT_TRUE(Has(b->dates, "Date : 25/11/2026"));
  EXPECT_TRUE(Has(b->dates, "Date de la prestation : 21/11/2026"));
  EXPECT_TRUE(Has(b->dates, "Date d'échéance : 25/12/2026"));
  EXPECT_TRUE(Has(b->mentions, "Nature de l'opération : prestation de services"));
  EXPECT_TRUE(Has(b->mentions, "Pas d'escompte pour paiement anticipé"));
  EXPECT_TRUE(Has(b->mentions, "Pénalités de retard : 10\u00a0% par an"));
  EXPECT_TRUE(Has(b->mentions, "Indemnité forfaitaire pour frais de recouvrement : 40\u00a0€"));
  EXPECT_FALSE(Has(b->mentions, "293 B"));
  EXPECT_FALSE(b->reverse_charge);
}

TEST(LegalMentions, FranchiseIndividualsReverseChargeAndCreditNotes) {
  auto micro = Seller();
  micro.vat_regime = VatRegime::kFranchise;
  micro.vat_number = "";
  micro.legal_form = "Micro-entreprise";
  micro.share_capital_cents.reset();
  ClientInput person;
  person.name = "Julie Bernard";
  person.billing = {"5 rue Nationale", "", "37000", "Tours", "FR"};
  auto b = BuildLegalBlock(micro, person, Invoice());
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_TRUE(Has(b->mentions, "TVA non applicable, art. 293 B du CGI"));
  EXPECT_FALSE(Has(b->mentions, "40\u00a0€")) << "the indemnity is for business clients";

  auto belgian = Company();
  belgian.billing.country = "BE";
  belgian.vat_number = "BE0403170701";
  auto rc = BuildLegalBlock(Seller(), belgian, Invoice());
  ASSERT_TRUE(rc);
  EXPECT_TRUE(rc->reverse_charge);
  EXPECT_TRUE(Has(rc->mentions, "Autoliquidation"));

  auto credit = Invoice();
  credit.kind = DocumentKind::kCreditNote;
  credit.number = "AV-2026-0001";
  credit.corrected_invoice_number = "FAC-2026-0001";
  credit.corrected_invoice_date = year{2026} / November / 25;
  auto av = BuildLegalBlock(Seller(), Company(), credit);
  ASSERT_TRUE(av);
  EXPECT_EQ(av->title, "Avoir n° AV-2026-0001");
  EXPECT_TRUE(Has(av->mentions, "Avoir se rapportant à la facture n° FAC-2026-0001 du 25/11/2026"));
  EXPECT_FALSE(Has(av->dates, "échéance"));

  auto balance = Invoice();
  balance.deducted_deposits = {"FAC-2026-0003", "FAC-2026-0007"};
  auto bal = BuildLegalBlock(Seller(), Company(), balance);
  ASSERT_TRUE(bal);
  EXPECT_TRUE(Has(bal->mentions, "Acomptes déduits : factures n° FAC-2026-0003, FAC-2026-0007"));
}

TEST(LegalMentions, AnInvoiceIsRefusedWhileTheSettingsLackAMandatoryMention) {
  OrganizationSettings bare;
  bare.name = "Sono";
  bare.legal_form = "SARL";
  ClientInput nobody;
  auto b = BuildLegalBlock(bare, nobody, Invoice());
  ASSERT_FALSE(b);
  std::vector<std::string> fields;
  for (const auto& e : b.error().fields) fields.push_back(e.field);
  for (const char* f : {"organization.siren", "organization.address", "organization.vat_number",
                        "organization.share_capital", "client.name", "client.billing_address"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
  }
  // A quote can go out earlier: it is not an invoice.
  auto quote = Invoice();
  quote.kind = DocumentKind::kQuote;
  quote.valid_until = year{2026} / December / 25;
  auto q = BuildLegalBlock(bare, nobody, quote);
  ASSERT_TRUE(q);
  EXPECT_TRUE(Has(q->dates, "Devis valable jusqu'au 25/12/2026"));
  EXPECT_TRUE(Has(q->mentions, "Devis gratuit"));
}

TEST(LegalMentions, EurosAreWrittenTheFrenchWay) {
  EXPECT_EQ(FormatEuros(123456), "1\u202f234,56\u00a0€");
  EXPECT_EQ(FormatEuros(5), "0,05\u00a0€");
  EXPECT_EQ(FormatEuros(-70200), "-702,00\u00a0€");
  EXPECT_EQ(FormatEuros(100000000), "1\u202f000\u202f000,00\u00a0€");
}

}  // namespace
}  // namespace planify::domain
