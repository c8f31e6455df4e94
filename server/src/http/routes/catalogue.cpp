#include <nlohmann/json.hpp>

#include "domain/local_time.hpp"
#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

using domain::Permission;

void WriteItem(JsonWriter& out, const store::CatalogueRow& row) {
  const auto& c = row.item;
  out.BeginObject();
  out.Field("id", row.id);
  out.Field("kind", c.kind);
  out.Field("name", c.name);
  out.Field("description", c.description);
  out.Field("sku", c.sku);
  out.Field("unit", c.unit);
  out.Field("unit_price_cents", c.unit_price_cents);
  out.Field("vat_rate_bp", c.vat_rate_bp);
  out.Field("equipment_item_id", c.equipment_item);
  out.Field("archived", row.archived);
  out.Field("created_at", row.created_at);
  out.Field("updated_at", row.updated_at);
  out.EndObject();
}

void WriteRule(JsonWriter& out, const store::PricingRuleRow& row) {
  const auto& r = row.rule;
  out.BeginObject();
  out.Field("id", row.id);
  out.Field("name", r.name);
  out.Field("event_type", r.event_type);
  out.Field("hourly_rate_cents", r.hourly_rate_cents);
  out.Field("minimum_minutes", r.minimum_minutes);
  out.Field("weekend_surcharge_bp", r.weekend_surcharge_bp);
  out.Field("holiday_surcharge_bp", r.holiday_surcharge_bp);
  out.Field("night_surcharge_bp", r.night_surcharge_bp);
  out.Field("surcharge_mode", r.additive ? "additive" : "compound");
  out.Field("night_start_minutes", r.night_start_minutes);
  out.Field("night_end_minutes", r.night_end_minutes);
  out.Field("travel_flat_cents", r.travel_base_cents);
  out.Field("travel_per_km_cents", r.travel_per_km_cents);
  out.Field("travel_free_km", r.free_km);
  out.Field("vat_rate_bp", r.vat_rate_bp);
  out.Field("archived", row.archived);
  out.Field("created_at", row.created_at);
  out.Field("updated_at", row.updated_at);
  out.EndObject();
}

domain::CatalogueItemInput ReadItem(JsonFields& f) {
  domain::CatalogueItemInput c;
  c.kind = f.OptionalString("kind").value_or("service");
  c.name = f.RequiredString("name");
  c.description = f.OptionalString("description").value_or("");
  c.sku = f.OptionalString("sku").value_or("");
  c.unit = f.OptionalString("unit").value_or("unit");
  c.unit_price_cents = f.OptionalInt64("unit_price_cents").value_or(0);
  c.vat_rate_bp = f.OptionalInt("vat_rate_bp").value_or(2000);
  c.equipment_item = f.OptionalInt64("equipment_item_id");
  return c;
}

domain::PricingRule ReadRule(JsonFields& f) {
  domain::PricingRule r;
  r.name = f.RequiredString("name");
  r.event_type = f.OptionalString("event_type").value_or("");
  r.hourly_rate_cents = f.OptionalInt64("hourly_rate_cents").value_or(0);
  r.minimum_minutes = f.OptionalInt("minimum_minutes").value_or(0);
  r.weekend_surcharge_bp = f.OptionalInt("weekend_surcharge_bp").value_or(0);
  r.holiday_surcharge_bp = f.OptionalInt("holiday_surcharge_bp").value_or(0);
  r.night_surcharge_bp = f.OptionalInt("night_surcharge_bp").value_or(0);
  std::string mode = f.OptionalString("surcharge_mode").value_or("compound");
  if (mode != "compound" && mode != "additive") {
    f.AddError("surcharge_mode", "compound ou additive.");
  }
  r.additive = mode == "additive";
  r.night_start_minutes = f.OptionalInt("night_start_minutes").value_or(22 * 60);
  r.night_end_minutes = f.OptionalInt("night_end_minutes").value_or(6 * 60);
  r.travel_base_cents = f.OptionalInt64("travel_flat_cents").value_or(0);
  r.travel_per_km_cents = f.OptionalInt64("travel_per_km_cents").value_or(0);
  r.free_km = f.OptionalInt("travel_free_km").value_or(0);
  r.vat_rate_bp = f.OptionalInt("vat_rate_bp").value_or(2000);
  return r;
}

}  // namespace

