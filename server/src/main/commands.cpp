#include "main/commands.hpp"

#include <signal.h>  // NOLINT(modernize-deprecated-headers): sigwait
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "app/analytics/analytics_forwarder.hpp"
#include "app/backups/backups_service.hpp"
#include "app/booking/ratings_service.hpp"
#include "app/documents/billing_service.hpp"
#include "app/email/email_service.hpp"
#include "app/equipment/inventory_service.hpp"
#include "app/exports/exports_service.hpp"
#include "app/legacy/legacy_uploads_service.hpp"
#include "app/notifications/notifications_service.hpp"
#include "app/payments/online_payments_service.hpp"
#include "app/planning/calendar_sync_service.hpp"
#include "app/ports.hpp"
#include "app/reminders/reminders_service.hpp"
#include "app/webhooks/webhooks_service.hpp"
#include "http/server.hpp"
#include "integrations/crypto/secret_box.hpp"
#include "integrations/crypto/sodium.hpp"
#include "integrations/email/mailers.hpp"
#include "integrations/email/templates.hpp"
#include "integrations/google/google_calendar.hpp"
#include "integrations/legacy/legacy_db.hpp"
#include "integrations/oidc/oidc_client.hpp"
#include "integrations/stripe/stripe_client.hpp"
#include "jobs/worker.hpp"
#include "main/allocator.hpp"
#include "main/secret.hpp"
#include "store/emails_repository.hpp"
#include "store/jobs_repository.hpp"
#include "store/migrations.hpp"

#include <nlohmann/json.hpp>

