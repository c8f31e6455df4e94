#include "integrations/push/web_push.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <utility>

#include "integrations/oidc/jwt.hpp"

namespace planify::integrations::push {
namespace {

using namespace std::string_view_literals;

constexpr std::size_t kPointBytes = 65;  // 0x04 ‖ X ‖ Y
constexpr std::size_t kScalarBytes = 32;
constexpr std::size_t kAuthBytes = 16;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kTagBytes = 16;
constexpr std::size_t kHashBytes = 32;
constexpr int kCoordinateBytes = 32;  // of R and S
constexpr int kNonceBytes = 12;
constexpr std::uint32_t kRecordSize = 4096;
// salt ‖ rs ‖ idlen ‖ keyid: the RFC 8188 header with the sender's public key as key id.
constexpr std::size_t kHeaderBytes = kSaltBytes + 4 + 1 + kPointBytes;
constexpr long long kMaxVapidLifetimeSeconds = 24LL * 60 * 60;
constexpr char kPaddingDelimiter = '\x02';  // last (here: only) record

template <auto Free>
struct FreeWith {
  template <typename T>
  void operator()(T* pointer) const {
    Free(pointer);
  }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, FreeWith<&EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, FreeWith<&EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, FreeWith<&EVP_MD_CTX_free>>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, FreeWith<&EVP_CIPHER_CTX_free>>;
using BnPtr = std::unique_ptr<BIGNUM, FreeWith<&BN_clear_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, FreeWith<&BN_CTX_free>>;
using GroupPtr = std::unique_ptr<EC_GROUP, FreeWith<&EC_GROUP_free>>;
using PointPtr = std::unique_ptr<EC_POINT, FreeWith<&EC_POINT_free>>;
using ParamBuildPtr = std::unique_ptr<OSSL_PARAM_BLD, FreeWith<&OSSL_PARAM_BLD_free>>;
using ParamsPtr = std::unique_ptr<OSSL_PARAM, FreeWith<&OSSL_PARAM_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, FreeWith<&ECDSA_SIG_free>>;

// OpenSSL failing where no input can make it fail (allocation, key generation) is broken
// infrastructure, not a user's mistake.
void Require(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("OpenSSL failed: ") + what);
}

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}
unsigned char* MutableBytes(std::string& text) {
  return reinterpret_cast<unsigned char*>(text.data());
}

// Key material on the stack, zeroed when it goes out of scope. Not copyable or movable, so no
// copy of it is left behind.
template <std::size_t N>
class Secret {
 public:
  Secret() = default;
  ~Secret() { OPENSSL_cleanse(bytes_.data(), bytes_.size()); }
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;

  unsigned char* data() { return bytes_.data(); }
  [[nodiscard]] const unsigned char* data() const { return bytes_.data(); }
  [[nodiscard]] std::string_view view() const {
    return {reinterpret_cast<const char*>(bytes_.data()), N};
  }

 private:
  std::array<unsigned char, N> bytes_{};
};

// Zeroes a decoded secret held in a string when it goes out of scope.
class Wiper {
 public:
  explicit Wiper(std::optional<std::string>& bytes) : bytes_(bytes) {}
  ~Wiper() {
    if (bytes_) OPENSSL_cleanse(bytes_->data(), bytes_->size());
  }
  Wiper(const Wiper&) = delete;
  Wiper& operator=(const Wiper&) = delete;

 private:
  std::optional<std::string>& bytes_;
};

Unexpected Invalid(std::string field, std::string message) {
  std::string text = field + ": " + message;
  return Fail(ErrorCode::kValidation, std::move(text),
              {FieldError{std::move(field), std::move(message)}});
}

PkeyPtr KeyFromParams(const OSSL_PARAM* params, int selection) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  Require(ctx != nullptr && EVP_PKEY_fromdata_init(ctx.get()) == 1, "EC key context");
  EVP_PKEY* raw = nullptr;
  // fromdata wants a mutable array it does not modify.
  if (EVP_PKEY_fromdata(ctx.get(), &raw, selection, const_cast<OSSL_PARAM*>(params)) != 1) {
    return nullptr;
  }
  return PkeyPtr(raw);
}

