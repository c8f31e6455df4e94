#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/router.hpp"

namespace planify::fuzz {

// Who sends a request.
enum class Caller {
  kOwner,        // the owner of organisation 1: session cookie, CSRF token, same-origin Origin
  kNoCsrf,       // the owner's session cookie without the CSRF header
  kAnonymous,    // no credentials, same-origin Origin
  kApiToken,     // organisation 1's API token (every scope) as a bearer token
  kForgedToken,  // a bearer token that does not exist
  kSvix,         // anonymous, with a valid Svix signature of the body (the Resend webhook)
};

// A response as the client would read it.
struct Reply {
  int status = 0;
  std::string head;  // status line and headers
  std::string body;
};

// The real HTTP front (planify::http::Server: every route, the authorisation middleware, the
// error table) on a migrated SQLite database, seeded once per process with two organisations
// and their documents. Requests do not go through a socket: the raw request bytes are handed
// to cpp-httplib's own request processing (request line, headers, body, multipart, routing,
// handlers, response writing) on an in-memory stream, which is what a connection thread does.
//
// Organisation 2 belongs to someone else: its records carry a random per-process marker, and
// Send() aborts if a response to organisation 1's owner or token ever contains it (a tenant
// leak). A 500 also aborts: with a healthy database it can only be an unhandled exception.
class FuzzServer {
 public:
  // Built on first use (migrations, seeding, sign-in); lives until the process exits.
  static FuzzServer& Get();

  // The raw request for `method target` (target: path and query, already encoded), with
  // `caller`'s credentials, the body and its type; `extra_headers` are appended as given
  // (CRLF-terminated lines). Content-Length is added unless the extra headers frame the body.
  [[nodiscard]] std::string BuildRequest(std::string_view method, std::string_view target,
                                         Caller caller, std::string_view content_type,
                                         std::string_view body,
                                         std::string_view extra_headers = {}) const;

  // Processes raw request bytes as a connection thread would and checks the oracles above.
  Reply Send(std::string_view raw_request, Caller caller);

  // Puts the database back to its seeded state if anything wrote to it since the last call,
  // so every input starts from the same state and the database cannot grow.
  void Restore();

  [[nodiscard]] const http::Router& router() const;
  [[nodiscard]] const std::vector<http::Router::RouteInfo>& routes() const;
  // Ids of the seeded records of organisation 1 ("client", "quote", "invoice", "payment",
  // "mission", …); 0 when seeding that record failed.
  [[nodiscard]] long long Id(const std::string& name) const;
  // The public link token of organisation 1's sent quote ("" if seeding failed).
  [[nodiscard]] const std::string& quote_token() const;

  FuzzServer(const FuzzServer&) = delete;
  FuzzServer& operator=(const FuzzServer&) = delete;
  ~FuzzServer();

 private:
  FuzzServer();
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace planify::fuzz
