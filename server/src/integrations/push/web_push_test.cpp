#include "integrations/push/web_push.hpp"

#include <gtest/gtest.h>

#include <string>

#include "integrations/oidc/jwt.hpp"

namespace planify::integrations::push {
namespace {

// RFC 8291 Appendix A.
constexpr const char* kPlaintext = "When I grow up, I want to be a watermelon";
constexpr const char* kAuthSecret = "BTBZMqHH6r4Tts7J_aSIgg";
constexpr const char* kReceiverPublic =
    "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
constexpr const char* kReceiverPrivate = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
constexpr const char* kSenderPrivate = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
constexpr const char* kSalt = "DGv6ra1nlYgDCS1FRnbzlw";
constexpr const char* kBody =
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS"
    "6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Q"
    "ulcy4a-fN";

constexpr long long kNow = 1'760'000'000;
constexpr const char* kAudience = "https://fcm.googleapis.com";
constexpr const char* kSubject = "mailto:ops@planify.example";

std::string Decoded(const char* b64url) { return Base64UrlDecode(b64url).value(); }

std::string FreshAuthSecret() {
  // Any 16 bytes; randomness is not what these tests are about.
  return Base64UrlEncode("0123456789abcdef");
}

TEST(WebPushTest, EncryptsTheRfc8291TestVector) {
  auto body =
      EncryptPayloadWith(kReceiverPublic, kAuthSecret, kPlaintext, Decoded(kSalt), kSenderPrivate);
  ASSERT_TRUE(body) << body.error().message;
  EXPECT_EQ(Base64UrlEncode(*body), kBody);
}

TEST(WebPushTest, DecryptsTheRfc8291TestVector) {
  auto plaintext = DecryptPayload(Decoded(kBody), kReceiverPrivate, kReceiverPublic, kAuthSecret);
  ASSERT_TRUE(plaintext) << plaintext.error().message;
  EXPECT_EQ(*plaintext, kPlaintext);
}

TEST(WebPushTest, GeneratesP256KeyPairs) {
  const VapidKeys keys = GenerateVapidKeys();
  const std::string private_key = Decoded(keys.private_key.c_str());
  const std::string public_key = Decoded(keys.public_key.c_str());
  EXPECT_EQ(private_key.size(), 32U);
  ASSERT_EQ(public_key.size(), 65U);
  EXPECT_EQ(public_key[0], '\x04');
  EXPECT_NE(GenerateVapidKeys().private_key, keys.private_key);
}

TEST(WebPushTest, RoundTripsWithFreshKeysAndSalt) {
  const VapidKeys receiver = GenerateVapidKeys();
  const std::string auth = FreshAuthSecret();
  for (const std::string& plaintext :
       {std::string("{\"title\":\"Devis signé\"}"), std::string(), std::string(3993, 'x')}) {
    auto body = EncryptPayload(receiver.public_key, auth, plaintext);
    ASSERT_TRUE(body) << body.error().message;
    EXPECT_EQ(body->size(), 86 + plaintext.size() + 1 + 16);
    auto decrypted = DecryptPayload(*body, receiver.private_key, receiver.public_key, auth);
    ASSERT_TRUE(decrypted) << decrypted.error().message;
    EXPECT_EQ(*decrypted, plaintext);
  }
  // A fresh salt and sender key each time.
  auto first = EncryptPayload(receiver.public_key, auth, "same");
  auto second = EncryptPayload(receiver.public_key, auth, "same");
  ASSERT_TRUE(first && second);
  EXPECT_NE(first->substr(0, 16), second->substr(0, 16));
  EXPECT_NE(first->substr(21, 65), second->substr(21, 65));
  EXPECT_EQ(EncryptPayload(receiver.public_key, auth, std::string(3993, 'x'))->size(), 4096U);
}

TEST(WebPushTest, RejectsEveryTamperedByte) {
  const std::string body = Decoded(kBody);
  for (std::size_t i = 0; i < body.size(); ++i) {
    // The record size (bytes 16-19) only says where records split; with one record, a larger
    // one changes nothing, which is why it is not authenticated.
    if (i >= 16 && i < 20) continue;
    std::string tampered = body;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
    EXPECT_FALSE(DecryptPayload(tampered, kReceiverPrivate, kReceiverPublic, kAuthSecret))
        << "byte " << i;
  }
  EXPECT_FALSE(DecryptPayload(body.substr(0, body.size() - 1), kReceiverPrivate, kReceiverPublic,
                              kAuthSecret));
  EXPECT_FALSE(DecryptPayload(body + '\0', kReceiverPrivate, kReceiverPublic, kAuthSecret));
  EXPECT_FALSE(DecryptPayload(body.substr(0, 86), kReceiverPrivate, kReceiverPublic, kAuthSecret));
  auto wrong_auth = DecryptPayload(body, kReceiverPrivate, kReceiverPublic, FreshAuthSecret());
  ASSERT_FALSE(wrong_auth);
  EXPECT_EQ(wrong_auth.error().code, ErrorCode::kBadRequest);
  const VapidKeys other = GenerateVapidKeys();
  EXPECT_FALSE(DecryptPayload(body, other.private_key, other.public_key, kAuthSecret));
}

TEST(WebPushTest, RejectsMalformedKeysAndOversizedPayloads) {
  auto too_long = EncryptPayload(kReceiverPublic, kAuthSecret, std::string(3994, 'x'));
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, ErrorCode::kValidation);
  ASSERT_EQ(too_long.error().fields.size(), 1U);
  EXPECT_EQ(too_long.error().fields[0].field, "payload");

