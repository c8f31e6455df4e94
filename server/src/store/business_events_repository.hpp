#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/auth_repository.hpp"
#include "store/database.hpp"

namespace planify::store {

// Records the business events an audit entry means (docs/analytics.md), on the entry's lease
// and so in its transaction: an event exists exactly when the action committed. A payment
// that leaves its invoice paid also records `invoice_paid`.
void RecordBusinessEvents(Lease& lease, const AuditEntry& entry, const std::string& now);

struct BusinessEvent {
  long long id = 0;
  long long organization = 0;
  std::string name;
  std::optional<long long> actor;
  std::string subject_type;
  std::string subject_id;
  std::string properties_json;
  std::string occurred_at;
  std::string forward_uuid;  // "" until the first attempt to forward it
};

class BusinessEventsRepository {
 public:
  explicit BusinessEventsRepository(Lease& lease) : lease_(lease) {}

  // Not forwarded yet, oldest first.
  [[nodiscard]] std::vector<BusinessEvent> Pending(int limit);
  // Gives the event its forwarding id unless it has one; the id it keeps.
  [[nodiscard]] std::string EnsureUuid(long long id, const std::string& uuid);
  void MarkForwarded(long long id, const std::string& now);
  [[nodiscard]] std::vector<BusinessEvent> OfOrganization(long long organization);

 private:
  Lease& lease_;
};

}  // namespace planify::store
