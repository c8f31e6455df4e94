#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "domain/site_analytics.hpp"
#include "domain/time.hpp"
#include "store/database_url.hpp"

namespace planify {

enum class LogFormat { kText, kJson };

// Everything `planify` reads from its environment, validated. See the README table.
struct Config {
  store::DatabaseUrl database;
  std::string listen_host = "127.0.0.1";
  int listen_port = 8080;
  std::string public_url;  // "http://127.0.0.1:8080" unless PLANIFY_PUBLIC_URL says otherwise
  std::filesystem::path data_dir = "data";
  std::optional<std::string> secret_key;  // from the environment; else data_dir/secret.key
  std::filesystem::path backup_dir;       // PLANIFY_BACKUP_DIR; data_dir/backups by default
  bool backup_daily = true;               // the 02:30 backup job (7 daily, 4 weekly, 12 monthly)
  std::string log_level = "info";
  LogFormat log_format = LogFormat::kText;
  std::filesystem::path web_dir;  // empty: serve no web app
  std::size_t max_body_bytes = std::size_t{10} * 1024 * 1024;
  std::size_t http_threads = 64;
  std::size_t download_slots = 0;  // downloads handled at once; 0: the cores (at least 2)
  std::size_t db_pool_size = 8;
  int read_timeout_seconds = 10;
  int request_deadline_seconds = 60;  // one whole request: read, handled, answered
  bool auto_migrate = true;
  int worker_threads = 2;      // job worker threads inside `serve` (0: none; run `planify worker`)
  int job_lock_seconds = 300;  // a crashed worker's jobs are retried after this
  int job_poll_ms = 500;       // idle workers look for due jobs this often
  std::string mail_driver = "outbox";  // outbox | resend
  std::string mail_from = "no-reply@planify.invalid";
  std::string resend_api_key;
  std::string resend_base_url = "https://api.resend.com";
  std::string stripe_api_url = "https://api.stripe.com";  // a local fake in tests
  std::string resend_webhook_secret;  // whsec_… from Resend's webhook settings
  std::string smtp_url;               // smtp://host:587 or smtps://host:465
  std::string smtp_username;
  std::string smtp_password;
  bool smtp_starttls = true;
  std::vector<std::string> trusted_proxies;  // PLANIFY_TRUSTED_PROXIES
  std::string google_client_id;              // empty: Google sign-in off
  std::string google_client_secret;
  std::string google_issuer = "https://accounts.google.com";
  // Empty: Google's own OAuth and Calendar endpoints; set: all of them under this base URL
  // (/auth, /token, /revoke, /calendar/v3/...), for a local stand-in in tests.
  std::string google_calendar_url;
  // Business events forwarded to PostHog (docs/analytics.md); no key: nothing leaves.
  std::string posthog_host = "https://eu.i.posthog.com";
  std::string posthog_key;
  // Web Push (docs/notifications.md): the push services' hosts a browser subscription may name
  // (PLANIFY_PUSH_HOSTS, comma-separated; empty = the browsers' own), the VAPID contact.
  std::vector<std::string> push_hosts;
  std::string push_subject;
  // Trackers in the browser, each loaded only with the visitor's consent (docs/analytics.md).
  domain::WebAnalytics web_analytics;
  // Tests only: outgoing webhooks may go to http and to this machine (PLANIFY_TEST_WEBHOOKS_LOCAL),
  // for the browser tests' local receiver. Never in production: it opens request forgery.
  bool test_webhooks_local = false;
  // Tests only: the clock starts at this instant instead of now (PLANIFY_TEST_CLOCK_START).
  std::optional<domain::Timestamp> test_clock_start;

  [[nodiscard]] bool https() const { return public_url.rfind("https://", 0) == 0; }
};

using Getenv = std::function<std::optional<std::string>(const std::string& name)>;

// Reads and validates every PLANIFY_* variable. On a bad value: VALIDATION whose fields name
// each offending variable with what is wrong and what is expected.
[[nodiscard]] Result<Config> LoadConfig(const Getenv& getenv);

// The process environment as a Getenv.
[[nodiscard]] Getenv ProcessEnvironment();

}  // namespace planify
