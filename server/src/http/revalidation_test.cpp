#include "http/revalidation.hpp"

#include <gtest/gtest.h>

namespace planify::http {
namespace {

TEST(Revalidation, TheTagDependsOnEverythingTheResponseDoes) {
  const std::string tag = WeakEtag(7, 1000, "user 3 GET /api/v1/calendar?from=a&to=b");
  EXPECT_EQ(tag.substr(0, 10), "W/\"7.1000.");
  EXPECT_EQ(tag, WeakEtag(7, 1000, "user 3 GET /api/v1/calendar?from=a&to=b"));
  EXPECT_NE(tag, WeakEtag(8, 1000, "user 3 GET /api/v1/calendar?from=a&to=b"));
  EXPECT_NE(tag, WeakEtag(7, 1001, "user 3 GET /api/v1/calendar?from=a&to=b"));
  EXPECT_NE(tag, WeakEtag(7, 1000, "user 4 GET /api/v1/calendar?from=a&to=b"));
  EXPECT_NE(tag, WeakEtag(7, 1000, "user 3 GET /api/v1/calendar?from=a&to=c"));
}

TEST(Revalidation, IfNoneMatchComparesWeakly) {
  const std::string tag = R"(W/"7.1000.00000000000000ff")";
  EXPECT_TRUE(NoneMatchHits(tag, tag));
  EXPECT_TRUE(NoneMatchHits(R"("7.1000.00000000000000ff")", tag));
  EXPECT_TRUE(NoneMatchHits(R"("x", W/"7.1000.00000000000000ff" , "y")", tag));
  EXPECT_FALSE(NoneMatchHits("*", tag));
  EXPECT_FALSE(NoneMatchHits("", tag));
  EXPECT_FALSE(NoneMatchHits(R"(W/"7.1000.00000000000000fe")", tag));
  EXPECT_FALSE(NoneMatchHits(R"("x", "y")", tag));
  EXPECT_FALSE(NoneMatchHits(",,", tag));
}

}  // namespace
}  // namespace planify::http
