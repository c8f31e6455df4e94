#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "app/ports.hpp"
#include "store/reports_repository.hpp"

namespace planify::app {

// What the reports page asks: local dates, both ends included, and what to compare with
// ("previous", "last_year" or "none").
struct ReportRequest {
  std::string from;
  std::string to;
  std::string compare = "none";
};

struct ReportTotals {
  long long revenue_net_cents = 0;  // standard invoices less their credit notes, excl. VAT
  long long vat_cents = 0;          // VAT of the same documents
  long long collected_cents = 0;    // payments received, net of refunds
  int invoices = 0;
  long long average_basket_cents = 0;  // revenue / standard invoices issued (0 without any)
};

struct ReportMonth {
  std::string month;  // "YYYY-MM"
  long long invoiced_net_cents = 0;
  long long credited_net_cents = 0;
  long long revenue_net_cents = 0;
  long long vat_cents = 0;
  long long collected_cents = 0;
  int invoices = 0;
};

struct CrewFigures {
  long long user = 0;
  std::string name;
  int missions = 0;
  long long minutes = 0;  // on missions, within the period
  long long revenue_net_cents = 0;
};

struct ItemFigures {
  long long item = 0;
  std::string name;
  int unit_days = 0;  // units × days booked on missions within the period
  int owned = 0;
  int utilisation_bp = 0;  // unit_days / (owned × days of the period)
  long long revenue_net_cents = 0;
};

struct QuoteFigures {
  int issued = 0;
  int accepted = 0;
  int declined = 0;
  int expired = 0;
  int waiting = 0;
  int cancelled = 0;
  int conversion_bp = 0;                           // accepted / issued
  std::optional<long long> average_hours_to_sign;  // sent → accepted
};

// Booking requests received in the period (docs/booking.md): what became of them.
struct BookingFigures {
  int received = 0;  // spam excluded
  int open = 0;      // new, in discussion, quoted
  int won = 0;
  int lost = 0;
  int spam = 0;
  std::optional<long long> won_rate_bp;  // won / (won + lost); none until one is decided
};

struct AgeingFigures {
  std::string bucket;
  int invoices = 0;
  long long remaining_cents = 0;
};

struct FranchiseFigures {
  int year = 0;
  long long services_cents = 0;  // received in the calendar year
  long long total_cents = 0;
  long long previous_services_cents = 0;
  long long previous_total_cents = 0;
  std::string status;
  std::string previous_status;
};

struct Report {
  std::string from;
  std::string to;
  std::string today;
  std::string compare;
  std::string compare_from;
  std::string compare_to;
  ReportTotals totals;
  std::optional<ReportTotals> comparison;
  std::vector<ReportMonth> by_month;
  std::vector<ReportMonth> comparison_by_month;
  std::vector<store::RevenueRow> by_client;      // largest first
  std::vector<store::RevenueRow> by_event_type;  // largest first
  std::vector<CrewFigures> crew;                 // most hours first
  std::vector<ItemFigures> equipment;            // most days first
  QuoteFigures quotes;
  BookingFigures bookings;
  std::vector<AgeingFigures> ageing;          // not_due, 1_30, 31_60, 61_90, over_90
  std::optional<FranchiseFigures> franchise;  // organisations under the VAT franchise
};

class ReportsService {
 public:
  ReportsService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // docs/reports.md. Bad dates, a reversed or over-five-years period, an unknown comparison:
  // 422 naming the field.
  [[nodiscard]] Result<Report> Get(const Principal& actor, const ReportRequest& request);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace planify::app
