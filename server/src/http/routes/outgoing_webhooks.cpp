#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

void WriteEndpoint(JsonWriter& out, const store::WebhookEndpoint& e) {
  out.BeginObject();
  out.Field("id", e.id);
  out.Field("url", e.url);
  out.Field("description", e.description);
  out.Key("events");
  out.BeginArray();
  for (const auto& name : e.events) out.String(name);
  out.EndArray();
  out.Field("status", e.status);
  out.Field("consecutive_failures", e.consecutive_failures);
  out.Field("disabled_reason", e.disabled_reason);
  out.TextOrNull("disabled_at", e.disabled_at);
  out.Field("created_at", e.created_at);
  out.Field("updated_at", e.updated_at);
  out.EndObject();
}

void WriteWithSecret(JsonWriter& out, const app::WebhookWithSecret& w) {
  out.BeginObject();
  out.Key("endpoint");
  WriteEndpoint(out, w.endpoint);
  out.Field("secret", w.secret);
  out.EndObject();
}

void WriteDelivery(JsonWriter& out, const store::WebhookDelivery& d) {
  out.BeginObject();
  out.Field("id", d.id);
  out.Field("endpoint_id", d.endpoint);
  out.Field("event", d.event_name);
  out.Field("status", d.status);
  out.Field("attempts", d.attempts);
  out.Field("response_status", d.response_status);
  out.Field("response_ms", d.response_ms);
  out.Field("error", d.error);
  out.Field("replay_of", d.replay_of);
  out.Field("payload", nlohmann::json::parse(d.payload, nullptr, false));
  out.Field("created_at", d.created_at);
  out.TextOrNull("last_attempt_at", d.last_attempt_at);
  out.TextOrNull("delivered_at", d.delivered_at);
  out.EndObject();
}

app::WebhookInput ReadInput(JsonFields& f, const nlohmann::json& body) {
  app::WebhookInput input;
  input.url = f.OptionalString("url");
  input.description = f.OptionalString("description");
  if (body.contains("events")) input.events = f.RequiredStringArray("events");
  if (body.contains("active")) {
    if (!body["active"].is_boolean()) {
      f.AddError("active", "true ou false.");
    } else {
      input.active = body["active"].get<bool>();
    }
  }
  return input;
}

}  // namespace

void AddOutgoingWebhookRoutes(Router& router, UseCases& use_cases) {
  using domain::Permission;
  const auto admin = Access::Need(Permission::kOrganizationManage);
  router.Add(
      "GET", "/api/v1/webhooks", admin,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto list = use_cases.webhooks.List(*ctx.principal);
        if (!list) return WriteError(res, list.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *list, WriteEndpoint);
          out.Key("events");
          out.BeginArray();
          for (auto name : domain::BusinessEventNames()) out.String(name);
          out.EndArray();
          out.EndObject();
        });
      });
  router.Add(
      "POST", "/api/v1/webhooks", admin,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto input = ReadInput(f, *body);
        if (!f.ok()) return WriteError(res, f.ToError());
        auto created = use_cases.webhooks.Create(*ctx.principal, ctx.meta, input);
        if (!created) return WriteError(res, created.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteWithSecret(out, *created); });
      });
  router.Add(
      "PATCH", "/api/v1/webhooks/:id", admin,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto input = ReadInput(f, *body);
        if (!f.ok()) return WriteError(res, f.ToError());
        auto updated = use_cases.webhooks.Update(*ctx.principal, ctx.meta, *id, input);
        if (!updated) return WriteError(res, updated.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteEndpoint(out, *updated); });
      });
  router.Add(
      "DELETE", "/api/v1/webhooks/:id", admin,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto done = use_cases.webhooks.Delete(*ctx.principal, ctx.meta, *id);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });
  router.Add(
      "POST", "/api/v1/webhooks/:id/rotate-secret", admin,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto rotated = use_cases.webhooks.RotateSecret(*ctx.principal, ctx.meta, *id);
        if (!rotated) return WriteError(res, rotated.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteWithSecret(out, *rotated); });
      });
  router.Add(
      "POST", "/api/v1/webhooks/:id/ping", admin,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto sent = use_cases.webhooks.Ping(*ctx.principal, ctx.meta, *id);
        if (!sent) return WriteError(res, sent.error());
        WriteJsonWith(res, 202, [&](JsonWriter& out) { WriteDelivery(out, *sent); });
      });
  router.Add(
      "GET", "/api/v1/webhooks/:id/deliveries", admin,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto list = use_cases.webhooks.Deliveries(*ctx.principal, *id);
        if (!list) return WriteError(res, list.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *list, WriteDelivery);
          out.EndObject();
        });
      });
  router.Add(
      "POST", "/api/v1/webhooks/:id/deliveries/:delivery/replay", admin,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto delivery = PathId(ctx, "delivery");
        if (!delivery) return WriteError(res, delivery.error());
        auto sent = use_cases.webhooks.Replay(*ctx.principal, ctx.meta, *id, *delivery);
        if (!sent) return WriteError(res, sent.error());
        WriteJsonWith(res, 202, [&](JsonWriter& out) { WriteDelivery(out, *sent); });
      });
}

}  // namespace planify::http
