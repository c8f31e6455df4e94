#include "app/auth/api_tokens.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "domain/validation.hpp"
#include "integrations/crypto/sodium.hpp"

namespace planify::app {

namespace {

constexpr std::string_view kPrefix = "plf_";
constexpr std::size_t kSecretBytes = 32;

bool WellFormed(const std::string& token) {
  if (token.size() != kPrefix.size() + kSecretBytes * 2 || token.rfind(kPrefix, 0) != 0) {
    return false;
  }
  return std::all_of(token.begin() + static_cast<long>(kPrefix.size()), token.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

Unexpected BadToken() {
  return Fail(ErrorCode::kUnauthenticated, "Jeton d'API invalide, expiré ou révoqué.");
}

std::vector<domain::Permission> ParseScopes(const std::string& text) {
  std::vector<domain::Permission> out;
  std::istringstream in(text);
  std::string name;
  while (in >> name) {
    if (auto p = domain::ParsePermission(name)) out.push_back(*p);
  }
  return out;
}

}  // namespace

Result<NewApiToken> ApiTokensService::Create(const Principal& actor, const std::string& name,
                                             const std::vector<std::string>& scopes,
                                             std::optional<int> expires_in_days,
                                             const RequestMeta& meta) {
  domain::FieldErrors errors;
  domain::RequireText(errors, "name", name, 100);
  std::string scope_text;
  if (scopes.empty()) errors.Add("scopes", "Choisissez au moins une permission.");
  for (const auto& scope : scopes) {
    auto permission = domain::ParsePermission(scope);
    if (!permission) {
      errors.Add("scopes", "Permission inconnue : " + scope + ".");
    } else if (!actor.Can(*permission)) {
      errors.Add("scopes", "Votre rôle ne détient pas la permission " + scope + ".");
    } else if (scope_text.find(scope) == std::string::npos) {
      scope_text += (scope_text.empty() ? "" : " ") + scope;
    }
  }
  if (expires_in_days && (*expires_in_days < 1 || *expires_in_days > 3650)) {
    errors.Add("expires_in_days", "Entre 1 et 3650 jours.");
  }
  if (!errors.empty()) return Fail(errors.ToError());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<NewApiToken> {
    const domain::Timestamp now = clock_.Now();
    const std::string stamp = domain::FormatIsoUtc(now);
    std::string expires;
    if (expires_in_days) {
      expires = domain::FormatIsoUtc(now + std::chrono::hours(24LL * *expires_in_days));
    }
    std::string token = std::string(kPrefix) + integrations::RandomHex(kSecretBytes);
    std::string prefix = token.substr(0, kPrefix.size() + 8);
    store::WriteTransaction tx(lease);
    store::ApiTokensRepository tokens(lease);
    long long id = tokens.Insert(*actor.organization, actor.user, domain::Trim(name), prefix,
                                 HashToken(token), scope_text, stamp, expires);
    store::AuthRepository repo(lease);
    Audit(repo, actor, meta, "api_tokens.created", "api_token", std::to_string(id),
          nlohmann::json{{"name", domain::Trim(name)}, {"scopes", scope_text}}.dump(), stamp);
    tx.Commit();
    store::ApiTokenRow row;
    row.id = id;
    row.organization = *actor.organization;
    row.user = actor.user;
    row.user_name = actor.display_name;
    row.name = domain::Trim(name);
    row.token_prefix = prefix;
    row.scopes = scope_text;
    row.created_at = stamp;
    row.expires_at = expires;
    return NewApiToken{std::move(row), std::move(token)};
  });
}

Result<std::vector<store::ApiTokenRow>> ApiTokensService::List(const Principal& actor) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<store::ApiTokenRow>> {
    return store::ApiTokensRepository(lease).ListLive(*actor.organization,
                                                      domain::FormatIsoUtc(clock_.Now()));
  });
}

Result<void> ApiTokensService::Revoke(const Principal& actor, long long id,
                                      const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    if (!store::ApiTokensRepository(lease).Revoke(*actor.organization, id, now)) {
      return Fail(ErrorCode::kNotFound, "Jeton introuvable.");
    }
    store::AuthRepository repo(lease);
    Audit(repo, actor, meta, "api_tokens.revoked", "api_token", std::to_string(id), "{}", now);
    tx.Commit();
    return {};
  });
}

Result<Principal> ApiTokensService::Authenticate(const std::string& token) {
  if (!WellFormed(token)) return BadToken();
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<Principal> {
    const domain::Timestamp now = clock_.Now();
    const std::string stamp = domain::FormatIsoUtc(now);
    store::ApiTokensRepository tokens(lease);
    auto row = tokens.FindLiveByHash(HashToken(token), stamp);
    if (!row) return BadToken();
    store::AuthRepository repo(lease);
    auto user = repo.FindUserById(row->user);
    auto member = repo.FindMember(row->organization, row->user);
    if (!user || user->disabled || !member) return BadToken();
    // Last use is informative: written at most once a minute.
    auto last = domain::ParseIsoUtc(row->last_used_at);
    if (!last || now - *last >= std::chrono::minutes(1)) {
      store::WriteTransaction tx(lease);
      tokens.Touch(row->id, stamp);
      tx.Commit();
    }
    Principal p;
    p.user = user->id;
    p.email = user->email;
    p.display_name = user->display_name;
    p.locale = user->locale;
    p.organization = row->organization;
    p.role = domain::ParseRole(member->role);
    p.api_token_id = row->id;
    p.scopes = ParseScopes(row->scopes);
    return p;
  });
}

}  // namespace planify::app
