#include <nlohmann/json.hpp>

#include <limits>

#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/planning_json.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

using domain::Permission;
using store::PlaceKind;

domain::PlaceInput ReadPlace(const nlohmann::json& body, JsonFields& f) {
  domain::PlaceInput p;
  p.name = f.RequiredString("name");
  p.notes = f.OptionalString("notes").value_or("");
  if (body.contains("address") && !body["address"].is_null()) {
    if (!body["address"].is_object()) {
      f.AddError("address", "Objet attendu.");
    } else {
      JsonFields af(body["address"]);
      p.address.line1 = af.OptionalString("line1").value_or("");
      p.address.line2 = af.OptionalString("line2").value_or("");
      p.address.postal_code = af.OptionalString("postal_code").value_or("");
      p.address.city = af.OptionalString("city").value_or("");
      p.address.country = af.OptionalString("country").value_or("FR");
      if (!af.ok()) f.AddError("address", "Adresse invalide (textes attendus).");
    }
  }
  return p;
}

domain::EquipmentInput ReadEquipment(JsonFields& f) {
  domain::EquipmentInput e;
  e.name = f.RequiredString("name");
  e.category = f.OptionalString("category").value_or("");
  e.storage_site = f.OptionalInt64("storage_site_id");
  e.quantity_owned = f.OptionalInt("quantity_owned").value_or(1);
  e.quantity_out_of_service = f.OptionalInt("quantity_out_of_service").value_or(0);
  std::string status = f.OptionalString("status").value_or("available");
  if (auto parsed = domain::ParseEquipmentStatus(status)) {
    e.status = *parsed;
  } else {
    f.AddError("status", "available, maintenance ou retired.");
  }
  e.rental_price_cents = f.OptionalInt64("rental_price_cents").value_or(0);
  e.notes = f.OptionalString("notes").value_or("");
  e.barcode = f.OptionalString("barcode").value_or("");
  e.maintenance_interval_days = f.OptionalInt("maintenance_interval_days");
  e.brand = f.OptionalString("brand").value_or("");
  e.model = f.OptionalString("model").value_or("");
  e.vat_rate_bp = f.OptionalInt("vat_rate_bp");
  e.replacement_value_cents = f.OptionalInt64("replacement_value_cents");
  e.weight_grams = f.OptionalInt("weight_grams");
  std::string tracking = f.OptionalString("tracking").value_or("stock");
  if (auto parsed = domain::ParseTracking(tracking)) {
    e.tracking = *parsed;
  } else {
    f.AddError("tracking", "stock ou unit.");
  }
  return e;
}

