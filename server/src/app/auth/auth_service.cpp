#include "app/auth/auth_service.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "app/auth/rate_limits.hpp"
#include "domain/setup.hpp"
#include "domain/validation.hpp"
#include "integrations/crypto/sodium.hpp"
#include "store/migrations.hpp"

namespace planify::app {

namespace {

using domain::FormatIsoUtc;
using domain::ParseIsoUtc;
using domain::Timestamp;

constexpr std::size_t kTokenBytes = 32;

Unexpected WrongCredentials() {
  return Fail(ErrorCode::kUnauthenticated, "Adresse e-mail ou mot de passe incorrect.");
}

Unexpected SessionEnded() {
  return Fail(ErrorCode::kUnauthenticated, "Session expirée : reconnectez-vous.");
}

Timestamp ParseOr(const std::string& text, Timestamp fallback) {
  auto t = ParseIsoUtc(text);
  return t ? *t : fallback;
}

// A constant Argon2id hash verified when the login is unknown, so response time does not tell
// whether an account exists.
const std::string& DummyHash(const PasswordHasher& hasher) {
  static const std::string kHash = hasher.Hash("planify-dummy-password-for-timing");
  return kHash;
}

std::optional<OrganizationId> FirstOrganization(store::AuthRepository& repo, UserId user) {
  auto memberships = repo.MembershipsOf(user);
  if (memberships.empty()) return std::nullopt;
  return memberships.front().organization;
}

Principal ToPrincipal(const store::UserAuthRow& user, const store::SessionRow& session,
                      store::AuthRepository& repo) {
  Principal p;
  p.user = user.id;
  p.email = user.email;
  p.display_name = user.display_name;
  p.locale = user.locale;
  p.session_id = session.id;
  p.csrf_token = session.csrf_token;
  if (session.organization) {
    if (auto member = repo.FindMember(*session.organization, user.id)) {
      p.organization = session.organization;
      p.role = domain::ParseRole(member->role);
    }
  }
  return p;
}

}  // namespace

bool Principal::Can(domain::Permission permission) const {
  if (!organization || !role || !domain::Allows(*role, permission)) return false;
  if (api_token_id == 0) return true;
  return std::find(scopes.begin(), scopes.end(), permission) != scopes.end();
}

std::string HashToken(const std::string& token) { return store::Sha256Hex(token); }

bool IsPublicToken(std::string_view token) {
  if (token.size() < 32 || token.size() > 128) return false;
  return std::all_of(token.begin(), token.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

void Audit(store::AuthRepository& repo, const Principal& actor, const RequestMeta& meta,
           const std::string& action, const std::string& entity_type, const std::string& entity_id,
           const std::string& details_json, const std::string& now) {
  store::AuditEntry entry;
  entry.organization = actor.organization;
  entry.actor = actor.user;
  entry.actor_label = actor.display_name;
  entry.request_id = meta.request_id;
  entry.action = action;
  entry.entity_type = entity_type;
  entry.entity_id = entity_id;
  entry.details_json = details_json;
  entry.ip = meta.ip;
  entry.user_agent = meta.user_agent.substr(0, 400);
  repo.Audit(entry, now);
}

Result<IssuedSession> AuthService::SignInWithPassword(const std::string& login,
                                                      const std::string& password,
                                                      const RequestMeta& meta) {
  std::string normalized = domain::ToLowerAscii(domain::Trim(login));
  domain::FieldErrors errors;
  if (normalized.empty()) errors.Add("email", "Ce champ est obligatoire.");
  if (password.empty()) errors.Add("password", "Ce champ est obligatoire.");
  if (normalized.size() > 254 || password.size() > domain::kMaxPasswordBytes) {
    return WrongCredentials();
  }
  if (!errors.empty()) return Fail(errors.ToError());

  return store::WithLease(db_, [&](store::Lease& lease) -> Result<IssuedSession> {
    store::AuthRepository repo(lease);
    const Timestamp now = clock_.Now();
    if (auto limited = EnforceRate(repo, domain::kSignInFailuresPerIp, meta.ip, now); !limited) {
      return Fail(std::move(limited).error());
    }
    auto user = repo.FindUserByLogin(normalized);
    std::string account_key = user ? std::to_string(user->id.value) : normalized;
    if (auto limited = EnforceRate(repo, domain::kSignInFailuresPerAccount, account_key, now, true);
        !limited) {
      return Fail(std::move(limited).error());
    }

    bool verified = false;
    if (user && !user->password_hash.empty()) {
      verified = hasher_.Verify(password, user->password_hash);
    } else {
      (void)hasher_.Verify(password, DummyHash(hasher_));
    }
    const std::string stamp = FormatIsoUtc(now);

    if (!verified || user->disabled) {
      store::WriteTransaction tx(lease);
      if (!verified) {
        repo.RecordRateEvent(std::string(domain::kSignInFailuresPerIp.name) + ":" + meta.ip, stamp);
        repo.RecordRateEvent(
            std::string(domain::kSignInFailuresPerAccount.name) + ":" + account_key, stamp);
      }
      if (user) {
        Principal actor;
        actor.user = user->id;
        actor.display_name = user->display_name;
        actor.organization = FirstOrganization(repo, user->id);
        nlohmann::json details = {{"method", "password"},
                                  {"reason", verified ? "disabled" : "wrong_password"}};
        Audit(repo, actor, meta, "auth.sign_in_failed", "user", std::to_string(user->id.value),
              details.dump(), stamp);
      }
      tx.Commit();
      if (verified) return Fail(ErrorCode::kUnauthenticated, "Ce compte est désactivé.");
      return WrongCredentials();
    }

    // A legacy or weaker hash is replaced now that the password is known to be right.
    bool rehash = hasher_.NeedsRehash(user->password_hash);
    std::string new_hash = rehash ? hasher_.Hash(password) : std::string();

    store::WriteTransaction tx(lease);
    if (rehash) repo.UpdatePasswordHash(user->id, new_hash, stamp, false);
    repo.ClearRateEvents(std::string(domain::kSignInFailuresPerAccount.name) + ":" + account_key);
    auto session = OpenSessionIn(lease, user->id, std::nullopt, meta, "password",
                                 rehash ? R"({"legacy_hash_upgraded":true})" : "{}");
    if (!session) return session;
    tx.Commit();
    return session;
  });
}

Result<IssuedSession> AuthService::OpenSession(UserId user_id,
                                               std::optional<OrganizationId> organization,
                                               const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<IssuedSession> {
    store::WriteTransaction tx(lease);
    auto session = OpenSessionIn(lease, user_id, organization, meta, "setup");
    if (session) tx.Commit();
    return session;
  });
}

Result<IssuedSession> AuthService::OpenSessionIn(store::Lease& lease, UserId user_id,
                                                 std::optional<OrganizationId> organization,
                                                 const RequestMeta& meta, const std::string& method,
                                                 const std::string& extra_details) {
  store::AuthRepository repo(lease);
  const Timestamp now = clock_.Now();
  const std::string stamp = FormatIsoUtc(now);
  auto user = repo.FindUserById(user_id);
  if (!user || user->disabled) return SessionEnded();
  std::optional<OrganizationId> org;
  if (organization && repo.FindMember(*organization, user_id)) {
    org = organization;
  } else {
    org = FirstOrganization(repo, user_id);
  }
  std::string token = integrations::RandomHex(kTokenBytes);
  store::SessionRow row;
  row.user = user_id;
  row.organization = org;
  row.csrf_token = integrations::RandomHex(kTokenBytes);
  row.ip = meta.ip;
  row.user_agent = meta.user_agent.substr(0, 400);
  row.created_at = stamp;
  row.last_seen_at = stamp;
  row.absolute_expires_at = FormatIsoUtc(now + policy_.absolute);
  row.id = repo.InsertSession(HashToken(token), row);
  repo.RecordSignIn(user_id, stamp);
  Principal principal = ToPrincipal(*user, row, repo);
  nlohmann::json details = nlohmann::json::parse(extra_details, nullptr, false);
  if (!details.is_object()) details = nlohmann::json::object();
  details["method"] = method;
  Audit(repo, principal, meta, "auth.sign_in", "user", std::to_string(user_id.value),
        details.dump(), stamp);
  return IssuedSession{token, row.csrf_token,
                       domain::SessionExpiry(policy_, {now, now, now + policy_.absolute}, now),
                       std::move(principal)};
}

Result<IssuedSession> AuthService::SignInWithExternal(const std::string& provider,
                                                      const ExternalIdentity& identity,
                                                      const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<IssuedSession> {
    store::AuthRepository repo(lease);
    const std::string now = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    auto user = repo.FindUserByExternalIdentity(provider, identity.subject);
    bool linked = false;
    if (user) {
      repo.TouchExternalIdentity(provider, identity.subject, now);
    } else {
      // Linking by e-mail only when the provider verified the address: otherwise anyone could
      // claim an account by typing its address into a provider account.
      if (!identity.email_verified) {
        return Fail(ErrorCode::kUnauthenticated, "Adresse e-mail non vérifiée par le fournisseur.");
      }
      auto by_email = repo.FindUserByLogin(identity.email);
      if (!by_email || by_email->email != identity.email) {
        return Fail(ErrorCode::kNotFound,
                    "Aucun compte Planify pour cette adresse : demandez une invitation.");
      }
      user = by_email->id;
      repo.LinkExternalIdentity(*user, provider, identity.subject, identity.email, now);
      repo.MarkEmailVerified(*user, now);
      linked = true;
    }
    auto session = OpenSessionIn(lease, *user, std::nullopt, meta, provider,
                                 linked ? R"({"identity_linked":true})" : "{}");
    if (!session) return session;
    tx.Commit();
    return session;
  });
}

Result<Principal> AuthService::AuthenticateSession(const std::string& token) {
  bool well_formed =
      token.size() == kTokenBytes * 2 && std::all_of(token.begin(), token.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      });
  if (!well_formed) return SessionEnded();
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<Principal> {
    store::AuthRepository repo(lease);
    const Timestamp now = clock_.Now();
    auto session = repo.FindSessionByTokenHash(HashToken(token));
    if (!session || !session->revoked_at.empty()) return SessionEnded();
    domain::SessionTimes times{ParseOr(session->created_at, now),
                               ParseOr(session->last_seen_at, Timestamp{}),
                               ParseOr(session->absolute_expires_at, Timestamp{})};
    if (!domain::SessionAlive(policy_, times, now)) return SessionEnded();
    auto user = repo.FindUserById(session->user);
    if (!user || user->disabled) return SessionEnded();

    bool touch = now - times.last_seen_at >= policy_.touch_every;
    bool pick_org =
        !session->organization || !repo.FindMember(*session->organization, session->user);
    if (touch || pick_org) {
      store::WriteTransaction tx(lease);
      if (touch) repo.TouchSession(session->id, FormatIsoUtc(now));
      if (pick_org) {
        if (auto first = FirstOrganization(repo, session->user)) {
          repo.SetSessionOrganization(session->id, *first);
          session->organization = first;
        }
      }
      tx.Commit();
    }
    return ToPrincipal(*user, *session, repo);
  });
}

