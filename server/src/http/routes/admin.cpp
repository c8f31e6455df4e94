#include <charconv>
#include <fstream>
#include <memory>

#include <nlohmann/json.hpp>

#include "domain/validation.hpp"
#include "http/errors.hpp"
#include "http/routes/routes.hpp"
#include "integrations/email/templates.hpp"

namespace planify::http {

namespace {

// An e-mail's summary fields, inside an object the caller opens (the detail adds its content).
void WriteEmailFields(JsonWriter& out, const store::EmailRow& e) {
  out.Field("id", e.id);
  out.Field("to", e.draft.to_address);
  out.Field("to_name", e.draft.to_name);
  out.Field("subject", e.draft.subject);
  out.Field("template", e.draft.template_name);
  out.Field("status", e.status);
  out.TextOrNull("provider", e.provider);
  out.Field("attempts", e.attempts);
  out.TextOrNull("last_error", e.last_error);
  out.Field("created_at", e.created_at);
  out.TextOrNull("sent_at", e.sent_at);
}

// A positive integer query parameter, `fallback` when absent; nullopt when malformed.
std::optional<long long> QueryNumber(const httplib::Request& req, const char* name,
                                     long long fallback, long long max) {
  if (!req.has_param(name)) return fallback;
  std::string text = req.get_param_value(name);
  long long v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v < 1 || v > max) {
    return std::nullopt;
  }
  return v;
}

// A filename safe inside a quoted header value: other characters become '_'.
std::string SafeFilename(const std::string& name) {
  std::string out;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || c == '_';
    out.push_back(ok ? c : '_');
  }
  return out.empty() ? "attachment" : out.substr(0, 120);
}

void WriteBackup(JsonWriter& out, const app::BackupListing& b) {
  out.BeginObject();
  out.Field("name", b.name);
  out.Field("created_at", domain::FormatIsoUtc(b.made_at));
  out.Field("size_bytes", static_cast<long long>(b.size));
  out.Field("download_url", "/api/v1/admin/backups/" + b.name + "/download");
  out.EndObject();
}

// Administration → Sauvegardes: the instance's backups (docs/backups.md).
void AddBackupRoutes(Router& router, UseCases& use_cases) {
  const Access manage = Access::Need(domain::Permission::kBackupsManage);

  router.Add(
      "GET", "/api/v1/admin/backups", manage,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto overview = use_cases.backups.Overview(*ctx.principal);
        if (!overview) return WriteError(res, overview.error());
        res.set_header("Cache-Control", "no-store");
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("available", overview->available);
          out.TextOrNull("unavailable_reason", overview->unavailable_reason);
          out.TextOrNull("directory", overview->directory);
          out.Field("daily", overview->daily);
          out.Key("retention");
          out.BeginObject();
          out.Field("daily", overview->retention.daily);
          out.Field("weekly", overview->retention.weekly);
          out.Field("monthly", overview->retention.monthly);
          out.EndObject();
          out.Field("running", overview->job.pending);
          out.TextOrNull("last_error", overview->job.last_error);
          out.TextOrNull("last_failed_at", overview->job.last_failed_at);
          out.ArrayField("items", overview->backups, WriteBackup);
          out.EndObject();
        });
      });

  router.Add(
      "POST", "/api/v1/admin/backups", manage,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto job = use_cases.backups.Request(*ctx.principal, ctx.meta);
        if (!job) return WriteError(res, job.error());
        WriteJsonWith(res, 202, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("job_id", *job);
          out.Field("status", "queued");
          out.EndObject();
        });
      });

  // The archive, read from disk in 1 MiB pieces as the client takes them.
  router.Add(
      "GET", "/api/v1/admin/backups/:name/download", manage.Queued(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto backup = use_cases.backups.Download(*ctx.principal, ctx.params.at("name"), ctx.meta);
        if (!backup) return WriteError(res, backup.error());
        auto file = std::make_shared<std::ifstream>(
            use_cases.backups.settings().directory / backup->name, std::ios::binary);
        if (!*file) {
          return WriteError(res, MakeError(ErrorCode::kNotFound, "Sauvegarde introuvable."));
        }
        res.status = 200;
        res.set_header("Cache-Control", "no-store");
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Content-Disposition", "attachment; filename=\"" + backup->name + "\"");
        res.set_content_provider(
            static_cast<std::size_t>(backup->size), "application/gzip",
            [file](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
              std::vector<char> buffer(std::min<std::size_t>(length, std::size_t{1} << 20));
              file->seekg(static_cast<std::streamoff>(offset));
              file->read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
              auto got = static_cast<std::size_t>(file->gcount());
              if (got == 0) return false;
              return sink.write(buffer.data(), got);
            });
      });
}

