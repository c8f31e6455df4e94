#include <nlohmann/json.hpp>

#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

nlohmann::json InvitationJson(const app::InvitationView& i) {
  return {{"id", i.id},
          {"organization_name", i.organization_name},
          {"email", i.email},
          {"role", i.role},
          {"invited_by", i.invited_by_name},
          {"created_at", i.created_at},
          {"expires_at", i.expires_at}};
}

// Reads {"token": "…"} (plus whatever `more` wants); writes the error and returns false on bad
// input.
bool ReadToken(const httplib::Request& req, httplib::Response& res, std::string& token,
               const std::function<void(JsonFields&)>& more = {}) {
  auto body = ParseJsonObject(req);
  if (!body) {
    WriteError(res, body.error());
    return false;
  }
  JsonFields fields(*body);
  token = fields.RequiredString("token");
  if (more) more(fields);
  if (!fields.ok()) {
    WriteError(res, fields.ToError());
    return false;
  }
  return true;
}

}  // namespace

void AddEmailLinkRoutes(Router& router, const Services& services, UseCases& use_cases) {
  const bool secure = services.public_url.rfind("https://", 0) == 0;
  using domain::Permission;

  auto request_link = [&use_cases](bool reset) {
    return [&use_cases, reset](const httplib::Request& req, httplib::Response& res,
                               const RequestContext& ctx) {
      auto body = ParseJsonObject(req);
      if (!body) return WriteError(res, body.error());
      JsonFields fields(*body);
      std::string email = fields.RequiredString("email");
      if (!fields.ok()) return WriteError(res, fields.ToError());
      auto done = reset ? use_cases.links.RequestPasswordReset(email, ctx.meta)
                        : use_cases.links.RequestMagicLink(email, ctx.meta);
      if (!done) return WriteError(res, done.error());
      // The same answer whether or not the address has an account.
      WriteJson(res, 202, {{"sent", true}});
    };
  };
  router.Add("POST", "/api/v1/auth/magic-link", Access::Public(), request_link(false));
  router.Add("POST", "/api/v1/auth/password-reset", Access::Public(), request_link(true));

  router.Add("POST", "/api/v1/auth/magic-link/consume", Access::Public(),
             [&use_cases, secure](const httplib::Request& req, httplib::Response& res,
                                  const RequestContext& ctx) {
               std::string token;
               if (!ReadToken(req, res, token)) return;
               auto session = use_cases.links.ConsumeMagicLink(token, ctx.meta);
               if (!session) return WriteError(res, session.error());
               WriteNewSession(res, 200, use_cases, *session, secure);
             });

  router.Add("POST", "/api/v1/auth/password-reset/complete", Access::Public(),
             [&use_cases, secure](const httplib::Request& req, httplib::Response& res,
                                  const RequestContext& ctx) {
               std::string token;
               std::string password;
               if (!ReadToken(req, res, token, [&](JsonFields& f) {
                     password = f.RequiredString("new_password");
                   })) {
                 return;
               }
               auto session = use_cases.links.CompletePasswordReset(token, password, ctx.meta);
               if (!session) return WriteError(res, session.error());
               WriteNewSession(res, 200, use_cases, *session, secure);
             });

  router.Add(
      "GET", "/api/v1/invitations", Access::Need(Permission::kMembersManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto list = use_cases.links.OpenInvitations(*ctx.principal);
        if (!list) return WriteError(res, list.error());
        auto items = nlohmann::json::array();
        for (const auto& i : *list) items.push_back(InvitationJson(i));
        WriteJson(res, 200, {{"items", std::move(items)}});
      });

  router.Add(
      "POST", "/api/v1/invitations", Access::Need(Permission::kMembersManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields fields(*body);
        std::string email = fields.RequiredString("email");
        std::string role = fields.RequiredString("role");
        if (!fields.ok()) return WriteError(res, fields.ToError());
        auto invitation = use_cases.links.Invite(*ctx.principal, email, role, ctx.meta);
        if (!invitation) return WriteError(res, invitation.error());
        WriteJson(res, 201, InvitationJson(*invitation));
      });

  router.Add(
      "DELETE", "/api/v1/invitations/:id", Access::Need(Permission::kMembersManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto done = use_cases.links.RevokeInvitation(*ctx.principal, *id, ctx.meta);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });

  // Public: the invitation page shows who invites whom before the person decides.
  router.Add(
      "POST", "/api/v1/invitations/lookup", Access::Public(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext&) {
        std::string token;
        if (!ReadToken(req, res, token)) return;
        auto invitation = use_cases.links.LookupInvitation(token);
        if (!invitation) return WriteError(res, invitation.error());
        auto json = InvitationJson(*invitation);
        json["account_exists"] = invitation->account_exists;
        WriteJson(res, 200, json);
      });

  router.Add("POST", "/api/v1/invitations/accept", Access::Public(),
             [&use_cases, secure](const httplib::Request& req, httplib::Response& res,
                                  const RequestContext& ctx) {
               std::string token;
               app::NewAccount account;
               if (!ReadToken(req, res, token, [&](JsonFields& f) {
                     account.display_name = f.RequiredString("display_name");
                     account.password = f.RequiredString("password");
                   })) {
                 return;
               }
               auto session = use_cases.links.AcceptInvitationNewAccount(token, account, ctx.meta);
               if (!session) return WriteError(res, session.error());
               WriteNewSession(res, 201, use_cases, *session, secure);
             });

  router.Add(
      "POST", "/api/v1/invitations/accept-signed-in", Access::SignedIn(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        std::string token;
        if (!ReadToken(req, res, token)) return;
        auto joined = use_cases.links.AcceptInvitationSignedIn(token, *ctx.principal, ctx.meta);
        if (!joined) return WriteError(res, joined.error());
        auto memberships = use_cases.auth.Memberships(joined->principal);
        if (!memberships) return WriteError(res, memberships.error());
        WriteJson(res, 200,
                  SessionJson(joined->principal, *memberships,
                              use_cases.files.ImagesOf(joined->principal)));
      });
}

}  // namespace planify::http
