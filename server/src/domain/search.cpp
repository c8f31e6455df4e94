#include "domain/search.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "domain/validation.hpp"

namespace planify::domain {

namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

bool Digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    auto at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string_view::npos ? s.npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

// Removes ASCII spaces, no-break spaces (U+00A0, U+202F) and a trailing euro sign or "EUR".
std::string Compact(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ') continue;
    if (text.substr(i, 2) == "\xC2\xA0") {
      ++i;
      continue;
    }
    if (text.substr(i, 3) == "\xE2\x80\xAF") {
      i += 2;
      continue;
    }
    out.push_back(text[i]);
  }
  if (out.ends_with("\xE2\x82\xAC")) out.resize(out.size() - 3);
  if (out.ends_with("EUR") || out.ends_with("eur")) out.resize(out.size() - 3);
  return out;
}

// "702", "702,5", "702,00", "1250.50", "1 250,50 €" -> cents; at most 9,999,999.99.
std::optional<long long> ParseAmount(std::string_view text) {
  std::string s = Compact(text);
  auto sep = s.find_first_of(",.");
  std::string_view whole = std::string_view(s).substr(0, sep);
  std::string_view cents =
      sep == std::string::npos ? std::string_view() : std::string_view(s).substr(sep + 1);
  if (!Digits(whole) || whole.size() > 7) return std::nullopt;
  if (sep != std::string::npos && (!Digits(cents) || cents.size() > 2)) return std::nullopt;
  long long value = 0;
  for (char c : whole) value = value * 10 + (c - '0');
  value *= 100;
  const auto digit = [&](std::size_t i) { return static_cast<long long>(cents[i] - '0'); };
  if (cents.size() == 1) value += digit(0) * 10;
  if (cents.size() == 2) value += digit(0) * 10 + digit(1);
  return value;
}

std::optional<year_month_day> ValidDate(int y, int m, int d) {
  year_month_day ymd{year(y), month(static_cast<unsigned>(m)), day(static_cast<unsigned>(d))};
  if (y < 1900 || y > 2200 || !ymd.ok()) return std::nullopt;
  return ymd;
}

// "2027-06-12", "12/06/2027", "12/06/27", "12.06.2027", "12/06" (the nearest such day).
std::optional<year_month_day> ParseDate(std::string_view s, year_month_day today) {
  auto dashes = Split(s, '-');
  if (dashes.size() == 3 && dashes[0].size() == 4 && Digits(dashes[0]) && Digits(dashes[1]) &&
      Digits(dashes[2]) && dashes[1].size() <= 2 && dashes[2].size() <= 2) {
    return ValidDate(ToInt(dashes[0]), ToInt(dashes[1]), ToInt(dashes[2]));
  }
  char sep = s.find('/') != std::string_view::npos ? '/' : '.';
  auto parts = Split(s, sep);
  if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
  for (auto p : parts) {
    if (!Digits(p)) return std::nullopt;
  }
  if (parts[0].size() > 2 || parts[1].size() > 2) return std::nullopt;
  int d = ToInt(parts[0]);
  int m = ToInt(parts[1]);
  if (parts.size() == 3) {
    int y = ToInt(parts[2]);
    if (parts[2].size() == 2) {
      y += 2000;
    } else if (parts[2].size() != 4) {
      return std::nullopt;
    }
    return ValidDate(y, m, d);
  }
  if (sep != '/') return std::nullopt;  // "12.06" is an amount
  // The nearest such day, before or after today.
  const int this_year = static_cast<int>(today.year());
  std::optional<year_month_day> best;
  long long best_gap = 0;
  for (int y : {this_year - 1, this_year, this_year + 1}) {
    auto candidate = ValidDate(y, m, d);
    if (!candidate) continue;
    const long long gap = std::abs((sys_days(*candidate) - sys_days(today)).count());
    if (!best || gap < best_gap) {
      best = candidate;
      best_gap = gap;
    }
  }
  return best;
}

