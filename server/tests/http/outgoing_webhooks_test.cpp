// Outgoing webhooks (docs/webhooks.md) over real HTTP to a local receiver: signed deliveries
// the test verifies with OpenSSL, retries after a 500, replay, no redirect followed, endpoints
// on private or loopback addresses refused at registration and at delivery, disabled after
// repeated failures with an e-mail to the admins.
#include <gtest/gtest.h>
#include <openssl/hmac.h>

#include <deque>
#include <mutex>
#include <thread>

#include "app/webhooks/webhooks_service.hpp"
#include "http/payments_fixture.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

// Answers each request with the next status given (200 once they run out) and keeps what it
// received.
class Receiver {
 public:
  struct Hit {
    std::string path;
    std::string body;
    std::string signature;
    std::string event;
    std::string delivery;
  };

  Receiver() {
    server_.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      hits_.push_back({req.path, req.body, req.get_header_value("Planify-Signature"),
                       req.get_header_value("Planify-Event"),
                       req.get_header_value("Planify-Delivery")});
      int status = 200;
      if (!statuses_.empty()) {
        status = statuses_.front();
        statuses_.pop_front();
      }
      res.status = status;
      if (status == 302) res.set_header("Location", base_url() + "/elsewhere");
      res.set_content("ok", "text/plain");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  Receiver(const Receiver&) = delete;
  Receiver& operator=(const Receiver&) = delete;

  [[nodiscard]] std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void Answer(std::initializer_list<int> statuses) {
    std::lock_guard lock(mutex_);
    statuses_.insert(statuses_.end(), statuses);
  }
  [[nodiscard]] std::vector<Hit> Hits() {
    std::lock_guard lock(mutex_);
    return hits_;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  std::deque<int> statuses_;
  std::vector<Hit> hits_;
};

// "t=…,v1=…" checked with OpenSSL's HMAC, not the server's code.
bool SignedBy(const std::string& header, const std::string& body, const std::string& secret) {
  const auto comma = header.find(",v1=");
  if (header.rfind("t=", 0) != 0 || comma == std::string::npos) return false;
  const std::string t = header.substr(2, comma - 2);
  const std::string v1 = header.substr(comma + 4);
  const std::string message = t + "." + body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &length);
  std::string hex;
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[mac[i] >> 4]);
    hex.push_back(kHex[mac[i] & 0xf]);
  }
  return hex == v1;
}

class Webhooks : public PaymentsFixture {
 protected:
  void SetUp() override {
    if (allow_local_) {
      auto base = services_tweak_;
      services_tweak_ = [base](http::Services& s) {
        if (base) base(s);
        s.webhook_policy = domain::WebhookPolicy{true, true};
      };
    }
    PaymentsFixture::SetUp();
  }

  // Runs every job that is due, then moves the clock past any retry's backoff, `rounds` times.
  void Deliver(int rounds = 1) {
    jobs::JobRegistry registry;
    app::RegisterWebhookJobs(
        registry, clock_, cipher_,
        allow_local_ ? domain::WebhookPolicy{true, true} : domain::WebhookPolicy{});
    jobs::WorkerOptions options;
    options.name = "test";
    jobs::Worker worker(*db_, clock_, registry, options);
    for (int i = 0; i < rounds; ++i) {
      while (worker.RunOne()) {
      }
      clock_.Set(clock_.Now() + std::chrono::hours(6));
    }
  }

  json Register(const Seeded& s, const std::string& url, const json& events) {
    auto res = Send("POST", "/api/v1/webhooks", &s.owner, {{"url", url}, {"events", events}});
    EXPECT_EQ(res->status, 201) << res->body;
    return Json(res);
  }

  json DeliveriesOf(const Seeded& s, long long endpoint) {
    auto res =
        Send("GET", "/api/v1/webhooks/" + std::to_string(endpoint) + "/deliveries", &s.owner);
    EXPECT_EQ(res->status, 200) << res->body;
    return Json(res)["items"];
  }

