#include "domain/permissions.hpp"

#include <array>

namespace planify::domain {

namespace {

constexpr std::array kRoles = {Role::kOwner, Role::kAdmin, Role::kManager, Role::kDj,
                               Role::kTechnician};

constexpr std::array kPermissions = {
    PermissionInfo{Permission::kOrganizationRead, "organization.read",
                   "Voir l'organisation (nom, logo, terminologie)"},
    PermissionInfo{Permission::kOrganizationManage, "organization.manage",
                   "Modifier l'identité légale, les coordonnées bancaires et les réglages"},
    PermissionInfo{Permission::kMembersRead, "members.read", "Voir l'équipe"},
    PermissionInfo{Permission::kMembersManage, "members.manage",
                   "Inviter, changer les rôles, désactiver des comptes"},
    PermissionInfo{Permission::kAuditRead, "audit.read", "Consulter le journal d'audit"},
    PermissionInfo{Permission::kApiTokensManage, "api_tokens.manage",
                   "Créer et révoquer des jetons d'API"},
    PermissionInfo{Permission::kEmailOutboxRead, "emails.read",
                   "Consulter les e-mails envoyés et la boîte d'envoi locale"},
    PermissionInfo{Permission::kJobsManage, "jobs.manage", "Voir et relancer les tâches en échec"},
    PermissionInfo{Permission::kClientsRead, "clients.read", "Voir les clients"},
    PermissionInfo{Permission::kClientsManage, "clients.manage", "Créer et modifier les clients"},
    PermissionInfo{Permission::kMissionsReadAll, "missions.read_all", "Voir toutes les missions"},
    PermissionInfo{Permission::kMissionsReadOwn, "missions.read_own",
                   "Voir les missions où l'on est affecté"},
    PermissionInfo{Permission::kMissionsManage, "missions.manage",
                   "Créer, planifier et affecter les missions"},
    PermissionInfo{Permission::kQuotesManage, "quotes.manage", "Gérer les devis"},
    PermissionInfo{Permission::kBookingsManage, "bookings.manage",
                   "Traiter les demandes de réservation et régler la page de réservation"},
    PermissionInfo{Permission::kInvoicesManage, "invoices.manage",
                   "Gérer les factures et les avoirs"},
    PermissionInfo{Permission::kPaymentsRecord, "payments.record",
                   "Enregistrer un paiement manuel"},
    PermissionInfo{Permission::kPaymentsValidate, "payments.validate",
                   "Valider ou rejeter un paiement enregistré"},
    PermissionInfo{Permission::kEquipmentRead, "equipment.read", "Voir le matériel"},
    PermissionInfo{Permission::kEquipmentManage, "equipment.manage",
                   "Ajouter et modifier le matériel et les locaux"},
    PermissionInfo{Permission::kEquipmentMove, "equipment.move",
                   "Sortir et retourner du matériel (DJ et technicien : sur leurs missions)"},
    PermissionInfo{Permission::kReportsRead, "reports.read", "Voir les statistiques"},
    PermissionInfo{Permission::kExportsRun, "exports.run", "Exporter les données"},
    PermissionInfo{Permission::kBackupsManage, "backups.manage", "Sauvegarder et restaurer"},
};

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kOwner:
      return "owner";
    case Role::kAdmin:
      return "admin";
    case Role::kManager:
      return "manager";
    case Role::kDj:
      return "dj";
    case Role::kTechnician:
      return "technician";
  }
  return "technician";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role role : kRoles) {
    if (RoleName(role) == name) return role;
  }
  return std::nullopt;
}

std::string_view RoleLabel(Role role, std::string_view locale) {
  const bool en = locale == "en";
  switch (role) {
    case Role::kOwner:
      return en ? "owner" : "propriétaire";
    case Role::kAdmin:
      return en ? "administrator" : "administrateur";
    case Role::kManager:
      return "manager";
    case Role::kDj:
      return en ? "DJ / performer" : "DJ / prestataire";
    case Role::kTechnician:
      return en ? "technician" : "technicien";
  }
  return "";
}

std::span<const PermissionInfo> AllPermissions() { return kPermissions; }
std::span<const Role> AllRoles() { return kRoles; }

std::string_view PermissionName(Permission permission) {
  for (const auto& info : kPermissions) {
    if (info.permission == permission) return info.name;
  }
  return "";
}

std::optional<Permission> ParsePermission(std::string_view name) {
  for (const auto& info : kPermissions) {
    if (info.name == name) return info.permission;
  }
  return std::nullopt;
}

bool Allows(Role role, Permission permission) {
  using P = Permission;
  switch (role) {
    case Role::kOwner:
    case Role::kAdmin:
      // Admins hold everything except the crew-only view, which they supersede.
      return permission != P::kMissionsReadOwn;
    case Role::kManager:
      // The legacy matrix: managers run the business, not the accounts, settings or backups,
      // and only an admin validates payments (legacy-app.md a.3).
      switch (permission) {
        case P::kOrganizationManage:
        case P::kMembersManage:
        case P::kAuditRead:
        case P::kApiTokensManage:
        case P::kJobsManage:
        case P::kPaymentsValidate:
        case P::kBackupsManage:
        case P::kMissionsReadOwn:
        case P::kEmailOutboxRead:
          return false;
        default:
          return true;
      }
    case Role::kDj:
    case Role::kTechnician:
      // Crew see their own missions and the equipment list, and check gear out and back for
      // the missions they are on (a DJ loads their own car); nothing commercial. The legacy
      // app let them read every report and export (a.3): closed here.
      return permission == P::kOrganizationRead || permission == P::kMissionsReadOwn ||
             permission == P::kEquipmentRead || permission == P::kEquipmentMove;
  }
  return false;
}

bool CanAssignRole(Role actor, Role target_role) {
  if (target_role == Role::kOwner) return actor == Role::kOwner;
  return Allows(actor, Permission::kMembersManage);
}

std::string PermissionsMarkdownTable() {
  std::string out = "| permission | description |";
  for (Role role : kRoles) out += " " + std::string(RoleName(role)) + " |";
  out += "\n|---|---|";
  for (std::size_t i = 0; i < kRoles.size(); ++i) out += ":-:|";
  out += "\n";
  for (const auto& info : kPermissions) {
    out += "| `" + std::string(info.name) + "` | " + std::string(info.description) + " |";
    for (Role role : kRoles) out += Allows(role, info.permission) ? " ✔ |" : " — |";
    out += "\n";
  }
  return out;
}

}  // namespace planify::domain
