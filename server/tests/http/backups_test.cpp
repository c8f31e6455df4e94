// Administration → Sauvegardes over HTTP (docs/backups.md): an admin lists the instance's
// backups, asks for one (made by the backups.run job), downloads it; each step is audited. A
// backup holds every organisation, so on an instance with several the page is closed.
#include <gtest/gtest.h>

#include "app/backups/backups_service.hpp"
#include "http/auth_fixture.hpp"
#include "integrations/archive/tar_gz.hpp"
#include "jobs/worker.hpp"
#include "support/process.hpp"

namespace planify::testing {
namespace {

class Backups : public AuthFixture {
 protected:
  void SetUp() override {
    AuthFixture::SetUp();
    org_ = SeedOrganization("Sono Pro");
    SeedMember(org_, "owner@sono.fr", "owner");
    SeedMember(org_, "manager@sono.fr", "manager");
    owner_ = SignIn("owner@sono.fr");
  }

  void RunJobs() {
    jobs::JobRegistry registry;
    app::BackupSettings settings;
    settings.directory = dir_.path() / "backups";
    app::RegisterBackupJobs(registry, clock_, settings, "test");
    jobs::WorkerOptions options;
    options.name = "test";
    jobs::Worker worker(*db_, clock_, registry, options);
    while (worker.RunOne()) {
    }
  }

