#include "app/dashboard/dashboard_service.hpp"

#include <chrono>
#include <set>

#include "domain/local_time.hpp"
#include "domain/permissions.hpp"

namespace planify::app {

namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

std::string Date(year_month_day d) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return text;
}

// The instant a local day starts in `zone`.
domain::Timestamp DayStart(const std::string& zone, sys_days day) {
  return domain::FromLocal(zone, std::chrono::local_seconds(day.time_since_epoch()));
}

}  // namespace

Result<Dashboard> DashboardService::Get(const Principal& actor) {
  using domain::Permission;
  const auto org = *actor.organization;
  const domain::Timestamp now = clock_.Now();
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<Dashboard> {
    Dashboard d;
    store::PlanningRepository planning(lease);
    d.time_zone = planning.Settings(org).time_zone;
    const sys_days local_today =
        std::chrono::floor<days>(now + domain::UtcOffset(d.time_zone, now));
    const year_month_day today{local_today};
    d.today = Date(today);
    d.whole_team = actor.Can(Permission::kMissionsReadAll);
    const bool own = actor.Can(Permission::kMissionsReadOwn);
    store::DashboardRepository dashboard(lease);
    if (d.whole_team) {
      d.agenda = dashboard.Missions(
          org, domain::FormatIsoUtc(DayStart(d.time_zone, local_today)),
          domain::FormatIsoUtc(DayStart(d.time_zone, local_today + days(8))), 0, 200);
    } else if (own) {
      d.agenda = dashboard.Missions(org, domain::FormatIsoUtc(now),
                                    domain::FormatIsoUtc(now + days(30)), actor.user.value, 10);
    }
    if (actor.Can(Permission::kInvoicesManage)) {
      const year_month_day month_start{today.year() / today.month() / 1};
      const year_month_day next_month{sys_days(month_start) + days(31)};
      const year_month_day next_start{next_month.year() / next_month.month() / 1};
      const year_month_day last_year{(today.year() - std::chrono::years(1)) / today.month() / 1};
      const year_month_day last_year_next{(next_start.year() - std::chrono::years(1)) /
                                          next_start.month() / 1};
      d.money = dashboard.Money(org, Date(month_start), Date(next_start), Date(last_year),
                                Date(last_year_next), d.today);
    }
    if (actor.Can(Permission::kQuotesManage)) {
      d.quotes = dashboard.Quotes(org, d.today, Date(year_month_day{local_today + days(7)}));
    }
    store::LogisticsRepository logistics(lease);
    if (actor.Can(Permission::kEquipmentRead) && d.whole_team) {
      d.late_gear = logistics.OutSince(org, domain::FormatIsoUtc(now));
      if (d.late_gear->size() > 10) d.late_gear->resize(10);
      // Checks due in the next fortnight or overdue, not those already under way.
      d.maintenance_due = MaintenanceDue(lease, org, now, 14);
      std::erase_if(*d.maintenance_due, [](const DueCheck& c) { return c.under_way; });
      if (d.maintenance_due->size() > 10) d.maintenance_due->resize(10);
    }
    if (own || d.whole_team) {
      d.time_off = planning.Unavailability(org, domain::FormatIsoUtc(now),
                                           domain::FormatIsoUtc(now + days(60)), actor.user.value);
      // Gear out with the missions the caller is on.
      std::set<long long> mine;
      for (const auto& m :
           dashboard.Missions(org, domain::FormatIsoUtc(now - days(90)),
                              domain::FormatIsoUtc(now + days(30)), actor.user.value, 500)) {
        mine.insert(m.id);
      }
      for (auto& row : logistics.OutSince(org, "9999-12-31T00:00:00.000Z")) {
        if (mine.contains(row.mission)) d.my_gear.push_back(std::move(row));
      }
    }
    return d;
  });
}

}  // namespace planify::app
