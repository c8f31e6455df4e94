#include "domain/webhooks.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

TEST(IsPublicAddress, RefusesEveryAddressThatIsNotOnThePublicInternet) {
  for (const char* address :
       {"127.0.0.1",       "127.1.2.3",       "10.0.0.1",       "172.16.0.1",    "172.31.255.255",
        "192.168.1.1",     "169.254.169.254", "100.64.0.1",     "0.0.0.0",       "224.0.0.1",
        "255.255.255.255", "192.0.2.1",       "198.18.0.1",     "::1",           "::",
        "fe80::1",         "fc00::1",         "fd12:3456::1",   "ff02::1",       "::ffff:127.0.0.1",
        "::ffff:10.0.0.1", "::ffff:7f00:1",   "64:ff9b::a00:1", "2002:a00:1::1", "2001:db8::1",
        "not an address",  "1.2.3",           "01.2.3.4"}) {
    EXPECT_FALSE(IsPublicAddress(address)) << address;
  }
  for (const char* address : {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1",
                              "2606:4700::1111", "::ffff:93.184.216.34"}) {
    EXPECT_TRUE(IsPublicAddress(address)) << address;
  }
}

TEST(ParseWebhookUrl, ReadsAnHttpsEndpoint) {
  auto url = ParseWebhookUrl("https://Hooks.Zapier.com/hooks/catch/123/abc?x=1");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(url->host, "hooks.zapier.com");
  EXPECT_EQ(url->port, 443);
  EXPECT_EQ(url->target, "/hooks/catch/123/abc?x=1");
  auto ported = ParseWebhookUrl("https://n8n.example.fr:8443");
  ASSERT_TRUE(ported);
  EXPECT_EQ(ported->port, 8443);
  EXPECT_EQ(ported->target, "/");
}

TEST(ParseWebhookUrl, RefusesWhatCouldReachInsideTheServer) {
  for (const char* text : {"http://hooks.example.fr/x",
                           "ftp://example.fr",
                           "hooks.example.fr/x",
                           "https://127.0.0.1/x",
                           "https://[::1]/x",
                           "https://169.254.169.254/latest/meta-data",
                           "https://10.0.0.5:8080/",
                           "https://localhost/x",
                           "https://api.localhost/",
                           "https://printer.local/",
                           "https://metadata.google.internal/",
                           "https://2130706433/",
                           "https://0x7f.0.0.1/",
                           "https://0177.0.0.1/",
                           "https://user:pass@example.fr/",
                           "https://example.fr/#frag",
                           "https://exa mple.fr/",
                           "https://example.fr:0/",
                           "https://example.fr:99999/",
                           "https://[::ffff:127.0.0.1]/",
                           "https:///x"}) {
    EXPECT_FALSE(ParseWebhookUrl(text)) << text;
  }
}

TEST(ParseWebhookUrl, TestsMayAllowALocalReceiver) {
  const WebhookPolicy tests{true, true};
  auto url = ParseWebhookUrl("http://127.0.0.1:18093/hook", tests);
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(url->scheme, "http");
  EXPECT_EQ(url->port, 18093);
}

}  // namespace
}  // namespace planify::domain
