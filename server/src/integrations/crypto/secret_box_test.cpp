#include "integrations/crypto/secret_box.hpp"

#include <gtest/gtest.h>

namespace planify::integrations {
namespace {

TEST(SecretBox, RoundTripsAndDetectsTamperingAndWrongKeys) {
  SecretBox box("a server secret of at least thirty-two characters", "bankdata");
  std::string sealed = box.Seal("FR7630006000011234567890189");
  EXPECT_EQ(sealed.rfind("v1:", 0), 0u);
  EXPECT_EQ(sealed.find("FR76"), std::string::npos);
  EXPECT_EQ(box.Open(sealed), "FR7630006000011234567890189");
  EXPECT_NE(box.Seal("same"), box.Seal("same")) << "fresh nonce each time";

  std::string tampered = sealed;
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(box.Open(tampered).has_value());
  SecretBox other_secret("another server secret of at least thirty-two chars", "bankdata");
  EXPECT_FALSE(other_secret.Open(sealed).has_value());
  SecretBox other_purpose("a server secret of at least thirty-two characters", "tokens");
  EXPECT_FALSE(other_purpose.Open(sealed).has_value());
  EXPECT_FALSE(box.Open("FR7630006000011234567890189").has_value());
}

}  // namespace
}  // namespace planify::integrations
