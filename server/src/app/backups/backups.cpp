#include "app/backups/backups.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <vector>

#include "integrations/archive/tar_gz.hpp"
#include "integrations/crypto/sodium.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

namespace planify::app {

namespace {

constexpr const char* kManifestName = "manifest.json";
constexpr std::uint64_t kManifestMax = std::uint64_t{1} << 20;

std::string PartName(store::Dialect dialect) {
  return dialect == store::Dialect::kSqlite ? "database.sqlite" : "database.pgdump";
}

std::string DialectLabel(store::Dialect dialect) {
  return dialect == store::Dialect::kSqlite ? "sqlite" : "postgresql";
}

Error Invalid(std::string message) { return Error{ErrorCode::kValidation, std::move(message), {}}; }

Result<std::string> HashFile(const std::filesystem::path& path, const BackupProgress& progress) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kUnavailable, "cannot read " + path.string());
  std::error_code ec;
  const auto total = std::filesystem::file_size(path, ec);
  integrations::Sha256Stream hash;
  std::vector<char> buffer(std::size_t{1} << 20);
  std::uint64_t done = 0;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    hash.Update(std::string_view(buffer.data(), got));
    done += got;
    if (progress) progress("checksum", done, total);
  }
  return hash.Hex();
}

void RemoveQuietly(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
}

// What differs between the figures a manifest promises and those found, for the message.
std::string FirstDifference(const store::BackupFigures& promised,
                            const store::BackupFigures& found) {
  if (promised.schema_version != found.schema_version) {
    return "schema version " + std::to_string(found.schema_version) + ", manifest says " +
           std::to_string(promised.schema_version);
  }
  for (const auto& table : promised.tables) {
    long long rows = -1;
    for (const auto& t : found.tables) {
      if (t.table == table.table) rows = t.rows;
    }
    if (rows != table.rows) {
      return "table " + table.table + ": " +
             (rows < 0 ? "missing" : std::to_string(rows) + " rows") + ", manifest says " +
             std::to_string(table.rows);
    }
  }
  if (promised.tables.size() != found.tables.size()) return "a table the manifest does not list";
  return "invoice, credit-note or payment totals differ from the manifest";
}

}  // namespace

std::string ManifestJson(const BackupManifest& manifest) {
  nlohmann::json tables = nlohmann::json::object();
  for (const auto& t : manifest.figures.tables) tables[t.table] = t.rows;
  nlohmann::json parts = nlohmann::json::array();
  for (const auto& p : manifest.parts) {
    parts.push_back({{"name", p.name}, {"size", p.size}, {"sha256", p.sha256}});
  }
  nlohmann::json out = {
      {"format", manifest.format},
      {"application", "planify"},
      {"planify_version", manifest.planify_version},
      {"created_at", manifest.created_at},
      {"dialect", manifest.dialect},
      {"schema_version", manifest.figures.schema_version},
      {"tables", tables},
      {"totals",
       {{"invoices_gross_cents", manifest.figures.invoices_gross_cents},
        {"credit_notes_gross_cents", manifest.figures.credit_notes_gross_cents},
        {"payments_cents", manifest.figures.payments_cents}}},
      {"parts", parts},
      {"stored_files", "inside the database (table files)"},
      {"secret_key_included", false},
      {"note",
       "The secret key (PLANIFY_SECRET_KEY or <data dir>/secret.key) is not in this backup. Keep "
       "it separately: organisations' bank details are sealed with it."}};
  return out.dump(2) + "\n";
}

