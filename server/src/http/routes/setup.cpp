#include <nlohmann/json.hpp>

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
               WriteJson(res, 200, {{"needed", *needed}});
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
               WriteJson(res, 201,
                         {{"organization",
                           {{"id", outcome->organization.id.value},
                            {"name", outcome->organization.name},
                            {"slug", outcome->organization.slug},
                            {"created_at", outcome->organization.created_at}}},
                          {"owner",
                           {{"id", outcome->owner.id.value},
                            {"email", outcome->owner.email},
                            {"display_name", outcome->owner.display_name},
                            {"role", "owner"},
                            {"created_at", outcome->owner.created_at}}},
                          {"session", SessionJson(session->principal, *memberships, {})}});
             });
}

}  // namespace planify::http
