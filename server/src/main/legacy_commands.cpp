#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "app/legacy/legacy_import.hpp"
#include "main/commands.hpp"

namespace planify {

namespace {

// One bar per table: redrawn in place on a terminal, a line per tenth otherwise (logs, CI).
class TableProgress {
 public:
  explicit TableProgress(std::ostream& out) : out_(out), tty_(&out == &std::cout && isatty(1)) {}
  void operator()(const std::string& table, long long done, long long total) {
    const int tenth = total == 0 ? 10 : static_cast<int>(done * 10 / total);
    if (table == table_ && tenth == tenth_) return;
    if (table != table_ && tty_ && !table_.empty()) out_ << "\n";
    table_ = table;
    tenth_ = tenth;
    if (!tty_ && tenth < 10 && done != 0) return;  // only the finished line
    std::string bar = std::string(static_cast<std::size_t>(tenth) * 2, '#') +
                      std::string(static_cast<std::size_t>(10 - tenth) * 2, '-');
    out_ << (tty_ ? "\r" : "") << "  " << std::left << std::setw(24) << table << " [" << bar << "] "
         << std::right << std::setw(7) << done << "/" << total << (tty_ ? "" : "\n") << std::flush;
  }
  void Finish() {
    if (tty_ && !table_.empty()) out_ << "\n";
  }

 private:
  std::ostream& out_;
  bool tty_;
  std::string table_;
  int tenth_ = -1;
};

// Text from the legacy file as the terminal shows it: control characters (an escape sequence
// in a crafted database) as "?".
std::string Printable(std::string text) {
  for (auto& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  }
  return text;
}

void PrintReport(const app::LegacyImportReport& report, std::ostream& out) {
  out << "\n  " << std::left << std::setw(24) << "table" << std::right << std::setw(8) << "read"
      << std::setw(10) << "imported" << std::setw(8) << "merged" << std::setw(9) << "skipped"
      << std::setw(9) << "dropped" << std::setw(7) << "later"
      << "\n";
  for (const auto& t : report.tables) {
    out << "  " << std::left << std::setw(24) << Printable(t.table) << std::right << std::setw(8)
        << t.read << std::setw(10) << t.imported << std::setw(8) << t.merged << std::setw(9)
        << t.skipped << std::setw(9) << t.dropped << std::setw(7) << t.later << "\n";
  }
  if (!report.totals.empty()) {
    auto euros = [](long long cents) {
      std::ostringstream text;
      text << (cents < 0 ? "-" : "") << std::llabs(cents) / 100 << "," << std::setw(2)
           << std::setfill('0') << std::llabs(cents) % 100;
      return text.str();
    };
    out << "\n  " << std::left << std::setw(16) << "total (EUR)" << std::right << std::setw(14)
        << "legacy" << std::setw(14) << "imported" << std::setw(14) << "not imported"
        << std::setw(11) << "differing\n";
    for (const auto& t : report.totals) {
      out << "  " << std::left << std::setw(16) << t.name << std::right << std::setw(14)
          << euros(t.legacy_cents) << std::setw(14) << euros(t.imported_cents) << std::setw(14)
          << euros(t.skipped_cents) << std::setw(10) << t.differing << "\n";
    }
  }
  std::map<std::string, int> by_severity;
  for (const auto& n : report.notes) ++by_severity[n.severity];
  out << "\n  notes: " << by_severity["error"] << " error(s), " << by_severity["warning"]
      << " warning(s), " << by_severity["info"] << " info\n";
  int shown = 0;
  for (const auto& n : report.notes) {
    if (n.severity == "info") continue;
    if (++shown > 30) {
      out << "  … (every note is in the JSON report: --report FILE)\n";
      break;
    }
    out << "  [" << n.severity << "] " << Printable(n.table);
    if (n.legacy_id) out << " #" << *n.legacy_id;
    if (!n.column.empty()) out << " " << Printable(n.column);
    out << ": " << Printable(n.message) << "\n";
  }
}

constexpr std::uintmax_t kMaxFilesZipBytes = std::uintmax_t{1} << 30U;

}  // namespace

int RunImportLegacy(store::Database& db, const ImportLegacyOptions& options, domain::Timestamp now,
                    const app::Cipher* cipher, std::ostream& out) {
  app::LegacyImportRequest request;
  request.source = options.source;
  request.organization_name = options.organization_name;
  if (options.into_organization) request.into = OrganizationId{*options.into_organization};
  if (!options.files_dir.empty()) {
    // The static/ directory, or that directory as a .zip archive (read into memory: up to
    // kMaxFilesZipBytes; a bigger folder is given unzipped).
    std::error_code ec;
    if (std::filesystem::is_regular_file(options.files_dir, ec)) {
      const auto size = std::filesystem::file_size(options.files_dir, ec);
      if (ec || size > kMaxFilesZipBytes) {
        out << "error: " << options.files_dir.string()
            << ": an archive over 1 GiB is not read; give the unzipped static/ directory\n";
        return kExitFailure;
      }
      std::ifstream in(options.files_dir, std::ios::binary);
      std::string bytes(static_cast<std::size_t>(size), '\0');
      in.read(bytes.data(), static_cast<std::streamsize>(size));
      if (!in) {
        out << "error: cannot read " << options.files_dir.string() << "\n";
        return kExitFailure;
      }
      request.files_zip = std::make_shared<const std::string>(std::move(bytes));
    } else {
      request.files_dir = options.files_dir;
    }
  }
  if (!options.encryption_key_file.empty()) {
    std::ifstream in(options.encryption_key_file);
    std::string key;
    std::getline(in, key);
    while (!key.empty() && (key.back() == '\r' || key.back() == ' ')) key.pop_back();
    if (!in && key.empty()) {
      out << "error: cannot read the key file " << options.encryption_key_file.string() << "\n";
      return kExitFailure;
    }
    request.encryption_key = key;
  }
  request.cipher = cipher;
  request.dry_run = options.dry_run;
  request.skip_test_data = options.skip_test_data;
  request.now = now;
  TableProgress progress(out);
  request.progress = [&progress](const std::string& table, long long done, long long total) {
    progress(table, done, total);
  };
  out << (options.dry_run ? "dry run (nothing is written): " : "importing ")
      << options.source.string() << "\n"
      << std::flush;
  auto report = app::ImportLegacy(db, request);
  progress.Finish();
  if (!report) {
    out << "error: " << report.error().message << "\n";
    return kExitFailure;
  }
  if (report->already_imported) {
    out << "already imported into \"" << report->organization_name << "\" (organisation "
        << report->organization.value << "): nothing new to import\n";
  } else {
    out << (options.dry_run ? "would import into " : "imported into ") << "\""
        << report->organization_name << "\" (organisation " << report->organization.value << ")"
        << (report->resumed ? ", continuing an interrupted run" : "") << "\n";
  }
  PrintReport(*report, out);
  if (!options.report_file.empty()) {
    std::ofstream file(options.report_file, std::ios::binary | std::ios::trunc);
    file << app::LegacyReportJson(*report).dump(2) << "\n";
    if (!file) {
      out << "error: cannot write the report to " << options.report_file.string() << "\n";
      return kExitFailure;
    }
    out << "\n  report written to " << options.report_file.string() << "\n";
  }
  return kExitOk;
}

}  // namespace planify
