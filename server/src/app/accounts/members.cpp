#include "app/accounts/members.hpp"

#include <nlohmann/json.hpp>

namespace planify::app {

namespace {

Unexpected NoSuchMember() { return Fail(ErrorCode::kNotFound, "Membre introuvable."); }

}  // namespace

Result<std::vector<store::MemberRow>> MembersService::List(const Principal& actor) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<store::MemberRow>> {
    return store::AuthRepository(lease).MembersOf(*actor.organization);
  });
}

Result<store::MemberRow> MembersService::ChangeRole(const Principal& actor, UserId member,
                                                    const std::string& role,
                                                    const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::MemberRow> {
    store::AuthRepository repo(lease);
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    // The member is looked up first: another organisation's ids answer 404 whatever the body.
    auto current = repo.FindMember(*actor.organization, member);
    if (!current) return NoSuchMember();
    auto target_role = domain::ParseRole(role);
    if (!target_role) {
      return Fail(ErrorCode::kValidation, "Rôle inconnu.",
                  {{"role", "Choisissez admin, manager, dj ou technician."}});
    }
    if (!domain::CanAssignRole(*actor.role, *target_role)) {
      return Fail(ErrorCode::kForbidden, "Vous ne pouvez pas attribuer ce rôle.");
    }
    if (current->role == role) return *current;
    if (current->role == "owner") {
      if (*actor.role != domain::Role::kOwner) {
        return Fail(ErrorCode::kForbidden, "Seul un propriétaire peut modifier un propriétaire.");
      }
      if (repo.CountRole(*actor.organization, "owner") <= 1) {
        return Fail(ErrorCode::kConflict,
                    "L'organisation doit garder au moins un propriétaire actif.");
      }
    }
    repo.UpdateRole(*actor.organization, member, role, now);
    Audit(repo, actor, meta, "members.role_changed", "user", std::to_string(member.value),
          nlohmann::json{{"from", current->role}, {"to", role}}.dump(), now);
    tx.Commit();
    current->role = role;
    return *current;
  });
}

Result<void> MembersService::Remove(const Principal& actor, UserId member,
                                    const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::AuthRepository repo(lease);
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    auto current = repo.FindMember(*actor.organization, member);
    if (!current) return NoSuchMember();
    if (current->role == "owner") {
      if (*actor.role != domain::Role::kOwner) {
        return Fail(ErrorCode::kForbidden, "Seul un propriétaire peut retirer un propriétaire.");
      }
      if (repo.CountRole(*actor.organization, "owner") <= 1) {
        return Fail(ErrorCode::kConflict,
                    "L'organisation doit garder au moins un propriétaire actif.");
      }
    }
    repo.RemoveMembership(*actor.organization, member);
    Audit(repo, actor, meta, "members.removed", "user", std::to_string(member.value),
          nlohmann::json{{"role", current->role}, {"email", current->email}}.dump(), now);
    tx.Commit();
    return {};
  });
}

Result<std::vector<store::AuditRow>> MembersService::ListAudit(const Principal& actor,
                                                               const store::AuditFilter& filter) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<store::AuditRow>> {
    return store::AuthRepository(lease).ListAudit(*actor.organization, filter);
  });
}

}  // namespace planify::app
