#include "app/exports/exports_service.hpp"

#include <spdlog/spdlog.h>

#include <fmt/format.h>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "app/documents/billing_support.hpp"
#include "domain/billing.hpp"
#include "domain/local_time.hpp"
#include "domain/validation.hpp"
#include "integrations/crypto/sodium.hpp"
#include "integrations/xlsx/xlsx_writer.hpp"
#include "store/auth_repository.hpp"

namespace planify::app {

namespace {

constexpr int kPageRows = 1000;
constexpr auto kKeptFor = std::chrono::days(7);
constexpr std::string_view kAll = "all";

// The sheets an export writes: one, or every entity for a full workbook.
std::vector<const store::ExportSheet*> SheetsOf(const std::string& entity) {
  std::vector<const store::ExportSheet*> out;
  if (entity == kAll) {
    for (const auto& sheet : store::ExportSheets()) out.push_back(&sheet);
  } else if (const auto* sheet = store::FindExportSheet(entity)) {
    out.push_back(sheet);
  }
  return out;
}

// "2027-01-29T09:00:00.000Z" → "2027-01-29T10:00:00", the wall-clock time in `zone`, which the
// writers show as a date and time.
std::string LocalIso(const std::string& utc, const std::string& zone) {
  auto instant = domain::ParseIsoUtc(utc);
  if (!instant) return utc;
  const auto local = *instant + domain::UtcOffset(zone, *instant);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss<std::chrono::seconds> time{
      std::chrono::floor<std::chrono::seconds>(local - day)};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     time.hours().count(), time.minutes().count(), time.seconds().count());
}

// The instant a local day starts in `zone`.
std::string DayStart(std::chrono::year_month_day day, const std::string& zone) {
  return domain::FormatIsoUtc(domain::FromLocal(
      zone, std::chrono::local_seconds{std::chrono::local_days{day}.time_since_epoch()}));
}

// The query for one sheet: days for day periods, instants [from, to) for instant periods.
store::ExportQuery QueryFor(const store::ExportSheet& sheet, const ExportRequest& request,
                            const std::string& zone) {
  store::ExportQuery query;
  query.client_id = request.client_id;
  query.statuses = request.statuses;
  if (sheet.period_kind == store::ExportPeriod::kInstant) {
    if (auto from = domain::ParseIsoDate(request.from)) query.from = DayStart(*from, zone);
    if (auto to = domain::ParseIsoDate(request.to)) {
      query.to = DayStart(std::chrono::sys_days{*to} + std::chrono::days(1), zone);
    }
  } else {
    query.from = request.from;
    query.to = request.to;
  }
  return query;
}

std::string FiltersJson(const ExportRequest& request) {
  nlohmann::json filters = nlohmann::json::object();
  if (!request.from.empty()) filters["from"] = request.from;
  if (!request.to.empty()) filters["to"] = request.to;
  if (!request.statuses.empty()) filters["status"] = request.statuses;
  if (request.client_id) filters["client_id"] = *request.client_id;
  return filters.dump();
}

ExportRequest RequestFromRecord(const store::ExportRecord& record) {
  ExportRequest request;
  request.entity = record.entity;
  request.format = record.format;
  auto filters = nlohmann::json::parse(record.filters_json, nullptr, false);
  if (!filters.is_object()) return request;
  if (filters.contains("from") && filters["from"].is_string()) request.from = filters["from"];
  if (filters.contains("to") && filters["to"].is_string()) request.to = filters["to"];
  if (filters.contains("client_id") && filters["client_id"].is_number_integer()) {
    request.client_id = filters["client_id"].get<long long>();
  }
  if (filters.contains("status") && filters["status"].is_array()) {
    for (const auto& s : filters["status"]) {
      if (s.is_string()) request.statuses.push_back(s.get<std::string>());
    }
  }
  return request;
}

// Checks the request against the sheets it names; every problem as a field error.
Result<void> Validate(const ExportRequest& request) {
  domain::FieldErrors errors;
  const auto sheets = SheetsOf(request.entity);
  if (sheets.empty()) errors.Add("entity", "Choisissez ce qu'il faut exporter.");
  if (request.format != "csv" && request.format != "csv_rfc" && request.format != "xlsx") {
    errors.Add("format", "Format inconnu : csv, csv_rfc ou xlsx.");
  } else if (request.entity == kAll && request.format != "xlsx") {
    errors.Add("format", "L'export complet est un classeur Excel (une feuille par donnée).");
  }
  const auto from = domain::ParseIsoDate(request.from);
  const auto to = domain::ParseIsoDate(request.to);
  if (!request.from.empty() && !from) errors.Add("from", "Date attendue (AAAA-MM-JJ).");
  if (!request.to.empty() && !to) errors.Add("to", "Date attendue (AAAA-MM-JJ).");
  if (from && to && std::chrono::sys_days{*to} < std::chrono::sys_days{*from}) {
    errors.Add("to", "La fin de la période précède son début.");
  }
  if (request.client_id && *request.client_id <= 0) errors.Add("client_id", "Client inconnu.");
  if (request.statuses.size() > 10) errors.Add("status", "Dix statuts au plus.");
  if (sheets.size() == 1) {
    for (const auto& status : request.statuses) {
      const auto& allowed = sheets.front()->statuses;
      if (std::none_of(allowed.begin(), allowed.end(),
                       [&](const auto& entry) { return entry.first == status; })) {
        errors.Add("status", "Statut inconnu pour cette donnée : « " + status + " ».");
        break;
      }
    }
    if (request.client_id && sheets.front()->client.empty()) {
      errors.Add("client_id", "Cette donnée ne se filtre pas par client.");
    }
  } else if (!request.statuses.empty()) {
    errors.Add("status", "L'export complet ne se filtre pas par statut.");
  }
  if (!errors.empty()) return Fail(errors.ToError());
  return {};
}

std::string Extension(const std::string& format) { return format == "xlsx" ? "xlsx" : "csv"; }

std::string ContentType(const std::string& format) {
  return format == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                          : "text/csv; charset=utf-8";
}

// Removes a file when it goes out of scope.
struct TempFile {
  std::filesystem::path path;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  explicit TempFile(std::filesystem::path p) : path(std::move(p)) {}
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
};

// Writes the rows of every sheet of an export into `path`, reporting progress after each page.
// Runs its reads on its own leases (one per page, so no snapshot or connection is held long).
Result<long long> WriteFile(store::Database& db, OrganizationId org, const ExportRequest& request,
                            const std::string& zone, const std::filesystem::path& path,
                            const std::function<void(long long)>& progress) {
  const auto sheets = SheetsOf(request.entity);
  long long rows = 0;
  auto pages = [&](const store::ExportSheet& sheet,
                   const std::function<Result<void>(domain::Row &&)>& write) -> Result<void> {
    const auto query = QueryFor(sheet, request, zone);
    long long after = 0;
    for (;;) {
      Result<void> failed;
      auto last = store::WithLease(db, [&](store::Lease& lease) -> Result<long long> {
        return store::ExportsRepository(lease).Page(
            org, sheet, query, after, kPageRows, [&](domain::Row&& row) {
              if (!failed) return;
              for (std::size_t i = 0; i < sheet.fields.size() && i < row.size(); ++i) {
                if (sheet.fields[i].type != domain::ColumnType::kDateTime) continue;
                if (auto* text = std::get_if<std::string>(&row[i])) *text = LocalIso(*text, zone);
              }
              failed = write(std::move(row));
              ++rows;
            });
      });
      if (!last) return Fail(last.error());
      if (!failed) return failed;
      progress(rows);
      if (*last == 0) return {};
      after = *last;
    }
  };
  if (request.format == "xlsx") {
    auto book = integrations::XlsxWriter::Create(path.string(), path.parent_path().string());
    if (!book) return Fail(book.error());
    for (const auto* sheet : sheets) {
      if (auto ok = (*book)->AddSheet(sheet->title, sheet->Columns()); !ok) return Fail(ok.error());
      auto done = pages(*sheet, [&](domain::Row&& row) { return (*book)->WriteRow(row); });
      if (!done) return Fail(done.error());
    }
    if (auto ok = (*book)->Close(); !ok) return Fail(ok.error());
    return rows;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Fail(ErrorCode::kInternal, "cannot create " + path.string());
  const auto* sheet = sheets.front();
  domain::CsvWriter csv(
      request.format == "csv" ? domain::CsvDialect::kFrenchExcel : domain::CsvDialect::kRfc4180,
      sheet->Columns(), [&out](std::string_view text) {
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
      });
  csv.WriteHeader();
  auto done = pages(*sheet, [&](domain::Row&& row) -> Result<void> {
    csv.WriteRow(row);
    return {};
  });
  if (!done) return Fail(done.error());
  out.close();
  if (!out) return Fail(ErrorCode::kInternal, "cannot write " + path.string());
  return rows;
}

// Makes the file of export `record` and stores it in pieces, then marks it ready. A failure of
// the file itself marks the export failed (and is returned); the database being unavailable is
// returned as it is, for the job to retry.
Result<void> Make(store::Database& db, const Clock& clock, OrganizationId org,
                  const store::ExportRecord& record) {
  const ExportRequest request = RequestFromRecord(record);
  auto prepared = store::WithLease(db, [&](store::Lease& lease) -> Result<std::string> {
    const auto settings = billing::LoadSettings(lease, org, nullptr);
    long long total = 0;
    store::ExportsRepository repo(lease);
    for (const auto* sheet : SheetsOf(request.entity)) {
      total += repo.Count(org, *sheet, QueryFor(*sheet, request, settings.time_zone));
    }
    store::WriteTransaction tx(lease);
    repo.ClearChunks(org, record.id);
    repo.Start(org, record.id, total);
    tx.Commit();
    return settings.time_zone;
  });
  if (!prepared) return Fail(prepared.error());
  const std::string& zone = *prepared;

  TempFile file(std::filesystem::temp_directory_path() /
                fmt::format("planify-export-{}-{}.{}", record.id, integrations::RandomHex(8),
                            Extension(record.format)));
  auto report = [&](long long rows) {
    (void)store::WithLease(db, [&](store::Lease& lease) -> Result<void> {
      store::ExportsRepository(lease).Progress(org, record.id, rows);
      return {};
    });
  };
  auto rows = WriteFile(db, org, request, zone, file.path, report);
  if (!rows) {
    if (rows.error().code != ErrorCode::kUnavailable) {
      spdlog::error("export {} failed: {}", record.id, rows.error().message);
      (void)store::WithLease(db, [&](store::Lease& lease) -> Result<void> {
        store::ExportsRepository(lease).MarkFailed(
            org, record.id, "Le fichier n'a pas pu être créé.", domain::FormatIsoUtc(clock.Now()));
        return {};
      });
    }
    return Fail(rows.error());
  }
  return store::WithLease(db, [&](store::Lease& lease) -> Result<void> {
    std::ifstream in(file.path, std::ios::binary);
    if (!in) return Fail(ErrorCode::kInternal, "cannot read " + file.path.string());
    integrations::Sha256Stream hash;
    std::string piece(ExportsService::kChunkBytes, '\0');
    long long size = 0;
    int seq = 0;
    store::ExportsRepository repo(lease);
    store::WriteTransaction tx(lease);
    repo.ClearChunks(org, record.id);
    while (in) {
      in.read(piece.data(), static_cast<std::streamsize>(piece.size()));
      const auto got = static_cast<std::size_t>(in.gcount());
      if (got == 0) break;
      const std::string_view bytes(piece.data(), got);
      hash.Update(bytes);
      repo.AddChunk(org, record.id, seq++, std::string(bytes));
      size += static_cast<long long>(got);
    }
    repo.Finish(org, record.id, *rows, size, hash.Hex(), domain::FormatIsoUtc(clock.Now()));
    tx.Commit();
    return {};
  });
}

}  // namespace

Result<store::ExportRecord> ExportsService::Request(const Principal& actor, const RequestMeta& meta,
                                                    const ExportRequest& request) {
  if (auto ok = Validate(request); !ok) return Fail(ok.error());
  const OrganizationId org = *actor.organization;
  const auto now = clock_.Now();
  auto created = store::WithLease(db_, [&](store::Lease& lease) -> Result<store::ExportRecord> {
    store::ExportsRepository repo(lease);
    if (request.client_id) {
      store::ExportQuery mine;
      mine.client_id = request.client_id;
      if (repo.Count(org, *store::FindExportSheet("clients"), mine) == 0) {
        return Fail(MakeError(ErrorCode::kValidation, "La requête contient des champs invalides.",
                              {{"client_id", "Client inconnu."}}));
      }
    }
    const auto settings = billing::LoadSettings(lease, org, nullptr);
    long long total = 0;
    for (const auto* sheet : SheetsOf(request.entity)) {
      total += repo.Count(org, *sheet, QueryFor(*sheet, request, settings.time_zone));
    }
    const auto local = now + domain::UtcOffset(settings.time_zone, now);
    const std::string today = domain::FormatIsoDate(
        std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(local)});
    const std::string slug =
        request.entity == kAll ? "export-complet" : store::FindExportSheet(request.entity)->slug;
    store::ExportRecord record;
    record.requested_by = actor.user;
    record.requested_by_name = actor.display_name;
    record.entity = request.entity;
    record.format = request.format;
    record.filters_json = FiltersJson(request);
    record.status = "queued";
    record.rows_total = total;
    record.filename = "planify-" + slug + "-" + today + "." + Extension(request.format);
    record.content_type = ContentType(request.format);
    record.created_at = domain::FormatIsoUtc(now);
    record.expires_at = domain::FormatIsoUtc(now + kKeptFor);
    store::WriteTransaction tx(lease);
    record.id = repo.Insert(org, record);
    // A small export is made by this request right after the commit; its job is a safety net
    // that runs later (and finds it ready) in case this process stops before it is done.
    const bool inline_export = request.entity != kAll && total <= kInlineRows;
    store::NewJob job;
    job.organization = org;
    job.type = "exports.run";
    job.payload = nlohmann::json{{"export_id", record.id}}.dump();
    job.max_attempts = 3;
    job.run_at = domain::FormatIsoUtc(inline_export ? now + std::chrono::minutes(10) : now);
    if (auto queued = store::JobsRepository(lease).Enqueue(job, record.created_at); !queued) {
      return Fail(queued.error());
    }
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "exports.requested", "export", std::to_string(record.id),
          nlohmann::json{{"entity", request.entity},
                         {"format", request.format},
                         {"rows", total},
                         {"filters", nlohmann::json::parse(record.filters_json)}}
              .dump(),
          record.created_at);
    tx.Commit();
    return record;
  });
  if (!created) return created;
  if (created->entity == kAll || created->rows_total > kInlineRows) return created;
  // Small: made now, so the answer already carries the file.
  if (auto made = Make(db_, clock_, org, *created); !made) return Fail(made.error());
  return Get(actor, created->id);
}

