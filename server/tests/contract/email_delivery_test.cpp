// E-mail delivery through the job queue to a local fake Resend over real HTTP, on SQLite and
// PostgreSQL: failures and time-outs are retried, and each message is delivered exactly once.
#include <gtest/gtest.h>
#include <httplib.h>

#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/email/email_service.hpp"
#include "integrations/email/mailers.hpp"
#include "jobs/worker.hpp"
#include "store/database.hpp"
#include "store/emails_repository.hpp"
#include "store/jobs_repository.hpp"
#include "store/migrations.hpp"
#include "support/test_support.hpp"

namespace planify {
namespace {

using store::Dialect;

// A stand-in for api.resend.com: checks the request like Resend does, honours Idempotency-Key,
// and plays a script of failures before accepting.
class FakeResend {
 public:
  enum class Fault { kServerError, kRateLimited, kSlowAfterAccepting };

  FakeResend() {
    server_.Post("/emails",
                 [this](const httplib::Request& req, httplib::Response& res) { Handle(req, res); });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeResend() {
    server_.stop();
    thread_.join();
  }

  void Script(std::deque<Fault> faults) {
    std::lock_guard lock(mutex_);
    faults_ = std::move(faults);
  }
  void RejectRecipient(std::string address) { rejected_ = std::move(address); }
  [[nodiscard]] std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  struct Delivery {
    nlohmann::json body;
    std::string id;
    int count = 0;  // times this key was accepted as a new message (must stay 1)
  };
  std::map<std::string, Delivery> deliveries() {
    std::lock_guard lock(mutex_);
    return deliveries_;
  }
  int requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  void Handle(const httplib::Request& req, httplib::Response& res) {
    std::unique_lock lock(mutex_);
    ++requests_;
    if (req.get_header_value("Authorization") != "Bearer re_test_key") {
      res.status = 401;
      res.set_content(
          R"({"statusCode":401,"message":"API key is invalid","name":"validation_error"})",
          "application/json");
      return;
    }
    auto body = nlohmann::json::parse(req.body, nullptr, false);
    const std::string key = req.get_header_value("Idempotency-Key");
    if (!body.is_object() || key.empty() || !body.contains("from") || !body.contains("to")) {
      res.status = 422;
      res.set_content(R"({"statusCode":422,"message":"missing fields","name":"validation_error"})",
                      "application/json");
      return;
    }
    if (body["to"][0].get<std::string>().find(rejected_) != std::string::npos &&
        !rejected_.empty()) {
      res.status = 422;
      res.set_content(
          R"({"statusCode":422,"message":"Invalid `to` field","name":"validation_error"})",
          "application/json");
      return;
    }
    std::optional<Fault> fault;
    if (!faults_.empty()) {
      fault = faults_.front();
      faults_.pop_front();
    }
    if (fault == Fault::kServerError) {
      res.status = 503;
      res.set_content(R"({"statusCode":503,"message":"try later"})", "application/json");
      return;
    }
    if (fault == Fault::kRateLimited) {
      res.status = 429;
      res.set_content(R"({"statusCode":429,"message":"Too many requests"})", "application/json");
      return;
    }
    // Accept (or replay an earlier acceptance of the same key, as Resend does).
    auto it = deliveries_.find(key);
    if (it == deliveries_.end()) {
      Delivery d;
      d.body = body;
      d.id = "msg_" + std::to_string(deliveries_.size() + 1);
      d.count = 1;
      it = deliveries_.emplace(key, d).first;
    }
    const std::string id = it->second.id;
    if (fault == Fault::kSlowAfterAccepting) {
      // Accepted, but the answer comes after the client gave up: the retry must not resend.
      lock.unlock();
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    }
    res.set_content(nlohmann::json{{"id", id}}.dump(), "application/json");
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  std::deque<Fault> faults_;
  std::string rejected_;
  std::map<std::string, Delivery> deliveries_;
  int requests_ = 0;
};

class EmailDelivery : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    auto url = testing::BackendUrl(GetParam() == Dialect::kPostgres, dir_);
    if (!url) GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    db_ = std::move(*store::Database::Open(*store::ParseDatabaseUrl(*url)));
    auto lease = db_->Acquire();
    ASSERT_TRUE(store::Migrate(*lease, store::EmbeddedMigrations(db_->dialect()),
                               "2026-11-25T10:00:00.000Z"));
  }

  long long Queue(const std::string& to, bool with_attachment = false) {
    domain::EmailDraft draft;
    draft.to_address = to;
    draft.to_name = "Client";
    draft.from_name = "Sono Lumière";
    draft.reply_to = "contact@sono-lumiere.fr";
    draft.subject = "Votre devis DEV-2026-0001";
    draft.html = "<p>Bonjour,</p>";
    draft.text = "Bonjour,";
    if (with_attachment)
      draft.attachments.push_back(
          {"devis.pdf", "application/pdf", std::string("%PDF-1.7\0\xff", 10)});
    auto lease = db_->Acquire();
    store::WriteTransaction tx(*lease);
    auto id = app::QueueEmail(*lease, std::nullopt, draft, "2026-11-25T10:00:00.000Z");
    EXPECT_TRUE(id) << (id ? "" : id.error().message);
    tx.Commit();
    return id ? *id : 0;
  }

  void Drain(app::Mailer& mailer) {
    testing::DrainEmailJobs(*db_, mailer, "no-reply@planify.example.fr");
  }

