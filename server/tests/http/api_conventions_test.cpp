// The API's cross-cutting rules, over real HTTP against an in-process server.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http/server_fixture.hpp"

namespace planify::testing {
namespace {

using Api = ServerFixture;

const char* kJson = "application/json";

void ExpectErrorShape(const httplib::Result& res, int status, const std::string& code) {
  ASSERT_TRUE(res) << "no response";
  EXPECT_EQ(res->status, status);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
  auto body = nlohmann::json::parse(res->body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << res->body;
  ASSERT_TRUE(body.contains("error")) << res->body;
  EXPECT_EQ(body["error"]["code"], code) << res->body;
  EXPECT_TRUE(body["error"]["message"].is_string());
  EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
  EXPECT_TRUE(body["error"]["fields"].is_array());
}

nlohmann::json ValidSetup() {
  return {{"organization_name", "Sono Lumière"},
          {"owner_email", "Greg@Example.fr"},
          {"owner_display_name", "Greg"},
          {"owner_password", "correct horse battery"}};
}

TEST_F(Api, HealthzAnswersWithSecurityHeadersAndARequestId) {
  auto client = Client();
  auto res = client.Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(Json(res)["status"], "ok");
  auto csp = res->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res->get_header_value("Referrer-Policy"), "strict-origin-when-cross-origin");
  EXPECT_FALSE(res->has_header("Strict-Transport-Security"));
  EXPECT_EQ(res->get_header_value("X-Request-Id").size(), 24u);
}

TEST_F(Api, WithNoTrackerConfiguredThePolicyIsSameOriginAndTheSiteConfigListsNone) {
  auto client = Client();
  for (const char* path : {"/healthz", "/api/v1/site-config", "/"}) {
    auto res = client.Get(path);
    ASSERT_TRUE(res) << path;
    auto csp = res->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << path << ": " << csp;
    EXPECT_NE(csp.find("connect-src 'self';"), std::string::npos) << path << ": " << csp;
  }
  auto site = client.Get("/api/v1/site-config");
  ASSERT_EQ(site->status, 200);
  EXPECT_EQ(Json(site), nlohmann::json::parse(R"({"analytics":{"posthog":null,"plausible":null,
      "datafast":null,"meta_pixel":null}})"));
}

TEST_F(Api, ConfiguredTrackersAreNamedInThePolicyAndInTheSiteConfig) {
  Shutdown();
  services_tweak_ = [](http::Services& services) {
    services.web_analytics.posthog = domain::PostHogWeb{
        "phc_test", "https://eu.i.posthog.com", "https://eu-assets.i.posthog.com/static/array.js"};
    services.web_analytics.plausible =
        domain::PlausibleWeb{"planify.example", "https://plausible.io", true};
  };
  Start({});
  auto client = Client();
  auto res = client.Get("/");
  ASSERT_TRUE(res);
  auto csp = res->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("script-src 'self' https://eu-assets.i.posthog.com https://plausible.io;"),
            std::string::npos)
      << csp;
  EXPECT_NE(csp.find("connect-src 'self' https://eu.i.posthog.com https://eu-assets.i.posthog.com "
                     "https://plausible.io;"),
            std::string::npos)
      << csp;
  EXPECT_EQ(csp.find("facebook"), std::string::npos) << csp;
  auto site = Json(client.Get("/api/v1/site-config"));
  EXPECT_EQ(site["analytics"]["posthog"]["key"], "phc_test");
  EXPECT_EQ(site["analytics"]["posthog"]["script_url"],
            "https://eu-assets.i.posthog.com/static/array.js");
  EXPECT_EQ(site["analytics"]["plausible"]["script_url"], "https://plausible.io/js/script.js");
  EXPECT_EQ(site["analytics"]["plausible"]["exempt"], true);
  EXPECT_TRUE(site["analytics"]["datafast"].is_null());
  EXPECT_TRUE(site["analytics"]["meta_pixel"].is_null());
}

TEST_F(Api, EchoesAValidRequestIdAndReplacesAnInvalidOne) {
  auto client = Client();
  auto echoed = client.Get("/healthz", {{"X-Request-Id", "lb-7f3a.42"}});
  ASSERT_TRUE(echoed);
  EXPECT_EQ(echoed->get_header_value("X-Request-Id"), "lb-7f3a.42");
  auto replaced = client.Get("/healthz", {{"X-Request-Id", "bad id <script>"}});
  ASSERT_TRUE(replaced);
  EXPECT_NE(replaced->get_header_value("X-Request-Id"), "bad id <script>");
  EXPECT_EQ(replaced->get_header_value("X-Request-Id").size(), 24u);
}

TEST_F(Api, HstsOnlyWhenThePublicUrlIsHttps) {
  Shutdown();
  Start([](http::ServerOptions& o) { o.https_public_url = true; });
  auto res = Client().Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Strict-Transport-Security"),
            "max-age=31536000; includeSubDomains");
}

