// Scale-out (docs/deployment.md): two stateless `planify serve` instances behind HAProxy on one
// PostgreSQL. Clients keep creating and issuing invoices through the proxy while one instance is
// killed with SIGKILL: the other keeps serving, every acknowledged write is in the database,
// invoice numbers have no gap, and the job queue drains on the surviving instance.
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "store/database.hpp"
#include "store/jobs_repository.hpp"
#include "support/process.hpp"
#include "support/test_support.hpp"

namespace planify::testing {
namespace {

constexpr const char* kHaproxy = "/usr/sbin/haproxy";

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

class ScaleOut : public ::testing::Test {
 protected:
  void SetUp() override {
    bool required = false;
    url_ = PostgresUrlOrSkipReason(&required);
    if (url_.empty()) {
      if (required) FAIL() << "PLANIFY_REQUIRE_POSTGRES=1 but PLANIFY_TEST_POSTGRES_URL is unset";
      GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    }
    if (::access(kHaproxy, X_OK) != 0) {
      if (required) FAIL() << "haproxy is missing (scripts/bootstrap installs it)";
      GTEST_SKIP() << "haproxy missing";
    }
    ResetPostgres(url_);
    proxy_port_ = FreePort();
    origin_ = "http://127.0.0.1:" + std::to_string(proxy_port_);
    env_ = {"PLANIFY_DATABASE_URL=" + url_, "PLANIFY_DATA_DIR=" + dir_.path().string(),
            "PLANIFY_LOG_LEVEL=info", "PLANIFY_PUBLIC_URL=" + origin_,
            // Numbering follows the (pinned) date: the test gives the same numbers any day.
            "PLANIFY_TEST_CLOCK_START=2027-03-10T09:00:00.000Z"};
    auto migrated = RunPlanify({"migrate"}, env_, dir_.path() / "migrate.log");
    ASSERT_EQ(migrated.exit_code, 0) << migrated.output;
    db_ = std::move(*store::Database::Open(*store::ParseDatabaseUrl(url_)));
  }

  void TearDown() override {
    for (auto* child : {&a_, &b_, &proxy_}) {
      if (child->pid > 0) {
        ::kill(child->pid, SIGKILL);
        std::chrono::milliseconds took{0};
        (void)WaitExit(child->pid, &took);
      }
    }
  }

  Child StartServe(const std::string& name) {
    auto env = env_;
    env.insert(
        env.end(),
        {"PLANIFY_LISTEN=127.0.0.1:0", "PLANIFY_WEB_DIR=" + (dir_.path() / "no-web").string(),
         "PLANIFY_WORKER_THREADS=2", "PLANIFY_JOB_LOCK_SECONDS=2", "PLANIFY_JOB_POLL_MS=50"});
    Child child = SpawnPlanify({"serve"}, env, dir_.path() / (name + ".log"));
    EXPECT_TRUE(WaitListening(child)) << ReadFile(child.log);
    return child;
  }

