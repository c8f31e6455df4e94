#include "http/server.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <set>
#include <thread>

#include "common/bounded_json.hpp"
#include "common/log_context.hpp"
#include "domain/auth.hpp"
#include "domain/site_analytics.hpp"
#include "domain/validation.hpp"
#include "http/compression.hpp"
#include "http/connections.hpp"
#include "http/errors.hpp"
#include "http/revalidation.hpp"
#include "http/routes/routes.hpp"
#include "http/session_cookies.hpp"
#include "integrations/crypto/sodium.hpp"

namespace planify::http {

namespace {

// Per-request bookkeeping; httplib serves a request start to finish on one thread.
struct RequestState {
  std::chrono::steady_clock::time_point start;
  std::string route;
  bool active = false;
  // For the connection loop: whether httplib parsed the request far enough to route it, and
  // the status answered. An unparsed request, or one whose body was refused unread, leaves
  // bytes that are not a request: the connection is closed after the answer.
  bool routed = false;
  int status = 0;
};
thread_local RequestState t_state;  // NOLINT(readability-identifier-naming)

bool IsValidRequestId(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

bool IsJsonMedia(const std::string& content_type) {
  auto media = domain::ToLowerAscii(content_type.substr(0, content_type.find(';')));
  return domain::Trim(media) == "application/json";
}

bool IsApiPath(const std::string& path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

}  // namespace

// The worker threads plus the parked keep-alive connections; a parked connection that becomes
// readable is served again by a worker.
class Server::Listener::Queue final : public httplib::TaskQueue {
 public:
  Queue(Listener& listener, std::size_t threads, std::chrono::milliseconds idle_timeout,
        std::chrono::milliseconds header_timeout)
      : listener_(listener),
        pool_(threads),
        idle_(idle_timeout, header_timeout, [this](int sock, int served, std::string bytes) {
          pool_.enqueue([this, sock, served, bytes = std::move(bytes)]() mutable {
            listener_.Serve(sock, served, std::move(bytes));
          });
        }) {
    listener_.queue_ = this;
  }
  void enqueue(std::function<void()> fn) override { pool_.enqueue(std::move(fn)); }
  void shutdown() override {
    idle_.Stop();  // parked connections with a request waiting are served first
    pool_.shutdown();
    listener_.queue_ = nullptr;
  }
  IdleConnections& idle() { return idle_; }

 private:
  Listener& listener_;
  httplib::ThreadPool pool_;
  IdleConnections idle_;
};

void Server::Listener::Configure(std::size_t threads, std::chrono::seconds request_deadline) {
  request_deadline_ = request_deadline;
  new_task_queue = [this, threads] {
    return new Queue(*this, threads, std::chrono::seconds(keep_alive_timeout_sec_),
                     std::chrono::seconds(read_timeout_sec_));
  };
}

std::size_t Server::Listener::IdleConnectionCount() const {
  Queue* queue = queue_;
  return queue != nullptr ? queue->idle().parked() : 0;
}

bool Server::Listener::process_and_close_socket(socket_t sock) {
  // A new connection waits for its request in the idle set, like a kept-alive one.
  Queue* queue = queue_;
  if (!draining_ && queue != nullptr && queue->idle().Park(sock, 0)) return true;
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return true;
}

void Server::Listener::Serve(int sock, int served, std::string bytes) {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  DeadlineStream stream(
      sock,
      duration_cast<milliseconds>(std::chrono::seconds(read_timeout_sec_) +
                                  std::chrono::microseconds(read_timeout_usec_)),
      duration_cast<milliseconds>(std::chrono::seconds(write_timeout_sec_) +
                                  std::chrono::microseconds(write_timeout_usec_)));
  stream.Prime(std::move(bytes));
  while (true) {
    if (!stream.HasBuffered()) {
      // The next request's headers are collected in the idle set, not on this thread.
      Queue* queue = queue_;
      if (!draining_ && queue != nullptr && queue->idle().Park(sock, served)) return;
      break;
    }
    stream.StartRequest(std::chrono::steady_clock::now() + request_deadline_);
    ++served;
    const bool last = static_cast<std::size_t>(served) >= keep_alive_max_count_ || draining_ ||
                      svr_sock_ == INVALID_SOCKET;
    bool closed = false;
    t_state.routed = false;
    t_state.status = 0;
    const bool ok = process_request(stream, last, closed, nullptr);
    if (!t_state.routed || t_state.status == 413) closed = true;
    if (stream.expired()) {
      std::string ip;
      int port = 0;
      stream.get_remote_ip_and_port(ip, port);
      spdlog::warn("connection from {} closed: request not complete within {} s", ip,
                   request_deadline_.count());
      break;
    }
    if (!ok || closed || last) break;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
}

void Server::Listener::ShutdownListeningSocket() {
  draining_ = true;
  socket_t sock = svr_sock_;
  if (sock != INVALID_SOCKET) ::shutdown(sock, SHUT_RDWR);
}

void Server::Listener::RaiseBacklog(int backlog) {
  socket_t sock = svr_sock_;
  if (sock != INVALID_SOCKET) ::listen(sock, backlog);
}

Server::Server(ServerOptions options, Services services)
    : options_(std::move(options)),
      services_(std::move(services)),
      public_origin_(domain::OriginOf(services_.public_url)),
      csp_(domain::ContentSecurityPolicy(services_.web_analytics)),
      use_cases_(std::make_unique<UseCases>(services_)),
      downloads_(options_.download_slots != 0
                     ? options_.download_slots
                     : std::max<std::size_t>(2, std::thread::hardware_concurrency())) {
  if (!options_.web_dir.empty()) static_files_ = std::make_unique<StaticFiles>(options_.web_dir);
  RegisterRoutes();

  server_.Configure(std::max<std::size_t>(2, options_.threads), options_.request_deadline);
  server_.set_payload_max_length(options_.body_limit_bytes);
  server_.set_read_timeout(options_.read_timeout);
  server_.set_write_timeout(options_.write_timeout);
  server_.set_keep_alive_timeout(options_.keep_alive_timeout.count());
  server_.set_keep_alive_max_count(1000);
  server_.set_tcp_nodelay(true);

  server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    t_state.start = std::chrono::steady_clock::now();
    t_state.route = "unmatched";
    t_state.active = true;
    t_state.routed = true;
    std::string id = req.get_header_value("X-Request-Id");
    if (!IsValidRequestId(id)) id = integrations::RandomHex(12);
    t_request_id = id;
    res.set_header("X-Request-Id", id);
    ApplyCommonHeaders(res);
    if (shutting_down_) res.set_header("Connection", "close");
    return httplib::Server::HandlerResponse::Unhandled;
  });

  auto dispatch = [this](const httplib::Request& req, httplib::Response& res) {
    Dispatch(req, res);
    CompressJson(req, res);
  };
  server_.Get(".*", dispatch);
  server_.Post(".*", dispatch);
  server_.Put(".*", dispatch);
  server_.Patch(".*", dispatch);
  server_.Delete(".*", dispatch);
  server_.Options(".*", dispatch);

  // Errors httplib produces itself (body over the limit, unparsable request, unknown method).
  server_.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        if (!res.has_header("X-Content-Type-Options")) ApplyCommonHeaders(res);
        // What follows an unparsed request or a body refused unread is not a request: the
        // connection loop closes the connection, and says so (RequestState).
        if ((!t_state.routed || res.status == 413) && !res.has_header("Connection")) {
          res.set_header("Connection", "close");
        }
        // httplib answers 400 to methods it does not know; for a well-formed request that is 405.
        static const std::set<std::string> kKnown = {
            "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE", "PRI"};
        if (res.status == 400 && !req.method.empty() && !kKnown.contains(req.method)) {
          res.status = 405;
          res.set_header("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        }
        Error error;
        switch (res.status) {
          case 413:
            error = MakeError(ErrorCode::kPayloadTooLarge,
                              "Le corps de la requête dépasse la taille maximale autorisée (" +
                                  std::to_string(options_.body_limit_bytes) + " octets).");
            break;
          case 405:
            error = MakeError(ErrorCode::kMethodNotAllowed, "Méthode non autorisée.");
            break;
          case 404:
            error = MakeError(ErrorCode::kNotFound, "Ressource introuvable.");
            break;
          case 400:
            error = MakeError(ErrorCode::kBadRequest, "Requête HTTP invalide.");
            break;
          default:
            error = MakeError(res.status >= 500 ? ErrorCode::kInternal : ErrorCode::kBadRequest,
                              "La requête n'a pas pu être traitée.");
            break;
        }
        int status = res.status;
        WriteError(res, error);
        res.status = status;
        return httplib::Server::HandlerResponse::Handled;
      }));