Result<std::vector<store::ExportRecord>> ExportsService::List(const Principal& actor) {
  return store::WithLease(db_,
                          [&](store::Lease& lease) -> Result<std::vector<store::ExportRecord>> {
                            return store::ExportsRepository(lease).List(*actor.organization, 50);
                          });
}

Result<store::ExportRecord> ExportsService::Get(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::ExportRecord> {
    auto record = store::ExportsRepository(lease).Find(*actor.organization, id);
    if (!record) return Fail(ErrorCode::kNotFound, "Export introuvable.");
    return *record;
  });
}

Result<std::optional<std::string>> ExportsService::Chunk(OrganizationId org, long long id,
                                                         int seq) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::optional<std::string>> {
    return store::ExportsRepository(lease).Chunk(org, id, seq);
  });
}

Result<void> ExportsService::Run(OrganizationId org, long long id) {
  auto record = store::WithLease(db_, [&](store::Lease& lease) -> Result<store::ExportRecord> {
    auto found = store::ExportsRepository(lease).Find(org, id);
    if (!found) return Fail(ErrorCode::kNotFound, "Export introuvable.");
    return *found;
  });
  if (!record) {
    // Purged or its organisation deleted: nothing left to make.
    if (record.error().code == ErrorCode::kNotFound) return {};
    return Fail(record.error());
  }
  if (record->status == "ready" || record->status == "failed") return {};
  return Make(db_, clock_, org, *record);
}

