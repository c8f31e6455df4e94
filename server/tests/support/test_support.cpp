#include "support/test_support.hpp"

#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <vector>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <gtest/gtest.h>

#include <thread>

#include "app/email/email_service.hpp"
#include "jobs/worker.hpp"
#include "store/database.hpp"
#include "store/jobs_repository.hpp"

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

std::optional<std::string> BackendUrl(bool postgres, const TempDir& dir) {
  if (!postgres) return "sqlite:" + (dir.path() / "planify.db").string();
  bool required = false;
  auto url = PostgresUrlOrSkipReason(&required);
  if (url.empty()) {
    if (required)
      ADD_FAILURE() << "PLANIFY_REQUIRE_POSTGRES=1 but PLANIFY_TEST_POSTGRES_URL is unset";
    return std::nullopt;
  }
  ResetPostgres(url);
  return url;
}

void DrainEmailJobs(store::Database& db, app::Mailer& mailer, const std::string& from_address,
                    int threads) {
  app::SystemClock clock;
  jobs::JobRegistry registry;
  app::RegisterEmailJobs(registry, mailer, from_address, clock);
  jobs::WorkerOptions options;
  options.threads = threads;
  options.poll_interval = std::chrono::milliseconds(10);
  options.retry.base = std::chrono::milliseconds(20);
  options.retry.jitter = 0.0;
  jobs::Worker worker(db, clock, registry, options);
  worker.Start();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (;;) {
    auto lease = db.Acquire();
    // One statement: two counts could miss a job that moves from running back to queued (a
    // failed attempt) between them.
    long long pending = 0;
    **lease << "SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')",
        soci::into(pending);
    if (pending == 0) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << "jobs not drained within 30 s";
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  worker.Stop();
}

nlohmann::json ReadXlsx(const std::string& bytes, const std::filesystem::path& dir) {
  const auto file = dir / "read-back.xlsx";
  std::ofstream(file, std::ios::binary) << bytes;
  const auto script = dir / "read-back.py";
  std::ofstream(script) << R"py(
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows():
        cells = []
        for c in row:
            v = c.value
            if isinstance(v, (datetime.datetime, datetime.date)):
                v = v.isoformat()
            cells.append([c.data_type, v, c.number_format])
        rows.append(cells)
    out.append({"name": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
                "rows": rows})
print(json.dumps(out))
)py";
  const auto output = dir / "read-back.json";
  // Debian's interpreter, where python3-openpyxl is installed (a python3 earlier on the PATH,
  // e.g. pyenv's, does not see it).
  const std::string command = "/usr/bin/python3 '" + script.string() + "' '" + file.string() +
                              "' > '" + output.string() + "'";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  std::ifstream in(output);
  return nlohmann::json::parse(in, nullptr, false);
}

std::optional<std::string> Gunzip(const std::string& bytes) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) return std::nullopt;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  std::vector<char> buffer(65536);
  int code = Z_OK;
  while (code == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buffer.data());
    z.avail_out = static_cast<uInt>(buffer.size());
    code = inflate(&z, Z_NO_FLUSH);
    out.append(buffer.data(), buffer.size() - z.avail_out);
  }
  const bool whole = code == Z_STREAM_END && z.avail_in == 0;
  inflateEnd(&z);
  if (!whole) return std::nullopt;
  return out;
}

std::size_t ChangingFlip(const std::string& bytes, std::size_t from, unsigned char mask) {
  const auto content = Gunzip(bytes);
  EXPECT_TRUE(content.has_value()) << "the file is not gzip to begin with";
  std::string damaged = bytes;
  for (std::size_t at = from; at < bytes.size(); ++at) {
    damaged[at] = static_cast<char>(damaged[at] ^ mask);
    if (Gunzip(damaged) != content) return at;
    damaged[at] = bytes[at];
  }
  ADD_FAILURE() << "no flip from byte " << from << " on changes the file";
  return from;
}

}  // namespace planify::testing
