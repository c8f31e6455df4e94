#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "domain/kits.hpp"
#include "store/database.hpp"

namespace planify::store {

struct KitItemRow {
  long long item = 0;
  std::string name;
  int quantity = 0;
  int on_shelf = 0;  // units of the item on the shelf now
};

struct KitRow {
  long long id = 0;
  std::string name;
  std::string barcode;
  std::optional<long long> storage_site;
  std::string storage_site_name;
  std::string notes;
  bool archived = false;
  std::vector<KitItemRow> items;
  std::string created_at;
  std::string updated_at;
};

// Kits: named sets of items that go out together (docs/equipment.md).
class KitsRepository {
 public:
  explicit KitsRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] long long Insert(OrganizationId organization, const domain::KitInput& kit,
                                 const std::string& now);
  // Replaces the name, depot, notes and components; false when not in this organisation.
  bool Update(OrganizationId organization, long long id, const domain::KitInput& kit,
              const std::string& now);
  bool SetArchived(OrganizationId organization, long long id, bool archived,
                   const std::string& now);
  [[nodiscard]] std::optional<KitRow> Find(OrganizationId organization, long long id);
  // Kits by name, archived ones only when asked.
  [[nodiscard]] std::vector<KitRow> List(OrganizationId organization, bool include_archived);
  [[nodiscard]] std::optional<KitRow> FindByBarcode(OrganizationId organization,
                                                    const std::string& barcode);
  // The components of these kits (archived ones excluded), kit by kit.
  [[nodiscard]] std::map<long long, std::vector<domain::KitComponent>> Components(
      OrganizationId organization, const std::vector<long long>& kits);

 private:
  void WriteItems(long long kit, const domain::KitInput& input);
  void LoadItems(OrganizationId organization, std::vector<KitRow>& kits);
  Lease& lease_;
};

}  // namespace planify::store
