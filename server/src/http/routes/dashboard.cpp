#include "http/errors.hpp"
#include "http/routes/planning_json.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

// A mission starting within this long whose gear is not all out yet needs the depot.
constexpr auto kGearSoon = std::chrono::hours(36);

void WriteMission(JsonWriter& out, const store::DashboardMission& m, domain::Timestamp now) {
  out.BeginObject();
  out.Field("id", m.id);
  out.Field("title", m.title);
  out.Field("status", m.status);
  out.Field("starts_at", m.starts_at);
  out.Field("ends_at", m.ends_at);
  out.Field("address", m.address);
  out.Field("venue_name", m.venue_name);
  out.Field("client_name", m.client_name);
  out.Key("crew");
  out.BeginArray();
  bool dj = false;
  for (const auto& c : m.crew) {
    dj = dj || c.position == "dj";
    out.BeginObject();
    WriteCrewIds(out, c.user);
    out.Field("name", c.name);
    out.Field("position", c.position);
    out.Field("lead", c.lead);
    out.EndObject();
  }
  out.EndArray();
  out.Field("gear_booked", m.gear_booked);
  out.Field("gear_out", m.gear_out);
  // What the office should look at.
  out.Key("gaps");
  out.BeginArray();
  if (m.crew.empty()) {
    out.String("no_crew");
  } else if (!dj) {
    out.String("no_dj");
  }
  auto starts = domain::ParseIsoUtc(m.starts_at);
  if (m.gear_out < m.gear_booked && starts && *starts > now && *starts - now <= kGearSoon) {
    out.String("gear_not_out");
  }
  out.EndArray();
  out.EndObject();
}

void WriteInvoice(JsonWriter& out, const store::DashboardInvoice& i) {
  out.BeginObject();
  out.Field("id", i.id);
  out.Field("number", i.number);
  out.Field("client_name", i.client_name);
  out.TextOrNull("due_date", i.due_date);
  out.Field("remaining_cents", i.remaining_cents);
  out.EndObject();
}

void WriteGearOut(JsonWriter& out, const store::OutRow& o) {
  out.BeginObject();
  out.Field("mission_id", o.mission);
  out.Field("mission_title", o.mission_title);
  out.Field("mission_ends_at", o.mission_ends_at);
  out.Field("item_id", o.item);
  out.Field("item_name", o.item_name);
  out.Field("quantity", o.quantity);
  out.Field("since", o.since);
  out.Field("lead_name", o.lead_name);
  out.EndObject();
}

}  // namespace

void AddDashboardRoutes(Router& router, const Services& services, UseCases& use_cases) {
  using domain::Permission;
  router.Add("GET", "/api/v1/dashboard",
             Access::NeedAny(Permission::kMissionsReadOwn, Permission::kMissionsReadAll),
             [&use_cases, &services](const httplib::Request&, httplib::Response& res,
                                     const RequestContext& ctx) {
               auto d = use_cases.dashboard.Get(*ctx.principal);
               if (!d) return WriteError(res, d.error());
               const auto now = services.clock->Now();
               WriteJsonWith(res, 200, [&](JsonWriter& out) {
                 out.BeginObject();
                 out.Field("today", d->today);
                 out.Field("time_zone", d->time_zone);
                 out.Field("whole_team", d->whole_team);
                 out.Key("agenda");
                 out.BeginArray();
                 for (const auto& m : d->agenda) WriteMission(out, m, now);
                 out.EndArray();
                 out.Key("money");
                 if (d->money) {
                   const auto& m = *d->money;
                   out.BeginObject();
                   out.Field("invoiced_net_cents", m.invoiced_net_cents);
                   out.Field("invoiced_net_last_year_cents", m.invoiced_net_last_year_cents);
                   out.Field("collected_cents", m.collected_cents);
                   out.Field("due_cents", m.due_cents);
                   out.Field("overdue_cents", m.overdue_cents);
                   out.Field("overdue_count", m.overdue_count);
                   out.ArrayField("overdue", m.overdue, WriteInvoice);
                   out.Field("deposits_cents", m.deposits_cents);
                   out.Field("deposits_count", m.deposits_count);
                   out.ArrayField("deposits", m.deposits, WriteInvoice);
                   out.EndObject();
                 } else {
                   out.Null();
                 }
                 out.Key("quotes");
                 if (d->quotes) {
                   out.BeginObject();
                   out.Field("awaiting", d->quotes->awaiting);
                   out.Field("awaiting_gross_cents", d->quotes->awaiting_gross_cents);
                   out.Key("expiring");
                   out.BeginArray();
                   for (const auto& q : d->quotes->expiring) {
                     out.BeginObject();
                     out.Field("id", q.id);
                     out.Field("number", q.number);
                     out.Field("client_name", q.client_name);
                     out.Field("valid_until", q.valid_until);
                     out.Field("gross_cents", q.gross_cents);
                     out.EndObject();
                   }
                   out.EndArray();
                   out.EndObject();
                 } else {
                   out.Null();
                 }
                 out.Key("late_gear");
                 if (d->late_gear) {
                   out.BeginArray();
                   for (const auto& o : *d->late_gear) WriteGearOut(out, o);
                   out.EndArray();
                 } else {
                   out.Null();
                 }
                 out.Key("maintenance_due");
                 if (d->maintenance_due) {
                   out.BeginArray();
                   for (const auto& c : *d->maintenance_due) {
                     out.BeginObject();
                     out.Field("item_id", c.item);
                     out.Field("name", c.name);
                     out.Field("category", c.category);
                     out.Field("due_on", c.due_on);
                     out.Field("overdue", c.overdue);
                     out.EndObject();
                   }
                   out.EndArray();
                 } else {
                   out.Null();
                 }
                 out.Key("time_off");
                 out.BeginArray();
                 for (const auto& t : d->time_off) {
                   out.BeginObject();
                   out.Field("id", t.id);
                   out.InstantField("starts_at", t.period.starts_at);
                   out.InstantField("ends_at", t.period.ends_at);
                   out.Field("reason", t.period.reason);
                   out.Field("source", t.source);
                   out.EndObject();
                 }
                 out.EndArray();
                 out.ArrayField("my_gear", d->my_gear, WriteGearOut);
                 out.EndObject();
               });
             });
}

}  // namespace planify::http