  bool allow_local_ = true;
};

TEST_F(Webhooks, ASignedDeliveryIsRetriedAfterA500ThenSucceedsOnceAndCanBeReplayed) {
  Receiver receiver;
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  json created = Register(business, receiver.base_url() + "/zapier/hook?x=1",
                          {"invoice_issued", "invoice_paid"});
  const std::string secret = created["secret"];
  EXPECT_EQ(secret.rfind("whsec_", 0), 0u);
  const long long endpoint = created["endpoint"]["id"];
  // The secret is shown once: never in the list.
  auto list = Send("GET", "/api/v1/webhooks", &business.owner);
  EXPECT_EQ(list->body.find(secret), std::string::npos);

  receiver.Answer({500});
  auto [invoice, token] = IssuedInvoice(business, 10000, "Mariage Durand");
  Deliver(3);
  auto hits = receiver.Hits();
  ASSERT_EQ(hits.size(), 2u) << "a 500, then the retry";
  EXPECT_EQ(hits[0].body, hits[1].body);
  EXPECT_EQ(hits[0].delivery, hits[1].delivery);
  EXPECT_EQ(hits[1].path, "/zapier/hook");
  EXPECT_EQ(hits[1].event, "invoice_issued");
  EXPECT_TRUE(SignedBy(hits[1].signature, hits[1].body, secret)) << hits[1].signature;
  EXPECT_FALSE(SignedBy(hits[1].signature, hits[1].body + " ", secret));
  json body = json::parse(hits[1].body);
  EXPECT_EQ(body["type"], "invoice_issued");
  EXPECT_EQ(body["data"]["subject_id"], std::to_string(invoice));
  EXPECT_EQ(hits[1].body.find("Durand"), std::string::npos) << "ids and figures only";

  json log = DeliveriesOf(business, endpoint);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["status"], "succeeded");
  EXPECT_EQ(log[0]["attempts"], 2);
  EXPECT_EQ(log[0]["response_status"], 200);
  EXPECT_TRUE(log[0]["response_ms"].is_number_integer());

  // Replayed by hand: the same body again, as a new delivery naming the first.
  auto replay = Send("POST",
                     "/api/v1/webhooks/" + std::to_string(endpoint) + "/deliveries/" +
                         std::to_string(log[0]["id"].get<long long>()) + "/replay",
                     &business.owner);
  ASSERT_EQ(replay->status, 202) << replay->body;
  Deliver();
  hits = receiver.Hits();
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[2].body, hits[1].body);
  EXPECT_NE(hits[2].delivery, hits[1].delivery);
  EXPECT_TRUE(SignedBy(hits[2].signature, hits[2].body, secret));
  EXPECT_EQ(DeliveriesOf(business, endpoint)[0]["replay_of"], log[0]["id"]);

  // Another organisation sees none of it.
  auto other = SeedBusiness("Autre Sono", "boss@autre.fr");
  EXPECT_EQ(
      Send("GET", "/api/v1/webhooks/" + std::to_string(endpoint) + "/deliveries", &other.owner)
          ->status,
      404);
}