Result<long long> ExportsService::PurgeExpired() {
  const std::string now = domain::FormatIsoUtc(clock_.Now());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<long long> {
    store::WriteTransaction tx(lease);
    const long long purged = store::ExportsRepository(lease).PurgeExpired(now);
    tx.Commit();
    return purged;
  });
}

void RegisterExportJobs(jobs::JobRegistry& registry, const Clock& clock) {
  registry.Register(
      "exports.run", [&clock](const store::JobRow& job, jobs::JobContext& context) -> Result<void> {
        auto payload = nlohmann::json::parse(job.payload, nullptr, false);
        if (!job.organization || !payload.is_object() || !payload.contains("export_id") ||
            !payload["export_id"].is_number_integer()) {
          return Fail(ErrorCode::kBadRequest, "exports.run needs an organisation and export_id");
        }
        ExportsService exports(context.db(), clock);
        auto made = exports.Run(*job.organization, payload["export_id"].get<long long>());
        // A file that could not be made is marked failed on its record: no point retrying.
        if (!made && made.error().code != ErrorCode::kUnavailable) {
          return Fail(ErrorCode::kBadRequest, made.error().message);
        }
        return made;
      });
  registry.Register("exports.purge",
                    [&clock](const store::JobRow&, jobs::JobContext& context) -> Result<void> {
                      ExportsService exports(context.db(), clock);
                      auto purged = exports.PurgeExpired();
                      if (!purged) return Fail(purged.error());
                      if (*purged > 0) spdlog::info("exports: {} expired file(s) deleted", *purged);
                      return {};
                    });
}

}  // namespace planify::app
