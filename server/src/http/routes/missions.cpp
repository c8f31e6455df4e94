#include <nlohmann/json.hpp>

#include <sstream>

#include "domain/crew_profiles.hpp"
#include "domain/local_time.hpp"
#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/planning_json.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

using domain::Permission;

// The longest range the calendar serves at once (a six-week month view fits easily).
constexpr auto kMaxCalendarRange = std::chrono::days(100);
constexpr long long kMaxCalendarMissions = 3000;

std::optional<long long> OptionalRef(JsonFields& f, const nlohmann::json& body, const char* name) {
  if (!body.contains(name) || body[name].is_null()) return std::nullopt;
  long long id = f.RequiredId(name);
  return id > 0 ? std::optional<long long>(id) : std::nullopt;
}

domain::MissionInput ReadMission(const nlohmann::json& body, JsonFields& f) {
  domain::MissionInput m;
  m.title = f.RequiredString("title");
  if (auto status = f.OptionalString("status")) {
    if (auto parsed = domain::ParseMissionStatus(*status)) {
      m.status = *parsed;
    } else {
      f.AddError("status", "draft, planned ou confirmed.");
    }
  }
  m.client = OptionalRef(f, body, "client_id");
  m.venue = OptionalRef(f, body, "venue_id");
  m.address = f.OptionalString("address").value_or("");
  m.event_type = f.OptionalString("event_type").value_or("");
  m.guest_count = f.OptionalInt("guest_count");
  m.starts_at = f.RequiredInstant("starts_at");
  m.ends_at = f.RequiredInstant("ends_at");
  m.description = f.OptionalString("description").value_or("");
  m.notes = f.OptionalString("notes").value_or("");
  if (body.contains("crew") && !body["crew"].is_null()) {
    if (!body["crew"].is_array()) {
      f.AddError("crew", "Liste attendue.");
    } else {
      for (std::size_t i = 0; i < body["crew"].size(); ++i) {
        const auto& item = body["crew"][i];
        std::string at = "crew[" + std::to_string(i) + "]";
        if (!item.is_object()) {
          f.AddError(at, "Objet attendu.");
          continue;
        }
        JsonFields cf(item);
        domain::CrewAssignment c;
        // A member (user_id) or a crew profile without an account (profile_id).
        const bool profile = item.contains("profile_id") && !item["profile_id"].is_null();
        c.user =
            profile ? domain::ProfileCrewId(cf.RequiredId("profile_id")) : cf.RequiredId("user_id");
        c.position = cf.OptionalString("position").value_or("dj");
        c.label = cf.OptionalString("label").value_or("");
        c.lead = cf.OptionalBool("lead", false);
        if (!cf.ok()) {
          f.AddError(at, "user_id ou profile_id (entier), position et label (textes) attendus.");
        }
        m.crew.push_back(std::move(c));
      }
    }
  }
  if (body.contains("equipment") && !body["equipment"].is_null()) {
    if (!body["equipment"].is_array()) {
      f.AddError("equipment", "Liste attendue.");
    } else {
      for (std::size_t i = 0; i < body["equipment"].size(); ++i) {
        const auto& item = body["equipment"][i];
        std::string at = "equipment[" + std::to_string(i) + "]";
        if (!item.is_object()) {
          f.AddError(at, "Objet attendu.");
          continue;
        }
        JsonFields ef(item);
        domain::EquipmentLine line;
        line.item = ef.RequiredId("item_id");
        line.quantity = ef.OptionalInt("quantity").value_or(1);
        if (!ef.ok()) f.AddError(at, "item_id et quantity entiers attendus.");
        m.equipment.push_back(line);
      }
    }
  }
  if (body.contains("custom_fields") && !body["custom_fields"].is_null()) {
    if (!body["custom_fields"].is_object()) {
      f.AddError("custom_fields", "Objet attendu.");
    } else {
      for (const auto& [key, value] : body["custom_fields"].items()) {
        if (value.is_string()) {
          m.custom_fields[key] = value.get<std::string>();
        } else if (value.is_number()) {
          m.custom_fields[key] = value.dump();
        } else if (!value.is_null()) {
          f.AddError("custom_fields." + key, "Texte ou nombre attendu.");
        }
      }
    }
  }
  return m;
}

