#include <nlohmann/json.hpp>

#include <charconv>

#include "domain/time.hpp"
#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/planning_json.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

using domain::Permission;

// {"items": [{"item_id" | "kit_id" | "unit_id", "quantity", "condition"?}], "notes"?};
// conditions read for returns.
std::vector<app::GearLine> ReadGearLines(const nlohmann::json& body, JsonFields& f,
                                         bool with_condition) {
  std::vector<app::GearLine> lines;
  if (!body.contains("items") || !body["items"].is_array()) {
    f.AddError("items", "Liste attendue.");
    return lines;
  }
  for (std::size_t i = 0; i < body["items"].size(); ++i) {
    const auto& entry = body["items"][i];
    const std::string at = "items[" + std::to_string(i) + "]";
    if (!entry.is_object()) {
      f.AddError(at, "Objet attendu.");
      continue;
    }
    JsonFields lf(entry);
    app::GearLine line;
    if (entry.contains("kit_id") && !entry["kit_id"].is_null()) {
      line.kit = lf.RequiredId("kit_id");
    } else if (entry.contains("unit_id") && !entry["unit_id"].is_null()) {
      line.unit = lf.RequiredId("unit_id");
    } else {
      line.item = lf.RequiredId("item_id");
    }
    line.quantity = lf.OptionalInt("quantity").value_or(1);
    if (with_condition) {
      auto condition = lf.OptionalString("condition").value_or("ok");
      if (auto parsed = domain::ParseReturnCondition(condition)) {
        line.condition = *parsed;
      } else {
        f.AddError(at + ".condition", "ok, damaged ou missing.");
      }
    }
    if (!lf.ok()) f.AddError(at, "item_id (ou kit_id, unit_id) et quantity entiers attendus.");
    lines.push_back(line);
  }
  return lines;
}

void WriteGear(JsonWriter& out, const app::MissionGear& gear) {
  out.BeginObject();
  out.Field("mission_id", gear.mission);
  out.ArrayField("items", gear.items, [](JsonWriter& w, const store::MissionGearRow& r) {
    w.BeginObject();
    w.Field("item_id", r.item);
    w.Field("name", r.name);
    w.Field("booked", r.booked);
    w.Field("out", r.out);
    w.Field("checked_out", r.checked_out);
    w.Field("returned_ok", r.returned_ok);
    w.Field("returned_damaged", r.returned_damaged);
    w.Field("returned_missing", r.returned_missing);
    // Still to load: booked and neither out nor already back.
    const int handled = r.out + r.returned_ok + r.returned_damaged + r.returned_missing;
    w.Field("to_load", std::max(0, r.booked - handled));
    w.Field("extra", r.booked > 0 ? std::max(0, r.checked_out - r.booked) : r.checked_out);
    w.EndObject();
  });
  out.ArrayField("movements", gear.movements, WriteMovement);
  out.ArrayField("units", gear.units, WriteUnit);
  out.EndObject();
}

void WriteScanMission(JsonWriter& w, const store::ScanMission& m) {
  w.BeginObject();
  w.Field("id", m.mission);
  w.Field("title", m.title);
  w.Field("status", m.status);
  w.Field("starts_at", m.starts_at);
  w.Field("ends_at", m.ends_at);
  w.Field("booked", m.booked);
  w.Field("out", m.out);
  w.EndObject();
}

void WriteScan(JsonWriter& out, const app::ScanView& view) {
  out.BeginObject();
  out.Key("item");
  WriteEquipment(out, view.item);
  out.Field("on_shelf", view.on_shelf);
  out.ArrayField("out", view.out, WriteOut);
  out.Field("out_elsewhere", view.out_elsewhere);
  out.ArrayField("missions", view.missions, WriteScanMission);
  out.ArrayField("units", view.units, WriteUnit);
  out.EndObject();
}

