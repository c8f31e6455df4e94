// `planify backup` and `planify restore` as an operator runs them (docs/backups.md): a backup
// taken from the command line while `planify serve` answers writes, restored into a fresh data
// directory, served again; a damaged file refused with a clear message and exit code 2.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/process.hpp"
#include "support/test_support.hpp"

namespace planify::testing {
namespace {

std::vector<std::string> EnvFor(const std::filesystem::path& data) {
  return {"PLANIFY_DATABASE_URL=sqlite:" + (data / "planify.db").string(),
          "PLANIFY_DATA_DIR=" + data.string(), "PLANIFY_LOG_LEVEL=warn",
          "PLANIFY_SECRET_KEY=une-cle-secrete-de-test-assez-longue-0123456789"};
}

struct Server {
  Child child;
  std::unique_ptr<httplib::Client> client;
  std::string cookie;
  std::string csrf;
};

Server Serve(const std::vector<std::string>& base, const std::filesystem::path& log) {
  auto env = base;
  env.push_back("PLANIFY_LISTEN=127.0.0.1:0");
  env.push_back("PLANIFY_LOG_LEVEL=info");
  env.push_back("PLANIFY_WORKER_THREADS=0");
  env.push_back("PLANIFY_PUBLIC_URL=http://127.0.0.1");
  Server s;
  s.child = SpawnPlanify({"serve"}, env, log);
  EXPECT_TRUE(WaitListening(s.child)) << ReadFile(s.child.log);
  s.client = std::make_unique<httplib::Client>("127.0.0.1", s.child.port);
  auto signed_in = s.client->Post("/api/v1/auth/sign-in",
                                  R"({"email":"greg@sono.fr","password":"un mot de passe solide"})",
                                  "application/json");
  EXPECT_TRUE(signed_in && signed_in->status == 200);
  for (const auto& [name, value] : signed_in->headers) {
    if (name != "Set-Cookie") continue;
    auto pair = value.substr(0, value.find(';'));
    s.cookie += (s.cookie.empty() ? "" : "; ") + pair;
    if (pair.rfind("planify_csrf=", 0) == 0) s.csrf = pair.substr(13);
  }
  return s;
}

void Stop(Server& s) {
  ::kill(s.child.pid, SIGTERM);
  std::chrono::milliseconds took{};
  EXPECT_EQ(WaitExit(s.child.pid, &took), 0);
}

long long ClientsTotal(Server& s) {
  auto res = s.client->Get("/api/v1/clients", {{"Cookie", s.cookie}});
  EXPECT_TRUE(res && res->status == 200);
  return nlohmann::json::parse(res->body)["total"];
}

TEST(BackupCli, BacksUpWhileServingRestoresIntoAFreshDirectoryAndRefusesADamagedFile) {
  TempDir dir;
  const auto live = dir.path() / "live";
  const auto env = EnvFor(live);
  ASSERT_EQ(RunPlanify({"migrate"}, env, dir.path() / "migrate.log").exit_code, 0);
  {
    std::ofstream(dir.path() / "stdin.txt") << "un mot de passe solide\n";
    auto owner = RunPlanify({"user", "create", "--email", "greg@sono.fr", "--name", "Greg",
                             "--organization", "Sono Pro", "--password-stdin"},
                            env, dir.path() / "user.log", dir.path() / "stdin.txt");
    ASSERT_EQ(owner.exit_code, 0) << owner.output;
  }
  Server server = Serve(env, dir.path() / "serve.log");
  httplib::Headers write{
      {"Cookie", server.cookie}, {"X-CSRF-Token", server.csrf}, {"Origin", "http://127.0.0.1"}};
  for (int i = 0; i < 5; ++i) {
    auto made = server.client->Post(
        "/api/v1/clients", write,
        nlohmann::json{{"kind", "company"}, {"name", "Client " + std::to_string(i)}}.dump(),
        "application/json");
    ASSERT_TRUE(made);
    ASSERT_EQ(made->status, 201) << made->body;
  }

  auto backup = RunPlanify({"backup", "--to", (dir.path() / "saved").string()}, env,
                           dir.path() / "backup.log");
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  std::smatch written;
  ASSERT_TRUE(
      std::regex_search(backup.output, written,
                        std::regex(R"(backup written: (\S+planify-backup-\d{8}T\d{6}Z\.tar\.gz))")))
      << backup.output;
  const std::string file = written[1];
  EXPECT_NE(backup.output.find("%"), std::string::npos) << "progress is shown: " << backup.output;
  EXPECT_NE(backup.output.find("secret key is NOT in the backup"), std::string::npos);
  EXPECT_EQ(ReadFile(file).find("une-cle-secrete-de-test"), std::string::npos);
  // The server went on serving during and after it.
  EXPECT_EQ(ClientsTotal(server), 5);
  Stop(server);

  // A damaged copy: refused, the fresh directory untouched.
  const auto fresh = dir.path() / "fresh";
  std::string bytes = ReadFile(file);
  const std::size_t at = ChangingFlip(bytes, bytes.size() / 2, 0x20);
  bytes[at] = static_cast<char>(bytes[at] ^ 0x20);
  std::ofstream(dir.path() / "damaged.tar.gz", std::ios::binary) << bytes;
  auto refused = RunPlanify({"restore", (dir.path() / "damaged.tar.gz").string()}, EnvFor(fresh),
                            dir.path() / "refused.log");
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
  EXPECT_NE(refused.output.find("damaged"), std::string::npos) << refused.output;
  EXPECT_FALSE(std::filesystem::exists(fresh / "planify.db"));

  // The real one: restored with its counts, and the restored instance serves the data.
  auto restored = RunPlanify({"restore", file}, EnvFor(fresh), dir.path() / "restore.log");
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
  EXPECT_TRUE(std::regex_search(restored.output, std::regex(R"(clients\s+5\n)")))
      << restored.output;
  EXPECT_NE(restored.output.find("secret key is NOT in the backup"), std::string::npos);
  Server again = Serve(EnvFor(fresh), dir.path() / "serve-restored.log");
  EXPECT_EQ(ClientsTotal(again), 5);
  Stop(again);

  // Restoring over data is refused.
  auto over = RunPlanify({"restore", file}, EnvFor(fresh), dir.path() / "over.log");
  EXPECT_EQ(over.exit_code, 2) << over.output;
  EXPECT_NE(over.output.find("already holds data"), std::string::npos) << over.output;
}

}  // namespace
}  // namespace planify::testing
