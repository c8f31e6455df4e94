#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/planning_json.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

void WriteTotals(JsonWriter& out, const app::ReportTotals& t) {
  out.BeginObject();
  out.Field("revenue_net_cents", t.revenue_net_cents);
  out.Field("vat_cents", t.vat_cents);
  out.Field("collected_cents", t.collected_cents);
  out.Field("invoices", t.invoices);
  out.Field("average_basket_cents", t.average_basket_cents);
  out.EndObject();
}

void WriteMonth(JsonWriter& out, const app::ReportMonth& m) {
  out.BeginObject();
  out.Field("month", m.month);
  out.Field("invoiced_net_cents", m.invoiced_net_cents);
  out.Field("credited_net_cents", m.credited_net_cents);
  out.Field("revenue_net_cents", m.revenue_net_cents);
  out.Field("vat_cents", m.vat_cents);
  out.Field("collected_cents", m.collected_cents);
  out.Field("invoices", m.invoices);
  out.EndObject();
}

void WriteClient(JsonWriter& out, const store::RevenueRow& r) {
  out.BeginObject();
  if (r.id > 0) {
    out.Field("client_id", r.id);
  } else {
    out.NullField("client_id");
  }
  out.Field("name", r.key);
  out.Field("revenue_net_cents", r.net_cents);
  out.Field("invoices", r.invoices);
  out.EndObject();
}

void WriteEventType(JsonWriter& out, const store::RevenueRow& r) {
  out.BeginObject();
  out.Field("event_type", r.key);
  out.Field("revenue_net_cents", r.net_cents);
  out.Field("invoices", r.invoices);
  out.EndObject();
}

}  // namespace

void AddReportRoutes(Router& router, UseCases& use_cases) {
  using domain::Permission;
  router.Add(
      "GET", "/api/v1/reports", Access::Need(Permission::kReportsRead),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams query(req);
        app::ReportRequest request;
        request.from = query.Text("from");
        request.to = query.Text("to");
        request.compare = req.has_param("compare") ? query.Text("compare") : "none";
        auto r = use_cases.reports.Get(*ctx.principal, request);
        if (!r) return WriteError(res, r.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("from", r->from);
          out.Field("to", r->to);
          out.Field("today", r->today);
          out.Key("comparison");
          if (r->comparison) {
            out.BeginObject();
            out.Field("kind", r->compare);
            out.Field("from", r->compare_from);
            out.Field("to", r->compare_to);
            out.Key("totals");
            WriteTotals(out, *r->comparison);
            out.ArrayField("by_month", r->comparison_by_month, WriteMonth);
            out.EndObject();
          } else {
            out.Null();
          }
          out.Key("totals");
          WriteTotals(out, r->totals);
          out.ArrayField("by_month", r->by_month, WriteMonth);
          out.ArrayField("by_client", r->by_client, WriteClient);
          out.ArrayField("by_event_type", r->by_event_type, WriteEventType);
          out.ArrayField("crew", r->crew, [](JsonWriter& o, const app::CrewFigures& c) {
            o.BeginObject();
            WriteCrewIds(o, c.user);
            o.Field("name", c.name);
            o.Field("missions", c.missions);
            o.Field("minutes", c.minutes);
            o.Field("revenue_net_cents", c.revenue_net_cents);
            o.EndObject();
          });
          out.ArrayField("equipment", r->equipment, [](JsonWriter& o, const app::ItemFigures& i) {
            o.BeginObject();
            o.Field("item_id", i.item);
            o.Field("name", i.name);
            o.Field("unit_days", i.unit_days);
            o.Field("owned", i.owned);
            o.Field("utilisation_bp", i.utilisation_bp);
            o.Field("revenue_net_cents", i.revenue_net_cents);
            o.EndObject();
          });
          const auto& q = r->quotes;
          out.Key("quotes");
          out.BeginObject();
          out.Field("issued", q.issued);
          out.Field("accepted", q.accepted);
          out.Field("declined", q.declined);
          out.Field("expired", q.expired);
          out.Field("waiting", q.waiting);
          out.Field("cancelled", q.cancelled);
          out.Field("conversion_bp", q.conversion_bp);
          out.Field("average_hours_to_sign", q.average_hours_to_sign);
          out.EndObject();
          const auto& b = r->bookings;
          out.Key("bookings");
          out.BeginObject();
          out.Field("received", b.received);
          out.Field("open", b.open);
          out.Field("won", b.won);
          out.Field("lost", b.lost);
          out.Field("spam", b.spam);
          out.Field("won_rate_bp", b.won_rate_bp);
          out.EndObject();
          out.ArrayField("ageing", r->ageing, [](JsonWriter& o, const app::AgeingFigures& a) {
            o.BeginObject();
            o.Field("bucket", a.bucket);
            o.Field("invoices", a.invoices);
            o.Field("remaining_cents", a.remaining_cents);
            o.EndObject();
          });
          out.Key("franchise");
          if (r->franchise) {
            const auto& f = *r->franchise;
            const auto& t = domain::kFranchise2026;
            out.BeginObject();
            out.Field("year", f.year);
            out.Field("services_cents", f.services_cents);
            out.Field("total_cents", f.total_cents);
            out.Field("previous_services_cents", f.previous_services_cents);
            out.Field("previous_total_cents", f.previous_total_cents);
            out.Field("status", f.status);
            out.Field("previous_status", f.previous_status);
            out.Key("thresholds");
            out.BeginObject();
            out.Field("services_base_cents", t.services_base_cents);
            out.Field("services_upper_cents", t.services_upper_cents);
            out.Field("total_base_cents", t.total_base_cents);
            out.Field("total_upper_cents", t.total_upper_cents);
            out.EndObject();
            out.EndObject();
          } else {
            out.Null();
          }
          out.EndObject();
        });
      });
}

}  // namespace planify::http
