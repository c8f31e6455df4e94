#include "integrations/email/templates.hpp"

#include <gtest/gtest.h>

namespace planify::integrations {
namespace {

const EmailBranding kBrand{"Sono Lumière", "", "#0f766e"};

TEST(EmailTemplates, EveryTemplateRendersInFrenchAndEnglish) {
  ASSERT_EQ(EmailTemplateNames().size(), 30u);
  for (const auto& name : EmailTemplateNames()) {
    for (const char* locale : {"fr", "en"}) {
      auto r = RenderEmailTemplate(name, locale, kBrand, EmailTemplateSample());
      ASSERT_TRUE(r) << name << " " << locale << ": " << r.error().message;
      EXPECT_FALSE(r->subject.empty()) << name;
      EXPECT_EQ(r->subject.find("{{"), std::string::npos) << name;
      EXPECT_EQ(r->html.find("{{"), std::string::npos) << name;
      EXPECT_EQ(r->text.find('<'), std::string::npos) << name << ": HTML in the text part";
      EXPECT_NE(r->html.find("lang=\"" + std::string(locale) + "\""), std::string::npos);
      EXPECT_NE(r->html.find("#0f766e"), std::string::npos) << "brand colour";
      EXPECT_NE(r->text.find("Sono Lumière"), std::string::npos) << "signature";
    }
  }
}

TEST(EmailTemplates, LogoAndButtonOnlyWhenThereIsOne) {
  auto plain = RenderEmailTemplate("payment.received", "fr", kBrand, EmailTemplateSample());
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->html.find("<img"), std::string::npos) << "no logo configured";
  EXPECT_EQ(plain->html.find("<a href"), std::string::npos) << "this template has no button";
  EXPECT_NE(plain->html.find(">Sono Lumière</span>"), std::string::npos)
      << "name instead of a logo";
  auto logo =
      RenderEmailTemplate("payment.received", "fr", {"X", "https://cdn.example.fr/logo.png", ""},
                          EmailTemplateSample());
  ASSERT_TRUE(logo);
  EXPECT_NE(logo->html.find("<img src=\"https://cdn.example.fr/logo.png\""), std::string::npos);
}

TEST(EmailTemplates, QuoteSentCarriesTheSigningLinkAndAmount) {
  auto r = RenderEmailTemplate("quote.sent", "fr", kBrand, EmailTemplateSample());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->subject, "Devis DEV-2026-0042 — Sono Lumière");
  EXPECT_NE(r->html.find("href=\"https://planify.example.fr/d/q/8c1e5\""), std::string::npos);
  EXPECT_NE(r->html.find("Consulter et signer"), std::string::npos);
  EXPECT_NE(r->text.find("https://planify.example.fr/d/q/8c1e5"), std::string::npos);
  EXPECT_NE(r->text.find("2 340,00 € TTC"), std::string::npos);
}

TEST(EmailTemplates, EscapesValuesInHtml) {
  auto data = EmailTemplateSample();
  data["client_name"] = "<script>alert(1)</script>";
  auto r = RenderEmailTemplate("invoice.sent", "fr", kBrand, data);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->html.find("<script>"), std::string::npos);
  EXPECT_NE(r->html.find("&lt;script&gt;"), std::string::npos);
}

TEST(EmailTemplates, TextAndSubjectAreNotHtmlEscaped) {
  auto data = EmailTemplateSample();
  data["client_name"] = "Mairie de l'Isle-d'Abeau & Co";
  auto r = RenderEmailTemplate("invoice.sent", "fr", {"Son & Lumière", "", ""}, data);
  ASSERT_TRUE(r);
  EXPECT_NE(r->text.find("Bonjour Mairie de l'Isle-d'Abeau & Co,"), std::string::npos) << r->text;
  EXPECT_EQ(r->subject, "Facture FAC-2026-0117 — Son & Lumière");
  EXPECT_NE(r->html.find("Mairie de l&#39;Isle-d&#39;Abeau &amp; Co"), std::string::npos);
}