  server_.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, const std::exception_ptr& ep) {
        std::string what = "unknown exception";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
          what = "non-standard exception";
        }
        spdlog::error("unhandled exception on {} {}: {}", req.method, req.path, what);
        WriteError(res, MakeError(ErrorCode::kInternal, "Erreur interne du serveur."));
      });

  server_.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    double seconds = 0;
    std::string route = "unmatched";
    if (t_state.active) {
      seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t_state.start).count();
      route = t_state.route;
    }
    metrics_.Observe(req.method, route, res.status, seconds);
    spdlog::info("{} {} {} {} {:.1f}ms", req.method, route, req.path, res.status, seconds * 1000.0);
    t_state.active = false;
    t_state.status = res.status;
    t_request_id.clear();
  });
}

Server::~Server() { Stop(); }

void Server::ApplyCommonHeaders(httplib::Response& res) const {
  // The server's clock (injected, so tests see the instant the server believes it is).
  if (services_.clock != nullptr)
    res.set_header("Date", domain::FormatHttpDate(services_.clock->Now()));
  res.set_header("Content-Security-Policy", csp_);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "strict-origin-when-cross-origin");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Cross-Origin-Opener-Policy", "same-origin");
  res.set_header("Permissions-Policy", "camera=(self), microphone=(), geolocation=(self)");
  if (options_.https_public_url) {
    res.set_header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
}

