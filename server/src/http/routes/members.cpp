#include <charconv>
#include <nlohmann/json.hpp>

#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

void WriteMember(JsonWriter& out, const store::MemberRow& m) {
  out.BeginObject();
  out.Field("user_id", static_cast<long long>(m.user.value));
  out.Field("email", m.email);
  out.Field("display_name", m.display_name);
  out.Field("role", m.role);
  out.Field("disabled", m.disabled);
  out.Key("last_sign_in_at");
  if (m.last_sign_in_at.empty()) {
    out.Null();
  } else {
    out.String(m.last_sign_in_at);
  }
  out.Field("joined_at", m.joined_at);
  out.EndObject();
}

void WriteAuditRow(JsonWriter& out, const store::AuditRow& a) {
  out.BeginObject();
  out.Field("id", a.id);
  out.Key("actor");
  if (a.actor) {
    out.BeginObject();
    out.Field("id", static_cast<long long>(a.actor->value));
    out.Field("name", a.actor_name);
    out.EndObject();
  } else {
    out.Null();
  }
  out.Field("action", a.action);
  out.Field("entity_type", a.entity_type);
  out.Field("entity_id", a.entity_id);
  out.Field("details", nlohmann::json::parse(a.details_json, nullptr, false));
  out.Field("ip", a.ip);
  out.Field("user_agent", a.user_agent);
  out.Field("created_at", a.created_at);
  out.EndObject();
}

}  // namespace

void AddMemberRoutes(Router& router, UseCases& use_cases) {
  using domain::Permission;

  router.Add(
      "GET", "/api/v1/members", Access::Need(Permission::kMembersRead),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto members = use_cases.members.List(*ctx.principal);
        if (!members) return WriteError(res, members.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *members, WriteMember);
          out.EndObject();
        });
      });

  router.Add(
      "PATCH", "/api/v1/members/:user_id", Access::Need(Permission::kMembersManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "user_id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields fields(*body);
        std::string role = fields.RequiredString("role");
        if (!fields.ok()) return WriteError(res, fields.ToError());
        auto member = use_cases.members.ChangeRole(*ctx.principal, UserId{*id}, role, ctx.meta);
        if (!member) return WriteError(res, member.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteMember(out, *member); });
      });

  router.Add(
      "DELETE", "/api/v1/members/:user_id", Access::Need(Permission::kMembersManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "user_id");
        if (!id) return WriteError(res, id.error());
        auto done = use_cases.members.Remove(*ctx.principal, UserId{*id}, ctx.meta);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });

  router.Add(
      "GET", "/api/v1/audit", Access::Need(Permission::kAuditRead),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        store::AuditFilter filter;
        filter.action_prefix = req.get_param_value("action");
        domain::FieldErrors errors;
        auto number = [&](const char* name, long long max) -> long long {
          if (!req.has_param(name)) return 0;
          std::string text = req.get_param_value(name);
          long long v = 0;
          auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
          if (ec != std::errc() || ptr != text.data() + text.size() || v < 1 || v > max) {
            errors.Add(name, "Nombre entier attendu (1 à " + std::to_string(max) + ").");
            return 0;
          }
          return v;
        };
        auto timestamp = [&](const char* name) -> std::string {
          if (!req.has_param(name)) return "";
          auto t = domain::ParseIsoUtc(req.get_param_value(name));
          if (!t) {
            errors.Add(name, "Date ISO 8601 UTC attendue (2026-11-25T00:00:00Z).");
            return "";
          }
          return domain::FormatIsoUtc(*t);
        };
        if (long long actor = number("actor_id", 1LL << 62)) filter.actor = UserId{actor};
        filter.before_id = number("before", 1LL << 62);
        if (long long limit = number("limit", 200)) filter.limit = limit;
        filter.from = timestamp("from");
        filter.to = timestamp("to");
        if (!errors.empty()) return WriteError(res, errors.ToError());

        auto rows = use_cases.members.ListAudit(*ctx.principal, filter);
        if (!rows) return WriteError(res, rows.error());
        std::optional<long long> next;
        if (static_cast<long long>(rows->size()) == filter.limit && !rows->empty()) {
          next = rows->back().id;
        }
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *rows, WriteAuditRow);
          out.Field("next_before", next);
          out.EndObject();
        });
      });
}

}  // namespace planify::http