namespace planify {

namespace {

std::filesystem::path DefaultWebDir() {
  std::error_code ec;
  for (const char* candidate : {"web/dist", "../web/dist", "/usr/share/planify/web"}) {
    if (std::filesystem::is_regular_file(std::filesystem::path(candidate) / "index.html", ec)) {
      return std::filesystem::absolute(candidate, ec);
    }
  }
  // Next to the binary: <root>/build/<preset>/planify -> <root>/web/dist
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto dir = exe.parent_path().parent_path().parent_path() / "web" / "dist";
    if (std::filesystem::is_regular_file(dir / "index.html", ec)) return dir;
  }
  return {};
}

Result<std::unique_ptr<store::Database>> OpenDatabase(const Config& config) {
  store::Database::Options options;
  options.pool_size = config.db_pool_size;
  return store::Database::Open(config.database, options);
}

// The database, or nullopt after telling `out` why it cannot be opened (CLI commands).
std::optional<std::unique_ptr<store::Database>> OpenOrReport(const Config& config,
                                                             std::ostream& out) {
  auto db = OpenDatabase(config);
  if (!db) {
    out << "error: " << db.error().message << "\n";
    return std::nullopt;
  }
  return std::move(*db);
}

// The system clock, or in tests the one PLANIFY_TEST_CLOCK_START moved (said in the log).
std::unique_ptr<app::Clock> MakeClock(const Config& config) {
  if (!config.test_clock_start) return std::make_unique<app::SystemClock>();
  spdlog::warn("PLANIFY_TEST_CLOCK_START: the clock starts at {} (tests only)",
               domain::FormatIsoUtc(*config.test_clock_start));
  return std::make_unique<app::ShiftedClock>(*config.test_clock_start);
}

// Production: public https endpoints only. PLANIFY_TEST_WEBHOOKS_LOCAL (browser tests, said in
// the log) lets them reach a local receiver over http.
domain::WebhookPolicy WebhookPolicyFor(const Config& config) {
  if (!config.test_webhooks_local) return {};
  spdlog::warn(
      "PLANIFY_TEST_WEBHOOKS_LOCAL: webhooks may go to http and local addresses "
      "(tests only, never in production)");
  return domain::WebhookPolicy{.allow_http = true, .allow_private = true};
}

// The push services a subscription may name; tests add the local fake (127.0.0.1 over http).
app::PushSettings PushSettingsFor(const Config& config) {
  app::PushSettings push;
  push.hosts = config.push_hosts.empty() ? app::DefaultPushHosts() : config.push_hosts;
  if (config.test_webhooks_local) {
    push.policy = domain::WebhookPolicy{.allow_http = true, .allow_private = true};
    push.hosts.emplace_back("127.0.0.1");
  }
  if (!config.push_subject.empty()) {
    push.subject = config.push_subject;
  } else if (config.public_url.rfind("https://", 0) == 0) {
    push.subject = config.public_url;
  }
  return push;
}

std::string NowIso() { return domain::FormatIsoUtc(app::SystemClock().Now()); }

// Applies pending migrations, logging progress; false (logged) when refused or failed.
bool MigrateWithProgress(store::Database& db) {
  auto lease = db.Acquire();
  if (!lease) {
    spdlog::error("{}", lease.error().message);
    return false;
  }
  auto known = store::EmbeddedMigrations(db.dialect());
  auto status = store::Migrate(*lease, known, NowIso(),
                               [](const store::Migration& m, std::size_t i, std::size_t total) {
                                 spdlog::info("migration {}/{} applied: {}", i, total, m.name);
                               });
  if (!status) {
    spdlog::error("migration failed: {}", status.error().message);
    return false;
  }
  spdlog::info("schema at version {} ({})", status->database_version,
               store::DialectName(db.dialect()));
  return true;
}

jobs::WorkerOptions WorkerOptionsFrom(const Config& config) {
  jobs::WorkerOptions options;
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  options.name = std::string(host) + ":" + std::to_string(::getpid());
  options.threads = config.worker_threads;
  options.lock_duration = std::chrono::seconds(config.job_lock_seconds);
  options.poll_interval = std::chrono::milliseconds(config.job_poll_ms);
  return options;
}

std::unique_ptr<app::Mailer> MakeMailer(const Config& config) {
  if (config.mail_driver == "resend") {
    integrations::ResendMailer::Options options;
    options.api_key = config.resend_api_key;
    options.base_url = config.resend_base_url;
    return std::make_unique<integrations::ResendMailer>(options);
  }
  if (config.mail_driver == "smtp") {
    integrations::SmtpMailer::Options options;
    options.url = config.smtp_url;
    options.username = config.smtp_username;
    options.password = config.smtp_password;
    options.starttls = config.smtp_starttls;
    auto host_start = config.public_url.find("://");
    std::string host =
        config.public_url.substr(host_start == std::string::npos ? 0 : host_start + 3);
    options.hostname = host.substr(0, host.find_first_of(":/"));
    return std::make_unique<integrations::SmtpMailer>(options);
  }
  return std::make_unique<integrations::OutboxMailer>();
}

app::BackupSettings BackupSettingsFrom(const Config& config) {
  app::BackupSettings settings;
  settings.directory = config.backup_dir;
  settings.daily = config.backup_daily;
  return settings;
}

// Google Calendar rides on the Google sign-in client (the same OAuth client); null when
// Google is not configured.
std::unique_ptr<integrations::GoogleCalendarClient> MakeGoogleCalendar(const Config& config) {
  if (config.google_client_id.empty()) return nullptr;
  integrations::GoogleCalendarOptions options;
  if (!config.google_calendar_url.empty()) {
    options = integrations::GoogleCalendarClient::At(config.google_calendar_url, "", "");
  }
  options.client_id = config.google_client_id;
  options.client_secret = config.google_client_secret;
  return std::make_unique<integrations::GoogleCalendarClient>(options);
}

// Every job type this build runs, with its dependencies.
// What the job handlers keep for the life of the registry (payments apply Stripe events with
// the bank cipher: an automatic deposit invoice freezes the seller's IBAN).
struct JobDependencies {
  JobDependencies(const Config& config, const app::Clock& job_clock, const std::string& secret)
      : clock(job_clock),
        cipher(secret, "bankdata"),
        calendar_cipher(secret, "calendar"),
        stripe(config.stripe_api_url) {
    // Google Calendar rides on the Google sign-in client (the same OAuth client).
    google_calendar = MakeGoogleCalendar(config);
  }
  const app::Clock& clock;
  integrations::SecretBox cipher;
  integrations::SecretBox calendar_cipher;  // the members' calendar refresh tokens
  integrations::StripeGateway stripe;
  std::unique_ptr<integrations::GoogleCalendarClient> google_calendar;
};

app::AnalyticsSettings AnalyticsSettingsFrom(const Config& config) {
  return app::AnalyticsSettings{config.posthog_host, config.posthog_key};
}

// The system's schedules, and business events forwarded every minute when PostHog is set.
std::vector<jobs::ScheduleDefinition> SchedulesFor(const Config& config) {
  auto schedules = jobs::SystemSchedules();
  if (AnalyticsSettingsFrom(config).Enabled()) {
    schedules.push_back(jobs::ScheduleDefinition{"analytics.forward", "analytics.forward",
                                                 domain::EveryInterval{std::chrono::minutes(1)},
                                                 "{}", 5});
  }
  return schedules;
}

void RegisterAllJobs(jobs::JobRegistry& registry, app::Mailer& mailer, const Config& config,
                     JobDependencies& deps) {
  jobs::RegisterSystemJobs(registry);
  app::RegisterEmailJobs(registry, mailer, config.mail_from, deps.clock);
  app::RegisterDocumentJobs(registry, deps.clock, deps.cipher);
  app::RegisterInventoryJobs(registry, config.public_url, deps.clock);
  app::RegisterPaymentJobs(registry, deps.clock, deps.cipher, deps.stripe, config.public_url);
  app::RegisterReminderJobs(registry, deps.clock, deps.cipher, config.public_url);
  app::RegisterExportJobs(registry, deps.clock);
  app::RegisterLegacyImportJobs(registry, deps.clock, deps.cipher);
  app::RegisterBackupJobs(registry, deps.clock, BackupSettingsFrom(config), kVersion);
  app::RegisterCalendarJobs(registry, deps.clock, deps.calendar_cipher, deps.google_calendar.get(),
                            config.public_url);
  app::RegisterAnalyticsJobs(registry, deps.clock, AnalyticsSettingsFrom(config));
  app::RegisterWebhookJobs(registry, deps.clock, deps.cipher, WebhookPolicyFor(config));
  app::RegisterRatingJobs(registry, deps.clock, config.public_url);
  app::RegisterNotificationJobs(registry, deps.clock, deps.cipher, config.public_url,
                                PushSettingsFor(config));
}

// Blocks SIGTERM/SIGINT in this thread (and the threads it starts afterwards) so that one
// waiter receives them with sigwait.
sigset_t BlockStopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

}  // namespace

