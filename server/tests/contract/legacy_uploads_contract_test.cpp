// Administration → Importer (issue 23): a legacy database uploaded over HTTP is kept in the
// database, checked by a dry run in a worker job, then imported into the caller's organisation,
// on SQLite and on PostgreSQL; bad files are refused with a clear message and nothing written.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <fstream>

#include "app/legacy/legacy_import.hpp"
#include "app/legacy/legacy_uploads_service.hpp"
#include "http/auth_fixture.hpp"
#include "integrations/archive/zip_writer.hpp"
#include "jobs/worker.hpp"
#include "store/document_files_repository.hpp"
#include "store/emails_repository.hpp"
#include "store/files_repository.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

const std::filesystem::path kSample =
    std::filesystem::path(PLANIFY_SOURCE_DIR) / "tests" / "legacy" / "sample-legacy.db";

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

class LegacyUploads : public AuthFixture, public ::testing::WithParamInterface<store::Dialect> {
 protected:
  void SetUp() override {
    auto url = BackendUrl(GetParam() == store::Dialect::kPostgres, dir_);
    if (!url) GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    database_url_ = *url;
    // The sample is 296 KiB: more than the fixture's usual body limit.
    Start([](http::ServerOptions& options) {
      options.body_limit_bytes = std::size_t{4} * 1024 * 1024;
    });
    org_ = SeedOrganization("Sono Reprise");
    SeedMember(org_, "owner@reprise.fr", "owner");
    SeedMember(org_, "manager@reprise.fr", "manager");
    other_ = SeedOrganization("Autre");
    SeedMember(other_, "owner@autre.fr", "owner");
  }

  httplib::Result Upload(const BrowserSession& who, const std::string& bytes,
                         const std::string& query = "?filename=dj_prestations.db",
                         const std::string& key = "") {
    httplib::Headers headers{
        {"Origin", Origin()}, {"Cookie", who.CookieHeader()}, {"X-CSRF-Token", who.csrf}};
    if (!key.empty()) headers.emplace("X-Legacy-Key", key);
    return Client().Post("/api/v1/admin/legacy-imports" + query, headers, bytes,
                         "application/octet-stream");
  }

  // The page's form: the .db, optionally the static/ folder as a .zip, the key.
  httplib::Result UploadForm(const BrowserSession& who, const std::string& database,
                             const std::string& files, const std::string& key = "") {
    httplib::Headers headers{
        {"Origin", Origin()}, {"Cookie", who.CookieHeader()}, {"X-CSRF-Token", who.csrf}};
    httplib::MultipartFormDataItems items{
        {"database", database, "dj_prestations.db", "application/octet-stream"}};
    if (!files.empty()) items.push_back({"files", files, "static.zip", "application/zip"});
    if (!key.empty()) items.push_back({"encryption_key", key, "", ""});
    return Client().Post("/api/v1/admin/legacy-imports", headers, items);
  }

  int RunJobs() {
    jobs::JobRegistry registry;
    app::RegisterLegacyImportJobs(registry, clock_, cipher_);
    jobs::WorkerOptions options;
    options.name = "test";
    jobs::Worker worker(*db_, clock_, registry, options);
    int ran = 0;
    while (worker.RunOne()) ++ran;
    return ran;
  }

  long long Count(const std::string& sql) {
    long long n = 0;
    auto lease = db_->Acquire();
    long long org = org_.value;
    **lease << sql, soci::use(org), soci::into(n);
    return n;
  }

  OrganizationId org_;
  OrganizationId other_;
};