void WriteLegacyUpload(JsonWriter& out, const store::LegacyUploadRow& u,
                       const app::LegacyUploadProgress* progress, bool details) {
  out.BeginObject();
  out.Field("id", u.id);
  out.Field("filename", u.filename);
  out.Field("size_bytes", u.size_bytes);
  out.Field("sha256", u.sha256);
  out.Key("files");  // the static/ folder's archive, when one was sent
  if (u.files_size_bytes > 0) {
    out.BeginObject();
    out.Field("filename", u.files_filename);
    out.Field("size_bytes", u.files_size_bytes);
    out.EndObject();
  } else {
    out.Null();
  }
  out.Field("with_key", !u.key_sealed.empty());
  out.Field("skip_test_data", u.skip_test_data);
  out.Field("status", u.status);
  out.Field("error", u.error.empty() ? std::optional<std::string>() : u.error);
  out.Field("uploaded_by", u.uploaded_by_name);
  out.Field("created_at", u.created_at);
  out.Field("updated_at", u.updated_at);
  if (details) {
    out.Key("progress");
    if (progress != nullptr) {
      out.BeginObject();
      out.Field("steps_done", progress->steps_done);
      out.Field("steps_total", progress->steps_total);
      out.Field("table", progress->table);
      out.EndObject();
    } else {
      out.Null();
    }
    out.Field("dry_report", app::LegacyReportSummary(u.dry_report_json));
    out.Field("report", app::LegacyReportSummary(u.report_json));
  }
  out.EndObject();
}

