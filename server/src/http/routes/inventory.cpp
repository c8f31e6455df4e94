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

// {"serial_number","barcode","notes"}, each optional.
domain::UnitInput ReadUnit(JsonFields& f) {
  domain::UnitInput unit;
  unit.serial_number = f.OptionalString("serial_number").value_or("");
  unit.barcode = f.OptionalString("barcode").value_or("");
  unit.notes = f.OptionalString("notes").value_or("");
  return unit;
}

void WriteUnitView(JsonWriter& out, const app::UnitView& view) {
  out.BeginObject();
  out.Key("unit");
  WriteUnit(out, view.unit);
  out.ArrayField("movements", view.movements, WriteMovement);
  out.ArrayField("maintenance", view.maintenance, WriteMaintenance);
  out.EndObject();
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
      "GET", "/api/v1/equipment/:id/units", Access::Need(Permission::kEquipmentRead),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        QueryParams q(req);
        const bool retired = q.Flag("retired");
        if (!q.ok()) return WriteError(res, q.ToError());
        auto units = use_cases.inventory.Units(*ctx.principal, *id, retired);
        if (!units) return WriteError(res, units.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *units, WriteUnit);
          out.EndObject();
        });
      });
  // A new unit of an item (POST on the item), or a unit's serial number, barcode and notes.
  for (const bool create : {true, false}) {
    router.Add(
        create ? "POST" : "PATCH",
        create ? "/api/v1/equipment/:id/units" : "/api/v1/equipment/units/:id",
        Access::Need(Permission::kEquipmentManage),
        [&use_cases, create](const httplib::Request& req, httplib::Response& res,
                             const RequestContext& ctx) {
          auto id = PathId(ctx, "id");
          if (!id) return WriteError(res, id.error());
          auto body = ParseJsonObject(req);
          if (!body) return WriteError(res, body.error());
          JsonFields f(*body);
          auto input = ReadUnit(f);
          if (!f.ok()) {
            // Another organisation's id is 404 before the body's errors.
            if (create) {
              if (auto e = use_cases.inventory.Stock(*ctx.principal, *id); !e)
                return WriteError(res, e.error());
            } else if (auto e = use_cases.inventory.Unit(*ctx.principal, *id); !e) {
              return WriteError(res, e.error());
            }
            return WriteError(res, f.ToError());
          }
          auto unit = create ? use_cases.inventory.CreateUnit(*ctx.principal, ctx.meta, *id, input)
                             : use_cases.inventory.UpdateUnit(*ctx.principal, ctx.meta, *id, input);
          if (!unit) return WriteError(res, unit.error());
          WriteJsonWith(res, create ? 201 : 200, [&](JsonWriter& out) { WriteUnit(out, *unit); });
        });
  }
  router.Add(
      "GET", "/api/v1/equipment/units/:id", Access::Need(Permission::kEquipmentRead),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto view = use_cases.inventory.Unit(*ctx.principal, *id);
        if (!view) return WriteError(res, view.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteUnitView(out, *view); });
      });
  router.Add(
      "POST", "/api/v1/equipment/units/:id/back-in-service",
      Access::Need(Permission::kEquipmentManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto unit = use_cases.inventory.UnitBackInService(*ctx.principal, ctx.meta, *id);
        if (!unit) return WriteError(res, unit.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteUnit(out, *unit); });
      });
  router.Add(
      "POST", "/api/v1/equipment/units/:id/retire", Access::Need(Permission::kEquipmentManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto unit = use_cases.inventory.RetireUnit(*ctx.principal, ctx.meta, *id);
        if (!unit) return WriteError(res, unit.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteUnit(out, *unit); });
      });
  // Photos: of an item, of a maintenance record (the damage found). Members only: the bytes go
  // out with the headers a stored image gets (no sniffing, no script).
  for (const bool record : {false, true}) {
    const std::string base =
        record ? "/api/v1/maintenance/:id/photo" : "/api/v1/equipment/:id/photo";
    auto of = [record](long long id) {
      app::InventoryService::PhotoOf o;
      if (record) {
        o.record = id;
      } else {
        o.item = id;
      }
      return o;
    };
    router.Add("GET", base, Access::Need(Permission::kEquipmentRead),
               [&use_cases, of](const httplib::Request&, httplib::Response& res,
                                const RequestContext& ctx) {
                 auto id = PathId(ctx, "id");
                 if (!id) return WriteError(res, id.error());
                 auto photo = use_cases.inventory.Photo(*ctx.principal, of(*id));
                 if (!photo) return WriteError(res, photo.error());
                 res.status = 200;
                 // The address carries the photo's hash (?v=): a new photo is a new address.
                 res.set_header("Cache-Control", "private, max-age=31536000, immutable");
                 res.set_header("Content-Security-Policy", "default-src 'none'; sandbox");
                 res.set_header("Content-Disposition", "inline");
                 res.set_content(photo->content, photo->content_type);
               });
    // The image is the raw body (Content-Type image/png, image/jpeg or image/webp).
    router.Add("PUT", base, Access::Need(Permission::kEquipmentManage),
               [&use_cases, of](const httplib::Request& req, httplib::Response& res,
                                const RequestContext& ctx) {
                 auto id = PathId(ctx, "id");
                 if (!id) return WriteError(res, id.error());
                 auto url =
                     use_cases.inventory.SetPhoto(*ctx.principal, ctx.meta, of(*id), req.body);
                 if (!url) return WriteError(res, url.error());
                 WriteJsonWith(res, 200, [&](JsonWriter& out) {
                   out.BeginObject();
                   out.Field("photo_url", *url);
                   out.EndObject();
                 });
               });
    router.Add("DELETE", base, Access::Need(Permission::kEquipmentManage),
               [&use_cases, of](const httplib::Request&, httplib::Response& res,
                                const RequestContext& ctx) {
                 auto id = PathId(ctx, "id");
                 if (!id) return WriteError(res, id.error());
                 auto done = use_cases.inventory.RemovePhoto(*ctx.principal, ctx.meta, of(*id));
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
        request.unit = f.OptionalInt64("unit_id");
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