// The same six routes for venues and storage sites.
void AddPlaceRoutes(Router& router, UseCases& use_cases, const std::string& base, PlaceKind kind,
                    Permission read, Permission manage) {
  router.Add("GET", base, Access::Need(read).Revalidated(),
             [&use_cases, kind](const httplib::Request& req, httplib::Response& res,
                                const RequestContext& ctx) {
               QueryParams q(req);
               long long limit = q.Int("limit", 50, 1, 200);
               long long offset = q.Int("offset", 0, 0, 1'000'000'000);
               if (!q.ok()) return WriteError(res, q.ToError());
               auto page = use_cases.resources.ListPlaces(*ctx.principal, kind, q.Text("q"),
                                                          q.Flag("archived"), limit, offset);
               if (!page) return WriteError(res, page.error());
               WriteJsonWith(res, 200, [&](JsonWriter& out) {
                 out.BeginObject();
                 out.ArrayField("items", page->items, WritePlace);
                 out.Field("total", page->total);
                 out.EndObject();
               });
             });
  router.Add("POST", base, Access::Need(manage),
             [&use_cases, kind](const httplib::Request& req, httplib::Response& res,
                                const RequestContext& ctx) {
               auto body = ParseJsonObject(req);
               if (!body) return WriteError(res, body.error());
               JsonFields f(*body);
               auto input = ReadPlace(*body, f);
               if (!f.ok()) return WriteError(res, f.ToError());
               auto row = use_cases.resources.CreatePlace(*ctx.principal, kind, std::move(input));
               if (!row) return WriteError(res, row.error());
               WriteJsonWith(res, 201, [&](JsonWriter& out) { WritePlace(out, *row); });
             });
  router.Add("GET", base + "/:id", Access::Need(read),
             [&use_cases, kind](const httplib::Request&, httplib::Response& res,
                                const RequestContext& ctx) {
               auto id = PathId(ctx, "id");
               if (!id) return WriteError(res, id.error());
               auto row = use_cases.resources.GetPlace(*ctx.principal, kind, *id);
               if (!row) return WriteError(res, row.error());
               WriteJsonWith(res, 200, [&](JsonWriter& out) { WritePlace(out, *row); });
             });
  router.Add("PUT", base + "/:id", Access::Need(manage),
             [&use_cases, kind](const httplib::Request& req, httplib::Response& res,
                                const RequestContext& ctx) {
               auto id = PathId(ctx, "id");
               if (!id) return WriteError(res, id.error());
               auto body = ParseJsonObject(req);
               if (!body) return WriteError(res, body.error());
               JsonFields f(*body);
               auto input = ReadPlace(*body, f);
               if (!f.ok()) return WriteError(res, f.ToError());
               auto row =
                   use_cases.resources.UpdatePlace(*ctx.principal, kind, *id, std::move(input));
               if (!row) return WriteError(res, row.error());
               WriteJsonWith(res, 200, [&](JsonWriter& out) { WritePlace(out, *row); });
             });
  for (bool archive : {true, false}) {
    router.Add("POST", base + (archive ? "/:id/archive" : "/:id/restore"), Access::Need(manage),
               [&use_cases, kind, archive](const httplib::Request&, httplib::Response& res,
                                           const RequestContext& ctx) {
                 auto id = PathId(ctx, "id");
                 if (!id) return WriteError(res, id.error());
                 auto done = use_cases.resources.ArchivePlace(*ctx.principal, kind, *id, archive);
                 if (!done) return WriteError(res, done.error());
                 res.status = 204;
               });
  }
}

void WriteSettings(JsonWriter& out, const store::PlanningSettings& s) {
  out.BeginObject();
  out.Field("crew_travel_buffer_minutes",
            static_cast<long long>(s.policy.crew_travel_buffer.count()));
  out.Field("equipment_prep_minutes", static_cast<long long>(s.policy.equipment_prep.count()));
  out.Field("equipment_return_minutes", static_cast<long long>(s.policy.equipment_return.count()));
  out.Field("time_zone", s.time_zone);
  out.EndObject();
}

}  // namespace

