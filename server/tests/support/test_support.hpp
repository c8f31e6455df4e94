#pragma once

#include <filesystem>
#include <string>

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

}  // namespace planify::testing