TEST(EmailTemplates, NamesEveryMissingVariable) {
  auto r = RenderEmailTemplate("auth.magic_link", "fr", kBrand, {{"recipient_name", "Inès"}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kValidation);
  ASSERT_EQ(r.error().fields.size(), 2u);
  EXPECT_EQ(r.error().fields[0].field, "link_url");
  EXPECT_EQ(r.error().fields[1].field, "expires_minutes");
}

TEST(EmailTemplates, RefusesUnknownTemplateOrLocaleAndBadBranding) {
  EXPECT_EQ(RenderEmailTemplate("nope", "fr", kBrand, EmailTemplateSample()).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(RenderEmailTemplate("quote.sent", "de", kBrand, EmailTemplateSample()).error().code,
            ErrorCode::kNotFound);
  auto r =
      RenderEmailTemplate("quote.sent", "fr", {"X", "javascript:alert(1)", "red;background:url(x)"},
                          EmailTemplateSample());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->html.find("javascript:"), std::string::npos);
  EXPECT_EQ(r->html.find("url(x)"), std::string::npos);
  EXPECT_NE(r->html.find("#4f46e5"), std::string::npos);
}

}  // namespace
}  // namespace planify::integrations

namespace planify::integrations {
namespace {

TEST(EmailTemplates, SayTheOrganisationsWordForAMission) {
  auto data = EmailTemplateSample();
  data["mission_title"] = "Gala [[mission]]";  // a value is never rewritten
  EmailBranding events = kBrand;
  events.terms.mission = "evenements";
  auto fr = RenderEmailTemplate("mission.assigned", "fr", events, data);
  ASSERT_TRUE(fr) << fr.error().message;
  EXPECT_EQ(fr->subject, "Nouvel événement : Gala [[mission]] le samedi 12/12/2026 à 19:00");
  EXPECT_NE(fr->text.find("Vous êtes affecté(e) à l'événement Gala [[mission]]"), std::string::npos)
      << fr->text;
  EXPECT_NE(fr->html.find("Voir l&#39;événement"), std::string::npos) << fr->html;
  auto en = RenderEmailTemplate("mission.reminder", "en", events, data);
  ASSERT_TRUE(en);
  EXPECT_NE(en->html.find("View the event"), std::string::npos);
  // The default reads as it always did.
  auto plain = RenderEmailTemplate("mission.assigned", "fr", kBrand, EmailTemplateSample());
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->subject.rfind("Nouvelle mission : ", 0), 0u) << plain->subject;
  EXPECT_NE(plain->html.find("Voir la mission"), std::string::npos);
  EXPECT_EQ(plain->html.find("[["), std::string::npos);
}

TEST(EmailTemplates, SayTheOrganisationsWordForAClient) {
  EmailBranding renters = kBrand;
  renters.terms.client = "organisateurs";
  auto staff = RenderEmailTemplate("client.message.staff", "fr", renters, EmailTemplateSample());
  ASSERT_TRUE(staff) << staff.error().message;
  EXPECT_NE(staff->subject.find("(espace organisateur)"), std::string::npos) << staff->subject;
  EXPECT_NE(staff->html.find("Voir l&#39;organisateur"), std::string::npos) << staff->html;
  EXPECT_NE(staff->text.find("depuis son espace organisateur"), std::string::npos);
  auto space = RenderEmailTemplate("client.space", "en", renters, EmailTemplateSample());
  ASSERT_TRUE(space);
  EXPECT_NE(space->subject.find("Your organiser space"), std::string::npos) << space->subject;
  auto plain = RenderEmailTemplate("client.message.staff", "fr", kBrand, EmailTemplateSample());
  ASSERT_TRUE(plain);
  EXPECT_NE(plain->html.find("Voir le client"), std::string::npos);
  EXPECT_EQ(plain->html.find("[["), std::string::npos);
}

}  // namespace
}  // namespace planify::integrations
