#include "http/session_cookies.hpp"

#include "domain/validation.hpp"

namespace planify::http {

namespace {

std::string Attributes(long long max_age, bool secure, bool http_only) {
  std::string out = "; Path=/; Max-Age=" + std::to_string(max_age) + "; SameSite=Lax";
  if (http_only) out += "; HttpOnly";
  if (secure) out += "; Secure";
  return out;
}

std::string HostOf(const std::string& origin) {
  auto pos = origin.find("://");
  return pos == std::string::npos ? origin : origin.substr(pos + 3);
}

}  // namespace

std::optional<std::string> CookieValue(const httplib::Request& req, std::string_view name) {
  auto count = req.get_header_value_count("Cookie");
  for (std::size_t i = 0; i < count; ++i) {
    const std::string value = req.get_header_value("Cookie", i);
    std::string_view header = value;
    while (!header.empty()) {
      auto end = header.find(';');
      std::string_view pair = header.substr(0, end);
      header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      auto eq = pair.find('=');
      if (eq == std::string_view::npos || pair.substr(0, eq) != name) continue;
      return std::string(pair.substr(eq + 1));
    }
  }
  return std::nullopt;
}

void SetSessionCookies(httplib::Response& res, const app::IssuedSession& session, bool secure) {
  // The browser may keep the cookie for the absolute lifetime; the server enforces the idle
  // limit and revocation on every request.
  constexpr long long kMaxAge = 30LL * 24 * 3600;
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + session.token +
                                   Attributes(kMaxAge, secure, true));
  res.set_header("Set-Cookie", std::string(kCsrfCookie) + "=" + session.csrf_token +
                                   Attributes(kMaxAge, secure, false));
}

void ClearSessionCookies(httplib::Response& res, bool secure) {
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + Attributes(0, secure, true));
  res.set_header("Set-Cookie", std::string(kCsrfCookie) + "=" + Attributes(0, secure, false));
}

bool OriginAllowed(const httplib::Request& req, const std::string& public_origin, bool required) {
  std::string claimed = req.get_header_value("Origin");
  if (claimed == "null") return false;
  if (claimed.empty()) {
    claimed = req.get_header_value("Referer");
    if (claimed.empty()) return !required;
  }
  std::string origin = domain::OriginOf(claimed);
  if (origin.empty()) return false;
  if (!public_origin.empty() && origin == public_origin) return true;
  std::string host = domain::ToLowerAscii(req.get_header_value("Host"));
  return !host.empty() && HostOf(origin) == host;
}

}  // namespace planify::http
