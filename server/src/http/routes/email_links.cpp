#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

// An invitation's fields, inside an object the caller opens (a lookup adds "account_exists").
void WriteInvitationFields(JsonWriter& out, const app::InvitationView& i) {
  out.Field("id", i.id);
  out.Field("organization_name", i.organization_name);
  out.Field("email", i.email);
  out.Field("role", i.role);
  out.Field("invited_by", i.invited_by_name);
  out.Field("created_at", i.created_at);
  out.Field("expires_at", i.expires_at);
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
      WriteJsonText(res, 202, R"({"sent":true})");
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
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *list, [](JsonWriter& w, const app::InvitationView& i) {
            w.BeginObject();
            WriteInvitationFields(w, i);
            w.EndObject();
          });
          out.EndObject();
        });
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
        WriteJsonWith(res, 201, [&](JsonWriter& out) {
          out.BeginObject();
          WriteInvitationFields(out, *invitation);
          out.EndObject();
        });
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
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          WriteInvitationFields(out, *invitation);
          out.Field("account_exists", invitation->account_exists);
          out.EndObject();
        });
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
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          WriteSession(out, joined->principal, *memberships,
                       use_cases.files.ImagesOf(joined->principal));
        });
      });
}

}  // namespace planify::http