// A document number as stored: letters, digits and the separators numbering uses.
std::string NumberOf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '/' ||
                    c == '_' || c == '.';
    if (!ok) return {};
    out.push_back(c);
  }
  // A number holds a digit and a letter or a separator ("F-2026-0012", "DEV2026001").
  const bool digit = out.find_first_of("0123456789") != std::string::npos;
  const bool other = out.find_first_not_of("0123456789") != std::string::npos;
  return digit && other && out.size() <= 40 ? out : std::string();
}

}  // namespace

std::string_view SearchKindName(SearchKind kind) {
  switch (kind) {
    case SearchKind::kClient:
      return "clients";
    case SearchKind::kMission:
      return "missions";
    case SearchKind::kQuote:
      return "quotes";
    case SearchKind::kInvoice:
      return "invoices";
    case SearchKind::kEquipment:
      return "equipment";
    case SearchKind::kVenue:
      return "venues";
  }
  return "clients";
}

std::optional<SearchKind> ParseSearchKind(std::string_view name) {
  for (auto kind : kSearchKinds) {
    if (SearchKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

Result<SearchQuery> ParseSearchQuery(std::string_view text, year_month_day today) {
  auto chars = Utf8Length(text);
  if (!chars || *chars > kSearchMaxChars) {
    FieldErrors errors;
    errors.Add("q", !chars ? "La recherche doit être du texte UTF-8."
                           : "La recherche est trop longue (" + std::to_string(kSearchMaxChars) +
                                 " caractères au plus).");
    return Fail(errors.ToError());
  }
  SearchQuery q;
  const std::string trimmed = Trim(text);
  q.folded = FoldForSearch(trimmed);
  // Digits typed in groups ("732 829 320", "06 12 34 56 78") are one identifier or phone number,
  // stored without separators.
  std::string digits;
  const bool grouped = std::all_of(trimmed.begin(), trimmed.end(), [&](char c) {
    if (c >= '0' && c <= '9') digits.push_back(c);
    return (c >= '0' && c <= '9') || c == ' ' || c == '.' || c == '-' || c == '+';
  });
  const std::string& wordy = grouped && digits.size() >= 6 ? digits : q.folded;
  for (auto word : Split(wordy, ' ')) {
    if (word.size() < 2) continue;  // one letter matches everything: not worth an index walk
    if (std::find(q.words.begin(), q.words.end(), word) != q.words.end()) continue;
    if (q.words.size() == kSearchMaxWords) break;
    q.words.emplace_back(word);
  }
  q.amount = ParseAmount(trimmed);
  q.date = ParseDate(Compact(trimmed), today);
  q.number = NumberOf(trimmed);
  return q;
}

std::string SqliteMatch(long long organization, const std::vector<std::string>& words) {
  std::string match = "scope:\"o" + std::to_string(organization) + "\"";
  // Folded words are [a-z0-9]+: nothing to escape inside the quotes.
  for (const auto& w : words) match += " AND body:\"" + w + "\"*";
  return match;
}

std::string_view SqliteSearchTable(SearchKind kind) {
  switch (kind) {
    case SearchKind::kClient:
      return "search_clients";
    case SearchKind::kMission:
      return "search_missions";
    case SearchKind::kQuote:
      return "search_quotes";
    case SearchKind::kInvoice:
      return "search_invoices";
    case SearchKind::kEquipment:
      return "search_equipment";
    case SearchKind::kVenue:
      return "search_venues";
  }
  return "search_clients";
}

std::string PostgresTsQuery(long long organization, SearchKind kind,
                            const std::vector<std::string>& words) {
  std::string query =
      "o" + std::to_string(organization) + "k" + std::to_string(static_cast<int>(kind));
  for (const auto& w : words) query += " & " + w + ":*";
  return query;
}

int SearchRank(const SearchQuery& query, std::string_view title, bool amount_matches) {
  const std::string folded = FoldForSearch(title);
  if (amount_matches || (!query.folded.empty() && folded == query.folded)) return 0;
  if (!query.folded.empty() && folded.starts_with(query.folded)) return 1;
  if (query.words.empty()) return 3;
  const auto title_words = Split(folded, ' ');
  for (const auto& w : query.words) {
    const bool starts = std::any_of(title_words.begin(), title_words.end(),
                                    [&](std::string_view t) { return t.starts_with(w); });
    if (!starts) return 3;
  }
  return 2;
}

}  // namespace planify::domain