TEST_P(LegacyUploads, TheSampleIsCheckedThenImportedWithItsReports) {
  auto owner = SignIn("owner@reprise.fr");
  const std::string sample = ReadFile(kSample);
  ASSERT_GT(sample.size(), 1000u);

  // Not a database; a key that is not one: refused, nothing kept.
  auto garbage = Upload(owner, std::string(4096, 'x'));
  EXPECT_EQ(garbage->status, 422) << garbage->body;
  EXPECT_EQ(Json(garbage)["error"]["fields"][0]["field"], "file");
  auto bad_key = Upload(owner, sample, "?filename=x.db", "not-a-key");
  EXPECT_EQ(bad_key->status, 422);
  EXPECT_EQ(Json(bad_key)["error"]["fields"][0]["field"], "encryption_key");
  EXPECT_EQ(Json(Send("GET", "/api/v1/admin/legacy-imports", &owner))["items"].size(), 0u);
  auto manager = SignIn("manager@reprise.fr");
  EXPECT_EQ(Upload(manager, sample)->status, 403);

  // Uploaded: checked by a job (a dry run: nothing imported yet).
  auto uploaded = Upload(owner, sample, "?filename=..%2Finstance%2Fdj_prestations.db");
  ASSERT_EQ(uploaded->status, 202) << uploaded->body;
  auto upload = Json(uploaded);
  EXPECT_EQ(upload["status"], "checking");
  EXPECT_EQ(upload["filename"], "dj_prestations.db") << "the path is not kept";
  EXPECT_EQ(upload["size_bytes"], static_cast<long long>(sample.size()));
  const std::string path =
      "/api/v1/admin/legacy-imports/" + std::to_string(upload["id"].get<long long>());
  EXPECT_EQ(Upload(owner, sample)->status, 409) << "one import at a time";
  EXPECT_EQ(Send("POST", path + "/import", &owner)->status, 409) << "not checked yet";
  ASSERT_GE(RunJobs(), 1);
  auto checked = Json(Send("GET", path, &owner));
  ASSERT_EQ(checked["status"], "checked") << checked.dump();
  EXPECT_TRUE(checked["dry_report"]["dry_run"].get<bool>());
  bool missions_counted = false;
  for (const auto& t : checked["dry_report"]["tables"]) {
    if (t["table"] == "prestations") missions_counted = t["imported"] == 18;
  }
  EXPECT_TRUE(missions_counted) << checked["dry_report"]["tables"].dump();
  EXPECT_GT(checked["dry_report"]["notes_total"].get<long long>(), 0);
  EXPECT_TRUE(checked["report"].is_null());
  EXPECT_EQ(Count("SELECT count(*) FROM missions WHERE organization_id = :org"), 0)
      << "the check writes nothing";

  // Imported into the caller's organisation.
  auto started = Send("POST", path + "/import", &owner);
  ASSERT_EQ(started->status, 202) << started->body;
  EXPECT_EQ(Json(started)["status"], "importing");
  EXPECT_GT(Json(started)["progress"]["steps_total"].get<long long>(), 20);
  ASSERT_GE(RunJobs(), 1);
  auto imported = Json(Send("GET", path, &owner));
  ASSERT_EQ(imported["status"], "imported") << imported.dump();
  EXPECT_FALSE(imported["report"]["dry_run"].get<bool>());
  EXPECT_EQ(imported["report"]["organization"]["id"], org_.value);
  // The 18 legacy missions and the one a won booking request made (as the CLI's import).
  EXPECT_EQ(Count("SELECT count(*) FROM missions WHERE organization_id = :org"), 19);
  EXPECT_GT(Count("SELECT count(*) FROM invoices WHERE organization_id = :org AND number LIKE "
                  "'FAC-%'"),
            0)
      << "the legacy numbers are kept";
  EXPECT_EQ(Send("POST", path + "/import", &owner)->status, 409) << "imported once";
  EXPECT_EQ(Count("SELECT count(*) FROM legacy_uploads WHERE organization_id = :org AND "
                  "dry_summary IS NOT NULL AND summary IS NOT NULL"),
            1)
      << "the page's polls read the stored summaries, not the whole reports";
  // An organisation's file makes no account and attaches none: the 9 legacy users are crew
  // profiles to invite (the owner, were she in the file, would be herself).
  long long users = 0;
  {
    auto lease = db_->Acquire();
    **lease << "SELECT count(*) FROM users", soci::into(users);
  }
  EXPECT_EQ(users, 3) << "the two members and the other organisation's owner";
  EXPECT_EQ(Count("SELECT count(*) FROM crew_profiles WHERE organization_id = :org"), 9);
  EXPECT_GT(Count("SELECT count(*) FROM mission_crew WHERE organization_id = :org AND "
                  "crew_profile_id IS NOT NULL AND is_lead = 1"),
            0)
      << "the legacy DJs lead their missions as profiles";
  EXPECT_EQ(Count("SELECT count(*) FROM legacy_upload_chunks WHERE organization_id = :org"), 0)
      << "the file is not kept once imported";

  // The whole report as a file; another organisation sees nothing.
  auto file = Send("GET", path + "/report?kind=final", &owner);
  ASSERT_EQ(file->status, 200);
  EXPECT_NE(file->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(Json(file)["notes"].size(), imported["report"]["notes_total"].get<std::size_t>());
  auto stranger = SignIn("owner@autre.fr");
  EXPECT_EQ(Send("GET", path, &stranger)->status, 404);
  EXPECT_EQ(Send("DELETE", path, &stranger)->status, 404);

  // The command on the same file without --into-organization does not continue the page's
  // import (it would make accounts in this organisation): it names the option to give.
  app::LegacyImportRequest command;
  command.source = kSample;
  command.now = clock_.Now();
  auto continued = app::ImportLegacy(*db_, command);
  ASSERT_FALSE(continued);
  EXPECT_EQ(continued.error().code, ErrorCode::kConflict);
  EXPECT_NE(continued.error().message.find("--into-organization " + std::to_string(org_.value)),
            std::string::npos)
      << continued.error().message;

  // The same file sent by another organisation: its own import, told nothing of the first
  // (the command would name the organisation; the page does not).
  auto theirs = Upload(stranger, sample, "?filename=copie.db");
  ASSERT_EQ(theirs->status, 202) << theirs->body;
  const std::string their_path =
      "/api/v1/admin/legacy-imports/" + std::to_string(Json(theirs)["id"].get<long long>());
  ASSERT_GE(RunJobs(), 1);
  auto their_check = Json(Send("GET", their_path, &stranger));
  ASSERT_EQ(their_check["status"], "checked") << their_check.dump();
  EXPECT_EQ(their_check["dry_report"]["organization"]["id"], other_.value);
  ASSERT_EQ(Send("POST", their_path + "/import", &stranger)->status, 202);
  ASSERT_GE(RunJobs(), 1);
  auto their_import = Json(Send("GET", their_path, &stranger));
  ASSERT_EQ(their_import["status"], "imported") << their_import.dump();
  EXPECT_EQ(their_import["report"].dump().find("Sono Reprise"), std::string::npos);
  {
    auto lease = db_->Acquire();
    long long theirs_missions = 0;
    **lease << "SELECT count(*) FROM missions WHERE organization_id = :org",
        soci::use(other_.value), soci::into(theirs_missions);
    EXPECT_EQ(theirs_missions, 19);
  }
  EXPECT_EQ(Count("SELECT count(*) FROM missions WHERE organization_id = :org"), 19)
      << "the first organisation's import is untouched";

  // The upload goes; what it imported stays.
  EXPECT_EQ(Send("DELETE", path, &owner)->status, 204);
  EXPECT_EQ(Send("GET", path, &owner)->status, 404);
  EXPECT_EQ(Count("SELECT count(*) FROM missions WHERE organization_id = :org"), 19);
  EXPECT_EQ(Count("SELECT count(*) FROM legacy_upload_chunks WHERE organization_id = :org"), 0);
}

TEST_P(LegacyUploads, ASqliteFileOfAnotherApplicationFailsItsCheckWithAMessage) {
  auto owner = SignIn("owner@reprise.fr");
  const auto other = dir_.path() / "other.db";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(other.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO "
                         "notes (body) VALUES ('hello');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto uploaded = Upload(owner, ReadFile(other), "?filename=other.db");
  ASSERT_EQ(uploaded->status, 202) << uploaded->body;
  const std::string path =
      "/api/v1/admin/legacy-imports/" + std::to_string(Json(uploaded)["id"].get<long long>());
  RunJobs();
  auto failed = Json(Send("GET", path, &owner));
  EXPECT_EQ(failed["status"], "failed");
  EXPECT_FALSE(failed["error"].get<std::string>().empty()) << failed.dump();
  EXPECT_EQ(Send("POST", path + "/import", &owner)->status, 409);
  EXPECT_EQ(Count("SELECT count(*) FROM clients WHERE organization_id = :org"), 0);
}

TEST_P(LegacyUploads, TheStaticFolderComesAsAZipWithTheDatabase) {
  auto owner = SignIn("owner@reprise.fr");
  // The sample with a logo and a payment's proof, as the legacy app stored their paths.
  const auto copy = dir_.path() / "with-files.db";
  std::filesystem::copy_file(kSample, copy);
  sqlite3* legacy = nullptr;
  ASSERT_EQ(sqlite3_open(copy.c_str(), &legacy), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(legacy,
                         "UPDATE parametres_entreprise SET logo_path = 'uploads/logo_ab12cd34.png';"
                         "UPDATE paiements SET justificatif_path = "
                         "'uploads/justificatifs/justif_ab12cd34_virement.pdf' WHERE id = 1;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(legacy);
  const std::string database = ReadFile(copy);
  const std::string png = *store::Base64Decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJg"
      "gg==");
  const std::string pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
  // Zipped from the app's folder: every entry under "dj-app/static/".
  auto zip = integrations::ZipWriter::InMemory();
  const auto when = clock_.Now();
  ASSERT_TRUE(zip->Add("dj-app/static/uploads/logo_ab12cd34.png", png, when, false));
  ASSERT_TRUE(
      zip->Add("dj-app/static/uploads/justificatifs/justif_ab12cd34_virement.pdf", pdf, when));
  ASSERT_TRUE(zip->Add("dj-app/static/css/app.css", "body {}", when));
  ASSERT_TRUE(zip->Finish());
  const std::string files = zip->Bytes();

  // Not an archive: refused at its field, nothing kept.
  auto refused = UploadForm(owner, database, std::string(3000, 'P'));
  ASSERT_EQ(refused->status, 422) << refused->body;
  EXPECT_EQ(Json(refused)["error"]["fields"][0]["field"], "files");
  EXPECT_EQ(Json(Send("GET", "/api/v1/admin/legacy-imports", &owner))["items"].size(), 0u);

  auto uploaded = UploadForm(owner, database, files);
  ASSERT_EQ(uploaded->status, 202) << uploaded->body;
  auto upload = Json(uploaded);
  EXPECT_EQ(upload["filename"], "dj_prestations.db");
  EXPECT_EQ(upload["files"]["filename"], "static.zip");
  EXPECT_EQ(upload["files"]["size_bytes"], static_cast<long long>(files.size()));
  const std::string path =
      "/api/v1/admin/legacy-imports/" + std::to_string(upload["id"].get<long long>());
  ASSERT_GE(RunJobs(), 1);
  auto checked = Json(Send("GET", path, &owner));
  ASSERT_EQ(checked["status"], "checked") << checked.dump();
  for (const auto& note : checked["dry_report"]["notes"]) {
    EXPECT_NE(note["column"], "logo_path") << note.dump();
    EXPECT_NE(note["column"], "justificatif_path") << note.dump();
  }
  ASSERT_EQ(Send("POST", path + "/import", &owner)->status, 202);
  ASSERT_GE(RunJobs(), 1);
  auto imported = Json(Send("GET", path, &owner));
  ASSERT_EQ(imported["status"], "imported") << imported.dump();

  auto lease = db_->Acquire();
  EXPECT_TRUE(store::FilesRepository(*lease).LogoOf(org_)) << "the logo from the archive";
  EXPECT_EQ(Count("SELECT count(*) FROM payment_proofs WHERE organization_id = :org"), 1);
  long long payment = 0;
  **lease << "SELECT p.id FROM payments p JOIN payment_proofs f ON f.payment_id = p.id WHERE "
             "p.organization_id = :org",
      soci::use(org_.value), soci::into(payment);
  auto proof = store::DocumentFilesRepository(*lease).PaymentProofOf(org_, payment);
  ASSERT_TRUE(proof) << "the proof from the archive";
  EXPECT_EQ(proof->filename, "virement.pdf");
  EXPECT_EQ(proof->content_type, "application/pdf");
  EXPECT_EQ(Count("SELECT count(*) FROM legacy_upload_file_chunks WHERE organization_id = :org"), 0)
      << "the archive is not kept once imported";
  EXPECT_EQ(Json(Send("GET", path, &owner))["files"]["filename"], "static.zip");
}

std::string BackendName(const ::testing::TestParamInfo<store::Dialect>& param) {
  return param.param == store::Dialect::kPostgres ? "PostgreSQL" : "SQLite";
}

INSTANTIATE_TEST_SUITE_P(Backends, LegacyUploads,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace planify::testing