// A P-256 public key from its uncompressed point; null when it is not a point of the curve.
PkeyPtr PublicKeyFromPoint(std::string_view point) {
  if (point.size() != kPointBytes || point.front() != '\x04') return nullptr;
  ParamBuildPtr build(OSSL_PARAM_BLD_new());
  Require(build != nullptr &&
              OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                              SN_X9_62_prime256v1, 0) == 1 &&
              OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                               point.size()) == 1,
          "EC public key parameters");
  ParamsPtr params(OSSL_PARAM_BLD_to_param(build.get()));
  Require(params != nullptr, "EC public key parameters");
  PkeyPtr key = KeyFromParams(params.get(), EVP_PKEY_PUBLIC_KEY);
  if (!key) return nullptr;
  PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  Require(check != nullptr, "EC key check context");
  if (EVP_PKEY_public_check(check.get()) != 1) return nullptr;
  return key;
}

struct KeyPair {
  PkeyPtr key;
  std::string public_point;
};

// A P-256 key pair from its private scalar, the public point computed from it; nullopt when the
// scalar is not 32 bytes in [1, n-1].
std::optional<KeyPair> KeyPairFromScalar(std::string_view scalar) {
  if (scalar.size() != kScalarBytes) return std::nullopt;
  GroupPtr group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1));
  BnPtr d(BN_secure_new());
  BnCtxPtr bn_ctx(BN_CTX_secure_new());
  Require(group != nullptr && d != nullptr && bn_ctx != nullptr &&
              BN_bin2bn(Bytes(scalar), static_cast<int>(scalar.size()), d.get()) != nullptr,
          "P-256 scalar");
  if (BN_is_zero(d.get()) || BN_cmp(d.get(), EC_GROUP_get0_order(group.get())) >= 0) {
    return std::nullopt;
  }
  PointPtr point(EC_POINT_new(group.get()));
  std::string public_point(kPointBytes, '\0');
  Require(
      point != nullptr &&
          EC_POINT_mul(group.get(), point.get(), d.get(), nullptr, nullptr, bn_ctx.get()) == 1 &&
          EC_POINT_point2oct(group.get(), point.get(), POINT_CONVERSION_UNCOMPRESSED,
                             MutableBytes(public_point), public_point.size(),
                             bn_ctx.get()) == kPointBytes,
      "P-256 public point");
  ParamBuildPtr build(OSSL_PARAM_BLD_new());
  Require(build != nullptr &&
              OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                              SN_X9_62_prime256v1, 0) == 1 &&
              OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_PRIV_KEY, d.get()) == 1 &&
              OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                               public_point.data(), public_point.size()) == 1,
          "EC key pair parameters");
  // A secure BIGNUM puts the scalar in the parameters' secure part, cleared when freed.
  ParamsPtr params(OSSL_PARAM_BLD_to_param(build.get()));
  Require(params != nullptr, "EC key pair parameters");
  PkeyPtr key = KeyFromParams(params.get(), EVP_PKEY_KEYPAIR);
  Require(key != nullptr, "EC key pair from a valid scalar");
  return KeyPair{std::move(key), std::move(public_point)};
}

// Decodes a base64url private scalar into a key pair; nullopt when it is not one.
std::optional<KeyPair> KeyPairFromBase64Url(std::string_view scalar_b64url) {
  std::optional<std::string> scalar = Base64UrlDecode(scalar_b64url);
  const Wiper wipe(scalar);
  if (!scalar) return std::nullopt;
  return KeyPairFromScalar(*scalar);
}

PkeyPtr GenerateKey() {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* raw = nullptr;
  Require(ctx != nullptr && EVP_PKEY_keygen_init(ctx.get()) == 1 &&
              EVP_PKEY_CTX_set_group_name(ctx.get(), SN_X9_62_prime256v1) == 1 &&
              EVP_PKEY_generate(ctx.get(), &raw) == 1,
          "P-256 key generation");
  return PkeyPtr(raw);
}

std::string PublicPointOf(const EVP_PKEY* key) {
  std::string point(kPointBytes, '\0');
  std::size_t length = 0;
  Require(EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, MutableBytes(point),
                                          point.size(), &length) == 1 &&
              length == kPointBytes && point.front() == '\x04',
          "P-256 public point export");
  return point;
}

void PrivateScalarOf(const EVP_PKEY* key, Secret<kScalarBytes>& out) {
  BIGNUM* raw = nullptr;
  Require(EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &raw) == 1, "P-256 scalar export");
  const BnPtr scalar(raw);
  Require(BN_bn2binpad(scalar.get(), out.data(), static_cast<int>(kScalarBytes)) ==
              static_cast<int>(kScalarBytes),
          "P-256 scalar export");
}

