#pragma once

#include <string>
#include <vector>

#include "app/planning/calendar_provider.hpp"

namespace planify::integrations {

// Google's OAuth token endpoint and Calendar API v3 (docs/calendar-sync.md, "Google Calendar").
struct GoogleCalendarOptions {
  std::string client_id;
  std::string client_secret;
  std::string auth_url = "https://accounts.google.com/o/oauth2/v2/auth";
  std::string token_url = "https://oauth2.googleapis.com/token";
  std::string revoke_url = "https://oauth2.googleapis.com/revoke";
  std::string api_base = "https://www.googleapis.com";
};

// Failures as app::CalendarProvider says: 401 and invalid_grant are UNAUTHENTICATED, 429, 5xx
// and an unreachable Google UNAVAILABLE, an id Google keeps for a deleted event CONFLICT.
class GoogleCalendarClient final : public app::CalendarProvider {
 public:
  explicit GoogleCalendarClient(GoogleCalendarOptions options) : options_(std::move(options)) {}

  // Every endpoint under one base URL (a local stand-in for Google in tests).
  [[nodiscard]] static GoogleCalendarOptions At(const std::string& base_url, std::string client_id,
                                                std::string client_secret);

  [[nodiscard]] std::string AuthorizationUrl(const std::string& state,
                                             const std::string& code_challenge,
                                             const std::string& redirect_uri,
                                             const std::vector<std::string>& scopes,
                                             const std::string& login_hint) override;

  [[nodiscard]] Result<app::ProviderTokens> ExchangeCode(const std::string& code,
                                                         const std::string& code_verifier,
                                                         const std::string& redirect_uri) override;
  [[nodiscard]] Result<app::ProviderTokens> Refresh(const std::string& refresh_token) override;
  [[nodiscard]] Result<void> Revoke(const std::string& token) override;
  [[nodiscard]] Result<std::string> Upsert(const std::string& access_token,
                                           const std::string& calendar_id,
                                           const app::ProviderEvent& event) override;
  [[nodiscard]] Result<void> CheckCalendar(const std::string& access_token,
                                           const std::string& calendar_id) override;
  [[nodiscard]] Result<void> Delete(const std::string& access_token, const std::string& calendar_id,
                                    const std::string& event_id) override;
  [[nodiscard]] Result<std::vector<app::BusyPeriod>> FreeBusy(const std::string& access_token,
                                                              const std::string& calendar_id,
                                                              domain::Timestamp from,
                                                              domain::Timestamp to) override;

 private:
  GoogleCalendarOptions options_;
};

}  // namespace planify::integrations
