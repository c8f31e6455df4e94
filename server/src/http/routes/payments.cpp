#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

using domain::Permission;
using nlohmann::json;

void WriteAccount(JsonWriter& out, const app::PaymentAccountView& a) {
  out.BeginObject();
  out.Field("provider", "stripe");
  out.Field("connected", a.connected);
  out.TextOrNull("key_hint", a.key_hint);
  out.Field("livemode", a.livemode);
  out.Field("webhook_secret_set", a.webhook_secret_set);
  out.TextOrNull("webhook_url", a.webhook_url);
  out.TextOrNull("checked_at", a.checked_at);
  if (a.check_ok) {
    out.Field("check_ok", *a.check_ok);
  } else {
    out.NullField("check_ok");
  }
  out.Field("check_message", a.check_message);
  out.Field("account_name", a.account_name);
  out.TextOrNull("last_event_at", a.last_event_at);
  out.EndObject();
}

void WriteRefund(JsonWriter& out, const store::RefundRow& r) {
  out.BeginObject();
  out.Field("id", r.id);
  out.Field("payment_id", r.payment_id);
  out.Field("amount_cents", r.amount_cents);
  out.Field("reason", r.reason);
  out.Field("status", r.status);
  out.Field("requested_by", r.requested_by_name);
  out.TextOrNull("failure_reason", r.failure_reason);
  out.Field("created_at", r.created_at);
  out.EndObject();
}

void WriteRefunds(JsonWriter& out, const app::PaymentRefunds& refunds) {
  out.BeginObject();
  out.Key("payment");
  WritePaymentJson(out, refunds.payment);
  out.ArrayField("refunds", refunds.refunds, WriteRefund);
  out.EndObject();
}

void WriteCheckoutStart(JsonWriter& out, const app::CheckoutStart& start) {
  out.BeginObject();
  out.Field("url", start.url);
  out.Field("amount_cents", start.amount_cents);
  out.Field("reused", start.reused);
  out.EndObject();
}

// One reminder that went out: the step (or the quote follow-up's kind) and its e-mail's fate.
void WriteReminderHistory(JsonWriter& o, const store::ReminderHistoryRow& h) {
  o.BeginObject();
  o.Field("step", h.step);
  o.Field("tone", h.tone);
  o.Field("sent_on", h.sent_on);
  o.Field("email_id", h.email_id);
  o.TextOrNull("email_status", h.email_status);
  o.Field("to", h.to_address);
  o.Field("created_at", h.created_at);
  o.EndObject();
}

void WritePublicPayment(JsonWriter& out, const store::PaymentRecord& p) {
  out.BeginObject();
  out.Field("number", p.number);
  out.Field("method", p.method);
  out.Field("amount_cents", p.amount_cents);
  out.Field("refunded_cents", p.refunded_cents);
  out.Field("received_on", p.received_on);
  out.EndObject();
}

}  // namespace

