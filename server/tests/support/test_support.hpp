#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/email/mailer.hpp"
#include "store/database.hpp"

namespace planify::testing {

// A fresh directory under the system temp dir, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// PLANIFY_TEST_POSTGRES_URL, or "" when PostgreSQL tests may be skipped. When
// PLANIFY_REQUIRE_POSTGRES=1 (as in `make test`) a missing URL is a failure, not a skip.
[[nodiscard]] std::string PostgresUrlOrSkipReason(bool* required);

// Empties the PostgreSQL database at `url` (drops and recreates the public schema).
void ResetPostgres(const std::string& url);

// The database for a test that runs on both backends: a fresh SQLite file in `dir`, or the
// PostgreSQL test database, emptied. nullopt when PostgreSQL is not configured (the caller then
// skips); when PLANIFY_REQUIRE_POSTGRES=1 that also fails the test.
std::optional<std::string> BackendUrl(bool postgres, const TempDir& dir);

// Runs a job worker with the e-mail jobs (and `mailer`) until no job is queued or running;
// fails the test after 30 s. Retries come back after 20 ms so failure paths run quickly.
void DrainEmailJobs(store::Database& db, app::Mailer& mailer, const std::string& from_address,
                    int threads = 2);

// An .xlsx file (its bytes) as an independent reader sees it: python3-openpyxl from Debian,
// run in `dir`. Per sheet: {"name", "freeze", "filter", "rows": [[[type, value, number
// format], …], …]}, dates and times as ISO text. Fails the test when the reader fails.
[[nodiscard]] nlohmann::json ReadXlsx(const std::string& bytes, const std::filesystem::path& dir);

// A gzip file's content, or nullopt when zlib refuses it (bad data, CRC, length, trailing bytes).
[[nodiscard]] std::optional<std::string> Gunzip(const std::string& bytes);

// The first position from `from` on where flipping `mask` changes what the gzip file holds (or
// makes it unreadable). Not every flip does: the ignored bits before a stored deflate block's
// length, or a match copying zeros from one distance or another (databases have long zero
// runs), decode to the same bytes — such a file is not damaged. Fails the test when none does.
[[nodiscard]] std::size_t ChangingFlip(const std::string& bytes, std::size_t from,
                                       unsigned char mask);

}  // namespace planify::testing
