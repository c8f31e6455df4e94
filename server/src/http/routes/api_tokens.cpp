#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

// A token's fields, inside an object the caller opens (creation adds the secret).
void WriteTokenFields(JsonWriter& out, const store::ApiTokenRow& t) {
  out.Field("id", t.id);
  out.Field("name", t.name);
  out.Field("prefix", t.token_prefix);
  out.Key("scopes");
  out.BeginArray();
  std::string_view scopes = t.scopes;
  std::size_t start = 0;
  while (start < scopes.size()) {
    auto space = scopes.find(' ', start);
    if (space == std::string_view::npos) space = scopes.size();
    out.String(scopes.substr(start, space - start));
    start = space + 1;
  }
  out.EndArray();
  out.Field("created_by", t.user_name);
  out.Field("created_at", t.created_at);
  out.TextOrNull("last_used_at", t.last_used_at);
  out.TextOrNull("expires_at", t.expires_at);
}

}  // namespace

void AddApiTokenRoutes(Router& router, UseCases& use_cases) {
  using domain::Permission;

  router.Add(
      "GET", "/api/v1/api-tokens", Access::Need(Permission::kApiTokensManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto tokens = use_cases.api_tokens.List(*ctx.principal);
        if (!tokens) return WriteError(res, tokens.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *tokens, [](JsonWriter& w, const store::ApiTokenRow& t) {
            w.BeginObject();
            WriteTokenFields(w, t);
            w.EndObject();
          });
          out.EndObject();
        });
      });

  router.Add(
      "POST", "/api/v1/api-tokens", Access::Need(Permission::kApiTokensManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields fields(*body);
        std::string name = fields.RequiredString("name");
        std::vector<std::string> scopes = fields.RequiredStringArray("scopes");
        std::optional<int> days = fields.OptionalInt("expires_in_days");
        if (!fields.ok()) return WriteError(res, fields.ToError());
        auto created = use_cases.api_tokens.Create(*ctx.principal, name, scopes, days, ctx.meta);
        if (!created) return WriteError(res, created.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) {
          out.BeginObject();
          WriteTokenFields(out, created->row);
          out.Field("token", created->token);
          out.EndObject();
        });
      });

  router.Add(
      "DELETE", "/api/v1/api-tokens/:id", Access::Need(Permission::kApiTokensManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto done = use_cases.api_tokens.Revoke(*ctx.principal, *id, ctx.meta);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });
}

}  // namespace planify::http