void AddPaymentRoutes(Router& router, UseCases& use_cases) {
  // ---- Settings → Paiements: the organisation's own Stripe account (admins).
  router.Add(
      "GET", "/api/v1/payment-settings", Access::Need(Permission::kOrganizationManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto view = use_cases.payments.Account(*ctx.principal);
        if (!view) return WriteError(res, view.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteAccount(out, *view); });
      });
  router.Add(
      "PUT", "/api/v1/payment-settings", Access::Need(Permission::kOrganizationManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        app::PaymentAccountInput input;
        input.secret_key = f.OptionalString("secret_key").value_or("");
        input.webhook_secret = f.OptionalString("webhook_secret").value_or("");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto view = use_cases.payments.Connect(*ctx.principal, ctx.meta, input);
        if (!view) return WriteError(res, view.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteAccount(out, *view); });
      });
  router.Add(
      "POST", "/api/v1/payment-settings/test", Access::Need(Permission::kOrganizationManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto view = use_cases.payments.TestConnection(*ctx.principal, ctx.meta);
        if (!view) return WriteError(res, view.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteAccount(out, *view); });
      });
  router.Add(
      "DELETE", "/api/v1/payment-settings", Access::Need(Permission::kOrganizationManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto done = use_cases.payments.Disconnect(*ctx.principal, ctx.meta);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });
  // What Stripe sent and what Planify did with it (newest first).
  router.Add(
      "GET", "/api/v1/payment-events", Access::Need(Permission::kOrganizationManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        long long limit = q.Int("limit", 50, 1, 200);
        if (!q.ok()) return WriteError(res, q.ToError());
        auto events = use_cases.payments.Events(*ctx.principal, limit);
        if (!events) return WriteError(res, events.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *events, [](JsonWriter& o, const store::ProviderEventRow& e) {
            o.BeginObject();
            o.Field("id", e.id);
            o.Field("event_id", e.event_id);
            o.Field("type", e.event_type);
            o.Field("status", e.status);
            o.Field("outcome", e.outcome);
            o.Field("deliveries", e.deliveries);
            o.Field("livemode", e.livemode);
            o.Field("received_at", e.received_at);
            o.TextOrNull("processed_at", e.processed_at);
            o.EndObject();
          });
          out.EndObject();
        });
      });

  // ---- Refunds of online payments (admins: money going out).
  router.Add(
      "GET", "/api/v1/payments/:id/refunds", Access::Need(Permission::kPaymentsRecord),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto refunds = use_cases.payments.Refunds(*ctx.principal, *id);
        if (!refunds) return WriteError(res, refunds.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteRefunds(out, *refunds); });
      });
  router.Add(
      "POST", "/api/v1/payments/:id/refunds", Access::Need(Permission::kPaymentsValidate),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        bool ok = false;
        auto body = OptionalJsonBody(req, res, ok);
        if (!ok) return;
        JsonFields f(body);
        auto amount = f.OptionalInt64("amount_cents");
        std::string reason = f.OptionalString("reason").value_or("");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto refunds = use_cases.payments.Refund(*ctx.principal, ctx.meta, *id, amount, reason);
        if (!refunds) return WriteError(res, refunds.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteRefunds(out, *refunds); });
      });

  // ---- Reminders (relances): the schedule, the history of an invoice or a quote, the pauses.
  const auto write_settings = [](JsonWriter& out, const app::ReminderSettings& s) {
    out.BeginObject();
    out.Field("enabled", s.enabled);
    out.ArrayField("steps", s.steps, [](JsonWriter& o, const domain::ReminderStep& step) {
      o.BeginObject();
      o.Field("key", step.Key());
      o.Field("offset_days", step.offset_days);
      o.Field("tone", domain::ReminderToneName(step.tone));
      o.EndObject();
    });
    out.Field("send_hour", s.send_hour);
    out.Field("quote_followup_days", s.quote_followup_days);
    out.Field("quote_expiry_notice_days", s.quote_expiry_notice_days);
    out.Field("crew_reminder_hour", s.crew_reminder_hour);
    out.EndObject();
  };
  router.Add("GET", "/api/v1/reminder-settings", Access::Need(Permission::kOrganizationManage),
             [&use_cases, write_settings](const httplib::Request&, httplib::Response& res,
                                          const RequestContext& ctx) {
               auto settings = use_cases.reminders.Settings(*ctx.principal);
               if (!settings) return WriteError(res, settings.error());
               WriteJsonWith(res, 200, [&](JsonWriter& out) { write_settings(out, *settings); });
             });
  router.Add(
      "PUT", "/api/v1/reminder-settings", Access::Need(Permission::kOrganizationManage),
      [&use_cases, write_settings](const httplib::Request& req, httplib::Response& res,
                                   const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        app::ReminderSettings input;
        input.enabled = f.OptionalBool("enabled", true);
        input.send_hour = f.OptionalInt("send_hour").value_or(9);
        input.quote_followup_days = f.OptionalInt("quote_followup_days").value_or(7);
        input.quote_expiry_notice_days = f.OptionalInt("quote_expiry_notice_days").value_or(3);
        input.crew_reminder_hour = f.OptionalInt("crew_reminder_hour").value_or(18);
        input.steps.clear();
        auto steps = body->find("steps");
        if (steps == body->end() || !steps->is_array()) {
          f.AddError("steps", "Liste de relances attendue.");
        } else {
          for (std::size_t i = 0; i < steps->size(); ++i) {
            const auto& item = (*steps)[i];
            const std::string prefix = "steps[" + std::to_string(i) + "]";
            auto tone =
                item.is_object() ? domain::ParseReminderTone(item.value("tone", "")) : std::nullopt;
            if (!item.is_object() || !item.value("offset_days", json()).is_number_integer()) {
              f.AddError(prefix + ".offset_days", "Nombre de jours attendu.");
            } else if (!tone) {
              f.AddError(prefix + ".tone", "courteous, firm ou formal.");
            } else {
              input.steps.push_back({item["offset_days"].get<int>(), *tone});
            }
          }
        }
        if (!f.ok()) return WriteError(res, f.ToError());
        auto saved = use_cases.reminders.SaveSettings(*ctx.principal, ctx.meta, input);
        if (!saved) return WriteError(res, saved.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { write_settings(out, *saved); });
      });
  router.Add(
      "GET", "/api/v1/invoices/:id/reminders", Access::Need(Permission::kInvoicesManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto history = use_cases.reminders.History(*ctx.principal, *id);
        if (!history) return WriteError(res, history.error());
        auto paused = use_cases.reminders.InvoicePaused(*ctx.principal, *id);
        if (!paused) return WriteError(res, paused.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("paused", *paused);
          out.ArrayField("items", *history, WriteReminderHistory);
          out.EndObject();
        });
      });
  router.Add(
      "GET", "/api/v1/quotes/:id/reminders", Access::Need(Permission::kQuotesManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto history = use_cases.reminders.QuoteHistory(*ctx.principal, *id);
        if (!history) return WriteError(res, history.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *history, WriteReminderHistory);
          out.EndObject();
        });
      });
  const auto pause = [&use_cases](bool invoice) {
    return [&use_cases, invoice](const httplib::Request& req, httplib::Response& res,
                                 const RequestContext& ctx) {
      auto id = PathId(ctx, "id");
      if (!id) return WriteError(res, id.error());
      auto body = ParseJsonObject(req);
      if (!body) return WriteError(res, body.error());
      auto paused = body->find("paused");
      if (paused == body->end() || !paused->is_boolean()) {
        // Another organisation's id is not found, whatever the body says.
        if (invoice) {
          if (auto exists = use_cases.reminders.InvoicePaused(*ctx.principal, *id); !exists) {
            return WriteError(res, exists.error());
          }
        } else if (auto exists = use_cases.clients.Get(*ctx.principal, *id); !exists) {
          return WriteError(res, exists.error());
        }
        return WriteError(res, MakeError(ErrorCode::kValidation, "Indiquez paused: true ou false.",
                                         {{"paused", "true ou false."}}));
      }
      auto done =
          invoice
              ? use_cases.reminders.PauseInvoice(*ctx.principal, ctx.meta, *id, paused->get<bool>())
              : use_cases.reminders.PauseClient(*ctx.principal, ctx.meta, *id, paused->get<bool>());
      if (!done) return WriteError(res, done.error());
      WriteJsonWith(res, 200, [&](JsonWriter& out) {
        out.BeginObject();
        out.Field("paused", paused->get<bool>());
        out.EndObject();
      });
    };
  };
  router.Add("PUT", "/api/v1/invoices/:id/reminders", Access::Need(Permission::kInvoicesManage),
             pause(true));
  router.Add("PUT", "/api/v1/clients/:id/reminders", Access::Need(Permission::kClientsManage),
             pause(false));

  // ---- The client's side: no session, the link's token is the credential.
  router.Add(
      "GET", "/api/v1/public/invoices/:token", Access::Public(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto page = use_cases.payments.GetPublicInvoice(ctx.params.at("token"));
        if (!page) return WriteError(res, page.error());
        const auto& i = page->invoice;
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("number", i.number);
          out.Field("kind", i.kind);
          out.Field("status", i.status);
          out.Field("title", i.content.title);
          out.Field("client_name", i.client.name);
          out.Field("seller_name", page->seller_name);
          out.Field("total_gross_cents", i.gross_cents);
          out.Field("prepaid_cents", i.prepaid_cents);
          out.Field("credited_cents", i.credited_cents);
          out.Field("paid_cents", i.paid_cents);
          out.Field("amount_due_cents", page->amount_due_cents);
          out.TextOrNull("issue_date", i.issue_date);
          out.TextOrNull("due_date", i.due_date);
          out.Field("disputed", !i.disputed_at.empty());
          out.Field("can_pay_online", page->can_pay_online);
          out.ArrayField("payments", page->payments, WritePublicPayment);
          out.EndObject();
        });
      });
  router.Add(
      "POST", "/api/v1/public/invoices/:token/checkout", Access::Public(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto start = use_cases.payments.PayInvoice(ctx.params.at("token"), ctx.meta);
        if (!start) return WriteError(res, start.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteCheckoutStart(out, *start); });
      });
  router.Add(
      "POST", "/api/v1/public/quotes/:token/checkout", Access::Public(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto start = use_cases.payments.PayDeposit(ctx.params.at("token"), ctx.meta);
        if (!start) return WriteError(res, start.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteCheckoutStart(out, *start); });
      });
  // The page Stripe sends the client back to: what Planify's own records say, nothing more
  // (the payment counts only once Stripe's webhook confirmed it).
  router.Add(
      "GET", "/api/v1/public/checkouts/:token", Access::Public(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto state = use_cases.payments.Checkout(ctx.params.at("token"));
        if (!state) return WriteError(res, state.error());
        res.set_header("Cache-Control", "no-store");
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("status", state->status);
          out.Field("purpose", state->purpose);
          out.Field("amount_cents", state->amount_cents);
          out.Field("document_number", state->document_number);
          out.Field("organization_name", state->organization_name);
          out.TextOrNull("failure_reason", state->failure_reason);
          out.EndObject();
        });
      });
}

}  // namespace planify::http
