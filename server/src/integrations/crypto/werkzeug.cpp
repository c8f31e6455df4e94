#include "integrations/crypto/werkzeug.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <string>
#include <vector>

#include "domain/auth.hpp"

namespace planify::integrations {

namespace {

std::vector<unsigned char> FromHex(const std::string& hex) {
  std::vector<unsigned char> out(hex.size() / 2);
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<unsigned char>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  }
  return out;
}

}  // namespace

bool VerifyWerkzeugHash(std::string_view password, std::string_view hash) {
  auto parsed = domain::ParseWerkzeugHash(hash);
  if (!parsed) return false;
  std::vector<unsigned char> expected = FromHex(parsed->hex);
  std::vector<unsigned char> derived(expected.size());
  int ok = 0;
  if (parsed->method == domain::WerkzeugHash::Method::kPbkdf2) {
    const EVP_MD* md = parsed->digest == "sha512" ? EVP_sha512()
                       : parsed->digest == "sha1" ? EVP_sha1()
                                                  : EVP_sha256();
    ok = PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                           reinterpret_cast<const unsigned char*>(parsed->salt.data()),
                           static_cast<int>(parsed->salt.size()),
                           static_cast<int>(parsed->iterations), md,
                           static_cast<int>(derived.size()), derived.data());
  } else {
    // werkzeug passes maxmem = 132 * n * r * p to hashlib.scrypt.
    auto maxmem = static_cast<std::uint64_t>(132 * parsed->n * parsed->r * parsed->p);
    ok = EVP_PBE_scrypt(
        password.data(), password.size(),
        reinterpret_cast<const unsigned char*>(parsed->salt.data()), parsed->salt.size(),
        static_cast<std::uint64_t>(parsed->n), static_cast<std::uint64_t>(parsed->r),
        static_cast<std::uint64_t>(parsed->p), maxmem, derived.data(), derived.size());
  }
  return ok == 1 && CRYPTO_memcmp(derived.data(), expected.data(), expected.size()) == 0;
}

}  // namespace planify::integrations
