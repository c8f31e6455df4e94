#include "store/units_repository.hpp"

#include "store/sql_params.hpp"

namespace planify::store {

namespace {

constexpr const char* kUnitSelect =
    "SELECT u.id, u.equipment_item_id, i.name, u.serial_number, COALESCE(u.barcode, ''), "
    "u.condition, u.status, u.storage_site_id, COALESCE(s.name, ''), u.mission_id, "
    "COALESCE(m.title, ''), u.notes, CAST(u.created_at AS TEXT), CAST(u.updated_at AS TEXT) "
    "FROM equipment_units u JOIN equipment_items i ON i.id = u.equipment_item_id "
    "LEFT JOIN storage_sites s ON s.id = u.storage_site_id "
    "LEFT JOIN missions m ON m.id = u.mission_id ";

UnitRow ReadUnit(const soci::row& row) {
  UnitRow u;
  u.id = GetInt64(row, 0);
  u.item = GetInt64(row, 1);
  u.item_name = row.get<std::string>(2);
  u.serial_number = row.get<std::string>(3);
  u.barcode = row.get<std::string>(4);
  u.condition = row.get<std::string>(5);
  u.status =
      domain::ParseUnitStatus(row.get<std::string>(6)).value_or(domain::UnitStatus::kAvailable);
  if (row.get_indicator(7) != soci::i_null) u.storage_site = GetInt64(row, 7);
  u.storage_site_name = row.get<std::string>(8);
  if (row.get_indicator(9) != soci::i_null) u.mission = GetInt64(row, 9);
  u.mission_title = row.get<std::string>(10);
  u.notes = row.get<std::string>(11);
  u.created_at = RowTimestamp(row, 12);
  u.updated_at = RowTimestamp(row, 13);
  return u;
}

}  // namespace

domain::UnitNow UnitRow::Now() const {
  return {id,     item,    domain::UnitLabel(item_name, serial_number, id),
          status, mission, mission_title};
}

long long UnitsRepository::Insert(OrganizationId organization, long long item,
                                  const domain::UnitInput& unit, domain::UnitStatus status,
                                  std::optional<long long> mission,
                                  std::optional<long long> storage_site, const std::string& now) {
  SqlParams p;
  p.Int("org", organization.value)
      .Int("item", item)
      .Text("serial", unit.serial_number)
      .TextOrNull("code", unit.barcode)
      .Text("status", std::string(domain::UnitStatusName(status)))
      .IntOrNull("mission", mission)
      .IntOrNull("site", storage_site)
      .Text("notes", unit.notes)
      .Text("now", now);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO equipment_units (organization_id, equipment_item_id, serial_number, "
            "barcode, condition, status, storage_site_id, mission_id, notes, created_at, "
            "updated_at) VALUES (:org, :item, :serial, :code, 'ok', :status, :site, :mission, "
            ":notes, :now, :now) RETURNING id",
            &id);
  return id;
}

void UnitsRepository::Update(OrganizationId organization, long long id,
                             const domain::UnitInput& unit, const std::string& now) {
  SqlParams p;
  p.Int("org", organization.value)
      .Int("id", id)
      .Text("serial", unit.serial_number)
      .TextOrNull("code", unit.barcode)
      .Text("notes", unit.notes)
      .Text("now", now);
  p.Execute(lease_,
            "UPDATE equipment_units SET serial_number = :serial, barcode = :code, notes = :notes, "
            "updated_at = :now WHERE organization_id = :org AND id = :id");
}

void UnitsRepository::SetState(OrganizationId organization, long long id, domain::UnitStatus status,
                               const std::string& condition, std::optional<long long> mission,
                               const std::string& now) {
  SqlParams p;
  p.Int("org", organization.value)
      .Int("id", id)
      .Text("status", std::string(domain::UnitStatusName(status)))
      .TextOrNull("cond", condition)
      .IntOrNull("mission", mission)
      .Text("now", now);
  p.Execute(lease_,
            "UPDATE equipment_units SET status = :status, condition = COALESCE(:cond, condition), "
            "mission_id = "
            ":mission, updated_at = :now WHERE organization_id = :org AND id = :id");
}

void UnitsRepository::SetSite(OrganizationId organization, long long id,
                              std::optional<long long> site, const std::string& now) {
  SqlParams p;
  p.Int("org", organization.value).Int("id", id).IntOrNull("site", site).Text("now", now);
  p.Execute(lease_,
            "UPDATE equipment_units SET storage_site_id = :site, updated_at = :now "
            "WHERE organization_id = :org AND id = :id");
}

std::optional<UnitRow> UnitsRepository::Find(OrganizationId organization, long long id) {
  std::optional<UnitRow> out;
  SqlParams p;
  p.Int("org", organization.value).Int("id", id);
  p.ForEachRow(lease_, std::string(kUnitSelect) + "WHERE u.organization_id = :org AND u.id = :id",
               [&](const soci::row& row) { out = ReadUnit(row); });
  return out;
}

std::optional<UnitRow> UnitsRepository::FindByBarcode(OrganizationId organization,
                                                      const std::string& barcode) {
  std::optional<UnitRow> out;
  SqlParams p;
  p.Int("org", organization.value).Text("code", barcode);
  p.ForEachRow(lease_,
               std::string(kUnitSelect) + "WHERE u.organization_id = :org AND u.barcode = :code",
               [&](const soci::row& row) { out = ReadUnit(row); });
  return out;
}

std::optional<UnitRow> UnitsRepository::FindBySerial(OrganizationId organization,
                                                     const std::string& serial) {
  std::vector<UnitRow> rows;
  SqlParams p;
  p.Int("org", organization.value).Text("serial", serial);
  p.ForEachRow(lease_,
               std::string(kUnitSelect) +
                   "WHERE u.organization_id = :org AND u.serial_number = :serial AND "
                   "u.serial_number <> '' AND u.status <> 'retired' LIMIT 2",
               [&](const soci::row& row) { rows.push_back(ReadUnit(row)); });
  if (rows.size() != 1) return std::nullopt;
  return rows.front();
}

std::vector<UnitRow> UnitsRepository::OfItem(OrganizationId organization, long long item,
                                             bool include_retired) {
  std::vector<UnitRow> out;
  SqlParams p;
  p.Int("org", organization.value).Int("item", item);
  p.ForEachRow(lease_,
               std::string(kUnitSelect) +
                   "WHERE u.organization_id = :org AND u.equipment_item_id = :item" +
                   (include_retired ? "" : " AND u.status <> 'retired'") + " ORDER BY u.id",
               [&](const soci::row& row) { out.push_back(ReadUnit(row)); });
  return out;
}

std::vector<UnitRow> UnitsRepository::OfMission(OrganizationId organization, long long mission) {
  std::vector<UnitRow> out;
  SqlParams p;
  p.Int("org", organization.value).Int("mission", mission);
  p.ForEachRow(lease_,
               std::string(kUnitSelect) +
                   "WHERE u.organization_id = :org AND u.mission_id = :mission AND "
                   "u.status = 'out' ORDER BY i.name, u.equipment_item_id, u.id",
               [&](const soci::row& row) { out.push_back(ReadUnit(row)); });
  return out;
}

std::vector<long long> UnitsRepository::Candidates(OrganizationId organization, long long item,
                                                   domain::UnitStatus status,
                                                   std::optional<long long> mission,
                                                   long long limit) {
  std::vector<long long> out;
  SqlParams p;
  p.Int("org", organization.value)
      .Int("item", item)
      .Text("status", std::string(domain::UnitStatusName(status)))
      .Int("lim", limit);
  std::string sql =
      "SELECT id FROM equipment_units WHERE organization_id = :org AND equipment_item_id = :item "
      "AND status = :status";
  if (mission) {
    p.Int("mission", *mission);
    sql += " AND mission_id = :mission";
  }
  p.ForEachRow(lease_, sql + " ORDER BY id LIMIT :lim",
               [&](const soci::row& row) { out.push_back(GetInt64(row, 0)); });
  return out;
}

std::vector<long long> UnitsRepository::InMaintenanceWithoutRecord(OrganizationId organization,
                                                                   long long item,
                                                                   long long limit) {
  std::vector<long long> out;
  SqlParams p;
  p.Int("org", organization.value).Int("item", item).Int("lim", limit);
  p.ForEachRow(lease_,
               "SELECT u.id FROM equipment_units u WHERE u.organization_id = :org AND "
               "u.equipment_item_id = :item AND u.status = 'maintenance' AND NOT EXISTS (SELECT 1 "
               "FROM maintenance_records r WHERE r.unit_id = u.id AND r.status = 'open') "
               "ORDER BY u.id LIMIT :lim",
               [&](const soci::row& row) { out.push_back(GetInt64(row, 0)); });
  return out;
}

int UnitsRepository::Count(OrganizationId organization, long long item, domain::UnitStatus status) {
  long long n = 0;
  SqlParams p;
  p.Int("org", organization.value)
      .Int("item", item)
      .Text("status", std::string(domain::UnitStatusName(status)));
  p.ForEachRow(lease_,
               "SELECT count(*) FROM equipment_units WHERE organization_id = :org AND "
               "equipment_item_id = :item AND status = :status",
               [&](const soci::row& row) { n = GetInt64(row, 0); });
  return static_cast<int>(n);
}

std::string UnitsRepository::SearchText(OrganizationId organization, long long item) {
  std::string out;
  SqlParams p;
  p.Int("org", organization.value).Int("item", item);
  p.ForEachRow(lease_,
               "SELECT serial_number, COALESCE(barcode, '') FROM equipment_units WHERE "
               "organization_id = :org AND equipment_item_id = :item AND status <> 'retired' "
               "ORDER BY id",
               [&](const soci::row& row) {
                 out += " " + row.get<std::string>(0) + " " + row.get<std::string>(1);
               });
  return out;
}

}  // namespace planify::store
