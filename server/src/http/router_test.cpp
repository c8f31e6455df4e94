#include "http/router.hpp"

#include <gtest/gtest.h>

namespace planify::http {
namespace {

TEST(Router, MatchesPatternsWithParams) {
  Router router;
  int hit = 0;
  router.Add("GET", "/api/v1/invoices/:id", Access::Public(),
             [&](const auto&, auto&, const RequestContext&) { hit = 1; });
  router.Add("POST", "/api/v1/invoices/:id/issue",
             Access::Need(domain::Permission::kInvoicesManage),
             [&](const auto&, auto&, const RequestContext&) { hit = 2; });
  auto m = router.Find("POST", "/api/v1/invoices/42/issue");
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(m.pattern, "/api/v1/invoices/:id/issue");
  EXPECT_EQ(m.params.at("id"), "42");
  EXPECT_EQ(m.access.kind, Access::Kind::kPermission);
  EXPECT_EQ(m.access.permission, domain::Permission::kInvoicesManage);
  EXPECT_EQ(router.Routes().size(), 2u);
}

TEST(Router, TheMostSpecificRouteWinsWhateverTheOrder) {
  Router router;
  int hit = 0;
  router.Add("GET", "/api/v1/equipment/:id", Access::Public(),
             [&](const auto&, auto&, const RequestContext&) { hit = 1; });
  router.Add("GET", "/api/v1/equipment/late-returns", Access::Public(),
             [&](const auto&, auto&, const RequestContext&) { hit = 2; });
  auto literal = router.Find("GET", "/api/v1/equipment/late-returns");
  ASSERT_NE(literal.handler, nullptr);
  EXPECT_EQ(literal.pattern, "/api/v1/equipment/late-returns");
  EXPECT_TRUE(literal.params.empty());
  auto with_id = router.Find("GET", "/api/v1/equipment/7");
  ASSERT_NE(with_id.handler, nullptr);
  EXPECT_EQ(with_id.pattern, "/api/v1/equipment/:id");
  EXPECT_EQ(with_id.params.at("id"), "7");
  auto wrong_method = router.Find("POST", "/api/v1/equipment/late-returns");
  EXPECT_EQ(wrong_method.handler, nullptr);
  EXPECT_FALSE(wrong_method.allowed.empty());
}

TEST(Router, PathIdAcceptsPositiveIntegersOnly) {
  PathParams params{{"id", "42"}, {"bad", "4x"}, {"zero", "0"}, {"neg", "-3"}};
  RequestContext ctx{params, nullptr, {}};
  EXPECT_EQ(*PathId(ctx, "id"), 42);
  for (const char* name : {"bad", "zero", "neg", "absent"}) {
    auto id = PathId(ctx, name);
    ASSERT_FALSE(id.has_value()) << name;
    EXPECT_EQ(id.error().code, ErrorCode::kNotFound);
  }
}

TEST(Router, TellsMethodNotAllowedFromNotFound) {
  Router router;
  router.Add("GET", "/api/v1/setup", Access::Public(),
             [](const auto&, auto&, const RequestContext&) {});
  router.Add("POST", "/api/v1/setup", Access::Public(),
             [](const auto&, auto&, const RequestContext&) {});
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
