#include "main/config.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>

#include "domain/local_time.hpp"
#include "domain/site_analytics.hpp"
#include "domain/validation.hpp"

namespace planify {

namespace {

std::optional<long long> ParseInt(const std::string& text) {
  long long value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// Reads an integer variable in [min, max], recording an error otherwise.
template <typename T>
void ReadInt(const Getenv& getenv, domain::FieldErrors& errors, const std::string& name,
             long long min, long long max, T* out) {
  auto raw = getenv(name);
  if (!raw) return;
  auto value = ParseInt(*raw);
  if (!value || *value < min || *value > max) {
    errors.Add(name, "expected an integer from " + std::to_string(min) + " to " +
                         std::to_string(max) + ", got \"" + *raw + "\"");
    return;
  }
  *out = static_cast<T>(*value);
}

// An http(s) origin-only URL variable (a provider's host), trailing slashes dropped.
std::optional<std::string> ReadHostUrl(const Getenv& getenv, domain::FieldErrors& errors,
                                       const std::string& name, const std::string& fallback) {
  auto raw = getenv(name);
  if (!raw) return fallback;
  std::string u = *raw;
  while (!u.empty() && u.back() == '/') u.pop_back();
  auto origin = domain::CspOrigin(u);
  if (!origin || *origin != domain::ToLowerAscii(u)) {
    errors.Add(name, "expected an http(s) origin such as " + fallback + ", got \"" + *raw + "\"");
    return std::nullopt;
  }
  return *origin;
}

// A provider's key or id, when set; an error when set but not a plain token.
std::optional<std::string> ReadToken(const Getenv& getenv, domain::FieldErrors& errors,
                                     const std::string& name) {
  auto raw = getenv(name);
  if (!raw || raw->empty()) return std::nullopt;
  if (!domain::IsTrackerToken(*raw)) {
    errors.Add(name,
               "expected the provider's key or id (letters, digits, _ - .), got \"" + *raw + "\"");
    return std::nullopt;
  }
  return *raw;
}

// The front-end trackers (docs/analytics.md): each one on only when its key, id or domain is set.
domain::WebAnalytics ReadWebAnalytics(const Getenv& getenv, domain::FieldErrors& errors,
                                      const Config& config) {
  domain::WebAnalytics web;
  if (auto key = ReadToken(getenv, errors, "PLANIFY_WEB_POSTHOG_KEY")) {
    std::string script = domain::PostHogScriptUrl(config.posthog_host);
    if (auto custom = getenv("PLANIFY_WEB_POSTHOG_SCRIPT_URL")) {
      if (!domain::CspOrigin(*custom)) {
        errors.Add("PLANIFY_WEB_POSTHOG_SCRIPT_URL",
                   "expected an http(s) URL of PostHog's array.js, got \"" + *custom + "\"");
      }
      script = *custom;
    }
    web.posthog = domain::PostHogWeb{*key, config.posthog_host, script};
  }
  auto plausible_host =
      ReadHostUrl(getenv, errors, "PLANIFY_WEB_PLAUSIBLE_HOST", "https://plausible.io");
  bool exempt = false;
  if (auto raw = getenv("PLANIFY_WEB_PLAUSIBLE_EXEMPT")) {
    if (*raw == "true" || *raw == "1") {
      exempt = true;
    } else if (*raw != "false" && *raw != "0") {
      errors.Add("PLANIFY_WEB_PLAUSIBLE_EXEMPT", "expected true or false, got \"" + *raw + "\"");
    }
  }
  if (auto domain = ReadToken(getenv, errors, "PLANIFY_WEB_PLAUSIBLE_DOMAIN");
      domain && plausible_host) {
    web.plausible = domain::PlausibleWeb{*domain, *plausible_host, exempt};
  }
  auto datafast_host =
      ReadHostUrl(getenv, errors, "PLANIFY_WEB_DATAFAST_HOST", "https://datafa.st");
  if (auto id = ReadToken(getenv, errors, "PLANIFY_WEB_DATAFAST_ID"); id && datafast_host) {
    auto site = ReadToken(getenv, errors, "PLANIFY_WEB_DATAFAST_DOMAIN");
    if (!site) {
      // The public URL's host, as Datafast registers sites.
      auto origin = domain::CspOrigin(config.public_url);
      std::string host = origin ? origin->substr(origin->find("://") + 3) : "";
      site = host.substr(0, host.find(':'));
    }
    web.datafast = domain::DatafastWeb{*id, *site, *datafast_host};
  }
  if (auto pixel = ReadToken(getenv, errors, "PLANIFY_WEB_META_PIXEL_ID")) {
    if (!std::all_of(pixel->begin(), pixel->end(), [](char c) { return c >= '0' && c <= '9'; })) {
      errors.Add("PLANIFY_WEB_META_PIXEL_ID",
                 "expected the pixel's id (digits), got \"" + *pixel + "\"");
    } else {
      web.meta_pixel = domain::MetaPixelWeb{*pixel};
    }
  }
  return web;
}

}  // namespace

Getenv ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());  // NOLINT(concurrency-mt-unsafe): start-up only
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

Result<Config> LoadConfig(const Getenv& getenv) {
  Config config;
  domain::FieldErrors errors;

  if (auto dir = getenv("PLANIFY_DATA_DIR")) {
    if (dir->empty()) {
      errors.Add("PLANIFY_DATA_DIR", "must not be empty");
    } else {
      config.data_dir = *dir;
    }
  }

  std::string url = getenv("PLANIFY_DATABASE_URL")
                        .value_or("sqlite:" + (config.data_dir / "planify.db").string());
  if (auto parsed = store::ParseDatabaseUrl(url)) {
    config.database = *parsed;
  } else {
    errors.Add("PLANIFY_DATABASE_URL", parsed.error().message);
  }

  if (auto listen = getenv("PLANIFY_LISTEN")) {
    auto colon = listen->rfind(':');
    std::optional<long long> port;
    if (colon != std::string::npos) port = ParseInt(listen->substr(colon + 1));
    if (colon == std::string::npos || colon == 0 || !port || *port < 0 || *port > 65535) {
      errors.Add("PLANIFY_LISTEN",
                 "expected HOST:PORT such as 127.0.0.1:8080, got \"" + *listen + "\"");
    } else {
      config.listen_host = listen->substr(0, colon);
      if (config.listen_host.size() > 2 && config.listen_host.front() == '[') {
        config.listen_host = config.listen_host.substr(1, config.listen_host.size() - 2);
      }
      config.listen_port = static_cast<int>(*port);
    }
  }

  if (auto public_url = getenv("PLANIFY_PUBLIC_URL")) {
    std::string u = *public_url;
    while (!u.empty() && u.back() == '/') u.pop_back();
    bool scheme = u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0;
    bool has_host = scheme && u.size() > u.find("://") + 3;
    if (!scheme || !has_host || u.find(' ') != std::string::npos) {
      errors.Add("PLANIFY_PUBLIC_URL",
                 "expected an absolute http(s) URL such as https://planify.example.fr, got \"" +
                     *public_url + "\"");
    } else {
      config.public_url = u;
    }
  }
  if (config.public_url.empty()) {
    config.public_url = "http://" + config.listen_host + ":" + std::to_string(config.listen_port);
  }

  if (auto key = getenv("PLANIFY_SECRET_KEY")) {
    if (key->size() < 32) {
      errors.Add("PLANIFY_SECRET_KEY",
                 "must be at least 32 characters (use `openssl rand -hex 32`), or unset it to have "
                 "one generated in the data directory");
    } else {
      config.secret_key = *key;
    }
  }

  if (auto level = getenv("PLANIFY_LOG_LEVEL")) {
    static constexpr const char* kLevels[] = {"trace", "debug", "info", "warn", "error", "off"};
    bool known = false;
    for (const char* l : kLevels) known = known || *level == l;
    if (!known) {
      errors.Add("PLANIFY_LOG_LEVEL",
                 "expected one of trace, debug, info, warn, error, off; got \"" + *level + "\"");
    } else {
      config.log_level = *level;
    }
  }

  if (auto format = getenv("PLANIFY_LOG_FORMAT")) {
    if (*format == "text") {
      config.log_format = LogFormat::kText;
    } else if (*format == "json") {
      config.log_format = LogFormat::kJson;
    } else {
      errors.Add("PLANIFY_LOG_FORMAT", "expected text or json, got \"" + *format + "\"");
    }
  }

  if (auto web = getenv("PLANIFY_WEB_DIR")) config.web_dir = *web;

  ReadInt(getenv, errors, "PLANIFY_MAX_BODY_BYTES", 1024, 1LL << 30, &config.max_body_bytes);
  ReadInt(getenv, errors, "PLANIFY_HTTP_THREADS", 2, 1024, &config.http_threads);
  ReadInt(getenv, errors, "PLANIFY_DOWNLOAD_SLOTS", 0, 256, &config.download_slots);
  ReadInt(getenv, errors, "PLANIFY_DB_POOL_SIZE", 1, 256, &config.db_pool_size);
  ReadInt(getenv, errors, "PLANIFY_READ_TIMEOUT_SECONDS", 1, 300, &config.read_timeout_seconds);
  ReadInt(getenv, errors, "PLANIFY_REQUEST_DEADLINE_SECONDS", 1, 3600,
          &config.request_deadline_seconds);
  ReadInt(getenv, errors, "PLANIFY_WORKER_THREADS", 0, 64, &config.worker_threads);
  ReadInt(getenv, errors, "PLANIFY_JOB_LOCK_SECONDS", 1, 86400, &config.job_lock_seconds);
  ReadInt(getenv, errors, "PLANIFY_JOB_POLL_MS", 10, 60000, &config.job_poll_ms);

  if (auto migrate = getenv("PLANIFY_AUTO_MIGRATE")) {
    if (*migrate == "true" || *migrate == "1") {
      config.auto_migrate = true;
    } else if (*migrate == "false" || *migrate == "0") {
      config.auto_migrate = false;
    } else {
      errors.Add("PLANIFY_AUTO_MIGRATE", "expected true or false, got \"" + *migrate + "\"");
    }
  }

  config.backup_dir = config.data_dir / "backups";
  if (auto dir = getenv("PLANIFY_BACKUP_DIR")) {
    if (dir->empty()) {
      errors.Add("PLANIFY_BACKUP_DIR", "must not be empty");
    } else {
      config.backup_dir = *dir;
    }
  }
  if (auto daily = getenv("PLANIFY_BACKUP_DAILY")) {
    if (*daily == "true" || *daily == "1") {
      config.backup_daily = true;
    } else if (*daily == "false" || *daily == "0") {
      config.backup_daily = false;
    } else {
      errors.Add("PLANIFY_BACKUP_DAILY", "expected true or false, got \"" + *daily + "\"");
    }
  }

  if (auto driver = getenv("PLANIFY_MAIL_DRIVER")) {
    if (*driver == "outbox" || *driver == "resend" || *driver == "smtp") {
      config.mail_driver = *driver;
    } else {
      errors.Add("PLANIFY_MAIL_DRIVER", "expected outbox, resend or smtp, got \"" + *driver + "\"");
    }
  }
  if (auto from = getenv("PLANIFY_MAIL_FROM")) {
    if (!domain::IsPlausibleEmail(*from)) {
      errors.Add("PLANIFY_MAIL_FROM",
                 "expected a bare address such as no-reply@planify.example.fr");
    } else {
      config.mail_from = *from;
    }
  }
  if (auto key = getenv("PLANIFY_RESEND_API_KEY")) config.resend_api_key = *key;
  if (auto secret = getenv("PLANIFY_RESEND_WEBHOOK_SECRET")) {
    if (secret->rfind("whsec_", 0) != 0 || secret->size() < 20) {
      errors.Add("PLANIFY_RESEND_WEBHOOK_SECRET",
                 "expected the whsec_… signing secret from Resend");
    } else {
      config.resend_webhook_secret = *secret;
    }
  }
  if (auto base = getenv("PLANIFY_RESEND_BASE_URL")) {
    if (base->rfind("http://", 0) != 0 && base->rfind("https://", 0) != 0) {
      errors.Add("PLANIFY_RESEND_BASE_URL", "expected an http(s) URL");
    } else {
      config.resend_base_url = *base;
    }
  }
  if (auto stripe = getenv("PLANIFY_STRIPE_API_URL")) {
    if (stripe->rfind("http://", 0) != 0 && stripe->rfind("https://", 0) != 0) {
      errors.Add("PLANIFY_STRIPE_API_URL", "expected an http(s) URL");
    } else {
      config.stripe_api_url = *stripe;
    }
  }
  if (auto smtp = getenv("PLANIFY_SMTP_URL")) {
    if (smtp->rfind("smtp://", 0) != 0 && smtp->rfind("smtps://", 0) != 0) {
      errors.Add("PLANIFY_SMTP_URL", "expected smtp://host:587 (STARTTLS) or smtps://host:465");
    } else {
      config.smtp_url = *smtp;
    }
  }
  if (auto user = getenv("PLANIFY_SMTP_USERNAME")) config.smtp_username = *user;
  if (auto password = getenv("PLANIFY_SMTP_PASSWORD")) config.smtp_password = *password;
  if (auto proxies = getenv("PLANIFY_TRUSTED_PROXIES")) {
    // Comma-separated peer addresses (a reverse proxy on the same host: 127.0.0.1, ::1).
    std::string list = *proxies;
    std::size_t start = 0;
    while (start <= list.size()) {
      auto comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      std::string item = list.substr(start, comma - start);
      item.erase(0, item.find_first_not_of(' '));
      item.erase(item.find_last_not_of(' ') + 1);
      bool plausible =
          !item.empty() && item.find_first_not_of("0123456789abcdefABCDEF.:") == std::string::npos;
      if (plausible) {
        config.trusted_proxies.push_back(item);
      } else if (!item.empty() || comma < list.size()) {
        errors.Add(
            "PLANIFY_TRUSTED_PROXIES",
            "expected comma-separated IP addresses such as 127.0.0.1,::1, got \"" + item + "\"");
        break;
      }
      start = comma + 1;
    }
  }
  if (auto id = getenv("PLANIFY_GOOGLE_CLIENT_ID")) config.google_client_id = *id;
  if (auto secret = getenv("PLANIFY_GOOGLE_CLIENT_SECRET")) config.google_client_secret = *secret;
  if (auto issuer = getenv("PLANIFY_GOOGLE_ISSUER")) {
    std::string u = *issuer;
    while (!u.empty() && u.back() == '/') u.pop_back();
    if (u.rfind("https://", 0) != 0 && u.rfind("http://", 0) != 0) {
      errors.Add("PLANIFY_GOOGLE_ISSUER",
                 "expected an http(s) URL such as https://accounts.google.com");
    } else {
      config.google_issuer = u;
    }
  }
  if (auto calendar = getenv("PLANIFY_GOOGLE_CALENDAR_URL")) {
    std::string u = *calendar;
    while (!u.empty() && u.back() == '/') u.pop_back();
    if (u.rfind("https://", 0) != 0 && u.rfind("http://", 0) != 0) {
      errors.Add("PLANIFY_GOOGLE_CALENDAR_URL",
                 "expected an http(s) URL (a stand-in for Google's OAuth and Calendar endpoints)");
    } else {
      config.google_calendar_url = u;
    }
  }
  if (auto host = getenv("PLANIFY_POSTHOG_HOST")) {
    std::string u = *host;
    while (!u.empty() && u.back() == '/') u.pop_back();
    if (u.rfind("https://", 0) != 0 && u.rfind("http://", 0) != 0) {
      errors.Add("PLANIFY_POSTHOG_HOST",
                 "expected an http(s) URL such as https://eu.i.posthog.com");
    } else {
      config.posthog_host = u;
    }
  }
  if (auto key = getenv("PLANIFY_POSTHOG_KEY")) config.posthog_key = *key;
  if (auto hosts = getenv("PLANIFY_PUSH_HOSTS")) {
    std::string host;
    for (char c : *hosts + ",") {
      if (c == ',') {
        if (!host.empty()) config.push_hosts.push_back(host);
        host.clear();
      } else if (c != ' ') {
        host.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      }
    }
  }
  if (auto subject = getenv("PLANIFY_PUSH_SUBJECT")) {
    if (subject->rfind("mailto:", 0) != 0 && subject->rfind("https://", 0) != 0) {
      errors.Add("PLANIFY_PUSH_SUBJECT", "expected mailto:address or an https URL");
    } else {
      config.push_subject = *subject;
    }
  }
  config.web_analytics = ReadWebAnalytics(getenv, errors, config);
  if (auto local = getenv("PLANIFY_TEST_WEBHOOKS_LOCAL")) {
    if (*local == "true" || *local == "1") {
      config.test_webhooks_local = true;
    } else if (*local != "false" && *local != "0") {
      errors.Add("PLANIFY_TEST_WEBHOOKS_LOCAL", "expected true or false, got \"" + *local + "\"");
    }
  }
  if (auto start = getenv("PLANIFY_TEST_CLOCK_START")) {
    auto t = domain::ParseApiInstant(*start);
    if (!t) {
      errors.Add("PLANIFY_TEST_CLOCK_START",
                 "expected an instant with an offset, such as 2027-01-29T09:00:00Z");
    } else {
      config.test_clock_start = *t;
    }
  }
  if (config.google_client_id.empty() != config.google_client_secret.empty()) {
    errors.Add(config.google_client_id.empty() ? "PLANIFY_GOOGLE_CLIENT_ID"
                                               : "PLANIFY_GOOGLE_CLIENT_SECRET",
               "set both PLANIFY_GOOGLE_CLIENT_ID and PLANIFY_GOOGLE_CLIENT_SECRET, or neither");
  }
  if (auto starttls = getenv("PLANIFY_SMTP_STARTTLS")) {
    if (*starttls == "true" || *starttls == "false") {
      config.smtp_starttls = *starttls == "true";
    } else {
      errors.Add("PLANIFY_SMTP_STARTTLS", "expected true or false");
    }
  }
  if (config.mail_driver == "smtp") {
    if (config.smtp_url.empty())
      errors.Add("PLANIFY_SMTP_URL", "required when PLANIFY_MAIL_DRIVER=smtp");
    if (!getenv("PLANIFY_MAIL_FROM")) {
      errors.Add("PLANIFY_MAIL_FROM", "required when PLANIFY_MAIL_DRIVER=smtp");
    }
  }
  if (config.mail_driver == "resend") {
    if (config.resend_api_key.empty()) {
      errors.Add("PLANIFY_RESEND_API_KEY", "required when PLANIFY_MAIL_DRIVER=resend");
    }
    if (!getenv("PLANIFY_MAIL_FROM")) {
      errors.Add("PLANIFY_MAIL_FROM",
                 "required when PLANIFY_MAIL_DRIVER=resend (an address of a domain verified at "
                 "Resend)");
    }
  }

  if (!errors.empty()) return Fail(errors.ToError("invalid configuration"));
  return config;
}

}  // namespace planify
