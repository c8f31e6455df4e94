#include "app/legacy/legacy_uploads_service.hpp"

#include <spdlog/spdlog.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "app/legacy/legacy_import.hpp"
#include "domain/validation.hpp"
#include "integrations/archive/zip_reader.hpp"
#include "integrations/crypto/sodium.hpp"
#include "store/auth_repository.hpp"
#include "store/jobs_repository.hpp"
#include "store/legacy_import_repository.hpp"

namespace planify::app {

namespace {

constexpr const char* kJob = "legacy_import.run";

Unexpected NoUpload() { return Fail(ErrorCode::kNotFound, "Import introuvable."); }

bool Busy(const std::string& status) { return status == "checking" || status == "importing"; }

// A check or import whose job died with its worker every time (never ran to an outcome) leaves
// its upload busy; after this long without a change it no longer blocks the organisation.
constexpr std::chrono::hours kStalledAfter{6};

// The name as the report shows it: the last path component, printable, at most 200 characters.
std::string CleanFilename(const std::string& raw, const char* fallback = "legacy.db") {
  std::string name = raw;
  if (auto slash = name.find_last_of("/\\"); slash != std::string::npos) name.erase(0, slash + 1);
  std::string out;
  for (unsigned char c : name) {
    if (c >= 0x20 && c != 0x7f) out.push_back(static_cast<char>(c));
  }
  out = domain::Trim(out);
  if (out.empty() || !domain::Utf8Length(out) || *domain::Utf8Length(out) > 200) return fallback;
  return out;
}

// A Fernet key: 32 bytes in URL-safe base64, 44 characters with its padding.
bool LooksLikeFernetKey(const std::string& key) {
  if (key.size() != 44 || key.back() != '=') return false;
  for (std::size_t i = 0; i + 1 < key.size(); ++i) {
    const char c = key[i];
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// `phase`: "check" (the dry run) or "import"; a job only acts while its upload is in its phase.
Result<void> Enqueue(store::Lease& lease, OrganizationId org, long long id, const char* phase,
                     const std::string& now) {
  store::NewJob job;
  job.organization = org;
  job.type = kJob;
  job.payload = nlohmann::json{{"upload_id", id}, {"phase", phase}}.dump();
  job.max_attempts = 3;
  job.run_at = now;
  if (auto queued = store::JobsRepository(lease).Enqueue(job, now); !queued) {
    return Fail(queued.error());
  }
  return {};
}

// The uploaded bytes, back in a file of their own for ImportLegacy (which opens it read-only):
// created 0600 by mkstemp (it holds personal data and password hashes), removed when this goes.
class TempCopy {
 public:
  TempCopy() = default;
  // False when the file cannot be created or written.
  bool Write(const std::string& bytes) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "planify-legacy-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) return false;
    path_ = pattern;
    std::size_t written = 0;
    while (written < bytes.size()) {
      const auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
      if (n <= 0) break;
      written += static_cast<std::size_t>(n);
    }
    return ::close(fd) == 0 && written == bytes.size();
  }
  TempCopy(const TempCopy&) = delete;
  TempCopy& operator=(const TempCopy&) = delete;
  ~TempCopy() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove(path_, ignored);
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace

Result<store::LegacyUploadRow> LegacyUploadsService::Upload(const Principal& actor,
                                                            const RequestMeta& meta,
                                                            LegacyUploadInput input) {
  domain::FieldErrors errors;
  static constexpr std::string_view kMagic{"SQLite format 3\0", 16};
  if (input.bytes.empty()) {
    errors.Add("file", "Choisissez le fichier .db de l'ancienne application.");
  } else if (input.bytes.size() < 512 || std::string_view(input.bytes).substr(0, 16) != kMagic) {
    errors.Add("file",
               "Ce fichier n'est pas une base SQLite (le fichier .db de l'ancienne "
               "application, dossier instance/).");
  }
  if (!input.files_bytes.empty()) {
    // Only its directory is read here; each entry is checked when the import reads it.
    if (auto zip = integrations::ZipReader::Open(input.files_bytes); !zip) {
      errors.Add("files", zip.error().message +
                              " Envoyez le dossier static/ de l'ancienne application en .zip.");
    }
  }
  input.encryption_key = domain::Trim(input.encryption_key);
  if (!input.encryption_key.empty() && !LooksLikeFernetKey(input.encryption_key)) {
    errors.Add("encryption_key",
               "La clé APP_ENCRYPTION_KEY de l'ancienne application : 44 caractères.");
  }
  if (!errors.empty()) return Fail(errors.ToError());
  const auto org = *actor.organization;
  integrations::Sha256Stream sha;
  sha.Update(input.bytes);
  store::LegacyUploadRow row;
  row.uploaded_by = actor.user.value;
  row.filename = CleanFilename(input.filename);
  row.size_bytes = static_cast<long long>(input.bytes.size());
  row.sha256 = sha.Hex();
  if (!input.files_bytes.empty()) {
    integrations::Sha256Stream files_sha;
    files_sha.Update(input.files_bytes);
    row.files_filename = CleanFilename(input.files_filename, "static.zip");
    row.files_size_bytes = static_cast<long long>(input.files_bytes.size());
    row.files_sha256 = files_sha.Hex();
  }
  row.key_sealed = input.encryption_key.empty() ? "" : cipher_.Seal(input.encryption_key);
  row.skip_test_data = input.skip_test_data;
  row.status = "checking";
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::LegacyUploadRow> {
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    row.created_at = now;
    store::LegacyUploadsRepository repo(lease);
    store::WriteTransaction tx(lease);
    const std::string stalled = domain::FormatIsoUtc(clock_.Now() - kStalledAfter);
    for (const auto& other : repo.List(org, 20)) {
      if (!Busy(other.status)) continue;
      if (other.updated_at < stalled) {
        repo.Transition(org, other.id, other.status, "failed",
                        "Interrompu : le travail en arrière-plan n'a pas abouti.", now);
        continue;
      }
      return Fail(ErrorCode::kConflict,
                  "Un import est déjà en cours (« " + other.filename + " ») : attendez sa fin.");
    }
    const long long id = repo.Insert(org, row);
    int seq = 0;
    for (std::size_t at = 0; at < input.bytes.size(); at += kChunkBytes, ++seq) {
      repo.AddChunk(org, id, seq, input.bytes.substr(at, kChunkBytes));
    }
    seq = 0;
    for (std::size_t at = 0; at < input.files_bytes.size(); at += kChunkBytes, ++seq) {
      repo.AddChunk(org, id, seq, input.files_bytes.substr(at, kChunkBytes), true);
    }
    if (auto queued = Enqueue(lease, org, id, "check", now); !queued) {
      return Fail(queued.error());
    }
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "legacy_imports.uploaded", "legacy_upload", std::to_string(id),
          nlohmann::json{{"filename", row.filename},
                         {"size_bytes", row.size_bytes},
                         {"sha256", row.sha256},
                         {"files_filename", row.files_filename},
                         {"files_size_bytes", row.files_size_bytes},
                         {"with_key", !row.key_sealed.empty()}}
              .dump(),
          now);
    auto saved = repo.Find(org, id);
    tx.Commit();
    return *saved;
  });
}

Result<std::vector<store::LegacyUploadRow>> LegacyUploadsService::List(const Principal& actor) {
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<std::vector<store::LegacyUploadRow>> {
        return store::LegacyUploadsRepository(lease).List(*actor.organization, 50);
      });
}

Result<store::LegacyUploadRow> LegacyUploadsService::Get(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::LegacyUploadRow> {
    auto row = store::LegacyUploadsRepository(lease).Find(*actor.organization, id);
    if (!row) return NoUpload();
    return *row;
  });
}

