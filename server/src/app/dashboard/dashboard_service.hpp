#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "app/equipment/inventory_service.hpp"
#include "app/ports.hpp"
#include "store/dashboard_repository.hpp"
#include "store/logistics_repository.hpp"
#include "store/planning_repository.hpp"

namespace planify::app {

// The landing page (docs/dashboard.md): each part only for a role that may see it.
struct Dashboard {
  std::string today;  // the organisation's local date, YYYY-MM-DD
  std::string time_zone;
  bool whole_team = false;  // the agenda holds every mission (planners), else the caller's own
  std::vector<store::DashboardMission> agenda;
  std::optional<store::DashboardMoney> money;            // invoices.manage
  std::optional<store::DashboardQuotes> quotes;          // quotes.manage
  std::optional<std::vector<store::OutRow>> late_gear;   // equipment.read: out past its mission
  std::optional<std::vector<DueCheck>> maintenance_due;  // equipment.read: checks within 14 days
  std::vector<store::UnavailabilityRow> time_off;        // the caller's, coming
  std::vector<store::OutRow> my_gear;                    // out with the caller's missions
};

class DashboardService {
 public:
  DashboardService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Planners see today and the next seven days of every mission; crew their next missions
  // (30 days). Money, quotes and late gear only with their permissions.
  [[nodiscard]] Result<Dashboard> Get(const Principal& actor);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace planify::app