void HmacSha256(std::string_view key, std::string_view data, Secret<kHashBytes>& out) {
  unsigned int length = 0;
  Require(HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), Bytes(data), data.size(),
               out.data(), &length) != nullptr &&
              length == kHashBytes,
          "HMAC-SHA256");
}

// HKDF-Expand (RFC 5869) for outputs of one hash block at most: T(1) = HMAC(PRK, info ‖ 0x01).
// The caller takes the prefix it needs.
void HkdfExpandOneBlock(std::string_view prk, std::string_view info, Secret<kHashBytes>& out) {
  std::string input(info);
  input.push_back('\x01');
  HmacSha256(prk, input, out);
}

bool Ecdh(EVP_PKEY* own, EVP_PKEY* peer, Secret<kHashBytes>& shared) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, own, nullptr));
  std::size_t length = kHashBytes;
  return ctx != nullptr && EVP_PKEY_derive_init(ctx.get()) == 1 &&
         EVP_PKEY_derive_set_peer(ctx.get(), peer) == 1 &&
         EVP_PKEY_derive(ctx.get(), shared.data(), &length) == 1 && length == kHashBytes;
}

// The content encryption key (first 16 bytes of cek) and nonce (first 12 bytes of nonce).
struct ContentKeys {
  Secret<kHashBytes> cek;
  Secret<kHashBytes> nonce;
};

// RFC 8291 §3.3-3.4 then RFC 8188 §2.2-2.3; the same on both sides, `own` being the sender's
// ephemeral key or the receiver's key. False when ECDH fails.
bool DeriveContentKeys(EVP_PKEY* own, EVP_PKEY* peer, std::string_view auth_secret,
                       std::string_view ua_public, std::string_view as_public,
                       std::string_view salt, ContentKeys& keys) {
  Secret<kHashBytes> ecdh_secret;
  if (!Ecdh(own, peer, ecdh_secret)) return false;
  Secret<kHashBytes> prk_key;
  HmacSha256(auth_secret, ecdh_secret.view(), prk_key);
  std::string key_info("WebPush: info\0"sv);
  key_info.append(ua_public).append(as_public);
  Secret<kHashBytes> ikm;
  HkdfExpandOneBlock(prk_key.view(), key_info, ikm);
  Secret<kHashBytes> prk;
  HmacSha256(salt, ikm.view(), prk);
  HkdfExpandOneBlock(prk.view(), "Content-Encoding: aes128gcm\0"sv, keys.cek);
  HkdfExpandOneBlock(prk.view(), "Content-Encoding: nonce\0"sv, keys.nonce);
  return true;
}

// AES-128-GCM: ciphertext ‖ 16-byte tag.
std::string Seal(const ContentKeys& keys, std::string_view record) {
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  std::string sealed(record.size() + kTagBytes, '\0');
  int length = 0;
  int final_length = 0;
  Require(ctx != nullptr &&
              EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_gcm(), nullptr, nullptr, nullptr) == 1 &&
              EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) == 1 &&
              EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, keys.cek.data(), keys.nonce.data()) ==
                  1 &&
              EVP_EncryptUpdate(ctx.get(), MutableBytes(sealed), &length, Bytes(record),
                                static_cast<int>(record.size())) == 1 &&
              EVP_EncryptFinal_ex(ctx.get(), MutableBytes(sealed) + length, &final_length) == 1 &&
              static_cast<std::size_t>(length) + static_cast<std::size_t>(final_length) ==
                  record.size() &&
              EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagBytes),
                                  MutableBytes(sealed) + record.size()) == 1,
          "AES-128-GCM encryption");
  return sealed;
}

// The record of a sealed one; nullopt when the tag does not verify.
std::optional<std::string> Open(const ContentKeys& keys, std::string_view sealed) {
  if (sealed.size() < kTagBytes) return std::nullopt;
  const std::string_view ciphertext = sealed.substr(0, sealed.size() - kTagBytes);
  std::array<unsigned char, kTagBytes> tag{};
  std::copy_n(Bytes(sealed.substr(ciphertext.size())), kTagBytes, tag.begin());
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  std::string record(ciphertext.size(), '\0');
  int length = 0;
  Require(ctx != nullptr &&
              EVP_DecryptInit_ex(ctx.get(), EVP_aes_128_gcm(), nullptr, nullptr, nullptr) == 1 &&
              EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) == 1 &&
              EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, keys.cek.data(), keys.nonce.data()) ==
                  1 &&
              EVP_DecryptUpdate(ctx.get(), MutableBytes(record), &length, Bytes(ciphertext),
                                static_cast<int>(ciphertext.size())) == 1 &&
              EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagBytes),
                                  tag.data()) == 1,
          "AES-128-GCM decryption");
  int final_length = 0;
  if (EVP_DecryptFinal_ex(ctx.get(), MutableBytes(record) + length, &final_length) != 1) {
    OPENSSL_cleanse(record.data(), record.size());
    return std::nullopt;
  }
  record.resize(static_cast<std::size_t>(length) + static_cast<std::size_t>(final_length));
  return record;
}

