#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "app/ports.hpp"
#include "domain/search.hpp"
#include "store/search_repository.hpp"

namespace planify::app {

struct SearchGroup {
  domain::SearchKind kind = domain::SearchKind::kClient;
  std::vector<store::SearchHit> items;  // best first
  std::vector<int> ranks;               // domain::SearchRank of each item
  bool more = false;                    // more hits than the limit
};

struct SearchResults {
  std::vector<SearchGroup> groups;  // the group holding the best hit first; empty groups left out
};

// The search box (docs/search.md): every kind the caller may read, each searched on its own.
class SearchService {
 public:
  SearchService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  static constexpr int kMaxLimit = 20;

  // Up to `limit` hits per kind; `only` searches one kind (FORBIDDEN when the role may not read
  // it). Kinds the role may not read are not searched; crew members find their own missions.
  [[nodiscard]] Result<SearchResults> Search(const Principal& actor, std::string_view text,
                                             std::optional<domain::SearchKind> only, int limit);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace planify::app
