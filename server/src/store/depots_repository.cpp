#include "store/depots_repository.hpp"

#include "store/planning_repository.hpp"
#include "store/sql_params.hpp"

namespace planify::store {

std::vector<domain::SiteStock> DepotsRepository::Away(OrganizationId organization, long long item) {
  auto all = AwayOf(organization, {item});
  auto it = all.find(item);
  return it == all.end() ? std::vector<domain::SiteStock>{} : it->second;
}

std::map<long long, std::vector<domain::SiteStock>> DepotsRepository::AwayOf(
    OrganizationId organization, const std::vector<long long>& items) {
  std::map<long long, std::vector<domain::SiteStock>> out;
  if (items.empty()) return out;
  SqlParams p;
  p.Int("org", organization.value);
  p.ForEachRow(
      lease_,
      "SELECT equipment_item_id, storage_site_id, quantity FROM equipment_stock WHERE "
      "organization_id = :org AND equipment_item_id IN (" +
          IdList(items) + ") ORDER BY equipment_item_id, storage_site_id",
      [&](const soci::row& row) {
        out[GetInt64(row, 0)].push_back({GetInt64(row, 1), static_cast<int>(GetInt64(row, 2))});
      });
  return out;
}

void DepotsRepository::SetAway(OrganizationId organization, long long item,
                               const std::vector<domain::SiteStock>& away) {
  SqlParams del;
  del.Int("org", organization.value).Int("item", item);
  del.Execute(lease_,
              "DELETE FROM equipment_stock WHERE organization_id = :org AND equipment_item_id = "
              ":item");
  for (const auto& s : away) {
    if (!s.site || s.quantity <= 0) continue;
    SqlParams p;
    p.Int("org", organization.value).Int("item", item).Int("site", *s.site).Int("qty", s.quantity);
    p.Execute(lease_,
              "INSERT INTO equipment_stock (organization_id, equipment_item_id, storage_site_id, "
              "quantity) VALUES (:org, :item, :site, :qty)");
  }
}

std::optional<std::pair<OrganizationId, long long>> DepotsRepository::SiteForToken(
    const std::string& token_hash) {
  std::optional<std::pair<OrganizationId, long long>> found;
  SqlParams p;
  p.Text("hash", token_hash);
  p.ForEachRow(lease_,
               "SELECT organization_id, id FROM storage_sites WHERE display_token_hash = :hash "
               "AND archived_at IS NULL",
               [&](const soci::row& row) {
                 found = std::make_pair(OrganizationId{GetInt64(row, 0)}, GetInt64(row, 1));
               });
  return found;
}

bool DepotsRepository::SetToken(OrganizationId organization, long long site,
                                const std::string& token_hash, const std::string& now) {
  long long exists = 0;
  SqlParams q;
  q.Int("org", organization.value).Int("id", site);
  q.ForEachRow(lease_,
               "SELECT count(*) FROM storage_sites WHERE organization_id = :org AND id = :id",
               [&](const soci::row& row) { exists = GetInt64(row, 0); });
  if (exists == 0) return false;
  SqlParams p;
  p.Int("org", organization.value)
      .Int("id", site)
      .TextOrNull("hash", token_hash)
      .TextOrNull("at", token_hash.empty() ? "" : now)
      .Text("now", now);
  p.Execute(lease_,
            "UPDATE storage_sites SET display_token_hash = :hash, display_token_created_at = :at, "
            "updated_at = :now WHERE organization_id = :org AND id = :id");
  return true;
}

std::string DepotsRepository::TokenCreatedAt(OrganizationId organization, long long site) {
  std::string at;
  SqlParams p;
  p.Int("org", organization.value).Int("id", site);
  p.ForEachRow(lease_,
               "SELECT CAST(display_token_created_at AS TEXT) FROM storage_sites WHERE "
               "organization_id = :org AND id = :id AND display_token_hash IS NOT NULL",
               [&](const soci::row& row) { at = RowTimestamp(row, 0); });
  return at;
}

std::vector<DisplayMission> DepotsRepository::Missions(OrganizationId organization, long long site,
                                                       const std::string& from,
                                                       const std::string& to, bool departures) {
  std::vector<DisplayMission> out;
  SqlParams p;
  p.Int("org", organization.value)
      .Int("site", site)
      .Int("site2", site)
      .Text("from", from)
      .Text("to", to);
  const std::string when = departures ? "m.starts_at >= :from AND m.starts_at < :to"
                                      : "m.ends_at >= :from AND m.ends_at < :to";
  p.ForEachRow(
      lease_,
      "SELECT m.id, m.title, m.status, CAST(m.starts_at AS TEXT), CAST(m.ends_at AS TEXT), "
      "CASE WHEN m.address <> '' THEN m.address ELSE COALESCE(v.name, '') END, "
      "COALESCE((SELECT COALESCE(u.display_name, p.display_name) FROM mission_crew k LEFT JOIN "
      "users u ON u.id = k.user_id LEFT JOIN crew_profiles p ON p.id = k.crew_profile_id WHERE "
      "k.mission_id = m.id ORDER BY k.is_lead DESC, k.id LIMIT 1), ''), "
      "i.id, i.name, e.quantity, COALESCE(o.quantity, 0) "
      "FROM mission_equipment e JOIN missions m ON m.id = e.mission_id "
      "JOIN equipment_items i ON i.id = e.equipment_item_id "
      "LEFT JOIN venues v ON v.id = m.venue_id "
      "LEFT JOIN equipment_out o ON o.mission_id = e.mission_id AND o.equipment_item_id = "
      "e.equipment_item_id "
      "WHERE e.organization_id = :org AND m.status IN ('planned', 'confirmed', 'in_progress') "
      "AND " +
          when +
          " AND (i.storage_site_id = :site OR EXISTS (SELECT 1 FROM equipment_stock st WHERE "
          "st.equipment_item_id = i.id AND st.storage_site_id = :site2)) "
          "ORDER BY " +
          (departures ? "m.starts_at" : "m.ends_at") + ", m.id, i.category, i.name LIMIT 2000",
      [&](const soci::row& row) {
        const long long id = GetInt64(row, 0);
        if (out.empty() || out.back().mission != id) {
          DisplayMission m;
          m.mission = id;
          m.title = row.get<std::string>(1);
          m.status = row.get<std::string>(2);
          m.starts_at = RowTimestamp(row, 3);
          m.ends_at = RowTimestamp(row, 4);
          m.address = row.get<std::string>(5);
          m.lead_name = row.get<std::string>(6);
          out.push_back(std::move(m));
        }
        out.back().lines.push_back({GetInt64(row, 7), row.get<std::string>(8),
                                    static_cast<int>(GetInt64(row, 9)),
                                    static_cast<int>(GetInt64(row, 10))});
      });
  return out;
}

std::vector<CheckCandidate> DepotsRepository::CheckCandidates(OrganizationId organization) {
  std::vector<CheckCandidate> out;
  SqlParams p;
  p.Int("org", organization.value);
  p.ForEachRow(
      lease_,
      "SELECT i.id, i.name, i.category, i.maintenance_interval_days, CAST(i.created_at AS TEXT), "
      "COALESCE((SELECT CAST(r.next_due_on AS TEXT) FROM maintenance_records r WHERE "
      "r.organization_id = i.organization_id AND r.equipment_item_id = i.id AND r.status = "
      "'done' ORDER BY r.closed_at DESC, r.id DESC LIMIT 1), ''), "
      "COALESCE((SELECT CAST(r.closed_at AS TEXT) FROM maintenance_records r WHERE "
      "r.organization_id = i.organization_id AND r.equipment_item_id = i.id AND r.status = "
      "'done' AND r.kind IN ('check', 'cleaning') ORDER BY r.closed_at DESC, r.id DESC LIMIT "
      "1), ''), "
      "CASE WHEN EXISTS (SELECT 1 FROM maintenance_records r WHERE r.organization_id = "
      "i.organization_id AND r.equipment_item_id = i.id AND r.status = 'open') THEN 1 ELSE 0 "
      "END "
      "FROM equipment_items i WHERE i.organization_id = :org AND i.status <> 'retired' AND "
      "(i.maintenance_interval_days IS NOT NULL OR EXISTS (SELECT 1 FROM maintenance_records r "
      "WHERE r.organization_id = i.organization_id AND r.equipment_item_id = i.id AND "
      "r.next_due_on IS NOT NULL)) ORDER BY i.id LIMIT 5000",
      [&](const soci::row& row) {
        CheckCandidate c;
        c.item = GetInt64(row, 0);
        c.name = row.get<std::string>(1);
        c.category = row.get<std::string>(2);
        if (row.get_indicator(3) != soci::i_null) {
          c.interval_days = static_cast<int>(GetInt64(row, 3));
        }
        c.created_at = RowTimestamp(row, 4);
        c.next_due_on = row.get<std::string>(5).substr(0, 10);
        c.last_check_on = RowTimestamp(row, 6);
        c.open_record = GetInt64(row, 7) != 0;
        out.push_back(std::move(c));
      });
  return out;
}

}  // namespace planify::store
