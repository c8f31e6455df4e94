#pragma once

#include <httplib.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/ports.hpp"
#include "http/server.hpp"
#include "integrations/crypto/secret_box.hpp"
#include "integrations/crypto/sodium.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "support/test_support.hpp"

namespace planify::testing {

// A real server on 127.0.0.1:<free port>, on a fresh migrated SQLite database, in-process.
class ServerFixture : public ::testing::Test {
 protected:
  static constexpr std::size_t kBodyLimit = 64 * 1024;
  static constexpr const char* kWebhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  void SetUp() override { Start({}); }
  void TearDown() override { Shutdown(); }

  void Start(const std::function<void(http::ServerOptions&)>& tweak, bool migrate = true) {
    auto url = *store::ParseDatabaseUrl(
        database_url_.empty() ? "sqlite:" + (dir_.path() / "planify.db").string() : database_url_);
    db_ = std::move(*store::Database::Open(url));
    if (migrate) {
      auto lease = db_->Acquire();
      ASSERT_TRUE(store::Migrate(*lease, store::EmbeddedMigrations(db_->dialect()),
                                 "2026-11-25T10:00:00.000Z"));
    }
    WriteWebApp();
    http::ServerOptions options;
    options.body_limit_bytes = kBodyLimit;
    options.read_timeout = std::chrono::seconds(1);
    options.threads = 8;
    options.web_dir = dir_.path() / "web";
    if (tweak) tweak(options);
    http::Services services;
    services.db = db_.get();
    services.clock = &clock_;
    services.hasher = &hasher_;
    services.cipher = &cipher_;
    services.state_cipher = &state_cipher_;
    services.resend_webhook_secret = kWebhookSecret;
    services.public_url = "http://planify.test";
    services.trusted_proxies = trusted_proxies_;
    services.backups.directory = dir_.path() / "backups";
    if (services_tweak_) services_tweak_(services);
    server_ = std::make_unique<http::Server>(options, services);
    port_ = server_->Bind("127.0.0.1", 0);
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_->Run(); });
    server_->WaitUntilReady();
  }

  void Shutdown() {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
  }

  void WriteWebApp() {
    auto web = dir_.path() / "web";
    std::filesystem::create_directories(web / "assets");
    std::ofstream(web / "index.html") << "<!doctype html><title>Planify</title><div id=root></div>";
    std::string js = "console.log('planify');\n";
    for (int i = 0; i < 200; ++i)
      js += "export const value" + std::to_string(i) + " = " + std::to_string(i) + ";\n";
    std::ofstream(web / "assets" / "index-3f9a1c2b.js") << js;
    std::ofstream(dir_.path() / "secret.txt") << "outside the web root";
  }

  httplib::Client Client() {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(std::chrono::seconds(10));
    return client;
  }

  long long Count(const std::string& table) {
    auto lease = db_->Acquire();
    long long n = 0;
    **lease << "SELECT count(*) FROM " + table, soci::into(n);
    return n;
  }

  static nlohmann::json Json(const httplib::Result& res) {
    return nlohmann::json::parse(res->body, nullptr, false);
  }

  TempDir dir_;
  std::string database_url_;  // "" = a fresh SQLite file in dir_
  std::unique_ptr<store::Database> db_;
  app::FixedClock clock_{*domain::ParseIsoUtc("2026-11-25T14:00:00.000Z")};
  integrations::SodiumPasswordHasher hasher_{/*fast=*/true};
  integrations::SecretBox cipher_{"a test server secret of at least thirty-two characters",
                                  "bankdata"};
  integrations::SecretBox state_cipher_{"a test server secret of at least thirty-two characters",
                                        "oauthst"};
  std::vector<std::string> trusted_proxies_;
  std::function<void(http::Services&)> services_tweak_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace planify::testing
