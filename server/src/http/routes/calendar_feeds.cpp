#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/revalidation.hpp"
#include "http/routes/routes.hpp"
#include "integrations/qr/qr_svg.hpp"

namespace planify::http {

namespace {

void WriteFeed(JsonWriter& out, const app::CalendarFeedView& f) {
  out.BeginObject();
  out.Field("id", f.row.id);
  out.Field("scope", f.row.scope);
  out.Key("statuses");
  out.BeginArray();
  std::string_view statuses = f.row.statuses;
  std::size_t start = 0;
  while (start < statuses.size()) {
    auto space = statuses.find(' ', start);
    if (space == std::string_view::npos) space = statuses.size();
    out.String(statuses.substr(start, space - start));
    start = space + 1;
  }
  out.EndArray();
  if (f.row.crew_user != 0) {
    out.Field("crew_user_id", f.row.crew_user);
  } else {
    out.Key("crew_user_id");
    out.Null();
  }
  out.Field("crew_user_name", f.row.crew_user_name);
  out.TextOrNull("url", f.url);
  // The same address for Apple Calendar and phones, which open webcal:// links themselves.
  std::string webcal;
  if (auto scheme = f.url.find("://"); scheme != std::string::npos) {
    webcal = "webcal" + f.url.substr(scheme);
  }
  out.TextOrNull("webcal_url", webcal);
  out.Field("created_at", f.row.created_at);
  out.TextOrNull("last_fetched_at", f.row.last_fetched_at);
  out.EndObject();
}

}  // namespace

void AddCalendarFeedRoutes(Router& router, UseCases& use_cases) {
  using domain::Permission;
  const Access member = Access::NeedAny(Permission::kMissionsReadOwn, Permission::kMissionsReadAll);

  router.Add(
      "GET", "/api/v1/calendar-feeds", member,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto feeds = use_cases.calendar_feeds.List(*ctx.principal);
        if (!feeds) return WriteError(res, feeds.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *feeds, WriteFeed);
          out.EndObject();
        });
      });

  router.Add(
      "POST", "/api/v1/calendar-feeds", member,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields fields(*body);
        app::CalendarFeedRequest request;
        request.scope = fields.OptionalString("scope").value_or("personal");
        if (body->contains("statuses")) request.statuses = fields.RequiredStringArray("statuses");
        request.crew_user = fields.OptionalInt64("crew_user_id").value_or(0);
        if (request.crew_user < 0) fields.AddError("crew_user_id", "Identifiant invalide.");
        if (!fields.ok()) return WriteError(res, fields.ToError());
        auto created = use_cases.calendar_feeds.Create(*ctx.principal, request, ctx.meta);
        if (!created) return WriteError(res, created.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteFeed(out, *created); });
      });

  router.Add(
      "POST", "/api/v1/calendar-feeds/:id/rotate", member,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto rotated = use_cases.calendar_feeds.Rotate(*ctx.principal, *id, ctx.meta);
        if (!rotated) return WriteError(res, rotated.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteFeed(out, *rotated); });
      });

  // The webcal:// address as a QR code, for a phone to subscribe by pointing its camera.
  router.Add(
      "GET", "/api/v1/calendar-feeds/:id/qr", member,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto feed = use_cases.calendar_feeds.Get(*ctx.principal, *id);
        if (!feed) return WriteError(res, feed.error());
        const auto scheme = feed->url.find("://");
        if (scheme == std::string::npos) {
          return WriteError(res,
                            MakeError(ErrorCode::kConflict,
                                      "Adresse indisponible : changez le lien du calendrier."));
        }
        auto svg = integrations::QrSvg("webcal" + feed->url.substr(scheme));
        if (!svg) return WriteError(res, MakeError(ErrorCode::kInternal, "QR code impossible."));
        // The image carries the secret address: never kept by a shared cache.
        res.set_header("Cache-Control", "private, no-store");
        res.set_header("Content-Type", "image/svg+xml");
        res.body = std::move(*svg);
      });

  router.Add(
      "DELETE", "/api/v1/calendar-feeds/:id", member,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto done = use_cases.calendar_feeds.Revoke(*ctx.principal, *id, ctx.meta);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });

  // ---- The feed itself: no session, the URL's token is the credential.
  router.Add(
      "GET", "/api/v1/public/calendar/:token", Access::Public(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        std::string token = ctx.params.at("token");
        if (token.size() > 4 && token.compare(token.size() - 4, 4, ".ics") == 0) {
          token.resize(token.size() - 4);
        }
        const std::string if_none_match = req.get_header_value("If-None-Match");
        auto feed = use_cases.calendar_feeds.Render(
            token, [&](const std::string& etag) { return NoneMatchHits(if_none_match, etag); });
        if (!feed) return WriteError(res, feed.error());
        res.set_header("ETag", feed->etag);
        res.set_header("Cache-Control", "private, no-cache");
        if (feed->not_modified) {
          res.status = 304;
          return;
        }
        res.set_header("Last-Modified", feed->last_modified);
        res.set_header("Content-Disposition", "inline; filename=\"planify.ics\"");
        res.status = 200;
        res.set_header("Content-Type", "text/calendar; charset=utf-8");
        res.body = std::move(feed->body);
      });
}

}  // namespace planify::http