int RunServe(const Config& config) {
  // Block the stop signals before any thread starts, so only the waiter below receives them.
  sigset_t signals = BlockStopSignals();
  ServerAllocator allocator;
  ::signal(SIGPIPE, SIG_IGN);

  auto secret = EnsureSecretKey(config);
  if (!secret) {
    spdlog::error("{}", secret.error().message);
    return kExitFailure;
  }
  auto db = OpenDatabase(config);
  if (!db) {
    spdlog::error("{}", db.error().message);
    return kExitFailure;
  }
  spdlog::info("database: {} ({} connections)", (*db)->url().redacted, (*db)->pool_size());
  // Connections idle for two seconds give their page cache back (docs/performance.md, "Memory").
  auto trim_hook = allocator.BeforeTrim(
      [&database = **db] { (void)database.ReleaseIdleMemory(std::chrono::seconds(2)); });
  if (config.auto_migrate) {
    if (!MigrateWithProgress(**db)) return kExitFailure;
  } else {
    spdlog::info("PLANIFY_AUTO_MIGRATE=false: not migrating; /readyz reports the schema state");
  }

  auto clock_holder = MakeClock(config);
  const app::Clock& clock = *clock_holder;
  integrations::SodiumPasswordHasher hasher;
  if (config.auto_migrate) {
    // The Web Push key pair exists from the first start (docs/notifications.md).
    integrations::SecretBox push_cipher(*secret, "bankdata");
    if (auto vapid = app::EnsureVapidKeys(**db, push_cipher, NowIso()); !vapid) {
      spdlog::warn("Web Push keys not ready: {}", vapid.error().message);
    }
  }
  integrations::SecretBox bank_cipher(*secret, "bankdata");
  integrations::SecretBox state_cipher(*secret, "oauthst");
  integrations::SecretBox calendar_cipher(*secret, "calendar");
  auto google_calendar = MakeGoogleCalendar(config);
  std::unique_ptr<integrations::OidcClient> google;
  if (!config.google_client_id.empty()) {
    integrations::OidcOptions oidc;
    oidc.issuer = config.google_issuer;
    if (config.google_issuer != "https://accounts.google.com") {
      oidc.accepted_issuers = {config.google_issuer};
    }
    oidc.client_id = config.google_client_id;
    oidc.client_secret = config.google_client_secret;
    google = std::make_unique<integrations::OidcClient>(oidc);
    spdlog::info("Google sign-in on (issuer {})", config.google_issuer);
  }
  http::ServerOptions options;
  options.body_limit_bytes = config.max_body_bytes;
  options.read_timeout = std::chrono::seconds(config.read_timeout_seconds);
  options.request_deadline = std::chrono::seconds(config.request_deadline_seconds);
  options.threads = config.http_threads;
  options.download_slots = config.download_slots;
  options.web_dir = config.web_dir.empty() ? DefaultWebDir() : config.web_dir;
  options.https_public_url = config.https();
  http::Services services;
  services.db = db->get();
  services.clock = &clock;
  services.hasher = &hasher;
  services.cipher = &bank_cipher;
  services.state_cipher = &state_cipher;
  services.google = google.get();
  services.calendar_cipher = &calendar_cipher;
  services.calendar_provider = google_calendar.get();
  services.resend_webhook_secret = config.resend_webhook_secret;
  services.public_url = config.public_url;
  services.trusted_proxies = config.trusted_proxies;
  services.web_analytics = config.web_analytics;
  services.webhook_policy = WebhookPolicyFor(config);
  services.push = PushSettingsFor(config);
  services.stripe_api_url = config.stripe_api_url;
  services.backups = BackupSettingsFrom(config);
  http::Server server(options, services);
  auto mailer = MakeMailer(config);
  jobs::JobRegistry registry;
  JobDependencies deps(config, clock, *secret);
  RegisterAllJobs(registry, *mailer, config, deps);
  jobs::Worker worker(**db, clock, registry, WorkerOptionsFrom(config));
  jobs::Scheduler scheduler(**db, clock, SchedulesFor(config));
  worker.SetScheduler(&scheduler);

  int port = server.Bind(config.listen_host, config.listen_port);
  if (port < 0) {
    spdlog::error("cannot listen on {}:{} (PLANIFY_LISTEN): address in use or not permitted",
                  config.listen_host, config.listen_port);
    return kExitFailure;
  }
  if (options.web_dir.empty()) {
    spdlog::warn("no built web app found (web/dist); serving the API only");
  } else {
    spdlog::info("web app: {}", options.web_dir.string());
  }
  spdlog::info("listening on {}:{} — {}", config.listen_host, port, config.public_url);
  if (config.worker_threads > 0) {
    worker.Start();
    spdlog::info("job worker: {} threads", config.worker_threads);
  }

  std::thread waiter([&server, signals] {
    int received = 0;
    sigwait(&signals, &received);
    spdlog::info("received {}: refusing new connections, finishing in-flight requests",
                 received == SIGTERM ? "SIGTERM" : "SIGINT");
    server.StopAccepting();
    // Backstop: whatever still hangs on (a stalled client) is cut so the process exits in time.
    std::thread([&server] {
      std::this_thread::sleep_for(std::chrono::seconds(8));
      if (server.running()) {
        spdlog::warn("connections still open after 8 s; closing them");
        server.Stop();
      }
    }).detach();
  });

  server.Run();
  waiter.join();
  worker.Stop();  // running jobs finish; queued ones wait for the next start
  (*db)->Close();
  spdlog::info("stopped cleanly");
  return kExitOk;
}

