#include "app/reports/reports_service.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>

#include "domain/billing.hpp"
#include "domain/local_time.hpp"
#include "domain/reports.hpp"
#include "domain/validation.hpp"
#include "store/planning_repository.hpp"

namespace planify::app {

namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr int kMaxDays = 5 * 366;
constexpr std::array kBuckets = {"not_due", "1_30", "31_60", "61_90", "over_90"};

domain::Timestamp DayStart(const std::string& zone, sys_days day) {
  return domain::FromLocal(zone, std::chrono::local_seconds(day.time_since_epoch()));
}

std::string Iso(year_month_day day) { return domain::FormatIsoDate(day); }
// The day after, as the exclusive end of a query.
std::string After(year_month_day day) { return Iso(year_month_day{sys_days{day} + days(1)}); }

// Every month of the period, empty ones too, with the figures that fell in it.
std::vector<ReportMonth> Months(const domain::DayPeriod& period,
                                const std::vector<store::MonthFigures>& figures,
                                ReportTotals& totals) {
  std::map<std::string, const store::MonthFigures*> found;
  for (const auto& f : figures) found[f.month] = &f;
  std::vector<ReportMonth> out;
  year_month_day m{period.from.year() / period.from.month() / 1};
  const year_month_day last{period.to.year() / period.to.month() / 1};
  while (sys_days{m} <= sys_days{last}) {
    ReportMonth month;
    month.month = Iso(m).substr(0, 7);
    if (auto it = found.find(month.month); it != found.end()) {
      const auto& f = *it->second;
      month.invoiced_net_cents = f.invoiced_net_cents;
      month.credited_net_cents = f.credited_net_cents;
      month.revenue_net_cents = f.invoiced_net_cents - f.credited_net_cents;
      month.vat_cents = f.invoiced_vat_cents - f.credited_vat_cents;
      month.collected_cents = f.collected_cents;
      month.invoices = f.invoices;
    }
    totals.revenue_net_cents += month.revenue_net_cents;
    totals.vat_cents += month.vat_cents;
    totals.collected_cents += month.collected_cents;
    totals.invoices += month.invoices;
    out.push_back(std::move(month));
    m = m + std::chrono::months(1);
  }
  if (totals.invoices > 0) {
    // Rounded half away from zero, in integer cents.
    const long long n = totals.invoices;
    const long long r = totals.revenue_net_cents;
    totals.average_basket_cents = (r >= 0 ? r + n / 2 : r - n / 2) / n;
  }
  return out;
}

void LargestFirst(std::vector<store::RevenueRow>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    if (a.net_cents != b.net_cents) return a.net_cents > b.net_cents;
    return a.key < b.key;
  });
}

}  // namespace

