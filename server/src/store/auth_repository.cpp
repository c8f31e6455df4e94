#include "store/auth_repository.hpp"

#include "store/business_events_repository.hpp"
#include "store/notifications_repository.hpp"

namespace planify::store {

namespace {

constexpr const char* kUserColumns =
    "id, email, display_name, password_hash, username, locale, "
    "CASE WHEN disabled_at IS NULL THEN 0 ELSE 1 END, CAST(last_sign_in_at AS TEXT), "
    "CAST(created_at AS TEXT)";

UserAuthRow ReadUser(const soci::row& row) {
  UserAuthRow u;
  u.id = UserId{GetInt64(row, 0)};
  u.email = row.get<std::string>(1);
  u.display_name = row.get<std::string>(2);
  u.password_hash = RowText(row, 3);
  u.username = RowText(row, 4);
  u.locale = row.get<std::string>(5);
  u.disabled = GetInt64(row, 6) != 0;
  u.last_sign_in_at = RowTimestamp(row, 7);
  u.created_at = RowTimestamp(row, 8);
  return u;
}

constexpr const char* kMemberColumns =
    "u.id, u.email, u.display_name, m.role, CASE WHEN u.disabled_at IS NULL THEN 0 ELSE 1 END, "
    "CAST(u.last_sign_in_at AS TEXT), CAST(m.created_at AS TEXT)";

MemberRow ReadMember(const soci::row& row) {
  MemberRow m;
  m.user = UserId{GetInt64(row, 0)};
  m.email = row.get<std::string>(1);
  m.display_name = row.get<std::string>(2);
  m.role = row.get<std::string>(3);
  m.disabled = GetInt64(row, 4) != 0;
  m.last_sign_in_at = RowTimestamp(row, 5);
  m.joined_at = RowTimestamp(row, 6);
  return m;
}

constexpr const char* kSessionColumns =
    "id, user_id, organization_id, csrf_token, ip, user_agent, CAST(created_at AS TEXT), "
    "CAST(last_seen_at AS TEXT), CAST(absolute_expires_at AS TEXT), CAST(revoked_at AS TEXT)";

SessionRow ReadSession(const soci::row& row) {
  SessionRow s;
  s.id = GetInt64(row, 0);
  s.user = UserId{GetInt64(row, 1)};
  if (row.get_indicator(2) != soci::i_null) s.organization = OrganizationId{GetInt64(row, 2)};
  s.csrf_token = row.get<std::string>(3);
  s.ip = row.get<std::string>(4);
  s.user_agent = row.get<std::string>(5);
  s.created_at = RowTimestamp(row, 6);
  s.last_seen_at = RowTimestamp(row, 7);
  s.absolute_expires_at = RowTimestamp(row, 8);
  s.revoked_at = RowTimestamp(row, 9);
  return s;
}

}  // namespace

std::optional<UserAuthRow> AuthRepository::FindUserByLogin(const std::string& login) {
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string("SELECT ") + kUserColumns +
                              " FROM users WHERE email = :email OR username = :username",
       soci::use(login, "email"), soci::use(login, "username"));
  // An e-mail match wins over a legacy username equal to someone else's address.
  std::optional<UserAuthRow> found;
  for (const auto& row : rows) {
    auto user = ReadUser(row);
    if (user.email == login) return user;
    found = std::move(user);
  }
  return found;
}

std::optional<UserAuthRow> AuthRepository::FindUserById(UserId id) {
  long long key = id.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string("SELECT ") + kUserColumns + " FROM users WHERE id = :id",
       soci::use(key, "id"));
  for (const auto& row : rows) return ReadUser(row);
  return std::nullopt;
}

void AuthRepository::UpdatePasswordHash(UserId user, const std::string& hash,
                                        const std::string& now, bool changed_by_user) {
  long long key = user.value;
  if (changed_by_user) {
    *lease_ << "UPDATE users SET password_hash = :hash, password_changed_at = :changed, "
               "updated_at = :now WHERE id = :id",
        soci::use(hash, "hash"), soci::use(now, "changed"), soci::use(now, "now"),
        soci::use(key, "id");
  } else {
    *lease_ << "UPDATE users SET password_hash = :hash WHERE id = :id", soci::use(hash, "hash"),
        soci::use(key, "id");
  }
}