Result<std::string> Encrypt(std::string_view ua_public_b64url, std::string_view auth_secret_b64url,
                            std::string_view plaintext, std::string_view salt, EVP_PKEY* as_key,
                            std::string_view as_public) {
  const std::optional<std::string> ua_public = Base64UrlDecode(ua_public_b64url);
  const PkeyPtr ua_key = ua_public ? PublicKeyFromPoint(*ua_public) : nullptr;
  if (!ua_key) return Invalid("p256dh", "not an uncompressed P-256 public key");
  std::optional<std::string> auth_secret = Base64UrlDecode(auth_secret_b64url);
  const Wiper wipe(auth_secret);
  if (!auth_secret || auth_secret->size() != kAuthBytes) {
    return Invalid("auth", "not a 16-byte authentication secret");
  }
  if (plaintext.size() > kMaxPlaintextBytes) {
    return Invalid("payload", "over " + std::to_string(kMaxPlaintextBytes) + " bytes");
  }
  ContentKeys keys;
  if (!DeriveContentKeys(as_key, ua_key.get(), *auth_secret, *ua_public, as_public, salt, keys)) {
    return Invalid("p256dh", "no key agreement with this key");
  }
  std::string record(plaintext);
  record.push_back(kPaddingDelimiter);
  std::string body;
  body.reserve(kHeaderBytes + record.size() + kTagBytes);
  body.append(salt);
  for (int shift = 24; shift >= 0; shift -= 8) {
    body.push_back(static_cast<char>((kRecordSize >> shift) & 0xFFU));
  }
  body.push_back(static_cast<char>(kPointBytes));
  body.append(as_public);
  body.append(Seal(keys, record));
  return body;
}

std::optional<std::string> SignEs256(EVP_PKEY* key, std::string_view input) {
  MdCtxPtr md(EVP_MD_CTX_new());
  std::size_t der_length = 0;
  if (md == nullptr || EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
      EVP_DigestSign(md.get(), nullptr, &der_length, Bytes(input), input.size()) != 1) {
    return std::nullopt;
  }
  std::string der(der_length, '\0');
  if (EVP_DigestSign(md.get(), MutableBytes(der), &der_length, Bytes(input), input.size()) != 1) {
    return std::nullopt;
  }
  // JWS wants R ‖ S, each a 32-byte big-endian integer, where OpenSSL gives a DER sequence.
  const unsigned char* cursor = Bytes(der);
  const EcdsaSigPtr signature(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der_length)));
  if (!signature) return std::nullopt;
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(signature.get(), &r, &s);
  std::string raw(2 * static_cast<std::size_t>(kCoordinateBytes), '\0');
  if (BN_bn2binpad(r, MutableBytes(raw), kCoordinateBytes) != kCoordinateBytes ||
      BN_bn2binpad(s, MutableBytes(raw) + kCoordinateBytes, kCoordinateBytes) != kCoordinateBytes) {
    return std::nullopt;
  }
  return raw;
}

bool VerifyEs256(EVP_PKEY* key, std::string_view input, std::string_view raw) {
  if (raw.size() != 2 * static_cast<std::size_t>(kCoordinateBytes)) return false;
  BnPtr r(BN_bin2bn(Bytes(raw), kCoordinateBytes, nullptr));
  BnPtr s(BN_bin2bn(Bytes(raw) + kCoordinateBytes, kCoordinateBytes, nullptr));
  EcdsaSigPtr signature(ECDSA_SIG_new());
  if (!r || !s || !signature || ECDSA_SIG_set0(signature.get(), r.get(), s.get()) != 1) {
    return false;
  }
  static_cast<void>(r.release());  // owned by the signature now
  static_cast<void>(s.release());
  const int der_length = i2d_ECDSA_SIG(signature.get(), nullptr);
  if (der_length <= 0) return false;
  std::string der(static_cast<std::size_t>(der_length), '\0');
  unsigned char* cursor = MutableBytes(der);
  if (i2d_ECDSA_SIG(signature.get(), &cursor) != der_length) return false;
  MdCtxPtr md(EVP_MD_CTX_new());
  return md != nullptr &&
         EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
         EVP_DigestVerify(md.get(), Bytes(der), der.size(), Bytes(input), input.size()) == 1;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

const nlohmann::json* Member(const nlohmann::json& object, const char* name) {
  auto found = object.find(name);
  return found == object.end() ? nullptr : &*found;
}

}  // namespace

