#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"

// The client space (docs/booking.md "Client space").
namespace planify::http {

namespace {

void WriteLink(JsonWriter& out, const app::ClientSpaceLink& link) {
  const auto& r = link.row;
  out.BeginObject();
  out.Field("id", r.id);
  out.Field("state", link.state);
  out.Field("email", r.email);
  out.TextOrNull("created_by_name", r.created_by_name);
  out.Field("created_at", r.created_at);
  out.Field("expires_at", r.expires_at);
  out.TextOrNull("revoked_at", r.revoked_at);
  out.TextOrNull("last_opened_at", r.last_opened_at);
  out.Field("open_count", r.open_count);
  out.EndObject();
}

void WriteMessage(JsonWriter& out, const store::ClientSpaceMessageRow& m) {
  out.BeginObject();
  out.Field("id", m.id);
  out.Field("body", m.body);
  out.Field("created_at", m.created_at);
  out.EndObject();
}

void WritePage(JsonWriter& out, const app::ClientSpacePage& p) {
  out.BeginObject();
  out.Field("organization_name", p.organization_name);
  out.TextOrNull("logo_url", p.logo_url);
  out.TextOrNull("brand_color", p.brand_color);
  out.TextOrNull("organization_email", p.organization_email);
  out.TextOrNull("organization_phone", p.organization_phone);
  out.Field("client_name", p.client_name);
  out.Field("expires_at", p.expires_at);
  out.Field("time_zone", p.time_zone);
  out.ArrayField("quotes", p.quotes, [](JsonWriter& o, const app::SpaceQuote& q) {
    o.BeginObject();
    o.Field("id", q.id);
    o.Field("number", q.number);
    o.Field("title", q.title);
    o.Field("status", q.status);
    o.Field("gross_cents", q.gross_cents);
    o.TextOrNull("issue_date", q.issue_date);
    o.TextOrNull("valid_until", q.valid_until);
    o.Field("can_open", q.can_open);
    o.EndObject();
  });
  out.ArrayField("invoices", p.invoices, [](JsonWriter& o, const app::SpaceInvoice& i) {
    o.BeginObject();
    o.Field("id", i.id);
    o.Field("number", i.number);
    o.Field("title", i.title);
    o.Field("kind", i.kind);
    o.Field("status", i.status);
    o.Field("gross_cents", i.gross_cents);
    o.Field("remaining_cents", i.remaining_cents);
    o.TextOrNull("issue_date", i.issue_date);
    o.TextOrNull("due_date", i.due_date);
    o.EndObject();
  });
  out.ArrayField("events", p.events, [](JsonWriter& o, const app::SpaceEvent& e) {
    o.BeginObject();
    o.Field("title", e.title);
    o.Field("status", e.status);
    o.Field("date", e.date);
    o.TextOrNull("starts_at", e.starts_at);
    o.TextOrNull("ends_at", e.ends_at);
    o.TextOrNull("venue", e.venue);
    o.TextOrNull("lead_name", e.lead_name);
    o.TextOrNull("lead_email", e.lead_email);
    o.EndObject();
  });
  out.ArrayField("messages", p.messages, WriteMessage);
  out.EndObject();
}

}  // namespace

void AddClientSpaceRoutes(Router& router, UseCases& use_cases) {
  using domain::Permission;

  // ---- The client's side: the token is the only key; nothing here needs a session.
  router.Add(
      "GET", "/api/v1/public/client-space/:token", Access::Public(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto page = use_cases.client_space.Open(ctx.params.at("token"), ctx.meta);
        if (!page) return WriteError(res, page.error());
        res.set_header("Cache-Control", "no-store");
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WritePage(out, *page); });
      });
  router.Add(
      "POST", "/api/v1/public/client-space/:token/documents", Access::Public(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto kind = f.RequiredString("kind");
        auto id = f.OptionalInt64("id");
        if (kind != "quote" && kind != "invoice") f.AddError("kind", "« quote » ou « invoice ».");
        if (!id || *id <= 0) f.AddError("id", "Un identifiant de document.");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto url = use_cases.client_space.DocumentUrl(ctx.params.at("token"), kind, *id, ctx.meta);
        if (!url) return WriteError(res, url.error());
        res.set_header("Cache-Control", "no-store");
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("url", *url);
          out.EndObject();
        });
      });
  router.Add(
      "GET", "/api/v1/public/client-space/:token/quotes/:id/pdf", Access::Public().Queued(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto pdf = use_cases.client_space.QuotePdf(ctx.params.at("token"), *id, ctx.meta);
        if (!pdf) return WriteError(res, pdf.error());
        WritePdfResponse(res, *pdf);
      });
  router.Add(
      "POST", "/api/v1/public/client-space/:token/messages", Access::Public(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto message = f.OptionalString("message").value_or("");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto saved = use_cases.client_space.Message(ctx.params.at("token"), message, ctx.meta);
        if (!saved) return WriteError(res, saved.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteMessage(out, *saved); });
      });
  router.Add(
      "POST", "/api/v1/public/booking/:slug/client-space", Access::Public(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto email = f.OptionalString("email").value_or("");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto done = use_cases.client_space.RequestLink(ctx.params.at("slug"), email, ctx.meta);
        if (!done) return WriteError(res, done.error());
        WriteJsonWith(res, 202, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("sent_if_known", true);
          out.EndObject();
        });
      });

  // ---- The office, on a client's page.
  router.Add(
      "GET", "/api/v1/clients/:id/space", Access::Need(Permission::kClientsRead),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto office = use_cases.client_space.Office(*ctx.principal, *id);
        if (!office) return WriteError(res, office.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("links", office->links, WriteLink);
          out.ArrayField("messages", office->messages, WriteMessage);
          out.EndObject();
        });
      });
  router.Add(
      "POST", "/api/v1/clients/:id/space/links", Access::Need(Permission::kClientsManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        app::IssueSpaceLink input;
        input.email = f.OptionalString("email").value_or("");
        input.days = f.OptionalInt("days").value_or(30);
        input.send = f.OptionalBool("send", true);
        if (!f.ok()) return WriteError(res, f.ToError());
        auto issued = use_cases.client_space.Issue(*ctx.principal, ctx.meta, *id, input);
        if (!issued) return WriteError(res, issued.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) {
          out.BeginObject();
          out.Key("link");
          WriteLink(out, issued->link);
          out.Field("url", issued->url);
          out.Field("emailed", issued->emailed);
          out.EndObject();
        });
      });
  router.Add(
      "DELETE", "/api/v1/clients/:id/space/links/:link_id",
      Access::Need(Permission::kClientsManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto link = PathId(ctx, "link_id");
        if (!link) return WriteError(res, link.error());
        auto revoked = use_cases.client_space.Revoke(*ctx.principal, ctx.meta, *id, *link);
        if (!revoked) return WriteError(res, revoked.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteLink(out, *revoked); });
      });
}

}  // namespace planify::http
