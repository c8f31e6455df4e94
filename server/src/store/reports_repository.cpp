#include "store/reports_repository.hpp"

#include <map>
#include <utility>

#include "domain/missions.hpp"
#include "store/sql_params.hpp"

namespace planify::store {

namespace {

// The invoices that make revenue, in the period; alias i.
constexpr const char* kInvoicesInPeriod =
    "i.organization_id = :org AND i.kind = 'standard' AND i.number IS NOT NULL AND i.issue_date "
    ">= :from AND i.issue_date < :to";
// The credit notes that unmake it, in the period; aliases n (credit note) and i (its invoice).
constexpr const char* kCreditsInPeriod =
    "n.organization_id = :org AND n.status = 'issued' AND i.kind = 'standard' AND n.issue_date "
    ">= :from AND n.issue_date < :to";

// Missions overlapping [from, to) start at most kMaxMissionLength before `from`: the bound lets
// the (organization_id, starts_at) index range stay short.
SqlParams MissionPeriod(OrganizationId org, const std::string& from, const std::string& to) {
  SqlParams params;
  params.Int("org", org.value);
  params.Text("from", from);
  params.Text("to", to);
  auto t = domain::ParseIsoUtc(from);
  params.Text("floor", t ? domain::FormatIsoUtc(*t - domain::kMaxMissionLength) : from);
  return params;
}

SqlParams Period(OrganizationId org, const std::string& from, const std::string& to) {
  SqlParams params;
  params.Int("org", org.value);
  params.Text("from", from);
  params.Text("to", to);
  return params;
}

// Revenue grouped by one key: invoices (columns id, key, net, count) less credit notes (id, key,
// net), merged on the id, or on the key when `by_key`.
std::vector<RevenueRow> Revenue(Lease& lease, OrganizationId org, const std::string& from,
                                const std::string& to, const std::string& invoices_sql,
                                const std::string& credits_sql, bool by_key) {
  std::vector<RevenueRow> out;
  std::map<std::string, std::size_t> at;
  auto slot = [&](long long id, const std::string& key) -> RevenueRow& {
    const std::string k = by_key ? key : std::to_string(id);
    auto [it, added] = at.emplace(k, out.size());
    if (added) out.push_back(RevenueRow{id, key, 0, 0});
    return out[it->second];
  };
  Period(org, from, to).ForEachRow(lease, invoices_sql, [&](const soci::row& row) {
    RevenueRow& r = slot(GetInt64(row, 0), RowText(row, 1));
    r.net_cents += GetInt64(row, 2);
    r.invoices += static_cast<int>(GetInt64(row, 3));
  });
  Period(org, from, to).ForEachRow(lease, credits_sql, [&](const soci::row& row) {
    slot(GetInt64(row, 0), RowText(row, 1)).net_cents -= GetInt64(row, 2);
  });
  return out;
}

}  // namespace

std::vector<MonthFigures> ReportsRepository::ByMonth(OrganizationId org, const std::string& from,
                                                     const std::string& to) {
  std::map<std::string, MonthFigures> months;
  auto month = [&](const std::string& key) -> MonthFigures& {
    MonthFigures& m = months[key];
    m.month = key;
    return m;
  };
  Period(org, from, to)
      .ForEachRow(lease_,
                  std::string("SELECT substr(CAST(i.issue_date AS TEXT), 1, 7), "
                              "CAST(SUM(i.total_net_cents) AS BIGINT), "
                              "CAST(SUM(i.total_vat_cents) AS BIGINT), COUNT(*) FROM invoices i "
                              "WHERE ") +
                      kInvoicesInPeriod + " GROUP BY substr(CAST(i.issue_date AS TEXT), 1, 7)",
                  [&](const soci::row& row) {
                    MonthFigures& m = month(RowText(row, 0));
                    m.invoiced_net_cents = GetInt64(row, 1);
                    m.invoiced_vat_cents = GetInt64(row, 2);
                    m.invoices = static_cast<int>(GetInt64(row, 3));
                  });
  Period(org, from, to)
      .ForEachRow(lease_,
                  std::string("SELECT substr(CAST(n.issue_date AS TEXT), 1, 7), "
                              "CAST(SUM(n.total_net_cents) AS BIGINT), "
                              "CAST(SUM(n.total_vat_cents) AS BIGINT) FROM credit_notes n JOIN "
                              "invoices i ON i.id = n.invoice_id WHERE ") +
                      kCreditsInPeriod + " GROUP BY substr(CAST(n.issue_date AS TEXT), 1, 7)",
                  [&](const soci::row& row) {
                    MonthFigures& m = month(RowText(row, 0));
                    m.credited_net_cents = GetInt64(row, 1);
                    m.credited_vat_cents = GetInt64(row, 2);
                  });
  Period(org, from, to)
      .ForEachRow(
          lease_,
          "SELECT substr(CAST(p.received_on AS TEXT), 1, 7), CAST(SUM(p.amount_cents - "
          "p.refunded_cents) AS BIGINT) FROM payments p WHERE p.organization_id = :org "
          "AND p.status = 'succeeded' AND p.received_on >= :from AND p.received_on < :to "
          "GROUP BY substr(CAST(p.received_on AS TEXT), 1, 7)",
          [&](const soci::row& row) { month(RowText(row, 0)).collected_cents = GetInt64(row, 1); });
  std::vector<MonthFigures> out;
  out.reserve(months.size());
  for (auto& [key, m] : months) out.push_back(std::move(m));
  return out;
}

std::vector<RevenueRow> ReportsRepository::ByClient(OrganizationId org, const std::string& from,
                                                    const std::string& to) {
  return Revenue(lease_, org, from, to,
                 std::string("SELECT COALESCE(i.client_id, 0), MAX(i.client_name), "
                             "CAST(SUM(i.total_net_cents) AS BIGINT), COUNT(*) FROM invoices i "
                             "WHERE ") +
                     kInvoicesInPeriod + " GROUP BY COALESCE(i.client_id, 0)",
                 std::string("SELECT COALESCE(i.client_id, 0), MAX(n.client_name), "
                             "CAST(SUM(n.total_net_cents) AS BIGINT) FROM credit_notes n JOIN "
                             "invoices i ON i.id = n.invoice_id WHERE ") +
                     kCreditsInPeriod + " GROUP BY COALESCE(i.client_id, 0)",
                 false);
}

std::vector<RevenueRow> ReportsRepository::ByEventType(OrganizationId org, const std::string& from,
                                                       const std::string& to) {
  return Revenue(lease_, org, from, to,
                 std::string("SELECT 0, COALESCE(m.event_type, ''), "
                             "CAST(SUM(i.total_net_cents) AS BIGINT), COUNT(*) FROM invoices i "
                             "LEFT JOIN missions m ON m.id = i.mission_id WHERE ") +
                     kInvoicesInPeriod + " GROUP BY COALESCE(m.event_type, '')",
                 std::string("SELECT 0, COALESCE(m.event_type, ''), "
                             "CAST(SUM(n.total_net_cents) AS BIGINT) FROM credit_notes n JOIN "
                             "invoices i ON i.id = n.invoice_id LEFT JOIN missions m ON m.id = "
                             "i.mission_id WHERE ") +
                     kCreditsInPeriod + " GROUP BY COALESCE(m.event_type, '')",
                 true);
}

std::vector<RevenueRow> ReportsRepository::ByCrew(OrganizationId org, const std::string& from,
                                                  const std::string& to) {
  return Revenue(lease_, org, from, to,
                 std::string("SELECT COALESCE(mc.user_id, -mc.crew_profile_id), "
                             "MAX(COALESCE(u.display_name, p.display_name)), "
                             "CAST(SUM(i.total_net_cents) AS BIGINT), COUNT(*) FROM invoices i "
                             "JOIN mission_crew mc ON mc.mission_id = i.mission_id LEFT JOIN "
                             "users u ON u.id = mc.user_id LEFT JOIN crew_profiles p ON p.id = "
                             "mc.crew_profile_id WHERE ") +
                     kInvoicesInPeriod + " GROUP BY 1",
                 std::string("SELECT COALESCE(mc.user_id, -mc.crew_profile_id), "
                             "MAX(COALESCE(u.display_name, p.display_name)), "
                             "CAST(SUM(n.total_net_cents) AS BIGINT) FROM credit_notes n JOIN "
                             "invoices i ON i.id = n.invoice_id JOIN mission_crew mc ON "
                             "mc.mission_id = i.mission_id LEFT JOIN users u ON u.id = mc.user_id "
                             "LEFT JOIN crew_profiles p ON p.id = mc.crew_profile_id WHERE ") +
                     kCreditsInPeriod + " GROUP BY 1",
                 false);
}

std::vector<RevenueRow> ReportsRepository::ByItem(OrganizationId org, const std::string& from,
                                                  const std::string& to) {
  return Revenue(
      lease_, org, from, to,
      std::string("SELECT l.equipment_item_id, MAX(e.name), CAST(SUM(l.net_cents) AS BIGINT), "
                  "COUNT(DISTINCT i.id) FROM invoices i JOIN invoice_lines l ON l.document_id = "
                  "i.id JOIN equipment_items e ON e.id = l.equipment_item_id WHERE ") +
          kInvoicesInPeriod + " GROUP BY l.equipment_item_id",
      std::string("SELECT l.equipment_item_id, MAX(e.name), CAST(SUM(l.net_cents) AS BIGINT) "
                  "FROM credit_notes n JOIN invoices i ON i.id = n.invoice_id JOIN "
                  "credit_note_lines l ON l.document_id = n.id JOIN equipment_items e ON e.id = "
                  "l.equipment_item_id WHERE ") +
          kCreditsInPeriod + " GROUP BY l.equipment_item_id",
      false);
}

std::map<std::string, int> ReportsRepository::BookingStatuses(OrganizationId org,
                                                              const std::string& from_instant,
                                                              const std::string& to_instant) {
  std::map<std::string, int> out;
  Period(org, from_instant, to_instant)
      .ForEachRow(
          lease_,
          "SELECT status, count(*) FROM booking_requests WHERE organization_id = :org AND "
          "created_at >= :from AND created_at < :to GROUP BY status",
          [&](const soci::row& row) { out[RowText(row, 0)] = static_cast<int>(GetInt64(row, 1)); });
  return out;
}

std::vector<QuoteDecision> ReportsRepository::Quotes(OrganizationId org, const std::string& from,
                                                     const std::string& to) {
  std::vector<QuoteDecision> out;
  Period(org, from, to)
      .ForEachRow(lease_,
                  "SELECT q.status, CAST(q.sent_at AS TEXT), CAST(q.accepted_at AS TEXT) FROM "
                  "quotes q WHERE q.organization_id = :org AND q.number IS NOT NULL AND "
                  "q.issue_date >= :from AND q.issue_date < :to",
                  [&](const soci::row& row) {
                    out.push_back({RowText(row, 0), RowTimestamp(row, 1), RowTimestamp(row, 2)});
                  });
  return out;
}

std::vector<CrewStint> ReportsRepository::Crew(OrganizationId org, const std::string& from_instant,
                                               const std::string& to_instant) {
  std::vector<CrewStint> out;
  MissionPeriod(org, from_instant, to_instant)
      .ForEachRow(lease_,
                  "SELECT COALESCE(mc.user_id, -mc.crew_profile_id), COALESCE(u.display_name, "
                  "p.display_name), CAST(m.starts_at AS TEXT), CAST(m.ends_at AS TEXT) FROM "
                  "missions m JOIN mission_crew mc ON mc.mission_id = m.id LEFT JOIN users u ON "
                  "u.id = mc.user_id LEFT JOIN crew_profiles p ON p.id = mc.crew_profile_id "
                  "WHERE m.organization_id = :org AND "
                  "m.starts_at < :to AND m.starts_at >= :floor AND m.ends_at > :from AND m.status "
                  "NOT IN ('draft', 'canceled')",
                  [&](const soci::row& row) {
                    out.push_back({GetInt64(row, 0), RowText(row, 1), RowTimestamp(row, 2),
                                   RowTimestamp(row, 3)});
                  });
  return out;
}

std::vector<GearBooking> ReportsRepository::Gear(OrganizationId org,
                                                 const std::string& from_instant,
                                                 const std::string& to_instant) {
  std::vector<GearBooking> out;
  MissionPeriod(org, from_instant, to_instant)
      .ForEachRow(
          lease_,
          "SELECT me.equipment_item_id, e.name, me.quantity, e.quantity_owned, "
          "CAST(m.starts_at AS TEXT), CAST(m.ends_at AS TEXT) FROM missions m JOIN "
          "mission_equipment me ON me.mission_id = m.id JOIN equipment_items e ON e.id = "
          "me.equipment_item_id WHERE m.organization_id = :org AND m.starts_at < :to AND "
          "m.starts_at >= :floor AND m.ends_at > :from AND m.status NOT IN ('draft', "
          "'canceled')",
          [&](const soci::row& row) {
            out.push_back({GetInt64(row, 0), RowText(row, 1), static_cast<int>(GetInt64(row, 2)),
                           static_cast<int>(GetInt64(row, 3)), RowTimestamp(row, 4),
                           RowTimestamp(row, 5)});
          });
  return out;
}

std::vector<OpenInvoice> ReportsRepository::Open(OrganizationId org) {
  std::vector<OpenInvoice> out;
  SqlParams params;
  params.Int("org", org.value);
  params.ForEachRow(
      lease_,
      "SELECT CAST(i.due_date AS TEXT), CAST(i.total_gross_cents - i.prepaid_cents - "
      "i.amount_credited_cents - i.amount_paid_cents AS BIGINT) FROM invoices i WHERE "
      "i.organization_id = :org AND i.kind = 'standard' AND i.status IN ('issued', "
      "'partially_paid') AND i.total_gross_cents - i.prepaid_cents - i.amount_credited_cents - "
      "i.amount_paid_cents > 0",
      [&](const soci::row& row) {
        out.push_back({RowText(row, 0), GetInt64(row, 1)});
      });
  return out;
}

Receipts ReportsRepository::Received(OrganizationId org, const std::string& from,
                                     const std::string& to) {
  Receipts r;
  Period(org, from, to)
      .ForEachRow(lease_,
                  "SELECT CAST(COALESCE(SUM(CASE WHEN i.operation_category = 'goods' THEN 0 ELSE "
                  "p.amount_cents - p.refunded_cents END), 0) AS BIGINT), "
                  "CAST(COALESCE(SUM(p.amount_cents - p.refunded_cents), 0) AS BIGINT) FROM "
                  "payments p LEFT JOIN invoices i ON i.id = p.invoice_id WHERE "
                  "p.organization_id = :org AND p.status = 'succeeded' AND p.received_on >= "
                  ":from AND p.received_on < :to",
                  [&](const soci::row& row) {
                    r.services_cents = GetInt64(row, 0);
                    r.total_cents = GetInt64(row, 1);
                  });
  return r;
}

std::string ReportsRepository::VatRegime(OrganizationId org) {
  std::string regime = "normal";
  SqlParams params;
  params.Int("org", org.value);
  params.ForEachRow(lease_, "SELECT vat_regime FROM organizations WHERE id = :org",
                    [&](const soci::row& row) { regime = RowText(row, 0); });
  return regime;
}

}  // namespace planify::store