void Server::RegisterRoutes() {
  AddSystemRoutes(router_, services_, metrics_, shutting_down_);
  AddSetupRoutes(router_, services_, *use_cases_);
  AddAuthRoutes(router_, services_, *use_cases_);
  AddEmailLinkRoutes(router_, services_, *use_cases_);
  AddGoogleRoutes(router_, services_, *use_cases_);
  AddMemberRoutes(router_, *use_cases_);
  AddAdminRoutes(router_, *use_cases_);
  AddApiTokenRoutes(router_, *use_cases_);
  AddOrganizationRoutes(router_, *use_cases_);
  AddFileRoutes(router_, *use_cases_);
  AddClientRoutes(router_, *use_cases_);
  AddMissionRoutes(router_, *use_cases_);
  AddPlanningRoutes(router_, *use_cases_);
  AddCalendarFeedRoutes(router_, *use_cases_);
  AddGoogleCalendarRoutes(router_, services_, *use_cases_);
  AddDashboardRoutes(router_, services_, *use_cases_);
  AddSearchRoutes(router_, *use_cases_);
  AddNotificationRoutes(router_, *use_cases_);
  AddReportRoutes(router_, *use_cases_);
  AddOutgoingWebhookRoutes(router_, *use_cases_);
  AddBookingRoutes(router_, *use_cases_);
  AddClientSpaceRoutes(router_, *use_cases_);
  AddLogisticsRoutes(router_, *use_cases_);
  AddInventoryRoutes(router_, *use_cases_);
  AddCatalogueRoutes(router_, *use_cases_);
  AddDocumentRoutes(router_, *use_cases_);
  AddWebhookRoutes(router_, services_, *use_cases_);
  AddPaymentRoutes(router_, *use_cases_);
  AddExportRoutes(router_, *use_cases_);
  AddAccountingRoutes(router_, *use_cases_);
}

