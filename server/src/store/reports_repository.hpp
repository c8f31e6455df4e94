#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

// Dates are the organisation's local dates "YYYY-MM-DD"; a period is [from, to) on them and,
// for instants (missions), [from_instant, to_instant) in UTC. Revenue is counted as the books
// count it (docs/accounting.md): standard invoices by issue date, less the credit notes of
// standard invoices by their issue date; deposit invoices are advances, never revenue.

struct MonthFigures {
  std::string month;  // "YYYY-MM"
  long long invoiced_net_cents = 0;
  long long credited_net_cents = 0;
  long long invoiced_vat_cents = 0;
  long long credited_vat_cents = 0;
  long long collected_cents = 0;  // succeeded payments received in the month, net of refunds
  int invoices = 0;               // standard invoices issued
};

struct RevenueRow {
  long long id = 0;  // client, user or item id; 0 for "none"
  std::string key;   // event type, or the name
  long long net_cents = 0;
  int invoices = 0;
};

struct QuoteDecision {
  std::string status;
  std::string sent_at;      // ISO instant
  std::string accepted_at;  // ISO instant, "" unless accepted
};

struct CrewStint {
  long long user = 0;
  std::string name;
  std::string starts_at;
  std::string ends_at;
};

struct GearBooking {
  long long item = 0;
  std::string name;
  int quantity = 0;
  int owned = 0;
  std::string starts_at;
  std::string ends_at;
};

struct OpenInvoice {
  std::string due_date;
  long long remaining_cents = 0;
};

struct Receipts {
  long long services_cents = 0;  // invoices of services or mixed operations
  long long total_cents = 0;
};

class ReportsRepository {
 public:
  explicit ReportsRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] std::vector<MonthFigures> ByMonth(OrganizationId org, const std::string& from,
                                                  const std::string& to);
  [[nodiscard]] std::vector<RevenueRow> ByClient(OrganizationId org, const std::string& from,
                                                 const std::string& to);
  // key = the mission's event type ("" without one or without a mission).
  [[nodiscard]] std::vector<RevenueRow> ByEventType(OrganizationId org, const std::string& from,
                                                    const std::string& to);
  // Revenue of the invoices of the missions each person worked on (whole, not shared out).
  [[nodiscard]] std::vector<RevenueRow> ByCrew(OrganizationId org, const std::string& from,
                                               const std::string& to);
  // Line amounts (before any document discount) of lines naming an equipment item.
  [[nodiscard]] std::vector<RevenueRow> ByItem(OrganizationId org, const std::string& from,
                                               const std::string& to);
  // Numbered quotes issued in the period, whatever became of them.
  // Booking requests received in [from, to) (instants): how many per status.
  [[nodiscard]] std::map<std::string, int> BookingStatuses(OrganizationId org,
                                                           const std::string& from_instant,
                                                           const std::string& to_instant);
  [[nodiscard]] std::vector<QuoteDecision> Quotes(OrganizationId org, const std::string& from,
                                                  const std::string& to);
  // Crew and gear of missions overlapping [from_instant, to_instant), drafts and cancelled left
  // out.
  [[nodiscard]] std::vector<CrewStint> Crew(OrganizationId org, const std::string& from_instant,
                                            const std::string& to_instant);
  [[nodiscard]] std::vector<GearBooking> Gear(OrganizationId org, const std::string& from_instant,
                                              const std::string& to_instant);
  // Standard invoices still owed, with their due date.
  [[nodiscard]] std::vector<OpenInvoice> Open(OrganizationId org);
  // Money received in [from, to), net of refunds, all invoices (deposits are receipts too).
  [[nodiscard]] Receipts Received(OrganizationId org, const std::string& from,
                                  const std::string& to);
  [[nodiscard]] std::string VatRegime(OrganizationId org);

 private:
  Lease& lease_;
};

}  // namespace planify::store
