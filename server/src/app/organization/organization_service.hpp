#pragma once

#include <string>

#include "app/auth/auth_service.hpp"
#include "domain/organization_settings.hpp"
#include "integrations/email/templates.hpp"

namespace planify::app {

struct OrganizationView {
  domain::OrganizationSettings settings;  // iban/bic in clear only for organization.manage
  std::string iban_masked;                // "FR76 **** **** **** **** **** 189" or ""
  std::string updated_at;
};

// How the organisation's e-mails look: its name, brand colour and logo (an absolute URL under
// `public_url`, "" for none). Runs on the caller's lease.
[[nodiscard]] integrations::EmailBranding OrganizationBranding(store::Lease& lease,
                                                               OrganizationId organization,
                                                               const std::string& public_url);

// The caller's organisation: its legal identity and settings.
class OrganizationService {
 public:
  OrganizationService(store::Database& db, const Clock& clock, const Cipher& cipher)
      : db_(db), clock_(clock), cipher_(cipher) {}

  [[nodiscard]] Result<OrganizationView> Get(const Principal& actor);
  // Validates everything (VALIDATION lists each bad field), seals the bank details, saves, and
  // audits which fields changed (never their bank values).
  [[nodiscard]] Result<OrganizationView> Update(const Principal& actor,
                                                domain::OrganizationSettings settings,
                                                const RequestMeta& meta);

  // The caller's organisation's data version, for revalidating its lists (one key lookup).
  [[nodiscard]] Result<long long> DataVersion(const Principal& actor);

 private:
  store::Database& db_;
  const Clock& clock_;
  const Cipher& cipher_;
};

}  // namespace planify::app
