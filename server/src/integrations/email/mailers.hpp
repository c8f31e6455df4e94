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

}  // namespace planify::integrations
