#include "store/legacy_uploads_repository.hpp"

#include "store/emails_repository.hpp"
#include "store/sql_params.hpp"

namespace planify::store {

namespace {

constexpr const char* kColumns =
    "l.id, l.uploaded_by_user_id, COALESCE(u.display_name, ''), l.filename, l.size_bytes, "
    "l.sha256, l.key_sealed, l.skip_test_data, l.status, l.progress, CAST(l.created_at AS TEXT), "
    "CAST(l.updated_at AS TEXT), l.error, l.files_filename, l.files_size_bytes, l.files_sha256";
constexpr const char* kFrom =
    " FROM legacy_uploads l LEFT JOIN users u ON u.id = l.uploaded_by_user_id";

LegacyUploadRow Read(const soci::row& row) {
  LegacyUploadRow r;
  r.id = GetInt64(row, 0);
  if (row.get_indicator(1) != soci::i_null) r.uploaded_by = GetInt64(row, 1);
  r.uploaded_by_name = RowText(row, 2);
  r.filename = RowText(row, 3);
  r.size_bytes = GetInt64(row, 4);
  r.sha256 = RowText(row, 5);
  r.key_sealed = RowText(row, 6);
  r.skip_test_data = GetInt64(row, 7) != 0;
  r.status = RowText(row, 8);
  r.progress_json = RowText(row, 9);
  r.created_at = RowTimestamp(row, 10);
  r.updated_at = RowTimestamp(row, 11);
  r.error = RowText(row, 12);
  r.files_filename = RowText(row, 13);
  r.files_size_bytes = GetInt64(row, 14);
  r.files_sha256 = RowText(row, 15);
  return r;
}

}  // namespace

long long LegacyUploadsRepository::Insert(OrganizationId org, const LegacyUploadRow& row) {
  long long id = 0;
  SqlParams p;
  p.Int("org", org.value)
      .IntOrNull("by", row.uploaded_by)
      .Text("filename", row.filename)
      .Int("size", row.size_bytes)
      .Text("sha", row.sha256)
      .Text("files_name", row.files_filename)
      .Int("files_size", row.files_size_bytes)
      .Text("files_sha", row.files_sha256)
      .Text("key", row.key_sealed)
      .Int("skip", row.skip_test_data ? 1 : 0)
      .Text("status", row.status)
      .Text("created", row.created_at)
      .Text("updated", row.created_at);
  p.Execute(lease_,
            "INSERT INTO legacy_uploads (organization_id, uploaded_by_user_id, filename, "
            "size_bytes, sha256, files_filename, files_size_bytes, files_sha256, key_sealed, "
            "skip_test_data, status, created_at, updated_at) VALUES (:org, :by, :filename, :size, "
            ":sha, :files_name, :files_size, :files_sha, :key, :skip, :status, :created, "
            ":updated) RETURNING id",
            &id);
  return id;
}

namespace {

const char* ChunksTable(bool files) {
  return files ? "legacy_upload_file_chunks" : "legacy_upload_chunks";
}

}  // namespace

void LegacyUploadsRepository::AddChunk(OrganizationId org, long long id, int seq,
                                       const std::string& bytes, bool files) {
  SqlParams p;
  p.Int("org", org.value).Int("id", id).Int("seq", seq).Text("content", Base64Encode(bytes));
  p.Execute(lease_, std::string("INSERT INTO ") + ChunksTable(files) +
                        " (organization_id, upload_id, seq, content_base64) VALUES (:org, :id, "
                        ":seq, :content)");
}

std::optional<std::string> LegacyUploadsRepository::Chunk(OrganizationId org, long long id, int seq,
                                                          bool files) {
  std::optional<std::string> out;
  SqlParams p;
  p.Int("org", org.value).Int("id", id).Int("seq", seq);
  p.ForEachRow(lease_,
               std::string("SELECT content_base64 FROM ") + ChunksTable(files) +
                   " WHERE organization_id = :org AND upload_id = :id AND seq = :seq",
               [&](const soci::row& row) { out = Base64Decode(RowText(row, 0)); });
  return out;
}

std::optional<LegacyUploadRow> LegacyUploadsRepository::Find(OrganizationId org, long long id) {
  std::optional<LegacyUploadRow> out;
  SqlParams p;
  p.Int("org", org.value).Int("id", id);
  p.ForEachRow(lease_,
               std::string("SELECT ") + kColumns +
                   ", COALESCE(l.dry_summary, l.dry_report), COALESCE(l.summary, l.report)" +
                   kFrom + " WHERE l.organization_id = :org AND l.id = :id",
               [&](const soci::row& row) {
                 out = Read(row);
                 out->dry_report_json = RowText(row, 16);
                 out->report_json = RowText(row, 17);
               });
  return out;
}

std::vector<LegacyUploadRow> LegacyUploadsRepository::List(OrganizationId org, long long limit) {
  std::vector<LegacyUploadRow> out;
  SqlParams p;
  p.Int("org", org.value).Int("lim", limit);
  p.ForEachRow(lease_,
               std::string("SELECT ") + kColumns + kFrom +
                   " WHERE l.organization_id = :org ORDER BY l.id DESC LIMIT :lim",
               [&](const soci::row& row) { out.push_back(Read(row)); });
  return out;
}

namespace {

bool Changed(Lease& lease, const std::string& sql, SqlParams& params) {
  bool changed = false;
  long long returned = 0;
  params.ForEachRow(lease, sql + " RETURNING id", [&](const soci::row& row) {
    returned = GetInt64(row, 0);
    changed = true;
  });
  return changed && returned > 0;
}

}  // namespace

bool LegacyUploadsRepository::Transition(OrganizationId org, long long id, const std::string& from,
                                         const std::string& to, const std::string& error,
                                         const std::string& now) {
  SqlParams p;
  p.Int("org", org.value).Int("id", id).Text("from", from).Text("to", to);
  p.TextOrNull("error", error).Text("now", now);
  return Changed(lease_,
                 "UPDATE legacy_uploads SET status = :to, error = :error, updated_at = :now WHERE "
                 "organization_id = :org AND id = :id AND status = :from",
                 p);
}

std::optional<std::string> LegacyUploadsRepository::FullReport(OrganizationId org, long long id,
                                                               bool dry_run) {
  std::optional<std::string> out;
  SqlParams p;
  p.Int("org", org.value).Int("id", id);
  p.ForEachRow(lease_,
               std::string("SELECT ") + (dry_run ? "dry_report" : "report") +
                   " FROM legacy_uploads WHERE organization_id = :org AND id = :id",
               [&](const soci::row& row) {
                 if (row.get_indicator(0) != soci::i_null) out = RowText(row, 0);
               });
  return out;
}

bool LegacyUploadsRepository::SetReport(OrganizationId org, long long id, bool dry_run,
                                        const std::string& report_json,
                                        const std::string& summary_json, const std::string& now) {
  SqlParams p;
  p.Int("org", org.value).Int("id", id).Text("report", report_json);
  p.Text("summary", summary_json).Text("now", now);
  if (dry_run) {
    return Changed(lease_,
                   "UPDATE legacy_uploads SET dry_report = :report, dry_summary = :summary, "
                   "status = 'checked', error = NULL, updated_at = :now WHERE organization_id = "
                   ":org AND id = :id AND status = 'checking'",
                   p);
  }
  if (!Changed(lease_,
               "UPDATE legacy_uploads SET report = :report, summary = :summary, status = "
               "'imported', error = NULL, key_sealed = '', updated_at = :now WHERE "
               "organization_id = :org AND id = :id AND status = 'importing'",
               p)) {
    return false;
  }
  // Imported: the legacy file (personal data, password hashes) and its files are not kept any
  // longer.
  for (const bool files : {false, true}) {
    SqlParams chunks;
    chunks.Int("org", org.value).Int("id", id);
    chunks.Execute(lease_, std::string("DELETE FROM ") + ChunksTable(files) +
                               " WHERE organization_id = :org AND upload_id = :id");
  }
  return true;
}

bool LegacyUploadsRepository::Delete(OrganizationId org, long long id) {
  if (!Find(org, id)) return false;
  SqlParams p;
  p.Int("org", org.value).Int("id", id);
  p.Execute(lease_, "DELETE FROM legacy_uploads WHERE organization_id = :org AND id = :id");
  return true;
}

}  // namespace planify::store
