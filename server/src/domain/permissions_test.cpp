#include "domain/permissions.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

namespace planify::domain {
namespace {

TEST(Permissions, AdminsHoldEverythingCrewHoldsLittle) {
  for (const auto& info : AllPermissions()) {
    bool own_only = info.permission == Permission::kMissionsReadOwn;
    EXPECT_EQ(Allows(Role::kOwner, info.permission), !own_only) << info.name;
    EXPECT_EQ(Allows(Role::kAdmin, info.permission), !own_only) << info.name;
  }
  EXPECT_TRUE(Allows(Role::kDj, Permission::kMissionsReadOwn));
  EXPECT_FALSE(Allows(Role::kDj, Permission::kMissionsReadAll));
  EXPECT_TRUE(Allows(Role::kDj, Permission::kEquipmentMove));  // their missions only (app)
  EXPECT_TRUE(Allows(Role::kTechnician, Permission::kEquipmentMove));
  EXPECT_FALSE(Allows(Role::kTechnician, Permission::kClientsRead));
}

TEST(Permissions, LegacyHolesAreClosed) {
  // legacy-app.md a.3: crew could read reports and run exports; managers are not admins.
  for (Role crew : {Role::kDj, Role::kTechnician}) {
    EXPECT_FALSE(Allows(crew, Permission::kReportsRead));
    EXPECT_FALSE(Allows(crew, Permission::kExportsRun));
    EXPECT_FALSE(Allows(crew, Permission::kQuotesManage));
    EXPECT_FALSE(Allows(crew, Permission::kMembersRead));
  }
  EXPECT_TRUE(Allows(Role::kManager, Permission::kQuotesManage));
  EXPECT_TRUE(Allows(Role::kManager, Permission::kPaymentsRecord));
  EXPECT_FALSE(Allows(Role::kManager, Permission::kPaymentsValidate));
  EXPECT_FALSE(Allows(Role::kManager, Permission::kMembersManage));
  EXPECT_FALSE(Allows(Role::kManager, Permission::kOrganizationManage));
  EXPECT_FALSE(Allows(Role::kManager, Permission::kBackupsManage));
}

TEST(Permissions, NamesRoundTripAndAreUnique) {
  std::set<std::string_view> names;
  for (const auto& info : AllPermissions()) {
    EXPECT_TRUE(names.insert(info.name).second) << info.name;
    EXPECT_EQ(ParsePermission(info.name), info.permission);
    EXPECT_EQ(PermissionName(info.permission), info.name);
  }
  EXPECT_FALSE(ParsePermission("everything").has_value());
  for (Role role : AllRoles()) EXPECT_EQ(ParseRole(RoleName(role)), role);
  EXPECT_FALSE(ParseRole("technicien").has_value());
}

TEST(Permissions, OnlyOwnersMakeOwners) {
  EXPECT_TRUE(CanAssignRole(Role::kOwner, Role::kOwner));
  EXPECT_FALSE(CanAssignRole(Role::kAdmin, Role::kOwner));
  EXPECT_TRUE(CanAssignRole(Role::kAdmin, Role::kAdmin));
  EXPECT_TRUE(CanAssignRole(Role::kAdmin, Role::kTechnician));
  EXPECT_FALSE(CanAssignRole(Role::kManager, Role::kDj));
}

TEST(Permissions, DocsShowTheSameMatrix) {
  // docs/permissions.md carries the generated table; regenerate it when the table changes.
  std::ifstream file(std::string(PLANIFY_SOURCE_DIR) + "/../docs/permissions.md");
  ASSERT_TRUE(file) << "docs/permissions.md is missing";
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_NE(text.str().find(PermissionsMarkdownTable()), std::string::npos)
      << "docs/permissions.md is out of date; its matrix must read:\n"
      << PermissionsMarkdownTable();
}

}  // namespace
}  // namespace planify::domain