void AuthRepository::RecordSignIn(UserId user, const std::string& now) {
  long long key = user.value;
  *lease_ << "UPDATE users SET last_sign_in_at = :now WHERE id = :id", soci::use(now, "now"),
      soci::use(key, "id");
}

void AuthRepository::UpdateProfile(UserId user, const std::string& display_name,
                                   const std::string& locale, const std::string& now) {
  long long key = user.value;
  *lease_ << "UPDATE users SET display_name = :name, locale = :locale, updated_at = :now "
             "WHERE id = :id",
      soci::use(display_name, "name"), soci::use(locale, "locale"), soci::use(now, "now"),
      soci::use(key, "id");
}

std::vector<MembershipView> AuthRepository::MembershipsOf(UserId user) {
  long long key = user.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << "SELECT o.id, o.name, o.slug, m.role, o.terminology, "
                          "o.client_terminology, o.crew_terminology FROM memberships m "
                          "JOIN organizations o ON o.id = m.organization_id "
                          "WHERE m.user_id = :user ORDER BY o.name, o.id",
       soci::use(key, "user"));
  std::vector<MembershipView> out;
  for (const auto& row : rows) {
    out.push_back({OrganizationId{GetInt64(row, 0)}, row.get<std::string>(1),
                   row.get<std::string>(2), row.get<std::string>(3), row.get<std::string>(4),
                   row.get<std::string>(5), row.get<std::string>(6)});
  }
  return out;
}

std::vector<MemberRow> AuthRepository::MembersOf(OrganizationId organization) {
  long long org = organization.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string("SELECT ") + kMemberColumns +
                              " FROM memberships m JOIN users u ON u.id = m.user_id "
                              "WHERE m.organization_id = :org ORDER BY u.display_name, u.id",
       soci::use(org, "org"));
  std::vector<MemberRow> out;
  for (const auto& row : rows) out.push_back(ReadMember(row));
  return out;
}

std::optional<MemberRow> AuthRepository::FindMember(OrganizationId organization, UserId user) {
  long long org = organization.value;
  long long uid = user.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string("SELECT ") + kMemberColumns +
                              " FROM memberships m JOIN users u ON u.id = m.user_id "
                              "WHERE m.organization_id = :org AND m.user_id = :user",
       soci::use(org, "org"), soci::use(uid, "user"));
  for (const auto& row : rows) return ReadMember(row);
  return std::nullopt;
}

void AuthRepository::UpdateRole(OrganizationId organization, UserId user, const std::string& role,
                                const std::string& now) {
  long long org = organization.value;
  long long uid = user.value;
  *lease_ << "UPDATE memberships SET role = :role, updated_at = :now "
             "WHERE organization_id = :org AND user_id = :user",
      soci::use(role, "role"), soci::use(now, "now"), soci::use(org, "org"), soci::use(uid, "user");
}

void AuthRepository::RemoveMembership(OrganizationId organization, UserId user) {
  long long org = organization.value;
  long long uid = user.value;
  *lease_ << "DELETE FROM memberships WHERE organization_id = :org AND user_id = :user",
      soci::use(org, "org"), soci::use(uid, "user");
  // Sessions sitting in that organisation fall back to "no organisation".
  *lease_ << "UPDATE sessions SET organization_id = NULL "
             "WHERE organization_id = :org2 AND user_id = :user2",
      soci::use(org, "org2"), soci::use(uid, "user2");
}

long long AuthRepository::CountRole(OrganizationId organization, const std::string& role) {
  long long org = organization.value;
  long long n = 0;
  *lease_ << "SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id "
             "WHERE m.organization_id = :org AND m.role = :role AND u.disabled_at IS NULL",
      soci::use(org, "org"), soci::use(role, "role"), soci::into(n);
  return n;
}

