#include <charconv>
#include <nlohmann/json.hpp>

#include "domain/validation.hpp"
#include "http/errors.hpp"
#include "http/routes/routes.hpp"
#include "integrations/email/templates.hpp"

namespace planify::http {

namespace {

nlohmann::json OrNull(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

nlohmann::json EmailSummary(const store::EmailRow& e) {
  return {{"id", e.id},
          {"to", e.draft.to_address},
          {"to_name", e.draft.to_name},
          {"subject", e.draft.subject},
          {"template", e.draft.template_name ? nlohmann::json(*e.draft.template_name)
                                             : nlohmann::json(nullptr)},
          {"status", e.status},
          {"provider", OrNull(e.provider)},
          {"attempts", e.attempts},
          {"last_error", OrNull(e.last_error)},
          {"created_at", e.created_at},
          {"sent_at", OrNull(e.sent_at)}};
}

// A positive integer query parameter, `fallback` when absent; nullopt when malformed.
std::optional<long long> QueryNumber(const httplib::Request& req, const char* name,
                                     long long fallback, long long max) {
  if (!req.has_param(name)) return fallback;
  std::string text = req.get_param_value(name);
  long long v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v < 1 || v > max) {
    return std::nullopt;
  }
  return v;
}

// A filename safe inside a quoted header value: other characters become '_'.
std::string SafeFilename(const std::string& name) {
  std::string out;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || c == '_';
    out.push_back(ok ? c : '_');
  }
  return out.empty() ? "attachment" : out.substr(0, 120);
}

}  // namespace

void AddAdminRoutes(Router& router, UseCases& use_cases) {
  using domain::Permission;

  router.Add(
      "GET", "/api/v1/admin/emails", Access::Need(Permission::kEmailOutboxRead),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto limit = QueryNumber(req, "limit", 50, 200);
        auto before = QueryNumber(req, "before", 0, 1LL << 62);
        domain::FieldErrors errors;
        if (!limit) errors.Add("limit", "Nombre entier attendu (1 à 200).");
        if (!before) errors.Add("before", "Identifiant entier positif attendu.");
        if (!errors.empty()) return WriteError(res, errors.ToError());
        auto emails =
            use_cases.operations.ListEmails(*ctx.principal, static_cast<int>(*limit), *before);
        if (!emails) return WriteError(res, emails.error());
        auto items = nlohmann::json::array();
        for (const auto& e : *emails) items.push_back(EmailSummary(e));
        nlohmann::json next = nullptr;
        if (static_cast<long long>(emails->size()) == *limit) next = emails->back().id;
        WriteJson(res, 200, {{"items", std::move(items)}, {"next_before", next}});
      });

  router.Add(
      "GET", "/api/v1/admin/emails/:id", Access::Need(Permission::kEmailOutboxRead),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto email = use_cases.operations.GetEmail(*ctx.principal, *id);
        if (!email) return WriteError(res, email.error());
        auto json = EmailSummary(*email);
        json["from_name"] = email->draft.from_name;
        json["reply_to"] = email->draft.reply_to ? nlohmann::json(*email->draft.reply_to)
                                                 : nlohmann::json(nullptr);
        json["html"] = email->draft.html;
        json["text"] = email->draft.text;
        auto attachments = nlohmann::json::array();
        for (std::size_t i = 0; i < email->draft.attachments.size(); ++i) {
          const auto& a = email->draft.attachments[i];
          attachments.push_back({{"index", i},
                                 {"filename", a.filename},
                                 {"content_type", a.content_type},
                                 {"size", a.content.size()}});
        }
        json["attachments"] = std::move(attachments);
        WriteJson(res, 200, json);
      });

  router.Add(
      "GET", "/api/v1/admin/emails/:id/attachments/:index",
      Access::Need(Permission::kEmailOutboxRead),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto email = use_cases.operations.GetEmail(*ctx.principal, *id);
        if (!email) return WriteError(res, email.error());
        auto it = ctx.params.find("index");
        std::size_t index = 0;
        const std::string& text = it->second;
        auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), index);
        if (ec != std::errc() || ptr != text.data() + text.size() ||
            index >= email->draft.attachments.size()) {
          return WriteError(res, MakeError(ErrorCode::kNotFound, "Pièce jointe introuvable."));
        }
        const auto& a = email->draft.attachments[index];
        res.status = 200;
        res.set_header("Cache-Control", "no-store");
        res.set_header("Content-Disposition",
                       "attachment; filename=\"" + SafeFilename(a.filename) + "\"");
        res.set_content(a.content, a.content_type);
      });

  router.Add(
      "GET", "/api/v1/admin/jobs", Access::Need(Permission::kJobsManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto jobs = use_cases.operations.ListDeadJobs(*ctx.principal);
        if (!jobs) return WriteError(res, jobs.error());
        auto items = nlohmann::json::array();
        for (const auto& j : *jobs) {
          items.push_back({{"id", j.id},
                           {"type", j.type},
                           {"status", std::string(store::JobStatusName(j.status))},
                           {"attempts", j.attempts},
                           {"max_attempts", j.max_attempts},
                           {"last_error", OrNull(j.last_error)},
                           {"created_at", j.created_at},
                           {"finished_at", OrNull(j.finished_at)}});
        }
        WriteJson(res, 200, {{"items", std::move(items)}});
      });

  router.Add(
      "POST", "/api/v1/admin/jobs/:id/retry", Access::Need(Permission::kJobsManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto done = use_cases.operations.RetryJob(*ctx.principal, *id, ctx.meta);
        if (!done) return WriteError(res, done.error());
        WriteJson(res, 202, {{"queued", true}});
      });

  router.Add("GET", "/api/v1/admin/email-templates", Access::Need(Permission::kEmailOutboxRead),
             [](const httplib::Request&, httplib::Response& res, const RequestContext&) {
               WriteJson(res, 200, {{"items", integrations::EmailTemplateNames()}});
             });

  router.Add(
      "GET", "/api/v1/admin/email-templates/:name/preview",
      Access::Need(Permission::kEmailOutboxRead),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        std::string locale = req.has_param("locale") ? req.get_param_value("locale") : "fr";
        auto rendered =
            use_cases.operations.PreviewTemplate(*ctx.principal, ctx.params.at("name"), locale);
        if (!rendered) return WriteError(res, rendered.error());
        WriteJson(
            res, 200,
            {{"subject", rendered->subject}, {"html", rendered->html}, {"text", rendered->text}});
      });
}

}  // namespace planify::http
