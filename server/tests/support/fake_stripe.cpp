#include "support/fake_stripe.hpp"

#include <chrono>

namespace planify::testing {

namespace {

long long Seconds(domain::Timestamp t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// "metadata[planify_session]" → "planify_session" when `name` starts with `prefix[`.
std::string Bracketed(const std::string& name, const std::string& prefix) {
  if (name.rfind(prefix + "[", 0) != 0 || name.back() != ']') return "";
  return name.substr(prefix.size() + 1, name.size() - prefix.size() - 2);
}

nlohmann::json Event(const std::string& id, const std::string& type, domain::Timestamp at,
                     nlohmann::json object) {
  return {{"id", id},
          {"object", "event"},
          {"api_version", "2024-06-20"},
          {"type", type},
          {"created", Seconds(at)},
          {"livemode", false},
          {"data", {{"object", std::move(object)}}}};
}

}  // namespace

FakeStripe::FakeStripe() {
  auto handler = [this](const httplib::Request& req, httplib::Response& res) { Handle(req, res); };
  server_.Get(".*", handler);
  server_.Post(".*", handler);
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FakeStripe::~FakeStripe() {
  server_.stop();
  thread_.join();
}

std::string FakeStripe::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::vector<FakeStripe::Session> FakeStripe::sessions() {
  std::lock_guard lock(mutex_);
  return sessions_;
}

std::vector<FakeStripe::Refund> FakeStripe::refunds() {
  std::lock_guard lock(mutex_);
  return refunds_;
}

int FakeStripe::requests() {
  std::lock_guard lock(mutex_);
  return requests_;
}

int FakeStripe::posts_without_idempotency_key() {
  std::lock_guard lock(mutex_);
  return unkeyed_posts_;
}

void FakeStripe::Handle(const httplib::Request& req, httplib::Response& res) {
  std::lock_guard lock(mutex_);
  ++requests_;
  const std::string auth = req.get_header_value("Authorization");
  const bool full_key = auth == std::string("Bearer ") + kKey;
  const bool restricted = auth == std::string("Bearer ") + kRestrictedNoAccount;
  if (!full_key && !restricted) {
    res.status = 401;
    res.set_content(
        R"({"error":{"type":"invalid_request_error","message":"Invalid API Key provided: sk_test_****0000"}})",
        "application/json");
    return;
  }
  if (req.method == "GET" && req.path == "/v1/checkout/sessions") {
    res.set_content(R"({"object":"list","data":[],"has_more":false})", "application/json");
    return;
  }
  if (req.method == "GET" && req.path == "/v1/account") {
    if (restricted) {
      res.status = 403;
      res.set_content(
          R"({"error":{"type":"invalid_request_error","message":"The provided key does not have the required permissions"}})",
          "application/json");
      return;
    }
    res.set_content(
        R"json({"id":"acct_fake","business_profile":{"name":"Sono Lumière (test)"}})json",
        "application/json");
    return;
  }
  if (req.method != "POST") {
    res.status = 404;
    res.set_content(R"({"error":{"message":"Unrecognized request URL"}})", "application/json");
    return;
  }
  const std::string key = req.get_header_value("Idempotency-Key");
  if (key.empty()) {
    ++unkeyed_posts_;
    res.status = 400;
    res.set_content(R"({"error":{"message":"Planify always sends an Idempotency-Key"}})",
                    "application/json");
    return;
  }
  if (auto seen = answers_.find(key); seen != answers_.end()) {
    res.set_header("Idempotent-Replayed", "true");
    res.set_content(seen->second, "application/json");
    return;
  }
  nlohmann::json answer;
  if (req.path == "/v1/checkout/sessions") {
    Session s;
    const auto n = std::to_string(sessions_.size() + 1);
    s.id = "cs_test_" + n;
    s.payment_intent = "pi_test_" + n;
    for (const auto& [name, value] : req.params) {
      if (name == "line_items[0][price_data][unit_amount]") s.amount_cents = std::stoll(value);
      if (name == "line_items[0][price_data][currency]") s.currency = value;
      if (name == "success_url") s.success_url = value;
      if (name == "cancel_url") s.cancel_url = value;
      if (name == "customer_email") s.customer_email = value;
      if (auto k = Bracketed(name, "metadata"); !k.empty()) s.metadata[k] = value;
      if (auto k = Bracketed(name, "payment_intent_data[metadata]"); !k.empty()) {
        s.intent_metadata[k] = value;
      }
    }
    if (s.amount_cents <= 0 || s.success_url.empty() || req.get_param_value("mode") != "payment") {
      res.status = 400;
      res.set_content(R"({"error":{"message":"Missing required param: line_items"}})",
                      "application/json");
      return;
    }
    sessions_.push_back(s);
    answer = {{"id", s.id},
              {"object", "checkout.session"},
              {"url", base_url() + "/pay/" + s.id},
              {"payment_intent", nullptr},
              {"amount_total", s.amount_cents},
              {"expires_at", 1'900'000'000}};
  } else if (req.path == "/v1/refunds") {
    Refund r;
    r.id = "re_test_" + std::to_string(refunds_.size() + 1);
    r.payment_intent = req.get_param_value("payment_intent");
    r.amount_cents = std::stoll(req.get_param_value("amount"));
    refunds_.push_back(r);
    answer = {
        {"id", r.id}, {"object", "refund"}, {"status", "pending"}, {"amount", r.amount_cents}};
  } else {
    res.status = 404;
    res.set_content(R"({"error":{"message":"Unrecognized request URL"}})", "application/json");
    return;
  }
  answers_[key] = answer.dump();
  res.set_content(answer.dump(), "application/json");
}

nlohmann::json FakeStripe::CheckoutCompleted(const Session& s, const std::string& event_id,
                                             domain::Timestamp at, bool paid) {
  return Event(event_id, "checkout.session.completed", at,
               {{"id", s.id},
                {"object", "checkout.session"},
                {"payment_intent", s.payment_intent},
                {"payment_status", paid ? "paid" : "unpaid"},
                {"amount_total", s.amount_cents},
                {"currency", s.currency},
                {"payment_method_types", {"card"}},
                {"metadata", s.metadata}});
}

nlohmann::json FakeStripe::PaymentSucceeded(const Session& s, const std::string& event_id,
                                            domain::Timestamp at) {
  return Event(event_id, "payment_intent.succeeded", at,
               {{"id", s.payment_intent},
                {"object", "payment_intent"},
                {"amount", s.amount_cents},
                {"amount_received", s.amount_cents},
                {"currency", s.currency},
                {"payment_method_types", {"card"}},
                {"metadata", s.intent_metadata}});
}

nlohmann::json FakeStripe::PaymentFailed(const Session& s, const std::string& event_id,
                                         domain::Timestamp at) {
  return Event(event_id, "payment_intent.payment_failed", at,
               {{"id", s.payment_intent},
                {"object", "payment_intent"},
                {"amount", s.amount_cents},
                {"amount_received", 0},
                {"currency", s.currency},
                {"last_payment_error", {{"message", "Votre carte a été refusée."}}},
                {"metadata", s.intent_metadata}});
}

nlohmann::json FakeStripe::ChargeRefunded(const Session& s, const std::string& event_id,
                                          domain::Timestamp at, long long refunded_total) {
  return Event(event_id, "charge.refunded", at,
               {{"id", "ch_" + s.payment_intent.substr(3)},
                {"object", "charge"},
                {"payment_intent", s.payment_intent},
                {"amount", s.amount_cents},
                {"amount_captured", s.amount_cents},
                {"amount_refunded", refunded_total},
                {"refunded", refunded_total == s.amount_cents},
                {"currency", s.currency}});
}

nlohmann::json FakeStripe::DisputeCreated(const Session& s, const std::string& event_id,
                                          domain::Timestamp at) {
  return Event(event_id, "charge.dispute.created", at,
               {{"id", "dp_" + s.payment_intent.substr(3)},
                {"object", "dispute"},
                {"payment_intent", s.payment_intent},
                {"amount", s.amount_cents},
                {"currency", s.currency},
                {"reason", "fraudulent"}});
}

}  // namespace planify::testing
