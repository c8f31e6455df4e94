// E-mail through the SMTP driver to a local SMTP sink over loopback (libcurl on one side, a
// minimal RFC 5321 server on the other), retried through a refused first connection.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
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

class SmtpSink {
 public:
  struct Message {
    std::string mail_from;
    std::vector<std::string> rcpt_to;
    std::string data;
  };

  SmtpSink() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = 0;
    ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(listener_, 16);
    socklen_t len = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~SmtpSink() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    thread_.join();
  }
  void RefuseFirstConnections(int n) { refuse_ = n; }
  void RejectRecipient(std::string address) { rejected_ = std::move(address); }
  [[nodiscard]] int port() const { return port_; }
  std::vector<Message> messages() {
    std::lock_guard lock(mutex_);
    return messages_;
  }
  int connections() const { return connections_; }

 private:
  static void Say(int fd, const std::string& line) {
    std::string out = line + "\r\n";
    ::send(fd, out.data(), out.size(), MSG_NOSIGNAL);
  }
  static bool ReadLine(int fd, std::string& buffer, std::string& line) {
    for (;;) {
      auto eol = buffer.find("\r\n");
      if (eol != std::string::npos) {
        line = buffer.substr(0, eol);
        buffer.erase(0, eol + 2);
        return true;
      }
      char chunk[4096];
      auto n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) return false;
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
  }

  void Serve() {
    while (!stopping_) {
      int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) return;
      ++connections_;
      if (refuse_ > 0) {
        --refuse_;
        Say(fd, "421 sink.test Service not available, try later");
        ::close(fd);
        continue;
      }
      Session(fd);
      ::close(fd);
    }
  }

  void Session(int fd) {
    std::string buffer;
    std::string line;
    Message message;
    Say(fd, "220 sink.test ESMTP");
    while (ReadLine(fd, buffer, line)) {
      std::string verb = line.substr(0, 4);
      for (char& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (verb == "EHLO" || verb == "HELO") {
        Say(fd, "250-sink.test\r\n250 8BITMIME");
      } else if (verb == "MAIL") {
        message = Message{};
        message.mail_from = line.substr(line.find(':') + 1);
        Say(fd, "250 OK");
      } else if (verb == "RCPT") {
        std::string to = line.substr(line.find(':') + 1);
        if (!rejected_.empty() && to.find(rejected_) != std::string::npos) {
          Say(fd, "550 5.1.1 No such user");
        } else {
          message.rcpt_to.push_back(to);
          Say(fd, "250 OK");
        }
      } else if (verb == "DATA") {
        Say(fd, "354 End data with <CR><LF>.<CR><LF>");
        std::string data;
        while (ReadLine(fd, buffer, line) && line != ".") data += line + "\r\n";
        message.data = data;
        {
          std::lock_guard lock(mutex_);
          messages_.push_back(message);
        }
        Say(fd, "250 OK queued");
      } else if (verb == "QUIT") {
        Say(fd, "221 Bye");
        return;
      } else {
        Say(fd, "250 OK");
      }
    }
  }

  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> refuse_{0};
  std::atomic<int> connections_{0};
  std::string rejected_;
  std::mutex mutex_;
  std::vector<Message> messages_;
};

class SmtpDelivery : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*store::Database::Open(
        *store::ParseDatabaseUrl("sqlite:" + (dir_.path() / "m.db").string())));
    auto lease = db_->Acquire();
    ASSERT_TRUE(store::Migrate(*lease, store::EmbeddedMigrations(db_->dialect()),
                               "2026-11-25T10:00:00.000Z"));
  }

  long long Queue(const std::string& to) {
    domain::EmailDraft draft;
    draft.to_address = to;
    draft.to_name = "Chloé Martin";
    draft.from_name = "Sono Lumière";
    draft.subject = "Votre facture FAC-2026-0042 — 1 234,56 €";
    draft.html = "<p>Bonjour Chloé,</p>";
    draft.text = "Bonjour Chloé,";
    draft.attachments.push_back({"FAC-2026-0042.pdf", "application/pdf", "%PDF-1.7 facture"});
    auto lease = db_->Acquire();
    store::WriteTransaction tx(*lease);
    auto id = app::QueueEmail(*lease, std::nullopt, draft, "2026-11-25T10:00:00.000Z");
    EXPECT_TRUE(id);
    tx.Commit();
    return *id;
  }

  void Drain(app::Mailer& mailer) {
    testing::DrainEmailJobs(*db_, mailer, "factures@sono-lumiere.fr", 1);
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(SmtpDelivery, DeliversAMimeMessageAfterARefusedConnection) {
  SmtpSink sink;
  sink.RefuseFirstConnections(1);
  integrations::SmtpMailer mailer({"smtp://127.0.0.1:" + std::to_string(sink.port()), "", "", false,
                                   "planify.test", std::chrono::milliseconds(5000)});
  long long id = Queue("chloe@example.fr");
  Drain(mailer);

  auto messages = sink.messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_GE(sink.connections(), 2);
  const auto& m = messages[0];
  EXPECT_EQ(m.mail_from, "<factures@sono-lumiere.fr>");
  ASSERT_EQ(m.rcpt_to.size(), 1u);
  EXPECT_EQ(m.rcpt_to[0], "<chloe@example.fr>");
  EXPECT_NE(m.data.find("Message-ID: <planify-email-" + std::to_string(id) + "@planify.test>"),
            std::string::npos);
  // Non-ASCII header text travels as RFC 2047 encoded words.
  EXPECT_NE(m.data.find("Subject: =?UTF-8?B?" +
                        store::Base64Encode("Votre facture FAC-2026-0042 — 1 234,56 €") + "?="),
            std::string::npos)
      << m.data;
  EXPECT_NE(m.data.find("From: =?UTF-8?B?" + store::Base64Encode("Sono Lumière") +
                        "?= <factures@sono-lumiere.fr>"),
            std::string::npos);
  EXPECT_NE(m.data.find("Content-Type: text/html; charset=utf-8"), std::string::npos);
  EXPECT_NE(m.data.find("filename=\"FAC-2026-0042.pdf\""), std::string::npos);
  EXPECT_NE(m.data.find(store::Base64Encode("%PDF-1.7 facture")), std::string::npos);

  auto lease = db_->Acquire();
  auto email = *store::EmailsRepository(*lease).Find(id);
  EXPECT_EQ(email.status, "sent");
  EXPECT_EQ(email.provider, "smtp");
  EXPECT_EQ(email.attempts, 2) << "the refused hand-over and the successful one";
}

TEST_F(SmtpDelivery, AnUnknownMailboxFailsTheMessageWithoutRetry) {
  SmtpSink sink;
  sink.RejectRecipient("nobody@");
  integrations::SmtpMailer mailer({"smtp://127.0.0.1:" + std::to_string(sink.port()), "", "", false,
                                   "planify.test", std::chrono::milliseconds(5000)});
  long long id = Queue("nobody@example.fr");
  Drain(mailer);
  EXPECT_TRUE(sink.messages().empty());
  EXPECT_EQ(sink.connections(), 1);
  auto lease = db_->Acquire();
  auto email = *store::EmailsRepository(*lease).Find(id);
  EXPECT_EQ(email.status, "failed");
  EXPECT_NE(email.last_error.find("550"), std::string::npos) << email.last_error;
}

}  // namespace
}  // namespace planify
