#pragma once

#include <chrono>
#include <string>

#include "app/email/mailer.hpp"

namespace planify::integrations {

// The default: nothing leaves the machine. Messages stay in the emails table, where admins read
// them like a local mail catcher; "sending" only records that the outbox accepted them.
class OutboxMailer final : public app::Mailer {
 public:
  [[nodiscard]] Result<app::SendReceipt> Send(const app::OutgoingEmail& email,
                                              const std::string& idempotency_key) override;
  [[nodiscard]] std::string_view name() const override { return "outbox"; }
};

// Resend's HTTP API (POST {base_url}/emails) over libcurl, with the Idempotency-Key header.
class ResendMailer final : public app::Mailer {
 public:
  struct Options {
    std::string api_key;
    std::string base_url = "https://api.resend.com";
    std::chrono::milliseconds timeout{15000};
  };
  explicit ResendMailer(Options options);
  [[nodiscard]] Result<app::SendReceipt> Send(const app::OutgoingEmail& email,
                                              const std::string& idempotency_key) override;
  [[nodiscard]] std::string_view name() const override { return "resend"; }

 private:
  Options options_;
};

// SMTP over libcurl: smtp:// (STARTTLS required when `starttls`) or smtps:// (implicit TLS),
// optional login. The message is built here (multipart/alternative text + HTML, attachments,
// RFC 2047 subject), with a Message-ID derived from the idempotency key, which is also the
// receipt's message id. SMTP has no idempotency: a retry after a lost "250" may deliver twice;
// the stable Message-ID lets mail clients fold such duplicates.
class SmtpMailer final : public app::Mailer {
 public:
  struct Options {
    std::string url;  // smtp://mail.example.fr:587 or smtps://mail.example.fr:465
    std::string username;
    std::string password;
    bool starttls = true;                    // for smtp:// URLs
    std::string hostname = "planify.local";  // right-hand side of Message-IDs
    std::chrono::milliseconds timeout{30000};
  };
  explicit SmtpMailer(Options options);
  [[nodiscard]] Result<app::SendReceipt> Send(const app::OutgoingEmail& email,
                                              const std::string& idempotency_key) override;
  [[nodiscard]] std::string_view name() const override { return "smtp"; }

 private:
  Options options_;
};

// The RFC 5322 message SmtpMailer sends (exposed for tests).
[[nodiscard]] std::string BuildMimeMessage(const app::OutgoingEmail& email,
                                           const std::string& message_id, const std::string& date);

}  // namespace planify::integrations