TEST_F(Webhooks, ARedirectIsNotFollowedAndRepeatedFailuresDisableTheEndpointAndTellTheAdmins) {
  Receiver receiver;
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  json created = Register(business, receiver.base_url() + "/hook", {"invoice_issued"});
  const long long endpoint = created["endpoint"]["id"];
  const std::string path = "/api/v1/webhooks/" + std::to_string(endpoint);
  receiver.Answer({302, 302, 302, 302, 302, 302});
  ASSERT_EQ(Send("POST", path + "/ping", &business.owner)->status, 202);
  Deliver(8);
  for (const auto& hit : receiver.Hits()) EXPECT_EQ(hit.path, "/hook") << "never /elsewhere";
  json log = DeliveriesOf(business, endpoint);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["status"], "failed");
  EXPECT_EQ(log[0]["attempts"], 6);
  EXPECT_EQ(log[0]["response_status"], 302);

  // Four more deliveries that fail for good: five in a row disable it.
  const long long emails_before = Count("emails");
  for (int i = 0; i < 4; ++i) {
    receiver.Answer({500, 500, 500, 500, 500, 500});
    ASSERT_EQ(Send("POST", path + "/ping", &business.owner)->status, 202);
    Deliver(8);
  }
  json endpoints = Json(Send("GET", "/api/v1/webhooks", &business.owner))["items"];
  ASSERT_EQ(endpoints.size(), 1u);
  EXPECT_EQ(endpoints[0]["status"], "disabled");
  EXPECT_NE(endpoints[0]["disabled_reason"].get<std::string>().find("5 envois"), std::string::npos);
  EXPECT_EQ(Count("emails") - emails_before, 1) << "the owner is told";
  // Disabled: events no longer go there; enabled again, they do.
  const auto hits_before = receiver.Hits().size();
  IssuedInvoice(business, 5000);
  Deliver(2);
  EXPECT_EQ(receiver.Hits().size(), hits_before);
  ASSERT_EQ(Send("PATCH", path, &business.owner, {{"active", true}})->status, 200);
  IssuedInvoice(business, 6000);
  Deliver(2);
  EXPECT_EQ(receiver.Hits().size(), hits_before + 1);
}

class StrictWebhooks : public Webhooks {
 protected:
  void SetUp() override {
    allow_local_ = false;
    Webhooks::SetUp();
  }
};

TEST_F(StrictWebhooks, PrivateAndLoopbackEndpointsAreRefusedAtRegistrationAndAtDelivery) {
  Receiver receiver;
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  for (const std::string& url :
       {receiver.base_url() + "/hook", std::string("https://127.0.0.1/hook"),
        std::string("https://10.0.0.8/hook"), std::string("https://169.254.169.254/latest"),
        std::string("https://localhost/hook"), std::string("https://[::1]/hook"),
        std::string("https://2130706433/hook")}) {
    auto res = Send("POST", "/api/v1/webhooks", &business.owner,
                    {{"url", url}, {"events", {"invoice_issued"}}});
    EXPECT_EQ(res->status, 422) << url << " " << res->body;
    if (res->status == 422) {
      EXPECT_EQ(Json(res)["error"]["fields"][0]["field"], "url");
    }
  }
  EXPECT_EQ(Count("webhook_endpoints"), 0);
  auto unknown = Send("POST", "/api/v1/webhooks", &business.owner,
                      {{"url", "https://hooks.example.invalid/x"}, {"events", {"nope"}}});
  EXPECT_EQ(unknown->status, 422);

  // An endpoint whose address turned private after registration (a DNS change): written
  // directly, as registration would refuse it. The delivery is refused, nothing is sent.
  {
    auto lease = db_->Acquire();
    store::WebhookEndpoint e;
    e.url = "https://127.0.0.1:" + receiver.base_url().substr(receiver.base_url().rfind(':') + 1) +
            "/hook";
    e.events = {"invoice_issued"};
    e.secret_sealed = cipher_.Seal("whsec_test");
    (void)store::WebhooksRepository(*lease).Insert(business.org, e, std::nullopt,
                                                   "2026-11-25T09:00:00.000Z");
  }
  IssuedInvoice(business, 10000);
  Deliver(2);
  EXPECT_TRUE(receiver.Hits().empty());
  long long endpoint = Json(Send("GET", "/api/v1/webhooks", &business.owner))["items"][0]["id"];
  json log = DeliveriesOf(business, endpoint);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["status"], "refused");
  EXPECT_NE(log[0]["error"].get<std::string>().find("privée"), std::string::npos) << log[0].dump();
}

}  // namespace
}  // namespace planify::testing