VapidKeys GenerateVapidKeys() {
  const PkeyPtr key = GenerateKey();
  Secret<kScalarBytes> scalar;
  PrivateScalarOf(key.get(), scalar);
  return VapidKeys{Base64UrlEncode(scalar.view()), Base64UrlEncode(PublicPointOf(key.get()))};
}

Result<std::string> VapidAuthorization(const VapidKeys& keys, std::string_view audience,
                                       std::string_view subject, long long expires_unix) {
  const std::optional<KeyPair> pair = KeyPairFromBase64Url(keys.private_key);
  if (!pair) return Invalid("vapid_private_key", "not a P-256 private key");
  const std::optional<std::string> public_point = Base64UrlDecode(keys.public_key);
  if (!public_point || *public_point != pair->public_point) {
    return Invalid("vapid_public_key", "not the public key of the private key");
  }
  if (audience.empty()) return Invalid("audience", "empty");
  if (subject.empty()) return Invalid("subject", "empty");
  const nlohmann::json claims = {
      {"aud", std::string(audience)}, {"exp", expires_unix}, {"sub", std::string(subject)}};
  const std::string signing_input =
      Base64UrlEncode(R"({"typ":"JWT","alg":"ES256"})") + "." +
      Base64UrlEncode(claims.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  const std::optional<std::string> signature = SignEs256(pair->key.get(), signing_input);
  Require(signature.has_value(), "ES256 signature");
  return "vapid t=" + signing_input + "." + Base64UrlEncode(*signature) +
         ", k=" + Base64UrlEncode(pair->public_point);
}

std::string PushAudience(std::string_view endpoint_url) {
  const std::size_t scheme_end = endpoint_url.find("://");
  if (scheme_end == std::string_view::npos) return "";
  const std::string scheme = AsciiLower(endpoint_url.substr(0, scheme_end));
  if (scheme != "https" && scheme != "http") return "";
  std::string_view authority = endpoint_url.substr(scheme_end + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  std::string_view host = authority;
  std::string_view port;
  // The port follows the last colon, unless that colon is inside an IPv6 literal "[...]".
  const std::size_t colon = authority.rfind(':');
  const std::size_t bracket = authority.rfind(']');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty() ||
      !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return "";
  }
  std::string origin = scheme + "://" + AsciiLower(host);
  const bool default_port =
      (scheme == "https" && port == "443") || (scheme == "http" && port == "80");
  if (!port.empty() && !default_port) origin.append(":").append(port);
  return origin;
}

Result<std::string> EncryptPayload(std::string_view ua_public_b64url,
                                   std::string_view auth_secret_b64url,
                                   std::string_view plaintext) {
  std::string salt(kSaltBytes, '\0');
  Require(RAND_bytes(MutableBytes(salt), static_cast<int>(salt.size())) == 1, "random salt");
  const PkeyPtr as_key = GenerateKey();
  return Encrypt(ua_public_b64url, auth_secret_b64url, plaintext, salt, as_key.get(),
                 PublicPointOf(as_key.get()));
}

Result<std::string> EncryptPayloadWith(std::string_view ua_public_b64url,
                                       std::string_view auth_secret_b64url,
                                       std::string_view plaintext, std::string_view salt,
                                       std::string_view as_private_b64url) {
  if (salt.size() != kSaltBytes) return Invalid("salt", "not 16 bytes");
  const std::optional<KeyPair> as_pair = KeyPairFromBase64Url(as_private_b64url);
  if (!as_pair) return Invalid("as_private", "not a P-256 private key");
  return Encrypt(ua_public_b64url, auth_secret_b64url, plaintext, salt, as_pair->key.get(),
                 as_pair->public_point);
}

Result<std::string> DecryptPayload(std::string_view body, std::string_view ua_private_b64url,
                                   std::string_view ua_public_b64url,
                                   std::string_view auth_secret_b64url) {
  const std::optional<KeyPair> ua_pair = KeyPairFromBase64Url(ua_private_b64url);
  if (!ua_pair) return Invalid("private_key", "not a P-256 private key");
  const std::optional<std::string> ua_public = Base64UrlDecode(ua_public_b64url);
  if (!ua_public || *ua_public != ua_pair->public_point) {
    return Invalid("p256dh", "not the public key of the private key");
  }
  std::optional<std::string> auth_secret = Base64UrlDecode(auth_secret_b64url);
  const Wiper wipe(auth_secret);
  if (!auth_secret || auth_secret->size() != kAuthBytes) {
    return Invalid("auth", "not a 16-byte authentication secret");
  }

  if (body.size() < kHeaderBytes) return Fail(ErrorCode::kBadRequest, "push body too short");
  const std::string_view salt = body.substr(0, kSaltBytes);
  std::uint32_t record_size = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    record_size = (record_size << 8U) | static_cast<unsigned char>(body[kSaltBytes + i]);
  }
  const auto key_id_length = static_cast<unsigned char>(body[kSaltBytes + 4]);
  if (key_id_length != kPointBytes) {
    return Fail(ErrorCode::kBadRequest, "push body key id is not a P-256 public key");
  }
  const std::string_view as_public = body.substr(kSaltBytes + 5, kPointBytes);
  const PkeyPtr as_key = PublicKeyFromPoint(as_public);
  if (!as_key) return Fail(ErrorCode::kBadRequest, "push body key id is not a P-256 public key");
  const std::string_view sealed = body.substr(kHeaderBytes);
  // RFC 8188: a record size under 18 cannot hold a tag and a delimiter; one record only here.
  if (record_size < kTagBytes + 2 || sealed.size() < kTagBytes + 1 || sealed.size() > record_size) {
    return Fail(ErrorCode::kBadRequest, "push body is not one aes128gcm record");
  }

  ContentKeys keys;
  if (!DeriveContentKeys(ua_pair->key.get(), as_key.get(), *auth_secret, *ua_public, as_public,
                         salt, keys)) {
    return Fail(ErrorCode::kBadRequest, "no key agreement with the sender's key");
  }
  std::optional<std::string> record = Open(keys, sealed);
  if (!record) return Fail(ErrorCode::kBadRequest, "push body does not decrypt");
  const std::size_t delimiter = record->find_last_not_of('\0');
  if (delimiter == std::string::npos || (*record)[delimiter] != kPaddingDelimiter) {
    return Fail(ErrorCode::kBadRequest, "push body padding is malformed");
  }
  record->resize(delimiter);
  return std::move(*record);
}

