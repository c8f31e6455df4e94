#include <nlohmann/json.hpp>

#include "domain/scan_codes.hpp"
#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/planning_json.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

using domain::Permission;

// {"name","barcode","storage_site_id","notes","items":[{"item_id","quantity"}]}
domain::KitInput ReadKit(const nlohmann::json& body, JsonFields& f) {
  domain::KitInput kit;
  kit.name = f.RequiredString("name");
  kit.barcode = f.OptionalString("barcode").value_or("");
  kit.storage_site = f.OptionalInt64("storage_site_id");
  kit.notes = f.OptionalString("notes").value_or("");
  if (!body.contains("items") || !body["items"].is_array()) {
    f.AddError("items", "Liste attendue.");
    return kit;
  }
  for (std::size_t i = 0; i < body["items"].size() && i <= 100; ++i) {
    const auto& entry = body["items"][i];
    const std::string at = "items[" + std::to_string(i) + "]";
    if (!entry.is_object()) {
      f.AddError(at, "Objet attendu.");
      continue;
    }
    JsonFields lf(entry);
    domain::KitComponent c;
    c.item = lf.RequiredId("item_id");
    c.quantity = lf.OptionalInt("quantity").value_or(1);
    if (!lf.ok()) f.AddError(at, "item_id et quantity entiers attendus.");
    kit.items.push_back(c);
  }
  return kit;
}

void WriteKit(JsonWriter& out, const store::KitRow& k) {
  out.BeginObject();
  out.Field("id", k.id);
  out.Field("name", k.name);
  out.TextOrNull("barcode", k.barcode);
  out.Field("short_code", domain::KitShortCode(k.id));
  if (k.storage_site) {
    out.Key("storage_site");
    out.BeginObject();
    out.Field("id", *k.storage_site);
    out.Field("name", k.storage_site_name);
    out.EndObject();
  } else {
    out.NullField("storage_site");
  }
  out.Field("notes", k.notes);
  out.Field("archived", k.archived);
  std::map<long long, int> shelf;
  std::vector<domain::KitComponent> components;
  out.ArrayField("items", k.items, [&](JsonWriter& w, const store::KitItemRow& r) {
    shelf[r.item] = r.on_shelf;
    components.push_back({r.item, r.quantity});
    w.BeginObject();
    w.Field("item_id", r.item);
    w.Field("name", r.name);
    w.Field("quantity", r.quantity);
    w.Field("on_shelf", r.on_shelf);
    w.EndObject();
  });
  out.Field("available", domain::KitsAvailable(components, shelf));
  out.Field("created_at", k.created_at);
  out.Field("updated_at", k.updated_at);
  out.EndObject();
}

void WriteStock(JsonWriter& out, const app::ItemStock& s) {
  out.BeginObject();
  out.Field("item_id", s.item);
  out.Field("name", s.name);
  out.Field("owned", s.owned);
  out.Field("on_shelf", s.on_shelf);
  out.ArrayField("sites", s.sites, [](JsonWriter& w, const app::ItemStock::Site& site) {
    w.BeginObject();
    w.Field("site_id", site.id);
    w.TextOrNull("name", site.name);
    w.Field("quantity", site.quantity);
    w.Field("home", site.home);
    w.EndObject();
  });
  out.EndObject();
}

void WriteDisplayMission(JsonWriter& w, const store::DisplayMission& m) {
  w.BeginObject();
  w.Field("mission_id", m.mission);
  w.Field("title", m.title);
  w.Field("status", m.status);
  w.Field("starts_at", m.starts_at);
  w.Field("ends_at", m.ends_at);
  w.Field("address", m.address);
  w.TextOrNull("lead_name", m.lead_name);
  w.ArrayField("lines", m.lines, [](JsonWriter& l, const store::DisplayLine& line) {
    l.BeginObject();
    l.Field("item_id", line.item);
    l.Field("name", line.name);
    l.Field("booked", line.booked);
    l.Field("out", line.out);
    l.EndObject();
  });
  w.EndObject();
}

// The existence of a kit first (another organisation's is 404), then the body's errors.
void KitOr404(UseCases& use_cases, const RequestContext& ctx, long long id, JsonFields& f,
              httplib::Response& res) {
  auto exists = use_cases.inventory.Kit(*ctx.principal, id);
  if (!exists) return WriteError(res, exists.error());
  WriteError(res, f.ToError());
}

}  // namespace

