#include <memory>

#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

using domain::Permission;

std::string_view PeriodName(store::ExportPeriod period) {
  switch (period) {
    case store::ExportPeriod::kDay:
      return "day";
    case store::ExportPeriod::kInstant:
      return "instant";
    case store::ExportPeriod::kNone:
      break;
  }
  return "none";
}

void WriteExport(JsonWriter& out, const store::ExportRecord& e) {
  out.BeginObject();
  out.Field("id", e.id);
  out.Field("entity", e.entity);
  out.Field("format", e.format);
  out.Field("filters", nlohmann::json::parse(e.filters_json, nullptr, false));
  out.Field("status", e.status);
  out.Field("rows_total", e.rows_total);
  out.Field("rows_done", e.rows_done);
  out.Field("filename", e.filename);
  out.Field("size_bytes", e.size_bytes);
  out.TextOrNull("sha256", e.sha256);
  out.TextOrNull("error", e.error);
  out.Field("requested_by", e.requested_by_name);
  out.Field("created_at", e.created_at);
  out.TextOrNull("finished_at", e.finished_at);
  out.Field("expires_at", e.expires_at);
  if (e.status == "ready") {
    out.Field("download_url", "/api/v1/exports/" + std::to_string(e.id) + "/download");
  } else {
    out.NullField("download_url");
  }
  out.EndObject();
}

// Where a download is: the last piece read, kept between the provider's calls.
struct DownloadCursor {
  int seq = -1;
  std::string piece;
};

}  // namespace

void AddExportRoutes(Router& router, UseCases& use_cases) {
  const Access run = Access::Need(Permission::kExportsRun);

  // What may be exported and how each one filters: the Exports page builds its form from it.
  router.Add(
      "GET", "/api/v1/exports/entities", run,
      [](const httplib::Request&, httplib::Response& res, const RequestContext&) {
        WriteJsonWith(res, 200, [](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField(
              "items", store::ExportSheets(), [](JsonWriter& w, const store::ExportSheet& s) {
                w.BeginObject();
                w.Field("key", s.key);
                w.Field("title", s.title);
                w.Field("period", PeriodName(s.period_kind));
                w.ArrayField("statuses", s.statuses,
                             [](JsonWriter& v, const std::pair<std::string, std::string>& status) {
                               v.BeginObject();
                               v.Field("code", status.first);
                               v.Field("label", status.second);
                               v.EndObject();
                             });
                w.Field("client_filter", !s.client.empty());
                w.ArrayField("columns", s.fields, [](JsonWriter& v, const store::ExportField& f) {
                  v.String(f.header);
                });
                w.EndObject();
              });
          out.EndObject();
        });
      });

  router.Add(
      "GET", "/api/v1/exports", run,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto list = use_cases.exports.List(*ctx.principal);
        if (!list) return WriteError(res, list.error());
        res.set_header("Cache-Control", "no-store");
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *list, WriteExport);
          out.EndObject();
        });
      });

  router.Add(
      "POST", "/api/v1/exports", run,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields fields(*body);
        app::ExportRequest request;
        request.entity = fields.RequiredString("entity");
        request.format = fields.OptionalString("format").value_or("xlsx");
        request.from = fields.OptionalString("from").value_or("");
        request.to = fields.OptionalString("to").value_or("");
        request.client_id = fields.OptionalInt64("client_id");
        if (body->contains("status") && !(*body)["status"].is_null()) {
          request.statuses = fields.RequiredStringArray("status");
        }
        if (!fields.ok()) return WriteError(res, fields.ToError());
        auto made = use_cases.exports.Request(*ctx.principal, ctx.meta, request);
        if (!made) return WriteError(res, made.error());
        WriteJsonWith(res, made->status == "ready" ? 201 : 202,
                      [&](JsonWriter& out) { WriteExport(out, *made); });
      });

  router.Add(
      "GET", "/api/v1/exports/:id", run,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto record = use_cases.exports.Get(*ctx.principal, *id);
        if (!record) return WriteError(res, record.error());
        res.set_header("Cache-Control", "no-store");
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteExport(out, *record); });
      });

  // The file, streamed piece by piece from the database (never held whole in memory).
  router.Add(
      "GET", "/api/v1/exports/:id/download", run.Queued(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto record = use_cases.exports.Get(*ctx.principal, *id);
        if (!record) return WriteError(res, record.error());
        if (record->status != "ready") {
          return WriteError(
              res, MakeError(ErrorCode::kConflict,
                             "Le fichier n'est pas encore prêt (" + record->status + ")."));
        }
        res.status = 200;
        res.set_header("Cache-Control", "no-store");
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Content-Disposition", "attachment; filename=\"" + record->filename + "\"");
        const OrganizationId org = *ctx.principal->organization;
        const long long export_id = record->id;
        auto cursor = std::make_shared<DownloadCursor>();
        auto& exports = use_cases.exports;
        res.set_content_provider(
            static_cast<std::size_t>(record->size_bytes), record->content_type,
            [&exports, org, export_id, cursor](std::size_t offset, std::size_t length,
                                               httplib::DataSink& sink) {
              const auto chunk = app::ExportsService::kChunkBytes;
              const int seq = static_cast<int>(offset / chunk);
              if (seq != cursor->seq) {
                auto piece = exports.Chunk(org, export_id, seq);
                if (!piece || !*piece) return false;
                cursor->piece = std::move(**piece);
                cursor->seq = seq;
              }
              const std::size_t within = offset % chunk;
              if (within >= cursor->piece.size()) return false;
              const std::size_t n = std::min(length, cursor->piece.size() - within);
              return sink.write(cursor->piece.data() + within, n);
            });
      });
}

}  // namespace planify::http