TEST_F(Api, ReadyzReportsDatabaseAndSchema) {
  auto res = Client().Get("/readyz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  auto body = Json(res);
  EXPECT_EQ(body["status"], "ready");
  EXPECT_EQ(body["database"], "sqlite");
  EXPECT_EQ(body["schema_version"],
            store::EmbeddedMigrations(store::Dialect::kSqlite).back().version);
}

TEST_F(Api, ReadyzIs503WhenTheDatabaseIsNewerThanTheBinary) {
  {
    auto lease = db_->Acquire();
    **lease << "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
               "VALUES (9999, '9999_future', 'x', '2030-01-01T00:00:00.000Z')";
  }
  auto res = Client().Get("/readyz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  EXPECT_NE(Json(res)["reason"].get<std::string>().find("newer"), std::string::npos);
}

TEST_F(Api, ReadyzIs503WhileMigrationsArePending) {
  Shutdown();
  dir_.~TempDir();
  new (&dir_) TempDir();
  Start({}, /*migrate=*/false);
  auto res = Client().Get("/readyz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  EXPECT_NE(Json(res)["reason"].get<std::string>().find("planify migrate"), std::string::npos);
}

TEST_F(Api, MetricsExposeRequestsLatencyAndPool) {
  auto client = Client();
  // One connection: requests are served in order, so each is counted before the next starts.
  client.set_keep_alive(true);
  ASSERT_TRUE(client.Get("/healthz"));
  ASSERT_TRUE(client.Get("/api/v1/does-not-exist"));
  // Methods a client invents are folded into one series, so /metrics cannot be grown at will.
  for (const char* method : {"BREW", "X-PROBE-1", "X-PROBE-2"}) {
    httplib::Request req;
    req.method = method;
    req.path = "/healthz";
    ASSERT_TRUE(client.send(req));
  }
  auto res = client.Get("/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->get_header_value("Content-Type").find("text/plain; version=0.0.4"),
            std::string::npos);
  const auto& text = res->body;
  EXPECT_NE(
      text.find("planify_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find("planify_http_requests_total{method=\"GET\",route=\"/api/*\",status=\"404\"} 1"),
      std::string::npos)
      << text;
  EXPECT_EQ(text.find("BREW"), std::string::npos) << text;
  EXPECT_EQ(text.find("X-PROBE"), std::string::npos) << text;
  EXPECT_NE(text.find("planify_http_requests_total{method=\"other\""), std::string::npos) << text;
  EXPECT_NE(
      text.find("planify_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 1"),
      std::string::npos);
  EXPECT_NE(text.find("planify_db_pool_in_use 0"), std::string::npos);
  EXPECT_NE(text.find("planify_db_pool_size 8"), std::string::npos);
}

TEST_F(Api, UnknownApiRouteIs404Json) {
  ExpectErrorShape(Client().Get("/api/v1/nothing-here"), 404, "NOT_FOUND");
  ExpectErrorShape(Client().Post("/api/v2/setup", "{}", kJson), 404, "NOT_FOUND");
}

TEST_F(Api, WrongMethodIs405WithAllow) {
  auto res = Client().Delete("/api/v1/setup");
  ExpectErrorShape(res, 405, "METHOD_NOT_ALLOWED");
  EXPECT_EQ(res->get_header_value("Allow"), "GET, HEAD, POST");
  ExpectErrorShape(Client().Post("/healthz", "{}", kJson), 405, "METHOD_NOT_ALLOWED");
}

TEST_F(Api, MalformedJsonIs400AndWritesNothing) {
  ExpectErrorShape(Client().Post("/api/v1/setup", "{\"organization_name\": ", kJson), 400,
                   "BAD_REQUEST");
  ExpectErrorShape(Client().Post("/api/v1/setup", "[1, 2]", kJson), 400, "BAD_REQUEST");
  EXPECT_EQ(Count("users"), 0);
  EXPECT_EQ(Count("organizations"), 0);
}

TEST_F(Api, NonJsonContentTypeIs415) {
  ExpectErrorShape(
      Client().Post("/api/v1/setup", "organization_name=x", "application/x-www-form-urlencoded"),
      415, "UNSUPPORTED_MEDIA_TYPE");
}

TEST_F(Api, MissingAndWrongTypedFieldsAre422WithEveryField) {
  nlohmann::json body = {
      {"organization_name", 42}, {"owner_email", nullptr}, {"owner_password", true}};
  auto res = Client().Post("/api/v1/setup", body.dump(), "application/json; charset=utf-8");
  ExpectErrorShape(res, 422, "VALIDATION");
  auto fields = Json(res)["error"]["fields"];
  std::vector<std::string> names;
  for (const auto& f : fields) names.push_back(f["field"]);
  EXPECT_EQ(names, (std::vector<std::string>{"organization_name", "owner_email",
                                             "owner_display_name", "owner_password"}));
  EXPECT_EQ(fields[0]["message"], "Ce champ doit être une chaîne de caractères.");
  EXPECT_EQ(fields[1]["message"], "Ce champ est obligatoire.");
  EXPECT_EQ(Count("users"), 0);
}

TEST_F(Api, BusinessRuleViolationsAre422WithFieldMessages) {
  auto body = ValidSetup();
  body["owner_email"] = "not-an-address";
  body["owner_password"] = "short";
  auto res = Client().Post("/api/v1/setup", body.dump(), kJson);
  ExpectErrorShape(res, 422, "VALIDATION");
  auto fields = Json(res)["error"]["fields"];
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[0]["field"], "owner_email");
  EXPECT_EQ(fields[1]["field"], "owner_password");
  EXPECT_EQ(Count("users"), 0);
}

TEST_F(Api, BodyOverTheLimitIs413AndWritesNothing) {
  auto body = ValidSetup();
  body["padding"] = std::string(kBodyLimit + 1, 'x');
  ExpectErrorShape(Client().Post("/api/v1/setup", body.dump(), kJson), 413, "PAYLOAD_TOO_LARGE");
  EXPECT_EQ(Count("users"), 0);
}

TEST_F(Api, SetupCreatesTheFirstOrganisationOnceOnly) {
  auto client = Client();
  auto before = client.Get("/api/v1/setup");
  ASSERT_TRUE(before);
  EXPECT_EQ(Json(before)["needed"], true);

  auto created = client.Post("/api/v1/setup", ValidSetup().dump(), kJson);
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  auto body = Json(created);
  EXPECT_EQ(body["organization"]["name"], "Sono Lumière");
  EXPECT_EQ(body["organization"]["slug"], "sono-lumiere");
  EXPECT_EQ(body["organization"]["created_at"], "2026-11-25T14:00:00.000Z");
  EXPECT_EQ(body["owner"]["email"], "greg@example.fr");
  EXPECT_EQ(body["owner"]["role"], "owner");
  EXPECT_FALSE(body["owner"].contains("password_hash"));

  auto after = client.Get("/api/v1/setup");
  EXPECT_EQ(Json(after)["needed"], false);

  auto again = ValidSetup();
  again["owner_email"] = "other@example.fr";
  ExpectErrorShape(client.Post("/api/v1/setup", again.dump(), kJson), 409, "CONFLICT");
  EXPECT_EQ(Count("users"), 1);
  EXPECT_EQ(Count("organizations"), 1);

  auto lease = db_->Acquire();
  std::string hash;
  **lease << "SELECT password_hash FROM users", soci::into(hash);
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(hasher_.Verify("correct horse battery", hash));
}

TEST_F(Api, ServesTheWebAppWithSpaFallbackAndCaching) {
  auto client = Client();
  auto index = client.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->body.find("<div id=root>"), std::string::npos);
  EXPECT_EQ(index->get_header_value("Cache-Control"), "no-cache");
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");

  auto deep = client.Get("/planning/2026-11");
  ASSERT_TRUE(deep);
  EXPECT_EQ(deep->status, 200);
  EXPECT_EQ(deep->body, index->body);

  auto asset = client.Get("/assets/index-3f9a1c2b.js");
  ASSERT_TRUE(asset);
  EXPECT_EQ(asset->status, 200);
  EXPECT_EQ(asset->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(asset->get_header_value("Content-Type"), "text/javascript; charset=utf-8");

  auto missing = client.Get("/assets/missing-1234.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST_F(Api, CompressesTextWithGzip) {
  auto client = Client();
  client.set_decompress(false);
  auto res = client.Get("/assets/index-3f9a1c2b.js", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Encoding"), "gzip");
  auto plain = Client().Get("/assets/index-3f9a1c2b.js");
  ASSERT_TRUE(plain);
  EXPECT_LT(res->body.size(), plain->body.size() / 2);
}

// Sends raw bytes; returns what the server answered until it closed the connection.
std::string RawExchange(int port, const std::string& request, int wait_ms = 0,
                        int recv_timeout_s = 5) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return "connect failed";
  ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  if (wait_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
  timeval tv{recv_timeout_s, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string out;
  char buf[4096];
  for (;;) {
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

TEST_F(Api, RefusesPathTraversal) {
  auto raw =
      RawExchange(port_, "GET /../secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(raw.find("outside the web root"), std::string::npos) << raw;
  auto encoded =
      RawExchange(port_, "GET /%2e%2e/secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(encoded.find("outside the web root"), std::string::npos) << encoded;
}

TEST_F(Api, DropsASlowClient) {
  // Half a request line, then silence longer than the 1 s read timeout.
  auto started = std::chrono::steady_clock::now();
  auto answer = RawExchange(port_, "GET /heal", /*wait_ms=*/1500);
  auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(answer.find("200 OK"), std::string::npos) << answer;
  EXPECT_LT(waited, std::chrono::seconds(5));  // closed by the server, not by our recv timeout
}

TEST_F(Api, UnknownHttpMethodGetsAJsonError) {
  auto raw =
      RawExchange(port_, "BREW /api/v1/setup HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 0,
                  /*recv_timeout_s=*/1);
  EXPECT_EQ(raw.rfind("HTTP/1.1 405", 0), 0u) << raw;
  EXPECT_NE(raw.find("METHOD_NOT_ALLOWED"), std::string::npos) << raw;
  EXPECT_NE(raw.find("\"error\""), std::string::npos) << raw;
}

}  // namespace
}  // namespace planify::testing
