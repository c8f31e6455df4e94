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

void WriteCrewProfile(JsonWriter& out, const store::CrewProfileRow& p) {
  out.BeginObject();
  out.Field("id", p.id);
  out.Field("display_name", p.profile.display_name);
  out.Field("email", p.profile.email);
  out.Field("phone", p.profile.phone);
  out.Field("position", p.profile.position);
  out.Field("notes", p.profile.notes);
  out.Key("linked_user");
  if (p.user != 0) {
    out.BeginObject();
    out.Field("id", p.user);
    out.Field("name", p.user_name);
    out.EndObject();
  } else {
    out.Null();
  }
  out.Field("linked_at", p.linked_at.empty() ? std::optional<std::string>() : p.linked_at);
  out.Field("archived", p.archived);
  out.Field("erased", p.erased);
  out.Field("upcoming_missions", p.upcoming_missions);
  out.Field("created_at", p.created_at);
  out.Field("updated_at", p.updated_at);
  out.EndObject();
}

domain::CrewProfileInput ReadCrewProfile(JsonFields& f) {
  domain::CrewProfileInput p;
  p.display_name = f.RequiredString("display_name");
  p.email = f.OptionalString("email").value_or("");
  p.phone = f.OptionalString("phone").value_or("");
  p.position = f.OptionalString("position").value_or("dj");
  p.notes = f.OptionalString("notes").value_or("");
  return p;
}

void WriteCrewProfileResponse(httplib::Response& res, int status,
                              const Result<store::CrewProfileRow>& row) {
  if (!row) return WriteError(res, row.error());
  WriteJsonWith(res, status, [&](JsonWriter& out) { WriteCrewProfile(out, *row); });
}

// Crew profiles: people planned without an account. Everyone who sees the team sees them;
// planners add and edit them; linking one to a member is the members managers' (it moves
// missions onto an account).
void AddCrewProfileRoutes(Router& router, UseCases& use_cases) {
  using domain::Permission;
  router.Add(
      // Not revalidated: each profile's count of upcoming missions moves with the clock.
      "GET", "/api/v1/crew-profiles", Access::Need(Permission::kMembersRead),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        auto rows = use_cases.crew_profiles.List(*ctx.principal, q.Flag("all"));
        if (!rows) return WriteError(res, rows.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *rows, WriteCrewProfile);
          out.EndObject();
        });
      });

  router.Add(
      "GET", "/api/v1/crew-profiles/:id", Access::Need(Permission::kMembersRead),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        WriteCrewProfileResponse(res, 200, use_cases.crew_profiles.Get(*ctx.principal, *id));
      });

  router.Add(
      "POST", "/api/v1/crew-profiles", Access::Need(Permission::kMissionsManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto input = ReadCrewProfile(f);
        if (!f.ok()) return WriteError(res, f.ToError());
        WriteCrewProfileResponse(
            res, 201, use_cases.crew_profiles.Create(*ctx.principal, ctx.meta, std::move(input)));
      });

  router.Add(
      "PUT", "/api/v1/crew-profiles/:id", Access::Need(Permission::kMissionsManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto input = ReadCrewProfile(f);
        if (!f.ok()) return WriteError(res, f.ToError());
        WriteCrewProfileResponse(
            res, 200,
            use_cases.crew_profiles.Update(*ctx.principal, ctx.meta, *id, std::move(input)));
      });

  for (bool archive : {true, false}) {
    router.Add("POST",
               archive ? "/api/v1/crew-profiles/:id/archive" : "/api/v1/crew-profiles/:id/restore",
               Access::Need(Permission::kMissionsManage),
               [&use_cases, archive](const httplib::Request&, httplib::Response& res,
                                     const RequestContext& ctx) {
                 auto id = PathId(ctx, "id");
                 if (!id) return WriteError(res, id.error());
                 WriteCrewProfileResponse(
                     res, 200,
                     use_cases.crew_profiles.SetArchived(*ctx.principal, ctx.meta, *id, archive));
               });
  }

  // RGPD erasure: {"confirm_name": "<the profile's exact name>"} (docs/personal-data.md).
  router.Add(
      "POST", "/api/v1/crew-profiles/:id/erase", Access::Need(Permission::kMembersManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        std::string confirm = f.RequiredString("confirm_name");
        if (!f.ok()) return WriteError(res, f.ToError());
        WriteCrewProfileResponse(
            res, 200, use_cases.crew_profiles.Erase(*ctx.principal, ctx.meta, *id, confirm));
      });

  router.Add(
      "POST", "/api/v1/crew-profiles/:id/link", Access::Need(Permission::kMembersManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        long long user = f.RequiredId("user_id");
        if (!f.ok()) return WriteError(res, f.ToError());
        WriteCrewProfileResponse(
            res, 200, use_cases.crew_profiles.Link(*ctx.principal, ctx.meta, *id, UserId{user}));
      });
}

}  // namespace

void AddMemberRoutes(Router& router, UseCases& use_cases) {
  using domain::Permission;
  AddCrewProfileRoutes(router, use_cases);

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
