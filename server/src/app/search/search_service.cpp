#include "app/search/search_service.hpp"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <set>

#include "domain/local_time.hpp"
#include "domain/permissions.hpp"
#include "store/planning_repository.hpp"

namespace planify::app {

namespace {

using domain::Permission;
using domain::SearchKind;

// Candidates read per kind before ranking: the newest matches of a common word.
constexpr int kCandidates = 50;

// Whether the caller may read a kind, and for missions whether only their own.
struct Reach {
  bool allowed = false;
  bool own_missions = false;
};

Reach ReachOf(const Principal& actor, SearchKind kind) {
  switch (kind) {
    case SearchKind::kClient:
      return {actor.Can(Permission::kClientsRead), false};
    case SearchKind::kMission:
      if (actor.Can(Permission::kMissionsReadAll)) return {true, false};
      return {actor.Can(Permission::kMissionsReadOwn), true};
    case SearchKind::kQuote:
      return {actor.Can(Permission::kQuotesManage), false};
    case SearchKind::kInvoice:
      return {actor.Can(Permission::kInvoicesManage), false};
    case SearchKind::kEquipment:
      return {actor.Can(Permission::kEquipmentRead), false};
    case SearchKind::kVenue:
      return {actor.Can(Permission::kMissionsReadAll), false};
  }
  return {};
}

void AddAll(std::vector<long long>& ids, const std::vector<long long>& more) {
  for (long long id : more) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
}

}  // namespace

Result<SearchResults> SearchService::Search(const Principal& actor, std::string_view text,
                                            std::optional<SearchKind> only, int limit) {
  const auto org = *actor.organization;
  if (only && !ReachOf(actor, *only).allowed) {
    return Fail(ErrorCode::kForbidden, "Votre rôle ne permet pas de chercher parmi ces objets.");
  }
  limit = std::clamp(limit, 1, kMaxLimit);
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<SearchResults> {
    store::PlanningRepository planning(lease);
    const std::string zone = planning.Settings(org).time_zone;
    const domain::Timestamp now = clock_.Now();
    const std::chrono::year_month_day today{
        std::chrono::floor<std::chrono::days>(now + domain::UtcOffset(zone, now))};
    auto query = domain::ParseSearchQuery(text, today);
    if (!query) return Fail(query.error());
    SearchResults results;
    if (query->empty()) return results;
    store::SearchRepository repo(lease);
    const int fetch = std::max(kCandidates, limit + 1);
    for (SearchKind kind : domain::kSearchKinds) {
      if (only && kind != *only) continue;
      const Reach reach = ReachOf(actor, kind);
      if (!reach.allowed) continue;
      const long long crew = reach.own_missions ? actor.user.value : 0;
      const bool document = kind == SearchKind::kQuote || kind == SearchKind::kInvoice;
      std::vector<long long> ids;
      std::set<long long> on_the_day;
      if (document && !query->number.empty()) {
        AddAll(ids, repo.DocumentsByNumber(org, kind, query->number));
      }
      if (document && query->amount) {
        AddAll(ids, repo.DocumentsByAmount(org, kind, *query->amount, limit + 1));
      }
      if (kind == SearchKind::kMission && query->date) {
        const auto day = std::chrono::sys_days(*query->date);
        const auto from =
            domain::FromLocal(zone, std::chrono::local_seconds(day.time_since_epoch()));
        const auto to = domain::FromLocal(
            zone, std::chrono::local_seconds((day + std::chrono::days(1)).time_since_epoch()));
        auto dated = repo.MissionsStarting(org, domain::FormatIsoUtc(from),
                                           domain::FormatIsoUtc(to), crew, limit + 1);
        on_the_day.insert(dated.begin(), dated.end());
        AddAll(ids, dated);
      }
      if (!query->words.empty()) AddAll(ids, repo.Match(org, kind, query->words, crew, fetch));
      auto hits = repo.Load(org, kind, ids);
      if (hits.empty()) continue;
      std::vector<int> rank(hits.size());
      for (std::size_t i = 0; i < hits.size(); ++i) {
        const auto& h = hits[i];
        const bool amount = query->amount && h.amount_cents == query->amount;
        rank[i] = on_the_day.contains(h.id) ? 0 : domain::SearchRank(*query, h.title, amount);
      }
      std::vector<std::size_t> order(hits.size());
      std::iota(order.begin(), order.end(), 0);
      std::stable_sort(order.begin(), order.end(),
                       [&](std::size_t a, std::size_t b) { return rank[a] < rank[b]; });
      SearchGroup group;
      group.kind = kind;
      group.more = static_cast<int>(hits.size()) > limit;
      for (std::size_t i = 0; i < order.size() && static_cast<int>(i) < limit; ++i) {
        group.items.push_back(std::move(hits[order[i]]));
        group.ranks.push_back(rank[order[i]]);
      }
      results.groups.push_back(std::move(group));
    }
    std::stable_sort(results.groups.begin(), results.groups.end(),
                     [](const SearchGroup& a, const SearchGroup& b) {
                       return a.ranks.front() < b.ranks.front();
                     });
    return results;
  });
}

}  // namespace planify::app