  // The production configuration of docs/deployment.md, trimmed to plain HTTP on loopback.
  void StartProxy() {
    auto config = dir_.path() / "haproxy.cfg";
    std::ofstream(config) << "global\n"
                             "  maxconn 512\n"
                             "defaults\n"
                             "  mode http\n"
                             "  timeout connect 2s\n"
                             "  timeout client 30s\n"
                             "  timeout server 30s\n"
                             "  timeout http-request 10s\n"
                             "  retries 3\n"
                             "  option redispatch\n"
                             "  retry-on conn-failure\n"
                             "frontend web\n"
                             "  bind 127.0.0.1:"
                          << proxy_port_
                          << "\n"
                             "  default_backend planify\n"
                             "backend planify\n"
                             "  balance roundrobin\n"
                             "  option httpchk GET /readyz\n"
                             "  http-check expect status 200\n"
                             "  default-server inter 250ms fall 2 rise 2\n"
                             "  server a 127.0.0.1:"
                          << a_.port << " check\n  server b 127.0.0.1:" << b_.port << " check\n";
    proxy_ =
        SpawnProgram(kHaproxy, {"-f", config.string(), "-db"}, {}, dir_.path() / "haproxy.log");
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (;;) {
      httplib::Client client("127.0.0.1", proxy_port_);
      auto res = client.Get("/readyz");
      if (res && res->status == 200) break;
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << ReadFile(proxy_.log);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  // One request through the proxy, on a fresh connection (so HAProxy balances every request).
  httplib::Result Send(const std::string& method, const std::string& path,
                       const nlohmann::json& body = nullptr) {
    httplib::Client client("127.0.0.1", proxy_port_);
    client.set_read_timeout(std::chrono::seconds(30));
    httplib::Headers headers = {{"Origin", origin_}};
    if (!cookie_.empty()) {
      headers.emplace("Cookie", cookie_);
      headers.emplace("X-CSRF-Token", csrf_);
    }
    if (method == "GET") return client.Get(path, headers);
    if (method == "PATCH") return client.Patch(path, headers, body.dump(), "application/json");
    return client.Post(path, headers, body.is_null() ? "{}" : body.dump(), "application/json");
  }

  static std::string Cookie(const httplib::Result& res, const std::string& name) {
    // HAProxy passes header names in lower case.
    for (const auto& [key, value] : res->headers) {
      if (strcasecmp(key.c_str(), "Set-Cookie") == 0 && value.rfind(name + "=", 0) == 0) {
        return value.substr(name.size() + 1, value.find(';') - name.size() - 1);
      }
    }
    return "";
  }

  long long Jobs(store::JobStatus status) {
    auto lease = db_->Acquire();
    return store::JobsRepository(*lease).Count(status);
  }

  TempDir dir_;
  std::string url_;
  std::string origin_;
  int proxy_port_ = 0;
  std::vector<std::string> env_;
  std::unique_ptr<store::Database> db_;
  Child a_;
  Child b_;
  Child proxy_;
  std::string cookie_;
  std::string csrf_;
};

TEST_F(ScaleOut, KillingOneInstanceLosesNoAcknowledgedWriteAndLeavesNoNumberGap) {
  a_ = StartServe("serve-a");
  b_ = StartServe("serve-b");
  ASSERT_GT(a_.port, 0);
  ASSERT_GT(b_.port, 0);
  StartProxy();

  // First run, sign-in, the legal identity invoices need and a client: all through the proxy.
  auto setup = Send("POST", "/api/v1/setup",
                    {{"organization_name", "Sono Pro"},
                     {"owner_email", "owner@sono.fr"},
                     {"owner_display_name", "Owner"},
                     {"owner_password", "a long enough password"}});
  ASSERT_EQ(setup->status, 201) << setup->body;
  auto signed_in = Send("POST", "/api/v1/auth/sign-in",
                        {{"email", "owner@sono.fr"}, {"password", "a long enough password"}});
  ASSERT_EQ(signed_in->status, 200) << signed_in->body;
  cookie_ = "planify_session=" + Cookie(signed_in, "planify_session") +
            "; planify_csrf=" + Cookie(signed_in, "planify_csrf");
  csrf_ = Cookie(signed_in, "planify_csrf");
  auto identity = Send("PATCH", "/api/v1/organization",
                       {{"legal_name", "Sono Pro SAS"},
                        {"legal_form", "SAS"},
                        {"share_capital_cents", 1000000},
                        {"siren", "732829320"},
                        {"vat_number", "FR44732829320"},
                        {"address_line1", "1 rue du Parc"},
                        {"postal_code", "37000"},
                        {"city", "Tours"}});
  ASSERT_EQ(identity->status, 200) << identity->body;
  auto client = Send("POST", "/api/v1/clients",
                     {{"name", "Mariage Dupont"},
                      {"billing_address",
                       {{"line1", "2 allée des Tilleuls"},
                        {"postal_code", "69003"},
                        {"city", "Lyon"},
                        {"country", "FR"}}}});
  ASSERT_EQ(client->status, 201) << client->body;
  const long long client_id = nlohmann::json::parse(client->body)["id"];

  // Background work both instances' workers take from the shared queue.
  constexpr int kJobs = 200;
  auto enqueued = RunPlanify({"jobs", "enqueue", "system.noop", "--count", std::to_string(kJobs),
                              "--payload", R"({"sleep_ms":30})"},
                             env_, dir_.path() / "enqueue.log");
  ASSERT_EQ(enqueued.exit_code, 0) << enqueued.output;

  // Writers: create a draft, issue it; an answer 2xx is an acknowledged write.
  std::mutex mutex;
  std::map<long long, std::string> issued;  // invoice id -> number, as acknowledged
  std::vector<long long> drafts;            // acknowledged drafts
  std::atomic<int> failures{0};
  std::string first_failure;  // under `mutex`
  auto failed = [&](const httplib::Result& res) {
    ++failures;
    std::lock_guard lock(mutex);
    if (first_failure.empty()) {
      first_failure = res ? std::to_string(res->status) + " " + res->body
                          : "no answer: " + httplib::to_string(res.error());
    }
  };
  std::atomic<int> acknowledged_after_kill{0};
  std::atomic<bool> killed{false};
  std::atomic<bool> stop{false};
  const nlohmann::json invoice = {{"client_id", client_id},
                                  {"title", "Soirée"},
                                  {"lines",
                                   {{{"kind", "service"},
                                     {"description", "Animation DJ"},
                                     {"unit", "hour"},
                                     {"quantity_milli", 5000},
                                     {"unit_price_cents", 10000},
                                     {"vat_rate_bp", 2000}}}}};
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&] {
      while (!stop) {
        auto created = Send("POST", "/api/v1/invoices", invoice);
        if (!created || created->status != 201) {
          failed(created);
          continue;
        }
        long long id = nlohmann::json::parse(created->body)["id"];
        {
          std::lock_guard lock(mutex);
          drafts.push_back(id);
        }
        auto done = Send("POST", "/api/v1/invoices/" + std::to_string(id) + "/issue");
        if (!done || done->status != 200) {
          failed(done);
          continue;
        }
        std::string number = nlohmann::json::parse(done->body)["number"];
        std::lock_guard lock(mutex);
        issued[id] = number;
        if (killed) ++acknowledged_after_kill;
      }
    });
  }
  auto issued_count = [&] {
    std::lock_guard lock(mutex);
    return issued.size();
  };
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (issued_count() < 20 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (issued_count() < 20) {
    stop = true;
    for (auto& t : writers) t.join();
    FAIL() << "no invoice issued before the kill; first failure: " << first_failure;
  }
  ASSERT_EQ(::kill(a_.pid, SIGKILL), 0);
  killed = true;
  std::chrono::milliseconds took{0};
  EXPECT_EQ(WaitExit(a_.pid, &took), 128 + SIGKILL);
  a_.pid = -1;
  deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (acknowledged_after_kill < 20 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  stop = true;
  for (auto& t : writers) t.join();
  EXPECT_GE(acknowledged_after_kill.load(), 20) << "the surviving instance kept serving";

  // Every acknowledged write is there, as acknowledged.
  auto lease = db_->Acquire();
  for (long long id : drafts) {
    long long found = 0;
    **lease << "SELECT count(*) FROM invoices WHERE id = :id", soci::use(id), soci::into(found);
    EXPECT_EQ(found, 1) << "acknowledged draft " << id << " lost";
  }
  for (const auto& [id, number] : issued) {
    std::string stored;
    std::string status;
    **lease << "SELECT number, status FROM invoices WHERE id = :id", soci::use(id),
        soci::into(stored), soci::into(status);
    EXPECT_EQ(stored, number) << "invoice " << id;
    EXPECT_EQ(status, "issued") << "invoice " << id;
  }
  // Numbers: 1..n with no gap and no repeat, whatever the kill interrupted.
  std::vector<std::string> numbers;
  {
    soci::rowset<std::string> rows = ((**lease).prepare << "SELECT number FROM invoices WHERE "
                                                           "number IS NOT NULL ORDER BY number");
    for (const auto& n : rows) numbers.push_back(n);
  }
  ASSERT_GE(numbers.size(), issued.size());
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    const std::string& n = numbers[i];
    EXPECT_EQ(std::stoll(n.substr(n.find_last_not_of("0123456789") + 1)),
              static_cast<long long>(i + 1))
        << n;
  }

  // The queue drains on the surviving instance, the killed one's jobs taken over.
  deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  while (Jobs(store::JobStatus::kSucceeded) < kJobs) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << ReadFile(b_.log);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(Jobs(store::JobStatus::kDead), 0);
  std::cout << "scale-out: " << issued.size() << " invoices issued and acknowledged ("
            << acknowledged_after_kill << " after the kill), " << failures
            << " requests failed around the kill (first: " << first_failure << ")\n";
}

}  // namespace
}  // namespace planify::testing
