#pragma once

#include <httplib.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "domain/permissions.hpp"

namespace planify::http {

using PathParams = std::map<std::string, std::string, std::less<>>;

// Who may call a route. Checked by the server before the handler runs, so a handler never
// sees a request its route does not allow.
struct Access {
  enum class Kind {
    kPublic,      // no session (health, set-up, sign-in, webhooks, public links)
    kSignedIn,    // any valid session, organisation or not (the caller's own account)
    kPermission,  // a session in an organisation whose role holds `permission`
  };
  Kind kind = Kind::kPublic;
  domain::Permission permission = domain::Permission::kOrganizationRead;
  // When set, holding this one instead is enough (missions.read_all or missions.read_own).
  std::optional<domain::Permission> alternative;
  // A list or calendar answered with a weak ETag; a matching If-None-Match gets 304 before the
  // handler runs (docs/architecture.md, "Revalidation"). Organisation routes only.
  bool revalidate = false;
  // A download (stored PDF, file): the handler runs once admitted by the server's FIFO gate
  // of downloads, a few at a time (docs/architecture.md, "Admission of downloads").
  bool queued = false;

  static Access Public() { return {Kind::kPublic, {}, std::nullopt, false, false}; }
  static Access SignedIn() { return {Kind::kSignedIn, {}, std::nullopt, false, false}; }
  static Access Need(domain::Permission p) {
    return {Kind::kPermission, p, std::nullopt, false, false};
  }
  static Access NeedAny(domain::Permission p, domain::Permission q) {
    return {Kind::kPermission, p, q, false, false};
  }
  [[nodiscard]] Access Revalidated() const {
    Access out = *this;
    out.revalidate = true;
    return out;
  }
  [[nodiscard]] Access Queued() const {
    Access out = *this;
    out.queued = true;
    return out;
  }
  // The role passes this route's permission check.
  [[nodiscard]] bool Allows(domain::Role role) const {
    return domain::Allows(role, permission) || (alternative && domain::Allows(role, *alternative));
  }
};

// What a handler gets besides the raw request.
struct RequestContext {
  const PathParams& params;
  const app::Principal* principal = nullptr;  // set on every non-public route
  app::RequestMeta meta;
};

// The path parameter `name` as a positive id; NOT_FOUND otherwise (a malformed id names no
// resource).
[[nodiscard]] Result<long long> PathId(const RequestContext& ctx, std::string_view name);

using Handler =
    std::function<void(const httplib::Request&, httplib::Response&, const RequestContext&)>;

// Method + path pattern dispatch ("/api/v1/invoices/:id/issue"). Knows every route, so it can
// tell "no such path" (404) from "path exists, not with this method" (405 with Allow).
class Router {
 public:
  void Add(std::string method, std::string pattern, Access access, Handler handler);

  struct Match {
    const Handler* handler = nullptr;  // set when method and path match
    Access access;
    std::string pattern;  // the matched pattern, for logs and metrics
    PathParams params;
    std::vector<std::string> allowed;  // methods for the path when only the method is wrong
  };
  // HEAD matches GET routes.
  [[nodiscard]] Match Find(std::string_view method, std::string_view path) const;

  struct RouteInfo {
    std::string method;
    std::string pattern;
    Access access;
  };
  // Every route, for the authorisation test that walks them all.
  [[nodiscard]] std::vector<RouteInfo> Routes() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Access access;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace planify::http
