#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"
#include "http/session_cookies.hpp"

namespace planify::http {

namespace {

// The sealed flow rides in a cookie only the callback receives.
constexpr std::string_view kFlowCookie = "planify_gcal";

std::string FlowCookie(const std::string& value, int max_age, bool secure) {
  std::string out = std::string(kFlowCookie) + "=" + value +
                    "; Path=" + app::CalendarConnectionsService::kCallbackPath +
                    "; Max-Age=" + std::to_string(max_age) + "; SameSite=Lax; HttpOnly";
  if (secure) out += "; Secure";
  return out;
}

void WriteConnection(JsonWriter& out, const app::CalendarConnectionView& c) {
  out.BeginObject();
  out.Field("id", c.row.id);
  out.Field("provider", "google");
  out.Field("scope", c.row.scope);
  out.Field("account_email", c.row.account_email);
  out.Field("calendar_id", c.row.calendar_id);
  out.Field("import_busy", c.row.import_busy);
  out.Field("status", c.row.status);
  out.TextOrNull("last_error", c.row.last_error);
  out.TextOrNull("last_synced_at", c.row.last_synced_at);
  out.TextOrNull("busy_synced_at", c.row.busy_synced_at);
  out.Field("events", c.events);
  out.Field("created_at", c.row.created_at);
  out.EndObject();
}

void Redirect(httplib::Response& res, const std::string& location) {
  res.status = 302;
  res.set_header("Location", location);
  res.set_header("Cache-Control", "no-store");
}

}  // namespace

void AddGoogleCalendarRoutes(Router& router, const Services& services, UseCases& use_cases) {
  using domain::Permission;
  const Access member = Access::NeedAny(Permission::kMissionsReadOwn, Permission::kMissionsReadAll);
  const bool secure = services.public_url.rfind("https://", 0) == 0;
  auto& connections = use_cases.calendar_connections;

  router.Add(
      "GET", "/api/v1/google-calendar", member,
      [&connections](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto list = connections.List(*ctx.principal);
        if (!list) return WriteError(res, list.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("available", connections.available());
          out.ArrayField("items", *list, WriteConnection);
          out.EndObject();
        });
      });

  // Starts the consent: answers the Google address to open, and sets the sealed flow cookie.
  router.Add("POST", "/api/v1/google-calendar/connect", member,
             [&connections, secure](const httplib::Request& req, httplib::Response& res,
                                    const RequestContext& ctx) {
               auto body = ParseJsonObject(req);
               if (!body) return WriteError(res, body.error());
               JsonFields fields(*body);
               app::CalendarConnectRequest request;
               request.scope = fields.OptionalString("scope").value_or("personal");
               request.calendar_id = fields.OptionalString("calendar_id").value_or("primary");
               request.import_busy = fields.OptionalBool("import_busy", false);
               if (!fields.ok()) return WriteError(res, fields.ToError());
               auto start = connections.Start(*ctx.principal, request);
               if (!start) return WriteError(res, start.error());
               res.set_header("Set-Cookie", FlowCookie(start->sealed_flow, 600, secure));
               res.set_header("Cache-Control", "no-store");
               WriteJsonWith(res, 200, [&](JsonWriter& out) {
                 out.BeginObject();
                 out.Field("url", start->url);
                 out.EndObject();
               });
             });

  // Google sends the browser back here (a top-level navigation: the Lax session cookie comes
  // along). The answer is always a redirect to the profile page, saying how it went.
  router.Add("GET", app::CalendarConnectionsService::kCallbackPath, member,
             [&connections, secure](const httplib::Request& req, httplib::Response& res,
                                    const RequestContext& ctx) {
               res.set_header("Set-Cookie", FlowCookie("", 0, secure));
               auto back = [&res](const std::string& outcome) {
                 Redirect(res, "/profil?google=" + outcome + "#calendriers");
               };
               if (req.has_param("error")) return back("annule");
               auto flow = CookieValue(req, kFlowCookie);
               if (!flow) return back("expire");
               auto done =
                   connections.Complete(*ctx.principal, ctx.meta, *flow,
                                        req.get_param_value("state"), req.get_param_value("code"));
               if (!done) {
                 switch (done.error().code) {
                   case ErrorCode::kUnauthenticated:
                     return back("expire");
                   case ErrorCode::kUnavailable:
                     return back("indisponible");
                   case ErrorCode::kConflict:
                     return back("en-cours");
                   case ErrorCode::kForbidden:
                     return back("interdit");
                   default:
                     return back("refuse");
                 }
               }
               back("connecte");
             });

  router.Add(
      "POST", "/api/v1/google-calendar/:id/sync", member,
      [&connections](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto queued = connections.SyncNow(*ctx.principal, *id);
        if (!queued) return WriteError(res, queued.error());
        WriteJsonWith(res, 202, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("queued", true);
          out.EndObject();
        });
      });

  router.Add(
      "DELETE", "/api/v1/google-calendar/:id", member,
      [&connections](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto done = connections.Disconnect(*ctx.principal, ctx.meta, *id);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });

  // Per person, whether the mission is in their Google calendar (the mission page).
  router.Add("GET", "/api/v1/missions/:id/calendar-sync", member,
             [&use_cases, &connections](const httplib::Request&, httplib::Response& res,
                                        const RequestContext& ctx) {
               auto id = PathId(ctx, "id");
               if (!id) return WriteError(res, id.error());
               auto mission = use_cases.missions.Get(*ctx.principal, *id);
               if (!mission) return WriteError(res, mission.error());
               auto rows = connections.ForMission(*ctx.principal, *id, mission->row.sequence);
               if (!rows) return WriteError(res, rows.error());
               WriteJsonWith(res, 200, [&](JsonWriter& out) {
                 out.BeginObject();
                 out.Key("items");
                 out.BeginArray();
                 for (const auto& r : *rows) {
                   out.BeginObject();
                   out.Key("user");
                   out.BeginObject();
                   out.Field("id", static_cast<long long>(r.user.value));
                   out.Field("name", r.user_name);
                   out.EndObject();
                   out.Field("scope", r.scope);
                   out.Field("status", r.status);
                   out.Field("pushed", r.pushed);
                   out.Field("up_to_date", r.up_to_date);
                   out.TextOrNull("synced_at", r.synced_at);
                   out.EndObject();
                 }
                 out.EndArray();
                 out.EndObject();
               });
             });
}

}  // namespace planify::http