std::vector<domain::MissionStatus> ReadStatuses(QueryParams& q) {
  std::vector<domain::MissionStatus> out;
  std::stringstream list(q.Text("status"));
  std::string name;
  while (std::getline(list, name, ',')) {
    if (name.empty()) continue;
    if (auto s = domain::ParseMissionStatus(name)) {
      out.push_back(*s);
    } else {
      q.AddError("status", "Statut inconnu : " + name + ".");
    }
  }
  return out;
}

void WriteDetails(httplib::Response& res, int status, const app::MissionDetails& details,
                  bool internal) {
  WriteJsonWith(res, status, [&](JsonWriter& out) {
    WriteMission(out, details.row, internal, &details.conflicts);
  });
}

// GET and PUT /mission-fields answer the same list.
void WriteFieldDefinitions(httplib::Response& res,
                           const std::vector<domain::CustomFieldDefinition>& defs) {
  WriteJsonWith(res, 200, [&](JsonWriter& out) {
    out.BeginObject();
    out.ArrayField("items", defs, [](JsonWriter& w, const domain::CustomFieldDefinition& d) {
      w.BeginObject();
      w.Field("key", d.key);
      w.Field("label", d.label);
      w.Field("type", d.type);
      w.ArrayField("options", d.options,
                   [](JsonWriter& o, const std::string& option) { o.String(option); });
      w.Field("required", d.required);
      w.EndObject();
    });
    out.EndObject();
  });
}

bool Internal(const RequestContext& ctx) {
  return ctx.principal->Can(Permission::kMissionsReadAll);
}

}  // namespace

