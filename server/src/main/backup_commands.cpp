#include <iomanip>
#include <iostream>
#include <map>

#include "app/backups/backups.hpp"
#include "app/backups/backups_service.hpp"
#include "app/ports.hpp"
#include "main/commands.hpp"

namespace planify {

namespace {

// Progress lines: one per step, then one each time a step's percentage passes a tenth.
class ProgressPrinter {
 public:
  explicit ProgressPrinter(std::ostream& out) : out_(out) {}
  void operator()(const std::string& step, std::uint64_t done, std::uint64_t total) {
    if (step != step_) {
      step_ = step;
      tenth_ = -1;
      if (total == 0) out_ << "  " << step << "…\n" << std::flush;
    }
    if (total == 0) return;
    const int tenth = static_cast<int>(done * 10 / total);
    if (tenth == tenth_) return;
    tenth_ = tenth;
    out_ << "  " << step << ": " << tenth * 10 << " %\n" << std::flush;
  }

 private:
  std::ostream& out_;
  std::string step_;
  int tenth_ = -1;
};

std::string Euros(long long cents) {
  std::ostringstream s;
  s << (cents < 0 ? "-" : "") << std::llabs(cents) / 100 << "," << std::setw(2) << std::setfill('0')
    << std::llabs(cents) % 100 << " €";
  return s.str();
}

void PrintFigures(const store::BackupFigures& figures, std::ostream& out) {
  for (const auto& t : figures.tables) {
    if (t.rows > 0) out << "  " << std::left << std::setw(32) << t.table << t.rows << "\n";
  }
  out << "  invoices total " << Euros(figures.invoices_gross_cents) << ", credit notes "
      << Euros(figures.credit_notes_gross_cents) << ", payments " << Euros(figures.payments_cents)
      << "\n";
}

constexpr const char* kKeepTheKey =
    "The secret key is NOT in the backup (PLANIFY_SECRET_KEY or <data dir>/secret.key): keep it "
    "safe and separately; organisations' bank details are sealed with it and cannot be read "
    "without it.\n";

}  // namespace

int RunBackup(const Config& config, const std::string& to, std::ostream& out) {
  app::BackupRequest request;
  request.database = config.database;
  request.directory = to.empty() ? config.backup_dir : std::filesystem::path(to);
  request.planify_version = kVersion;
  request.now = app::SystemClock().Now();
  ProgressPrinter printer(out);
  request.progress = [&printer](const std::string& step, std::uint64_t done, std::uint64_t total) {
    printer(step, done, total);
  };
  out << "backing up " << config.database.redacted << "\n" << std::flush;
  auto made = app::MakeBackup(request);
  if (!made) {
    out << "error: " << made.error().message << "\n";
    return kExitFailure;
  }
  out << "backup written: " << made->file.string() << " (" << made->size << " bytes, schema "
      << made->manifest.figures.schema_version << ")\n";
  PrintFigures(made->manifest.figures, out);
  out << kKeepTheKey;
  return kExitOk;
}

int RunRestore(const Config& config, const std::string& file, std::ostream& out) {
  app::RestoreRequest request;
  request.target = config.database;
  request.file = file;
  request.now_utc = domain::FormatIsoUtc(app::SystemClock().Now());
  ProgressPrinter printer(out);
  request.progress = [&printer](const std::string& step, std::uint64_t done, std::uint64_t total) {
    printer(step, done, total);
  };
  out << "restoring " << file << " into " << config.database.redacted << "\n" << std::flush;
  auto done = app::RestoreBackup(request);
  if (!done) {
    out << "error: " << done.error().message << "\n";
    return done.error().code == ErrorCode::kValidation || done.error().code == ErrorCode::kConflict
               ? kExitConfig
               : kExitFailure;
  }
  out << "restored the backup of " << done->manifest.created_at << " (Planify "
      << done->manifest.planify_version << ", schema " << done->manifest.figures.schema_version
      << "), checked against its manifest:\n";
  PrintFigures(done->restored, out);
  if (done->migrated_to != done->manifest.figures.schema_version) {
    out << "schema migrated to version " << done->migrated_to << "\n";
  }
  out << kKeepTheKey;
  return kExitOk;
}

}  // namespace planify
