#include "domain/organization_settings.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

OrganizationSettings Valid() {
  OrganizationSettings s;
  s.name = "  Sono Lumière  ";
  s.siren = "732 829 320";
  s.siret = "732 829 320 00074";
  s.vat_number = "fr 44 732829320";
  s.iban = "fr76 3000 6000 0112 3456 7890 189";
  s.bic = "bnpafrpp";
  return s;
}

bool HasField(const Error& error, const std::string& field) {
  for (const auto& f : error.fields) {
    if (f.field == field) return true;
  }
  return false;
}

TEST(OrganizationSettings, CleansValidIdentity) {
  auto result = ValidateOrganizationSettings(Valid());
  ASSERT_TRUE(result.has_value()) << result.error().fields.front().message;
  EXPECT_EQ(result->name, "Sono Lumière");
  EXPECT_EQ(result->siren, "732829320");
  EXPECT_EQ(result->siret, "73282932000074");
  EXPECT_EQ(result->vat_number, "FR44732829320");
  EXPECT_EQ(result->iban, "FR7630006000011234567890189");
  EXPECT_EQ(result->bic, "BNPAFRPP");
}

TEST(OrganizationSettings, ReportsEveryInconsistency) {
  auto s = Valid();
  s.siret = "44306184100047";      // valid Luhn, but another company's SIREN
  s.vat_number = "FR45732829320";  // wrong key
  s.iban = "FR7630006000011234567890188";
  s.payment_terms_days = 90;
  s.invoice_number_format = "FAC-{NN}";
  s.brand_color = "blue";
  s.time_zone = "Mars/Olympus";
  s.terminology = "gigs";
  s.client_terminology = "customers";
  s.crew_terminology = "roadies";
  auto result = ValidateOrganizationSettings(s);
  ASSERT_FALSE(result.has_value());
  for (const char* field :
       {"siret", "vat_number", "iban", "payment_terms_days", "invoice_number_format", "brand_color",
        "time_zone", "terminology", "client_terminology", "crew_terminology"}) {
    EXPECT_TRUE(HasField(result.error(), field)) << field;
  }
  EXPECT_FALSE(HasField(result.error(), "siren"));
}

TEST(OrganizationSettings, VatNumberMustMatchTheSiren) {
  auto s = Valid();
  s.siren = "443061841";
  s.siret = "";
  auto result = ValidateOrganizationSettings(s);
  ASSERT_FALSE(result.has_value());
  EXPECT_TRUE(HasField(result.error(), "vat_number"));
}

TEST(OrganizationSettings, FormatsDocumentNumbers) {
  EXPECT_EQ(FormatDocumentNumber("FAC-{YYYY}-{NNNN}", 2026, 7), "FAC-2026-0007");
  EXPECT_EQ(FormatDocumentNumber("{YYYY}/D{NNN}", 2027, 12345), "2027/D12345");
  // Text in braces that is not a placeholder is copied, never read past the end.
  EXPECT_EQ(FormatDocumentNumber("A{YYYY}-{NNN}-{", 2027, 4), "A2027-004-{");
  EXPECT_EQ(FormatDocumentNumber("{N", 2027, 4), "{N");
}

// Found by the routes fuzzer: an unclosed brace after both placeholders made the validation
// loop wrap around and spin for ever (one PATCH /organization stalled a worker thread).
TEST(OrganizationSettings, NumberFormatsArePlaceholdersAndSafeText) {
  for (const char* bad :
       {"FAC-{YYYY}-{NNNN}-{", "FAC-{YYYY}-{NNNN}-}", "{YYYY}{NNNN}{X}", "FAC-{YYYY}-{NN}",
        "FAC-{YYYY}-{NNNNNNNNN}", "FAC-{NNNN}", "FAC-{YYYY}", "{YYYY}-{YYYY}-{NNNN}",
        "{YYYY}-{NNNN}-{NNNN}", "FAC {YYYY}-{NNNN}", "{YYYY-{NNNN}", "{", "}", "{{YYYY}}-{NNNN}"}) {
    auto s = Valid();
    s.invoice_number_format = bad;
    auto result = ValidateOrganizationSettings(s);
    ASSERT_FALSE(result.has_value()) << bad;
    EXPECT_TRUE(HasField(result.error(), "invoice_number_format")) << bad;
  }
  for (const char* good : {"FAC-{YYYY}-{NNNN}", "{NNN}/{YYYY}", "F.{YYYY}_{NNNNNNNN}"}) {
    auto s = Valid();
    s.invoice_number_format = good;
    EXPECT_TRUE(ValidateOrganizationSettings(s).has_value()) << good;
  }
}

}  // namespace
}  // namespace planify::domain
