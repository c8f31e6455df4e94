#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

void WriteNotification(JsonWriter& out, const store::NotificationRow& n) {
  out.BeginObject();
  out.Field("id", n.id);
  out.Field("kind", n.kind);
  out.Field("subject_type", n.subject_type);
  out.Field("subject_id", n.subject_id);
  out.Field("path", domain::NotificationPath(n.subject_type, n.subject_id));
  auto data = nlohmann::json::parse(n.data_json, nullptr, false);
  out.Field("data", data.is_object() ? data : nlohmann::json::object());
  out.Field("created_at", n.created_at);
  out.TextOrNull("read_at", n.read_at);
  out.EndObject();
}

void WritePreferences(JsonWriter& out, const std::vector<app::PreferenceView>& list) {
  out.BeginObject();
  out.Key("preferences");
  out.BeginArray();
  for (const auto& p : list) {
    const auto& info = domain::InfoOf(p.kind);
    out.BeginObject();
    out.Field("kind", info.name);
    out.Field("in_app", p.preference.in_app);
    out.Field("email", domain::EmailDeliveryName(p.preference.email));
    out.Field("push", p.preference.push);
    out.EndObject();
  }
  out.EndArray();
  out.EndObject();
}

// {"preferences":[{"kind","in_app","email","push"}]}: every problem reported at once.
Result<std::vector<app::PreferenceView>> ReadPreferences(const nlohmann::json& body) {
  domain::FieldErrors errors;
  std::vector<app::PreferenceView> out;
  if (!body.contains("preferences") || !body["preferences"].is_array()) {
    errors.Add("preferences", "Liste de préférences attendue.");
    return Fail(errors.ToError());
  }
  const auto& list = body["preferences"];
  if (list.size() > 50) {
    errors.Add("preferences", "50 préférences au plus.");
    return Fail(errors.ToError());
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = "preferences[" + std::to_string(i) + "].";
    const auto& item = list[i];
    if (!item.is_object()) {
      errors.Add("preferences[" + std::to_string(i) + "]", "Objet attendu.");
      continue;
    }
    app::PreferenceView view;
    auto kind = item.contains("kind") && item["kind"].is_string()
                    ? domain::ParseNotificationKind(item["kind"].get<std::string>())
                    : std::nullopt;
    if (!kind) {
      errors.Add(at + "kind", "Type de notification inconnu.");
    } else {
      view.kind = *kind;
    }
    if (!item.contains("in_app") || !item["in_app"].is_boolean()) {
      errors.Add(at + "in_app", "true ou false attendu.");
    } else {
      view.preference.in_app = item["in_app"].get<bool>();
    }
    if (!item.contains("push") || !item["push"].is_boolean()) {
      errors.Add(at + "push", "true ou false attendu.");
    } else {
      view.preference.push = item["push"].get<bool>();
    }
    auto email = item.contains("email") && item["email"].is_string()
                     ? domain::ParseEmailDelivery(item["email"].get<std::string>())
                     : std::nullopt;
    if (!email) {
      errors.Add(at + "email", "off, immediate ou digest attendu.");
    } else {
      view.preference.email = *email;
    }
    out.push_back(view);
  }
  if (!errors.empty()) return Fail(errors.ToError());
  return out;
}

}  // namespace

void AddNotificationRoutes(Router& router, UseCases& use_cases) {
  using domain::Permission;
  // Every member has notifications; each call is about the caller's own (docs/notifications.md).
  // No ETag: reading one is the member's own write, not the organisation's.
  const auto member = Access::Need(Permission::kOrganizationRead);
  router.Add(
      "GET", "/api/v1/notifications", member,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        const auto limit = q.Int("limit", 20, 1, app::NotificationsService::kMaxLimit);
        const auto before = q.Int("before", 0, 0, 9'000'000'000'000'000'000LL);
        if (!q.ok()) return WriteError(res, q.ToError());
        auto list = use_cases.notifications.List(*ctx.principal, before, static_cast<int>(limit),
                                                 q.Flag("unread"));
        if (!list) return WriteError(res, list.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", list->items, WriteNotification);
          out.Field("unread", list->unread);
          out.Field("more", list->more);
          out.EndObject();
        });
      });
  router.Add(
      "GET", "/api/v1/notifications/unread-count", member,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto count = use_cases.notifications.UnreadCount(*ctx.principal);
        if (!count) return WriteError(res, count.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("unread", *count);
          out.EndObject();
        });
      });
  router.Add(
      "POST", "/api/v1/notifications/:id/read", member,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto done = use_cases.notifications.MarkRead(*ctx.principal, *id);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });
  router.Add(
      "POST", "/api/v1/notifications/read-all", member,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto marked = use_cases.notifications.MarkAllRead(*ctx.principal);
        if (!marked) return WriteError(res, marked.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("marked", *marked);
          out.EndObject();
        });
      });
  router.Add(
      "GET", "/api/v1/notifications/preferences", member,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto list = use_cases.notifications.Preferences(*ctx.principal);
        if (!list) return WriteError(res, list.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WritePreferences(out, *list); });
      });
  router.Add(
      "PUT", "/api/v1/notifications/preferences", member,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        auto choices = ReadPreferences(*body);
        if (!choices) return WriteError(res, choices.error());
        auto saved = use_cases.notifications.SetPreferences(*ctx.principal, *choices);
        if (!saved) return WriteError(res, saved.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WritePreferences(out, *saved); });
      });
  // Web Push: the key browsers subscribe with, and the caller's devices.
  router.Add("GET", "/api/v1/push/key", member,
             [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext&) {
               auto key = use_cases.notifications.VapidPublicKey();
               if (!key) return WriteError(res, key.error());
               WriteJsonWith(res, 200, [&](JsonWriter& out) {
                 out.BeginObject();
                 out.Field("public_key", *key);
                 out.EndObject();
               });
             });
  router.Add(
      "POST", "/api/v1/push/subscriptions", member,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        const std::string endpoint = f.RequiredString("endpoint");
        std::string p256dh;
        std::string auth;
        if (body->contains("keys") && (*body)["keys"].is_object()) {
          JsonFields keys((*body)["keys"]);
          p256dh = keys.RequiredString("p256dh");
          auth = keys.RequiredString("auth");
          if (!keys.ok()) f.AddError("keys", "p256dh et auth attendus.");
        } else {
          f.AddError("keys", "p256dh et auth attendus.");
        }
        if (!f.ok()) return WriteError(res, f.ToError());
        auto id = use_cases.notifications.Subscribe(*ctx.principal, endpoint, p256dh, auth,
                                                    req.get_header_value("User-Agent"));
        if (!id) return WriteError(res, id.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("id", *id);
          out.EndObject();
        });
      });
  router.Add(
      "POST", "/api/v1/push/unsubscribe", member,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        const std::string endpoint = f.RequiredString("endpoint");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto done = use_cases.notifications.Unsubscribe(*ctx.principal, endpoint);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });
}

}  // namespace planify::http
