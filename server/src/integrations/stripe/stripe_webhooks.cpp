#include "integrations/stripe/stripe_webhooks.hpp"

#include <sodium.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "common/bounded_json.hpp"

#include "integrations/crypto/sodium.hpp"

namespace planify::integrations {

namespace {

// Seconds since 1970 as an instant, for years 1970–9999 only: anything else (a forged header, a
// junk "created") would overflow the millisecond clock.
std::optional<domain::Timestamp> UnixSeconds(long long seconds) {
  if (seconds < 0 || seconds > 253'402'300'799LL) return std::nullopt;
  return domain::Timestamp{std::chrono::seconds(seconds)};
}

Unexpected Refuse(std::string why) {
  return Fail(ErrorCode::kBadRequest, "Signature Stripe refusée : " + std::move(why));
}

std::string Text(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

long long Integer(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<long long>() : 0;
}

// A reference that may be an id or an expanded object ({"id": …}).
std::string Reference(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_object()) return Text(*it, "id");
  return "";
}

std::optional<long long> MetadataId(const nlohmann::json& object, const char* key) {
  auto metadata = object.find("metadata");
  if (metadata == object.end() || !metadata->is_object()) return std::nullopt;
  std::string text = Text(*metadata, key);
  long long value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || value <= 0) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::string StripeSignatureHeader(const std::string& secret, const std::string& body,
                                  domain::Timestamp t) {
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  const std::string stamp = std::to_string(seconds);
  return "t=" + stamp + ",v1=" + HmacSha256Hex(secret, stamp + "." + body);
}

Result<void> VerifyStripeSignature(const std::string& secret, const std::string& header,
                                   const std::string& body, domain::Timestamp now,
                                   std::chrono::seconds tolerance) {
  if (header.empty()) return Refuse("en-tête Stripe-Signature absent.");
  if (secret.empty()) return Refuse("aucun secret de signature n'est configuré.");
  std::string stamp;
  std::vector<std::string> signatures;
  std::size_t i = 0;
  while (i <= header.size()) {
    auto end = header.find(',', i);
    if (end == std::string::npos) end = header.size();
    std::string item = header.substr(i, end - i);
    auto eq = item.find('=');
    if (eq != std::string::npos) {
      std::string key = item.substr(0, eq);
      std::string value = item.substr(eq + 1);
      if (key == "t") stamp = value;
      if (key == "v1") signatures.push_back(value);
    }
    i = end + 1;
  }
  long long seconds = 0;
  auto [ptr, ec] = std::from_chars(stamp.data(), stamp.data() + stamp.size(), seconds);
  if (stamp.empty() || ec != std::errc() || ptr != stamp.data() + stamp.size()) {
    return Refuse("horodatage absent ou illisible.");
  }
  if (signatures.empty()) return Refuse("aucune signature v1.");
  const auto sent = UnixSeconds(seconds);
  if (!sent) return Refuse("horodatage hors limites.");
  const auto skew = now > *sent ? now - *sent : *sent - now;
  if (skew > tolerance) return Refuse("horodatage trop éloigné (rejeu ou horloge décalée).");
  const std::string expected = HmacSha256Hex(secret, stamp + "." + body);
  for (const auto& given : signatures) {
    if (given.size() == expected.size() &&
        sodium_memcmp(given.data(), expected.data(), expected.size()) == 0) {
      return {};
    }
  }
  return Refuse("la signature ne correspond pas.");
}

Result<domain::ProviderEvent> ParseStripeEvent(const std::string& body) {
  auto json = ParseUntrustedJson(body);
  if (!json || !json->is_object()) return Fail(ErrorCode::kBadRequest, "Événement illisible.");
  const auto& root = *json;
  domain::ProviderEvent event;
  event.id = Text(root, "id");
  event.type = Text(root, "type");
  auto data = root.find("data");
  if (event.id.empty() || event.id.size() > 255 || event.type.empty() || data == root.end() ||
      !data->is_object() || !data->contains("object") || !(*data)["object"].is_object()) {
    return Fail(ErrorCode::kBadRequest, "Ce n'est pas un événement Stripe (id, type, data).");
  }
  event.kind = domain::ProviderEventKindOf(event.type);
  event.created = UnixSeconds(Integer(root, "created")).value_or(domain::Timestamp{});
  auto live = root.find("livemode");
  event.livemode = live != root.end() && live->is_boolean() && live->get<bool>();
  const auto& object = (*data)["object"];
  const std::string object_type = Text(object, "object");
  event.currency = Text(object, "currency");
  if (object_type == "checkout.session") {
    event.session_id = Text(object, "id");
    event.payment_intent_id = Reference(object, "payment_intent");
    event.payment_status = Text(object, "payment_status");
    event.amount_cents = Integer(object, "amount_total");
    auto types = object.find("payment_method_types");
    if (types != object.end() && types->is_array() && !types->empty() &&
        types->front().is_string()) {
      event.payment_method = types->front().get<std::string>();
    }
  } else if (object_type == "payment_intent") {
    event.payment_intent_id = Text(object, "id");
    event.amount_cents = Integer(object, "amount_received");
    if (event.amount_cents == 0) event.amount_cents = Integer(object, "amount");
    auto types = object.find("payment_method_types");
    if (types != object.end() && types->is_array() && !types->empty() &&
        types->front().is_string()) {
      event.payment_method = types->front().get<std::string>();
    }
    auto error = object.find("last_payment_error");
    if (error != object.end() && error->is_object())
      event.failure_message = Text(*error, "message");
  } else if (object_type == "charge") {
    event.payment_intent_id = Reference(object, "payment_intent");
    event.amount_cents = Integer(object, "amount_captured");
    if (event.amount_cents == 0) event.amount_cents = Integer(object, "amount");
    event.amount_refunded_cents = Integer(object, "amount_refunded");
  } else if (object_type == "dispute") {
    event.payment_intent_id = Reference(object, "payment_intent");
    event.amount_cents = Integer(object, "amount");
  }
  event.organization_id = MetadataId(object, "planify_organization");
  event.checkout_session_id = MetadataId(object, "planify_session");
  event.invoice_id = MetadataId(object, "planify_invoice");
  event.quote_id = MetadataId(object, "planify_quote");
  return event;
}

}  // namespace planify::integrations
