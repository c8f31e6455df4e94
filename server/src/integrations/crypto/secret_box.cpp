#include "integrations/crypto/secret_box.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <vector>

#include "integrations/crypto/sodium.hpp"
#include "store/emails_repository.hpp"

namespace planify::integrations {

namespace {

constexpr std::string_view kVersion = "v1:";

}  // namespace

SecretBox::SecretBox(std::string_view server_secret, std::string_view purpose) {
  InitSodium();
  // A master key from the secret (any length), then a sub-key for this purpose.
  std::array<unsigned char, crypto_kdf_KEYBYTES> master{};
  crypto_generichash(master.data(), master.size(),
                     reinterpret_cast<const unsigned char*>(server_secret.data()),
                     server_secret.size(), nullptr, 0);
  std::array<char, crypto_kdf_CONTEXTBYTES> context{};
  std::copy_n(purpose.begin(), std::min(purpose.size(), context.size()), context.begin());
  key_.resize(crypto_secretbox_KEYBYTES);
  crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(key_.data()), key_.size(), 1,
                             context.data(), master.data());
  sodium_memzero(master.data(), master.size());
}

std::string SecretBox::Seal(std::string_view plaintext) const {
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        nonce, reinterpret_cast<const unsigned char*>(key_.data()));
  return std::string(kVersion) + store::Base64Encode(box);
}

std::optional<std::string> SecretBox::Open(std::string_view sealed) const {
  if (sealed.rfind(kVersion, 0) != 0) return std::nullopt;
  auto box = store::Base64Decode(std::string(sealed.substr(kVersion.size())));
  if (!box || box->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return std::nullopt;
  }
  const auto* nonce = reinterpret_cast<const unsigned char*>(box->data());
  std::size_t cipher_len = box->size() - crypto_secretbox_NONCEBYTES;
  std::string plain(cipher_len - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 nonce + crypto_secretbox_NONCEBYTES, cipher_len, nonce,
                                 reinterpret_cast<const unsigned char*>(key_.data())) != 0) {
    return std::nullopt;
  }
  return plain;
}

}  // namespace planify::integrations
