#pragma once

#include <string>

#include "app/ports.hpp"
#include "domain/result.hpp"
#include "store/database.hpp"

namespace planify::app {

struct SvixHeaders {
  std::string id;
  std::string timestamp;
  std::string signature;
};

struct WebhookOutcome {
  bool duplicate = false;    // this event id was already processed: nothing done
  std::string email_status;  // the e-mail's status afterwards ("" when the message is unknown)
};

// A Resend delivery event: verifies the Svix signature (UNAUTHENTICATED), parses the event
// (BAD_REQUEST), records it once per event id, and moves the e-mail's status forward.
// Unknown messages are recorded without an e-mail (they may belong to another system).
[[nodiscard]] Result<WebhookOutcome> HandleResendWebhook(store::Database& db, const Clock& clock,
                                                         const std::string& secret,
                                                         const SvixHeaders& headers,
                                                         const std::string& body);

}  // namespace planify::app