void AddMissionRoutes(Router& router, UseCases& use_cases) {
  const auto readers = Access::NeedAny(Permission::kMissionsReadAll, Permission::kMissionsReadOwn);

  router.Add(
      "GET", "/api/v1/missions", readers.Revalidated(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        store::MissionFilter filter;
        filter.query = q.Text("q");
        filter.statuses = ReadStatuses(q);
        filter.client = q.Id("client_id");
        filter.crew_member = q.Id("crew_id");
        filter.from = q.Instant("from");
        filter.to = q.Instant("to");
        filter.newest_first = q.Text("order") == "desc";
        filter.limit = q.Int("limit", 50, 1, 200);
        filter.offset = q.Int("offset", 0, 0, 1'000'000'000);
        if (!q.ok()) return WriteError(res, q.ToError());
        auto page = use_cases.missions.List(*ctx.principal, filter);
        if (!page) return WriteError(res, page.error());
        const bool internal = Internal(ctx);
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", page->items, [&](JsonWriter& w, const store::MissionRow& row) {
            WriteMission(w, row, internal);
          });
          out.Field("total", page->total);
          out.EndObject();
        });
      });

  // Everything a calendar range shows: missions (with crew) and crew unavailability.
  router.Add(
      "GET", "/api/v1/calendar", readers.Revalidated(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        store::MissionFilter filter;
        filter.from = q.Instant("from");
        filter.to = q.Instant("to");
        filter.statuses = ReadStatuses(q);
        filter.client = q.Id("client_id");
        filter.crew_member = q.Id("crew_id");
        filter.limit = kMaxCalendarMissions;
        if (filter.from.empty()) q.AddError("from", "Ce paramètre est obligatoire.");
        if (filter.to.empty()) q.AddError("to", "Ce paramètre est obligatoire.");
        if (q.ok()) {
          auto from = *domain::ParseIsoUtc(filter.from);
          auto to = *domain::ParseIsoUtc(filter.to);
          if (to <= from || to - from > kMaxCalendarRange) {
            q.AddError("to", "Une période de 100 jours au plus, après « from ».");
          }
        }
        if (!q.ok()) return WriteError(res, q.ToError());
        // Each mission is written as its rows are read: the response is the only copy.
        std::string body;
        JsonWriter out(body);
        out.BeginObject();
        out.Key("missions");
        out.BeginArray();
        auto rest = use_cases.missions.Calendar(
            *ctx.principal, filter,
            [&out](const store::CalendarMission& mission) { WriteCalendarMission(out, mission); });
        if (!rest) return WriteError(res, rest.error());
        out.EndArray();
        out.ArrayField("unavailability", rest->unavailability, WriteUnavailability);
        out.Field("truncated", rest->truncated);
        out.EndObject();
        WriteJsonText(res, 200, std::move(body));
      });

  router.Add(
      "POST", "/api/v1/missions", Access::Need(Permission::kMissionsManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto input = ReadMission(*body, f);
        std::string override_reason = f.OptionalString("override_reason").value_or("");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto details =
            use_cases.missions.Create(*ctx.principal, ctx.meta, std::move(input), override_reason);
        if (!details) return WriteError(res, details.error());
        WriteDetails(res, 201, *details, true);
      });

  // The live check: conflicts of a plan, nothing saved.
  router.Add(
      "POST", "/api/v1/missions/check", Access::Need(Permission::kMissionsManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        app::PlanCheck plan;
        plan.mission = f.OptionalInt64("mission_id").value_or(0);
        plan.starts_at = f.RequiredInstant("starts_at");
        plan.ends_at = f.RequiredInstant("ends_at");
        plan.venue = OptionalRef(f, *body, "venue_id");
        // Crew and equipment as the mission form holds them.
        auto input = nlohmann::json::object();
        for (const char* key : {"crew", "equipment"}) {
          if (body->contains(key)) input[key] = (*body)[key];
        }
        input["title"] = "check";
        input["starts_at"] = "2000-01-01T00:00:00Z";
        input["ends_at"] = "2000-01-01T01:00:00Z";
        JsonFields lf(input);
        auto lines = ReadMission(input, lf);
        if (!lf.ok()) {
          for (const auto& e : lf.ToError().fields) f.AddError(e.field, e.message);
        }
        if (!f.ok()) return WriteError(res, f.ToError());
        for (const auto& c : lines.crew) plan.crew.push_back(c.user);
        plan.equipment = lines.equipment;
        // A stored mission being moved keeps its crew and gear unless the body names them.
        if (plan.mission != 0 && !body->contains("crew") && !body->contains("equipment")) {
          auto stored = use_cases.missions.Get(*ctx.principal, plan.mission);
          if (!stored) return WriteError(res, stored.error());
          for (const auto& c : stored->row.mission.crew) plan.crew.push_back(c.user);
          plan.equipment = stored->row.mission.equipment;
          if (!body->contains("venue_id")) plan.venue = stored->row.mission.venue;
        }
        auto conflicts = use_cases.missions.Check(*ctx.principal, plan);
        if (!conflicts) return WriteError(res, conflicts.error());
        bool blocking = false;
        for (const auto& c : *conflicts) blocking = blocking || c.conflict.blocking;
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("conflicts", *conflicts, WriteConflict);
          out.Field("blocking", blocking);
          out.EndObject();
        });
      });

  router.Add(
      "GET", "/api/v1/missions/:id", readers,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto details = use_cases.missions.Get(*ctx.principal, *id);
        if (!details) return WriteError(res, details.error());
        WriteDetails(res, 200, *details, Internal(ctx));
      });

  router.Add(
      "PUT", "/api/v1/missions/:id", Access::Need(Permission::kMissionsManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto input = ReadMission(*body, f);
        std::string override_reason = f.OptionalString("override_reason").value_or("");
        if (!f.ok()) {
          // Another organisation's mission is 404 whatever the body says.
          auto exists = use_cases.missions.Get(*ctx.principal, *id);
          if (!exists) return WriteError(res, exists.error());
          return WriteError(res, f.ToError());
        }
        auto details = use_cases.missions.Update(*ctx.principal, ctx.meta, *id, std::move(input),
                                                 override_reason);
        if (!details) return WriteError(res, details.error());
        WriteDetails(res, 200, *details, true);
      });

  router.Add(
      "POST", "/api/v1/missions/:id/reschedule", Access::Need(Permission::kMissionsManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto start = f.RequiredInstant("starts_at");
        auto end = f.RequiredInstant("ends_at");
        std::string override_reason = f.OptionalString("override_reason").value_or("");
        if (!f.ok()) {
          auto exists = use_cases.missions.Get(*ctx.principal, *id);
          if (!exists) return WriteError(res, exists.error());
          return WriteError(res, f.ToError());
        }
        auto details = use_cases.missions.Reschedule(*ctx.principal, ctx.meta, *id, start, end,
                                                     override_reason);
        if (!details) return WriteError(res, details.error());
        WriteDetails(res, 200, *details, true);
      });

  router.Add(
      "POST", "/api/v1/missions/:id/status", Access::Need(Permission::kMissionsManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        std::string name = f.RequiredString("status");
        auto status = domain::ParseMissionStatus(name);
        if (!status) {
          f.AddError("status", "draft, planned, confirmed, in_progress, completed ou canceled.");
        }
        std::string reason = f.OptionalString("reason").value_or("");
        std::string override_reason = f.OptionalString("override_reason").value_or("");
        if (!f.ok() || !status) {
          auto exists = use_cases.missions.Get(*ctx.principal, *id);
          if (!exists) return WriteError(res, exists.error());
          return WriteError(res, f.ToError());
        }
        auto details = use_cases.missions.ChangeStatus(*ctx.principal, ctx.meta, *id, *status,
                                                       reason, override_reason);
        if (!details) return WriteError(res, details.error());
        WriteDetails(res, 200, *details, true);
      });

  router.Add(
      "GET", "/api/v1/missions/:id/history", Access::Need(Permission::kMissionsReadAll),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto rows = use_cases.missions.History(*ctx.principal, *id);
        if (!rows) return WriteError(res, rows.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *rows, [](JsonWriter& w, const store::AuditRow& a) {
            w.BeginObject();
            w.Field("id", a.id);
            w.Field("action", a.action);
            w.Key("actor");
            w.BeginObject();
            w.Field("name", a.actor_name);
            w.EndObject();
            w.Field("details", nlohmann::json::parse(a.details_json, nullptr, false));
            w.Field("created_at", a.created_at);
            w.EndObject();
          });
          out.EndObject();
        });
      });

  router.Add(
      "GET", "/api/v1/mission-fields", readers.Revalidated(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto fields = use_cases.missions.Fields(*ctx.principal);
        if (!fields) return WriteError(res, fields.error());
        WriteFieldDefinitions(res, *fields);
      });
  router.Add(
      "PUT", "/api/v1/mission-fields", Access::Need(Permission::kOrganizationManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        std::vector<domain::CustomFieldDefinition> defs;
        if (!body->contains("fields") || !(*body)["fields"].is_array()) {
          f.AddError("fields", "Liste attendue.");
        } else {
          for (std::size_t i = 0; i < (*body)["fields"].size(); ++i) {
            const auto& item = (*body)["fields"][i];
            std::string at = "fields[" + std::to_string(i) + "]";
            if (!item.is_object()) {
              f.AddError(at, "Objet attendu.");
              continue;
            }
            JsonFields df(item);
            domain::CustomFieldDefinition d;
            d.key = df.RequiredString("key");
            d.label = df.RequiredString("label");
            d.type = df.OptionalString("type").value_or("text");
            if (item.contains("options") && !item["options"].is_null()) {
              d.options = df.RequiredStringArray("options");
            }
            d.required = df.OptionalBool("required", false);
            if (!df.ok()) {
              for (const auto& e : df.ToError().fields) f.AddError(at + "." + e.field, e.message);
            }
            defs.push_back(std::move(d));
          }
        }
        if (!f.ok()) return WriteError(res, f.ToError());
        auto saved = use_cases.missions.ReplaceFields(*ctx.principal, ctx.meta, std::move(defs));
        if (!saved) return WriteError(res, saved.error());
        WriteFieldDefinitions(res, *saved);
      });
}

}  // namespace planify::http
