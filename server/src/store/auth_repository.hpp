#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

// A user as sign-in needs it.
struct UserAuthRow {
  UserId id;
  std::string email;
  std::string display_name;
  std::string password_hash;  // "" when the account has none (magic link / Google only)
  std::string username;       // legacy login name, "" when none
  std::string locale;
  bool disabled = false;
  std::string last_sign_in_at;
  std::string created_at;
};

struct MembershipView {
  OrganizationId organization;
  std::string organization_name;
  std::string organization_slug;
  std::string role;
  // The organisation's words for a mission, a client and a technician (settings).
  std::string terminology = "missions";
  std::string client_terminology = "clients";
  std::string crew_terminology = "techniciens";
};

struct MemberRow {
  UserId user;
  std::string email;
  std::string display_name;
  std::string role;
  bool disabled = false;
  std::string last_sign_in_at;
  std::string joined_at;
};

struct SessionRow {
  long long id = 0;
  UserId user;
  std::optional<OrganizationId> organization;
  std::string csrf_token;
  std::string ip;
  std::string user_agent;
  std::string created_at;
  std::string last_seen_at;
  std::string absolute_expires_at;
  std::string revoked_at;
};

struct AuditEntry {
  std::optional<OrganizationId> organization;
  std::optional<UserId> actor;
  std::string actor_label;  // the actor's name at the time
  std::string action;       // "auth.sign_in", "members.role_changed", ...
  std::string entity_type;
  std::string entity_id;
  std::string details_json = "{}";
  std::string ip;
  std::string user_agent;
  std::string request_id;
};

struct AuditRow {
  long long id = 0;
  std::optional<UserId> actor;
  std::string actor_name;
  std::string action;
  std::string entity_type;
  std::string entity_id;
  std::string details_json;
  std::string ip;
  std::string user_agent;
  std::string created_at;
};

struct InvitationRow {
  long long id = 0;
  OrganizationId organization;
  std::string organization_name;
  std::string email;
  std::string role;
  std::optional<UserId> invited_by;
  std::string invited_by_name;
  std::string created_at;
  std::string expires_at;
};

struct AuditFilter {
  std::string action_prefix;  // "auth." matches every sign-in event
  std::optional<UserId> actor;
  std::string entity_type;  // with entity_id: one thing's history ("mission", "42")
  std::string entity_id;
  std::string from;         // ISO UTC, inclusive; "" = no bound
  std::string to;           // ISO UTC, exclusive
  long long before_id = 0;  // keyset pagination: entries older than this id
  long long limit = 50;
};

// Users' credentials, memberships, sessions, the audit log and rate-limit events. Every call
// runs on the caller's lease; the caller owns the transaction. Throws soci::soci_error on broken
// infrastructure only.
class AuthRepository {
 public:
  explicit AuthRepository(Lease& lease) : lease_(lease) {}

  // ---- users
  // By e-mail (lower-cased) or legacy username.
  [[nodiscard]] std::optional<UserAuthRow> FindUserByLogin(const std::string& login);
  [[nodiscard]] std::optional<UserAuthRow> FindUserById(UserId id);
  void UpdatePasswordHash(UserId user, const std::string& hash, const std::string& now,
                          bool changed_by_user);
  void RecordSignIn(UserId user, const std::string& now);
  void UpdateProfile(UserId user, const std::string& display_name, const std::string& locale,
                     const std::string& now);

  // ---- memberships
  [[nodiscard]] std::vector<MembershipView> MembershipsOf(UserId user);
  [[nodiscard]] std::vector<MemberRow> MembersOf(OrganizationId organization);
  [[nodiscard]] std::optional<MemberRow> FindMember(OrganizationId organization, UserId user);
  void UpdateRole(OrganizationId organization, UserId user, const std::string& role,
                  const std::string& now);
  void RemoveMembership(OrganizationId organization, UserId user);
  [[nodiscard]] long long CountRole(OrganizationId organization, const std::string& role);

  // ---- sessions
  [[nodiscard]] long long InsertSession(const std::string& token_hash, const SessionRow& row);
  [[nodiscard]] std::optional<SessionRow> FindSessionByTokenHash(const std::string& token_hash);
  [[nodiscard]] std::vector<SessionRow> ActiveSessionsOf(UserId user, const std::string& now,
                                                         const std::string& idle_cutoff);
  void TouchSession(long long session, const std::string& now);
  void SetSessionOrganization(long long session, OrganizationId organization);
  // Revokes one session of this user; false when it is not theirs or already revoked.
  bool RevokeSession(UserId user, long long session, const std::string& now);
  // Every live session of the user except `keep` (0: none kept). Returns how many.
  long long RevokeSessionsOf(UserId user, long long keep, const std::string& now);

  // ---- single-use e-mail links (magic link, password reset)
  void InsertAuthToken(const std::string& purpose, const std::string& token_hash,
                       std::optional<UserId> user, const std::string& email,
                       const std::string& requested_ip, const std::string& now,
                       const std::string& expires_at);
  // Marks the live token consumed and returns its user; nullopt when unknown, of another
  // purpose, expired or already used. Atomic: of two concurrent calls, one wins.
  [[nodiscard]] std::optional<UserId> ConsumeAuthToken(const std::string& purpose,
                                                       const std::string& token_hash,
                                                       const std::string& now);
  void MarkEmailVerified(UserId user, const std::string& now);

  // ---- invitations
  // Revokes any open invitation of this address to the organisation, then inserts one.
  [[nodiscard]] long long InsertInvitation(OrganizationId organization, const std::string& email,
                                           const std::string& role, const std::string& token_hash,
                                           UserId invited_by, const std::string& now,
                                           const std::string& expires_at);
  [[nodiscard]] std::vector<InvitationRow> OpenInvitations(OrganizationId organization,
                                                           const std::string& now);
  // An open (not accepted, not revoked, not expired) invitation by its token.
  [[nodiscard]] std::optional<InvitationRow> FindOpenInvitation(const std::string& token_hash,
                                                                const std::string& now);
  // False when it is not an open invitation of this organisation.
  bool RevokeInvitation(OrganizationId organization, long long id, const std::string& now);
  // False when someone accepted or revoked it first.
  bool MarkInvitationAccepted(long long id, UserId user, const std::string& now);

  // ---- external identities (Google)
  [[nodiscard]] std::optional<UserId> FindUserByExternalIdentity(const std::string& provider,
                                                                 const std::string& subject);
  void LinkExternalIdentity(UserId user, const std::string& provider, const std::string& subject,
                            const std::string& email, const std::string& now);
  void TouchExternalIdentity(const std::string& provider, const std::string& subject,
                             const std::string& now);

  // ---- audit log
  void Audit(const AuditEntry& entry, const std::string& now);
  [[nodiscard]] std::vector<AuditRow> ListAudit(OrganizationId organization,
                                                const AuditFilter& filter);

  // ---- rate limits
  void RecordRateEvent(const std::string& bucket, const std::string& now);
  [[nodiscard]] std::vector<std::string> RateEventsSince(const std::string& bucket,
                                                         const std::string& since);
  void ClearRateEvents(const std::string& bucket);
  long long PurgeRateEvents(const std::string& before);

 private:
  Lease& lease_;
};

}  // namespace planify::store