void Server::Dispatch(const httplib::Request& req, httplib::Response& res) {
  auto match = router_.Find(req.method, req.path);
  if (match.handler != nullptr) {
    t_state.route = match.pattern;
    std::optional<app::Principal> principal;
    if (!Authorize(req, res, match.access, principal)) return;
    // Every JSON body is checked before any handler runs, whether the route reads it or not:
    // nesting, size, NUL characters and syntax (docs/api.md, "Request bodies").
    if (!req.body.empty() && IsJsonMedia(req.get_header_value("Content-Type"))) {
      auto checked = ParseUntrustedJson(req.body);
      if (!checked) return WriteError(res, checked.error());
    }
    RequestContext ctx{match.params,
                       principal ? &*principal : nullptr,
                       {domain::ClientIp(req.remote_addr, req.get_header_value("X-Forwarded-For"),
                                         services_.trusted_proxies),
                        req.get_header_value("User-Agent"), t_request_id,
                        req.get_header_value("Idempotency-Key")}};
    if (match.access.revalidate && principal && principal->organization) {
      return Revalidated(req, res, *principal, [&] { (*match.handler)(req, res, ctx); });
    }
    if (match.access.queued) {
      auto slot = downloads_.Enter();
      (*match.handler)(req, res, ctx);
      return;
    }
    (*match.handler)(req, res, ctx);
    return;
  }
  if (!match.allowed.empty()) {
    t_state.route = match.pattern;
    std::string allow;
    for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
    res.set_header("Allow", allow);
    WriteError(res, MakeError(ErrorCode::kMethodNotAllowed,
                              "Méthode " + req.method + " non autorisée sur cette ressource."));
    return;
  }
  if (IsApiPath(req.path)) {
    t_state.route = "/api/*";
    WriteError(res, MakeError(ErrorCode::kNotFound, "Route inconnue : " + req.path));
    return;
  }
  if (req.method == "GET" || req.method == "HEAD") {
    t_state.route = "static";
    if (static_files_ && static_files_->Serve(req, res)) {
      // The embeddable booking form: the sites the organisation listed may frame it.
      if (auto slug = EmbeddedBookingSlug(req.path); !slug.empty()) {
        auto origins = use_cases_->booking.FrameAncestors(slug);
        if (!origins.empty()) {
          res.headers.erase("Content-Security-Policy");  // set_header adds, never replaces
          res.headers.erase("X-Frame-Options");
          res.set_header("Content-Security-Policy", domain::WithFrameAncestors(csp_, origins));
        }
      }
      return;
    }
    res.status = 404;
    res.set_content("Not found\n", "text/plain; charset=utf-8");
    return;
  }
  res.set_header("Allow", "GET, HEAD");
  WriteError(res, MakeError(ErrorCode::kMethodNotAllowed, "Méthode non autorisée."));
}

void Server::CompressJson(const httplib::Request& req, httplib::Response& res) {
  // httplib compresses text/* itself (the web app's files); JSON is ours, and only when it is
  // worth it.
  if (res.body.size() <= kCompressAbove || res.has_header("Content-Encoding") ||
      res.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
    return;
  }
  res.set_header("Vary", "Accept-Encoding");
  if (!AcceptsGzip(req.get_header_value("Accept-Encoding"))) return;
  auto packed = Gzip(res.body);
  if (!packed) return;
  res.body = std::move(*packed);
  res.set_header("Content-Encoding", "gzip");
}

void Server::Revalidated(const httplib::Request& req, httplib::Response& res,
                         const app::Principal& principal, const std::function<void()>& handle) {
  auto version = use_cases_->organization.DataVersion(principal);
  if (!version) return WriteError(res, version.error());
  const auto now = services_.clock->Now().time_since_epoch();
  const long long quarter_hour = std::chrono::floor<std::chrono::minutes>(now).count() / 15;
  // The caller (their role and memberships move the version), the method and the target.
  const std::string tag =
      WeakEtag(*version, quarter_hour,
               std::to_string(principal.user.value) + ' ' + req.method + ' ' + req.target);
  if (NoneMatchHits(req.get_header_value("If-None-Match"), tag)) {
    res.status = 304;
  } else {
    handle();
    if (res.status != 200) return;
  }
  // Private data, stored by the browser only to be revalidated.
  res.headers.erase("Cache-Control");
  res.set_header("Cache-Control", "private, no-cache");
  res.set_header("ETag", tag);
}

