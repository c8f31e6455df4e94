#include "main/config.hpp"

#include <gtest/gtest.h>

#include <map>

namespace planify {
namespace {

Getenv Env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(Config, DefaultsNeedNoVariable) {
  auto config = LoadConfig(Env({}));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->database.dialect, store::Dialect::kSqlite);
  EXPECT_EQ(config->database.sqlite_path, "data/planify.db");
  EXPECT_EQ(config->listen_host, "127.0.0.1");
  EXPECT_EQ(config->listen_port, 8080);
  EXPECT_EQ(config->public_url, "http://127.0.0.1:8080");
  EXPECT_EQ(config->max_body_bytes, 10u * 1024 * 1024);
  EXPECT_EQ(config->log_format, LogFormat::kText);
  EXPECT_FALSE(config->https());
}

TEST(Config, DataDirMovesTheDefaultDatabase) {
  auto config = LoadConfig(Env({{"PLANIFY_DATA_DIR", "/srv/planify"}}));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->database.sqlite_path, "/srv/planify/planify.db");
}

TEST(Config, ReadsEveryVariable) {
  auto config =
      LoadConfig(Env({{"PLANIFY_DATABASE_URL", "postgresql://u:p@db:5432/planify?sslmode=require"},
                      {"PLANIFY_LISTEN", "0.0.0.0:9000"},
                      {"PLANIFY_PUBLIC_URL", "https://app.planify.fr/"},
                      {"PLANIFY_SECRET_KEY", std::string(64, 'k')},
                      {"PLANIFY_LOG_LEVEL", "debug"},
                      {"PLANIFY_LOG_FORMAT", "json"},
                      {"PLANIFY_MAX_BODY_BYTES", "2048"},
                      {"PLANIFY_AUTO_MIGRATE", "false"},
                      {"PLANIFY_BACKUP_DIR", "/srv/backups"},
                      {"PLANIFY_BACKUP_DAILY", "false"}}));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->backup_dir, "/srv/backups");
  EXPECT_FALSE(config->backup_daily);
  EXPECT_EQ(config->database.dialect, store::Dialect::kPostgres);
  EXPECT_EQ(config->listen_host, "0.0.0.0");
  EXPECT_EQ(config->listen_port, 9000);
  EXPECT_EQ(config->public_url, "https://app.planify.fr");
  EXPECT_TRUE(config->https());
  EXPECT_EQ(config->log_level, "debug");
  EXPECT_EQ(config->log_format, LogFormat::kJson);
  EXPECT_EQ(config->max_body_bytes, 2048u);
  EXPECT_FALSE(config->auto_migrate);
}

TEST(Config, BacksUpIntoTheDataDirectoryEveryNightUnlessToldOtherwise) {
  auto config = LoadConfig(Env({{"PLANIFY_DATA_DIR", "/var/lib/planify"}}));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->backup_dir, "/var/lib/planify/backups");
  EXPECT_TRUE(config->backup_daily);
  auto bad = LoadConfig(Env({{"PLANIFY_BACKUP_DAILY", "nightly"}, {"PLANIFY_BACKUP_DIR", ""}}));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.size(), 2U);
}

TEST(Config, NamesEachBadVariable) {
  auto config = LoadConfig(Env({{"PLANIFY_LISTEN", "8080"},
                                {"PLANIFY_LOG_FORMAT", "xml"},
                                {"PLANIFY_DATABASE_URL", "mysql://x/y"},
                                {"PLANIFY_SECRET_KEY", "short"},
                                {"PLANIFY_PUBLIC_URL", "planify.fr"},
                                {"PLANIFY_MAX_BODY_BYTES", "lots"}}));
  ASSERT_FALSE(config);
  std::vector<std::string> names;
  for (const auto& f : config.error().fields) names.push_back(f.field);
  EXPECT_EQ(names, (std::vector<std::string>{"PLANIFY_DATABASE_URL", "PLANIFY_LISTEN",
                                             "PLANIFY_PUBLIC_URL", "PLANIFY_SECRET_KEY",
                                             "PLANIFY_LOG_FORMAT", "PLANIFY_MAX_BODY_BYTES"}));
}

TEST(Config, PostHogIsOffUntilAKeyIsGiven) {
  auto off = LoadConfig(Env({}));
  ASSERT_TRUE(off);
  EXPECT_TRUE(off->posthog_key.empty());
  EXPECT_EQ(off->posthog_host, "https://eu.i.posthog.com");
  auto on = LoadConfig(
      Env({{"PLANIFY_POSTHOG_KEY", "phc_test"}, {"PLANIFY_POSTHOG_HOST", "http://127.0.0.1:1/"}}));
  ASSERT_TRUE(on);
  EXPECT_EQ(on->posthog_key, "phc_test");
  EXPECT_EQ(on->posthog_host, "http://127.0.0.1:1");
  auto bad = LoadConfig(Env({{"PLANIFY_POSTHOG_HOST", "posthog"}}));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.at(0).field, "PLANIFY_POSTHOG_HOST");
}