Result<BackupManifest> ParseManifest(const std::string& text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return Fail(Invalid("manifest.json is not JSON"));
  try {
    if (json.value("application", "") != "planify") {
      return Fail(Invalid("manifest.json is not a Planify manifest"));
    }
    BackupManifest m;
    m.format = json.at("format").get<int>();
    if (m.format != domain::kBackupFormat) {
      return Fail(Invalid("backup format " + std::to_string(m.format) +
                          " is not one this Planify reads (" +
                          std::to_string(domain::kBackupFormat) + ")"));
    }
    m.planify_version = json.at("planify_version").get<std::string>();
    m.created_at = json.at("created_at").get<std::string>();
    m.dialect = json.at("dialect").get<std::string>();
    if (m.dialect != "sqlite" && m.dialect != "postgresql") {
      return Fail(Invalid("manifest.json names an unknown database: " + m.dialect));
    }
    m.figures.schema_version = json.at("schema_version").get<int>();
    for (const auto& [table, rows] : json.at("tables").items()) {
      m.figures.tables.push_back({table, rows.get<long long>()});
    }
    const auto& totals = json.at("totals");
    m.figures.invoices_gross_cents = totals.at("invoices_gross_cents").get<long long>();
    m.figures.credit_notes_gross_cents = totals.at("credit_notes_gross_cents").get<long long>();
    m.figures.payments_cents = totals.at("payments_cents").get<long long>();
    for (const auto& p : json.at("parts")) {
      BackupPart part{p.at("name").get<std::string>(), p.at("size").get<std::uint64_t>(),
                      p.at("sha256").get<std::string>()};
      if (part.name != "database.sqlite" && part.name != "database.pgdump") {
        return Fail(Invalid("manifest.json lists an unknown part: " + part.name));
      }
      m.parts.push_back(std::move(part));
    }
    if (m.parts.size() != 1) return Fail(Invalid("manifest.json must list exactly one database"));
    return m;
  } catch (const nlohmann::json::exception& e) {
    return Fail(Invalid(std::string("manifest.json is incomplete: ") + e.what()));
  }
}

Result<BackupMade> MakeBackup(const BackupRequest& request) {
  std::error_code ec;
  if (!std::filesystem::exists(request.directory, ec)) {
    std::filesystem::create_directories(request.directory, ec);
    std::filesystem::permissions(request.directory, std::filesystem::perms::owner_all, ec);
  }
  if (!std::filesystem::is_directory(request.directory, ec)) {
    return Fail(ErrorCode::kUnavailable,
                "cannot create " + request.directory.string() + ": " + ec.message());
  }
  const std::string name = domain::BackupFileName(request.now);
  const auto final_path = request.directory / name;
  if (std::filesystem::exists(final_path, ec)) {
    return Fail(ErrorCode::kConflict, "a backup named " + name + " exists already");
  }
  const auto suffix = "." + integrations::RandomHex(4);
  const auto part_path = request.directory / (name + suffix + ".db.partial");
  const auto archive_path = request.directory / (name + suffix + ".partial");
  const auto& progress = request.progress;
  auto fail = [&](const Error& error) {
    RemoveQuietly(part_path);
    RemoveQuietly(archive_path);
    return Fail(error);
  };

  Result<store::BackupFigures> figures =
      request.database.dialect == store::Dialect::kSqlite
          ? store::SqliteBackup(request.database.sqlite_path, part_path,
                                [&](std::uint64_t done, std::uint64_t total) {
                                  if (progress) progress("database pages", done, total);
                                })
          : store::PostgresBackup(request.database.postgres_url, part_path,
                                  [&, lines = std::uint64_t{0}](std::string_view) mutable {
                                    if (progress) progress("pg_dump steps", ++lines, 0);
                                  });
  if (!figures) return fail(figures.error());
  auto sha = HashFile(part_path, progress);
  if (!sha) return fail(sha.error());

  BackupManifest manifest;
  manifest.planify_version = request.planify_version;
  manifest.created_at = domain::FormatIsoUtc(request.now);
  manifest.dialect = DialectLabel(request.database.dialect);
  manifest.figures = *figures;
  manifest.parts.push_back(
      {PartName(request.database.dialect), std::filesystem::file_size(part_path, ec), *sha});

  const auto mtime =
      std::chrono::duration_cast<std::chrono::seconds>(request.now.time_since_epoch()).count();
  auto writer = integrations::TarGzWriter::Create(archive_path);
  if (!writer) return fail(writer.error());
  // Every organisation's data: readable by the service's user only.
  std::filesystem::permissions(
      archive_path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ec);
  if (auto added = (*writer)->AddBytes(kManifestName, ManifestJson(manifest), mtime); !added) {
    return fail(added.error());
  }
  if (auto added = (*writer)->AddFile(manifest.parts.front().name, part_path, mtime,
                                      [&](std::uint64_t done, std::uint64_t total) {
                                        if (progress) progress("compressing", done, total);
                                      });
      !added) {
    return fail(added.error());
  }
  if (auto finished = (*writer)->Finish(); !finished) return fail(finished.error());
  RemoveQuietly(part_path);
  std::filesystem::rename(archive_path, final_path, ec);
  if (ec)
    return fail(Error{ErrorCode::kUnavailable, "cannot name the backup: " + ec.message(), {}});
  BackupMade made;
  made.file = final_path;
  made.size = std::filesystem::file_size(final_path, ec);
  made.manifest = std::move(manifest);
  return made;
}

