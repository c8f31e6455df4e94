#include "app/email/webhooks.hpp"
#include "http/errors.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

void AddWebhookRoutes(Router& router, const Services& services, UseCases& use_cases) {
  // Stripe: one address per organisation (its token says whose signing secret checks it). A
  // bad signature is 400 and nothing is written; a verified event is stored, then applied by a
  // job (docs/payments.md).
  router.Add(
      "POST", "/api/v1/webhooks/stripe/:token", Access::Public(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto receipt = use_cases.payments.ReceiveStripe(
            ctx.params.at("token"), req.get_header_value("Stripe-Signature"), req.body);
        if (!receipt) return WriteError(res, receipt.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("received", true);
          out.Field("duplicate", receipt->duplicate);
          out.EndObject();
        });
      });
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