int RunWorker(const Config& config, bool exit_when_idle, std::ostream& out) {
  sigset_t signals = BlockStopSignals();
  auto db = OpenOrReport(config, out);
  if (!db) return kExitFailure;
  {
    auto lease = (*db)->Acquire();
    if (!lease) return kExitFailure;
    auto status = store::InspectSchema(*lease, store::EmbeddedMigrations((*db)->dialect()));
    if (!status || !status->ready()) {
      out << "error: the database schema is not at this binary's version; run `planify migrate`\n";
      return kExitFailure;
    }
  }
  auto clock_holder = MakeClock(config);
  const app::Clock& clock = *clock_holder;
  auto secret = EnsureSecretKey(config);
  if (!secret) {
    out << "error: " << secret.error().message << "\n";
    return kExitFailure;
  }
  auto mailer = MakeMailer(config);
  jobs::JobRegistry registry;
  JobDependencies deps(config, clock, *secret);
  RegisterAllJobs(registry, *mailer, config, deps);
  auto options = WorkerOptionsFrom(config);
  options.threads = std::max(1, config.worker_threads);
  jobs::Worker worker(**db, clock, registry, options);
  jobs::Scheduler scheduler(**db, clock, SchedulesFor(config));
  auto started = std::chrono::steady_clock::now();
  if (exit_when_idle) {
    // One pass, as from cron: the schedules due now fire (each once across instances), then
    // every ready job is drained on the configured number of threads, then the report.
    if (auto fired = scheduler.Tick(); !fired) {
      spdlog::warn("schedules not checked: {}", fired.error().message);
    } else if (*fired > 0) {
      out << "schedules: " << *fired << " fired\n";
    }
    std::vector<std::thread> threads;
    threads.reserve(static_cast<std::size_t>(options.threads));
    for (int i = 0; i < options.threads; ++i) {
      threads.emplace_back([&worker] {
        while (worker.RunOne()) {
        }
      });
    }
    for (auto& t : threads) t.join();
  } else {
    worker.SetScheduler(&scheduler);
    worker.Start();
    spdlog::info("job worker {}: {} threads on {}", options.name, options.threads,
                 (*db)->url().redacted);
    int received = 0;
    sigwait(&signals, &received);
    spdlog::info("stopping the worker: running jobs finish first");
    worker.Stop();
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto& stats = worker.stats();
  out << "worker " << options.name << ": " << stats.succeeded << " succeeded, " << stats.retried
      << " retried, " << stats.dead << " dead, " << stats.lost_locks << " lost locks in " << seconds
      << " s\n";
  (*db)->Close();
  return kExitOk;
}

int RunJobsList(const Config& config, const std::string& status, int limit, std::ostream& out) {
  std::optional<store::JobStatus> wanted;
  if (!status.empty()) {
    wanted = store::ParseJobStatus(status);
    if (!wanted) {
      out << "error: --status must be queued, running, succeeded or dead\n";
      return kExitConfig;
    }
  }
  auto db = OpenOrReport(config, out);
  if (!db) return kExitFailure;
  auto lease = (*db)->Acquire();
  if (!lease) return kExitFailure;
  store::JobsRepository jobs(*lease);
  for (const auto& job : jobs.List(wanted, limit)) {
    out << job.id << "\t" << store::JobStatusName(job.status) << "\t" << job.type << "\tattempts "
        << job.attempts << "/" << job.max_attempts << "\trun_at " << job.run_at;
    if (!job.last_error.empty()) out << "\t" << job.last_error;
    out << "\n";
  }
  out << jobs.Count(store::JobStatus::kQueued) << " queued, "
      << jobs.Count(store::JobStatus::kRunning) << " running, "
      << jobs.Count(store::JobStatus::kSucceeded) << " succeeded, "
      << jobs.Count(store::JobStatus::kDead) << " dead\n";
  return kExitOk;
}

int RunJobsRetry(const Config& config, long long id, std::ostream& out) {
  auto db = OpenOrReport(config, out);
  if (!db) return kExitFailure;
  auto lease = (*db)->Acquire();
  if (!lease) return kExitFailure;
  auto requeued = store::JobsRepository(*lease).Requeue(id, NowIso());
  if (!requeued) {
    out << "error: " << requeued.error().message << "\n";
    return kExitFailure;
  }
  out << "job " << id << " queued again\n";
  return kExitOk;
}

int RunJobsEnqueue(const Config& config, const std::string& type, const std::string& payload,
                   int count, int max_attempts, std::ostream& out) {
  integrations::OutboxMailer mailer;
  jobs::JobRegistry registry;
  // Only the job types are read here: the handlers never run, so no secret is needed.
  app::SystemClock clock;
  JobDependencies deps(config, clock, "an unused key: handlers do not run in this command");
  RegisterAllJobs(registry, mailer, config, deps);
  if (registry.Find(type) == nullptr) {
    out << "error: unknown job type \"" << type << "\"; known:";
    for (const auto& t : registry.Types()) out << " " << t;
    out << "\n";
    return kExitConfig;
  }
  auto parsed = nlohmann::json::parse(payload, nullptr, false);
  if (!parsed.is_object()) {
    out << "error: --payload must be a JSON object\n";
    return kExitConfig;
  }
  auto db = OpenOrReport(config, out);
  if (!db) return kExitFailure;
  auto lease = (*db)->Acquire();
  if (!lease) return kExitFailure;
  store::JobsRepository jobs(*lease);
  const std::string now = NowIso();
  constexpr int kBatch = 500;
  for (int done = 0; done < count;) {
    store::WriteTransaction tx(*lease);
    int n = std::min(kBatch, count - done);
    for (int i = 0; i < n; ++i) {
      store::NewJob job;
      job.type = type;
      job.payload = parsed.dump();
      job.max_attempts = max_attempts;
      job.run_at = now;
      if (!jobs.Enqueue(job, now)) return kExitFailure;
    }
    tx.Commit();
    done += n;
    if (count > kBatch) out << "  enqueued " << done << "/" << count << "\n" << std::flush;
  }
  out << count << " " << type << " job(s) queued\n";
  return kExitOk;
}

int RunEmailTest(const Config& config, const std::string& to, std::ostream& out) {
  auto db = OpenOrReport(config, out);
  if (!db) return kExitFailure;
  auto lease = (*db)->Acquire();
  if (!lease) return kExitFailure;
  domain::EmailDraft draft;
  draft.to_address = to;
  draft.from_name = "Planify";
  draft.subject = "Planify : e-mail de test";
  draft.text =
      "Cet e-mail confirme que Planify peut envoyer du courrier (pilote : " + config.mail_driver +
      ").\n";
  draft.html =
      "<p>Cet e-mail confirme que <strong>Planify</strong> peut envoyer du courrier "
      "(pilote : " +
      config.mail_driver + ").</p>";
  draft.template_name = "system.test";
  store::WriteTransaction tx(*lease);
  auto id = app::QueueEmail(*lease, std::nullopt, draft, NowIso());
  if (!id) {
    out << "error: " << id.error().message;
    for (const auto& f : id.error().fields) out << " (" << f.field << ": " << f.message << ")";
    out << "\n";
    return kExitConfig;
  }
  tx.Commit();
  out << "e-mail " << *id << " queued for " << to << " (driver " << config.mail_driver
      << "); a worker sends it\n";
  return kExitOk;
}

int RunEmailList(const Config& config, int limit, std::ostream& out) {
  auto db = OpenOrReport(config, out);
  if (!db) return kExitFailure;
  auto lease = (*db)->Acquire();
  if (!lease) return kExitFailure;
  for (const auto& e : store::EmailsRepository(*lease).List(limit)) {
    out << e.id << "\t" << e.status << "\t" << e.created_at << "\t" << e.draft.to_address << "\t"
        << e.draft.subject;
    if (!e.provider.empty()) out << "\t" << e.provider << ":" << e.provider_message_id;
    if (!e.last_error.empty()) out << "\t" << e.last_error;
    out << "\n";
  }
  return kExitOk;
}

int RunEmailPreview(const std::string& name, const std::string& locale, const std::string& part,
                    std::ostream& out) {
  integrations::EmailBranding branding{"Sono Lumière Événements", "", "#4f46e5"};
  auto rendered = integrations::RenderEmailTemplate(name, locale, branding,
                                                    integrations::EmailTemplateSample());
  if (!rendered) {
    out << "error: " << rendered.error().message << "; templates:";
    for (const auto& t : integrations::EmailTemplateNames()) out << " " << t;
    out << "\n";
    return kExitConfig;
  }
  if (part == "subject") {
    out << rendered->subject << "\n";
  } else if (part == "text") {
    out << rendered->text;
  } else {
    out << rendered->html;
  }
  return kExitOk;
}

int RunUserCreate(const Config& config, const app::CreateUserRequest& request, std::ostream& out) {
  auto db = OpenOrReport(config, out);
  if (!db) return kExitFailure;
  auto clock_holder = MakeClock(config);
  const app::Clock& clock = *clock_holder;
  integrations::SodiumPasswordHasher hasher;
  auto outcome = app::CreateUserFromCli(**db, clock, hasher, request, config.public_url);
  if (!outcome) {
    out << "error: " << outcome.error().message << "\n";
    for (const auto& f : outcome.error().fields)
      out << "  " << f.field << ": " << f.message << "\n";
    return kExitConfig;
  }
  if (outcome->created_organization) {
    out << "created organisation \"" << outcome->organization_name << "\"\n";
  }
  out << (outcome->created_user ? "created user " : "added user ") << request.email << " to \""
      << outcome->organization_name << "\"\n";
  if (!outcome->set_password_link.empty()) {
    out << "choose the password within one hour: " << outcome->set_password_link << "\n";
  }
  return kExitOk;
}

int RunImportLegacy(const Config& config, const ImportLegacyOptions& options, std::ostream& out) {
  // A file that is not a legacy database is refused before Planify's database is even opened.
  if (auto legacy = integrations::LegacyDb::Open(options.source); !legacy) {
    out << "error: " << legacy.error().message << "\n";
    return kExitFailure;
  }
  auto db = OpenOrReport(config, out);
  if (!db) return kExitFailure;
  if (config.auto_migrate && !MigrateWithProgress(**db)) return kExitFailure;
  auto secret = EnsureSecretKey(config);
  if (!secret) {
    out << "error: " << secret.error().message << "\n";
    return kExitFailure;
  }
  integrations::SecretBox cipher(*secret, "bankdata");  // seals the imported bank details
  return RunImportLegacy(**db, options, MakeClock(config)->Now(), &cipher, out);
}

int RunMigrate(const Config& config, bool status_only, std::ostream& out) {
  auto db = OpenOrReport(config, out);
  if (!db) return kExitFailure;
  auto known = store::EmbeddedMigrations((*db)->dialect());
  auto lease = (*db)->Acquire();
  if (!lease) {
    out << "error: " << lease.error().message << "\n";
    return kExitFailure;
  }
  if (status_only) {
    auto status = store::InspectSchema(*lease, known);
    if (!status) {
      out << "error: " << status.error().message << "\n";
      return kExitFailure;
    }
    out << "database " << (*db)->url().redacted << ": schema version " << status->database_version
        << ", binary version " << status->binary_version << "\n";
    for (const auto* m : status->pending) out << "  pending: " << m->name << "\n";
    for (const auto& p : status->problems) out << "  problem: " << p << "\n";
    return status->problems.empty() ? kExitOk : kExitFailure;
  }
  out << "migrating " << (*db)->url().redacted << "\n";
  auto status = store::Migrate(
      *lease, known, NowIso(), [&out](const store::Migration& m, std::size_t i, std::size_t total) {
        out << "  [" << i << "/" << total << "] " << m.name << "\n" << std::flush;
      });
  if (!status) {
    out << "error: " << status.error().message << "\n";
    return kExitFailure;
  }
  out << "schema at version " << status->database_version << "\n";
  return kExitOk;
}

int RunDoctor(const Getenv& getenv, std::ostream& out) {
  int failures = 0;
  auto ok = [&out](const std::string& what) { out << "  ok    " << what << "\n"; };
  auto bad = [&out, &failures](const std::string& what, const std::string& fix) {
    ++failures;
    out << "  FAIL  " << what << "\n        fix: " << fix << "\n";
  };
  auto warn = [&out](const std::string& what, const std::string& hint) {
    out << "  warn  " << what << "\n        " << hint << "\n";
  };

  out << "planify doctor (" << kVersion << ")\n";
  auto config = LoadConfig(getenv);
  if (!config) {
    for (const auto& f : config.error().fields)
      bad(f.field + ": " + f.message, "correct or unset " + f.field);
    out << failures << " problem(s)\n";
    return kExitConfig;
  }
  ok("configuration (PLANIFY_* variables)");

  std::error_code ec;
  std::filesystem::create_directories(config->data_dir, ec);
  auto probe = config->data_dir / ".doctor-write-test";
  {
    std::ofstream f(probe);
    f << "ok";
    if (ec || !f) {
      bad("data directory " + config->data_dir.string() + " is not writable",
          "create it and give the planify user write access, or set PLANIFY_DATA_DIR");
    } else {
      ok("data directory " + std::filesystem::absolute(config->data_dir, ec).string() +
         " is writable");
    }
  }
  std::filesystem::remove(probe, ec);

  if (config->secret_key) {
    ok("secret key from PLANIFY_SECRET_KEY");
  } else if (std::filesystem::exists(config->data_dir / "secret.key", ec)) {
    ok("secret key in " + (config->data_dir / "secret.key").string());
  } else {
    warn("no secret key yet",
         "`planify serve` generates data/secret.key on first start; back it up");
  }

  auto db = OpenDatabase(*config);
  if (!db) {
    bad("database " + config->database.redacted + ": " + db.error().message,
        config->database.dialect == store::Dialect::kSqlite
            ? "check the path in PLANIFY_DATABASE_URL and its directory's permissions"
            : "check host, port, credentials and sslmode in PLANIFY_DATABASE_URL; is the server "
              "running?");
  } else {
    ok("database " + (*db)->url().redacted + " reachable");
    auto lease = (*db)->Acquire();
    if (lease) {
      auto status = store::InspectSchema(*lease, store::EmbeddedMigrations((*db)->dialect()));
      if (!status) {
        bad("schema: " + status.error().message, "check the database user's rights");
      } else if (!status->problems.empty()) {
        for (const auto& p : status->problems)
          bad("schema: " + p, "see docs/architecture.md, Migrations");
      } else if (!status->pending.empty()) {
        warn("schema at version " + std::to_string(status->database_version) + ", " +
                 std::to_string(status->pending.size()) + " migration(s) pending",
             "run `planify migrate` (or start `planify serve`, which migrates)");
      } else {
        ok("schema at version " + std::to_string(status->database_version));
      }
    }
  }

  const char* fonts[] = {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"};
  for (const char* font : fonts) {
    if (std::filesystem::exists(font, ec)) {
      ok(std::string("font ") + font);
    } else {
      bad(std::string("font ") + font + " missing (PDF documents need it)",
          "apt-get install fonts-dejavu-core (scripts/bootstrap does it)");
    }
  }

  auto web = config->web_dir.empty() ? DefaultWebDir() : config->web_dir;
  if (web.empty() || !std::filesystem::exists(web / "index.html", ec)) {
    warn("no built web app found", "`make run` builds it; or set PLANIFY_WEB_DIR");
  } else {
    ok("web app in " + web.string());
  }

  out << (failures == 0 ? "all checks passed\n" : std::to_string(failures) + " problem(s)\n");
  return failures == 0 ? kExitOk : kExitFailure;
}

}  // namespace planify
