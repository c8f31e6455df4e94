#include "http/metrics.hpp"

#include <fmt/format.h>

namespace planify::http {

namespace {

// Label values escape backslash, quote and newline.
std::string Label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// Any method a client sends would otherwise become a new series on the public /metrics page
// (found by the query fuzzer): the known ones are kept, the rest counted as "other".
std::string MethodLabel(const std::string& method) {
  for (const char* known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (method == known) return method;
  }
  return "other";
}

}  // namespace

void Metrics::Observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{MethodLabel(method), route, status}];
  auto& h = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::Render(std::size_t pool_in_use, std::size_t pool_size) const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP planify_http_requests_total HTTP requests served, by method, route and status.\n";
  out += "# TYPE planify_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out +=
        fmt::format("planify_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                    Label(method), Label(route), status, n);
  }
  out +=
      "# HELP planify_http_request_duration_seconds Time from request start to response written.\n";
  out += "# TYPE planify_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out +=
          fmt::format("planify_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                      Label(route), kBuckets[i], h.buckets[i]);
    }
    out +=
        fmt::format("planify_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                    Label(route), h.count);
    out += fmt::format("planify_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n",
                       Label(route), h.sum);
    out += fmt::format("planify_http_request_duration_seconds_count{{route=\"{}\"}} {}\n",
                       Label(route), h.count);
  }
  out += "# HELP planify_db_pool_in_use Database connections currently lent out.\n";
  out += "# TYPE planify_db_pool_in_use gauge\n";
  out += fmt::format("planify_db_pool_in_use {}\n", pool_in_use);
  out += "# HELP planify_db_pool_size Database connections in the pool.\n";
  out += "# TYPE planify_db_pool_size gauge\n";
  out += fmt::format("planify_db_pool_size {}\n", pool_size);
  return out;
}

}  // namespace planify::http
