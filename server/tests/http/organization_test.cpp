#include <gtest/gtest.h>

#include "http/auth_fixture.hpp"

namespace planify::testing {
namespace {

class Organization : public AuthFixture {
 protected:
  void SetUp() override {
    AuthFixture::SetUp();
    org_ = SeedOrganization("Sono Pro");
    SeedMember(org_, "owner@sono.fr", "owner");
    SeedMember(org_, "dj@sono.fr", "dj");
    admin_ = SignIn("owner@sono.fr");
  }
  OrganizationId org_;
  BrowserSession admin_;
};

TEST_F(Organization, LegalIdentityIsValidatedSavedAndAudited) {
  auto defaults = Json(Send("GET", "/api/v1/organization", &admin_));
  EXPECT_EQ(defaults["name"], "Sono Pro");
  EXPECT_EQ(defaults["vat_regime"], "normal");
  EXPECT_EQ(defaults["time_zone"], "Europe/Paris");
  EXPECT_EQ(defaults["invoice_number_format"], "FAC-{YYYY}-{NNNN}");

  auto bad = Send("PATCH", "/api/v1/organization", &admin_,
                  {{"siren", "732829321"},
                   {"vat_number", "FR45732829320"},
                   {"iban", "FR7630006000011234567890188"},
                   {"payment_terms_days", 90},
                   {"vat_regime", "exempt"}});
  ASSERT_EQ(bad->status, 422);
  auto fields = Json(bad)["error"]["fields"];
  EXPECT_EQ(fields.size(), 1u) << fields.dump() << " (vat_regime is refused before the rest)";
  bad = Send("PATCH", "/api/v1/organization", &admin_,
             {{"siren", "732829321"},
              {"vat_number", "FR45732829320"},
              {"iban", "FR7630006000011234567890188"},
              {"payment_terms_days", 90}});
  ASSERT_EQ(bad->status, 422);
  EXPECT_EQ(Json(bad)["error"]["fields"].size(), 4u) << bad->body;

  auto saved = Send("PATCH", "/api/v1/organization", &admin_,
                    {{"legal_name", "Sono Pro SAS"},
                     {"legal_form", "SAS"},
                     {"siren", "732 829 320"},
                     {"siret", "73282932000074"},
                     {"vat_number", "FR44732829320"},
                     {"share_capital_cents", 1000000},
                     {"iban", "FR76 3000 6000 0112 3456 7890 189"},
                     {"bic", "BNPAFRPP"},
                     {"vat_regime", "franchise"},
                     {"terminology", "prestations"}});
  ASSERT_EQ(saved->status, 200) << saved->body;
  auto json = Json(saved);
  EXPECT_EQ(json["siren"], "732829320");
  EXPECT_EQ(json["iban"], "FR7630006000011234567890189");
  EXPECT_EQ(json["iban_masked"], "FR76 **** **** **** **** **** 189");
  EXPECT_EQ(json["vat_regime"], "franchise");

  // Sealed at rest.
  auto lease = db_->Acquire();
  std::string sealed;
  **lease << "SELECT bank_details_sealed FROM organizations WHERE id = :id", soci::use(org_.value),
      soci::into(sealed);
  EXPECT_EQ(sealed.rfind("v1:", 0), 0u);
  EXPECT_EQ(sealed.find("FR76"), std::string::npos);
  EXPECT_EQ(sealed.find("BNPAFRPP"), std::string::npos);
  std::string details;
  **lease << "SELECT details FROM audit_log WHERE action = 'organization.settings_changed'",
      soci::into(details);
  EXPECT_NE(details.find("\"iban\""), std::string::npos) << details;
  EXPECT_EQ(details.find("FR76"), std::string::npos) << "values of bank fields never logged";

  // A partial update keeps the rest (bank details included).
  auto renamed = Json(Send("PATCH", "/api/v1/organization", &admin_, {{"name", "Sono Pro Paris"}}));
  EXPECT_EQ(renamed["iban"], "FR7630006000011234567890189");
  EXPECT_EQ(renamed["legal_form"], "SAS");
  EXPECT_EQ(Json(Send("GET", "/api/v1/auth/session", &admin_))["organization"]["name"],
            "Sono Pro Paris");
}

TEST_F(Organization, CrewReadTheIdentityButNotTheBankDetails) {
  ASSERT_EQ(Send("PATCH", "/api/v1/organization", &admin_,
                 {{"iban", "FR7630006000011234567890189"}, {"bic", "BNPAFRPP"}})
                ->status,
            200);
  auto dj = SignIn("dj@sono.fr");
  auto view = Send("GET", "/api/v1/organization", &dj);
  ASSERT_EQ(view->status, 200);
  auto json = Json(view);
  EXPECT_FALSE(json.contains("iban"));
  EXPECT_EQ(json["iban_masked"], "FR76 **** **** **** **** **** 189");
  EXPECT_EQ(Send("PATCH", "/api/v1/organization", &dj, {{"name", "X"}})->status, 403);
}

TEST_F(Organization, EmailsCarryTheBrandColour) {
  ASSERT_EQ(Send("PATCH", "/api/v1/organization", &admin_, {{"brand_color", "#B45309"}})->status,
            200);
  ASSERT_EQ(
      Send("POST", "/api/v1/invitations", &admin_, {{"email", "x@y.fr"}, {"role", "dj"}})->status,
      201);
  auto lease = db_->Acquire();
  std::string html;
  **lease << "SELECT html_body FROM emails ORDER BY id DESC LIMIT 1", soci::into(html);
  EXPECT_NE(html.find("#b45309"), std::string::npos);
  auto preview = Json(Send("GET", "/api/v1/admin/email-templates/quote.sent/preview", &admin_));
  EXPECT_NE(preview["html"].get<std::string>().find("#b45309"), std::string::npos);
}

TEST_F(Organization, WordsForAClientAndATechnicianAreSavedAndSaid) {
  auto bad = Send("PATCH", "/api/v1/organization", &admin_,
                  {{"client_terminology", "customers"}, {"crew_terminology", "roadies"}});
  ASSERT_EQ(bad->status, 422);
  auto fields = Json(bad)["error"]["fields"].dump();
  EXPECT_NE(fields.find("client_terminology"), std::string::npos) << fields;
  EXPECT_NE(fields.find("crew_terminology"), std::string::npos) << fields;
  EXPECT_EQ(Json(Send("GET", "/api/v1/organization", &admin_))["client_terminology"], "clients")
      << "nothing written";

  auto saved = Send("PATCH", "/api/v1/organization", &admin_,
                    {{"client_terminology", "organisateurs"}, {"crew_terminology", "regisseurs"}});
  ASSERT_EQ(saved->status, 200) << saved->body;
  EXPECT_EQ(Json(saved)["client_terminology"], "organisateurs");
  EXPECT_EQ(Json(saved)["crew_terminology"], "regisseurs");
  auto session = Json(Send("GET", "/api/v1/auth/session", &admin_));
  EXPECT_EQ(session["organization"]["client_terminology"], "organisateurs");
  EXPECT_EQ(session["organization"]["crew_terminology"], "regisseurs");

  // The invitation names the technician role with the organisation's word.
  ASSERT_EQ(Send("POST", "/api/v1/invitations", &admin_,
                 {{"email", "tech@sono.fr"}, {"role", "technician"}})
                ->status,
            201);
  auto lease = db_->Acquire();
  std::string text;
  **lease << "SELECT text_body FROM emails ORDER BY id DESC LIMIT 1", soci::into(text);
  EXPECT_NE(text.find("régisseur"), std::string::npos) << text;
  EXPECT_EQ(text.find("technicien"), std::string::npos) << text;
}

}  // namespace
}  // namespace planify::testing
