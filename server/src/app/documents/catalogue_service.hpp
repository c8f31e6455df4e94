#pragma once

#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "store/catalogue_repository.hpp"

namespace planify::app {

// A quote line suggested by a pricing rule.
struct SuggestedLine {
  std::string kind;  // service, travel
  std::string description;
  std::string unit;  // hour, km, flat
  long long quantity_milli = 0;
  long long unit_price_cents = 0;
  int vat_rate_bp = 2000;
  long long net_cents = 0;
};

struct PriceSuggestion {
  domain::PricedMission priced;
  std::vector<SuggestedLine> lines;
  long long net_cents = 0;
};

// The catalogue and the pricing grid of the caller's organisation. Another organisation's ids
// are NOT_FOUND.
class CatalogueService {
 public:
  CatalogueService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  [[nodiscard]] Result<store::CatalogueRow> CreateItem(const Principal& actor,
                                                       domain::CatalogueItemInput input);
  [[nodiscard]] Result<store::CatalogueRow> UpdateItem(const Principal& actor, long long id,
                                                       domain::CatalogueItemInput input);
  [[nodiscard]] Result<store::CatalogueRow> GetItem(const Principal& actor, long long id);
  [[nodiscard]] Result<store::Page<store::CatalogueRow>> ListItems(
      const Principal& actor, const std::string& query, const std::string& kind,
      bool include_archived, long long limit, long long offset);
  [[nodiscard]] Result<void> ArchiveItem(const Principal& actor, long long id, bool archived);

  [[nodiscard]] Result<store::PricingRuleRow> CreateRule(const Principal& actor,
                                                         domain::PricingRule rule);
  [[nodiscard]] Result<store::PricingRuleRow> UpdateRule(const Principal& actor, long long id,
                                                         domain::PricingRule rule);
  [[nodiscard]] Result<store::PricingRuleRow> GetRule(const Principal& actor, long long id);
  [[nodiscard]] Result<std::vector<store::PricingRuleRow>> ListRules(const Principal& actor,
                                                                     bool include_archived);
  [[nodiscard]] Result<void> ArchiveRule(const Principal& actor, long long id, bool archived);

  // Prices a mission (its stored times) or a time range with a rule, in the organisation's
  // zone: the quote lines it suggests (performance, travel). NOT_FOUND for another
  // organisation's rule; VALIDATION on `mission_id` for a mission that is not the organisation's.
  [[nodiscard]] Result<PriceSuggestion> Price(const Principal& actor, long long rule_id,
                                              long long mission_id, domain::Timestamp start,
                                              domain::Timestamp end, int distance_km);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace planify::app
