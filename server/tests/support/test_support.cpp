#include "support/test_support.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "store/database.hpp"

namespace planify::testing {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("planify-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
           std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string PostgresUrlOrSkipReason(bool* required) {
  const char* req = std::getenv("PLANIFY_REQUIRE_POSTGRES");
  *required = req != nullptr && std::string(req) == "1";
  const char* url = std::getenv("PLANIFY_TEST_POSTGRES_URL");
  return url == nullptr ? std::string() : std::string(url);
}

void ResetPostgres(const std::string& url) {
  soci::session session(soci::postgresql, *store::PostgresConninfo(url));
  session << "SET client_min_messages TO WARNING";
  session << "DROP SCHEMA IF EXISTS public CASCADE";
  session << "CREATE SCHEMA public";
}

}  // namespace planify::testing
