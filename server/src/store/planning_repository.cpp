#include "store/planning_repository.hpp"

#include <nlohmann/json.hpp>

#include <sstream>

#include "domain/validation.hpp"
#include "store/sql_params.hpp"
#include "store/units_repository.hpp"

namespace planify::store {

namespace {

// Up to 5 folded words, each a bound LIKE pattern ("%" pads the unused ones). Folded text holds
// only [a-z0-9 ], so no LIKE wildcard can come from the user.
std::vector<std::string> WordPatterns(const std::string& folded) {
  std::vector<std::string> patterns;
  std::istringstream words(folded);
  std::string word;
  while (words >> word && patterns.size() < 5) patterns.push_back("%" + word + "%");
  while (patterns.size() < 5) patterns.emplace_back("%");
  return patterns;
}

constexpr const char* kWordsWhere =
    " AND search_text LIKE :w0 AND search_text LIKE :w1 AND search_text LIKE :w2 AND "
    "search_text LIKE :w3 AND search_text LIKE :w4";

std::string PlaceSearchText(const domain::PlaceInput& p) {
  return domain::FoldForSearch(p.name + " " + p.address.line1 + " " + p.address.postal_code + " " +
                               p.address.city);
}

PlaceRow ReadPlace(const soci::row& row) {
  PlaceRow r;
  std::size_t i = 0;
  r.id = GetInt64(row, i++);
  r.place.name = row.get<std::string>(i++);
  r.place.address.line1 = row.get<std::string>(i++);
  r.place.address.line2 = row.get<std::string>(i++);
  r.place.address.postal_code = row.get<std::string>(i++);
  r.place.address.city = row.get<std::string>(i++);
  r.place.address.country = row.get<std::string>(i++);
  r.place.notes = row.get<std::string>(i++);
  r.archived = GetInt64(row, i++) != 0;
  r.created_at = RowTimestamp(row, i++);
  r.updated_at = RowTimestamp(row, i);
  return r;
}

constexpr const char* kPlaceColumns =
    "id, name, line1, line2, postal_code, city, country, notes, "
    "CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END, CAST(created_at AS TEXT), "
    "CAST(updated_at AS TEXT)";

constexpr const char* kEquipmentColumns =
    "e.id, e.name, e.category, e.storage_site_id, e.quantity_owned, e.quantity_out_of_service, "
    "e.status, e.rental_price_cents, e.notes, COALESCE(e.barcode, ''), COALESCE(s.name, ''), "
    "CAST(e.created_at AS TEXT), e.maintenance_interval_days, e.brand, e.model, e.vat_rate_bp, "
    "e.replacement_value_cents, e.weight_grams, "
    "CAST(e.updated_at AS TEXT), e.tracking, COALESCE((SELECT p.sha256 FROM equipment_photos p "
    "WHERE p.equipment_item_id = e.id AND p.maintenance_record_id IS NULL), '') "
    "FROM equipment_items e LEFT JOIN storage_sites s ON s.id = e.storage_site_id";

EquipmentRow ReadEquipment(const soci::row& row) {
  EquipmentRow r;
  std::size_t i = 0;
  r.id = GetInt64(row, i++);
  r.item.name = row.get<std::string>(i++);
  r.item.category = row.get<std::string>(i++);
  if (row.get_indicator(i) != soci::i_null) r.item.storage_site = GetInt64(row, i);
  ++i;
  r.item.quantity_owned = static_cast<int>(GetInt64(row, i++));
  r.item.quantity_out_of_service = static_cast<int>(GetInt64(row, i++));
  r.item.status = domain::ParseEquipmentStatus(row.get<std::string>(i++))
                      .value_or(domain::EquipmentStatus::kAvailable);
  r.item.rental_price_cents = GetInt64(row, i++);
  r.item.notes = row.get<std::string>(i++);
  r.item.barcode = row.get<std::string>(i++);
  r.storage_site_name = row.get<std::string>(i++);
  r.created_at = RowTimestamp(row, i++);
  if (row.get_indicator(i) != soci::i_null) {
    r.item.maintenance_interval_days = static_cast<int>(GetInt64(row, i));
  }
  ++i;
  r.item.brand = row.get<std::string>(i++);
  r.item.model = row.get<std::string>(i++);
  if (row.get_indicator(i) != soci::i_null) r.item.vat_rate_bp = static_cast<int>(GetInt64(row, i));
  ++i;
  if (row.get_indicator(i) != soci::i_null) r.item.replacement_value_cents = GetInt64(row, i);
  ++i;
  if (row.get_indicator(i) != soci::i_null)
    r.item.weight_grams = static_cast<int>(GetInt64(row, i));
  ++i;
  r.updated_at = RowTimestamp(row, i++);
  r.item.tracking =
      domain::ParseTracking(row.get<std::string>(i++)).value_or(domain::Tracking::kStock);
  r.photo_sha = row.get<std::string>(i);
  return r;
}

std::string EquipmentSearchText(const domain::EquipmentInput& e) {
  return domain::FoldForSearch(e.name + " " + e.category + " " + e.barcode + " " + e.brand + " " +
                               e.model);
}

}  // namespace

std::string IdList(const std::vector<long long>& ids) {
  std::string out;
  for (long long id : ids) {
    if (!out.empty()) out += ",";
    out += std::to_string(id);
  }
  return out.empty() ? "0" : out;
}

// ---- places

const char* PlacesRepository::Table() const {
  return kind_ == PlaceKind::kVenue ? "venues" : "storage_sites";
}

long long PlacesRepository::Insert(OrganizationId organization, const domain::PlaceInput& p,
                                   const std::string& now) {
  long long org = organization.value;
  std::string search = PlaceSearchText(p);
  long long id = 0;
  *lease_ << std::string("INSERT INTO ") + Table() +
                 " (organization_id, name, line1, line2, postal_code, city, country, notes, "
                 "search_text, created_at, updated_at) VALUES (:org, :name, :l1, :l2, :pc, "
                 ":city, :country, :notes, :search, :now, :now2) RETURNING id",
      soci::use(org, "org"), soci::use(p.name, "name"), soci::use(p.address.line1, "l1"),
      soci::use(p.address.line2, "l2"), soci::use(p.address.postal_code, "pc"),
      soci::use(p.address.city, "city"), soci::use(p.address.country, "country"),
      soci::use(p.notes, "notes"), soci::use(search, "search"), soci::use(now, "now"),
      soci::use(now, "now2"), soci::into(id);
  return id;
}

bool PlacesRepository::Update(OrganizationId organization, long long id,
                              const domain::PlaceInput& p, const std::string& now) {
  long long org = organization.value;
  std::string search = PlaceSearchText(p);
  soci::statement st =
      (lease_->prepare << std::string("UPDATE ") + Table() +
                              " SET name = :name, line1 = :l1, line2 = :l2, postal_code = :pc, "
                              "city = :city, country = :country, notes = :notes, search_text = "
                              ":search, updated_at = :now WHERE id = :id AND organization_id = "
                              ":org",
       soci::use(p.name, "name"), soci::use(p.address.line1, "l1"),
       soci::use(p.address.line2, "l2"), soci::use(p.address.postal_code, "pc"),
       soci::use(p.address.city, "city"), soci::use(p.address.country, "country"),
       soci::use(p.notes, "notes"), soci::use(search, "search"), soci::use(now, "now"),
       soci::use(id, "id"), soci::use(org, "org"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::optional<PlaceRow> PlacesRepository::Find(OrganizationId organization, long long id) {
  long long org = organization.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string("SELECT ") + kPlaceColumns + " FROM " + Table() +
                              " WHERE id = :id AND organization_id = :org",
       soci::use(id, "id"), soci::use(org, "org"));
  for (const auto& row : rows) return ReadPlace(row);
  return std::nullopt;
}

Page<PlaceRow> PlacesRepository::List(OrganizationId organization, const std::string& query,
                                      bool include_archived, long long limit, long long offset) {
  long long org = organization.value;
  auto w = WordPatterns(query);
  std::string where = std::string(" FROM ") + Table() + " WHERE organization_id = :org" +
                      kWordsWhere + (include_archived ? "" : " AND archived_at IS NULL");
  Page<PlaceRow> page;
  *lease_ << "SELECT count(*)" + where, soci::use(org, "org"), soci::use(w[0], "w0"),
      soci::use(w[1], "w1"), soci::use(w[2], "w2"), soci::use(w[3], "w3"), soci::use(w[4], "w4"),
      soci::into(page.total);
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string("SELECT ") + kPlaceColumns + where +
                              " ORDER BY name, id LIMIT :lim OFFSET :off",
       soci::use(org, "org"), soci::use(w[0], "w0"), soci::use(w[1], "w1"), soci::use(w[2], "w2"),
       soci::use(w[3], "w3"), soci::use(w[4], "w4"), soci::use(limit, "lim"),
       soci::use(offset, "off"));
  for (const auto& row : rows) page.items.push_back(ReadPlace(row));
  return page;
}

bool PlacesRepository::SetArchived(OrganizationId organization, long long id, bool archived,
                                   const std::string& now) {
  long long org = organization.value;
  std::string stamp = now;
  soci::indicator ind = archived ? soci::i_ok : soci::i_null;
  soci::statement st =
      (lease_->prepare << std::string("UPDATE ") + Table() +
                              " SET archived_at = :archived, updated_at = :now WHERE id = :id "
                              "AND organization_id = :org",
       soci::use(stamp, ind, "archived"), soci::use(now, "now"), soci::use(id, "id"),
       soci::use(org, "org"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

// ---- equipment

namespace {

// The columns an equipment line's input sets, bound by name (insert and update alike).
SqlParams EquipmentParams(const domain::EquipmentInput& e, const std::string& units_search) {
  SqlParams p;
  p.Text("name", e.name)
      .Text("cat", e.category)
      .IntOrNull("site", e.storage_site)
      .Int("owned", e.quantity_owned)
      .Int("oos", e.quantity_out_of_service)
      .Text("status", std::string(domain::EquipmentStatusName(e.status)))
      .Int("price", e.rental_price_cents)
      .Text("notes", e.notes)
      .TextOrNull("code", e.barcode)
      .IntOrNull("every", e.maintenance_interval_days)
      .Text("brand", e.brand)
      .Text("model", e.model)
      .IntOrNull("vat", e.vat_rate_bp)
      .IntOrNull("worth", e.replacement_value_cents)
      .IntOrNull("weight", e.weight_grams)
      .Text("tracking", std::string(domain::TrackingName(e.tracking)))
      .Text("search", EquipmentSearchText(e) + " " + domain::FoldForSearch(units_search));
  return p;
}

}  // namespace

long long EquipmentRepository::Insert(OrganizationId organization, const domain::EquipmentInput& e,
                                      const std::string& now) {
  auto p = EquipmentParams(e, "");
  p.Int("org", organization.value).Text("now", now);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO equipment_items (organization_id, name, category, storage_site_id, "
            "quantity_owned, quantity_out_of_service, status, rental_price_cents, notes, barcode, "
            "maintenance_interval_days, brand, model, vat_rate_bp, replacement_value_cents, "
            "weight_grams, tracking, search_text, created_at, updated_at) VALUES (:org, :name, "
            ":cat, :site, :owned, :oos, :status, :price, :notes, :code, :every, :brand, :model, "
            ":vat, :worth, :weight, :tracking, :search, :now, :now) RETURNING id",
            &id);
  return id;
}

bool EquipmentRepository::Update(OrganizationId organization, long long id,
                                 const domain::EquipmentInput& e, const std::string& now) {
  if (!Find(organization, id)) return false;
  auto p = EquipmentParams(e, UnitsRepository(lease_).SearchText(organization, id));
  p.Int("org", organization.value).Int("id", id).Text("now", now);
  p.Execute(lease_,
            "UPDATE equipment_items SET name = :name, category = :cat, storage_site_id = :site, "
            "quantity_owned = :owned, quantity_out_of_service = :oos, status = :status, "
            "rental_price_cents = :price, notes = :notes, barcode = :code, "
            "maintenance_interval_days = :every, brand = :brand, model = :model, "
            "vat_rate_bp = :vat, replacement_value_cents = :worth, weight_grams = :weight, "
            "tracking = :tracking, search_text = :search, updated_at = :now WHERE id = :id AND "
            "organization_id = :org");
  return true;
}

void EquipmentRepository::RefreshSearch(OrganizationId organization, long long id) {
  auto row = Find(organization, id);
  if (!row) return;
  SqlParams p;
  p.Int("org", organization.value)
      .Int("id", id)
      .Text("search",
            EquipmentSearchText(row->item) + " " +
                domain::FoldForSearch(UnitsRepository(lease_).SearchText(organization, id)));
  p.Execute(lease_,
            "UPDATE equipment_items SET search_text = :search WHERE id = :id AND "
            "organization_id = :org");
}

std::optional<EquipmentRow> EquipmentRepository::Find(OrganizationId organization, long long id) {
  long long org = organization.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string("SELECT ") + kEquipmentColumns +
                              " WHERE e.id = :id AND e.organization_id = :org",
       soci::use(id, "id"), soci::use(org, "org"));
  for (const auto& row : rows) return ReadEquipment(row);
  return std::nullopt;
}

Page<EquipmentRow> EquipmentRepository::List(OrganizationId organization, const std::string& query,
                                             const std::string& category, bool include_retired,
                                             long long limit, long long offset,
                                             const EquipmentFilter& filter) {
  long long org = organization.value;
  auto w = WordPatterns(query);
  std::string where =
      std::string(
          " WHERE e.organization_id = :org AND (:cat = '' OR e.category = :cat2) AND "
          "e.search_text LIKE :w0 AND e.search_text LIKE :w1 AND e.search_text LIKE :w2 "
          "AND e.search_text LIKE :w3 AND e.search_text LIKE :w4") +
      (include_retired || filter.state == "retired" ? "" : " AND e.status <> 'retired'");
  // Both from fixed text: the site is an integer, the state one of four words.
  if (filter.site > 0) {
    const std::string site = std::to_string(filter.site);
    where += " AND (e.storage_site_id = " + site +
             " OR EXISTS (SELECT 1 FROM equipment_stock st WHERE st.equipment_item_id = e.id AND "
             "st.storage_site_id = " +
             site + "))";
  }
  if (filter.state == "available") {
    where += " AND e.status = 'available'";
  } else if (filter.state == "maintenance") {
    where += " AND (e.status = 'maintenance' OR e.quantity_out_of_service > 0)";
  } else if (filter.state == "out") {
    where += " AND EXISTS (SELECT 1 FROM equipment_out o WHERE o.equipment_item_id = e.id)";
  } else if (filter.state == "retired") {
    where += " AND e.status = 'retired'";
  }
  Page<EquipmentRow> page;
  *lease_ << "SELECT count(*) FROM equipment_items e" + where, soci::use(org, "org"),
      soci::use(category, "cat"), soci::use(category, "cat2"), soci::use(w[0], "w0"),
      soci::use(w[1], "w1"), soci::use(w[2], "w2"), soci::use(w[3], "w3"), soci::use(w[4], "w4"),
      soci::into(page.total);
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string("SELECT ") + kEquipmentColumns + where +
                              " ORDER BY e.category, e.name, e.id LIMIT :lim OFFSET :off",
       soci::use(org, "org"), soci::use(category, "cat"), soci::use(category, "cat2"),
       soci::use(w[0], "w0"), soci::use(w[1], "w1"), soci::use(w[2], "w2"), soci::use(w[3], "w3"),
       soci::use(w[4], "w4"), soci::use(limit, "lim"), soci::use(offset, "off"));
  for (const auto& row : rows) page.items.push_back(ReadEquipment(row));
  return page;
}

std::vector<domain::EquipmentStock> EquipmentRepository::Stock(OrganizationId organization,
                                                               const std::vector<long long>& items,
                                                               const std::string& available_on) {
  std::vector<domain::EquipmentStock> out;
  if (items.empty()) return out;
  // Units of open records expected back by `available_on` ("9999-12-31" when none is asked:
  // a date no record is back by).
  SqlParams p;
  p.Int("org", organization.value).Text("day", available_on.empty() ? "9999-12-31" : available_on);
  p.ForEachRow(
      lease_,
      "SELECT e.id, e.name, e.quantity_owned, e.quantity_out_of_service, e.status, "
      "(SELECT COALESCE(SUM(r.quantity), 0) FROM maintenance_records r WHERE "
      "r.organization_id = e.organization_id AND r.equipment_item_id = e.id AND "
      "r.status = 'open' AND r.expected_back_on IS NOT NULL AND r.expected_back_on <= :day) "
      "FROM equipment_items e WHERE e.organization_id = :org AND e.id IN (" +
          IdList(items) + ")",
      [&](const soci::row& row) {
        const int owned = static_cast<int>(GetInt64(row, 2));
        const int back = static_cast<int>(GetInt64(row, 5));
        const int out_of_service = std::max(0, static_cast<int>(GetInt64(row, 3)) - back);
        auto status = domain::ParseEquipmentStatus(row.get<std::string>(4))
                          .value_or(domain::EquipmentStatus::kAvailable);
        out.push_back({GetInt64(row, 0), row.get<std::string>(1), owned,
                       domain::UnlendableQuantity(status, owned, out_of_service)});
      });
  return out;
}

std::optional<EquipmentRow> EquipmentRepository::FindByBarcode(OrganizationId organization,
                                                               const std::string& barcode) {
  long long org = organization.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string("SELECT ") + kEquipmentColumns +
                              " WHERE e.organization_id = :org AND e.barcode = :code",
       soci::use(org, "org"), soci::use(barcode, "code"));
  for (const auto& row : rows) return ReadEquipment(row);
  return std::nullopt;
}

std::vector<std::string> EquipmentRepository::Categories(OrganizationId organization) {
  long long org = organization.value;
  std::vector<std::string> out;
  soci::rowset<soci::row> rows =
      (lease_->prepare << "SELECT name FROM equipment_categories WHERE organization_id = :org "
                          "ORDER BY position, name",
       soci::use(org, "org"));
  for (const auto& row : rows) out.push_back(row.get<std::string>(0));
  return out;
}

// ---- unavailability, fields, settings, members

long long PlanningRepository::InsertUnavailability(OrganizationId organization,
                                                   const domain::UnavailabilityInput& u,
                                                   UserId created_by, const std::string& now) {
  long long org = organization.value;
  long long by = created_by.value;
  std::string start = domain::FormatIsoUtc(u.starts_at);
  std::string end = domain::FormatIsoUtc(u.ends_at);
  long long id = 0;
  *lease_ << "INSERT INTO crew_unavailability (organization_id, user_id, starts_at, ends_at, "
             "reason, created_by_user_id, created_at) VALUES (:org, :user, :start, :end, "
             ":reason, :by, :now) RETURNING id",
      soci::use(org, "org"), soci::use(u.user, "user"), soci::use(start, "start"),
      soci::use(end, "end"), soci::use(u.reason, "reason"), soci::use(by, "by"),
      soci::use(now, "now"), soci::into(id);
  return id;
}

namespace {

constexpr const char* kUnavailabilitySelect =
    "SELECT c.id, c.user_id, CAST(c.starts_at AS TEXT), CAST(c.ends_at AS TEXT), c.reason, "
    "u.display_name, CAST(c.created_at AS TEXT), c.source FROM crew_unavailability c JOIN users u "
    "ON u.id = c.user_id";

UnavailabilityRow ReadUnavailability(const soci::row& row) {
  UnavailabilityRow r;
  r.id = GetInt64(row, 0);
  r.period.user = GetInt64(row, 1);
  r.period.starts_at = domain::ParseIsoUtc(RowTimestamp(row, 2)).value_or(domain::Timestamp{});
  r.period.ends_at = domain::ParseIsoUtc(RowTimestamp(row, 3)).value_or(domain::Timestamp{});
  r.period.reason = row.get<std::string>(4);
  r.user_name = row.get<std::string>(5);
  r.created_at = RowTimestamp(row, 6);
  r.source = row.get<std::string>(7);
  return r;
}

}  // namespace

std::optional<UnavailabilityRow> PlanningRepository::FindUnavailability(OrganizationId organization,
                                                                        long long id) {
  long long org = organization.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string(kUnavailabilitySelect) +
                              " WHERE c.id = :id AND c.organization_id = :org",
       soci::use(id, "id"), soci::use(org, "org"));
  for (const auto& row : rows) return ReadUnavailability(row);
  return std::nullopt;
}

bool PlanningRepository::DeleteUnavailability(OrganizationId organization, long long id) {
  long long org = organization.value;
  soci::statement st =
      (lease_->prepare
           << "DELETE FROM crew_unavailability WHERE id = :id AND organization_id = :org",
       soci::use(id, "id"), soci::use(org, "org"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<UnavailabilityRow> PlanningRepository::Unavailability(OrganizationId organization,
                                                                  const std::string& from,
                                                                  const std::string& to,
                                                                  long long user) {
  long long org = organization.value;
  std::vector<UnavailabilityRow> out;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string(kUnavailabilitySelect) +
                              " WHERE c.organization_id = :org AND c.starts_at < :to AND "
                              "c.ends_at > :from AND (:user = 0 OR c.user_id = :user2) ORDER BY "
                              "c.starts_at, c.id",
       soci::use(org, "org"), soci::use(to, "to"), soci::use(from, "from"), soci::use(user, "user"),
       soci::use(user, "user2"));
  for (const auto& row : rows) out.push_back(ReadUnavailability(row));
  return out;
}

std::vector<domain::CustomFieldDefinition> PlanningRepository::FieldDefinitions(
    OrganizationId organization) {
  long long org = organization.value;
  std::vector<domain::CustomFieldDefinition> out;
  soci::rowset<soci::row> rows =
      (lease_->prepare << "SELECT key, label, field_type, CAST(options AS TEXT), required FROM "
                          "mission_field_definitions WHERE organization_id = :org ORDER BY "
                          "position, id",
       soci::use(org, "org"));
  for (const auto& row : rows) {
    domain::CustomFieldDefinition d;
    d.key = row.get<std::string>(0);
    d.label = row.get<std::string>(1);
    d.type = row.get<std::string>(2);
    auto options = nlohmann::json::parse(row.get<std::string>(3), nullptr, false);
    if (options.is_array()) {
      for (const auto& o : options) {
        if (o.is_string()) d.options.push_back(o.get<std::string>());
      }
    }
    d.required = GetInt64(row, 4) != 0;
    out.push_back(std::move(d));
  }
  return out;
}

void PlanningRepository::ReplaceFieldDefinitions(
    OrganizationId organization, const std::vector<domain::CustomFieldDefinition>& definitions,
    const std::string& now) {
  long long org = organization.value;
  *lease_ << "DELETE FROM mission_field_definitions WHERE organization_id = :org",
      soci::use(org, "org");
  for (std::size_t i = 0; i < definitions.size(); ++i) {
    const auto& d = definitions[i];
    long long position = static_cast<long long>(i);
    std::string options = nlohmann::json(d.options).dump();
    int required = d.required ? 1 : 0;
    *lease_ << "INSERT INTO mission_field_definitions (organization_id, key, label, field_type, "
               "options, required, position, created_at) VALUES (:org, :key, :label, :type, "
               ":options, :required, :pos, :now)",
        soci::use(org, "org"), soci::use(d.key, "key"), soci::use(d.label, "label"),
        soci::use(d.type, "type"), soci::use(options, "options"), soci::use(required, "required"),
        soci::use(position, "pos"), soci::use(now, "now");
  }
}

PlanningSettings PlanningRepository::Settings(OrganizationId organization) {
  long long org = organization.value;
  PlanningSettings s;
  int travel = 0;
  int prep = 720;
  int ret = 720;
  *lease_ << "SELECT crew_travel_buffer_minutes, equipment_prep_minutes, "
             "equipment_return_minutes, time_zone, terminology, client_terminology, "
             "crew_terminology FROM organizations WHERE id = :org",
      soci::use(org, "org"), soci::into(travel), soci::into(prep), soci::into(ret),
      soci::into(s.time_zone), soci::into(s.terms.mission), soci::into(s.terms.client),
      soci::into(s.terms.crew);
  s.policy.crew_travel_buffer = std::chrono::minutes(travel);
  s.policy.equipment_prep = std::chrono::minutes(prep);
  s.policy.equipment_return = std::chrono::minutes(ret);
  return s;
}

void PlanningRepository::UpdateBuffers(OrganizationId organization,
                                       const domain::ConflictPolicy& policy,
                                       const std::string& now) {
  long long org = organization.value;
  int travel = static_cast<int>(policy.crew_travel_buffer.count());
  int prep = static_cast<int>(policy.equipment_prep.count());
  int ret = static_cast<int>(policy.equipment_return.count());
  *lease_ << "UPDATE organizations SET crew_travel_buffer_minutes = :travel, "
             "equipment_prep_minutes = :prep, equipment_return_minutes = :ret, updated_at = :now "
             "WHERE id = :org",
      soci::use(travel, "travel"), soci::use(prep, "prep"), soci::use(ret, "ret"),
      soci::use(now, "now"), soci::use(org, "org");
}

std::map<long long, std::string> PlanningRepository::MemberNames(
    OrganizationId organization, const std::vector<long long>& users) {
  long long org = organization.value;
  std::map<long long, std::string> out;
  if (users.empty()) return out;
  soci::rowset<soci::row> rows =
      (lease_->prepare << "SELECT u.id, u.display_name FROM users u JOIN memberships m ON "
                          "m.user_id = u.id WHERE m.organization_id = :org AND u.id IN (" +
                              IdList(users) + ")",
       soci::use(org, "org"));
  for (const auto& row : rows) out[GetInt64(row, 0)] = row.get<std::string>(1);
  return out;
}

}  // namespace planify::store
