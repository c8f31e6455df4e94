#include "http/router.hpp"

#include <gtest/gtest.h>

namespace planify::http {
namespace {

TEST(Router, MatchesPatternsWithParams) {
  Router router;
  int hit = 0;
  router.Add("GET", "/api/v1/invoices/:id",
             [&](const auto&, auto&, const PathParams&) { hit = 1; });
  router.Add("POST", "/api/v1/invoices/:id/issue",
             [&](const auto&, auto&, const PathParams&) { hit = 2; });
  auto m = router.Find("POST", "/api/v1/invoices/42/issue");
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(m.pattern, "/api/v1/invoices/:id/issue");
  EXPECT_EQ(m.params.at("id"), "42");
}

TEST(Router, TellsMethodNotAllowedFromNotFound) {
  Router router;
  router.Add("GET", "/api/v1/setup", [](const auto&, auto&, const PathParams&) {});
  router.Add("POST", "/api/v1/setup", [](const auto&, auto&, const PathParams&) {});
  auto wrong_method = router.Find("DELETE", "/api/v1/setup");
  EXPECT_EQ(wrong_method.handler, nullptr);
  EXPECT_EQ(wrong_method.allowed, (std::vector<std::string>{"GET", "HEAD", "POST"}));
  auto missing = router.Find("GET", "/api/v1/nothing");
  EXPECT_EQ(missing.handler, nullptr);
  EXPECT_TRUE(missing.allowed.empty());
  EXPECT_NE(router.Find("HEAD", "/api/v1/setup").handler, nullptr);
}

}  // namespace
}  // namespace planify::http