Result<void> AuthService::SignOut(const Principal& principal) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::AuthRepository repo(lease);
    store::WriteTransaction tx(lease);
    (void)repo.RevokeSession(principal.user, principal.session_id, FormatIsoUtc(clock_.Now()));
    tx.Commit();
    return {};
  });
}

Result<long long> AuthService::SignOutOthers(const Principal& principal, const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<long long> {
    store::AuthRepository repo(lease);
    const std::string now = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    long long n = repo.RevokeSessionsOf(principal.user, principal.session_id, now);
    Audit(repo, principal, meta, "auth.sessions_revoked", "user",
          std::to_string(principal.user.value), nlohmann::json{{"count", n}}.dump(), now);
    tx.Commit();
    return n;
  });
}

Result<std::vector<SessionInfo>> AuthService::ListSessions(const Principal& principal) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<SessionInfo>> {
    store::AuthRepository repo(lease);
    const Timestamp now = clock_.Now();
    auto rows =
        repo.ActiveSessionsOf(principal.user, FormatIsoUtc(now), FormatIsoUtc(now - policy_.idle));
    std::vector<SessionInfo> out;
    out.reserve(rows.size());
    for (auto& row : rows) {
      out.push_back({row.id, std::move(row.ip), std::move(row.user_agent),
                     std::move(row.created_at), std::move(row.last_seen_at),
                     row.id == principal.session_id});
    }
    return out;
  });
}

