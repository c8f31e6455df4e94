#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/ports.hpp"

namespace planify::integrations {

// Authenticated encryption (XChaCha20-Poly1305, libsodium secretbox) under a key derived from
// the server secret for one purpose, so the same secret never keys two uses.
class SecretBox final : public app::Cipher {
 public:
  // `purpose`: up to 8 characters naming the use ("bankdata").
  SecretBox(std::string_view server_secret, std::string_view purpose);
  [[nodiscard]] std::string Seal(std::string_view plaintext) const override;
  [[nodiscard]] std::optional<std::string> Open(std::string_view sealed) const override;

 private:
  std::string key_;
};

}  // namespace planify::integrations
