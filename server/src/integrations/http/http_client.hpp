#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "domain/result.hpp"

namespace planify::integrations {

struct HttpResponse {
  long status = 0;
  std::string body;
};

// One HTTP(S) request over libcurl, for provider APIs (Resend, Google, later Stripe).
// UNAVAILABLE when the peer cannot be reached or times out; any HTTP status is a response.
[[nodiscard]] Result<HttpResponse> HttpSend(
    const std::string& method, const std::string& url,
    const std::vector<std::pair<std::string, std::string>>& headers, const std::string& body,
    std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));

// A POST to an address a user chose (outgoing webhooks): connects to `address` only (resolved
// and checked by the caller; the certificate is still checked against the URL's host), follows
// no redirect, uses no proxy, keeps at most `max_body` bytes of the answer.
[[nodiscard]] Result<HttpResponse> HttpPostPinned(
    const std::string& url, const std::string& host, int port, const std::string& address,
    const std::vector<std::pair<std::string, std::string>>& headers, const std::string& body,
    std::chrono::milliseconds timeout, std::size_t max_body);

// The addresses `host` resolves to (IPv4 and IPv6, as text). UNAVAILABLE when it resolves to
// none.
[[nodiscard]] Result<std::vector<std::string>> ResolveHost(const std::string& host);

// application/x-www-form-urlencoded body from pairs.
[[nodiscard]] std::string FormEncode(
    const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace planify::integrations
