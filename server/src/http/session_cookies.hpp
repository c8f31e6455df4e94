#pragma once

#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>

#include "app/auth/auth_service.hpp"

namespace planify::http {

inline constexpr std::string_view kSessionCookie = "planify_session";
// Readable by the web app, which echoes it in the X-CSRF-Token header.
inline constexpr std::string_view kCsrfCookie = "planify_csrf";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

// The value of one cookie of the request's Cookie header(s), if present.
[[nodiscard]] std::optional<std::string> CookieValue(const httplib::Request& req,
                                                     std::string_view name);

// Sets the session cookie (HttpOnly, SameSite=Lax, Secure on https) and the CSRF cookie.
void SetSessionCookies(httplib::Response& res, const app::IssuedSession& session, bool secure);
// Expires both cookies.
void ClearSessionCookies(httplib::Response& res, bool secure);

// Same-origin check for a state-changing request: Origin (else Referer) must name this server,
// either its public URL or the Host the request was sent to. `required` refuses a request
// carrying neither header.
[[nodiscard]] bool OriginAllowed(const httplib::Request& req, const std::string& public_origin,
                                 bool required);

}  // namespace planify::http