bool VerifyVapid(std::string_view authorization_header, std::string_view expected_audience,
                 long long now_unix) {
  constexpr std::string_view kScheme = "vapid ";
  if (authorization_header.size() < kScheme.size() ||
      AsciiLower(authorization_header.substr(0, kScheme.size())) != kScheme) {
    return false;
  }
  std::string_view token;
  std::string_view key;
  std::string_view rest = authorization_header.substr(kScheme.size());
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view part = Trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (part.starts_with("t=")) token = part.substr(2);
    if (part.starts_with("k=")) key = part.substr(2);
  }
  if (token.empty() || key.empty()) return false;

  const Result<DecodedJwt> jwt = DecodeJwt(token);
  if (!jwt) return false;
  const nlohmann::json* alg = Member(jwt->header, "alg");
  if (alg == nullptr || !alg->is_string() || alg->get<std::string>() != "ES256") return false;
  const nlohmann::json* aud = Member(jwt->claims, "aud");
  if (aud == nullptr || !aud->is_string() || aud->get<std::string>() != expected_audience) {
    return false;
  }
  const nlohmann::json* sub = Member(jwt->claims, "sub");
  if (sub == nullptr || !sub->is_string() || sub->get<std::string>().empty()) return false;
  const nlohmann::json* exp = Member(jwt->claims, "exp");
  if (exp == nullptr || !exp->is_number_integer() ||
      (exp->is_number_unsigned() && exp->get<unsigned long long>() > LLONG_MAX)) {
    return false;
  }
  const auto expires = exp->get<long long>();
  if (expires <= now_unix || expires - now_unix > kMaxVapidLifetimeSeconds) return false;

  const std::optional<std::string> point = Base64UrlDecode(key);
  const PkeyPtr public_key = point ? PublicKeyFromPoint(*point) : nullptr;
  return public_key != nullptr && VerifyEs256(public_key.get(), jwt->signing_input, jwt->signature);
}

}  // namespace planify::integrations::push