Result<Report> ReportsService::Get(const Principal& actor, const ReportRequest& request) {
  const OrganizationId org = *actor.organization;
  const domain::Timestamp now = clock_.Now();
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<Report> {
    store::PlanningRepository planning(lease);
    const std::string zone = planning.Settings(org).time_zone;
    const sys_days local_today = std::chrono::floor<days>(now + domain::UtcOffset(zone, now));
    const year_month_day today{local_today};

    domain::FieldErrors errors;
    // By default: the calendar year so far.
    std::optional<year_month_day> from = year_month_day{today.year() / 1 / 1};
    std::optional<year_month_day> to = today;
    if (!request.from.empty()) {
      from = domain::ParseIsoDate(request.from);
      if (!from) errors.Add("from", "Date attendue (AAAA-MM-JJ).");
    }
    if (!request.to.empty()) {
      to = domain::ParseIsoDate(request.to);
      if (!to) errors.Add("to", "Date attendue (AAAA-MM-JJ).");
    }
    if (from && to) {
      if (sys_days{*to} < sys_days{*from}) {
        errors.Add("to", "La fin de la période précède son début.");
      } else if ((sys_days{*to} - sys_days{*from}).count() >= kMaxDays) {
        errors.Add("to", "Cinq ans au plus par rapport.");
      }
    }
    if (request.compare != "none" && request.compare != "previous" &&
        request.compare != "last_year") {
      errors.Add("compare", "Comparaison inconnue : none, previous ou last_year.");
    }
    if (!errors.empty()) return Fail(errors.ToError());

    const domain::DayPeriod period{*from, *to};
    Report r;
    r.from = Iso(period.from);
    r.to = Iso(period.to);
    r.today = Iso(today);
    r.compare = request.compare;
    const std::string end = After(period.to);
    store::ReportsRepository reports(lease);

    r.by_month = Months(period, reports.ByMonth(org, r.from, end), r.totals);
    if (auto other = domain::ComparisonPeriod(period, request.compare)) {
      r.compare_from = Iso(other->from);
      r.compare_to = Iso(other->to);
      ReportTotals totals;
      r.comparison_by_month =
          Months(*other, reports.ByMonth(org, r.compare_from, After(other->to)), totals);
      r.comparison = totals;
    }
    r.by_client = reports.ByClient(org, r.from, end);
    LargestFirst(r.by_client);
    r.by_event_type = reports.ByEventType(org, r.from, end);
    LargestFirst(r.by_event_type);

    // Crew: hours on missions within the period, and the revenue of those missions' invoices.
    const domain::Timestamp from_instant = DayStart(zone, sys_days{period.from});
    const domain::Timestamp to_instant = DayStart(zone, sys_days{period.to} + days(1));
    const std::string from_iso = domain::FormatIsoUtc(from_instant);
    const std::string to_iso = domain::FormatIsoUtc(to_instant);
    std::map<long long, CrewFigures> crew;
    for (const auto& s : reports.Crew(org, from_iso, to_iso)) {
      auto starts = domain::ParseIsoUtc(s.starts_at);
      auto ends = domain::ParseIsoUtc(s.ends_at);
      if (!starts || !ends) continue;
      CrewFigures& c = crew[s.user];
      c.user = s.user;
      c.name = s.name;
      c.missions += 1;
      const auto a = std::max(*starts, from_instant);
      const auto b = std::min(*ends, to_instant);
      if (b > a) c.minutes += std::chrono::duration_cast<std::chrono::minutes>(b - a).count();
    }
    for (const auto& row : reports.ByCrew(org, r.from, end)) {
      CrewFigures& c = crew[row.id];
      c.user = row.id;
      if (c.name.empty()) c.name = row.key;
      c.revenue_net_cents = row.net_cents;
    }
    for (auto& [id, c] : crew) r.crew.push_back(std::move(c));
    std::stable_sort(r.crew.begin(), r.crew.end(), [](const auto& a, const auto& b) {
      if (a.minutes != b.minutes) return a.minutes > b.minutes;
      return a.name < b.name;
    });

    // Equipment: unit-days booked on missions, its share of what was owned, its line revenue.
    std::map<long long, ItemFigures> items;
    for (const auto& g : reports.Gear(org, from_iso, to_iso)) {
      auto starts = domain::ParseIsoUtc(g.starts_at);
      auto ends = domain::ParseIsoUtc(g.ends_at);
      if (!starts || !ends) continue;
      ItemFigures& i = items[g.item];
      i.item = g.item;
      i.name = g.name;
      i.owned = g.owned;
      i.unit_days += g.quantity * domain::DaysHeld(*starts, *ends, from_instant, to_instant);
    }
    for (const auto& row : reports.ByItem(org, r.from, end)) {
      ItemFigures& i = items[row.id];
      i.item = row.id;
      if (i.name.empty()) i.name = row.key;
      i.revenue_net_cents = row.net_cents;
    }
    for (auto& [id, i] : items) {
      if (i.owned > 0) {
        const long long capacity = static_cast<long long>(i.owned) * period.Days();
        i.utilisation_bp = static_cast<int>(
            std::min<long long>(10'000, (static_cast<long long>(i.unit_days) * 10'000) / capacity));
      }
      r.equipment.push_back(std::move(i));
    }
    std::stable_sort(r.equipment.begin(), r.equipment.end(), [](const auto& a, const auto& b) {
      if (a.unit_days != b.unit_days) return a.unit_days > b.unit_days;
      if (a.revenue_net_cents != b.revenue_net_cents) {
        return a.revenue_net_cents > b.revenue_net_cents;
      }
      return a.name < b.name;
    });

    // Quotes issued in the period and what became of them.
    long long signed_minutes = 0;
    int timed = 0;
    for (const auto& q : reports.Quotes(org, r.from, end)) {
      r.quotes.issued += 1;
      if (q.status == "accepted") {
        r.quotes.accepted += 1;
        auto sent = domain::ParseIsoUtc(q.sent_at);
        auto accepted = domain::ParseIsoUtc(q.accepted_at);
        if (sent && accepted && *accepted >= *sent) {
          signed_minutes +=
              std::chrono::duration_cast<std::chrono::minutes>(*accepted - *sent).count();
          timed += 1;
        }
      } else if (q.status == "declined") {
        r.quotes.declined += 1;
      } else if (q.status == "expired") {
        r.quotes.expired += 1;
      } else if (q.status == "cancelled") {
        r.quotes.cancelled += 1;
      } else {
        r.quotes.waiting += 1;
      }
    }
    if (r.quotes.issued > 0) r.quotes.conversion_bp = r.quotes.accepted * 10'000 / r.quotes.issued;
    // The average in whole hours, rounded.
    if (timed > 0) r.quotes.average_hours_to_sign = (signed_minutes / timed + 30) / 60;

    // Booking requests received in the period: the won/lost rate of the public page.
    for (const auto& [status, count] : reports.BookingStatuses(org, from_iso, to_iso)) {
      if (status == "spam") {
        r.bookings.spam += count;
        continue;
      }
      r.bookings.received += count;
      if (status == "won") {
        r.bookings.won += count;
      } else if (status == "lost") {
        r.bookings.lost += count;
      } else {
        r.bookings.open += count;
      }
    }
    if (r.bookings.won + r.bookings.lost > 0) {
      r.bookings.won_rate_bp = r.bookings.won * 10'000 / (r.bookings.won + r.bookings.lost);
    }

    // Overdue ageing, as of today (whatever the period).
    std::map<std::string, AgeingFigures> ageing;
    for (const auto& o : reports.Open(org)) {
      auto due = domain::ParseIsoDate(o.due_date);
      const std::string bucket{due ? domain::AgeingBucket(*due, today) : "not_due"};
      AgeingFigures& a = ageing[bucket];
      a.invoices += 1;
      a.remaining_cents += o.remaining_cents;
    }
    for (const char* bucket : kBuckets) {
      AgeingFigures a = ageing[bucket];
      a.bucket = bucket;
      r.ageing.push_back(a);
    }

    // The VAT franchise: receipts of the calendar year of the period's end, and the year before.
    if (reports.VatRegime(org) == "franchise") {
      FranchiseFigures f;
      const auto year = period.to.year();
      f.year = static_cast<int>(year);
      const auto now_year =
          reports.Received(org, Iso(year / 1 / 1), Iso((year + std::chrono::years(1)) / 1 / 1));
      const auto last_year =
          reports.Received(org, Iso((year - std::chrono::years(1)) / 1 / 1), Iso(year / 1 / 1));
      f.services_cents = now_year.services_cents;
      f.total_cents = now_year.total_cents;
      f.previous_services_cents = last_year.services_cents;
      f.previous_total_cents = last_year.total_cents;
      f.status = domain::FranchiseStatus(f.services_cents, f.total_cents);
      f.previous_status =
          domain::FranchiseStatus(f.previous_services_cents, f.previous_total_cents);
      r.franchise = f;
    }
    return r;
  });
}

}  // namespace planify::app
