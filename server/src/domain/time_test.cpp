#include "domain/time.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

#include <random>

namespace planify::domain {
namespace {

TEST(Time, FormatsByHandAsDateFormatDoes) {
  // The hand-written formatter against the library's, on the edges and on random instants
  // over the whole range the API accepts.
  std::vector<Timestamp> cases = {
      Timestamp{},
      Timestamp{std::chrono::milliseconds{1}},
      Timestamp{std::chrono::milliseconds{86'399'999}},
      date::sys_days{date::year{2024} / 2 / 29} + std::chrono::hours{23} +
          std::chrono::minutes{59} + std::chrono::milliseconds{59'999},
      date::sys_days{date::year{2026} / 12 / 31} + std::chrono::milliseconds{5},
      date::sys_days{date::year{9999} / 12 / 31} + std::chrono::milliseconds{86'399'999},
  };
  std::mt19937_64 random(20261202);
  const long long last =
      (date::sys_days{date::year{10000} / 1 / 1} - date::sys_days{date::year{1970} / 1 / 1}) /
      std::chrono::milliseconds{1};
  std::uniform_int_distribution<long long> any(0, last - 1);
  for (int i = 0; i < 200'000; ++i) cases.emplace_back(std::chrono::milliseconds{any(random)});
  for (const auto& t : cases) {
    std::string expected = date::format("%FT%TZ", t);
    ASSERT_EQ(FormatIsoUtc(t), expected);
    ASSERT_EQ(ParseIsoUtc(expected), t) << expected;
  }
}

}  // namespace
}  // namespace planify::domain