bool Server::Authorize(const httplib::Request& req, httplib::Response& res, const Access& access,
                       std::optional<app::Principal>& principal) {
  const bool safe = req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS";
  auto refuse = [&res](ErrorCode code, std::string message) {
    WriteError(res, MakeError(code, std::move(message)));
    return false;
  };
  if (access.kind == Access::Kind::kPublic) {
    // A browser on another site may not post to public forms either (login CSRF); servers
    // calling webhooks send no Origin and pass.
    if (!safe && !OriginAllowed(req, public_origin_, false)) {
      return refuse(ErrorCode::kForbidden, "Origine de la requête refusée.");
    }
    return true;
  }
  // Integrations authenticate with a bearer token: no cookie, hence no CSRF exposure.
  std::string authorization = req.get_header_value("Authorization");
  if (authorization.rfind("Bearer ", 0) == 0) {
    auto resolved = use_cases_->api_tokens.Authenticate(authorization.substr(7));
    if (!resolved) {
      res.set_header("WWW-Authenticate", "Bearer");
      WriteError(res, resolved.error());
      return false;
    }
    if (access.kind == Access::Kind::kSignedIn) {
      // The caller's own account (sessions, password) is not something a token may touch.
      return refuse(ErrorCode::kForbidden, "Un jeton d'API ne peut pas agir sur le compte.");
    }
    if (!resolved->Can(access.permission) &&
        !(access.alternative && resolved->Can(*access.alternative))) {
      return refuse(ErrorCode::kForbidden, "Ce jeton n'a pas la permission requise.");
    }
    principal = std::move(*resolved);
    return true;
  }
  auto token = CookieValue(req, kSessionCookie);
  if (!token || token->empty()) {
    return refuse(ErrorCode::kUnauthenticated, "Connexion requise.");
  }
  auto resolved = use_cases_->auth.AuthenticateSession(*token);
  if (!resolved) {
    if (resolved.error().code == ErrorCode::kUnauthenticated) {
      ClearSessionCookies(res, services_.public_url.rfind("https://", 0) == 0);
    }
    WriteError(res, resolved.error());
    return false;
  }
  if (!safe) {
    std::string sent = req.get_header_value(std::string(kCsrfHeader).c_str());
    const std::string& expected = resolved->csrf_token;
    if (sent.size() != expected.size() ||
        sodium_memcmp(sent.data(), expected.data(), expected.size()) != 0) {
      return refuse(ErrorCode::kForbidden, "Jeton CSRF manquant ou invalide.");
    }
    if (!OriginAllowed(req, public_origin_, true)) {
      return refuse(ErrorCode::kForbidden, "Origine de la requête refusée.");
    }
  }
  if (access.kind == Access::Kind::kPermission) {
    if (!resolved->organization) {
      return refuse(ErrorCode::kForbidden, "Aucune organisation active pour ce compte.");
    }
    if (!resolved->Can(access.permission) &&
        !(access.alternative && resolved->Can(*access.alternative))) {
      return refuse(ErrorCode::kForbidden, "Votre rôle ne permet pas cette action.");
    }
  }
  principal = std::move(*resolved);
  return true;
}

int Server::Bind(const std::string& host, int port) {
  int bound =
      port == 0 ? server_.bind_to_any_port(host) : (server_.bind_to_port(host, port) ? port : -1);
  if (bound > 0) server_.RaiseBacklog(1024);
  return bound;
}

void Server::Run() { server_.listen_after_bind(); }

void Server::StopAccepting() {
  shutting_down_ = true;
  server_.ShutdownListeningSocket();
}

void Server::Stop() {
  shutting_down_ = true;
  if (server_.is_running()) server_.stop();
}

void Server::WaitUntilReady() const {
  while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

}  // namespace planify::http
