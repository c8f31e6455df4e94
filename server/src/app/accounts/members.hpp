#pragma once

#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"

namespace planify::app {

// The team of the caller's organisation. The caller's permission has been checked by the HTTP
// layer; these functions enforce the rules that depend on the data (owners, self-changes).
class MembersService {
 public:
  MembersService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  [[nodiscard]] Result<std::vector<store::MemberRow>> List(const Principal& actor);
  // NOT_FOUND when the user is not in the actor's organisation; FORBIDDEN when the actor may
  // not grant that role or touch that member; CONFLICT when the last owner would disappear.
  [[nodiscard]] Result<store::MemberRow> ChangeRole(const Principal& actor, UserId member,
                                                    const std::string& role,
                                                    const RequestMeta& meta);
  [[nodiscard]] Result<void> Remove(const Principal& actor, UserId member, const RequestMeta& meta);
  [[nodiscard]] Result<std::vector<store::AuditRow>> ListAudit(const Principal& actor,
                                                               const store::AuditFilter& filter);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace planify::app