void AddLegacyImportRoutes(Router& router, UseCases& use_cases) {
  using domain::Permission;
  const auto admins = Access::Need(Permission::kBackupsManage);
  auto write_details = [&use_cases](httplib::Response& res, int status, const RequestContext& ctx,
                                    const store::LegacyUploadRow& row) {
    std::optional<app::LegacyUploadProgress> progress;
    if (row.status == "importing") {
      auto read = use_cases.legacy_uploads.Progress(*ctx.principal, row);
      if (!read) return WriteError(res, read.error());
      progress = *read;
    }
    WriteJsonWith(res, status, [&](JsonWriter& out) {
      WriteLegacyUpload(out, row, progress ? &*progress : nullptr, true);
    });
  };

  router.Add(
      "GET", "/api/v1/admin/legacy-imports", admins,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto rows = use_cases.legacy_uploads.List(*ctx.principal);
        if (!rows) return WriteError(res, rows.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *rows, [](JsonWriter& o, const store::LegacyUploadRow& r) {
            WriteLegacyUpload(o, r, nullptr, false);
          });
          out.EndObject();
        });
      });

  // The legacy .db as the raw body (?filename=) or as multipart/form-data: parts `database`
  // (the .db), optionally `files` (the static/ folder as a .zip) and `encryption_key`.
  // ?skip_test_data=1; the legacy key, when the file has enc: values, in its part or the
  // X-Legacy-Key header (never in the URL, which logs keep).
  router.Add("POST", "/api/v1/admin/legacy-imports", admins,
             [&use_cases, write_details](const httplib::Request& req, httplib::Response& res,
                                         const RequestContext& ctx) {
               app::LegacyUploadInput input;
               input.skip_test_data = req.get_param_value("skip_test_data") == "1";
               input.encryption_key = req.get_header_value("X-Legacy-Key");
               if (req.is_multipart_form_data()) {
                 auto part = [&req](const char* name) -> const httplib::MultipartFormData* {
                   auto it = req.files.find(name);
                   return it == req.files.end() ? nullptr : &it->second;
                 };
                 if (const auto* db = part("database")) {
                   input.filename = db->filename;
                   input.bytes = db->content;
                 }
                 if (const auto* files = part("files")) {
                   input.files_filename = files->filename;
                   input.files_bytes = files->content;
                 }
                 if (const auto* key = part("encryption_key")) input.encryption_key = key->content;
                 if (const auto* skip = part("skip_test_data")) {
                   input.skip_test_data = input.skip_test_data || skip->content == "1";
                 }
               } else {
                 input.filename = req.get_param_value("filename");
                 input.bytes = req.body;
               }
               auto row =
                   use_cases.legacy_uploads.Upload(*ctx.principal, ctx.meta, std::move(input));
               if (!row) return WriteError(res, row.error());
               write_details(res, 202, ctx, *row);
             });

  router.Add("GET", "/api/v1/admin/legacy-imports/:id", admins,
             [&use_cases, write_details](const httplib::Request&, httplib::Response& res,
                                         const RequestContext& ctx) {
               auto id = PathId(ctx, "id");
               if (!id) return WriteError(res, id.error());
               auto row = use_cases.legacy_uploads.Get(*ctx.principal, *id);
               if (!row) return WriteError(res, row.error());
               write_details(res, 200, ctx, *row);
             });

  // The whole report as a file: ?kind=dry (the check's) or final (the import's, by default).
  router.Add(
      "GET", "/api/v1/admin/legacy-imports/:id/report", admins,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        const std::string kind = req.has_param("kind") ? req.get_param_value("kind") : "final";
        if (kind != "dry" && kind != "final") {
          domain::FieldErrors errors;
          errors.Add("kind", "dry ou final.");
          return WriteError(res, errors.ToError());
        }
        auto body = use_cases.legacy_uploads.FullReport(*ctx.principal, *id, kind == "dry");
        if (!body) return WriteError(res, body.error());
        res.set_header("Content-Disposition", "attachment; filename=\"rapport-import-" +
                                                  std::to_string(*id) + "-" + kind + ".json\"");
        res.set_content(*body, "application/json; charset=utf-8");
      });

  router.Add("POST", "/api/v1/admin/legacy-imports/:id/import", admins,
             [&use_cases, write_details](const httplib::Request&, httplib::Response& res,
                                         const RequestContext& ctx) {
               auto id = PathId(ctx, "id");
               if (!id) return WriteError(res, id.error());
               auto row = use_cases.legacy_uploads.StartImport(*ctx.principal, ctx.meta, *id);
               if (!row) return WriteError(res, row.error());
               write_details(res, 202, ctx, *row);
             });

  router.Add(
      "DELETE", "/api/v1/admin/legacy-imports/:id", admins,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto done = use_cases.legacy_uploads.Delete(*ctx.principal, ctx.meta, *id);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });
}

}  // namespace

