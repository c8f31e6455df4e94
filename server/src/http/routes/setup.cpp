#include "app/setup/setup_instance.hpp"
#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"
#include "http/session_cookies.hpp"

namespace planify::http {

void AddSetupRoutes(Router& router, const Services& services, UseCases& use_cases) {
  const bool secure = services.public_url.rfind("https://", 0) == 0;
  router.Add("GET", "/api/v1/setup", Access::Public(),
             [&services](const httplib::Request&, httplib::Response& res, const RequestContext&) {
               auto needed = app::IsSetupNeeded(*services.db);
               if (!needed) return WriteError(res, needed.error());
               WriteJsonWith(res, 200, [&](JsonWriter& out) {
                 out.BeginObject();
                 out.Field("needed", *needed);
                 out.EndObject();
               });
             });

  // What the browser may load beside the app: the configured trackers (docs/analytics.md). The
  // web app reads it on every page, public ones included, and asks for consent before loading
  // any of them; with nothing configured every entry is null and no banner shows.
  router.Add("GET", "/api/v1/site-config", Access::Public(),
             [&services](const httplib::Request&, httplib::Response& res, const RequestContext&) {
               const auto& web = services.web_analytics;
               WriteJsonWith(res, 200, [&](JsonWriter& out) {
                 out.BeginObject();
                 out.Key("analytics");
                 out.BeginObject();
                 out.Key("posthog");
                 if (web.posthog) {
                   out.BeginObject();
                   out.Field("key", web.posthog->key);
                   out.Field("api_host", web.posthog->api_host);
                   out.Field("script_url", web.posthog->script_url);
                   out.EndObject();
                 } else {
                   out.Null();
                 }
                 out.Key("plausible");
                 if (web.plausible) {
                   out.BeginObject();
                   out.Field("domain", web.plausible->domain);
                   out.Field("api_host", web.plausible->host);
                   out.Field("script_url", domain::PlausibleScriptUrl(*web.plausible));
                   out.Field("exempt", web.plausible->exempt);
                   out.EndObject();
                 } else {
                   out.Null();
                 }
                 out.Key("datafast");
                 if (web.datafast) {
                   out.BeginObject();
                   out.Field("website_id", web.datafast->website_id);
                   out.Field("domain", web.datafast->domain);
                   out.Field("script_url", domain::DatafastScriptUrl(*web.datafast));
                   out.EndObject();
                 } else {
                   out.Null();
                 }
                 out.Key("meta_pixel");
                 if (web.meta_pixel) {
                   out.BeginObject();
                   out.Field("pixel_id", web.meta_pixel->pixel_id);
                   out.Field("script_url", domain::kMetaPixelScript);
                   out.EndObject();
                 } else {
                   out.Null();
                 }
                 out.EndObject();
                 out.EndObject();
               });
             });

  router.Add("POST", "/api/v1/setup", Access::Public(),
             [&services, &use_cases, secure](const httplib::Request& req, httplib::Response& res,
                                             const RequestContext& ctx) {
               auto body = ParseJsonObject(req);
               if (!body) return WriteError(res, body.error());
               JsonFields fields(*body);
               domain::SetupRequest request;
               request.organization_name = fields.RequiredString("organization_name");
               request.owner_email = fields.RequiredString("owner_email");
               request.owner_display_name = fields.RequiredString("owner_display_name");
               request.owner_password = fields.RequiredString("owner_password");
               if (!fields.ok()) return WriteError(res, fields.ToError());

               auto outcome =
                   app::SetupInstance(*services.db, *services.clock, *services.hasher, request);
               if (!outcome) return WriteError(res, outcome.error());
               // The owner is signed in straight away: no e-mail set-up needed to start.
               auto session = use_cases.auth.OpenSession(outcome->owner.id,
                                                         outcome->organization.id, ctx.meta);
               if (!session) return WriteError(res, session.error());
               auto memberships = use_cases.auth.Memberships(session->principal);
               if (!memberships) return WriteError(res, memberships.error());
               SetSessionCookies(res, *session, secure);
               const auto& organization = outcome->organization;
               const auto& owner = outcome->owner;
               WriteJsonWith(res, 201, [&](JsonWriter& out) {
                 out.BeginObject();
                 out.Key("organization");
                 out.BeginObject();
                 out.Key("id");
                 out.Int(organization.id.value);
                 out.Field("name", organization.name);
                 out.Field("slug", organization.slug);
                 out.Field("created_at", organization.created_at);
                 out.EndObject();
                 out.Key("owner");
                 out.BeginObject();
                 out.Key("id");
                 out.Int(owner.id.value);
                 out.Field("email", owner.email);
                 out.Field("display_name", owner.display_name);
                 out.Field("role", "owner");
                 out.Field("created_at", owner.created_at);
                 out.EndObject();
                 out.Key("session");
                 WriteSession(out, session->principal, *memberships, {});
                 out.EndObject();
               });
             });
}

}  // namespace planify::http
