#include <nlohmann/json.hpp>

#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

nlohmann::json TokenJson(const store::ApiTokenRow& t) {
  auto scopes = nlohmann::json::array();
  std::size_t start = 0;
  while (start < t.scopes.size()) {
    auto space = t.scopes.find(' ', start);
    if (space == std::string::npos) space = t.scopes.size();
    scopes.push_back(t.scopes.substr(start, space - start));
    start = space + 1;
  }
  auto ts = [](const std::string& v) {
    return v.empty() ? nlohmann::json(nullptr) : nlohmann::json(v);
  };
  return {{"id", t.id},
          {"name", t.name},
          {"prefix", t.token_prefix},
          {"scopes", std::move(scopes)},
          {"created_by", t.user_name},
          {"created_at", t.created_at},
          {"last_used_at", ts(t.last_used_at)},
          {"expires_at", ts(t.expires_at)}};
}

}  // namespace

void AddApiTokenRoutes(Router& router, UseCases& use_cases) {
  using domain::Permission;

  router.Add(
      "GET", "/api/v1/api-tokens", Access::Need(Permission::kApiTokensManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto tokens = use_cases.api_tokens.List(*ctx.principal);
        if (!tokens) return WriteError(res, tokens.error());
        auto items = nlohmann::json::array();
        for (const auto& t : *tokens) items.push_back(TokenJson(t));
        WriteJson(res, 200, {{"items", std::move(items)}});
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
        auto json = TokenJson(created->row);
        json["token"] = created->token;
        WriteJson(res, 201, json);
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
