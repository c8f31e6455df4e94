#include "store/logistics_repository.hpp"

#include <map>

#include "store/planning_repository.hpp"
#include "store/sql_params.hpp"

namespace planify::store {

namespace {

std::optional<long long> OptionalId(const soci::row& row, std::size_t column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  return GetInt64(row, column);
}

constexpr const char* kMovementSelect =
    "SELECT v.id, v.equipment_item_id, i.name, v.mission_id, COALESCE(m.title, ''), v.kind, "
    "v.quantity, COALESCE(v.condition, ''), CAST(v.occurred_at AS TEXT), "
    "v.performed_by_user_id, COALESCE(u.display_name, ''), v.notes, v.kit_id, "
    "COALESCE(k.name, ''), v.from_site_id, COALESCE(sf.name, ''), v.to_site_id, "
    "COALESCE(st.name, ''), v.unit_id, COALESCE(un.serial_number, '') "
    "FROM equipment_movements v "
    "JOIN equipment_items i ON i.id = v.equipment_item_id "
    "LEFT JOIN missions m ON m.id = v.mission_id "
    "LEFT JOIN users u ON u.id = v.performed_by_user_id "
    "LEFT JOIN equipment_kits k ON k.id = v.kit_id "
    "LEFT JOIN storage_sites sf ON sf.id = v.from_site_id "
    "LEFT JOIN storage_sites st ON st.id = v.to_site_id "
    "LEFT JOIN equipment_units un ON un.id = v.unit_id ";

MovementRow ReadMovement(const soci::row& row) {
  MovementRow m;
  m.id = GetInt64(row, 0);
  m.item = GetInt64(row, 1);
  m.item_name = row.get<std::string>(2);
  m.mission = OptionalId(row, 3);
  m.mission_title = row.get<std::string>(4);
  m.kind = row.get<std::string>(5);
  m.quantity = static_cast<int>(GetInt64(row, 6));
  m.condition = row.get<std::string>(7);
  m.occurred_at = RowTimestamp(row, 8);
  m.user = OptionalId(row, 9);
  m.user_name = row.get<std::string>(10);
  m.notes = row.get<std::string>(11);
  m.kit = OptionalId(row, 12);
  m.kit_name = row.get<std::string>(13);
  m.from_site = OptionalId(row, 14);
  m.from_site_name = row.get<std::string>(15);
  m.to_site = OptionalId(row, 16);
  m.to_site_name = row.get<std::string>(17);
  m.unit = OptionalId(row, 18);
  m.unit_serial = row.get<std::string>(19);
  return m;
}

constexpr const char* kMaintenanceSelect =
    "SELECT r.id, r.equipment_item_id, i.name, r.kind, r.status, r.quantity, r.description, "
    "r.vendor_name, r.cost_cents, CAST(r.opened_at AS TEXT), CAST(r.closed_at AS TEXT), "
    "CAST(r.next_due_on AS TEXT), r.mission_id, CAST(r.created_at AS TEXT), "
    "CAST(r.updated_at AS TEXT), r.unit_id, COALESCE(un.serial_number, ''), "
    "COALESCE((SELECT p.sha256 FROM equipment_photos p WHERE p.maintenance_record_id = r.id), "
    "''), CAST(r.expected_back_on AS TEXT) "
    "FROM maintenance_records r LEFT JOIN equipment_units un ON un.id = r.unit_id "
    "JOIN equipment_items i ON i.id = r.equipment_item_id ";

MaintenanceRow ReadMaintenance(const soci::row& row) {
  MaintenanceRow r;
  r.id = GetInt64(row, 0);
  r.item = GetInt64(row, 1);
  r.item_name = row.get<std::string>(2);
  r.kind = row.get<std::string>(3);
  r.status = row.get<std::string>(4);
  r.quantity = static_cast<int>(GetInt64(row, 5));
  r.description = row.get<std::string>(6);
  r.vendor_name = row.get<std::string>(7);
  r.cost_cents = OptionalId(row, 8);
  r.opened_at = RowTimestamp(row, 9);
  r.closed_at = RowTimestamp(row, 10);
  r.next_due_on = RowText(row, 11);
  r.mission = OptionalId(row, 12);
  r.created_at = RowTimestamp(row, 13);
  r.updated_at = RowTimestamp(row, 14);
  r.unit = OptionalId(row, 15);
  r.unit_serial = row.get<std::string>(16);
  r.photo_sha = row.get<std::string>(17);
  r.expected_back_on = RowText(row, 18);
  return r;
}

}  // namespace

std::optional<domain::ItemNow> LogisticsRepository::Item(OrganizationId organization,
                                                         long long id) {
  std::optional<domain::ItemNow> out;
  SqlParams p;
  p.Int("org", organization.value).Int("id", id);
  p.ForEachRow(lease_,
               "SELECT i.id, i.name, i.status, i.quantity_owned, i.quantity_out_of_service, "
               "(SELECT COALESCE(SUM(o.quantity), 0) FROM equipment_out o WHERE "
               "o.organization_id = i.organization_id AND o.equipment_item_id = i.id), i.tracking "
               "FROM equipment_items i WHERE i.organization_id = :org AND i.id = :id",
               [&](const soci::row& row) {
                 domain::ItemNow item;
                 item.id = GetInt64(row, 0);
                 item.name = row.get<std::string>(1);
                 item.status = domain::ParseEquipmentStatus(row.get<std::string>(2))
                                   .value_or(domain::EquipmentStatus::kAvailable);
                 item.owned = static_cast<int>(GetInt64(row, 3));
                 item.out_of_service = static_cast<int>(GetInt64(row, 4));
                 item.out = static_cast<int>(GetInt64(row, 5));
                 item.by_unit = row.get<std::string>(6) == "unit";
                 out = item;
               });
  return out;
}

int LogisticsRepository::OutWith(OrganizationId organization, long long mission, long long item) {
  int out = 0;
  SqlParams p;
  p.Int("org", organization.value).Int("mission", mission).Int("item", item);
  p.ForEachRow(lease_,
               "SELECT quantity FROM equipment_out WHERE mission_id = :mission AND "
               "equipment_item_id = :item AND organization_id = :org",
               [&](const soci::row& row) { out = static_cast<int>(GetInt64(row, 0)); });
  return out;
}

void LogisticsRepository::MoveOut(OrganizationId organization, long long mission, long long item,
                                  int delta, const std::string& now) {
  const int before = OutWith(organization, mission, item);
  const int after = before + delta;
  SqlParams p;
  p.Int("org", organization.value).Int("mission", mission).Int("item", item);
  if (after <= 0) {
    p.Execute(lease_,
              "DELETE FROM equipment_out WHERE mission_id = :mission AND equipment_item_id = "
              ":item AND organization_id = :org");
  } else if (before == 0) {
    p.Int("quantity", after).Text("since", now);
    p.Execute(lease_,
              "INSERT INTO equipment_out (organization_id, mission_id, equipment_item_id, "
              "quantity, since) VALUES (:org, :mission, :item, :quantity, :since)");
  } else {
    p.Int("quantity", after);
    p.Execute(lease_,
              "UPDATE equipment_out SET quantity = :quantity WHERE mission_id = :mission AND "
              "equipment_item_id = :item AND organization_id = :org");
  }
}

void LogisticsRepository::Adjust(OrganizationId organization, long long item, int owned_delta,
                                 int out_of_service_delta, const std::string& now) {
  SqlParams p;
  p.Int("org", organization.value)
      .Int("id", item)
      .Int("owned", owned_delta)
      .Int("oos", out_of_service_delta)
      .Text("now", now);
  p.Execute(lease_,
            "UPDATE equipment_items SET quantity_owned = quantity_owned + :owned, "
            "quantity_out_of_service = quantity_out_of_service + :oos, updated_at = :now "
            "WHERE organization_id = :org AND id = :id");
}

long long LogisticsRepository::Record(OrganizationId organization, const NewMovement& movement,
                                      const std::string& now) {
  SqlParams p;
  p.Int("org", organization.value)
      .Int("item", movement.item)
      .IntOrNull("mission", movement.mission)
      .Text("kind", std::string(domain::MovementKindName(movement.kind)))
      .Int("quantity", movement.quantity)
      .TextOrNull("condition", movement.condition
                                   ? std::string(domain::ReturnConditionName(*movement.condition))
                                   : std::string())
      .Text("occurred_at", movement.occurred_at)
      .IntOrNull("user", movement.user)
      .Text("notes", movement.notes)
      .IntOrNull("kit", movement.kit)
      .IntOrNull("from_site", movement.from_site)
      .IntOrNull("to_site", movement.to_site)
      .IntOrNull("unit", movement.unit)
      .Text("now", now);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO equipment_movements (organization_id, equipment_item_id, mission_id, "
            "kind, quantity, condition, occurred_at, performed_by_user_id, notes, kit_id, "
            "from_site_id, to_site_id, unit_id, created_at) VALUES (:org, :item, :mission, :kind, "
            ":quantity, :condition, :occurred_at, :user, :notes, :kit, :from_site, :to_site, "
            ":unit, :now) RETURNING id",
            &id);
  return id;
}

int LogisticsRepository::LostNotFound(OrganizationId organization, long long item) {
  long long lost = 0;
  SqlParams p;
  p.Int("org", organization.value).Int("item", item);
  p.ForEachRow(lease_,
               "SELECT COALESCE(SUM(CASE WHEN kind = 'loss' OR (kind = 'return' AND condition = "
               "'missing') THEN quantity WHEN kind = 'found' THEN -quantity ELSE 0 END), 0) "
               "FROM equipment_movements WHERE organization_id = :org AND "
               "equipment_item_id = :item",
               [&](const soci::row& row) { lost = GetInt64(row, 0); });
  return static_cast<int>(std::max<long long>(0, lost));
}

std::vector<domain::Unreturned> LogisticsRepository::Unreturned(
    OrganizationId organization, const std::vector<long long>& items) {
  std::vector<domain::Unreturned> out;
  SqlParams p;
  p.Int("org", organization.value);
  std::string sql =
      "SELECT equipment_item_id, quantity, mission_id FROM equipment_out WHERE "
      "organization_id = :org";
  if (!items.empty()) sql += " AND equipment_item_id IN (" + IdList(items) + ")";
  p.ForEachRow(lease_, sql, [&](const soci::row& row) {
    out.push_back({GetInt64(row, 0), static_cast<int>(GetInt64(row, 1)), GetInt64(row, 2)});
  });
  return out;
}

namespace {

constexpr const char* kOutColumns =
    "SELECT o.mission_id, m.title, m.status, CAST(m.ends_at AS TEXT), o.equipment_item_id, "
    "i.name, o.quantity, CAST(o.since AS TEXT), COALESCE((SELECT COALESCE(u.display_name, "
    "p.display_name) FROM mission_crew k LEFT JOIN users u ON u.id = k.user_id LEFT JOIN "
    "crew_profiles p ON p.id = k.crew_profile_id WHERE k.mission_id = m.id ORDER BY k.is_lead "
    "DESC, k.id LIMIT 1), '') FROM equipment_out o "
    "JOIN missions m ON m.id = o.mission_id "
    "JOIN equipment_items i ON i.id = o.equipment_item_id ";

OutRow ReadOut(const soci::row& row) {
  OutRow r;
  r.mission = GetInt64(row, 0);
  r.mission_title = row.get<std::string>(1);
  r.mission_status = row.get<std::string>(2);
  r.mission_ends_at = RowTimestamp(row, 3);
  r.item = GetInt64(row, 4);
  r.item_name = row.get<std::string>(5);
  r.quantity = static_cast<int>(GetInt64(row, 6));
  r.since = RowTimestamp(row, 7);
  r.lead_name = row.get<std::string>(8);
  return r;
}

}  // namespace

std::vector<OutRow> LogisticsRepository::OutOfItem(OrganizationId organization, long long item) {
  std::vector<OutRow> out;
  SqlParams p;
  p.Int("org", organization.value).Int("item", item);
  p.ForEachRow(lease_,
               std::string(kOutColumns) +
                   "WHERE o.organization_id = :org AND o.equipment_item_id = :item "
                   "ORDER BY o.since, o.mission_id",
               [&](const soci::row& row) { out.push_back(ReadOut(row)); });
  return out;
}

namespace {

// The items of a depot: those it is home to and those with units kept there.
constexpr const char* kOfSite =
    "(i.storage_site_id = :site OR EXISTS (SELECT 1 FROM equipment_stock st WHERE "
    "st.equipment_item_id = i.id AND st.storage_site_id = :site2))";

}  // namespace

std::vector<OutRow> LogisticsRepository::OutOfSite(OrganizationId organization, long long site) {
  std::vector<OutRow> out;
  SqlParams p;
  p.Int("org", organization.value).Int("site", site).Int("site2", site);
  p.ForEachRow(lease_,
               std::string(kOutColumns) + "WHERE o.organization_id = :org AND " + kOfSite +
                   " ORDER BY o.since, o.mission_id LIMIT 500",
               [&](const soci::row& row) { out.push_back(ReadOut(row)); });
  return out;
}

std::vector<MaintenanceRow> LogisticsRepository::OpenMaintenanceOfSite(OrganizationId organization,
                                                                       long long site) {
  std::vector<MaintenanceRow> out;
  SqlParams p;
  p.Int("org", organization.value).Int("site", site).Int("site2", site);
  p.ForEachRow(lease_,
               std::string(kMaintenanceSelect) +
                   "WHERE r.organization_id = :org AND r.status = 'open' AND " + kOfSite +
                   " ORDER BY r.opened_at, r.id LIMIT 500",
               [&](const soci::row& row) { out.push_back(ReadMaintenance(row)); });
  return out;
}

std::vector<ScanMission> LogisticsRepository::ScanMissions(OrganizationId organization,
                                                           long long item, const std::string& from,
                                                           const std::string& to,
                                                           long long crew_user, long long limit,
                                                           bool active_only) {
  std::vector<ScanMission> out;
  SqlParams p;
  p.Int("org", organization.value)
      .Int("item", item)
      .Text("from", from)
      .Text("to", to)
      .Int("user", crew_user)
      .Int("user2", crew_user)
      .Int("lim", limit);
  p.ForEachRow(
      lease_,
      "SELECT m.id, m.title, m.status, CAST(m.starts_at AS TEXT), CAST(m.ends_at AS TEXT), "
      "e.quantity, COALESCE(o.quantity, 0) FROM mission_equipment e "
      "JOIN missions m ON m.id = e.mission_id "
      "LEFT JOIN equipment_out o ON o.mission_id = e.mission_id AND o.equipment_item_id = "
      "e.equipment_item_id "
      "WHERE e.organization_id = :org AND e.equipment_item_id = :item AND m.status IN " +
          std::string(active_only
                          ? "('planned', 'confirmed', 'in_progress')"
                          : "('draft', 'planned', 'confirmed', 'in_progress', 'completed')") +
          " AND m.starts_at < :to AND m.ends_at > :from "
          "AND (:user = 0 OR EXISTS (SELECT 1 FROM mission_crew k WHERE k.mission_id = m.id AND "
          "k.user_id = :user2)) ORDER BY m.starts_at, m.id LIMIT :lim",
      [&](const soci::row& row) {
        ScanMission r;
        r.mission = GetInt64(row, 0);
        r.title = row.get<std::string>(1);
        r.status = row.get<std::string>(2);
        r.starts_at = RowTimestamp(row, 3);
        r.ends_at = RowTimestamp(row, 4);
        r.booked = static_cast<int>(GetInt64(row, 5));
        r.out = static_cast<int>(GetInt64(row, 6));
        out.push_back(std::move(r));
      });
  return out;
}

std::vector<OutRow> LogisticsRepository::OutSince(OrganizationId organization,
                                                  const std::string& ended_before) {
  std::vector<OutRow> out;
  SqlParams p;
  p.Int("org", organization.value).Text("before", ended_before);
  p.ForEachRow(lease_,
               std::string(kOutColumns) +
                   "WHERE o.organization_id = :org AND m.ends_at < :before "
                   "ORDER BY m.ends_at, o.mission_id, i.name, o.equipment_item_id",
               [&](const soci::row& row) { out.push_back(ReadOut(row)); });
  return out;
}

std::vector<MissionGearRow> LogisticsRepository::MissionGear(OrganizationId organization,
                                                             long long mission) {
  std::map<long long, MissionGearRow> rows;
  std::vector<long long> order;
  auto row_of = [&](long long item, const std::string& name) -> MissionGearRow& {
    auto [it, inserted] = rows.try_emplace(item);
    if (inserted) {
      it->second.item = item;
      it->second.name = name;
      order.push_back(item);
    }
    return it->second;
  };
  SqlParams p;
  p.Int("org", organization.value).Int("mission", mission);
  p.ForEachRow(lease_,
               "SELECT e.equipment_item_id, i.name, e.quantity FROM mission_equipment e "
               "JOIN equipment_items i ON i.id = e.equipment_item_id WHERE e.mission_id = "
               ":mission AND e.organization_id = :org ORDER BY i.name, e.equipment_item_id",
               [&](const soci::row& row) {
                 row_of(GetInt64(row, 0), row.get<std::string>(1)).booked =
                     static_cast<int>(GetInt64(row, 2));
               });
  p.ForEachRow(lease_,
               "SELECT v.equipment_item_id, i.name, v.kind, COALESCE(v.condition, ''), "
               "SUM(v.quantity) FROM equipment_movements v JOIN equipment_items i ON i.id = "
               "v.equipment_item_id WHERE v.organization_id = :org AND v.mission_id = :mission "
               "GROUP BY v.equipment_item_id, i.name, v.kind, v.condition ORDER BY i.name, "
               "v.equipment_item_id",
               [&](const soci::row& row) {
                 auto& r = row_of(GetInt64(row, 0), row.get<std::string>(1));
                 const auto kind = row.get<std::string>(2);
                 const auto condition = row.get<std::string>(3);
                 const int q = static_cast<int>(GetInt64(row, 4));
                 if (kind == "check_out") r.checked_out += q;
                 if (kind == "return" && condition == "damaged") r.returned_damaged += q;
                 if (kind == "return" && condition == "missing") r.returned_missing += q;
                 if (kind == "return" && condition != "damaged" && condition != "missing") {
                   r.returned_ok += q;
                 }
               });
  p.ForEachRow(lease_,
               "SELECT o.equipment_item_id, i.name, o.quantity FROM equipment_out o JOIN "
               "equipment_items i ON i.id = o.equipment_item_id WHERE o.mission_id = :mission "
               "AND o.organization_id = :org",
               [&](const soci::row& row) {
                 row_of(GetInt64(row, 0), row.get<std::string>(1)).out =
                     static_cast<int>(GetInt64(row, 2));
               });
  std::vector<MissionGearRow> out;
  out.reserve(order.size());
  for (long long item : order) out.push_back(rows[item]);
  return out;
}

std::vector<MovementRow> LogisticsRepository::Movements(OrganizationId organization, long long item,
                                                        long long before_id, long long limit) {
  std::vector<MovementRow> out;
  SqlParams p;
  p.Int("org", organization.value).Int("item", item).Int("limit", limit);
  std::string sql = std::string(kMovementSelect) +
                    "WHERE v.organization_id = :org AND v.equipment_item_id = :item";
  if (before_id > 0) {
    p.Int("before", before_id);
    sql += " AND v.id < :before";
  }
  sql += " ORDER BY v.id DESC LIMIT :limit";
  p.ForEachRow(lease_, sql, [&](const soci::row& row) { out.push_back(ReadMovement(row)); });
  return out;
}

std::vector<MovementRow> LogisticsRepository::MissionMovements(OrganizationId organization,
                                                               long long mission) {
  std::vector<MovementRow> out;
  SqlParams p;
  p.Int("org", organization.value).Int("mission", mission);
  p.ForEachRow(lease_,
               std::string(kMovementSelect) +
                   "WHERE v.organization_id = :org AND v.mission_id = :mission ORDER BY v.id",
               [&](const soci::row& row) { out.push_back(ReadMovement(row)); });
  return out;
}

std::vector<MovementRow> LogisticsRepository::UnitMovements(OrganizationId organization,
                                                            long long unit) {
  std::vector<MovementRow> out;
  SqlParams p;
  p.Int("org", organization.value).Int("unit", unit);
  p.ForEachRow(lease_,
               std::string(kMovementSelect) +
                   "WHERE v.organization_id = :org AND v.unit_id = :unit ORDER BY v.id DESC "
                   "LIMIT 500",
               [&](const soci::row& row) { out.push_back(ReadMovement(row)); });
  return out;
}

std::vector<MaintenanceRow> LogisticsRepository::UnitMaintenance(OrganizationId organization,
                                                                 long long unit) {
  std::vector<MaintenanceRow> out;
  SqlParams p;
  p.Int("org", organization.value).Int("unit", unit);
  p.ForEachRow(lease_,
               std::string(kMaintenanceSelect) +
                   "WHERE r.organization_id = :org AND r.unit_id = :unit ORDER BY r.opened_at "
                   "DESC, r.id DESC LIMIT 500",
               [&](const soci::row& row) { out.push_back(ReadMaintenance(row)); });
  return out;
}

long long LogisticsRepository::OpenMaintenance(OrganizationId organization,
                                               const NewMaintenance& record) {
  SqlParams p;
  p.Int("org", organization.value)
      .Int("item", record.item)
      .Text("kind", record.kind)
      .Int("quantity", record.quantity)
      .Text("description", record.description)
      .Text("vendor", record.vendor_name)
      .TextOrNull("due", record.next_due_on)
      .IntOrNull("mission", record.mission)
      .IntOrNull("user", record.user)
      .IntOrNull("unit", record.unit)
      .TextOrNull("back", record.expected_back_on)
      .Text("now", record.now);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO maintenance_records (organization_id, equipment_item_id, kind, status, "
            "quantity, description, vendor_name, opened_at, next_due_on, mission_id, "
            "performed_by_user_id, unit_id, expected_back_on, created_at, updated_at) VALUES "
            "(:org, :item, :kind, 'open', :quantity, :description, :vendor, :now, :due, :mission, "
            ":user, :unit, :back, :now, :now) "
            "RETURNING id",
            &id);
  return id;
}

std::optional<MaintenanceRow> LogisticsRepository::FindMaintenance(OrganizationId organization,
                                                                   long long id) {
  std::optional<MaintenanceRow> out;
  SqlParams p;
  p.Int("org", organization.value).Int("id", id);
  p.ForEachRow(lease_,
               std::string(kMaintenanceSelect) + "WHERE r.organization_id = :org AND r.id = :id",
               [&](const soci::row& row) { out = ReadMaintenance(row); });
  return out;
}

void LogisticsRepository::CloseMaintenance(OrganizationId organization, long long id,
                                           const std::string& status,
                                           std::optional<long long> cost_cents,
                                           const std::string& next_due_on, const std::string& now) {
  SqlParams p;
  p.Int("org", organization.value)
      .Int("id", id)
      .Text("status", status)
      .IntOrNull("cost", cost_cents)
      .TextOrNull("due", next_due_on)
      .Text("now", now);
  p.Execute(lease_,
            "UPDATE maintenance_records SET status = :status, cost_cents = :cost, "
            "next_due_on = :due, closed_at = :now, updated_at = :now WHERE organization_id = "
            ":org AND id = :id");
}

std::vector<MaintenanceRow> LogisticsRepository::Maintenance(OrganizationId organization,
                                                             long long item, bool open_only) {
  std::vector<MaintenanceRow> out;
  SqlParams p;
  p.Int("org", organization.value);
  std::string sql = std::string(kMaintenanceSelect) + "WHERE r.organization_id = :org";
  if (item > 0) {
    p.Int("item", item);
    sql += " AND r.equipment_item_id = :item";
  }
  if (open_only) sql += " AND r.status = 'open'";
  sql += " ORDER BY r.opened_at DESC, r.id DESC LIMIT 500";
  p.ForEachRow(lease_, sql, [&](const soci::row& row) { out.push_back(ReadMaintenance(row)); });
  return out;
}

std::vector<LabelItem> LogisticsRepository::LabelItems(OrganizationId organization,
                                                       const std::vector<long long>& items,
                                                       long long limit) {
  std::vector<LabelItem> found;
  SqlParams p;
  p.Int("org", organization.value).Int("lim", limit);
  const std::string sql =
      items.empty()
          ? "SELECT id, name, COALESCE(barcode, '') FROM equipment_items WHERE organization_id = "
            ":org AND status <> 'retired' ORDER BY category, name, id LIMIT :lim"
          : "SELECT id, name, COALESCE(barcode, '') FROM equipment_items WHERE organization_id = "
            ":org AND id IN (" +
                IdList(items) + ") LIMIT :lim";
  p.ForEachRow(lease_, sql, [&](const soci::row& row) {
    found.push_back({GetInt64(row, 0), row.get<std::string>(1), row.get<std::string>(2)});
  });
  if (items.empty()) return found;
  // In the order asked for (a sheet follows the user's selection).
  std::vector<LabelItem> ordered;
  for (long long id : items) {
    for (const auto& item : found) {
      if (item.id == id) ordered.push_back(item);
    }
  }
  return ordered;
}

std::optional<std::string> LogisticsRepository::IdempotentScope(OrganizationId organization,
                                                                UserId user,
                                                                const std::string& key) {
  std::optional<std::string> out;
  SqlParams p;
  p.Int("org", organization.value).Int("user", user.value).Text("key", key);
  p.ForEachRow(lease_,
               "SELECT scope FROM idempotency_keys WHERE organization_id = :org AND user_id = "
               ":user AND idem_key = :key",
               [&](const soci::row& row) { out = RowText(row, 0); });
  return out;
}

void LogisticsRepository::RememberIdempotent(OrganizationId organization, UserId user,
                                             const std::string& key, const std::string& scope,
                                             const std::string& now) {
  SqlParams p;
  p.Int("org", organization.value)
      .Int("user", user.value)
      .Text("key", key)
      .Text("scope", scope)
      .Text("now", now);
  p.Execute(lease_,
            "INSERT INTO idempotency_keys (organization_id, user_id, idem_key, scope, created_at) "
            "VALUES (:org, :user, :key, :scope, :now)");
}

}  // namespace planify::store
