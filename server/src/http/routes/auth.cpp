#include <algorithm>

#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"
#include "http/session_cookies.hpp"

namespace planify::http {

namespace {}  // namespace

void WriteSession(JsonWriter& out, const app::Principal& principal,
                  const std::vector<store::MembershipView>& memberships,
                  const app::Images& images) {
  out.BeginObject();
  out.Key("user");
  out.BeginObject();
  out.Key("id");
  out.Int(principal.user.value);
  out.Field("email", principal.email);
  out.Field("display_name", principal.display_name);
  out.Field("locale", principal.locale);
  out.TextOrNull("avatar_url", images.avatar_url);
  out.EndObject();
  out.Key("organization");
  auto current = std::find_if(memberships.begin(), memberships.end(), [&](const auto& m) {
    return principal.organization && *principal.organization == m.organization;
  });
  if (current == memberships.end()) {
    out.Null();
  } else {
    out.BeginObject();
    out.Key("id");
    out.Int(current->organization.value);
    out.Field("name", current->organization_name);
    out.Field("slug", current->organization_slug);
    out.Field("terminology", current->terminology);
    out.Field("client_terminology", current->client_terminology);
    out.Field("crew_terminology", current->crew_terminology);
    out.TextOrNull("logo_url", images.logo_url);
    out.EndObject();
  }
  out.Key("role");
  if (principal.role) {
    out.String(domain::RoleName(*principal.role));
  } else {
    out.Null();
  }
  out.Key("permissions");
  out.BeginArray();
  for (const auto& info : domain::AllPermissions()) {
    if (principal.Can(info.permission)) out.String(info.name);
  }
  out.EndArray();
  out.ArrayField("memberships", memberships, [](JsonWriter& w, const store::MembershipView& m) {
    w.BeginObject();
    w.Key("organization_id");
    w.Int(m.organization.value);
    w.Field("name", m.organization_name);
    w.Field("slug", m.organization_slug);
    w.Field("role", m.role);
    w.EndObject();
  });
  out.Field("csrf_token", principal.csrf_token);
  out.EndObject();
}

void WriteNewSession(httplib::Response& res, int status, UseCases& use_cases,
                     const app::IssuedSession& session, bool secure) {
  auto memberships = use_cases.auth.Memberships(session.principal);
  if (!memberships) return WriteError(res, memberships.error());
  SetSessionCookies(res, session, secure);
  WriteJsonWith(res, status, [&](JsonWriter& out) {
    WriteSession(out, session.principal, *memberships, use_cases.files.ImagesOf(session.principal));
  });
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
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          WriteSession(out, *ctx.principal, *memberships, use_cases.files.ImagesOf(*ctx.principal));
        });
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
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          WriteSession(out, principal, *memberships, use_cases.files.ImagesOf(principal));
        });
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
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("display_name", domain::Trim(name));
          out.Field("locale", locale);
          out.EndObject();
        });
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
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *sessions, [](JsonWriter& w, const app::SessionInfo& s) {
            w.BeginObject();
            w.Field("id", s.id);
            w.Field("ip", s.ip);
            w.Field("user_agent", s.user_agent);
            w.Field("created_at", s.created_at);
            w.Field("last_seen_at", s.last_seen_at);
            w.Field("current", s.current);
            w.EndObject();
          });
          out.EndObject();
        });
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
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("revoked", *count);
          out.EndObject();
        });
      });
}

}  // namespace planify::http
