#include "domain/backups.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace planify::domain {
namespace {

Timestamp At(const std::string& iso) { return *ParseIsoUtc(iso); }

TEST(BackupFileName, NamesABackupByItsUtcSecondAndReadsItBack) {
  const auto t = At("2026-12-03T21:47:05.678Z");
  EXPECT_EQ(BackupFileName(t), "planify-backup-20261203T214705Z.tar.gz");
  EXPECT_EQ(ParseBackupFileName("planify-backup-20261203T214705Z.tar.gz"),
            At("2026-12-03T21:47:05.000Z"));
}

TEST(BackupFileName, AnythingElseIsNotABackup) {
  for (const char* name :
       {"planify-backup-20261203T214705Z.tar.gz.partial", "planify-backup-20261203T214705Z.tar",
        "../planify-backup-20261203T214705Z.tar.gz", "planify-backup-20260231T000000Z.tar.gz",
        "planify-backup-2026120xT214705Z.tar.gz", "planify-backup-20261203T214705.tar.gz",
        "secret.key", "planify.db", ""}) {
    EXPECT_FALSE(ParseBackupFileName(name)) << name;
  }
}

std::vector<std::string> Names(const std::vector<Timestamp>& times) {
  std::vector<std::string> out;
  for (auto t : times) out.push_back(FormatIsoUtc(t).substr(0, 16));
  return out;
}

TEST(BackupsToPrune, KeepsSevenDailiesFourWeekliesAndTwelveMonthlies) {
  // One backup a day at 02:30 Paris (01:30 UTC in winter) for 400 days, plus a second one made
  // by hand on the last day.
  std::vector<Timestamp> made;
  const auto first = At("2025-11-01T01:30:00.000Z");
  for (int d = 0; d < 400; ++d) made.push_back(first + std::chrono::days(d));
  const auto last_day = made.back();
  made.push_back(last_day + std::chrono::hours(9));
  auto prune = BackupsToPrune(made, {});
  std::vector<Timestamp> kept;
  for (auto t : made) {
    if (std::find(prune.begin(), prune.end(), t) == prune.end()) kept.push_back(t);
  }
  std::sort(kept.begin(), kept.end(), std::greater<>());
  // The last 7 days (the hand-made one replaces that day's nightly), then the newest of each
  // of the 4 last weeks (already among the dailies for the first), then of each month.
  const auto names = Names(kept);
  ASSERT_GE(names.size(), 7U);
  EXPECT_EQ(names[0], "2026-12-05T10:30");
  EXPECT_EQ(names[1], "2026-12-04T01:30");
  EXPECT_EQ(names[6], "2026-11-29T01:30");
  EXPECT_TRUE(std::find(names.begin(), names.end(), "2026-12-05T01:30") == names.end())
      << "the earlier backup of the same day goes";
  // Sundays ending the previous ISO weeks (2026-11-29 is a Sunday, kept as a daily already).
  EXPECT_TRUE(std::find(names.begin(), names.end(), "2026-11-22T01:30") != names.end());
  EXPECT_TRUE(std::find(names.begin(), names.end(), "2026-11-15T01:30") != names.end());
  EXPECT_TRUE(std::find(names.begin(), names.end(), "2026-11-08T01:30") == names.end())
      << "a fifth week is not kept";
  // Month ends: 12 months with a backup, the newest of each (December is the current one).
  for (const char* month_end : {"2026-10-31T01:30", "2026-06-30T01:30", "2026-01-31T01:30"}) {
    EXPECT_TRUE(std::find(names.begin(), names.end(), month_end) != names.end()) << month_end;
  }
  EXPECT_TRUE(std::find(names.begin(), names.end(), "2025-12-31T01:30") == names.end())
      << "a thirteenth month is not kept";
  EXPECT_LE(kept.size(), 7U + 4U + 12U);
  EXPECT_EQ(kept.size() + prune.size(), made.size());
  // Oldest first.
  EXPECT_TRUE(std::is_sorted(prune.begin(), prune.end()));
}

TEST(BackupsToPrune, TheDayIsParisTimeAndFewBackupsAreAllKept) {
  // 23:30 UTC on 3 December is already 4 December in Paris: same day as the 02:30 one.
  std::vector<Timestamp> made = {At("2026-12-03T23:30:00.000Z"), At("2026-12-04T01:30:00.000Z")};
  BackupRetention only_days{1, 0, 0};
  EXPECT_EQ(Names(BackupsToPrune(made, only_days)), std::vector<std::string>{"2026-12-03T23:30"});
  EXPECT_TRUE(
      BackupsToPrune({At("2026-12-01T01:30:00.000Z"), At("2026-12-02T01:30:00.000Z")}, {}).empty());
  EXPECT_TRUE(BackupsToPrune({}, {}).empty());
}

}  // namespace
}  // namespace planify::domain
