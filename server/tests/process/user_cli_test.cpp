// `planify user create`: the operator's way in, without the web set-up or any e-mail.
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

class UserCli : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = {"PLANIFY_DATABASE_URL=sqlite:" + (dir_.path() / "planify.db").string(),
            "PLANIFY_DATA_DIR=" + dir_.path().string(), "PLANIFY_LOG_LEVEL=warn",
            "PLANIFY_PUBLIC_URL=https://planify.example.fr"};
    ASSERT_EQ(RunPlanify({"migrate"}, env_, dir_.path() / "migrate.log").exit_code, 0);
  }

  std::filesystem::path Stdin(const std::string& text) {
    auto path = dir_.path() / "stdin.txt";
    std::ofstream(path) << text;
    return path;
  }

  TempDir dir_;
  std::vector<std::string> env_;
};

TEST_F(UserCli, CreatesTheFirstOwnerThenMoreUsersWhoCanSignIn) {
  auto missing_org = RunPlanify({"user", "create", "--email", "greg@sono.fr", "--name", "Greg"},
                                env_, dir_.path() / "a.log");
  EXPECT_EQ(missing_org.exit_code, 2) << missing_org.output;
  EXPECT_NE(missing_org.output.find("--organization"), std::string::npos) << missing_org.output;

  auto weak = RunPlanify({"user", "create", "--email", "greg@sono.fr", "--name", "Greg",
                          "--organization", "Sono Pro", "--password-stdin"},
                         env_, dir_.path() / "b.log", Stdin("azertyuiop\n"));
  EXPECT_EQ(weak.exit_code, 2) << weak.output;

  auto owner = RunPlanify({"user", "create", "--email", "Greg@Sono.fr", "--name", "Greg",
                           "--organization", "Sono Pro", "--password-stdin"},
                          env_, dir_.path() / "c.log", Stdin("un mot de passe solide\n"));
  ASSERT_EQ(owner.exit_code, 0) << owner.output;
  EXPECT_NE(owner.output.find("created organisation \"Sono Pro\""), std::string::npos);

  auto tech = RunPlanify(
      {"user", "create", "--email", "lea@sono.fr", "--name", "Léa", "--role", "technician"}, env_,
      dir_.path() / "d.log");
  ASSERT_EQ(tech.exit_code, 0) << tech.output;
  std::smatch link;
  ASSERT_TRUE(std::regex_search(
      tech.output, link,
      std::regex(R"(https://planify\.example\.fr/mot-de-passe/nouveau\?jeton=([0-9a-f]{64}))")))
      << tech.output;
  std::string token = link[1];
  auto again = RunPlanify({"user", "create", "--email", "lea@sono.fr", "--name", "Léa"}, env_,
                          dir_.path() / "e.log");
  EXPECT_EQ(again.exit_code, 2) << again.output;

  // The server accepts both: the owner's password, and the link to choose the technician's.
  auto env = env_;
  env.push_back("PLANIFY_LISTEN=127.0.0.1:0");
  env.push_back("PLANIFY_LOG_LEVEL=info");
  env.push_back("PLANIFY_WORKER_THREADS=0");
  env.push_back("PLANIFY_WEB_DIR=" + (dir_.path() / "no-web").string());
  Child server = SpawnPlanify({"serve"}, env, dir_.path() / "serve.log");
  ASSERT_TRUE(WaitListening(server)) << ReadFile(server.log);
  httplib::Client client("127.0.0.1", server.port);
  auto signed_in = client.Post("/api/v1/auth/sign-in",
                               R"({"email":"greg@sono.fr","password":"un mot de passe solide"})",
                               "application/json");
  ASSERT_TRUE(signed_in);
  EXPECT_EQ(signed_in->status, 200) << signed_in->body;
  EXPECT_EQ(nlohmann::json::parse(signed_in->body)["role"], "owner");
  auto chosen = client.Post(
      "/api/v1/auth/password-reset/complete",
      nlohmann::json{{"token", token}, {"new_password", "le mot de passe de Léa"}}.dump(),
      "application/json");
  ASSERT_TRUE(chosen);
  EXPECT_EQ(chosen->status, 200) << chosen->body;
  EXPECT_EQ(nlohmann::json::parse(chosen->body)["role"], "technician");
  ::kill(server.pid, SIGTERM);
  std::chrono::milliseconds took{0};
  EXPECT_EQ(WaitExit(server.pid, &took), 0);
}

}  // namespace
}  // namespace planify::testing