long long AuthRepository::InsertSession(const std::string& token_hash, const SessionRow& row) {
  long long uid = row.user.value;
  long long org = row.organization ? row.organization->value : 0;
  soci::indicator org_ind = row.organization ? soci::i_ok : soci::i_null;
  long long id = 0;
  *lease_ << "INSERT INTO sessions (token_hash, user_id, organization_id, csrf_token, ip, "
             "user_agent, created_at, last_seen_at, absolute_expires_at) VALUES (:hash, :user, "
             ":org, :csrf, :ip, :ua, :created, :seen, :absolute) RETURNING id",
      soci::use(token_hash, "hash"), soci::use(uid, "user"), soci::use(org, org_ind, "org"),
      soci::use(row.csrf_token, "csrf"), soci::use(row.ip, "ip"), soci::use(row.user_agent, "ua"),
      soci::use(row.created_at, "created"), soci::use(row.last_seen_at, "seen"),
      soci::use(row.absolute_expires_at, "absolute"), soci::into(id);
  return id;
}

std::optional<SessionRow> AuthRepository::FindSessionByTokenHash(const std::string& token_hash) {
  soci::rowset<soci::row> rows = (lease_->prepare << std::string("SELECT ") + kSessionColumns +
                                                         " FROM sessions WHERE token_hash = :hash",
                                  soci::use(token_hash, "hash"));
  for (const auto& row : rows) return ReadSession(row);
  return std::nullopt;
}

std::vector<SessionRow> AuthRepository::ActiveSessionsOf(UserId user, const std::string& now,
                                                         const std::string& idle_cutoff) {
  long long uid = user.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string("SELECT ") + kSessionColumns +
                              " FROM sessions WHERE user_id = :user AND revoked_at IS NULL "
                              "AND absolute_expires_at > :now AND last_seen_at > :cutoff "
                              "ORDER BY last_seen_at DESC, id DESC",
       soci::use(uid, "user"), soci::use(now, "now"), soci::use(idle_cutoff, "cutoff"));
  std::vector<SessionRow> out;
  for (const auto& row : rows) out.push_back(ReadSession(row));
  return out;
}

void AuthRepository::TouchSession(long long session, const std::string& now) {
  *lease_ << "UPDATE sessions SET last_seen_at = :now WHERE id = :id", soci::use(now, "now"),
      soci::use(session, "id");
}

void AuthRepository::SetSessionOrganization(long long session, OrganizationId organization) {
  long long org = organization.value;
  *lease_ << "UPDATE sessions SET organization_id = :org WHERE id = :id", soci::use(org, "org"),
      soci::use(session, "id");
}

