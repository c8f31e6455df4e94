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

// application/x-www-form-urlencoded body from pairs.
[[nodiscard]] std::string FormEncode(
    const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace planify::integrations