void AddInventoryRoutes(Router& router, UseCases& use_cases) {
  router.Add(
      "GET", "/api/v1/equipment/kits", Access::Need(Permission::kEquipmentRead).Revalidated(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        auto kits = use_cases.inventory.Kits(*ctx.principal, q.Flag("archived"));
        if (!kits) return WriteError(res, kits.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *kits, WriteKit);
          out.EndObject();
        });
      });
  router.Add(
      "POST", "/api/v1/equipment/kits", Access::Need(Permission::kEquipmentManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto kit = ReadKit(*body, f);
        if (!f.ok()) return WriteError(res, f.ToError());
        auto row = use_cases.inventory.CreateKit(*ctx.principal, ctx.meta, std::move(kit));
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteKit(out, *row); });
      });
  router.Add(
      "GET", "/api/v1/equipment/kits/:id", Access::Need(Permission::kEquipmentRead),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto row = use_cases.inventory.Kit(*ctx.principal, *id);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteKit(out, *row); });
      });
  router.Add(
      "PATCH", "/api/v1/equipment/kits/:id", Access::Need(Permission::kEquipmentManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto kit = ReadKit(*body, f);
        if (!f.ok()) return KitOr404(use_cases, ctx, *id, f, res);
        auto row = use_cases.inventory.UpdateKit(*ctx.principal, ctx.meta, *id, std::move(kit));
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteKit(out, *row); });
      });
  for (bool archive : {true, false}) {
    router.Add(
        "POST",
        archive ? "/api/v1/equipment/kits/:id/archive" : "/api/v1/equipment/kits/:id/restore",
        Access::Need(Permission::kEquipmentManage),
        [&use_cases, archive](const httplib::Request&, httplib::Response& res,
                              const RequestContext& ctx) {
          auto id = PathId(ctx, "id");
          if (!id) return WriteError(res, id.error());
          auto done = use_cases.inventory.ArchiveKit(*ctx.principal, ctx.meta, *id, archive);
          if (!done) return WriteError(res, done.error());
          res.status = 204;
        });
  }
  router.Add(
      "GET", "/api/v1/equipment/:id/stock", Access::Need(Permission::kEquipmentRead),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto stock = use_cases.inventory.Stock(*ctx.principal, *id);
        if (!stock) return WriteError(res, stock.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteStock(out, *stock); });
      });
  router.Add(
      "POST", "/api/v1/equipment/:id/transfer", Access::Need(Permission::kEquipmentManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        app::TransferRequest request;
        request.from_site = f.OptionalInt64("from_site_id");
        request.to_site = f.OptionalInt64("to_site_id");
        request.quantity = f.OptionalInt("quantity").value_or(1);
        request.notes = f.OptionalString("notes").value_or("");
        if (!f.ok()) {
          auto exists = use_cases.inventory.Stock(*ctx.principal, *id);
          if (!exists) return WriteError(res, exists.error());
          return WriteError(res, f.ToError());
        }
        auto stock = use_cases.inventory.Transfer(*ctx.principal, ctx.meta, *id, request);
        if (!stock) return WriteError(res, stock.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteStock(out, *stock); });
      });
  router.Add(
      "GET", "/api/v1/storage-sites/:id/display", Access::Need(Permission::kEquipmentManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto at = use_cases.inventory.DisplayTokenIssuedAt(*ctx.principal, *id);
        if (!at) return WriteError(res, at.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("active", !at->empty());
          out.TextOrNull("issued_at", *at);
          out.EndObject();
        });
      });
  router.Add(
      "POST", "/api/v1/storage-sites/:id/display", Access::Need(Permission::kEquipmentManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto token = use_cases.inventory.IssueDisplayToken(*ctx.principal, ctx.meta, *id);
        if (!token) return WriteError(res, token.error());
        res.set_header("Cache-Control", "no-store");
        WriteJsonWith(res, 201, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("token", token->token);
          out.Field("url", token->url);
          out.Field("issued_at", token->created_at);
          out.EndObject();
        });
      });
  router.Add(
      "DELETE", "/api/v1/storage-sites/:id/display", Access::Need(Permission::kEquipmentManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto done = use_cases.inventory.RevokeDisplayToken(*ctx.principal, ctx.meta, *id);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });
  // A depot's wall display: no session, the token is the key (revocable, hashed at rest).
  router.Add(
      "GET", "/api/v1/display/:token", Access::Public(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto view = use_cases.inventory.Display(
            ctx.params.count("token") != 0U ? ctx.params.at("token") : std::string());
        res.set_header("Cache-Control", "no-store");
        res.set_header("Referrer-Policy", "no-referrer");
        if (!view) return WriteError(res, view.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("organization", view->organization);
          out.Field("site", view->site);
          out.Field("time_zone", view->time_zone);
          out.Field("now", view->now);
          out.ArrayField("departures", view->departures, WriteDisplayMission);
          out.ArrayField("returns", view->returns, WriteDisplayMission);
          out.ArrayField("out", view->out, WriteOut);
          out.ArrayField("maintenance", view->maintenance, WriteMaintenance);
          out.EndObject();
        });
      });
  router.Add(
      "GET", "/api/v1/maintenance/due", Access::Need(Permission::kEquipmentRead).Revalidated(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        const auto within = q.Int("within", 14, 0, 366);
        if (!q.ok()) return WriteError(res, q.ToError());
        auto rows = use_cases.inventory.DueChecks(*ctx.principal, static_cast<int>(within));
        if (!rows) return WriteError(res, rows.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *rows, [](JsonWriter& w, const app::DueCheck& d) {
            w.BeginObject();
            w.Field("item_id", d.item);
            w.Field("name", d.name);
            w.Field("category", d.category);
            w.Field("due_on", d.due_on);
            w.Field("overdue", d.overdue);
            w.Field("under_way", d.under_way);
            w.EndObject();
          });
          out.EndObject();
        });
      });
}

}  // namespace planify::http