Result<void> AuthService::RevokeSession(const Principal& principal, long long session,
                                        const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::AuthRepository repo(lease);
    const std::string now = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    if (!repo.RevokeSession(principal.user, session, now)) {
      return Fail(ErrorCode::kNotFound, "Session introuvable.");
    }
    Audit(repo, principal, meta, "auth.session_revoked", "session", std::to_string(session), "{}",
          now);
    tx.Commit();
    return {};
  });
}

Result<void> AuthService::ChangePassword(const Principal& principal,
                                         const std::string& current_password,
                                         const std::string& new_password, const RequestMeta& meta) {
  if (auto problem = domain::PasswordProblem(new_password, principal.email)) {
    return Fail(ErrorCode::kValidation, "Le nouveau mot de passe ne convient pas.",
                {{"new_password", *problem}});
  }
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::AuthRepository repo(lease);
    auto user = repo.FindUserById(principal.user);
    if (!user) return SessionEnded();
    if (!user->password_hash.empty() && !hasher_.Verify(current_password, user->password_hash)) {
      return Fail(ErrorCode::kValidation, "Le mot de passe actuel est incorrect.",
                  {{"current_password", "Mot de passe incorrect."}});
    }
    std::string hash = hasher_.Hash(new_password);
    const std::string now = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    repo.UpdatePasswordHash(principal.user, hash, now, true);
    long long revoked = repo.RevokeSessionsOf(principal.user, principal.session_id, now);
    Audit(repo, principal, meta, "auth.password_changed", "user",
          std::to_string(principal.user.value),
          nlohmann::json{{"other_sessions_revoked", revoked}}.dump(), now);
    tx.Commit();
    return {};
  });
}

