#include "app/accounts/create_user.hpp"

#include <nlohmann/json.hpp>

#include "app/auth/auth_service.hpp"
#include "domain/auth.hpp"
#include "domain/permissions.hpp"
#include "domain/validation.hpp"
#include "integrations/crypto/sodium.hpp"
#include "store/accounts_repository.hpp"
#include "store/auth_repository.hpp"

namespace planify::app {

Result<CreateUserOutcome> CreateUserFromCli(store::Database& db, const Clock& clock,
                                            const PasswordHasher& hasher,
                                            const CreateUserRequest& request,
                                            const std::string& public_url) {
  domain::FieldErrors errors;
  std::string email = domain::ToLowerAscii(domain::Trim(request.email));
  if (!domain::IsPlausibleEmail(email)) errors.Add("--email", "Adresse e-mail invalide.");
  domain::RequireText(errors, "--name", request.display_name, 120);
  auto role = domain::ParseRole(request.role);
  if (!role) errors.Add("--role", "Rôle inconnu (owner, admin, manager, dj, technician).");
  if (request.password) {
    if (auto problem = domain::PasswordProblem(*request.password, email)) {
      errors.Add("password", *problem);
    }
  }
  if (!errors.empty()) return Fail(errors.ToError("Impossible de créer l'utilisateur."));
  const std::string hash = request.password ? hasher.Hash(*request.password) : std::string();

  return store::WithLease(db, [&](store::Lease& lease) -> Result<CreateUserOutcome> {
    store::AccountsRepository accounts(lease);
    store::AuthRepository auth(lease);
    const domain::Timestamp now = clock.Now();
    const std::string stamp = domain::FormatIsoUtc(now);
    store::WriteTransaction tx(lease);
    accounts.LockUsers();
    CreateUserOutcome outcome;

    // Which organisation.
    long long organizations = 0;
    *lease << "SELECT count(*) FROM organizations", soci::into(organizations);
    std::string wanted = domain::Trim(request.organization);
    std::string role_name(domain::RoleName(*role));
    if (organizations == 0) {
      if (wanted.empty()) {
        return Fail(ErrorCode::kValidation, "Aucune organisation : indiquez --organization.",
                    {{"--organization", "Nom de la première organisation."}});
      }
      auto created = accounts.InsertOrganization(wanted, domain::Slugify(wanted), stamp);
      if (!created) return Fail(std::move(created).error());
      outcome.organization = created->id;
      outcome.organization_name = created->name;
      outcome.created_organization = true;
      role_name = "owner";  // the first member of a new organisation owns it
    } else {
      std::string slug = domain::Slugify(wanted);
      soci::rowset<soci::row> rows =
          (lease->prepare << "SELECT id, name, slug FROM organizations ORDER BY id");
      std::vector<std::pair<OrganizationId, std::string>> matches;
      std::string known;
      for (const auto& row : rows) {
        std::string name = row.get<std::string>(1);
        std::string row_slug = row.get<std::string>(2);
        known += (known.empty() ? "" : ", ") + row_slug;
        if (wanted.empty() || name == wanted || row_slug == wanted || row_slug == slug) {
          matches.emplace_back(OrganizationId{store::GetInt64(row, 0)}, name);
        }
      }
      if (matches.size() != 1) {
        return Fail(ErrorCode::kValidation,
                    wanted.empty() ? "Plusieurs organisations : indiquez --organization."
                                   : "Organisation introuvable.",
                    {{"--organization", "Organisations : " + known + "."}});
      }
      outcome.organization = matches.front().first;
      outcome.organization_name = matches.front().second;
    }

    // Which user.
    auto existing = auth.FindUserByLogin(email);
    if (existing && existing->email == email) {
      if (auth.FindMember(outcome.organization, existing->id)) {
        return Fail(ErrorCode::kConflict,
                    email + " fait déjà partie de " + outcome.organization_name + ".");
      }
      outcome.user = existing->id;
      if (request.password) auth.UpdatePasswordHash(existing->id, hash, stamp, true);
    } else {
      auto user = accounts.InsertUser(email, domain::Trim(request.display_name), hash, stamp);
      if (!user) return Fail(std::move(user).error());
      outcome.user = user->id;
      outcome.created_user = true;
    }
    accounts.InsertMembership(outcome.organization, outcome.user, role_name, stamp);

    if (!request.password && (outcome.created_user || existing->password_hash.empty())) {
      std::string token = integrations::RandomHex(32);
      auth.InsertAuthToken("password_reset", HashToken(token), outcome.user, email, "cli", stamp,
                           domain::FormatIsoUtc(now + std::chrono::hours(1)));
      outcome.set_password_link = public_url + "/mot-de-passe/nouveau?jeton=" + token;
    }
    store::AuditEntry entry;
    entry.organization = outcome.organization;
    entry.actor_label = "planify user create";
    entry.action = "members.created_from_cli";
    entry.entity_type = "user";
    entry.entity_id = std::to_string(outcome.user.value);
    entry.details_json = nlohmann::json{{"email", email}, {"role", role_name}}.dump();
    entry.ip = "cli";
    auth.Audit(entry, stamp);
    tx.Commit();
    return outcome;
  });
}

}  // namespace planify::app