void AddAdminRoutes(Router& router, UseCases& use_cases) {
  using domain::Permission;
  AddLegacyImportRoutes(router, use_cases);

  router.Add(
      "GET", "/api/v1/admin/emails", Access::Need(Permission::kEmailOutboxRead),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto limit = QueryNumber(req, "limit", 50, 200);
        auto before = QueryNumber(req, "before", 0, 1LL << 62);
        domain::FieldErrors errors;
        if (!limit) errors.Add("limit", "Nombre entier attendu (1 à 200).");
        if (!before) errors.Add("before", "Identifiant entier positif attendu.");
        if (!errors.empty()) return WriteError(res, errors.ToError());
        auto emails =
            use_cases.operations.ListEmails(*ctx.principal, static_cast<int>(*limit), *before);
        if (!emails) return WriteError(res, emails.error());
        std::optional<long long> next;
        if (static_cast<long long>(emails->size()) == *limit) next = emails->back().id;
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *emails, [](JsonWriter& w, const store::EmailRow& e) {
            w.BeginObject();
            WriteEmailFields(w, e);
            w.EndObject();
          });
          out.Field("next_before", next);
          out.EndObject();
        });
      });

  router.Add(
      "GET", "/api/v1/admin/emails/:id", Access::Need(Permission::kEmailOutboxRead),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto email = use_cases.operations.GetEmail(*ctx.principal, *id);
        if (!email) return WriteError(res, email.error());
        const auto& draft = email->draft;
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          WriteEmailFields(out, *email);
          out.Field("from_name", draft.from_name);
          out.Field("reply_to", draft.reply_to);
          out.Field("html", draft.html);
          out.Field("text", draft.text);
          out.Key("attachments");
          out.BeginArray();
          for (std::size_t i = 0; i < draft.attachments.size(); ++i) {
            const auto& a = draft.attachments[i];
            out.BeginObject();
            out.Field("index", static_cast<long long>(i));
            out.Field("filename", a.filename);
            out.Field("content_type", a.content_type);
            out.Field("size", static_cast<long long>(a.content.size()));
            out.EndObject();
          }
          out.EndArray();
          out.EndObject();
        });
      });

  router.Add(
      "GET", "/api/v1/admin/emails/:id/attachments/:index",
      Access::Need(Permission::kEmailOutboxRead),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto email = use_cases.operations.GetEmail(*ctx.principal, *id);
        if (!email) return WriteError(res, email.error());
        auto it = ctx.params.find("index");
        std::size_t index = 0;
        const std::string& text = it->second;
        auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), index);
        if (ec != std::errc() || ptr != text.data() + text.size() ||
            index >= email->draft.attachments.size()) {
          return WriteError(res, MakeError(ErrorCode::kNotFound, "Pièce jointe introuvable."));
        }
        const auto& a = email->draft.attachments[index];
        res.status = 200;
        res.set_header("Cache-Control", "no-store");
        res.set_header("Content-Disposition",
                       "attachment; filename=\"" + SafeFilename(a.filename) + "\"");
        res.set_content(a.content, a.content_type);
      });

  router.Add(
      "GET", "/api/v1/admin/jobs", Access::Need(Permission::kJobsManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto jobs = use_cases.operations.ListDeadJobs(*ctx.principal);
        if (!jobs) return WriteError(res, jobs.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *jobs, [](JsonWriter& w, const store::JobRow& j) {
            w.BeginObject();
            w.Field("id", j.id);
            w.Field("type", j.type);
            w.Field("status", store::JobStatusName(j.status));
            w.Field("attempts", j.attempts);
            w.Field("max_attempts", j.max_attempts);
            w.TextOrNull("last_error", j.last_error);
            w.Field("created_at", j.created_at);
            w.TextOrNull("finished_at", j.finished_at);
            w.EndObject();
          });
          out.EndObject();
        });
      });

  router.Add(
      "POST", "/api/v1/admin/jobs/:id/retry", Access::Need(Permission::kJobsManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto done = use_cases.operations.RetryJob(*ctx.principal, *id, ctx.meta);
        if (!done) return WriteError(res, done.error());
        WriteJsonText(res, 202, R"({"queued":true})");
      });

  router.Add("GET", "/api/v1/admin/email-templates", Access::Need(Permission::kEmailOutboxRead),
             [](const httplib::Request&, httplib::Response& res, const RequestContext&) {
               WriteJsonWith(res, 200, [](JsonWriter& out) {
                 out.BeginObject();
                 out.ArrayField("items", integrations::EmailTemplateNames(),
                                [](JsonWriter& w, const std::string& name) { w.String(name); });
                 out.EndObject();
               });
             });

  router.Add(
      "GET", "/api/v1/admin/email-templates/:name/preview",
      Access::Need(Permission::kEmailOutboxRead),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        std::string locale = req.has_param("locale") ? req.get_param_value("locale") : "fr";
        auto rendered =
            use_cases.operations.PreviewTemplate(*ctx.principal, ctx.params.at("name"), locale);
        if (!rendered) return WriteError(res, rendered.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("subject", rendered->subject);
          out.Field("html", rendered->html);
          out.Field("text", rendered->text);
          out.EndObject();
        });
      });

  AddBackupRoutes(router, use_cases);
}

}  // namespace planify::http