// "1,2,3" → ids (at most 2,000, each positive); an error on the field otherwise.
std::vector<long long> ReadIdList(const std::string& text, QueryParams& q) {
  std::vector<long long> ids;
  if (text.empty()) return ids;
  std::size_t at = 0;
  while (at <= text.size()) {
    auto comma = text.find(',', at);
    auto part = text.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    long long id = 0;
    auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), id);
    if (part.empty() || error != std::errc() || end != part.data() + part.size() || id <= 0 ||
        ids.size() >= 2000) {
      q.AddError("ids", "Identifiants séparés par des virgules, 2 000 au plus.");
      return {};
    }
    ids.push_back(id);
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return ids;
}

}  // namespace

void AddLogisticsRoutes(Router& router, UseCases& use_cases) {
  // Labels printed by the legacy app encode its own host and these paths: a phone's camera
  // app lands here. The web scanner resolves the code with the caller's session (the
  // organisation's id mapping), so nothing is told to a visitor without one.
  for (const char* legacy : {"/materiels/scan/selection/:id", "/materiels/qrcode/scan/:id"}) {
    router.Add("GET", legacy, Access::Public(),
               [](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
                 auto id = PathId(ctx, "id");
                 if (!id) return WriteError(res, id.error());
                 std::string code;
                 for (char c : req.path) code += c == '/' ? std::string("%2F") : std::string(1, c);
                 res.status = 302;
                 res.set_header("Location", "/scanner?code=" + code);
                 res.set_header("Cache-Control", "no-store");
               });
  }
  router.Add(
      "GET", "/api/v1/equipment/lookup", Access::Need(Permission::kEquipmentRead),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto found = use_cases.logistics.Lookup(*ctx.principal, req.get_param_value("code"));
        if (!found) return WriteError(res, found.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("kind", found->kit ? "kit" : found->unit ? "unit" : "item");
          if (found->kit) {
            out.NullField("item_id");
          } else {
            out.Field("item_id", found->item);
          }
          out.Field("kit_id", found->kit);
          out.Field("unit_id", found->unit);
          out.Field("name", found->name);
          out.Field("matched_by", found->matched_by);
          out.EndObject();
        });
      });
  router.Add(
      "GET", "/api/v1/equipment/:id/scan", Access::Need(Permission::kEquipmentRead),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto view = use_cases.logistics.Scan(*ctx.principal, *id);
        if (!view) return WriteError(res, view.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteScan(out, *view); });
      });
  router.Add(
      "GET", "/api/v1/equipment/:id/missions", Access::Need(Permission::kEquipmentRead),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        QueryParams q(req);
        auto from = q.Instant("from");
        auto to = q.Instant("to");
        if (from.empty()) q.AddError("from", "Ce paramètre est obligatoire.");
        if (to.empty()) q.AddError("to", "Ce paramètre est obligatoire.");
        if (!q.ok()) return WriteError(res, q.ToError());
        auto rows = use_cases.logistics.Calendar(*ctx.principal, *id, *domain::ParseIsoUtc(from),
                                                 *domain::ParseIsoUtc(to));
        if (!rows) return WriteError(res, rows.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *rows, WriteScanMission);
          out.EndObject();
        });
      });
  router.Add(
      "GET", "/api/v1/equipment/labels", Access::Need(Permission::kEquipmentManage).Queued(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        app::LabelRequest request;
        request.items = ReadIdList(q.Text("ids"), q);
        request.kits = ReadIdList(q.Text("kit_ids"), q);
        request.units = ReadIdList(q.Text("unit_ids"), q);
        request.layout = req.has_param("layout") ? q.Text("layout") : "3x8";
        request.skip = static_cast<int>(q.Int("skip", 0, 0, 39));
        if (!q.ok()) return WriteError(res, q.ToError());
        auto pdf = use_cases.logistics.Labels(*ctx.principal, request);
        if (!pdf) return WriteError(res, pdf.error());
        res.status = 200;
        res.set_header("Content-Disposition", "inline; filename=\"etiquettes.pdf\"");
        res.set_header("Cache-Control", "private, no-store");
        res.set_content(*pdf, "application/pdf");
      });
  router.Add(
      "GET", "/api/v1/missions/:id/gear", Access::Need(Permission::kEquipmentRead),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto gear = use_cases.logistics.Gear(*ctx.principal, *id);
        if (!gear) return WriteError(res, gear.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteGear(out, *gear); });
      });
  for (bool check_out : {true, false}) {
    router.Add(
        "POST",
        check_out ? "/api/v1/missions/:id/gear/check-out" : "/api/v1/missions/:id/gear/return",
        Access::Need(Permission::kEquipmentMove),
        [&use_cases, check_out](const httplib::Request& req, httplib::Response& res,
                                const RequestContext& ctx) {
          auto id = PathId(ctx, "id");
          if (!id) return WriteError(res, id.error());
          auto body = ParseJsonObject(req);
          if (!body) return WriteError(res, body.error());
          JsonFields f(*body);
          auto lines = ReadGearLines(*body, f, !check_out);
          auto notes = f.OptionalString("notes").value_or("");
          if (!f.ok() || lines.empty()) {
            // A mission the caller cannot see is 404 whatever the body.
            auto exists = use_cases.logistics.Gear(*ctx.principal, *id);
            if (!exists) return WriteError(res, exists.error());
            if (!f.ok()) return WriteError(res, f.ToError());
          }
          auto gear =
              check_out ? use_cases.logistics.CheckOut(*ctx.principal, ctx.meta, *id, lines, notes)
                        : use_cases.logistics.Return(*ctx.principal, ctx.meta, *id, lines, notes);
          if (!gear) return WriteError(res, gear.error());
          if (gear->replayed) res.set_header("Idempotent-Replayed", "true");
          WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteGear(out, *gear); });
        });
  }
  router.Add(
      "GET", "/api/v1/equipment/:id/movements", Access::Need(Permission::kEquipmentRead),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        QueryParams q(req);
        long long limit = q.Int("limit", 50, 1, 200);
        long long before = q.Int("before", 0, 0, 1LL << 62);
        if (!q.ok()) return WriteError(res, q.ToError());
        auto rows = use_cases.logistics.Movements(*ctx.principal, *id, before, limit);
        if (!rows) return WriteError(res, rows.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *rows, WriteMovement);
          out.EndObject();
        });
      });
  router.Add(
      "GET", "/api/v1/equipment/late-returns",
      Access::Need(Permission::kEquipmentRead).Revalidated(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto rows = use_cases.logistics.LateReturns(*ctx.principal);
        if (!rows) return WriteError(res, rows.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *rows, WriteOut);
          out.EndObject();
        });
      });
  router.Add(
      "GET", "/api/v1/equipment/availability",
      Access::Need(Permission::kEquipmentRead).Revalidated(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        auto from = q.Instant("from");
        auto to = q.Instant("to");
        if (from.empty()) q.AddError("from", "Ce paramètre est obligatoire.");
        if (to.empty()) q.AddError("to", "Ce paramètre est obligatoire.");
        if (!q.ok()) return WriteError(res, q.ToError());
        auto rows = use_cases.logistics.Availability(*ctx.principal, *domain::ParseIsoUtc(from),
                                                     *domain::ParseIsoUtc(to));
        if (!rows) return WriteError(res, rows.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("from", from);
          out.Field("to", to);
          out.ArrayField("items", *rows, [](JsonWriter& w, const app::AvailabilityView& v) {
            w.BeginObject();
            w.Field("item_id", v.figures.item);
            w.Field("name", v.name);
            w.Field("category", v.category);
            w.Field("owned", v.figures.owned);
            w.Field("out_of_service", v.figures.out_of_service);
            w.Field("still_out", v.figures.still_out);
            w.Field("booked_peak", v.figures.booked_peak);
            w.InstantField("peak_starts_at", v.figures.peak_when.start);
            w.InstantField("peak_ends_at", v.figures.peak_when.end);
            w.Field("available", v.figures.available);
            w.EndObject();
          });
          out.EndObject();
        });
      });
  // {"quantity", "unit_id"?, "notes"?}: units lost from the depot, or found again.
  for (const bool found : {false, true}) {
    router.Add("POST", found ? "/api/v1/equipment/:id/found" : "/api/v1/equipment/:id/loss",
               Access::Need(Permission::kEquipmentManage),
               [&use_cases, found](const httplib::Request& req, httplib::Response& res,
                                   const RequestContext& ctx) {
                 auto id = PathId(ctx, "id");
                 if (!id) return WriteError(res, id.error());
                 auto body = ParseJsonObject(req);
                 if (!body) return WriteError(res, body.error());
                 JsonFields f(*body);
                 const int quantity = f.OptionalInt("quantity").value_or(1);
                 const auto unit = f.OptionalInt64("unit_id");
                 const std::string notes = f.OptionalString("notes").value_or("");
                 if (!f.ok()) {
                   auto exists = use_cases.logistics.Movements(*ctx.principal, *id, 0, 1);
                   if (!exists) return WriteError(res, exists.error());
                   return WriteError(res, f.ToError());
                 }
                 auto row = use_cases.logistics.LossOrFound(*ctx.principal, ctx.meta, *id, found,
                                                            quantity, unit, notes);
                 if (!row) return WriteError(res, row.error());
                 WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteEquipment(out, *row); });
               });
  }
  router.Add(
      "POST", "/api/v1/equipment/:id/maintenance", Access::Need(Permission::kEquipmentManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        store::NewMaintenance record;
        record.item = *id;
        record.kind = f.OptionalString("kind").value_or("");
        record.quantity = f.OptionalInt("quantity").value_or(1);
        record.description = f.OptionalString("description").value_or("");
        record.vendor_name = f.OptionalString("vendor_name").value_or("");
        record.next_due_on = f.OptionalString("next_due_on").value_or("");
        record.unit = f.OptionalInt64("unit_id");
        record.expected_back_on = f.OptionalString("expected_back_on").value_or("");
        if (!f.ok()) {
          auto exists = use_cases.logistics.Movements(*ctx.principal, *id, 0, 1);
          if (!exists) return WriteError(res, exists.error());
          return WriteError(res, f.ToError());
        }
        auto row = use_cases.logistics.OpenMaintenance(*ctx.principal, ctx.meta, record);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteMaintenance(out, *row); });
      });
  router.Add(
      "POST", "/api/v1/maintenance/:id/close", Access::Need(Permission::kEquipmentManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto status = f.OptionalString("status").value_or("");
        auto cost = f.OptionalInt64("cost_cents");
        auto due = f.OptionalString("next_due_on").value_or("");
        if (!f.ok()) {
          // Wrong-typed fields: the record's existence first (another organisation's is 404).
          auto closed = use_cases.logistics.CloseMaintenance(*ctx.principal, ctx.meta, *id, "",
                                                             std::nullopt, "");
          if (!closed && closed.error().code == ErrorCode::kNotFound) {
            return WriteError(res, closed.error());
          }
          return WriteError(res, f.ToError());
        }
        auto row =
            use_cases.logistics.CloseMaintenance(*ctx.principal, ctx.meta, *id, status, cost, due);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteMaintenance(out, *row); });
      });
  router.Add(
      "GET", "/api/v1/maintenance", Access::Need(Permission::kEquipmentRead).Revalidated(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        long long item = q.Id("item_id");
        if (!q.ok()) return WriteError(res, q.ToError());
        auto rows = use_cases.logistics.Maintenance(*ctx.principal, item, q.Flag("open"));
        if (!rows) return WriteError(res, rows.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *rows, WriteMaintenance);
          out.EndObject();
        });
      });
}

}  // namespace planify::http