TEST(Config, FrontEndTrackersAreOffUntilEachIsGivenItsKeyAndRefuseValuesThatCouldBreakOut) {
  auto off = LoadConfig(Env({}));
  ASSERT_TRUE(off);
  EXPECT_FALSE(off->web_analytics.posthog || off->web_analytics.plausible ||
               off->web_analytics.datafast || off->web_analytics.meta_pixel);

  auto on = LoadConfig(Env({{"PLANIFY_PUBLIC_URL", "https://planify.example.fr"},
                            {"PLANIFY_WEB_POSTHOG_KEY", "phc_abc"},
                            {"PLANIFY_WEB_PLAUSIBLE_DOMAIN", "planify.example.fr"},
                            {"PLANIFY_WEB_PLAUSIBLE_HOST", "https://stats.example.fr/"},
                            {"PLANIFY_WEB_PLAUSIBLE_EXEMPT", "true"},
                            {"PLANIFY_WEB_DATAFAST_ID", "dfid_42"},
                            {"PLANIFY_WEB_META_PIXEL_ID", "1234567890"}}));
  ASSERT_TRUE(on) << on.error().message;
  EXPECT_EQ(on->web_analytics.posthog->script_url,
            "https://eu-assets.i.posthog.com/static/array.js");
  EXPECT_EQ(on->web_analytics.plausible->host, "https://stats.example.fr");
  EXPECT_TRUE(on->web_analytics.plausible->exempt);
  EXPECT_EQ(on->web_analytics.datafast->domain, "planify.example.fr");
  EXPECT_EQ(on->web_analytics.datafast->host, "https://datafa.st");
  EXPECT_EQ(on->web_analytics.meta_pixel->pixel_id, "1234567890");

  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"PLANIFY_WEB_POSTHOG_KEY", "phc abc"},
           {"PLANIFY_WEB_PLAUSIBLE_HOST", "https://x.org; script-src *"},
           {"PLANIFY_WEB_PLAUSIBLE_HOST", "https://x.org/path"},
           {"PLANIFY_WEB_PLAUSIBLE_EXEMPT", "maybe"},
           {"PLANIFY_WEB_DATAFAST_HOST", "datafa.st"},
           {"PLANIFY_WEB_META_PIXEL_ID", "12ab"},
           {"PLANIFY_WEB_POSTHOG_SCRIPT_URL", "https://x.org/a b.js"}}) {
    std::map<std::string, std::string> env{{name, value}};
    env.emplace("PLANIFY_WEB_POSTHOG_KEY", "phc_ok");  // the script URL counts with a key only
    auto bad = LoadConfig(Env(env));
    ASSERT_FALSE(bad) << name << "=" << value;
    EXPECT_EQ(bad.error().fields.at(0).field, name) << value;
  }
}

TEST(Config, LocalWebhookReceiversAreForTestsOnlyAndOffByDefault) {
  EXPECT_FALSE(LoadConfig(Env({}))->test_webhooks_local);
  EXPECT_TRUE(LoadConfig(Env({{"PLANIFY_TEST_WEBHOOKS_LOCAL", "true"}}))->test_webhooks_local);
  auto bad = LoadConfig(Env({{"PLANIFY_TEST_WEBHOOKS_LOCAL", "yes please"}}));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.at(0).field, "PLANIFY_TEST_WEBHOOKS_LOCAL");
}

TEST(Config, GoogleCalendarEndpointsCanPointAtOneBaseUrl) {
  auto config = LoadConfig(Env({{"PLANIFY_GOOGLE_CALENDAR_URL", "http://127.0.0.1:18092/"}}));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->google_calendar_url, "http://127.0.0.1:18092");
  EXPECT_TRUE(LoadConfig(Env({}))->google_calendar_url.empty());
  auto bad = LoadConfig(Env({{"PLANIFY_GOOGLE_CALENDAR_URL", "fake-google"}}));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.at(0).field, "PLANIFY_GOOGLE_CALENDAR_URL");
}

TEST(Config, ResendNeedsAKeyAndASenderAddress) {
  auto missing = LoadConfig(Env({{"PLANIFY_MAIL_DRIVER", "resend"}}));
  ASSERT_FALSE(missing);
  std::vector<std::string> names;
  for (const auto& f : missing.error().fields) names.push_back(f.field);
  EXPECT_EQ(names, (std::vector<std::string>{"PLANIFY_RESEND_API_KEY", "PLANIFY_MAIL_FROM"}));

  auto ok = LoadConfig(Env({{"PLANIFY_MAIL_DRIVER", "resend"},
                            {"PLANIFY_RESEND_API_KEY", "re_123"},
                            {"PLANIFY_MAIL_FROM", "no-reply@sono-lumiere.fr"}}));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->mail_driver, "resend");
  EXPECT_EQ(ok->resend_base_url, "https://api.resend.com");
  EXPECT_FALSE(LoadConfig(Env({{"PLANIFY_MAIL_DRIVER", "pigeon"}})));
}

}  // namespace
}  // namespace planify
