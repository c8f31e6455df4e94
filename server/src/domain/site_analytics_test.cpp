#include "domain/site_analytics.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

TEST(SiteAnalytics, NothingConfiguredKeepsThePolicySameOriginOnly) {
  EXPECT_EQ(ContentSecurityPolicy({}),
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
}

TEST(SiteAnalytics, EachConfiguredProviderAddsItsOwnHostsAndNoOther) {
  WebAnalytics only_plausible;
  only_plausible.plausible = PlausibleWeb{"planify.example", "https://plausible.io", false};
  auto csp = ContentSecurityPolicy(only_plausible);
  EXPECT_NE(csp.find("script-src 'self' https://plausible.io;"), std::string::npos) << csp;
  EXPECT_NE(csp.find("connect-src 'self' https://plausible.io;"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("posthog"), std::string::npos);
  EXPECT_EQ(csp.find("facebook"), std::string::npos);
  EXPECT_EQ(csp.find("datafa.st"), std::string::npos);

  WebAnalytics all;
  all.posthog = PostHogWeb{"phc_abc", "https://eu.i.posthog.com",
                           PostHogScriptUrl("https://eu.i.posthog.com")};
  all.plausible = PlausibleWeb{"planify.example", "https://stats.example.org:8443", true};
  all.datafast = DatafastWeb{"dfid_1", "planify.example", "https://datafa.st"};
  all.meta_pixel = MetaPixelWeb{"123456789"};
  csp = ContentSecurityPolicy(all);
  EXPECT_NE(
      csp.find("script-src 'self' https://eu-assets.i.posthog.com "
               "https://stats.example.org:8443 https://datafa.st https://connect.facebook.net;"),
      std::string::npos)
      << csp;
  EXPECT_NE(
      csp.find("connect-src 'self' https://eu.i.posthog.com https://eu-assets.i.posthog.com "
               "https://stats.example.org:8443 https://datafa.st https://connect.facebook.net "
               "https://www.facebook.com;"),
      std::string::npos)
      << csp;
  EXPECT_NE(csp.find("img-src 'self' data: blob: https://www.facebook.com;"), std::string::npos)
      << csp;
}

TEST(SiteAnalytics, OnlyPlainOriginsMayBeNamedInThePolicy) {
  EXPECT_EQ(CspOrigin("https://eu.i.posthog.com"), "https://eu.i.posthog.com");
  EXPECT_EQ(CspOrigin("https://Stats.Example.org:8443/js/script.js"),
            "https://stats.example.org:8443");
  EXPECT_EQ(CspOrigin("http://127.0.0.1:9/"), "http://127.0.0.1:9");
  for (const char* bad :
       {"ftp://x.org", "https://", "https://a b.org", "https://x.org; script-src *",
        "https://x.org/;script-src", "https://user@x.org", "https://[::1]",
        "https://x.org:", "https://x.org:80a", "https://x.org:123456", "https://x.org?q",
        "https://-x.org", "https://x.org'", "javascript:x"}) {
    EXPECT_FALSE(CspOrigin(bad)) << bad;
  }
  EXPECT_TRUE(IsTrackerToken("phc_AbC-1.2"));
  EXPECT_FALSE(IsTrackerToken(""));
  EXPECT_FALSE(IsTrackerToken("phc abc"));
  EXPECT_FALSE(IsTrackerToken("a\"b"));
  EXPECT_FALSE(IsTrackerToken(std::string(101, 'a')));
}

TEST(SiteAnalytics, PostHogScriptComesFromTheCloudAssetsHostOrTheSelfHostedInstance) {
  EXPECT_EQ(PostHogScriptUrl("https://eu.i.posthog.com"),
            "https://eu-assets.i.posthog.com/static/array.js");
  EXPECT_EQ(PostHogScriptUrl("https://us.i.posthog.com/"),
            "https://us-assets.i.posthog.com/static/array.js");
  EXPECT_EQ(PostHogScriptUrl("https://ph.example.org"), "https://ph.example.org/static/array.js");
  EXPECT_EQ(PlausibleScriptUrl({"d", "https://plausible.io", false}),
            "https://plausible.io/js/script.js");
  EXPECT_EQ(DatafastScriptUrl({"id", "d", "https://datafa.st"}), "https://datafa.st/js/script.js");
}

TEST(SiteAnalytics, AnEmbeddablePageNamesTheSitesThatMayFrameIt) {
  const std::string policy = ContentSecurityPolicy({});
  EXPECT_EQ(WithFrameAncestors(policy, {}), policy);
  const std::string framed =
      WithFrameAncestors(policy, {"https://www.sono-lumiere.fr", "https://ok.example"});
  EXPECT_NE(framed.find("; frame-ancestors https://www.sono-lumiere.fr https://ok.example"),
            std::string::npos)
      << framed;
  EXPECT_EQ(framed.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_NE(WithFrameAncestors(policy, {"*"}).find("frame-ancestors *"), std::string::npos);
  EXPECT_NE(framed.find("object-src 'none'"), std::string::npos);
}

}  // namespace
}  // namespace planify::domain
