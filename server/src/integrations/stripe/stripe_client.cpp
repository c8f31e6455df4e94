#include "integrations/stripe/stripe_client.hpp"

#include <nlohmann/json.hpp>

#include "integrations/http/http_client.hpp"

namespace planify::integrations {

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

std::vector<std::pair<std::string, std::string>> Headers(const std::string& key,
                                                         const std::string& idempotency_key) {
  std::vector<std::pair<std::string, std::string>> headers{
      {"Authorization", "Bearer " + key},
      {"Content-Type", "application/x-www-form-urlencoded"},
      {"Stripe-Version", "2024-06-20"}};
  if (!idempotency_key.empty()) headers.emplace_back("Idempotency-Key", idempotency_key);
  return headers;
}

// A Stripe error answer as Planify's error: the key refused, a missing permission, a refused
// request (VALIDATION, with Stripe's own words), or Stripe's trouble (UNAVAILABLE).
Unexpected StripeFailure(const HttpResponse& response) {
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  std::string message;
  if (body.is_object() && body.contains("error") && body["error"].is_object()) {
    message = ScrubStripeSecrets(body["error"].value("message", ""));
  }
  if (response.status == 401) {
    return Fail(ErrorCode::kValidation, "Stripe refuse cette clé secrète.",
                {{"secret_key", "Clé inconnue ou révoquée chez Stripe." +
                                    (message.empty() ? "" : " Stripe : « " + message + " »")}});
  }
  if (response.status == 403) {
    return Fail(ErrorCode::kValidation, "La clé n'a pas les droits nécessaires.",
                {{"secret_key",
                  "Clé restreinte : donnez-lui l'écriture sur « Checkout Sessions » et "
                  "« Refunds »." +
                      (message.empty() ? "" : " Stripe : « " + message + " »")}});
  }
  if (response.status == 429 || response.status >= 500) {
    return Fail(ErrorCode::kUnavailable, "Stripe ne répond pas pour le moment (HTTP " +
                                             std::to_string(response.status) +
                                             "). Réessayez dans un instant.");
  }
  return Fail(ErrorCode::kValidation,
              "Stripe a refusé la demande" + (message.empty() ? "." : " : " + message));
}

Result<nlohmann::json> Call(const std::string& method, const std::string& url,
                            const std::string& key, const std::string& idempotency_key,
                            const Fields& fields, std::chrono::milliseconds timeout) {
  auto response = HttpSend(method, url, Headers(key, idempotency_key),
                           method == "GET" ? "" : FormEncode(fields), timeout);
  if (!response) {
    return Fail(ErrorCode::kUnavailable, "Stripe est injoignable depuis ce serveur.");
  }
  if (response->status < 200 || response->status >= 300) return StripeFailure(*response);
  auto body = nlohmann::json::parse(response->body, nullptr, false);
  if (!body.is_object()) return Fail(ErrorCode::kUnavailable, "Réponse de Stripe illisible.");
  return body;
}

std::string Text(const nlohmann::json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string ScrubStripeSecrets(const std::string& text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const bool secret = text.compare(i, 3, "sk_") == 0 || text.compare(i, 3, "rk_") == 0 ||
                        text.compare(i, 6, "whsec_") == 0;
    if (!secret) {
      out.push_back(text[i++]);
      continue;
    }
    while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) != 0 ||
                               text[i] == '_' || text[i] == '*')) {
      ++i;
    }
    out += "…";
  }
  return out;
}

Result<app::CheckoutCreated> StripeGateway::CreateCheckout(const app::CheckoutRequest& request) {
  Fields fields{{"mode", "payment"},
                {"line_items[0][quantity]", "1"},
                {"line_items[0][price_data][currency]", request.currency},
                {"line_items[0][price_data][unit_amount]", std::to_string(request.amount_cents)},
                {"line_items[0][price_data][product_data][name]", request.product_name},
                {"success_url", request.success_url},
                {"cancel_url", request.cancel_url},
                {"client_reference_id", request.client_reference_id},
                {"locale", "fr"}};
  if (!request.customer_email.empty())
    fields.emplace_back("customer_email", request.customer_email);
  for (const auto& [key, value] : request.metadata) {
    fields.emplace_back("metadata[" + key + "]", value);
    fields.emplace_back("payment_intent_data[metadata][" + key + "]", value);
  }
  auto body = Call("POST", base_url_ + "/v1/checkout/sessions", request.secret_key,
                   request.idempotency_key, fields, timeout_);
  if (!body) return Fail(std::move(body).error());
  app::CheckoutCreated created;
  created.session_id = Text(*body, "id");
  created.url = Text(*body, "url");
  created.payment_intent_id = Text(*body, "payment_intent");
  auto expires = body->find("expires_at");
  created.expires_at = domain::Timestamp{std::chrono::seconds(
      expires != body->end() && expires->is_number_integer() ? expires->get<long long>() : 0)};
  if (created.session_id.empty() || created.url.rfind("http", 0) != 0) {
    return Fail(ErrorCode::kUnavailable, "Stripe n'a pas renvoyé de page de paiement.");
  }
  return created;
}

Result<app::KeyCheck> StripeGateway::CheckKey(const std::string& secret_key) {
  auto sessions =
      Call("GET", base_url_ + "/v1/checkout/sessions?limit=1", secret_key, "", {}, timeout_);
  if (!sessions) return Fail(std::move(sessions).error());
  app::KeyCheck check;
  check.livemode = secret_key.compare(3, 5, "live_") == 0;
  // A restricted key may not read the account: the name is a nicety, not a requirement.
  if (auto account = Call("GET", base_url_ + "/v1/account", secret_key, "", {}, timeout_)) {
    auto profile = account->find("business_profile");
    if (profile != account->end() && profile->is_object()) {
      check.account_name = Text(*profile, "name");
    }
    auto settings = account->find("settings");
    if (check.account_name.empty() && settings != account->end() && settings->is_object() &&
        settings->contains("dashboard") && (*settings)["dashboard"].is_object()) {
      check.account_name = Text((*settings)["dashboard"], "display_name");
    }
  }
  return check;
}

Result<app::RefundCreated> StripeGateway::CreateRefund(const app::RefundRequest& request) {
  Fields fields{{"payment_intent", request.payment_intent_id},
                {"amount", std::to_string(request.amount_cents)}};
  for (const auto& [key, value] : request.metadata) {
    fields.emplace_back("metadata[" + key + "]", value);
  }
  auto body = Call("POST", base_url_ + "/v1/refunds", request.secret_key, request.idempotency_key,
                   fields, timeout_);
  if (!body) return Fail(std::move(body).error());
  app::RefundCreated created{Text(*body, "id"), Text(*body, "status")};
  if (created.refund_id.empty()) {
    return Fail(ErrorCode::kUnavailable, "Stripe n'a pas confirmé le remboursement.");
  }
  return created;
}

}  // namespace planify::integrations
