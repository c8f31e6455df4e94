#pragma once

#include <httplib.h>

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "domain/time.hpp"

namespace planify::testing {

// A stand-in for api.stripe.com over real HTTP: checks the secret key (Bearer) and the
// Idempotency-Key of every POST like Stripe does (the same key answers the same object), creates
// Checkout Sessions and refunds, and builds the events Stripe would send about them, signed
// with Stripe's "t=…,v1=…" scheme by the caller (integrations::StripeSignatureHeader).
class FakeStripe {
 public:
  static constexpr const char* kKey = "sk_test_51PlanifyFakeKey0000000000004242";
  static constexpr const char* kRestrictedNoAccount = "rk_test_51PlanifyRestrictedKey00000001";
  static constexpr const char* kWebhookSecret = "whsec_PlanifyFakeWebhookSecret0000000";

  FakeStripe();
  ~FakeStripe();
  FakeStripe(const FakeStripe&) = delete;
  FakeStripe& operator=(const FakeStripe&) = delete;

  [[nodiscard]] std::string base_url() const;

  struct Session {
    std::string id;              // cs_test_…
    std::string payment_intent;  // pi_test_…
    long long amount_cents = 0;
    std::string currency;
    std::string success_url;
    std::string cancel_url;
    std::string customer_email;
    std::map<std::string, std::string> metadata;
    std::map<std::string, std::string> intent_metadata;
  };
  struct Refund {
    std::string id;
    std::string payment_intent;
    long long amount_cents = 0;
  };
  [[nodiscard]] std::vector<Session> sessions();
  [[nodiscard]] std::vector<Refund> refunds();
  [[nodiscard]] int requests();
  // Keys seen in requests without an Idempotency-Key on a POST (must stay empty).
  [[nodiscard]] int posts_without_idempotency_key();

  // Events as Stripe writes them (created = `at`), for a session of this fake.
  static nlohmann::json CheckoutCompleted(const Session& s, const std::string& event_id,
                                          domain::Timestamp at, bool paid = true);
  static nlohmann::json PaymentSucceeded(const Session& s, const std::string& event_id,
                                         domain::Timestamp at);
  static nlohmann::json PaymentFailed(const Session& s, const std::string& event_id,
                                      domain::Timestamp at);
  static nlohmann::json ChargeRefunded(const Session& s, const std::string& event_id,
                                       domain::Timestamp at, long long refunded_total);
  static nlohmann::json DisputeCreated(const Session& s, const std::string& event_id,
                                       domain::Timestamp at);

 private:
  void Handle(const httplib::Request& req, httplib::Response& res);

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  std::map<std::string, std::string> answers_;  // Idempotency-Key → the answer's body
  std::vector<Session> sessions_;
  std::vector<Refund> refunds_;
  int requests_ = 0;
  int unkeyed_posts_ = 0;
};

}  // namespace planify::testing