  store::EmailRow Email(long long id) {
    auto lease = db_->Acquire();
    return *store::EmailsRepository(*lease).Find(id);
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
};

TEST_P(EmailDelivery, RetriesThroughFailuresAndDeliversEachMessageOnce) {
  FakeResend fake;
  using F = FakeResend::Fault;
  fake.Script({F::kServerError, F::kSlowAfterAccepting, F::kRateLimited, F::kServerError});
  integrations::ResendMailer mailer(
      {"re_test_key", fake.base_url(), std::chrono::milliseconds(500)});
  long long a = Queue("alice@example.fr", /*with_attachment=*/true);
  long long b = Queue("bob@example.fr");
  long long c = Queue("chloe@example.fr");
  Drain(mailer);

  auto deliveries = fake.deliveries();
  ASSERT_EQ(deliveries.size(), 3u);
  for (const auto& [key, d] : deliveries) EXPECT_EQ(d.count, 1) << key;
  EXPECT_GT(fake.requests(), 3) << "the scripted failures were retried";
  for (long long id : {a, b, c}) {
    auto email = Email(id);
    EXPECT_EQ(email.status, "sent") << email.last_error;
    EXPECT_EQ(email.provider, "resend");
    const auto& d = deliveries.at("planify-email-" + std::to_string(id));
    EXPECT_EQ(email.provider_message_id, d.id);
    EXPECT_EQ(d.body["from"], "\"Sono Lumière\" <no-reply@planify.example.fr>");
    EXPECT_EQ(d.body["reply_to"], "contact@sono-lumiere.fr");
    EXPECT_EQ(d.body["subject"], "Votre devis DEV-2026-0001");
  }
  const auto& with_pdf = deliveries.at("planify-email-" + std::to_string(a));
  ASSERT_EQ(with_pdf.body["attachments"].size(), 1u);
  EXPECT_EQ(with_pdf.body["attachments"][0]["filename"], "devis.pdf");
  EXPECT_EQ(store::Base64Decode(with_pdf.body["attachments"][0]["content"]),
            std::string("%PDF-1.7\0\xff", 10));
}

TEST_P(EmailDelivery, AMessageTheProviderRefusesFailsAtOnceWithoutRetry) {
  FakeResend fake;
  fake.RejectRecipient("refused@");
  integrations::ResendMailer mailer(
      {"re_test_key", fake.base_url(), std::chrono::milliseconds(500)});
  long long id = Queue("refused@example.fr");
  Drain(mailer);
  auto email = Email(id);
  EXPECT_EQ(email.status, "failed");
  EXPECT_NE(email.last_error.find("Invalid `to` field"), std::string::npos) << email.last_error;
  EXPECT_EQ(fake.requests(), 1);
  auto lease = db_->Acquire();
  EXPECT_EQ(store::JobsRepository(*lease).Count(store::JobStatus::kDead), 1);
}

TEST_P(EmailDelivery, OutboxDriverKeepsMessagesForAdminsAndMarksThemSent) {
  integrations::OutboxMailer mailer;
  long long id = Queue("greg@example.fr");
  Drain(mailer);
  auto email = Email(id);
  EXPECT_EQ(email.status, "sent");
  EXPECT_EQ(email.provider, "outbox");
  EXPECT_EQ(email.draft.html, "<p>Bonjour,</p>");
}

TEST_P(EmailDelivery, AnInvalidDraftIsRefusedAndNothingIsQueued) {
  auto lease = db_->Acquire();
  domain::EmailDraft draft;
  draft.to_address = "not-an-address";
  draft.from_name = "Sono\r\nBcc: victim@example.fr";
  draft.subject = "";
  auto id = app::QueueEmail(*lease, std::nullopt, draft, "2026-11-25T10:00:00.000Z");
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code, ErrorCode::kValidation);
  EXPECT_GE(id.error().fields.size(), 4u);
  EXPECT_EQ(store::JobsRepository(*lease).Count(std::nullopt), 0);
}

TEST_P(EmailDelivery, ATemplatedEmailIsStoredAsRenderedAndSent) {
  FakeResend fake;
  integrations::ResendMailer mailer(
      {"re_test_key", fake.base_url(), std::chrono::milliseconds(500)});
  long long id = 0;
  {
    auto lease = db_->Acquire();
    store::WriteTransaction tx(*lease);
    auto data = integrations::EmailTemplateSample();
    auto queued = app::QueueTemplatedEmail(
        *lease, std::nullopt, "invoice.sent", "fr", {"Sono Lumière", "", "#0f766e"}, data,
        "Compta@Mairie.fr", "Mairie", "2026-11-25T10:00:00.000Z");
    ASSERT_TRUE(queued) << queued.error().message;
    id = *queued;
    auto missing =
        app::QueueTemplatedEmail(*lease, std::nullopt, "invoice.sent", "fr", {},
                                 {{"client_name", "X"}}, "a@b.fr", "", "2026-11-25T10:00:00.000Z");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::kValidation);
    tx.Commit();
  }
  Drain(mailer);
  auto email = Email(id);
  EXPECT_EQ(email.status, "sent");
  EXPECT_EQ(email.draft.template_name, "invoice.sent");
  EXPECT_EQ(email.draft.to_address, "compta@mairie.fr");
  EXPECT_EQ(email.draft.subject, "Facture FAC-2026-0117 — Sono Lumière");
  auto delivered = fake.deliveries().at("planify-email-" + std::to_string(id));
  EXPECT_EQ(delivered.body["html"], email.draft.html) << "what left is what is stored";
  EXPECT_NE(email.draft.html.find("Payer en ligne"), std::string::npos);
}

std::string Name(const ::testing::TestParamInfo<Dialect>& info) {
  return info.param == Dialect::kSqlite ? "SQLite" : "PostgreSQL";
}

INSTANTIATE_TEST_SUITE_P(Backends, EmailDelivery,
                         ::testing::Values(Dialect::kSqlite, Dialect::kPostgres), Name);

}  // namespace
}  // namespace planify
