#include <nlohmann/json.hpp>

#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"
#include "http/session_cookies.hpp"

namespace planify::http {

namespace {

nlohmann::json PermissionsOf(const app::Principal& principal) {
  auto out = nlohmann::json::array();
  for (const auto& info : domain::AllPermissions()) {
    if (principal.Can(info.permission)) out.push_back(info.name);
  }
  return out;
}

}  // namespace

nlohmann::json SessionJson(const app::Principal& principal,
                           const std::vector<store::MembershipView>& memberships,
                           const app::Images& images) {
  nlohmann::json organization = nullptr;
  auto list = nlohmann::json::array();
  for (const auto& m : memberships) {
    nlohmann::json item = {{"organization_id", m.organization.value},
                           {"name", m.organization_name},
                           {"slug", m.organization_slug},
                           {"role", m.role}};
    if (principal.organization && *principal.organization == m.organization) {
      organization = {{"id", m.organization.value},
                      {"name", m.organization_name},
                      {"slug", m.organization_slug},
                      {"logo_url", images.logo_url.empty() ? nlohmann::json(nullptr)
                                                           : nlohmann::json(images.logo_url)}};
    }
    list.push_back(std::move(item));
  }
  return {{"user",
           {{"id", principal.user.value},
            {"email", principal.email},
            {"display_name", principal.display_name},
            {"locale", principal.locale},
            {"avatar_url", images.avatar_url.empty() ? nlohmann::json(nullptr)
                                                     : nlohmann::json(images.avatar_url)}}},
          {"organization", organization},
          {"role", principal.role ? nlohmann::json(std::string(domain::RoleName(*principal.role)))
                                  : nlohmann::json(nullptr)},
          {"permissions", PermissionsOf(principal)},
          {"memberships", std::move(list)},
          {"csrf_token", principal.csrf_token}};
}

void WriteNewSession(httplib::Response& res, int status, UseCases& use_cases,
                     const app::IssuedSession& session, bool secure) {
  auto memberships = use_cases.auth.Memberships(session.principal);
  if (!memberships) return WriteError(res, memberships.error());
  SetSessionCookies(res, session, secure);
  WriteJson(
      res, status,
      SessionJson(session.principal, *memberships, use_cases.files.ImagesOf(session.principal)));
}

void AddAuthRoutes(Router& router, const Services& services, UseCases& use_cases) {
  const bool secure = services.public_url.rfind("https://", 0) == 0;

  router.Add("POST", "/api/v1/auth/sign-in", Access::Public(),
             [&use_cases, secure](const httplib::Request& req, httplib::Response& res,
                                  const RequestContext& ctx) {
               auto body = ParseJsonObject(req);
               if (!body) return WriteError(res, body.error());
               JsonFields fields(*body);
               std::string email = fields.RequiredString("email");
               std::string password = fields.RequiredString("password");
               if (!fields.ok()) return WriteError(res, fields.ToError());
               auto session = use_cases.auth.SignInWithPassword(email, password, ctx.meta);
               if (!session) return WriteError(res, session.error());
               WriteNewSession(res, 200, use_cases, *session, secure);
             });

  router.Add(
      "GET", "/api/v1/auth/session", Access::SignedIn(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto memberships = use_cases.auth.Memberships(*ctx.principal);
        if (!memberships) return WriteError(res, memberships.error());
        WriteJson(
            res, 200,
            SessionJson(*ctx.principal, *memberships, use_cases.files.ImagesOf(*ctx.principal)));
      });

  router.Add("POST", "/api/v1/auth/sign-out", Access::SignedIn(),
             [&use_cases, secure](const httplib::Request&, httplib::Response& res,
                                  const RequestContext& ctx) {
               auto done = use_cases.auth.SignOut(*ctx.principal);
               if (!done) return WriteError(res, done.error());
               ClearSessionCookies(res, secure);
               res.status = 204;
             });

  router.Add(
      "POST", "/api/v1/auth/organization", Access::SignedIn(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields fields(*body);
        long long id = fields.RequiredId("organization_id");
        if (!fields.ok()) return WriteError(res, fields.ToError());
        auto done = use_cases.auth.SwitchOrganization(*ctx.principal, OrganizationId{id});
        if (!done) return WriteError(res, done.error());
        auto principal = *ctx.principal;
        principal.organization = OrganizationId{id};
        auto memberships = use_cases.auth.Memberships(principal);
        if (!memberships) return WriteError(res, memberships.error());
        for (const auto& m : *memberships) {
          if (m.organization.value == id) principal.role = domain::ParseRole(m.role);
        }
        WriteJson(res, 200,
                  SessionJson(principal, *memberships, use_cases.files.ImagesOf(principal)));
      });

  router.Add(
      "PATCH", "/api/v1/me", Access::SignedIn(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields fields(*body);
        std::string name =
            fields.OptionalString("display_name").value_or(ctx.principal->display_name);
        std::string locale = fields.OptionalString("locale").value_or(ctx.principal->locale);
        if (!fields.ok()) return WriteError(res, fields.ToError());
        auto done = use_cases.auth.UpdateProfile(*ctx.principal, name, locale);
        if (!done) return WriteError(res, done.error());
        WriteJson(res, 200, {{"display_name", domain::Trim(name)}, {"locale", locale}});
      });

  router.Add(
      "POST", "/api/v1/me/password", Access::SignedIn(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields fields(*body);
        std::string current = fields.OptionalString("current_password").value_or("");
        std::string next = fields.RequiredString("new_password");
        if (!fields.ok()) return WriteError(res, fields.ToError());
        auto done = use_cases.auth.ChangePassword(*ctx.principal, current, next, ctx.meta);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });

  router.Add(
      "GET", "/api/v1/me/sessions", Access::SignedIn(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto sessions = use_cases.auth.ListSessions(*ctx.principal);
        if (!sessions) return WriteError(res, sessions.error());
        auto items = nlohmann::json::array();
        for (const auto& s : *sessions) {
          items.push_back({{"id", s.id},
                           {"ip", s.ip},
                           {"user_agent", s.user_agent},
                           {"created_at", s.created_at},
                           {"last_seen_at", s.last_seen_at},
                           {"current", s.current}});
        }
        WriteJson(res, 200, {{"items", std::move(items)}});
      });

  router.Add(
      "DELETE", "/api/v1/me/sessions/:id", Access::SignedIn(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto done = use_cases.auth.RevokeSession(*ctx.principal, *id, ctx.meta);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });

  router.Add(
      "POST", "/api/v1/me/sessions/revoke-others", Access::SignedIn(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto count = use_cases.auth.SignOutOthers(*ctx.principal, ctx.meta);
        if (!count) return WriteError(res, count.error());
        WriteJson(res, 200, {{"revoked", *count}});
      });
}

}  // namespace planify::http