void AddPlanningRoutes(Router& router, UseCases& use_cases) {
  AddPlaceRoutes(router, use_cases, "/api/v1/venues", PlaceKind::kVenue,
                 Permission::kMissionsReadAll, Permission::kMissionsManage);
  AddPlaceRoutes(router, use_cases, "/api/v1/storage-sites", PlaceKind::kStorageSite,
                 Permission::kEquipmentRead, Permission::kEquipmentManage);

  router.Add(
      "GET", "/api/v1/equipment", Access::Need(Permission::kEquipmentRead).Revalidated(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        long long limit = q.Int("limit", 50, 1, 500);
        long long offset = q.Int("offset", 0, 0, 1'000'000'000);
        store::EquipmentFilter filter;
        filter.site = q.Int("site_id", 0, 0, std::numeric_limits<long long>::max());
        filter.state = q.Text("state");
        if (!q.ok()) return WriteError(res, q.ToError());
        auto page =
            use_cases.resources.ListEquipment(*ctx.principal, q.Text("q"), q.Text("category"),
                                              q.Flag("retired"), limit, offset, filter);
        if (!page) return WriteError(res, page.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", page->items, WriteEquipment);
          out.Field("total", page->total);
          out.EndObject();
        });
      });
  router.Add(
      "GET", "/api/v1/equipment/categories", Access::Need(Permission::kEquipmentRead).Revalidated(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto categories = use_cases.resources.EquipmentCategories(*ctx.principal);
        if (!categories) return WriteError(res, categories.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *categories,
                         [](JsonWriter& w, const std::string& category) { w.String(category); });
          out.EndObject();
        });
      });
  router.Add(
      "GET", "/api/v1/equipment-categories", Access::Need(Permission::kEquipmentRead).Revalidated(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto rows = use_cases.resources.Categories(*ctx.principal);
        if (!rows) return WriteError(res, rows.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *rows, WriteCategory);
          out.EndObject();
        });
      });
  router.Add(
      "POST", "/api/v1/equipment-categories", Access::Need(Permission::kEquipmentManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto name = f.RequiredString("name");
        auto position = f.OptionalInt("position").value_or(0);
        if (!f.ok()) return WriteError(res, f.ToError());
        auto row = use_cases.resources.CreateCategory(*ctx.principal, ctx.meta, name, position);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteCategory(out, *row); });
      });
  router.Add(
      "PATCH", "/api/v1/equipment-categories/:id", Access::Need(Permission::kEquipmentManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto name = f.RequiredString("name");
        auto position = f.OptionalInt("position").value_or(0);
        if (!f.ok()) {
          // Another organisation's category is 404 whatever the body.
          auto exists = use_cases.resources.UpdateCategory(*ctx.principal, ctx.meta, *id, "", 0);
          if (!exists && exists.error().code == ErrorCode::kNotFound) {
            return WriteError(res, exists.error());
          }
          return WriteError(res, f.ToError());
        }
        auto row =
            use_cases.resources.UpdateCategory(*ctx.principal, ctx.meta, *id, name, position);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteCategory(out, *row); });
      });
  router.Add(
      "DELETE", "/api/v1/equipment-categories/:id", Access::Need(Permission::kEquipmentManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto done = use_cases.resources.DeleteCategory(*ctx.principal, ctx.meta, *id);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });
  router.Add(
      "POST", "/api/v1/equipment", Access::Need(Permission::kEquipmentManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto input = ReadEquipment(f);
        if (!f.ok()) return WriteError(res, f.ToError());
        auto row = use_cases.resources.CreateEquipment(*ctx.principal, ctx.meta, std::move(input));
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteEquipment(out, *row); });
      });
  router.Add(
      "GET", "/api/v1/equipment/:id", Access::Need(Permission::kEquipmentRead),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto row = use_cases.resources.GetEquipment(*ctx.principal, *id);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteEquipment(out, *row); });
      });
  router.Add(
      "PUT", "/api/v1/equipment/:id", Access::Need(Permission::kEquipmentManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto input = ReadEquipment(f);
        if (!f.ok()) return WriteError(res, f.ToError());
        auto row =
            use_cases.resources.UpdateEquipment(*ctx.principal, ctx.meta, *id, std::move(input));
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteEquipment(out, *row); });
      });

  // Crew unavailability: planners for anyone, crew for themselves.
  const auto own_or_all =
      Access::NeedAny(Permission::kMissionsReadAll, Permission::kMissionsReadOwn);
  const auto own_or_manage =
      Access::NeedAny(Permission::kMissionsManage, Permission::kMissionsReadOwn);
  router.Add(
      "GET", "/api/v1/unavailability", own_or_all.Revalidated(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        std::string from = q.Instant("from");
        std::string to = q.Instant("to");
        long long user = q.Id("user_id");
        if (from.empty()) q.AddError("from", "Ce paramètre est obligatoire.");
        if (to.empty()) q.AddError("to", "Ce paramètre est obligatoire.");
        if (!q.ok()) return WriteError(res, q.ToError());
        auto rows = use_cases.resources.Unavailability(*ctx.principal, from, to, user);
        if (!rows) return WriteError(res, rows.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *rows, WriteUnavailability);
          out.EndObject();
        });
      });
  router.Add(
      "POST", "/api/v1/unavailability", own_or_manage,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        domain::UnavailabilityInput input;
        input.user = f.OptionalInt64("user_id").value_or(0);
        input.starts_at = f.RequiredInstant("starts_at");
        input.ends_at = f.RequiredInstant("ends_at");
        input.reason = f.OptionalString("reason").value_or("");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto row = use_cases.resources.AddUnavailability(*ctx.principal, ctx.meta, input);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteUnavailability(out, *row); });
      });
  router.Add(
      "DELETE", "/api/v1/unavailability/:id", own_or_manage,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto done = use_cases.resources.RemoveUnavailability(*ctx.principal, ctx.meta, *id);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });

  router.Add(
      "GET", "/api/v1/planning/settings", Access::Need(Permission::kMissionsReadAll),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto settings = use_cases.resources.Settings(*ctx.principal);
        if (!settings) return WriteError(res, settings.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteSettings(out, *settings); });
      });
  router.Add(
      "PUT", "/api/v1/planning/settings", Access::Need(Permission::kOrganizationManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        domain::ConflictPolicy policy;
        policy.crew_travel_buffer =
            std::chrono::minutes(f.OptionalInt("crew_travel_buffer_minutes").value_or(0));
        policy.equipment_prep =
            std::chrono::minutes(f.OptionalInt("equipment_prep_minutes").value_or(720));
        policy.equipment_return =
            std::chrono::minutes(f.OptionalInt("equipment_return_minutes").value_or(720));
        if (!f.ok()) return WriteError(res, f.ToError());
        auto settings = use_cases.resources.UpdateSettings(*ctx.principal, ctx.meta, policy);
        if (!settings) return WriteError(res, settings.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteSettings(out, *settings); });
      });
}

}  // namespace planify::http
