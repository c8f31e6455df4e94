#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

struct CategoryRow {
  long long id = 0;
  std::string name;
  int position = 0;
  long long items = 0;  // equipment lines in it (retired ones included)
};

// The organisation's managed list of equipment categories (docs/equipment.md). Items carry the
// category's name; a rename renames it on them.
class CategoriesRepository {
 public:
  explicit CategoriesRepository(Lease& lease) : lease_(lease) {}

  // By position, then name.
  [[nodiscard]] std::vector<CategoryRow> List(OrganizationId organization);
  [[nodiscard]] std::optional<CategoryRow> Find(OrganizationId organization, long long id);
  [[nodiscard]] std::optional<CategoryRow> FindByName(OrganizationId organization,
                                                      const std::string& name);
  [[nodiscard]] long long Insert(OrganizationId organization, const std::string& name, int position,
                                 const std::string& now);
  void Update(OrganizationId organization, long long id, const std::string& name, int position,
              const std::string& now);
  void Delete(OrganizationId organization, long long id);
  // The ids of the items filed under `name`.
  [[nodiscard]] std::vector<long long> ItemsIn(OrganizationId organization,
                                               const std::string& name);

 private:
  Lease& lease_;
};

}  // namespace planify::store
