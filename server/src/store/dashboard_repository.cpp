#include "store/dashboard_repository.hpp"

#include <map>

#include "domain/missions.hpp"
#include "store/sql_params.hpp"

namespace planify::store {

namespace {

// Still to be paid on an invoice: its total less deposits deducted, credit notes and payments.
constexpr const char* kRemaining =
    "(i.total_gross_cents - i.prepaid_cents - i.amount_credited_cents - i.amount_paid_cents)";

long long Scalar(Lease& lease, const std::string& sql,
                 const std::vector<std::pair<std::string, std::string>>& texts, long long org) {
  SqlParams params;
  params.Int("org", org);
  for (const auto& [name, text] : texts) params.Text(name, text);
  long long value = 0;
  params.ForEachRow(lease, sql, [&](const soci::row& row) { value = GetInt64(row, 0); });
  return value;
}

std::vector<DashboardInvoice> Invoices(
    Lease& lease, const std::string& where, long long org,
    const std::vector<std::pair<std::string, std::string>>& texts) {
  SqlParams params;
  params.Int("org", org);
  for (const auto& [name, text] : texts) params.Text(name, text);
  std::vector<DashboardInvoice> out;
  params.ForEachRow(
      lease,
      std::string("SELECT i.id, i.number, i.client_name, CAST(i.due_date AS TEXT), CAST(") +
          kRemaining + " AS BIGINT) FROM invoices i WHERE i.organization_id = :org AND " + where +
          " ORDER BY i.due_date, i.id LIMIT 5",
      [&](const soci::row& row) {
        DashboardInvoice d;
        d.id = GetInt64(row, 0);
        d.number = RowText(row, 1);
        d.client_name = RowText(row, 2);
        d.due_date = RowText(row, 3);
        d.remaining_cents = GetInt64(row, 4);
        out.push_back(std::move(d));
      });
  return out;
}

}  // namespace

std::vector<DashboardMission> DashboardRepository::Missions(OrganizationId organization,
                                                            const std::string& from,
                                                            const std::string& to,
                                                            long long crew_user, int limit) {
  long long org = organization.value;
  // Missions overlapping the window start at most kMaxMissionLength before it.
  const auto start = domain::ParseIsoUtc(from);
  const std::string floor = start ? domain::FormatIsoUtc(*start - domain::kMaxMissionLength) : from;
  std::vector<DashboardMission> out;
  std::map<long long, std::size_t> at;
  {
    soci::rowset<soci::row> rows =
        (lease_->prepare
             << "SELECT m.id, m.title, m.status, CAST(m.starts_at AS TEXT), CAST(m.ends_at AS "
                "TEXT), m.address, COALESCE(v.name, ''), TRIM(COALESCE(v.line1, '') || ' ' || "
                "COALESCE(v.postal_code, '') || ' ' || COALESCE(v.city, '')), COALESCE(c.name, "
                "''), (SELECT COALESCE(SUM(e.quantity), 0) FROM mission_equipment e WHERE "
                "e.mission_id = m.id), (SELECT COALESCE(SUM(o.quantity), 0) FROM equipment_out o "
                "WHERE o.mission_id = m.id) FROM missions m LEFT JOIN venues v ON v.id = "
                "m.venue_id LEFT JOIN clients c ON c.id = m.client_id WHERE m.organization_id = "
                ":org AND m.starts_at < :to AND m.starts_at >= :floor AND m.ends_at > :from AND "
                "m.status NOT IN ('draft', "
                "'canceled') AND (:user = 0 OR EXISTS (SELECT 1 FROM mission_crew mc WHERE "
                "mc.mission_id = m.id AND mc.user_id = :user2)) ORDER BY m.starts_at, m.id LIMIT "
                ":limit",
         soci::use(org, "org"), soci::use(to, "to"), soci::use(from, "from"),
         soci::use(floor, "floor"), soci::use(crew_user, "user"), soci::use(crew_user, "user2"),
         soci::use(limit, "limit"));
    for (const auto& row : rows) {
      DashboardMission m;
      m.id = GetInt64(row, 0);
      m.title = RowText(row, 1);
      m.status = RowText(row, 2);
      m.starts_at = RowTimestamp(row, 3);
      m.ends_at = RowTimestamp(row, 4);
      m.address = RowText(row, 5);
      m.venue_name = RowText(row, 6);
      if (m.address.empty()) m.address = RowText(row, 7);
      m.client_name = RowText(row, 8);
      m.gear_booked = static_cast<int>(GetInt64(row, 9));
      m.gear_out = static_cast<int>(GetInt64(row, 10));
      at[m.id] = out.size();
      out.push_back(std::move(m));
    }
  }
  if (out.empty()) return out;
  soci::rowset<soci::row> crew =
      (lease_->prepare
           << "SELECT mc.mission_id, COALESCE(mc.user_id, -mc.crew_profile_id), "
              "COALESCE(u.display_name, p.display_name, ''), mc.position, mc.is_lead FROM "
              "missions m JOIN mission_crew mc ON mc.mission_id = m.id LEFT JOIN users u ON u.id "
              "= mc.user_id LEFT JOIN crew_profiles p ON p.id = mc.crew_profile_id WHERE "
              "m.organization_id = :org AND m.starts_at < :to AND m.starts_at >= :floor AND "
              "m.ends_at > :from ORDER BY mc.is_lead DESC, 3, mc.id",
       soci::use(org, "org"), soci::use(to, "to"), soci::use(from, "from"),
       soci::use(floor, "floor"));
  for (const auto& row : crew) {
    auto found = at.find(GetInt64(row, 0));
    if (found == at.end()) continue;
    out[found->second].crew.push_back(
        {GetInt64(row, 1), RowText(row, 2), RowText(row, 3), GetInt64(row, 4) != 0});
  }
  return out;
}

DashboardMoney DashboardRepository::Money(OrganizationId organization,
                                          const std::string& month_start,
                                          const std::string& next_month_start,
                                          const std::string& last_year_month_start,
                                          const std::string& last_year_next_month_start,
                                          const std::string& today) {
  const long long org = organization.value;
  DashboardMoney money;
  // Revenue as the books have it (docs/accounting.md): standard invoices, less the credit notes
  // of standard invoices; deposit invoices are advances, not revenue.
  auto invoiced = [&](const std::string& from, const std::string& to) {
    const long long invoices =
        Scalar(lease_,
               "SELECT CAST(COALESCE(SUM(i.total_net_cents), 0) AS BIGINT) FROM invoices i WHERE "
               "i.organization_id = :org AND i.kind = 'standard' AND i.number IS NOT NULL AND "
               "i.issue_date >= :from AND i.issue_date < :to",
               {{"from", from}, {"to", to}}, org);
    const long long credited = Scalar(
        lease_,
        "SELECT CAST(COALESCE(SUM(n.total_net_cents), 0) AS BIGINT) FROM credit_notes n JOIN "
        "invoices i ON i.id = n.invoice_id WHERE n.organization_id = :org AND i.kind = "
        "'standard' AND n.issue_date >= :from AND n.issue_date < :to",
        {{"from", from}, {"to", to}}, org);
    return invoices - credited;
  };
  money.invoiced_net_cents = invoiced(month_start, next_month_start);
  money.invoiced_net_last_year_cents = invoiced(last_year_month_start, last_year_next_month_start);
  money.collected_cents =
      Scalar(lease_,
             "SELECT CAST(COALESCE(SUM(p.amount_cents - p.refunded_cents), 0) AS BIGINT) FROM "
             "payments p WHERE p.organization_id = :org AND p.status = 'succeeded' AND "
             "p.received_on >= :from AND p.received_on < :to",
             {{"from", month_start}, {"to", next_month_start}}, org);
  const std::string open =
      "i.status IN ('issued', 'partially_paid') AND " + std::string(kRemaining) + " > 0";
  money.due_cents =
      Scalar(lease_,
             std::string("SELECT CAST(COALESCE(SUM(") + kRemaining +
                 "), 0) AS BIGINT) FROM invoices i WHERE i.organization_id = :org AND "
                 "i.kind = 'standard' AND " +
                 open,
             {}, org);
  const std::string overdue = "i.kind = 'standard' AND " + open + " AND i.due_date < :today";
  money.overdue_cents = Scalar(lease_,
                               std::string("SELECT CAST(COALESCE(SUM(") + kRemaining +
                                   "), 0) AS BIGINT) FROM invoices i WHERE i.organization_id = "
                                   ":org AND " +
                                   overdue,
                               {{"today", today}}, org);
  money.overdue_count = static_cast<int>(Scalar(
      lease_, "SELECT COUNT(*) FROM invoices i WHERE i.organization_id = :org AND " + overdue,
      {{"today", today}}, org));
  money.overdue = Invoices(lease_, overdue, org, {{"today", today}});
  const std::string deposits = "i.kind = 'deposit' AND " + open;
  money.deposits_cents = Scalar(lease_,
                                std::string("SELECT CAST(COALESCE(SUM(") + kRemaining +
                                    "), 0) AS BIGINT) FROM invoices i WHERE i.organization_id = "
                                    ":org AND i.kind = 'deposit' AND " +
                                    open,
                                {}, org);
  money.deposits_count = static_cast<int>(Scalar(
      lease_,
      "SELECT COUNT(*) FROM invoices i WHERE i.organization_id = :org AND i.kind = 'deposit' "
      "AND " +
          open,
      {}, org));
  money.deposits = Invoices(lease_, deposits, org, {});
  return money;
}

DashboardQuotes DashboardRepository::Quotes(OrganizationId organization, const std::string& today,
                                            const std::string& expiring_until) {
  const long long org = organization.value;
  DashboardQuotes quotes;
  const std::string awaiting =
      "q.organization_id = :org AND q.status = 'sent' AND (q.valid_until IS NULL OR "
      "q.valid_until >= :today)";
  quotes.awaiting = static_cast<int>(
      Scalar(lease_, "SELECT COUNT(*) FROM quotes q WHERE " + awaiting, {{"today", today}}, org));
  quotes.awaiting_gross_cents =
      Scalar(lease_,
             "SELECT CAST(COALESCE(SUM(q.total_gross_cents), 0) AS BIGINT) FROM quotes q WHERE " +
                 awaiting,
             {{"today", today}}, org);
  soci::rowset<soci::row> rows =
      (lease_->prepare << "SELECT q.id, q.number, q.client_name, CAST(q.valid_until AS TEXT), "
                          "q.total_gross_cents FROM quotes q WHERE " +
                              awaiting +
                              " AND q.valid_until <= :until ORDER BY q.valid_until, q.id LIMIT 5",
       soci::use(org, "org"), soci::use(today, "today"), soci::use(expiring_until, "until"));
  for (const auto& row : rows) {
    DashboardQuote q;
    q.id = GetInt64(row, 0);
    q.number = RowText(row, 1);
    q.client_name = RowText(row, 2);
    q.valid_until = RowText(row, 3);
    q.gross_cents = GetInt64(row, 4);
    quotes.expiring.push_back(std::move(q));
  }
  return quotes;
}

}  // namespace planify::store
