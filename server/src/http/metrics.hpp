#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace planify::http {

// Request counters and a latency histogram in Prometheus text format (version 0.0.4).
class Metrics {
 public:
  static constexpr std::array<double, 11> kBuckets{0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                   0.25,  0.5,   1.0,  2.5,   5.0};

  // route: the pattern ("/api/v1/setup"), never the raw path, so cardinality stays bounded.
  void Observe(const std::string& method, const std::string& route, int status, double seconds);

  // Adds the database pool gauges; everything as one exposition document.
  [[nodiscard]] std::string Render(std::size_t pool_in_use, std::size_t pool_size) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;  // by route
};

}  // namespace planify::http
