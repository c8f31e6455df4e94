#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"

namespace planify::domain {

struct EmailAttachment {
  std::string filename;
  std::string content_type;
  std::string content;  // raw bytes
};

// An e-mail as the business asks for it, before it is stored and sent.
struct EmailDraft {
  std::string to_address;
  std::string to_name;
  std::string from_name;  // the organisation's name, shown as the sender
  std::optional<std::string> reply_to;
  std::string subject;
  std::string html;
  std::string text;
  std::optional<std::string> template_name;
  std::vector<EmailAttachment> attachments;
};

inline constexpr std::size_t kMaxEmailAttachmentBytes =
    std::size_t{20} * 1024 * 1024;  // all attachments

// VALIDATION listing every problem; the draft with the address lower-cased otherwise. Header
// fields (names, subject) must not carry line breaks (header injection).
[[nodiscard]] Result<EmailDraft> ValidateEmailDraft(EmailDraft draft);

// The status an e-mail takes when its provider reports `event_type` (Resend's names:
// email.sent, email.delivered, email.delivery_delayed, email.bounced, email.complained; others,
// like opened/clicked, change nothing). Events arrive out of order, so a status only moves
// forward: a late "sent" never undoes "delivered". nullopt: no change.
[[nodiscard]] std::optional<std::string> EmailStatusAfterEvent(std::string_view current,
                                                               std::string_view event_type);

}  // namespace planify::domain