Result<LegacyUploadProgress> LegacyUploadsService::Progress(const Principal& actor,
                                                            const store::LegacyUploadRow& upload) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<LegacyUploadProgress> {
    LegacyUploadProgress out;
    out.steps_total = static_cast<long long>(LegacyImportStepCount());
    store::LegacyImportRepository journal(lease);
    auto import = journal.FindBySource(upload.sha256, *actor.organization);
    if (!import) return out;
    for (const auto& step : journal.Steps(import->id)) {
      if (step.done) {
        ++out.steps_done;
      } else if (out.table.empty()) {
        out.table = step.table;
      }
    }
    out.steps_done = std::min(out.steps_done, out.steps_total);
    return out;
  });
}

Result<std::string> LegacyUploadsService::FullReport(const Principal& actor, long long id,
                                                     bool dry_run) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::string> {
    store::LegacyUploadsRepository repo(lease);
    if (!repo.Find(*actor.organization, id)) return NoUpload();
    auto report = repo.FullReport(*actor.organization, id, dry_run);
    if (!report || report->empty()) return Fail(ErrorCode::kNotFound, "Pas encore de rapport.");
    return std::move(*report);
  });
}

nlohmann::json LegacyReportSummary(const std::string& stored) {
  if (stored.empty()) return nullptr;
  auto report = nlohmann::json::parse(stored, nullptr, false);
  if (!report.is_object()) return nullptr;
  if (report.contains("notes_total")) return report;  // already a summary
  nlohmann::json counts = {{"error", 0}, {"warning", 0}, {"info", 0}};
  nlohmann::json first = nlohmann::json::array();
  const auto& notes = report["notes"];
  for (const auto& n : notes) {
    const std::string severity = n.is_object() ? n.value("severity", "info") : "info";
    if (counts.contains(severity)) counts[severity] = counts[severity].get<long long>() + 1;
    if (first.size() < 200) first.push_back(n);
  }
  report["notes_total"] = notes.size();
  report["notes_by_severity"] = counts;
  report["notes"] = std::move(first);
  return report;
}