  OrganizationId org_;
  BrowserSession owner_;
};

TEST_F(Backups, AnAdminAsksForABackupSeesItListedAndDownloadsIt) {
  auto empty = Send("GET", "/api/v1/admin/backups", &owner_);
  ASSERT_EQ(empty->status, 200) << empty->body;
  auto overview = Json(empty);
  EXPECT_TRUE(overview["available"]);
  EXPECT_TRUE(overview["items"].empty());
  EXPECT_FALSE(overview["running"]);
  EXPECT_EQ(overview["retention"], (nlohmann::json{{"daily", 7}, {"weekly", 4}, {"monthly", 12}}));

  auto asked = Send("POST", "/api/v1/admin/backups", &owner_);
  ASSERT_EQ(asked->status, 202) << asked->body;
  EXPECT_TRUE(Json(Send("GET", "/api/v1/admin/backups", &owner_))["running"]);
  // One at a time.
  auto twice = Send("POST", "/api/v1/admin/backups", &owner_);
  EXPECT_EQ(twice->status, 409) << twice->body;

  RunJobs();
  overview = Json(Send("GET", "/api/v1/admin/backups", &owner_));
  EXPECT_FALSE(overview["running"]);
  ASSERT_EQ(overview["items"].size(), 1U) << overview;
  const auto& item = overview["items"][0];
  EXPECT_EQ(item["name"], "planify-backup-20261125T140000Z.tar.gz");
  EXPECT_EQ(item["created_at"], "2026-11-25T14:00:00.000Z");

  auto file = Send("GET", item["download_url"].get<std::string>(), &owner_);
  ASSERT_EQ(file->status, 200);
  EXPECT_EQ(file->get_header_value("Content-Type"), "application/gzip");
  EXPECT_NE(file->get_header_value("Content-Disposition").find(item["name"].get<std::string>()),
            std::string::npos);
  EXPECT_EQ(static_cast<long long>(file->body.size()), item["size_bytes"].get<long long>());
  EXPECT_EQ(file->body, ReadFile(dir_.path() / "backups" / item["name"].get<std::string>()));
  // What came down is a backup: its manifest counts this organisation.
  std::ofstream(dir_.path() / "downloaded.tar.gz", std::ios::binary) << file->body;
  auto manifest = app::ReadBackupManifest(dir_.path() / "downloaded.tar.gz");
  ASSERT_TRUE(manifest) << manifest.error().message;
  bool counted = false;
  for (const auto& t : manifest->figures.tables)
    counted = counted || (t.table == "organizations" && t.rows == 1);
  EXPECT_TRUE(counted);

  auto audit = Json(Send("GET", "/api/v1/audit", &owner_));
  std::set<std::string> actions;
  for (const auto& entry : audit["items"]) actions.insert(entry["action"].get<std::string>());
  EXPECT_TRUE(actions.contains("backups.requested")) << audit;
  EXPECT_TRUE(actions.contains("backups.downloaded")) << audit;
}

TEST_F(Backups, OnlyBackupNamesCanBeDownloadedAndOnlyByAdmins) {
  std::filesystem::create_directories(dir_.path() / "backups");
  std::ofstream(dir_.path() / "backups" / "notes.txt") << "not a backup";
  std::ofstream(dir_.path() / "secret.key") << "top secret";
  for (const char* path :
       {"/api/v1/admin/backups/notes.txt/download",
        "/api/v1/admin/backups/..%2Fsecret.key/download",
        "/api/v1/admin/backups/planify-backup-20261125T140000Z.tar.gz/download"}) {
    auto res = Send("GET", path, &owner_);
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_EQ(res->body.find("top secret"), std::string::npos);
  }
  auto manager = SignIn("manager@sono.fr");
  EXPECT_EQ(Send("GET", "/api/v1/admin/backups", &manager)->status, 403);
  EXPECT_EQ(Send("POST", "/api/v1/admin/backups", &manager)->status, 403);
}

TEST_F(Backups, AnInstanceWithSeveralOrganisationsKeepsBackupsToTheCommandLine) {
  SeedOrganization("Autre Sono");
  auto overview = Json(Send("GET", "/api/v1/admin/backups", &owner_));
  EXPECT_FALSE(overview["available"]);
  EXPECT_NE(overview["unavailable_reason"].get<std::string>().find("planify backup"),
            std::string::npos);
  EXPECT_TRUE(overview["items"].empty());
  auto asked = Send("POST", "/api/v1/admin/backups", &owner_);
  EXPECT_EQ(asked->status, 409) << asked->body;
  EXPECT_EQ(Count("jobs"), 0);
}

TEST_F(Backups, TheDailyJobKeepsWhatTheRetentionSaysAndCanBeTurnedOff) {
  // Backups of the past 40 days as the nightly job left them (empty files: only names count).
  const auto dir = dir_.path() / "backups";
  std::filesystem::create_directories(dir);
  for (int d = 1; d <= 40; ++d) {
    std::ofstream(dir / domain::BackupFileName(clock_.Now() - std::chrono::days(d)));
  }
  jobs::JobRegistry registry;
  app::BackupSettings settings;
  settings.directory = dir;
  app::RegisterBackupJobs(registry, clock_, settings, "test");
  auto lease = db_->Acquire();
  store::NewJob job;
  job.type = "backups.run";
  job.run_at = "2026-11-25T13:00:00.000Z";
  ASSERT_TRUE(store::JobsRepository(*lease).Enqueue(job, job.run_at));
  {
    jobs::WorkerOptions options;
    jobs::Worker worker(*db_, clock_, registry, options);
    ASSERT_TRUE(worker.RunOne());
  }
  auto kept = app::ListBackups(dir);
  // Today's, the 6 previous days, then the newest of older weeks and months.
  ASSERT_GE(kept.size(), 7U);
  EXPECT_EQ(kept[0].made_at, clock_.Now());
  EXPECT_LE(kept.size(), 7U + 4U + 12U);
  EXPECT_LT(kept.size(), 41U);

  // Turned off: the scheduled run does nothing.
  app::BackupSettings off = settings;
  off.daily = false;
  jobs::JobRegistry quiet;
  app::RegisterBackupJobs(quiet, clock_, off, "test");
  job.run_at = "2026-11-25T13:30:00.000Z";
  clock_.Set(clock_.Now() + std::chrono::hours(1));
  ASSERT_TRUE(store::JobsRepository(*lease).Enqueue(job, job.run_at));
  {
    jobs::WorkerOptions options;
    jobs::Worker worker(*db_, clock_, quiet, options);
    ASSERT_TRUE(worker.RunOne());
  }
  EXPECT_EQ(app::ListBackups(dir).size(), kept.size());
}

}  // namespace
}  // namespace planify::testing
