#pragma once

#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

struct DashboardCrew {
  long long user = 0;
  std::string name;
  std::string position;
  bool lead = false;
};

// A mission of the agenda, with what the office should look at.
struct DashboardMission {
  long long id = 0;
  std::string title;
  std::string status;
  std::string starts_at;
  std::string ends_at;
  std::string address;  // the venue's when the mission has none of its own
  std::string venue_name;
  std::string client_name;
  std::vector<DashboardCrew> crew;
  int gear_booked = 0;  // units booked
  int gear_out = 0;     // units checked out with it now
};

struct DashboardInvoice {
  long long id = 0;
  std::string number;
  std::string client_name;
  std::string due_date;
  long long remaining_cents = 0;
};

struct DashboardQuote {
  long long id = 0;
  std::string number;
  std::string client_name;
  std::string valid_until;
  long long gross_cents = 0;
};

struct DashboardMoney {
  long long invoiced_net_cents = 0;  // standard invoices less their credit notes, excl. VAT
  long long invoiced_net_last_year_cents = 0;  // the same month a year before
  long long collected_cents = 0;               // payments received in the month, net of refunds
  long long due_cents = 0;                     // still to be paid on issued invoices
  long long overdue_cents = 0;
  int overdue_count = 0;
  std::vector<DashboardInvoice> overdue;  // oldest due date first, at most 5
  long long deposits_cents = 0;           // deposit invoices not paid yet
  int deposits_count = 0;
  std::vector<DashboardInvoice> deposits;  // oldest first, at most 5
};

struct DashboardQuotes {
  int awaiting = 0;  // sent, no answer yet
  long long awaiting_gross_cents = 0;
  std::vector<DashboardQuote> expiring;  // awaiting and valid until a day in the window
};

// The aggregates of the landing page (docs/dashboard.md), each one indexed query. Runs on the
// caller's lease.
class DashboardRepository {
 public:
  explicit DashboardRepository(Lease& lease) : lease_(lease) {}

  // Missions overlapping [from, to), drafts and canceled ones left out; only those `crew_user`
  // is on when not 0. Soonest first, at most `limit`.
  [[nodiscard]] std::vector<DashboardMission> Missions(OrganizationId organization,
                                                       const std::string& from,
                                                       const std::string& to, long long crew_user,
                                                       int limit);
  // Month bounds and `today` are local dates (YYYY-MM-DD).
  [[nodiscard]] DashboardMoney Money(OrganizationId organization, const std::string& month_start,
                                     const std::string& next_month_start,
                                     const std::string& last_year_month_start,
                                     const std::string& last_year_next_month_start,
                                     const std::string& today);
  [[nodiscard]] DashboardQuotes Quotes(OrganizationId organization, const std::string& today,
                                       const std::string& expiring_until);

 private:
  Lease& lease_;
};

}  // namespace planify::store