Result<store::LegacyUploadRow> LegacyUploadsService::StartImport(const Principal& actor,
                                                                 const RequestMeta& meta,
                                                                 long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::LegacyUploadRow> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::LegacyUploadsRepository repo(lease);
    store::WriteTransaction tx(lease);
    auto row = repo.Find(org, id);
    if (!row) return NoUpload();
    if (row->status != "checked") {
      return Fail(ErrorCode::kConflict,
                  row->status == "imported"
                      ? "Ce fichier est déjà importé."
                      : "Le fichier doit d'abord être vérifié (rapport d'essai) sans erreur.");
    }
    if (!repo.Transition(org, id, "checked", "importing", "", now)) {
      return Fail(ErrorCode::kConflict, "Cet import est déjà lancé.");
    }
    if (auto queued = Enqueue(lease, org, id, "import", now); !queued) {
      return Fail(queued.error());
    }
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "legacy_imports.started", "legacy_upload", std::to_string(id),
          nlohmann::json{{"filename", row->filename}, {"sha256", row->sha256}}.dump(), now);
    auto saved = repo.Find(org, id);
    tx.Commit();
    return *saved;
  });
}

Result<void> LegacyUploadsService::Delete(const Principal& actor, const RequestMeta& meta,
                                          long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    const auto org = *actor.organization;
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::LegacyUploadsRepository repo(lease);
    store::WriteTransaction tx(lease);
    auto row = repo.Find(org, id);
    if (!row) return NoUpload();
    const std::string stalled = domain::FormatIsoUtc(clock_.Now() - kStalledAfter);
    if (Busy(row->status) && row->updated_at >= stalled) {
      return Fail(ErrorCode::kConflict, "Un import en cours ne se supprime pas : attendez sa fin.");
    }
    repo.Delete(org, id);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "legacy_imports.deleted", "legacy_upload", std::to_string(id),
          nlohmann::json{{"filename", row->filename}}.dump(), now);
    tx.Commit();
    return {};
  });
}

