#include "integrations/crypto/werkzeug.hpp"

#include <gtest/gtest.h>

#include "integrations/crypto/sodium.hpp"

namespace planify::integrations {
namespace {

// From ../shared/legacy/sample-legacy.db, user "gnizery" (password listed in its README).
constexpr const char* kLegacyAdmin =
    "pbkdf2:sha256:260000$Ko5NGmV0FNWjm59C$"
    "6469fe4ee4eb1c63033299b7f5e3759addb133de0abfa5414bc50e316bc36246";

TEST(Werkzeug, VerifiesTheLegacyAppsPbkdf2Hash) {
  EXPECT_TRUE(VerifyWerkzeugHash("greg12345", kLegacyAdmin));
  EXPECT_FALSE(VerifyWerkzeugHash("greg123456", kLegacyAdmin));
  EXPECT_FALSE(VerifyWerkzeugHash("", kLegacyAdmin));
}

TEST(Werkzeug, VerifiesScryptAndSha512Variants) {
  // Produced with Python's hashlib as werkzeug 3 does (scrypt, 64-byte key; pbkdf2 sha512).
  EXPECT_TRUE(VerifyWerkzeugHash(
      "test12345",
      "scrypt:32768:8:1$Zq8fT2mYpL4rWx9b$5b89859f005b1ae1df70dcb2c4eed0e486903fdb73f141606077923c6f"
      "ee8068370eef24e7d6f99b85ea211fc676cf335d782771f72694deb4e3b5ec9a26b305"));
  EXPECT_FALSE(VerifyWerkzeugHash(
      "test12346",
      "scrypt:32768:8:1$Zq8fT2mYpL4rWx9b$5b89859f005b1ae1df70dcb2c4eed0e486903fdb73f141606077923c6f"
      "ee8068370eef24e7d6f99b85ea211fc676cf335d782771f72694deb4e3b5ec9a26b305"));
  EXPECT_TRUE(VerifyWerkzeugHash(
      "motdepasse-long",
      "pbkdf2:sha512:1000$saltsalt$71aa0f0757522d605bffef5a2cba2122f43bb18cf4f31156130e11743e4ef5"
      "87e4d5d9dbc49ecea8c5a088c0acddf6e2d2a1592844744ec36a28ffe8e14f5ad7"));
}

TEST(Werkzeug, HasherAcceptsLegacyAndAsksForRehash) {
  SodiumPasswordHasher hasher(/*fast=*/true);
  EXPECT_TRUE(hasher.Verify("greg12345", kLegacyAdmin));
  EXPECT_TRUE(hasher.NeedsRehash(kLegacyAdmin));
  std::string fresh = hasher.Hash("greg12345");
  EXPECT_EQ(fresh.rfind("$argon2id$", 0), 0u);
  EXPECT_FALSE(hasher.NeedsRehash(fresh));
  EXPECT_TRUE(hasher.Verify("greg12345", fresh));
  EXPECT_FALSE(hasher.Verify("greg12345", "garbage"));
}

}  // namespace
}  // namespace planify::integrations
