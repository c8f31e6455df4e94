#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/catalogue.hpp"
#include "domain/ids.hpp"
#include "domain/pricing.hpp"
#include "store/database.hpp"
#include "store/planning_repository.hpp"

namespace planify::store {

struct CatalogueRow {
  long long id = 0;
  domain::CatalogueItemInput item;
  bool archived = false;
  std::string created_at;
  std::string updated_at;
};

struct PricingRuleRow {
  long long id = 0;
  domain::PricingRule rule;
  bool archived = false;
  std::string created_at;
  std::string updated_at;
};

// The catalogue and the pricing grid of one organisation, on the caller's lease.
class CatalogueRepository {
 public:
  explicit CatalogueRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] long long InsertItem(OrganizationId organization,
                                     const domain::CatalogueItemInput& item,
                                     const std::string& now);
  bool UpdateItem(OrganizationId organization, long long id, const domain::CatalogueItemInput& item,
                  const std::string& now);
  [[nodiscard]] std::optional<CatalogueRow> FindItem(OrganizationId organization, long long id);
  // By name; `query` folded, every word must appear; `kind` "" for all.
  [[nodiscard]] Page<CatalogueRow> ListItems(OrganizationId organization, const std::string& query,
                                             const std::string& kind, bool include_archived,
                                             long long limit, long long offset);
  bool SetItemArchived(OrganizationId organization, long long id, bool archived,
                       const std::string& now);
  // Another item of the organisation already has this reference.
  [[nodiscard]] bool SkuTaken(OrganizationId organization, const std::string& sku,
                              long long exclude_id);

  [[nodiscard]] long long InsertRule(OrganizationId organization, const domain::PricingRule& rule,
                                     const std::string& now);
  bool UpdateRule(OrganizationId organization, long long id, const domain::PricingRule& rule,
                  const std::string& now);
  [[nodiscard]] std::optional<PricingRuleRow> FindRule(OrganizationId organization, long long id);
  [[nodiscard]] std::vector<PricingRuleRow> ListRules(OrganizationId organization,
                                                      bool include_archived);
  bool SetRuleArchived(OrganizationId organization, long long id, bool archived,
                       const std::string& now);

 private:
  Lease& lease_;
};

}  // namespace planify::store
