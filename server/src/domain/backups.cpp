#include "domain/backups.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include "domain/local_time.hpp"

namespace planify::domain {

namespace {

constexpr std::string_view kPrefix = "planify-backup-";
constexpr std::string_view kSuffix = ".tar.gz";
constexpr std::string_view kZone = "Europe/Paris";

std::chrono::sys_days ParisDay(Timestamp t) {
  auto local = std::chrono::floor<std::chrono::days>(t + UtcOffset(kZone, t));
  return std::chrono::sys_days{local.time_since_epoch()};
}

}  // namespace

std::string BackupFileName(Timestamp at) {
  // "2026-12-03T21:47:00.000Z" → "20261203T214700Z"
  std::string iso = FormatIsoUtc(std::chrono::floor<std::chrono::seconds>(at));
  std::string compact;
  for (char c : iso.substr(0, 19)) {
    if (c != '-' && c != ':') compact += c;
  }
  return std::string(kPrefix) + compact + "Z" + std::string(kSuffix);
}

std::optional<Timestamp> ParseBackupFileName(std::string_view name) {
  if (!name.starts_with(kPrefix) || !name.ends_with(kSuffix)) return std::nullopt;
  std::string_view stamp =
      name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size());
  // YYYYMMDDTHHMMSSZ
  if (stamp.size() != 16 || stamp[8] != 'T' || stamp[15] != 'Z') return std::nullopt;
  for (std::size_t i = 0; i < 15; ++i) {
    if (i != 8 && (stamp[i] < '0' || stamp[i] > '9')) return std::nullopt;
  }
  std::string iso = std::string(stamp.substr(0, 4)) + "-" + std::string(stamp.substr(4, 2)) + "-" +
                    std::string(stamp.substr(6, 2)) + "T" + std::string(stamp.substr(9, 2)) + ":" +
                    std::string(stamp.substr(11, 2)) + ":" + std::string(stamp.substr(13, 2)) +
                    ".000Z";
  auto parsed = ParseIsoUtc(iso);
  if (!parsed || BackupFileName(*parsed) != name) return std::nullopt;  // e.g. 31 February
  return parsed;
}

std::vector<Timestamp> BackupsToPrune(std::vector<Timestamp> made,
                                      const BackupRetention& retention) {
  std::sort(made.begin(), made.end(), std::greater<>());
  made.erase(std::unique(made.begin(), made.end()), made.end());
  std::set<Timestamp> kept;
  // Newest first: the first backup met in a bucket is that bucket's newest.
  auto keep_per = [&](int how_many, auto bucket_of) {
    std::set<long long> seen;
    for (Timestamp t : made) {
      if (static_cast<int>(seen.size()) >= how_many) break;
      if (seen.insert(bucket_of(t)).second) kept.insert(t);
    }
  };
  keep_per(retention.daily, [](Timestamp t) {
    return static_cast<long long>(ParisDay(t).time_since_epoch().count());
  });
  keep_per(retention.weekly, [](Timestamp t) {
    // ISO weeks start on Monday; 1970-01-01 was a Thursday, so shift by three days.
    auto days = ParisDay(t).time_since_epoch().count() + 3;
    return static_cast<long long>(days >= 0 ? days / 7 : (days - 6) / 7);
  });
  keep_per(retention.monthly, [](Timestamp t) {
    std::chrono::year_month_day ymd{ParisDay(t)};
    return static_cast<long long>(static_cast<int>(ymd.year())) * 12 +
           static_cast<long long>(static_cast<unsigned>(ymd.month()));
  });
  std::vector<Timestamp> prune;
  for (auto it = made.rbegin(); it != made.rend(); ++it) {
    if (!kept.contains(*it)) prune.push_back(*it);
  }
  return prune;
}

}  // namespace planify::domain
