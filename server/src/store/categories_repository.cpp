#include "store/categories_repository.hpp"

#include "store/sql_params.hpp"

namespace planify::store {

namespace {

constexpr const char* kSelect =
    "SELECT c.id, c.name, c.position, (SELECT count(*) FROM equipment_items e WHERE "
    "e.organization_id = c.organization_id AND e.category = c.name) FROM equipment_categories c ";

CategoryRow Read(const soci::row& row) {
  return {GetInt64(row, 0), row.get<std::string>(1), static_cast<int>(GetInt64(row, 2)),
          GetInt64(row, 3)};
}

}  // namespace

std::vector<CategoryRow> CategoriesRepository::List(OrganizationId organization) {
  std::vector<CategoryRow> out;
  SqlParams p;
  p.Int("org", organization.value);
  p.ForEachRow(lease_,
               std::string(kSelect) +
                   "WHERE c.organization_id = :org ORDER BY c.position, c.name LIMIT 1000",
               [&](const soci::row& row) { out.push_back(Read(row)); });
  return out;
}

std::optional<CategoryRow> CategoriesRepository::Find(OrganizationId organization, long long id) {
  std::optional<CategoryRow> out;
  SqlParams p;
  p.Int("org", organization.value).Int("id", id);
  p.ForEachRow(lease_, std::string(kSelect) + "WHERE c.organization_id = :org AND c.id = :id",
               [&](const soci::row& row) { out = Read(row); });
  return out;
}

std::optional<CategoryRow> CategoriesRepository::FindByName(OrganizationId organization,
                                                            const std::string& name) {
  std::optional<CategoryRow> out;
  SqlParams p;
  p.Int("org", organization.value).Text("name", name);
  p.ForEachRow(lease_, std::string(kSelect) + "WHERE c.organization_id = :org AND c.name = :name",
               [&](const soci::row& row) { out = Read(row); });
  return out;
}

long long CategoriesRepository::Insert(OrganizationId organization, const std::string& name,
                                       int position, const std::string& now) {
  SqlParams p;
  p.Int("org", organization.value).Text("name", name).Int("pos", position).Text("now", now);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO equipment_categories (organization_id, name, position, created_at, "
            "updated_at) VALUES (:org, :name, :pos, :now, :now) RETURNING id",
            &id);
  return id;
}

void CategoriesRepository::Update(OrganizationId organization, long long id,
                                  const std::string& name, int position, const std::string& now) {
  SqlParams p;
  p.Int("org", organization.value)
      .Int("id", id)
      .Text("name", name)
      .Int("pos", position)
      .Text("now", now);
  p.Execute(lease_,
            "UPDATE equipment_categories SET name = :name, position = :pos, updated_at = :now "
            "WHERE organization_id = :org AND id = :id");
}

void CategoriesRepository::Delete(OrganizationId organization, long long id) {
  SqlParams p;
  p.Int("org", organization.value).Int("id", id);
  p.Execute(lease_, "DELETE FROM equipment_categories WHERE organization_id = :org AND id = :id");
}

std::vector<long long> CategoriesRepository::ItemsIn(OrganizationId organization,
                                                     const std::string& name) {
  std::vector<long long> out;
  SqlParams p;
  p.Int("org", organization.value).Text("name", name);
  p.ForEachRow(lease_,
               "SELECT id FROM equipment_items WHERE organization_id = :org AND category = :name "
               "ORDER BY id",
               [&](const soci::row& row) { out.push_back(GetInt64(row, 0)); });
  return out;
}

}  // namespace planify::store
