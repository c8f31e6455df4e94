#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace planify::domain {

// Global search (docs/search.md): what the search box finds, how a typed query is read and how
// hits are ranked. Storage-free: the store runs the full-text lookups this builds.

enum class SearchKind {
  kClient = 1,
  kMission = 2,
  kQuote = 3,
  kInvoice = 4,
  kEquipment = 5,
  kVenue = 6
};

// In the order groups show when no hit ranks one above another.
inline constexpr SearchKind kSearchKinds[] = {SearchKind::kClient,    SearchKind::kMission,
                                              SearchKind::kQuote,     SearchKind::kInvoice,
                                              SearchKind::kEquipment, SearchKind::kVenue};

// "clients", "missions", "quotes", "invoices", "equipment", "venues".
[[nodiscard]] std::string_view SearchKindName(SearchKind kind);
[[nodiscard]] std::optional<SearchKind> ParseSearchKind(std::string_view name);

inline constexpr std::size_t kSearchMaxChars = 200;
inline constexpr std::size_t kSearchMaxWords = 6;

// A query as typed, read every way the search box understands it.
struct SearchQuery {
  std::string folded;               // the whole query, folded: "f 2026 0012"
  std::vector<std::string> words;   // the folded words matched as prefixes (2 characters or more)
  std::optional<long long> amount;  // "702", "702,00", "1 250,50 €" -> cents
  std::optional<std::chrono::year_month_day> date;  // "12/06/2027", "12/06", "2027-06-12"
  std::string number;  // the query as a document number is stored ("F-2026-0012"), upper case

  // Whether anything can be looked up: a word, an amount, a date or a number.
  [[nodiscard]] bool empty() const { return words.empty() && !amount && !date && number.empty(); }
};

// Reads a query; `today` is the organisation's local date (a "12/06" without a year names the
// nearest 12 June, before or after today). VALIDATION when it is not UTF-8 or too long.
[[nodiscard]] Result<SearchQuery> ParseSearchQuery(std::string_view text,
                                                   std::chrono::year_month_day today);

// The full-text match of one organisation's entries holding every word as a prefix.
// SQLite FTS5 (one table per kind, SqliteSearchTable): scope:"o12" AND body:"durand"* AND ...;
// PostgreSQL tsquery (one table, the kind in the scope token): o12k1 & durand:* & ...
[[nodiscard]] std::string SqliteMatch(long long organization,
                                      const std::vector<std::string>& words);
[[nodiscard]] std::string_view SqliteSearchTable(SearchKind kind);
[[nodiscard]] std::string PostgresTsQuery(long long organization, SearchKind kind,
                                          const std::vector<std::string>& words);

// How well a hit's title (a name, a number, a mission's title) answers the query, lower first:
// 0 the title is the query (a number, a name) or the amount is the total; 1 the title starts
// with it; 2 every word starts a word of the title; 3 matched elsewhere (a contact, a venue).
[[nodiscard]] int SearchRank(const SearchQuery& query, std::string_view title, bool amount_matches);

}  // namespace planify::domain