bool AuthRepository::RevokeSession(UserId user, long long session, const std::string& now) {
  long long uid = user.value;
  soci::statement st =
      (lease_->prepare << "UPDATE sessions SET revoked_at = :now WHERE id = :id AND "
                          "user_id = :user AND revoked_at IS NULL",
       soci::use(now, "now"), soci::use(session, "id"), soci::use(uid, "user"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

long long AuthRepository::RevokeSessionsOf(UserId user, long long keep, const std::string& now) {
  long long uid = user.value;
  soci::statement st =
      (lease_->prepare << "UPDATE sessions SET revoked_at = :now WHERE user_id = :user AND "
                          "id <> :keep AND revoked_at IS NULL",
       soci::use(now, "now"), soci::use(uid, "user"), soci::use(keep, "keep"));
  st.execute(true);
  return st.get_affected_rows();
}

void AuthRepository::InsertAuthToken(const std::string& purpose, const std::string& token_hash,
                                     std::optional<UserId> user, const std::string& email,
                                     const std::string& requested_ip, const std::string& now,
                                     const std::string& expires_at) {
  long long uid = user ? user->value : 0;
  soci::indicator uid_ind = user ? soci::i_ok : soci::i_null;
  *lease_ << "INSERT INTO auth_tokens (purpose, token_hash, user_id, email, requested_ip, "
             "created_at, expires_at) VALUES (:purpose, :hash, :user, :email, :ip, :now, :exp)",
      soci::use(purpose, "purpose"), soci::use(token_hash, "hash"), soci::use(uid, uid_ind, "user"),
      soci::use(email, "email"), soci::use(requested_ip, "ip"), soci::use(now, "now"),
      soci::use(expires_at, "exp");
}

std::optional<UserId> AuthRepository::ConsumeAuthToken(const std::string& purpose,
                                                       const std::string& token_hash,
                                                       const std::string& now) {
  soci::rowset<soci::row> rows =
      (lease_->prepare << "UPDATE auth_tokens SET consumed_at = :now WHERE token_hash = :hash "
                          "AND purpose = :purpose AND consumed_at IS NULL AND expires_at > :now2 "
                          "AND user_id IS NOT NULL RETURNING user_id",
       soci::use(now, "now"), soci::use(token_hash, "hash"), soci::use(purpose, "purpose"),
       soci::use(now, "now2"));
  for (const auto& row : rows) return UserId{GetInt64(row, 0)};
  return std::nullopt;
}

void AuthRepository::MarkEmailVerified(UserId user, const std::string& now) {
  long long uid = user.value;
  *lease_ << "UPDATE users SET email_verified_at = :now WHERE id = :id AND email_verified_at IS "
             "NULL",
      soci::use(now, "now"), soci::use(uid, "id");
}

namespace {

constexpr const char* kInvitationSelect =
    "SELECT i.id, i.organization_id, o.name, i.email, i.role, i.invited_by_user_id, "
    "COALESCE(u.display_name, ''), CAST(i.created_at AS TEXT), CAST(i.expires_at AS TEXT) "
    "FROM invitations i JOIN organizations o ON o.id = i.organization_id "
    "LEFT JOIN users u ON u.id = i.invited_by_user_id ";

InvitationRow ReadInvitation(const soci::row& row) {
  InvitationRow i;
  i.id = GetInt64(row, 0);
  i.organization = OrganizationId{GetInt64(row, 1)};
  i.organization_name = row.get<std::string>(2);
  i.email = row.get<std::string>(3);
  i.role = row.get<std::string>(4);
  if (row.get_indicator(5) != soci::i_null) i.invited_by = UserId{GetInt64(row, 5)};
  i.invited_by_name = row.get<std::string>(6);
  i.created_at = RowTimestamp(row, 7);
  i.expires_at = RowTimestamp(row, 8);
  return i;
}

}  // namespace

long long AuthRepository::InsertInvitation(OrganizationId organization, const std::string& email,
                                           const std::string& role, const std::string& token_hash,
                                           UserId invited_by, const std::string& now,
                                           const std::string& expires_at) {
  long long org = organization.value;
  long long by = invited_by.value;
  *lease_ << "UPDATE invitations SET revoked_at = :now WHERE organization_id = :org AND "
             "email = :email AND accepted_at IS NULL AND revoked_at IS NULL",
      soci::use(now, "now"), soci::use(org, "org"), soci::use(email, "email");
  long long id = 0;
  *lease_ << "INSERT INTO invitations (organization_id, email, role, token_hash, "
             "invited_by_user_id, created_at, expires_at) VALUES (:org, :email, :role, :hash, "
             ":by, :now, :exp) RETURNING id",
      soci::use(org, "org"), soci::use(email, "email"), soci::use(role, "role"),
      soci::use(token_hash, "hash"), soci::use(by, "by"), soci::use(now, "now"),
      soci::use(expires_at, "exp"), soci::into(id);
  return id;
}

std::vector<InvitationRow> AuthRepository::OpenInvitations(OrganizationId organization,
                                                           const std::string& now) {
  long long org = organization.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string(kInvitationSelect) +
                              "WHERE i.organization_id = :org AND i.accepted_at IS NULL AND "
                              "i.revoked_at IS NULL AND i.expires_at > :now "
                              "ORDER BY i.created_at DESC, i.id DESC",
       soci::use(org, "org"), soci::use(now, "now"));
  std::vector<InvitationRow> out;
  for (const auto& row : rows) out.push_back(ReadInvitation(row));
  return out;
}

std::optional<InvitationRow> AuthRepository::FindOpenInvitation(const std::string& token_hash,
                                                                const std::string& now) {
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string(kInvitationSelect) +
                              "WHERE i.token_hash = :hash AND i.accepted_at IS NULL AND "
                              "i.revoked_at IS NULL AND i.expires_at > :now",
       soci::use(token_hash, "hash"), soci::use(now, "now"));
  for (const auto& row : rows) return ReadInvitation(row);
  return std::nullopt;
}

bool AuthRepository::RevokeInvitation(OrganizationId organization, long long id,
                                      const std::string& now) {
  long long org = organization.value;
  soci::statement st =
      (lease_->prepare << "UPDATE invitations SET revoked_at = :now WHERE id = :id AND "
                          "organization_id = :org AND accepted_at IS NULL AND revoked_at IS NULL",
       soci::use(now, "now"), soci::use(id, "id"), soci::use(org, "org"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

bool AuthRepository::MarkInvitationAccepted(long long id, UserId user, const std::string& now) {
  long long uid = user.value;
  soci::statement st =
      (lease_->prepare << "UPDATE invitations SET accepted_at = :now, accepted_user_id = :user "
                          "WHERE id = :id AND accepted_at IS NULL AND revoked_at IS NULL",
       soci::use(now, "now"), soci::use(uid, "user"), soci::use(id, "id"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::optional<UserId> AuthRepository::FindUserByExternalIdentity(const std::string& provider,
                                                                 const std::string& subject) {
  soci::rowset<soci::row> rows =
      (lease_->prepare << "SELECT user_id FROM oauth_identities WHERE provider = :p AND "
                          "subject = :s",
       soci::use(provider, "p"), soci::use(subject, "s"));
  for (const auto& row : rows) return UserId{GetInt64(row, 0)};
  return std::nullopt;
}

void AuthRepository::LinkExternalIdentity(UserId user, const std::string& provider,
                                          const std::string& subject, const std::string& email,
                                          const std::string& now) {
  long long uid = user.value;
  *lease_ << "INSERT INTO oauth_identities (user_id, provider, subject, email, created_at, "
             "last_used_at) VALUES (:user, :p, :s, :email, :now, :now2)",
      soci::use(uid, "user"), soci::use(provider, "p"), soci::use(subject, "s"),
      soci::use(email, "email"), soci::use(now, "now"), soci::use(now, "now2");
}

void AuthRepository::TouchExternalIdentity(const std::string& provider, const std::string& subject,
                                           const std::string& now) {
  *lease_ << "UPDATE oauth_identities SET last_used_at = :now WHERE provider = :p AND "
             "subject = :s",
      soci::use(now, "now"), soci::use(provider, "p"), soci::use(subject, "s");
}

void AuthRepository::Audit(const AuditEntry& entry, const std::string& now) {
  long long org = entry.organization ? entry.organization->value : 0;
  soci::indicator org_ind = entry.organization ? soci::i_ok : soci::i_null;
  long long actor = entry.actor ? entry.actor->value : 0;
  soci::indicator actor_ind = entry.actor ? soci::i_ok : soci::i_null;
  *lease_ << "INSERT INTO audit_log (organization_id, actor_user_id, actor_label, action, "
             "entity_type, entity_id, details, ip, user_agent, request_id, created_at) VALUES "
             "(:org, :actor, :label, :action, :etype, :eid, :details, :ip, :ua, :rid, :now)",
      soci::use(org, org_ind, "org"), soci::use(actor, actor_ind, "actor"),
      soci::use(entry.actor_label, "label"), soci::use(entry.request_id, "rid"),
      soci::use(entry.action, "action"), soci::use(entry.entity_type, "etype"),
      soci::use(entry.entity_id, "eid"), soci::use(entry.details_json, "details"),
      soci::use(entry.ip, "ip"), soci::use(entry.user_agent, "ua"), soci::use(now, "now");
  RecordBusinessEvents(lease_, entry, now);
  RecordNotifications(lease_, entry, now);
}

std::vector<AuditRow> AuthRepository::ListAudit(OrganizationId organization,
                                                const AuditFilter& filter) {
  long long org = organization.value;
  long long actor = filter.actor ? filter.actor->value : 0;
  long long before = filter.before_id;
  long long limit = filter.limit;
  std::string prefix = filter.action_prefix + "%";
  // Absent bounds become the widest timestamps so one statement serves every filter.
  std::string from = filter.from.empty() ? "0001-01-01T00:00:00.000Z" : filter.from;
  std::string to = filter.to.empty() ? "9999-12-31T23:59:59.999Z" : filter.to;
  soci::rowset<soci::row> rows =
      (lease_->prepare
           << "SELECT a.id, a.actor_user_id, a.actor_label, a.action, a.entity_type, "
              "a.entity_id, CAST(a.details AS TEXT), a.ip, a.user_agent, "
              "CAST(a.created_at AS TEXT) FROM audit_log a "
              "WHERE a.organization_id = :org AND a.action LIKE :prefix "
              "AND (:actor = 0 OR a.actor_user_id = :actor2) "
              "AND (:before = 0 OR a.id < :before2) "
              "AND (:etype = '' OR (a.entity_type = :etype2 AND a.entity_id = :eid)) "
              "AND a.created_at >= :from AND a.created_at < :to ORDER BY a.id DESC LIMIT :lim",
       soci::use(org, "org"), soci::use(prefix, "prefix"), soci::use(actor, "actor"),
       soci::use(actor, "actor2"), soci::use(before, "before"), soci::use(before, "before2"),
       soci::use(filter.entity_type, "etype"), soci::use(filter.entity_type, "etype2"),
       soci::use(filter.entity_id, "eid"), soci::use(from, "from"), soci::use(to, "to"),
       soci::use(limit, "lim"));
  std::vector<AuditRow> out;
  for (const auto& row : rows) {
    AuditRow a;
    a.id = GetInt64(row, 0);
    if (row.get_indicator(1) != soci::i_null) a.actor = UserId{GetInt64(row, 1)};
    a.actor_name = RowText(row, 2);
    a.action = row.get<std::string>(3);
    a.entity_type = row.get<std::string>(4);
    a.entity_id = row.get<std::string>(5);
    a.details_json = row.get<std::string>(6);
    a.ip = row.get<std::string>(7);
    a.user_agent = row.get<std::string>(8);
    a.created_at = RowTimestamp(row, 9);
    out.push_back(std::move(a));
  }
  return out;
}

void AuthRepository::RecordRateEvent(const std::string& bucket, const std::string& now) {
  *lease_ << "INSERT INTO rate_limit_events (bucket, occurred_at) VALUES (:bucket, :now)",
      soci::use(bucket, "bucket"), soci::use(now, "now");
}

std::vector<std::string> AuthRepository::RateEventsSince(const std::string& bucket,
                                                         const std::string& since) {
  soci::rowset<soci::row> rows =
      (lease_->prepare << "SELECT CAST(occurred_at AS TEXT) FROM rate_limit_events "
                          "WHERE bucket = :bucket AND occurred_at > :since",
       soci::use(bucket, "bucket"), soci::use(since, "since"));
  std::vector<std::string> out;
  for (const auto& row : rows) out.push_back(RowTimestamp(row, 0));
  return out;
}

void AuthRepository::ClearRateEvents(const std::string& bucket) {
  *lease_ << "DELETE FROM rate_limit_events WHERE bucket = :bucket", soci::use(bucket, "bucket");
}

long long AuthRepository::PurgeRateEvents(const std::string& before) {
  soci::statement st = (lease_->prepare << "DELETE FROM rate_limit_events WHERE occurred_at < "
                                           ":before",
                        soci::use(before, "before"));
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace planify::store
