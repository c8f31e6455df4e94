#include "store/search_repository.hpp"

#include <map>

#include "store/planning_repository.hpp"
#include "store/sql_params.hpp"

namespace planify::store {

namespace {

using domain::SearchKind;

std::vector<long long> Ids(Lease& lease, SqlParams& params, const std::string& sql) {
  std::vector<long long> ids;
  params.ForEachRow(lease, sql, [&](const soci::row& row) { ids.push_back(GetInt64(row, 0)); });
  return ids;
}

std::string Join(const std::string& a, const std::string& b, const char* sep = " · ") {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + sep + b;
}

const char* DocumentTable(SearchKind kind) {
  return kind == SearchKind::kQuote ? "quotes" : "invoices";
}

}  // namespace

std::vector<long long> SearchRepository::Match(OrganizationId organization, SearchKind kind,
                                               const std::vector<std::string>& words,
                                               long long crew_user, int limit) {
  SqlParams params;
  params.Int("limit", limit);
  const bool crew = kind == SearchKind::kMission && crew_user > 0;
  // The organisation is in the match (its scope token); the SQL names it where it joins.
  if (crew || lease_.dialect() != Dialect::kSqlite) params.Int("org", organization.value);
  if (crew) params.Int("user", crew_user);
  if (lease_.dialect() == Dialect::kSqlite) {
    // FTS5 walks the matches in descending rowid (= id) order and stops at the limit.
    const std::string table(domain::SqliteSearchTable(kind));
    params.Text("match", domain::SqliteMatch(organization.value, words));
    return Ids(lease_, params,
               "SELECT " + table + ".rowid FROM " + table + " WHERE " + table + " MATCH :match" +
                   (crew ? " AND EXISTS (SELECT 1 FROM mission_crew k WHERE k.organization_id = "
                           ":org AND k.mission_id = " +
                               table + ".rowid AND k.user_id = :user)"
                         : "") +
                   " ORDER BY " + table + ".rowid DESC LIMIT :limit");
  }
  // The stored tsvector and its GIN index for rare words, the (organization_id, kind, id) index
  // walked backwards for common ones: the planner chooses from the words' statistics.
  params.Text("query", domain::PostgresTsQuery(organization.value, kind, words));
  params.Int("kind", static_cast<int>(kind));
  return Ids(lease_, params,
             std::string("SELECT s.object_id FROM search_entries s WHERE s.organization_id = :org "
                         "AND s.kind = :kind AND s.document @@ to_tsquery('simple', :query)") +
                 (crew ? " AND EXISTS (SELECT 1 FROM mission_crew k WHERE k.organization_id = "
                         ":org AND k.mission_id = s.object_id AND k.user_id = :user)"
                       : "") +
                 " ORDER BY s.id DESC LIMIT :limit");
}

std::vector<long long> SearchRepository::DocumentsByAmount(OrganizationId organization,
                                                           SearchKind kind, long long cents,
                                                           int limit) {
  SqlParams params;
  params.Int("org", organization.value).Int("cents", cents).Int("limit", limit);
  return Ids(lease_, params,
             std::string("SELECT id FROM ") + DocumentTable(kind) +
                 " WHERE organization_id = :org AND total_gross_cents = :cents ORDER BY id DESC "
                 "LIMIT :limit");
}

std::vector<long long> SearchRepository::DocumentsByNumber(OrganizationId organization,
                                                           SearchKind kind,
                                                           const std::string& number) {
  SqlParams params;
  params.Int("org", organization.value).Text("number", number);
  return Ids(lease_, params,
             std::string("SELECT id FROM ") + DocumentTable(kind) +
                 " WHERE organization_id = :org AND number = :number");
}

std::vector<long long> SearchRepository::MissionsStarting(OrganizationId organization,
                                                          const std::string& from,
                                                          const std::string& to,
                                                          long long crew_user, int limit) {
  SqlParams params;
  params.Int("org", organization.value)
      .Text("from", from)
      .Text("to", to)
      .Int("user", crew_user)
      .Int("limit", limit);
  return Ids(lease_, params,
             "SELECT m.id FROM missions m WHERE m.organization_id = :org AND m.starts_at >= :from "
             "AND m.starts_at < :to AND (:user = 0 OR EXISTS (SELECT 1 FROM mission_crew k WHERE "
             "k.organization_id = :org AND k.mission_id = m.id AND k.user_id = :user)) ORDER BY "
             "m.starts_at, m.id LIMIT :limit");
}

std::vector<SearchHit> SearchRepository::Load(OrganizationId organization, SearchKind kind,
                                              const std::vector<long long>& ids) {
  if (ids.empty()) return {};
  std::string sql;
  switch (kind) {
    case SearchKind::kClient:
      sql =
          "SELECT c.id, c.name, COALESCE((SELECT k.email FROM client_contacts k WHERE "
          "k.client_id = c.id AND k.email <> '' ORDER BY k.is_primary DESC, k.position LIMIT 1), "
          "''), c.billing_city, CASE WHEN c.archived_at IS NULL THEN 'active' ELSE 'archived' END "
          "FROM clients c WHERE c.organization_id = :org AND c.id IN (";
      break;
    case SearchKind::kMission:
      sql =
          "SELECT m.id, m.title, COALESCE(c.name, ''), COALESCE(v.name, m.address), m.status, "
          "CAST(m.starts_at AS TEXT) FROM missions m LEFT JOIN clients c ON c.id = m.client_id "
          "LEFT JOIN venues v ON v.id = m.venue_id WHERE m.organization_id = :org AND m.id IN (";
      break;
    case SearchKind::kQuote:
    case SearchKind::kInvoice:
      sql = std::string(
                "SELECT d.id, d.title, d.client_name, d.venue_text, d.status, "
                "COALESCE(CAST(d.issue_date AS TEXT), ''), d.total_gross_cents, "
                "COALESCE(d.number, '') FROM ") +
            DocumentTable(kind) + " d WHERE d.organization_id = :org AND d.id IN (";
      break;
    case SearchKind::kEquipment:
      sql =
          "SELECT e.id, e.name, TRIM(e.brand || ' ' || e.model), COALESCE(e.barcode, ''), "
          "e.status FROM equipment_items e WHERE e.organization_id = :org AND e.id IN (";
      break;
    case SearchKind::kVenue:
      sql =
          "SELECT v.id, v.name, TRIM(v.postal_code || ' ' || v.city), v.line1, CASE WHEN "
          "v.archived_at IS NULL THEN 'active' ELSE 'archived' END FROM venues v WHERE "
          "v.organization_id = :org AND v.id IN (";
      break;
  }
  sql += IdList(ids) + ")";
  std::map<long long, SearchHit> found;
  SqlParams params;
  params.Int("org", organization.value);
  params.ForEachRow(lease_, sql, [&](const soci::row& row) {
    SearchHit h;
    h.kind = kind;
    h.id = GetInt64(row, 0);
    h.title = RowText(row, 1);
    switch (kind) {
      case SearchKind::kClient:
      case SearchKind::kEquipment:
        h.subtitle = Join(RowText(row, 2), RowText(row, 3));
        h.status = RowText(row, 4);
        break;
      case SearchKind::kVenue:
        h.subtitle = Join(RowText(row, 3), RowText(row, 2), ", ");
        h.status = RowText(row, 4);
        break;
      case SearchKind::kMission:
        h.subtitle = Join(RowText(row, 2), RowText(row, 3));
        h.status = RowText(row, 4);
        h.date = RowText(row, 5);
        break;
      case SearchKind::kQuote:
      case SearchKind::kInvoice:
        h.number = RowText(row, 7);
        h.subtitle = Join(RowText(row, 2), h.title);
        if (!h.number.empty()) h.title = h.number;
        h.status = RowText(row, 4);
        h.date = RowText(row, 5);
        h.amount_cents = GetInt64(row, 6);
        break;
    }
    found.emplace(h.id, std::move(h));
  });
  std::vector<SearchHit> out;
  for (long long id : ids) {
    auto it = found.find(id);
    if (it != found.end()) out.push_back(it->second);
  }
  return out;
}

}  // namespace planify::store
