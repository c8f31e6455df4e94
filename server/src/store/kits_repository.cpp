#include "store/kits_repository.hpp"

#include "store/planning_repository.hpp"
#include "store/sql_params.hpp"

namespace planify::store {

namespace {

constexpr const char* kKitSelect =
    "SELECT k.id, k.name, COALESCE(k.barcode, ''), k.storage_site_id, COALESCE(s.name, ''), "
    "k.notes, CASE WHEN k.archived_at IS NULL THEN 0 ELSE 1 END, CAST(k.created_at AS TEXT), "
    "CAST(k.updated_at AS TEXT) FROM equipment_kits k "
    "LEFT JOIN storage_sites s ON s.id = k.storage_site_id ";

KitRow ReadKit(const soci::row& row) {
  KitRow k;
  k.id = GetInt64(row, 0);
  k.name = row.get<std::string>(1);
  k.barcode = row.get<std::string>(2);
  if (row.get_indicator(3) != soci::i_null) k.storage_site = GetInt64(row, 3);
  k.storage_site_name = row.get<std::string>(4);
  k.notes = row.get<std::string>(5);
  k.archived = GetInt64(row, 6) != 0;
  k.created_at = RowTimestamp(row, 7);
  k.updated_at = RowTimestamp(row, 8);
  return k;
}

}  // namespace

long long KitsRepository::Insert(OrganizationId organization, const domain::KitInput& kit,
                                 const std::string& now) {
  SqlParams p;
  p.Int("org", organization.value)
      .Text("name", kit.name)
      .TextOrNull("code", kit.barcode)
      .IntOrNull("site", kit.storage_site)
      .Text("notes", kit.notes)
      .Text("now", now);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO equipment_kits (organization_id, name, barcode, storage_site_id, notes, "
            "created_at, updated_at) VALUES (:org, :name, :code, :site, :notes, :now, :now) "
            "RETURNING id",
            &id);
  WriteItems(id, kit);
  return id;
}

bool KitsRepository::Update(OrganizationId organization, long long id, const domain::KitInput& kit,
                            const std::string& now) {
  if (!Find(organization, id)) return false;
  SqlParams p;
  p.Int("org", organization.value)
      .Int("id", id)
      .Text("name", kit.name)
      .TextOrNull("code", kit.barcode)
      .IntOrNull("site", kit.storage_site)
      .Text("notes", kit.notes)
      .Text("now", now);
  p.Execute(lease_,
            "UPDATE equipment_kits SET name = :name, barcode = :code, storage_site_id = :site, "
            "notes = :notes, updated_at = :now WHERE organization_id = :org AND id = :id");
  SqlParams del;
  del.Int("id", id);
  del.Execute(lease_, "DELETE FROM equipment_kit_items WHERE kit_id = :id");
  WriteItems(id, kit);
  return true;
}

void KitsRepository::WriteItems(long long kit, const domain::KitInput& input) {
  for (std::size_t i = 0; i < input.items.size(); ++i) {
    SqlParams p;
    p.Int("kit", kit)
        .Int("item", input.items[i].item)
        .Int("qty", input.items[i].quantity)
        .Int("pos", static_cast<long long>(i));
    p.Execute(lease_,
              "INSERT INTO equipment_kit_items (kit_id, equipment_item_id, quantity, position) "
              "VALUES (:kit, :item, :qty, :pos)");
  }
}

bool KitsRepository::SetArchived(OrganizationId organization, long long id, bool archived,
                                 const std::string& now) {
  if (!Find(organization, id)) return false;
  SqlParams p;
  p.Int("org", organization.value)
      .Int("id", id)
      .TextOrNull("at", archived ? now : "")
      .Text("now", now);
  p.Execute(lease_,
            "UPDATE equipment_kits SET archived_at = :at, updated_at = :now WHERE "
            "organization_id = :org AND id = :id");
  return true;
}

void KitsRepository::LoadItems(OrganizationId organization, std::vector<KitRow>& kits) {
  if (kits.empty()) return;
  std::vector<long long> ids;
  ids.reserve(kits.size());
  for (const auto& k : kits) ids.push_back(k.id);
  SqlParams p;
  p.Int("org", organization.value);
  // On the shelf: owned, less out of service (everything when not available), less out.
  p.ForEachRow(
      lease_,
      "SELECT ki.kit_id, ki.equipment_item_id, e.name, ki.quantity, "
      "CASE WHEN e.status = 'available' THEN e.quantity_owned - e.quantity_out_of_service - "
      "COALESCE((SELECT SUM(o.quantity) FROM equipment_out o WHERE o.organization_id = "
      "e.organization_id AND o.equipment_item_id = e.id), 0) ELSE 0 END "
      "FROM equipment_kit_items ki JOIN equipment_items e ON e.id = ki.equipment_item_id "
      "WHERE e.organization_id = :org AND ki.kit_id IN (" +
          IdList(ids) + ") ORDER BY ki.kit_id, ki.position",
      [&](const soci::row& row) {
        const long long kit = GetInt64(row, 0);
        for (auto& k : kits) {
          if (k.id != kit) continue;
          k.items.push_back({GetInt64(row, 1), row.get<std::string>(2),
                             static_cast<int>(GetInt64(row, 3)),
                             std::max(0, static_cast<int>(GetInt64(row, 4)))});
        }
      });
}

std::optional<KitRow> KitsRepository::Find(OrganizationId organization, long long id) {
  std::vector<KitRow> found;
  SqlParams p;
  p.Int("org", organization.value).Int("id", id);
  p.ForEachRow(lease_, std::string(kKitSelect) + "WHERE k.organization_id = :org AND k.id = :id",
               [&](const soci::row& row) { found.push_back(ReadKit(row)); });
  if (found.empty()) return std::nullopt;
  LoadItems(organization, found);
  return found.front();
}

std::vector<KitRow> KitsRepository::List(OrganizationId organization, bool include_archived) {
  std::vector<KitRow> found;
  SqlParams p;
  p.Int("org", organization.value);
  p.ForEachRow(lease_,
               std::string(kKitSelect) + "WHERE k.organization_id = :org" +
                   (include_archived ? "" : " AND k.archived_at IS NULL") +
                   " ORDER BY k.name, k.id LIMIT 1000",
               [&](const soci::row& row) { found.push_back(ReadKit(row)); });
  LoadItems(organization, found);
  return found;
}

std::optional<KitRow> KitsRepository::FindByBarcode(OrganizationId organization,
                                                    const std::string& barcode) {
  std::optional<long long> id;
  SqlParams p;
  p.Int("org", organization.value).Text("code", barcode);
  p.ForEachRow(lease_,
               "SELECT id FROM equipment_kits WHERE organization_id = :org AND barcode = :code",
               [&](const soci::row& row) { id = GetInt64(row, 0); });
  if (!id) return std::nullopt;
  return Find(organization, *id);
}

std::map<long long, std::vector<domain::KitComponent>> KitsRepository::Components(
    OrganizationId organization, const std::vector<long long>& kits) {
  std::map<long long, std::vector<domain::KitComponent>> out;
  if (kits.empty()) return out;
  SqlParams p;
  p.Int("org", organization.value);
  p.ForEachRow(
      lease_,
      "SELECT ki.kit_id, ki.equipment_item_id, ki.quantity FROM equipment_kit_items ki "
      "JOIN equipment_kits k ON k.id = ki.kit_id WHERE k.organization_id = :org AND "
      "k.archived_at IS NULL AND k.id IN (" +
          IdList(kits) + ") ORDER BY ki.kit_id, ki.position",
      [&](const soci::row& row) {
        out[GetInt64(row, 0)].push_back({GetInt64(row, 1), static_cast<int>(GetInt64(row, 2))});
      });
  return out;
}

}  // namespace planify::store
