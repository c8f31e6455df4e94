#include "domain/email.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

EmailDraft Valid() {
  EmailDraft d;
  d.to_address = " Client@Example.FR ";
  d.from_name = "Sono Lumière";
  d.subject = "Votre facture";
  d.html = "<p>Bonjour</p>";
  d.text = "Bonjour";
  return d;
}

TEST(EmailDraft, NormalisesTheRecipient) {
  auto draft = ValidateEmailDraft(Valid());
  ASSERT_TRUE(draft);
  EXPECT_EQ(draft->to_address, "client@example.fr");
}

TEST(EmailDraft, RefusesHeaderInjection) {
  auto d = Valid();
  d.subject = "Facture\r\nBcc: victim@example.fr";
  d.from_name = "Sono\nLumière";
  auto result = ValidateEmailDraft(d);
  ASSERT_FALSE(result);
  ASSERT_EQ(result.error().fields.size(), 2u);
  EXPECT_EQ(result.error().fields[0].field, "from_name");
  EXPECT_EQ(result.error().fields[1].field, "subject");
}

TEST(EmailDraft, LimitsAttachments) {
  auto d = Valid();
  d.attachments.push_back({"../etc/passwd", "text/plain", "x"});
  d.attachments.push_back(
      {"big.pdf", "application/pdf", std::string(kMaxEmailAttachmentBytes, 'x')});
  auto result = ValidateEmailDraft(d);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().fields.size(), 2u);
}

}  // namespace
}  // namespace planify::domain

namespace planify::domain {
namespace {

TEST(EmailStatus, MovesOnlyForward) {
  EXPECT_EQ(EmailStatusAfterEvent("sent", "email.delivered"), "delivered");
  EXPECT_EQ(EmailStatusAfterEvent("delivered", "email.sent"), std::nullopt);
  EXPECT_EQ(EmailStatusAfterEvent("delivered", "email.delivery_delayed"), std::nullopt);
  EXPECT_EQ(EmailStatusAfterEvent("delivered", "email.bounced"), "bounced");
  EXPECT_EQ(EmailStatusAfterEvent("sent", "email.opened"), std::nullopt);
  EXPECT_EQ(EmailStatusAfterEvent("failed", "email.delivered"), std::nullopt);
}

}  // namespace
}  // namespace planify::domain