void AddCatalogueRoutes(Router& router, UseCases& use_cases) {
  const auto access = Access::Need(Permission::kQuotesManage);

  router.Add(
      "GET", "/api/v1/catalogue", access.Revalidated(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        long long limit = q.Int("limit", 50, 1, 500);
        long long offset = q.Int("offset", 0, 0, 1'000'000'000);
        std::string kind = q.Text("kind");
        if (!kind.empty() && !domain::IsCatalogueKind(kind)) {
          q.AddError("kind", "service, rental, product, fee ou travel.");
        }
        if (!q.ok()) return WriteError(res, q.ToError());
        auto page = use_cases.catalogue.ListItems(*ctx.principal, q.Text("q"), kind,
                                                  q.Flag("archived"), limit, offset);
        if (!page) return WriteError(res, page.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", page->items, WriteItem);
          out.Field("total", page->total);
          out.EndObject();
        });
      });
  router.Add(
      "POST", "/api/v1/catalogue", access,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto input = ReadItem(f);
        if (!f.ok()) return WriteError(res, f.ToError());
        auto row = use_cases.catalogue.CreateItem(*ctx.principal, std::move(input));
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteItem(out, *row); });
      });
  router.Add(
      "GET", "/api/v1/catalogue/:id", access,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto row = use_cases.catalogue.GetItem(*ctx.principal, *id);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteItem(out, *row); });
      });
  router.Add(
      "PUT", "/api/v1/catalogue/:id", access,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto input = ReadItem(f);
        if (!f.ok()) {
          auto exists = use_cases.catalogue.GetItem(*ctx.principal, *id);
          if (!exists) return WriteError(res, exists.error());
          return WriteError(res, f.ToError());
        }
        auto row = use_cases.catalogue.UpdateItem(*ctx.principal, *id, std::move(input));
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteItem(out, *row); });
      });

  router.Add(
      "GET", "/api/v1/pricing-rules", access.Revalidated(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto rows = use_cases.catalogue.ListRules(*ctx.principal,
                                                  req.get_param_value("archived") == "true");
        if (!rows) return WriteError(res, rows.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *rows, WriteRule);
          out.EndObject();
        });
      });
  router.Add(
      "POST", "/api/v1/pricing-rules", access,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto input = ReadRule(f);
        if (!f.ok()) return WriteError(res, f.ToError());
        auto row = use_cases.catalogue.CreateRule(*ctx.principal, std::move(input));
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteRule(out, *row); });
      });
  router.Add(
      "GET", "/api/v1/pricing-rules/:id", access,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto row = use_cases.catalogue.GetRule(*ctx.principal, *id);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteRule(out, *row); });
      });
  router.Add(
      "PUT", "/api/v1/pricing-rules/:id", access,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto input = ReadRule(f);
        if (!f.ok()) {
          auto exists = use_cases.catalogue.GetRule(*ctx.principal, *id);
          if (!exists) return WriteError(res, exists.error());
          return WriteError(res, f.ToError());
        }
        auto row = use_cases.catalogue.UpdateRule(*ctx.principal, *id, std::move(input));
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteRule(out, *row); });
      });

  for (bool archive : {true, false}) {
    const std::string suffix = archive ? "/archive" : "/restore";
    router.Add("POST", "/api/v1/catalogue/:id" + suffix, access,
               [&use_cases, archive](const httplib::Request&, httplib::Response& res,
                                     const RequestContext& ctx) {
                 auto id = PathId(ctx, "id");
                 if (!id) return WriteError(res, id.error());
                 auto done = use_cases.catalogue.ArchiveItem(*ctx.principal, *id, archive);
                 if (!done) return WriteError(res, done.error());
                 res.status = 204;
               });
    router.Add("POST", "/api/v1/pricing-rules/:id" + suffix, access,
               [&use_cases, archive](const httplib::Request&, httplib::Response& res,
                                     const RequestContext& ctx) {
                 auto id = PathId(ctx, "id");
                 if (!id) return WriteError(res, id.error());
                 auto done = use_cases.catalogue.ArchiveRule(*ctx.principal, *id, archive);
                 if (!done) return WriteError(res, done.error());
                 res.status = 204;
               });
  }

  // The quote lines a rule suggests for a mission (its stored times) or a time range.
  router.Add(
      "POST", "/api/v1/pricing-rules/:id/price", access,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        long long mission = f.OptionalInt64("mission_id").value_or(0);
        domain::Timestamp start{};
        domain::Timestamp end{};
        if (mission == 0) {
          start = f.RequiredInstant("starts_at");
          end = f.RequiredInstant("ends_at");
        }
        int distance = f.OptionalInt("distance_km").value_or(0);
        if (!f.ok()) {
          auto exists = use_cases.catalogue.GetRule(*ctx.principal, *id);
          if (!exists) return WriteError(res, exists.error());
          return WriteError(res, f.ToError());
        }
        auto s = use_cases.catalogue.Price(*ctx.principal, *id, mission, start, end, distance);
        if (!s) return WriteError(res, s.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("weekend", s->priced.weekend);
          out.Field("holiday", s->priced.holiday);
          out.Field("night", s->priced.night);
          out.Field("billed_minutes", s->priced.billed_minutes);
          out.Field("hourly_rate_cents", s->priced.hourly_rate_cents);
          out.ArrayField("lines", s->lines, [](JsonWriter& w, const app::SuggestedLine& l) {
            w.BeginObject();
            w.Field("kind", l.kind);
            w.Field("description", l.description);
            w.Field("unit", l.unit);
            w.Field("quantity_milli", l.quantity_milli);
            w.Field("unit_price_cents", l.unit_price_cents);
            w.Field("vat_rate_bp", l.vat_rate_bp);
            w.Field("net_cents", l.net_cents);
            w.EndObject();
          });
          out.Field("net_cents", s->net_cents);
          out.EndObject();
        });
      });
}

}  // namespace planify::http
