#include "integrations/crypto/sodium.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

#include "integrations/crypto/werkzeug.hpp"

namespace planify::integrations {

void InitSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

SodiumPasswordHasher::SodiumPasswordHasher(bool fast)
    : ops_(fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE),
      mem_(fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) {
  InitSodium();
}

std::string SodiumPasswordHasher::Hash(std::string_view password) const {
  std::string out(crypto_pwhash_STRBYTES, '\0');
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), ops_, mem_,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("password hashing ran out of memory");
  }
  out.resize(out.find('\0'));
  return out;
}

bool SodiumPasswordHasher::Verify(std::string_view password, std::string_view hash) const {
  if (hash.rfind("$argon2", 0) != 0) return VerifyWerkzeugHash(password, hash);
  std::string h(hash);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

bool SodiumPasswordHasher::NeedsRehash(std::string_view hash) const {
  if (hash.rfind("$argon2id$", 0) != 0) return true;
  std::string h(hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), ops_, mem_) != 0;
}

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  InitSodium();
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

std::string RandomHex(std::size_t bytes) {
  InitSodium();
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string out(bytes * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), buf.data(), buf.size());
  out.pop_back();
  return out;
}

struct Sha256Stream::State {
  crypto_hash_sha256_state hash;
};

Sha256Stream::Sha256Stream() : state_(std::make_unique<State>()) {
  InitSodium();
  crypto_hash_sha256_init(&state_->hash);
}

Sha256Stream::~Sha256Stream() = default;

void Sha256Stream::Update(std::string_view bytes) {
  crypto_hash_sha256_update(&state_->hash, reinterpret_cast<const unsigned char*>(bytes.data()),
                            bytes.size());
}

std::string Sha256Stream::Hex() {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state_->hash, digest);
  std::string out(sizeof digest * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), digest, sizeof digest);
  out.pop_back();
  return out;
}

}  // namespace planify::integrations