Result<void> LegacyUploadsService::Run(OrganizationId org, long long id, bool import) {
  const char* expected = import ? "importing" : "checking";
  // The upload and its bytes, read on a lease of their own.
  store::LegacyUploadRow upload;
  std::string bytes;
  std::string files;
  auto read = store::WithLease(db_, [&](store::Lease& lease) -> Result<bool> {
    store::LegacyUploadsRepository repo(lease);
    auto row = repo.Find(org, id);
    // Deleted, already done by an earlier run, or no longer in this job's phase.
    if (!row || row->status != expected) return false;
    upload = *row;
    auto gather = [&](std::string& out, long long size, bool of_files) {
      out.reserve(static_cast<std::size_t>(size));
      for (int seq = 0; out.size() < static_cast<std::size_t>(size); ++seq) {
        auto chunk = repo.Chunk(org, id, seq, of_files);
        if (!chunk || chunk->empty()) break;
        out += *chunk;
      }
    };
    gather(bytes, upload.size_bytes, false);
    gather(files, upload.files_size_bytes, true);
    return true;
  });
  if (!read) return Fail(read.error());
  if (!*read) return {};
  auto intact = [](const std::string& kept, long long size, const std::string& sha256) {
    integrations::Sha256Stream sha;
    sha.Update(kept);
    return static_cast<long long>(kept.size()) == size && sha.Hex() == sha256;
  };
  if (!intact(bytes, upload.size_bytes, upload.sha256) ||
      (upload.files_size_bytes > 0 &&
       !intact(files, upload.files_size_bytes, upload.files_sha256))) {
    return MarkFailed(org, id, import, "Le fichier conservé est incomplet : envoyez-le à nouveau.");
  }
  TempCopy copy;
  if (!copy.Write(bytes)) {
    return Fail(ErrorCode::kUnavailable, "Écriture du fichier temporaire impossible.");
  }
  bytes.clear();
  bytes.shrink_to_fit();

  LegacyImportRequest request;
  request.source = copy.path();
  request.source_name = upload.filename;
  request.into = org;
  if (!upload.key_sealed.empty()) {
    auto key = cipher_.Open(upload.key_sealed);
    if (!key) {
      return MarkFailed(org, id, import,
                        "La clé enregistrée ne s'ouvre plus (clé de Planify changée).");
    }
    request.encryption_key = *key;
  }
  if (upload.files_size_bytes > 0) {
    request.files_zip = std::make_shared<const std::string>(std::move(files));
  }
  request.cipher = &cipher_;
  request.dry_run = !import;
  request.skip_test_data = upload.skip_test_data;
  request.create_accounts = false;  // an organisation's file: no accounts made or attached
  request.started_by = upload.uploaded_by;
  request.now = clock_.Now();
  auto report = ImportLegacy(db_, request);
  if (!report) {
    const auto code = report.error().code;
    if (code == ErrorCode::kValidation || code == ErrorCode::kConflict ||
        code == ErrorCode::kNotFound) {
      return MarkFailed(org, id, import, report.error().message);
    }
    return Fail(report.error());  // the job is retried; the import goes on from its journal
  }
  spdlog::info("legacy import {} of organisation {}: {} ({})", id, org.value,
               import ? "imported" : "checked", upload.filename);
  // Values from the file are cleaned when read; replace anything else rather than throw.
  const std::string json =
      LegacyReportJson(*report).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const std::string summary = LegacyReportSummary(json).dump();
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::WriteTransaction tx(lease);
    store::LegacyUploadsRepository(lease).SetReport(org, id, !import, json, summary,
                                                    domain::FormatIsoUtc(clock_.Now()));
    tx.Commit();
    return {};
  });
}

Result<void> LegacyUploadsService::MarkFailed(OrganizationId org, long long id, bool import,
                                              const std::string& message) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::WriteTransaction tx(lease);
    store::LegacyUploadsRepository(lease).Transition(org, id, import ? "importing" : "checking",
                                                     "failed", message,
                                                     domain::FormatIsoUtc(clock_.Now()));
    tx.Commit();
    return {};
  });
}

void RegisterLegacyImportJobs(jobs::JobRegistry& registry, const Clock& clock,
                              const Cipher& cipher) {
  registry.Register(
      kJob, [&clock, &cipher](const store::JobRow& job, jobs::JobContext& context) -> Result<void> {
        auto payload = nlohmann::json::parse(job.payload, nullptr, false);
        if (!job.organization || !payload.is_object() || !payload.contains("upload_id") ||
            !payload["upload_id"].is_number_integer() || !payload.contains("phase") ||
            !payload["phase"].is_string()) {
          return Fail(ErrorCode::kBadRequest,
                      "legacy_import.run needs an organisation, upload_id and phase");
        }
        const auto org = *job.organization;
        const auto id = payload["upload_id"].get<long long>();
        const bool import = payload["phase"] == "import";
        LegacyUploadsService uploads(context.db(), clock, cipher);
        Result<void> outcome;
        try {
          outcome = uploads.Run(org, id, import);
        } catch (const std::exception& e) {
          outcome = Fail(ErrorCode::kInternal, e.what());
        }
        // The last attempt failed: the upload says so (it would otherwise stay busy).
        if (!outcome && job.attempts >= job.max_attempts) {
          (void)uploads.MarkFailed(org, id, import,
                                   "Échec après plusieurs essais : " + outcome.error().message);
        }
        return outcome;
      });
}

}  // namespace planify::app