Result<BackupManifest> ReadBackupManifest(const std::filesystem::path& file) {
  auto reader = integrations::TarGzReader::Open(file);
  if (!reader) return Fail(reader.error());
  auto first = (*reader)->Next();
  if (!first) return Fail(first.error());
  if (!*first || (*first)->name != kManifestName) {
    return Fail(Invalid("the archive does not start with manifest.json: not a Planify backup"));
  }
  auto text = (*reader)->ReadAll(kManifestMax);
  if (!text) return Fail(text.error());
  return ParseManifest(*text);
}

Result<RestoreDone> RestoreBackup(const RestoreRequest& request) {
  const auto& progress = request.progress;
  auto reader = integrations::TarGzReader::Open(request.file);
  if (!reader) return Fail(reader.error());
  auto first = (*reader)->Next();
  if (!first) return Fail(first.error());
  if (!*first || (*first)->name != kManifestName) {
    return Fail(Invalid("the archive does not start with manifest.json: not a Planify backup"));
  }
  auto text = (*reader)->ReadAll(kManifestMax);
  if (!text) return Fail(text.error());
  auto manifest = ParseManifest(*text);
  if (!manifest) return Fail(manifest.error());

  const auto dialect = request.target.dialect;
  if (manifest->dialect != DialectLabel(dialect)) {
    return Fail(Invalid("this is a " + manifest->dialect + " backup and the target database is " +
                        DialectLabel(dialect) +
                        ": restore it into the same kind of database (PLANIFY_DATABASE_URL)"));
  }
  const int known = store::EmbeddedMigrations(dialect).back().version;
  if (manifest->figures.schema_version > known) {
    return Fail(ErrorCode::kConflict, "this backup was made by a newer Planify (schema " +
                                          std::to_string(manifest->figures.schema_version) +
                                          ", this one knows " + std::to_string(known) +
                                          "): install that version or newer to restore it");
  }
  Result<bool> empty = dialect == store::Dialect::kSqlite
                           ? store::SqliteIsEmpty(request.target.sqlite_path)
                           : store::PostgresIsEmpty(request.target.postgres_url);
  if (!empty) return Fail(empty.error());
  if (!*empty) {
    return Fail(ErrorCode::kConflict,
                "the target database " + request.target.redacted +
                    " already holds data; restore into an empty data directory or database "
                    "(nothing was changed)");
  }

  // Extract next to the target (same file system: the final move is a rename) and check.
  std::error_code ec;
  std::filesystem::path staging;
  std::filesystem::path created_parent;  // removed again if the backup is refused
  if (dialect == store::Dialect::kSqlite) {
    auto parent = std::filesystem::absolute(request.target.sqlite_path, ec).parent_path();
    if (!std::filesystem::exists(parent, ec)) {
      created_parent = parent;
      std::filesystem::create_directories(parent, ec);
    }
    staging = parent / (".planify-restore-" + integrations::RandomHex(6));
  } else {
    staging =
        std::filesystem::temp_directory_path() / ("planify-restore-" + integrations::RandomHex(6));
  }
  std::filesystem::create_directories(staging, ec);
  if (ec)
    return Fail(ErrorCode::kUnavailable, "cannot create " + staging.string() + ": " + ec.message());
  auto fail = [&](const Error& error) {
    RemoveQuietly(staging);
    if (!created_parent.empty()) std::filesystem::remove(created_parent, ec);
    return Fail(error);
  };
  const BackupPart& part = manifest->parts.front();
  bool seen = false;
  for (;;) {
    auto entry = (*reader)->Next();
    if (!entry) return fail(entry.error());
    if (!*entry) break;
    if ((*entry)->name != part.name || seen) {
      return fail(Invalid("unexpected entry in the archive: " + (*entry)->name));
    }
    seen = true;
    if ((*entry)->size != part.size) {
      return fail(Invalid(part.name + " is " + std::to_string((*entry)->size) +
                          " bytes, the manifest says " + std::to_string(part.size)));
    }
    auto sha =
        (*reader)->ExtractTo(staging / part.name, [&](std::uint64_t done, std::uint64_t total) {
          if (progress) progress("checking " + part.name, done, total);
        });
    if (!sha) return fail(sha.error());
    if (*sha != part.sha256) {
      return fail(Invalid(part.name + " does not match its SHA-256 in the manifest: the backup is "
                                      "damaged"));
    }
  }
  if (!seen) return fail(Invalid("the archive has no " + part.name));

  RestoreDone done;
  done.manifest = *manifest;
  const auto staged = staging / part.name;
  if (dialect == store::Dialect::kSqlite) {
    if (progress) progress("integrity check", 0, 0);
    auto figures = store::SqliteCheckedFigures(staged);
    if (!figures) return fail(figures.error());
    if (!(*figures == manifest->figures)) {
      return fail(Invalid("the database in the backup does not match its manifest: " +
                          FirstDifference(manifest->figures, *figures)));
    }
    auto still_empty = store::SqliteIsEmpty(request.target.sqlite_path);
    if (!still_empty || !*still_empty) {
      return fail(
          Error{ErrorCode::kConflict, "the target database changed during the restore", {}});
    }
    // A leftover WAL of a deleted database would be replayed into the restored one.
    RemoveQuietly(request.target.sqlite_path + "-wal");
    RemoveQuietly(request.target.sqlite_path + "-shm");
    std::filesystem::rename(staged, request.target.sqlite_path, ec);
    if (ec)
      return fail(Error{
          ErrorCode::kUnavailable, "cannot move the database into place: " + ec.message(), {}});
    done.restored = *figures;
  } else {
    if (progress) progress("restoring", 0, 0);
    auto restored = store::PostgresRestore(request.target.postgres_url, staged, manifest->figures,
                                           [&, lines = std::uint64_t{0}](std::string_view) mutable {
                                             if (progress) progress("restore steps", ++lines, 0);
                                           });
    if (!restored) return fail(restored.error());
    auto figures = store::PostgresFigures(request.target.postgres_url);
    if (!figures) return fail(figures.error());
    if (!(*figures == manifest->figures)) {
      return fail(Invalid("the restored database does not match the manifest: " +
                          FirstDifference(manifest->figures, *figures)));
    }
    done.restored = *figures;
  }
  RemoveQuietly(staging);

  // An older backup: bring its schema up to this binary's.
  auto db = store::Database::Open(request.target, store::Database::Options{.pool_size = 1});
  if (!db) return Fail(db.error());
  auto lease = (*db)->Acquire();
  if (!lease) return Fail(lease.error());
  auto migrated =
      store::Migrate(*lease, store::EmbeddedMigrations(dialect), request.now_utc,
                     [&](const store::Migration& m, std::size_t index, std::size_t total) {
                       if (progress) progress("migration " + m.name, index + 1, total);
                     });
  if (!migrated) return Fail(migrated.error());
  done.migrated_to = store::EmbeddedMigrations(dialect).back().version;
  return done;
}

std::vector<BackupListing> ListBackups(const std::filesystem::path& directory) {
  std::vector<BackupListing> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    auto name = entry.path().filename().string();
    auto made = domain::ParseBackupFileName(name);
    if (!made) continue;
    out.push_back({name, *made, entry.file_size(ec)});
  }
  std::sort(out.begin(), out.end(),
            [](const BackupListing& a, const BackupListing& b) { return a.made_at > b.made_at; });
  return out;
}

Result<std::vector<std::string>> PruneBackups(const std::filesystem::path& directory,
                                              const domain::BackupRetention& retention) {
  auto listing = ListBackups(directory);
  std::vector<domain::Timestamp> made;
  made.reserve(listing.size());
  for (const auto& b : listing) made.push_back(b.made_at);
  std::vector<std::string> deleted;
  for (auto t : domain::BackupsToPrune(made, retention)) {
    auto name = domain::BackupFileName(t);
    std::error_code ec;
    std::filesystem::remove(directory / name, ec);
    if (ec) return Fail(ErrorCode::kUnavailable, "cannot delete " + name + ": " + ec.message());
    deleted.push_back(name);
  }
  return deleted;
}

}  // namespace planify::app
