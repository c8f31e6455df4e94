#include "app/email/webhooks.hpp"
#include "http/errors.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

void AddWebhookRoutes(Router& router, const Services& services) {
  // Authenticated by its Svix signature, not by a session: no CSRF, no cookie.
  router.Add(
      "POST", "/api/v1/webhooks/resend", Access::Public(),
      [&services](const httplib::Request& req, httplib::Response& res, const RequestContext&) {
        if (services.resend_webhook_secret.empty()) {
          return WriteError(
              res, MakeError(ErrorCode::kNotFound,
                             "Webhook Resend non configuré (PLANIFY_RESEND_WEBHOOK_SECRET)."));
        }
        app::SvixHeaders headers{req.get_header_value("svix-id"),
                                 req.get_header_value("svix-timestamp"),
                                 req.get_header_value("svix-signature")};
        auto outcome = app::HandleResendWebhook(*services.db, *services.clock,
                                                services.resend_webhook_secret, headers, req.body);
        if (!outcome) return WriteError(res, outcome.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("received", true);
          out.Field("duplicate", outcome->duplicate);
          out.EndObject();
        });
      });
}

}  // namespace planify::http
