// Google sign-in end to end against a local fake OpenID provider: discovery document, token
// endpoint checking the PKCE verifier, and id_tokens signed with RS256 (a key made by OpenSSL
// for the test) that Planify verifies against the provider's JWKS.
#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <map>
#include <mutex>
#include <regex>

#include "http/auth_fixture.hpp"
#include "integrations/oidc/jwt.hpp"
#include "integrations/oidc/oidc_client.hpp"

namespace planify::testing {
namespace {

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

KeyPtr NewRsaKey() { return KeyPtr(EVP_RSA_gen(2048), &EVP_PKEY_free); }

std::string BnParam(EVP_PKEY* key, const char* name) {
  BIGNUM* bn = nullptr;
  EVP_PKEY_get_bn_param(key, name, &bn);
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(bytes.data()));
  BN_free(bn);
  return integrations::Base64UrlEncode(bytes);
}

std::string SignRs256(EVP_PKEY* key, const std::string& input) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, key);
  std::size_t len = 0;
  EVP_DigestSign(md.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()),
                 input.size());
  std::string sig(len, '\0');
  EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                 reinterpret_cast<const unsigned char*>(input.data()), input.size());
  sig.resize(len);
  return sig;
}

// The fake provider. A test "authorizes" by registering a code with the claims to return.
class FakeProvider {
 public:
  FakeProvider() : key_(NewRsaKey()), evil_key_(NewRsaKey()) {
    server_.Get("/.well-known/openid-configuration",
                [this](const httplib::Request&, httplib::Response& res) {
                  nlohmann::json doc = {{"issuer", base_},
                                        {"authorization_endpoint", base_ + "/authorize"},
                                        {"token_endpoint", base_ + "/token"},
                                        {"jwks_uri", base_ + "/jwks"}};
                  res.set_content(doc.dump(), "application/json");
                });
    server_.Get("/jwks", [this](const httplib::Request&, httplib::Response& res) {
      nlohmann::json jwks = {{"keys",
                              {{{"kty", "RSA"},
                                {"kid", "k1"},
                                {"alg", "RS256"},
                                {"use", "sig"},
                                {"n", BnParam(key_.get(), OSSL_PKEY_PARAM_RSA_N)},
                                {"e", BnParam(key_.get(), OSSL_PKEY_PARAM_RSA_E)}}}}};
      res.set_content(jwks.dump(), "application/json");
    });
    server_.Post("/token", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      ++token_calls_;
      auto it = codes_.find(req.get_param_value("code"));
      bool ok =
          it != codes_.end() && req.get_param_value("client_id") == "planify-test" &&
          req.get_param_value("client_secret") == "secret" &&
          req.get_param_value("grant_type") == "authorization_code" &&
          integrations::PkceChallenge(req.get_param_value("code_verifier")) == it->second.challenge;
      if (!ok) {
        res.status = 400;
        res.set_content(R"({"error":"invalid_grant"})", "application/json");
        return;
      }
      nlohmann::json claims = it->second.claims;
      codes_.erase(it);
      std::string header =
          integrations::Base64UrlEncode(R"({"alg":"RS256","kid":"k1","typ":"JWT"})");
      std::string input = header + "." + integrations::Base64UrlEncode(claims.dump());
      std::string sig = SignRs256(sign_with_evil_key_ ? evil_key_.get() : key_.get(), input);
      nlohmann::json body = {{"access_token", "at"},
                             {"token_type", "Bearer"},
                             {"id_token", input + "." + integrations::Base64UrlEncode(sig)}};
      res.set_content(body.dump(), "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    base_ = "http://127.0.0.1:" + std::to_string(port_);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeProvider() {
    server_.stop();
    thread_.join();
  }

  // Registers what the provider will answer for `code`.
  void Authorize(const std::string& code, const std::string& challenge, nlohmann::json claims) {
    std::lock_guard lock(mutex_);
    codes_[code] = {challenge, std::move(claims)};
  }
  [[nodiscard]] const std::string& base() const { return base_; }
  bool sign_with_evil_key_ = false;

 private:
  struct Grant {
    std::string challenge;
    nlohmann::json claims;
  };
  KeyPtr key_;
  KeyPtr evil_key_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::string base_;
  std::mutex mutex_;
  std::map<std::string, Grant> codes_;
  int token_calls_ = 0;
};

class GoogleSignIn : public AuthFixture {
 protected:
  void SetUp() override {
    provider_ = std::make_unique<FakeProvider>();
    integrations::OidcOptions options;
    options.issuer = provider_->base();
    options.accepted_issuers = {provider_->base()};
    options.client_id = "planify-test";
    options.client_secret = "secret";
    client_ = std::make_unique<integrations::OidcClient>(options);
    services_tweak_ = [this](http::Services& s) { s.google = client_.get(); };
    AuthFixture::SetUp();
    org_ = SeedOrganization("Sono Pro");
    owner_ = SeedMember(org_, "greg@sono.fr", "owner");
  }

  struct Flow {
    std::map<std::string, std::string> query;  // of the authorization URL
    std::string cookie;                        // the sealed state cookie
  };

  Flow Start(const std::string& next = "") {
    auto client = Client();
    auto res = client.Get("/api/v1/auth/google/start" + (next.empty() ? "" : "?suivant=" + next));
    EXPECT_EQ(res->status, 302) << res->body;
    Flow flow;
    std::string location = res->get_header_value("Location");
    EXPECT_EQ(location.rfind(provider_->base() + "/authorize?", 0), 0u) << location;
    std::string query = location.substr(location.find('?') + 1);
    std::regex pair("([^&=]+)=([^&]*)");
    for (std::sregex_iterator it(query.begin(), query.end(), pair), end; it != end; ++it) {
      flow.query[(*it)[1]] = httplib::detail::decode_url((*it)[2], true);
    }
    std::string set_cookie = CookieFrom(res, "planify_oauth");
    EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
    flow.cookie = CookieValueOf(set_cookie);
    return flow;
  }

  nlohmann::json Claims(const Flow& flow, const std::string& email, bool verified = true) {
    long long now = 1795615200;  // the fixture's clock, 2026-11-25T14:00:00Z
    return {{"iss", provider_->base()},
            {"aud", "planify-test"},
            {"sub", "google-sub-42"},
            {"email", email},
            {"email_verified", verified},
            {"name", "Greg N"},
            {"iat", now},
            {"exp", now + 3600},
            {"nonce", flow.query.at("nonce")}};
  }

  httplib::Result Callback(const Flow& flow, const std::string& code,
                           const std::string& state = "") {
    auto client = Client();
    return client.Get("/api/v1/auth/google/callback?code=" + code +
                          "&state=" + (state.empty() ? flow.query.at("state") : state),
                      {{"Cookie", "planify_oauth=" + flow.cookie}});
  }

  std::unique_ptr<FakeProvider> provider_;
  std::unique_ptr<integrations::OidcClient> client_;
  OrganizationId org_;
  UserId owner_;
};

TEST_F(GoogleSignIn, AVerifiedGoogleAccountSignsInAndIsLinked) {
  auto flow = Start("%2Fequipe");
  EXPECT_EQ(flow.query.at("code_challenge_method"), "S256");
  EXPECT_EQ(flow.query.at("client_id"), "planify-test");
  EXPECT_EQ(flow.query.at("redirect_uri"), "http://planify.test/api/v1/auth/google/callback");
  EXPECT_EQ(flow.query.at("scope"), "openid email profile");
  EXPECT_EQ(flow.cookie.find(flow.query.at("state")), std::string::npos) << "state is sealed";

  provider_->Authorize("code-1", flow.query.at("code_challenge"), Claims(flow, "Greg@Sono.fr"));
  auto res = Callback(flow, "code-1");
  ASSERT_EQ(res->status, 302) << res->body;
  EXPECT_EQ(res->get_header_value("Location"), "/equipe");
  BrowserSession session{CookieValueOf(CookieFrom(res, "planify_session")),
                         CookieValueOf(CookieFrom(res, "planify_csrf"))};
  auto me = Send("GET", "/api/v1/auth/session", &session);
  ASSERT_EQ(me->status, 200);
  EXPECT_EQ(Json(me)["user"]["email"], "greg@sono.fr");
  EXPECT_EQ(Count("oauth_identities"), 1);

  // Next time the subject is enough, even if the Google address changed.
  auto again = Start();
  provider_->Authorize("code-2", again.query.at("code_challenge"),
                       Claims(again, "greg.new@gmail.com"));
  auto second = Callback(again, "code-2");
  ASSERT_EQ(second->status, 302);
  EXPECT_EQ(second->get_header_value("Location"), "/");
  EXPECT_FALSE(CookieFrom(second, "planify_session").empty());
  // The code was single use at the provider: replaying the callback fails.
  auto replay = Callback(again, "code-2");
  EXPECT_EQ(replay->get_header_value("Location"), "/connexion?erreur=google-refuse");
}

TEST_F(GoogleSignIn, UnknownOrUnverifiedAddressesDoNotGetIn) {
  auto flow = Start();
  provider_->Authorize("c1", flow.query.at("code_challenge"), Claims(flow, "stranger@gmail.com"));
  auto unknown = Callback(flow, "c1");
  EXPECT_EQ(unknown->get_header_value("Location"), "/connexion?erreur=google-inconnu");
  EXPECT_TRUE(CookieFrom(unknown, "planify_session").empty());

  auto flow2 = Start();
  provider_->Authorize("c2", flow2.query.at("code_challenge"),
                       Claims(flow2, "greg@sono.fr", /*verified=*/false));
  auto unverified = Callback(flow2, "c2");
  EXPECT_EQ(unverified->get_header_value("Location"), "/connexion?erreur=google-refuse");
  EXPECT_EQ(Count("oauth_identities"), 0);
}

TEST_F(GoogleSignIn, ForgedOrMismatchedTokensAreRefused) {
  // A state that is not the one sealed in the cookie.
  auto flow = Start();
  provider_->Authorize("c1", flow.query.at("code_challenge"), Claims(flow, "greg@sono.fr"));
  EXPECT_EQ(Callback(flow, "c1", "forged-state")->get_header_value("Location"),
            "/connexion?erreur=google-session");

  // Signed by a key that is not in the provider's JWKS.
  provider_->sign_with_evil_key_ = true;
  auto flow2 = Start();
  provider_->Authorize("c2", flow2.query.at("code_challenge"), Claims(flow2, "greg@sono.fr"));
  EXPECT_EQ(Callback(flow2, "c2")->get_header_value("Location"), "/connexion?erreur=google-refuse");
  provider_->sign_with_evil_key_ = false;

  // Another client's token, an expired one, a wrong nonce.
  for (const auto& [claim, value] :
       std::vector<std::pair<std::string, nlohmann::json>>{{"aud", "someone-else"},
                                                           {"exp", 1795615200 - 3600},
                                                           {"nonce", "not-ours"},
                                                           {"iss", "https://evil.example"}}) {
    auto f = Start();
    auto claims = Claims(f, "greg@sono.fr");
    claims[claim] = value;
    provider_->Authorize("c-" + claim, f.query.at("code_challenge"), claims);
    EXPECT_EQ(Callback(f, "c-" + claim)->get_header_value("Location"),
              "/connexion?erreur=google-refuse")
        << claim;
  }
  // A code registered for another PKCE challenge: the provider refuses our verifier.
  auto f = Start();
  provider_->Authorize("c-pkce", "another-challenge", Claims(f, "greg@sono.fr"));
  EXPECT_EQ(Callback(f, "c-pkce")->get_header_value("Location"), "/connexion?erreur=google-refuse");
  EXPECT_EQ(Count("oauth_identities"), 0);
}

TEST_F(GoogleSignIn, ProvidersEndpointTellsTheWebAppWhatIsOn) {
  auto res = Client().Get("/api/v1/auth/providers");
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(Json(res)["google"], true);
}

}  // namespace
}  // namespace planify::testing
