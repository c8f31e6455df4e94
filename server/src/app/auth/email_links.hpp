#pragma once

#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"

namespace planify::app {

struct InvitationView {
  long long id = 0;
  std::string organization_name;
  std::string email;
  std::string role;
  std::string invited_by_name;
  std::string created_at;
  std::string expires_at;
  bool account_exists = false;  // lookups only: sign in to accept, rather than create an account
};

struct NewAccount {
  std::string display_name;
  std::string password;
};

// Everything that proves an identity through a link sent by e-mail: magic links, password
// resets and invitations. The e-mail is queued in the same transaction as the token, so a
// link exists if and only if its message goes out. Tokens are 32 random bytes, stored hashed,
// single use.
class EmailLinksService {
 public:
  EmailLinksService(store::Database& db, const Clock& clock, const PasswordHasher& hasher,
                    AuthService& auth, std::string public_url)
      : db_(db), clock_(clock), hasher_(hasher), auth_(auth), public_url_(std::move(public_url)) {}

  static constexpr std::chrono::minutes kMagicLinkLifetime{15};
  static constexpr std::chrono::minutes kResetLifetime{60};
  static constexpr std::chrono::hours kInvitationLifetime{24 * 7};

  // Sends a sign-in link when the address belongs to an active account; answers the same
  // either way (no account enumeration). RATE_LIMITED per IP and per address.
  [[nodiscard]] Result<void> RequestMagicLink(const std::string& email, const RequestMeta& meta);
  // UNAUTHENTICATED when the link is unknown, used or expired.
  [[nodiscard]] Result<IssuedSession> ConsumeMagicLink(const std::string& token,
                                                       const RequestMeta& meta);

  [[nodiscard]] Result<void> RequestPasswordReset(const std::string& email,
                                                  const RequestMeta& meta);
  // Sets the password, ends every session of the account and opens a new one.
  [[nodiscard]] Result<IssuedSession> CompletePasswordReset(const std::string& token,
                                                            const std::string& new_password,
                                                            const RequestMeta& meta);

  // CONFLICT when the address is already a member; re-inviting replaces the open invitation.
  [[nodiscard]] Result<InvitationView> Invite(const Principal& actor, const std::string& email,
                                              const std::string& role, const RequestMeta& meta);
  [[nodiscard]] Result<std::vector<InvitationView>> OpenInvitations(const Principal& actor);
  [[nodiscard]] Result<void> RevokeInvitation(const Principal& actor, long long id,
                                              const RequestMeta& meta);
  // NOT_FOUND when the token names no open invitation.
  [[nodiscard]] Result<InvitationView> LookupInvitation(const std::string& token);
  // For an address with no account yet: creates it and joins the organisation.
  [[nodiscard]] Result<IssuedSession> AcceptInvitationNewAccount(const std::string& token,
                                                                 const NewAccount& account,
                                                                 const RequestMeta& meta);
  // For a signed-in user whose e-mail is the invited one (FORBIDDEN otherwise).
  [[nodiscard]] Result<IssuedSession> AcceptInvitationSignedIn(const std::string& token,
                                                               const Principal& principal,
                                                               const RequestMeta& meta);

 private:
  [[nodiscard]] Result<void> SendLink(const std::string& email, const std::string& purpose,
                                      std::chrono::minutes lifetime,
                                      const std::string& template_name, const std::string& path,
                                      const RequestMeta& meta);
  [[nodiscard]] std::string Link(const std::string& path, const std::string& token) const;

  store::Database& db_;
  const Clock& clock_;
  const PasswordHasher& hasher_;
  AuthService& auth_;
  std::string public_url_;
};

}  // namespace planify::app
