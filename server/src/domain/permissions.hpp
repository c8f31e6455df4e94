#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace planify::domain {

// A member's role in one organisation. The owner is the admin who created the organisation:
// every admin right, and the organisation can never lose its last owner.
enum class Role { kOwner, kAdmin, kManager, kDj, kTechnician };

// Stable names stored in the database and used by the API ("owner", "technician", ...).
[[nodiscard]] std::string_view RoleName(Role role);
[[nodiscard]] std::optional<Role> ParseRole(std::string_view name);
// What people call the role, in "fr" (default) or "en": "technicien", "DJ / prestataire".
[[nodiscard]] std::string_view RoleLabel(Role role, std::string_view locale);

// What a request may do. Each endpoint requires exactly one; the table in permissions.cpp
// decides which roles hold it (written out in docs/permissions.md).
enum class Permission {
  kOrganizationRead,    // organisation name, branding, terminology (every member)
  kOrganizationManage,  // legal identity, bank details, numbering, settings
  kMembersRead,         // the team list (to assign crew)
  kMembersManage,       // invite, change roles, disable, revoke invitations
  kAuditRead,           // the audit log
  kApiTokensManage,     // create and revoke integration tokens
  kEmailOutboxRead,     // the e-mail log and the local outbox
  kJobsManage,          // failed jobs: list and re-run
  kClientsRead,         // clients and their contacts
  kClientsManage,       // create, edit, archive clients
  kMissionsReadAll,     // every mission of the organisation
  kMissionsReadOwn,     // missions the user is assigned to
  kMissionsManage,      // create, edit, assign, reschedule missions
  kQuotesManage,        // quotes: draft, send, cancel
  kBookingsManage,      // booking requests (inbox, reply, accept, decline), the booking page
  kInvoicesManage,      // invoices and credit notes
  kPaymentsRecord,      // record a manual payment
  kPaymentsValidate,    // validate or reject a recorded payment
  kEquipmentRead,       // the equipment catalogue
  kEquipmentManage,     // add and edit equipment, storage sites
  kEquipmentMove,       // check-out and return (technicians: on their own missions)
  kReportsRead,         // analytics, reports
  kExportsRun,          // CSV/XLSX/FEC exports
  kBackupsManage,       // backups and restores
};

struct PermissionInfo {
  Permission permission;
  std::string_view name;         // "members.manage": API token scopes, docs
  std::string_view description;  // French, for docs/permissions.md and the roles page
};

// Every permission, in display order.
[[nodiscard]] std::span<const PermissionInfo> AllPermissions();
[[nodiscard]] std::span<const Role> AllRoles();
[[nodiscard]] std::string_view PermissionName(Permission permission);
[[nodiscard]] std::optional<Permission> ParsePermission(std::string_view name);

// The one authorisation table: true when the role holds the permission.
[[nodiscard]] bool Allows(Role role, Permission permission);

// Roles an admin may hand out; only an owner may make another owner.
[[nodiscard]] bool CanAssignRole(Role actor, Role target_role);

// docs/permissions.md's matrix, generated from the table so the two never disagree.
[[nodiscard]] std::string PermissionsMarkdownTable();

}  // namespace planify::domain
