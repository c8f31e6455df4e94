#pragma once

#include <string>
#include <string_view>

#include "domain/email.hpp"
#include "domain/result.hpp"

namespace planify::app {

// A message ready for a provider: the draft plus the platform's sending address.
struct OutgoingEmail {
  std::string from_address;  // PLANIFY_MAIL_FROM, e.g. no-reply@planify.example.fr
  domain::EmailDraft draft;
};

struct SendReceipt {
  std::string provider;    // "outbox", "resend", ...
  std::string message_id;  // the provider's id, for delivery webhooks
};

// Hands a message to an e-mail provider. `idempotency_key` is stable per message: sending the
// same key twice must not deliver twice (Resend honours it; the outbox is trivially so).
// Errors: UNAVAILABLE for what may succeed later (network, 5xx, 429, credentials being
// fixed); BAD_REQUEST for a message the provider will never accept (no retry).
class Mailer {
 public:
  virtual ~Mailer() = default;
  [[nodiscard]] virtual Result<SendReceipt> Send(const OutgoingEmail& email,
                                                 const std::string& idempotency_key) = 0;
  [[nodiscard]] virtual std::string_view name() const = 0;
};

}  // namespace planify::app
