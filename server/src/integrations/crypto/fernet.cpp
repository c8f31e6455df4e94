#include "integrations/crypto/fernet.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <memory>
#include <optional>
#include <vector>

namespace planify::integrations {

namespace {

constexpr std::size_t kVersionBytes = 1;
constexpr std::size_t kTimeBytes = 8;
constexpr std::size_t kIvBytes = 16;
constexpr std::size_t kMacBytes = 32;
constexpr std::size_t kBlock = 16;
constexpr unsigned char kVersion = 0x80;

// Url-safe base64, with or without its "=" padding.
std::optional<std::vector<unsigned char>> FromBase64Url(std::string_view text) {
  if (text.empty()) return std::nullopt;  // libsodium takes no null buffer
  std::vector<unsigned char> out(text.size());
  std::size_t size = 0;
  const int variant = text.find('=') == std::string_view::npos
                          ? sodium_base64_VARIANT_URLSAFE_NO_PADDING
                          : sodium_base64_VARIANT_URLSAFE;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &size, nullptr,
                        variant) != 0) {
    return std::nullopt;
  }
  out.resize(size);
  return out;
}

Unexpected NotFernet(std::string message) {
  return Fail(ErrorCode::kValidation, std::move(message));
}

}  // namespace

Result<std::string> FernetDecrypt(std::string_view token, std::string_view key) {
  auto secret = FromBase64Url(key);
  if (!secret || secret->size() != 32) {
    return NotFernet("Clé Fernet invalide : 32 octets en base64 url attendus.");
  }
  auto raw = FromBase64Url(token);
  const std::size_t header = kVersionBytes + kTimeBytes + kIvBytes;
  if (!raw || raw->size() < header + kBlock + kMacBytes || (*raw)[0] != kVersion ||
      (raw->size() - header - kMacBytes) % kBlock != 0) {
    return NotFernet("Valeur chiffrée illisible (jeton Fernet attendu).");
  }
  const unsigned char* signing = secret->data();
  const unsigned char* encryption = secret->data() + 16;
  const std::size_t signed_size = raw->size() - kMacBytes;

  // The HMAC first, in constant time: nothing is decrypted from an altered token.
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, signing, 16);
  crypto_auth_hmacsha256_update(&state, raw->data(), signed_size);
  crypto_auth_hmacsha256_final(&state, mac);
  if (sodium_memcmp(mac, raw->data() + signed_size, kMacBytes) != 0) {
    return Fail(ErrorCode::kForbidden,
                "Cette clé n'ouvre pas la valeur chiffrée (mauvaise clé, ou valeur altérée).");
  }

  const unsigned char* iv = raw->data() + kVersionBytes + kTimeBytes;
  const unsigned char* cipher = raw->data() + header;
  const int cipher_size = static_cast<int>(signed_size - header);
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(),
                                                                      &EVP_CIPHER_CTX_free);
  std::string plain(static_cast<std::size_t>(cipher_size) + kBlock, '\0');
  int written = 0;
  int last = 0;
  auto* out = reinterpret_cast<unsigned char*>(plain.data());
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, encryption, iv) != 1 ||
      EVP_DecryptUpdate(ctx.get(), out, &written, cipher, cipher_size) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), out + written, &last) != 1) {
    // Signed by this key but not decryptable: not a token Fernet wrote.
    return NotFernet("Valeur chiffrée illisible (remplissage invalide).");
  }
  plain.resize(static_cast<std::size_t>(written) + static_cast<std::size_t>(last));
  return plain;
}

}  // namespace planify::integrations