  std::string off_curve = Decoded(kReceiverPublic);
  off_curve.back() = static_cast<char>(off_curve.back() ^ 0x01);
  std::string compressed = Decoded(kReceiverPublic).substr(0, 33);
  compressed[0] = '\x02';
  for (const std::string& key : {Base64UrlEncode(off_curve), Base64UrlEncode(compressed),
                                 std::string("not base64!"), std::string()}) {
    auto result = EncryptPayload(key, kAuthSecret, kPlaintext);
    ASSERT_FALSE(result) << key;
    EXPECT_EQ(result.error().code, ErrorCode::kValidation);
    EXPECT_EQ(result.error().fields.at(0).field, "p256dh");
  }
  for (const std::string& auth : {Base64UrlEncode("fifteen bytes!!"), std::string("*")}) {
    auto result = EncryptPayload(kReceiverPublic, auth, kPlaintext);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::kValidation);
    EXPECT_EQ(result.error().fields.at(0).field, "auth");
  }
  EXPECT_FALSE(
      EncryptPayloadWith(kReceiverPublic, kAuthSecret, kPlaintext, "short", kSenderPrivate));
  // Neither 0 nor the group order n is a private scalar.
  const std::string order(
      "\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF"
      "\xBC\xE6\xFA\xAD\xA7\x17\x9E\x84\xF3\xB9\xCA\xC2\xFC\x63\x25\x51",
      32);
  for (const std::string& scalar : {std::string(32, '\0'), order}) {
    auto result = EncryptPayloadWith(kReceiverPublic, kAuthSecret, kPlaintext, Decoded(kSalt),
                                     Base64UrlEncode(scalar));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::kValidation);
  }
  auto mismatched =
      DecryptPayload(Decoded(kBody), kReceiverPrivate, GenerateVapidKeys().public_key, kAuthSecret);
  ASSERT_FALSE(mismatched);
  EXPECT_EQ(mismatched.error().code, ErrorCode::kValidation);
}

TEST(VapidTest, SignsATokenThePushServiceAccepts) {
  const VapidKeys keys = GenerateVapidKeys();
  auto header = VapidAuthorization(keys, kAudience, kSubject, kNow + 12LL * 3600);
  ASSERT_TRUE(header) << header.error().message;
  ASSERT_TRUE(header->starts_with("vapid t="));
  const std::string suffix = ", k=" + keys.public_key;
  ASSERT_TRUE(header->ends_with(suffix));
  auto jwt = DecodeJwt(header->substr(8, header->size() - 8 - suffix.size()));
  ASSERT_TRUE(jwt);
  EXPECT_EQ(jwt->header, nlohmann::json::parse(R"({"typ":"JWT","alg":"ES256"})"));
  EXPECT_EQ(jwt->claims,
            nlohmann::json::parse(R"({"aud":"https://fcm.googleapis.com","exp":1760043200,)"
                                  R"("sub":"mailto:ops@planify.example"})"));
  EXPECT_EQ(jwt->signature.size(), 64U);  // raw R ‖ S, not DER

  EXPECT_TRUE(VerifyVapid(*header, kAudience, kNow));
  EXPECT_FALSE(VerifyVapid(*header, "https://updates.push.services.mozilla.com", kNow));
  EXPECT_FALSE(VerifyVapid(*header, kAudience, kNow + 12LL * 3600));  // expired
  EXPECT_FALSE(VerifyVapid(*header, kAudience, kNow - 13LL * 3600));  // more than 24 h ahead
  const std::string other_key =
      header->substr(0, header->size() - keys.public_key.size()) + GenerateVapidKeys().public_key;
  EXPECT_FALSE(VerifyVapid(other_key, kAudience, kNow));
  std::string tampered = *header;
  tampered[20] = tampered[20] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(VerifyVapid(tampered, kAudience, kNow));
  EXPECT_FALSE(VerifyVapid("", kAudience, kNow));
  EXPECT_FALSE(VerifyVapid("Bearer " + header->substr(6), kAudience, kNow));
}

TEST(VapidTest, RejectsMalformedKeys) {
  const VapidKeys keys = GenerateVapidKeys();
  auto no_scalar = VapidAuthorization({"AAAA", keys.public_key}, kAudience, kSubject, kNow);
  ASSERT_FALSE(no_scalar);
  EXPECT_EQ(no_scalar.error().code, ErrorCode::kValidation);
  auto other_public = VapidAuthorization({keys.private_key, GenerateVapidKeys().public_key},
                                         kAudience, kSubject, kNow);
  ASSERT_FALSE(other_public);
  EXPECT_EQ(other_public.error().code, ErrorCode::kValidation);
  EXPECT_FALSE(VapidAuthorization(keys, "", kSubject, kNow));
  EXPECT_FALSE(VapidAuthorization(keys, kAudience, "", kNow));
}

TEST(WebPushTest, AudienceIsTheEndpointOrigin) {
  EXPECT_EQ(PushAudience("https://fcm.googleapis.com/fcm/send/abc"), "https://fcm.googleapis.com");
  EXPECT_EQ(PushAudience("http://127.0.0.1:5555/push/x"), "http://127.0.0.1:5555");
  EXPECT_EQ(PushAudience("HTTPS://Updates.Push.Services.Mozilla.com:443/wpush/v2/x?y#z"),
            "https://updates.push.services.mozilla.com");
  EXPECT_EQ(PushAudience("https://[::1]:8443/push"), "https://[::1]:8443");
  EXPECT_EQ(PushAudience("https://user@host.example"), "https://host.example");
  EXPECT_EQ(PushAudience("ftp://host.example/x"), "");
  EXPECT_EQ(PushAudience("not a url"), "");
  EXPECT_EQ(PushAudience("https:///path"), "");
  EXPECT_EQ(PushAudience("https://host.example:port/"), "");
}

}  // namespace
}  // namespace planify::integrations::push
