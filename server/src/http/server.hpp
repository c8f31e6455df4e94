#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/auth/identity_provider.hpp"
#include "app/backups/backups_service.hpp"
#include "app/notifications/notifications_service.hpp"
#include "app/payments/payment_gateway.hpp"
#include "app/planning/calendar_provider.hpp"
#include "app/ports.hpp"
#include "domain/site_analytics.hpp"
#include "domain/webhooks.hpp"
#include "http/admission.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "store/database.hpp"

namespace planify::http {

struct ServerOptions {
  std::size_t body_limit_bytes = std::size_t{10} * 1024 * 1024;
  std::chrono::seconds read_timeout{10};  // a client silent this long is dropped
  std::chrono::seconds write_timeout{10};
  std::chrono::seconds keep_alive_timeout{5};
  // The whole of one request — read to its last byte, handled, answered — ends by then.
  std::chrono::seconds request_deadline{60};
  std::size_t threads = 64;
  // Downloads handled at once (routes marked Queued); 0: the number of cores, at least 2.
  std::size_t download_slots = 0;
  std::filesystem::path web_dir;  // built web app; empty: none
  bool https_public_url = false;  // adds HSTS
};

// What the routes need from the rest of the program.
struct Services {
  store::Database* db = nullptr;
  const app::Clock* clock = nullptr;
  const app::PasswordHasher* hasher = nullptr;
  const app::Cipher* cipher = nullptr;                 // seals bank details at rest
  const app::Cipher* state_cipher = nullptr;           // seals the OpenID flow's state cookie
  app::IdentityProvider* google = nullptr;             // null: Google sign-in is off
  const app::Cipher* calendar_cipher = nullptr;        // seals calendar refresh tokens
  app::CalendarProvider* calendar_provider = nullptr;  // null: Google Calendar is off
  std::string resend_webhook_secret;  // "whsec_…"; empty: the Resend webhook answers 404
  app::PaymentGateway* payment_gateway = nullptr;  // null: Stripe's API at stripe_api_url
  std::string stripe_api_url = "https://api.stripe.com";
  std::string public_url;  // PLANIFY_PUBLIC_URL: trusted Origin, Secure cookies when https
  std::vector<std::string> trusted_proxies;  // peers whose X-Forwarded-For is believed
  app::BackupSettings backups;               // Administration → Sauvegardes
  domain::WebhookPolicy webhook_policy;      // tests only: a local receiver over http
  app::PushSettings push{app::DefaultPushHosts(), {}, "mailto:notifications@planify.app"};
  domain::WebAnalytics web_analytics;  // trackers the browser may load, with consent
};

struct UseCases;

// The HTTP front: JSON API under /api/v1, health and metrics endpoints, the web app, and the
// cross-cutting rules (request ids, security headers, error shape, access log, metrics).
class Server {
 public:
  Server(ServerOptions options, Services services);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds; port 0 picks a free one. Returns the bound port, or -1.
  int Bind(const std::string& host, int port);
  // Serves until Stop(); returns after in-flight requests have finished.
  void Run();
  // Stops accepting and lets in-flight requests finish. Safe from any thread.
  void Stop();
  // Graceful: refuses new connections, serves the requests already accepted, then Run()
  // returns. Safe from any thread.
  void StopAccepting();
  // /readyz answers 503 from now on (draining before stop).
  void BeginShutdown() { shutting_down_ = true; }
  [[nodiscard]] bool running() const { return server_.is_running(); }
  [[nodiscard]] const Router& router() const { return router_; }
  void WaitUntilReady() const;

 private:
  void Dispatch(const httplib::Request& req, httplib::Response& res);
  void RegisterRoutes();
  void ApplyCommonHeaders(httplib::Response& res) const;
  // Session, CSRF, Origin and permission checks for the route; writes the error and returns
  // false when the request may not proceed.
  bool Authorize(const httplib::Request& req, httplib::Response& res, const Access& access,
                 std::optional<app::Principal>& principal);
  // Gzips a JSON body over kCompressAbove when the client accepts it.
  static void CompressJson(const httplib::Request& req, httplib::Response& res);
  // 304 when If-None-Match carries the current tag, else `handle()`; the tag on a 200.
  void Revalidated(const httplib::Request& req, httplib::Response& res,
                   const app::Principal& principal, const std::function<void()>& handle);

  ServerOptions options_;
  Services services_;
  std::string public_origin_;
  std::string csp_;  // same-origin, plus the configured trackers' hosts
  std::unique_ptr<UseCases> use_cases_;
  // httplib::Server with access to its listening socket, to stop accepting without cutting
  // the connections already accepted (httplib's stop() drops queued ones unread), and with its
  // own connection handling (docs/security.md, "Connections"): each request has a total
  // deadline, and a keep-alive connection waiting for its next request is parked in an epoll
  // set instead of holding a worker thread.
  class Listener : public httplib::Server {
   public:
    void ShutdownListeningSocket();
    // httplib listens with a backlog of 5: a burst of new clients then waits for SYN
    // retransmits (1 s, 3 s). Linux lets listen() be called again to raise it.
    void RaiseBacklog(int backlog);
    void Configure(std::size_t threads, std::chrono::seconds request_deadline);
    // Connections parked between requests (for tests and metrics).
    [[nodiscard]] std::size_t IdleConnectionCount() const;

   private:
    class Queue;
    bool process_and_close_socket(socket_t sock) override;
    // Serves the requests `sock` has ready, then parks it or closes it.
    void Serve(int sock, int served, std::string bytes);

    std::chrono::seconds request_deadline_{60};
    std::atomic<Queue*> queue_{nullptr};
    std::atomic<bool> draining_{false};
  };
  Listener server_;
  Router router_;
  Metrics metrics_;
  FifoGate downloads_;
  std::unique_ptr<StaticFiles> static_files_;
  std::atomic<bool> shutting_down_{false};
};

}  // namespace planify::http