Result<void> AuthService::UpdateProfile(const Principal& principal, const std::string& display_name,
                                        const std::string& locale) {
  domain::FieldErrors errors;
  domain::RequireText(errors, "display_name", display_name, 120);
  if (locale != "fr" && locale != "en") errors.Add("locale", "Langue inconnue (fr ou en).");
  if (!errors.empty()) return Fail(errors.ToError());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::AuthRepository repo(lease);
    store::WriteTransaction tx(lease);
    repo.UpdateProfile(principal.user, domain::Trim(display_name), locale,
                       FormatIsoUtc(clock_.Now()));
    tx.Commit();
    return {};
  });
}

Result<std::vector<store::MembershipView>> AuthService::Memberships(const Principal& principal) {
  return store::WithLease(db_,
                          [&](store::Lease& lease) -> Result<std::vector<store::MembershipView>> {
                            return store::AuthRepository(lease).MembershipsOf(principal.user);
                          });
}

Result<void> AuthService::SwitchOrganization(const Principal& principal,
                                             OrganizationId organization) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::AuthRepository repo(lease);
    store::WriteTransaction tx(lease);
    if (!repo.FindMember(organization, principal.user)) {
      return Fail(ErrorCode::kNotFound, "Organisation introuvable.");
    }
    repo.SetSessionOrganization(principal.session_id, organization);
    tx.Commit();
    return {};
  });
}

}  // namespace planify::app
