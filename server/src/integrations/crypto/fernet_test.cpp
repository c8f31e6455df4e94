#include "integrations/crypto/fernet.hpp"

#include <gtest/gtest.h>

#include "integrations/crypto/sodium.hpp"

namespace planify::integrations {
namespace {

// Tokens made by the reference implementation (Python's cryptography 48, Fernet) with fixed
// times and IVs: key = bytes 0..31.
constexpr const char* kKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
constexpr const char* kIban =
    "gAAAAABlU_EAZGVmZ2hpamtsbW5vcHFycwEH__QROx4siK4Lg5vryXsPJAPuxo5L8VeCLXcjeqc3KmXE4S8e2xAwHwKTg"
    "p7xmFRq3csk4KMWQQCFQ6s3z08=";
constexpr const char* kAccents =
    "gAAAAABfXhAAAAAAAAAAAAAAAAAAAAAAALzORP4Kd3tBYFxMCcoAJItxGC3NRTE3qvU4q7GRIoZiPvgI9S-KLIZQY26v4"
    "PzpXJTzqe5Hjnh7ZHbwfkqk9RQ=";
constexpr const char* kEmpty =
    "gAAAAABfXhAAAAAAAAAAAAAAAAAAAAAAAM1N-Y9qS0VXYKUjr6Boffy67tsuveGwUOBN7-ZhQF85Dp5d_fKbhnM51V0R7K"
    "bAKw==";
constexpr const char* kOneBlock =
    "gAAAAABfXhAAAAAAAAAAAAAAAAAAAAAAAMgqKdDVLj65FlyNOPNsVyJ4NuGYMDWwt6uEwa96LIFktv333t-fV1WYG_mGs"
    "UkKYrJs8tcJ14qwWduraZvD6mc=";

class Fernet : public ::testing::Test {
 protected:
  void SetUp() override { InitSodium(); }
};

TEST_F(Fernet, OpensWhatTheReferenceSealed) {
  EXPECT_EQ(FernetDecrypt(kIban, kKey).value(), "FR7630006000011234567890189");
  EXPECT_EQ(FernetDecrypt(kAccents, kKey).value(), "sk_test_51Hé€");
  EXPECT_EQ(FernetDecrypt(kEmpty, kKey).value(), "");
  EXPECT_EQ(FernetDecrypt(kOneBlock, kKey).value(), "0123456789abcdef");
  // The key without its padding reads the same.
  EXPECT_EQ(FernetDecrypt(kIban, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8").value(),
            "FR7630006000011234567890189");
}

TEST_F(Fernet, AnotherKeyOrAnAlteredTokenOpensNothing) {
  auto wrong = FernetDecrypt(kIban, "HwECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kForbidden);
  std::string altered = kIban;
  altered[40] = altered[40] == 'A' ? 'B' : 'A';
  auto tampered = FernetDecrypt(altered, kKey);
  ASSERT_FALSE(tampered);
  EXPECT_EQ(tampered.error().code, ErrorCode::kForbidden);
}

TEST_F(Fernet, WhatIsNotFernetIsSaidSo) {
  for (auto token : {"", "enc:", "plain IBAN FR76", "gAAAAA", "!!!!"}) {
    auto result = FernetDecrypt(token, kKey);
    ASSERT_FALSE(result) << token;
    EXPECT_EQ(result.error().code, ErrorCode::kValidation) << token;
  }
  for (auto key : {"", "short", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8fHw=="}) {
    auto result = FernetDecrypt(kIban, key);
    ASSERT_FALSE(result) << key;
    EXPECT_EQ(result.error().code, ErrorCode::kValidation) << key;
  }
}

}  // namespace
}  // namespace planify::integrations
