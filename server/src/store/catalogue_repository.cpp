#include "store/catalogue_repository.hpp"

#include <sstream>

#include "domain/validation.hpp"

namespace planify::store {

namespace {

constexpr const char* kItemColumns =
    "id, kind, name, description, COALESCE(sku, ''), unit, unit_price_cents, vat_rate_bp, "
    "equipment_item_id, CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END, "
    "CAST(created_at AS TEXT), CAST(updated_at AS TEXT)";

CatalogueRow ReadItem(const soci::row& row) {
  CatalogueRow r;
  std::size_t i = 0;
  r.id = GetInt64(row, i++);
  r.item.kind = row.get<std::string>(i++);
  r.item.name = row.get<std::string>(i++);
  r.item.description = row.get<std::string>(i++);
  r.item.sku = row.get<std::string>(i++);
  r.item.unit = row.get<std::string>(i++);
  r.item.unit_price_cents = GetInt64(row, i++);
  r.item.vat_rate_bp = static_cast<int>(GetInt64(row, i++));
  if (row.get_indicator(i) != soci::i_null) r.item.equipment_item = GetInt64(row, i);
  ++i;
  r.archived = GetInt64(row, i++) != 0;
  r.created_at = RowTimestamp(row, i++);
  r.updated_at = RowTimestamp(row, i);
  return r;
}

constexpr const char* kRuleColumns =
    "id, name, event_type, hourly_rate_cents, minimum_minutes, weekend_surcharge_bp, "
    "holiday_surcharge_bp, night_surcharge_bp, surcharge_mode, night_start_minutes, "
    "night_end_minutes, travel_flat_cents, travel_per_km_cents, travel_free_km, vat_rate_bp, "
    "CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END, CAST(created_at AS TEXT), "
    "CAST(updated_at AS TEXT)";

PricingRuleRow ReadRule(const soci::row& row) {
  PricingRuleRow r;
  auto& p = r.rule;
  std::size_t i = 0;
  auto int_at = [&](std::size_t k) { return static_cast<int>(GetInt64(row, k)); };
  r.id = GetInt64(row, i++);
  p.name = row.get<std::string>(i++);
  p.event_type = row.get<std::string>(i++);
  p.hourly_rate_cents = GetInt64(row, i++);
  p.minimum_minutes = int_at(i++);
  p.weekend_surcharge_bp = int_at(i++);
  p.holiday_surcharge_bp = int_at(i++);
  p.night_surcharge_bp = int_at(i++);
  p.additive = row.get<std::string>(i++) == "additive";
  p.night_start_minutes = int_at(i++);
  p.night_end_minutes = int_at(i++);
  p.travel_base_cents = GetInt64(row, i++);
  p.travel_per_km_cents = GetInt64(row, i++);
  p.free_km = int_at(i++);
  p.vat_rate_bp = int_at(i++);
  r.archived = GetInt64(row, i++) != 0;
  r.created_at = RowTimestamp(row, i++);
  r.updated_at = RowTimestamp(row, i);
  return r;
}

std::string ItemSearchText(const domain::CatalogueItemInput& c) {
  return domain::FoldForSearch(c.name + " " + c.sku + " " + c.description);
}

}  // namespace

long long CatalogueRepository::InsertItem(OrganizationId organization,
                                          const domain::CatalogueItemInput& c,
                                          const std::string& now) {
  long long org = organization.value;
  std::string sku = c.sku;
  soci::indicator sku_ind = c.sku.empty() ? soci::i_null : soci::i_ok;
  long long equipment = c.equipment_item.value_or(0);
  soci::indicator equipment_ind = c.equipment_item ? soci::i_ok : soci::i_null;
  std::string search = ItemSearchText(c);
  long long id = 0;
  *lease_ << "INSERT INTO catalogue_items (organization_id, kind, name, description, sku, unit, "
             "unit_price_cents, vat_rate_bp, equipment_item_id, search_text, created_at, "
             "updated_at) VALUES (:org, :kind, :name, :description, :sku, :unit, :price, :vat, "
             ":equipment, :search, :now, :now2) RETURNING id",
      soci::use(org, "org"), soci::use(c.kind, "kind"), soci::use(c.name, "name"),
      soci::use(c.description, "description"), soci::use(sku, sku_ind, "sku"),
      soci::use(c.unit, "unit"), soci::use(c.unit_price_cents, "price"),
      soci::use(c.vat_rate_bp, "vat"), soci::use(equipment, equipment_ind, "equipment"),
      soci::use(search, "search"), soci::use(now, "now"), soci::use(now, "now2"), soci::into(id);
  return id;
}

bool CatalogueRepository::UpdateItem(OrganizationId organization, long long id,
                                     const domain::CatalogueItemInput& c, const std::string& now) {
  long long org = organization.value;
  std::string sku = c.sku;
  soci::indicator sku_ind = c.sku.empty() ? soci::i_null : soci::i_ok;
  long long equipment = c.equipment_item.value_or(0);
  soci::indicator equipment_ind = c.equipment_item ? soci::i_ok : soci::i_null;
  std::string search = ItemSearchText(c);
  soci::statement st =
      (lease_->prepare << "UPDATE catalogue_items SET kind = :kind, name = :name, description = "
                          ":description, sku = :sku, unit = :unit, unit_price_cents = :price, "
                          "vat_rate_bp = :vat, equipment_item_id = :equipment, search_text = "
                          ":search, updated_at = :now WHERE id = :id AND organization_id = :org",
       soci::use(c.kind, "kind"), soci::use(c.name, "name"),
       soci::use(c.description, "description"), soci::use(sku, sku_ind, "sku"),
       soci::use(c.unit, "unit"), soci::use(c.unit_price_cents, "price"),
       soci::use(c.vat_rate_bp, "vat"), soci::use(equipment, equipment_ind, "equipment"),
       soci::use(search, "search"), soci::use(now, "now"), soci::use(id, "id"),
       soci::use(org, "org"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::optional<CatalogueRow> CatalogueRepository::FindItem(OrganizationId organization,
                                                          long long id) {
  long long org = organization.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string("SELECT ") + kItemColumns +
                              " FROM catalogue_items WHERE id = :id AND organization_id = :org",
       soci::use(id, "id"), soci::use(org, "org"));
  for (const auto& row : rows) return ReadItem(row);
  return std::nullopt;
}

Page<CatalogueRow> CatalogueRepository::ListItems(OrganizationId organization,
                                                  const std::string& query, const std::string& kind,
                                                  bool include_archived, long long limit,
                                                  long long offset) {
  long long org = organization.value;
  std::vector<std::string> w;
  std::istringstream words(query);
  std::string word;
  while (words >> word && w.size() < 5) w.push_back("%" + word + "%");
  while (w.size() < 5) w.emplace_back("%");
  std::string where =
      std::string(
          " FROM catalogue_items WHERE organization_id = :org AND (:kind = '' OR kind = "
          ":kind2) AND search_text LIKE :w0 AND search_text LIKE :w1 AND search_text "
          "LIKE :w2 AND search_text LIKE :w3 AND search_text LIKE :w4") +
      (include_archived ? "" : " AND archived_at IS NULL");
  Page<CatalogueRow> page;
  *lease_ << "SELECT count(*)" + where, soci::use(org, "org"), soci::use(kind, "kind"),
      soci::use(kind, "kind2"), soci::use(w[0], "w0"), soci::use(w[1], "w1"), soci::use(w[2], "w2"),
      soci::use(w[3], "w3"), soci::use(w[4], "w4"), soci::into(page.total);
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string("SELECT ") + kItemColumns + where +
                              " ORDER BY name, id LIMIT :lim OFFSET :off",
       soci::use(org, "org"), soci::use(kind, "kind"), soci::use(kind, "kind2"),
       soci::use(w[0], "w0"), soci::use(w[1], "w1"), soci::use(w[2], "w2"), soci::use(w[3], "w3"),
       soci::use(w[4], "w4"), soci::use(limit, "lim"), soci::use(offset, "off"));
  for (const auto& row : rows) page.items.push_back(ReadItem(row));
  return page;
}

bool CatalogueRepository::SetItemArchived(OrganizationId organization, long long id, bool archived,
                                          const std::string& now) {
  long long org = organization.value;
  std::string stamp = now;
  soci::indicator ind = archived ? soci::i_ok : soci::i_null;
  soci::statement st =
      (lease_->prepare << "UPDATE catalogue_items SET archived_at = :archived, updated_at = :now "
                          "WHERE id = :id AND organization_id = :org",
       soci::use(stamp, ind, "archived"), soci::use(now, "now"), soci::use(id, "id"),
       soci::use(org, "org"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

bool CatalogueRepository::SkuTaken(OrganizationId organization, const std::string& sku,
                                   long long exclude_id) {
  if (sku.empty()) return false;
  long long org = organization.value;
  long long n = 0;
  *lease_ << "SELECT count(*) FROM catalogue_items WHERE organization_id = :org AND sku = :sku "
             "AND id <> :ex",
      soci::use(org, "org"), soci::use(sku, "sku"), soci::use(exclude_id, "ex"), soci::into(n);
  return n > 0;
}

long long CatalogueRepository::InsertRule(OrganizationId organization, const domain::PricingRule& p,
                                          const std::string& now) {
  long long org = organization.value;
  std::string mode = p.additive ? "additive" : "compound";
  long long id = 0;
  *lease_ << "INSERT INTO pricing_rules (organization_id, name, event_type, hourly_rate_cents, "
             "minimum_minutes, weekend_surcharge_bp, holiday_surcharge_bp, night_surcharge_bp, "
             "surcharge_mode, night_start_minutes, night_end_minutes, travel_flat_cents, "
             "travel_per_km_cents, travel_free_km, vat_rate_bp, created_at, updated_at) VALUES "
             "(:org, :name, :etype, :rate, :min, :we, :hol, :night, :mode, :ns, :ne, :tflat, "
             ":tkm, :tfree, :vat, :now, :now2) RETURNING id",
      soci::use(org, "org"), soci::use(p.name, "name"), soci::use(p.event_type, "etype"),
      soci::use(p.hourly_rate_cents, "rate"), soci::use(p.minimum_minutes, "min"),
      soci::use(p.weekend_surcharge_bp, "we"), soci::use(p.holiday_surcharge_bp, "hol"),
      soci::use(p.night_surcharge_bp, "night"), soci::use(mode, "mode"),
      soci::use(p.night_start_minutes, "ns"), soci::use(p.night_end_minutes, "ne"),
      soci::use(p.travel_base_cents, "tflat"), soci::use(p.travel_per_km_cents, "tkm"),
      soci::use(p.free_km, "tfree"), soci::use(p.vat_rate_bp, "vat"), soci::use(now, "now"),
      soci::use(now, "now2"), soci::into(id);
  return id;
}

bool CatalogueRepository::UpdateRule(OrganizationId organization, long long id,
                                     const domain::PricingRule& p, const std::string& now) {
  long long org = organization.value;
  std::string mode = p.additive ? "additive" : "compound";
  soci::statement st =
      (lease_->prepare
           << "UPDATE pricing_rules SET name = :name, event_type = :etype, hourly_rate_cents = "
              ":rate, minimum_minutes = :min, weekend_surcharge_bp = :we, holiday_surcharge_bp = "
              ":hol, night_surcharge_bp = :night, surcharge_mode = :mode, night_start_minutes = "
              ":ns, night_end_minutes = :ne, travel_flat_cents = :tflat, travel_per_km_cents = "
              ":tkm, travel_free_km = :tfree, vat_rate_bp = :vat, updated_at = :now WHERE id = "
              ":id AND organization_id = :org",
       soci::use(p.name, "name"), soci::use(p.event_type, "etype"),
       soci::use(p.hourly_rate_cents, "rate"), soci::use(p.minimum_minutes, "min"),
       soci::use(p.weekend_surcharge_bp, "we"), soci::use(p.holiday_surcharge_bp, "hol"),
       soci::use(p.night_surcharge_bp, "night"), soci::use(mode, "mode"),
       soci::use(p.night_start_minutes, "ns"), soci::use(p.night_end_minutes, "ne"),
       soci::use(p.travel_base_cents, "tflat"), soci::use(p.travel_per_km_cents, "tkm"),
       soci::use(p.free_km, "tfree"), soci::use(p.vat_rate_bp, "vat"), soci::use(now, "now"),
       soci::use(id, "id"), soci::use(org, "org"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::optional<PricingRuleRow> CatalogueRepository::FindRule(OrganizationId organization,
                                                            long long id) {
  long long org = organization.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string("SELECT ") + kRuleColumns +
                              " FROM pricing_rules WHERE id = :id AND organization_id = :org",
       soci::use(id, "id"), soci::use(org, "org"));
  for (const auto& row : rows) return ReadRule(row);
  return std::nullopt;
}

std::vector<PricingRuleRow> CatalogueRepository::ListRules(OrganizationId organization,
                                                           bool include_archived) {
  long long org = organization.value;
  std::vector<PricingRuleRow> out;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string("SELECT ") + kRuleColumns +
                              " FROM pricing_rules WHERE organization_id = :org" +
                              (include_archived ? "" : " AND archived_at IS NULL") +
                              " ORDER BY name, id",
       soci::use(org, "org"));
  for (const auto& row : rows) out.push_back(ReadRule(row));
  return out;
}

bool CatalogueRepository::SetRuleArchived(OrganizationId organization, long long id, bool archived,
                                          const std::string& now) {
  long long org = organization.value;
  std::string stamp = now;
  soci::indicator ind = archived ? soci::i_ok : soci::i_null;
  soci::statement st =
      (lease_->prepare << "UPDATE pricing_rules SET archived_at = :archived, updated_at = :now "
                          "WHERE id = :id AND organization_id = :org",
       soci::use(stamp, ind, "archived"), soci::use(now, "now"), soci::use(id, "id"),
       soci::use(org, "org"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

}  // namespace planify::store
