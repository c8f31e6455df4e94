#include <sodium.h>

#include <nlohmann/json.hpp>

#include "domain/time.hpp"
#include "http/errors.hpp"
#include "http/routes/routes.hpp"
#include "http/session_cookies.hpp"
#include "integrations/crypto/sodium.hpp"
#include "integrations/oidc/jwt.hpp"

namespace planify::http {

namespace {

constexpr std::string_view kStateCookie = "planify_oauth";
constexpr const char* kCallbackPath = "/api/v1/auth/google/callback";

// Only same-site paths are followed after sign-in (no open redirect).
std::string SafeNext(const std::string& next) {
  if (next.empty() || next[0] != '/' || next.rfind("//", 0) == 0 || next.rfind("/\\", 0) == 0) {
    return "/";
  }
  return next;
}

void Redirect(httplib::Response& res, const std::string& location) {
  res.status = 302;
  res.set_header("Location", location);
  res.set_header("Cache-Control", "no-store");
}

std::string StateCookie(const std::string& value, int max_age, bool secure) {
  std::string out = std::string(kStateCookie) + "=" + value +
                    "; Path=/api/v1/auth/google; Max-Age=" + std::to_string(max_age) +
                    "; SameSite=Lax; HttpOnly";
  if (secure) out += "; Secure";
  return out;
}

}  // namespace

void AddGoogleRoutes(Router& router, const Services& services, UseCases& use_cases) {
  const bool secure = services.public_url.rfind("https://", 0) == 0;

  router.Add("GET", "/api/v1/auth/providers", Access::Public(),
             [&services](const httplib::Request&, httplib::Response& res, const RequestContext&) {
               WriteJsonWith(res, 200, [&](JsonWriter& out) {
                 out.BeginObject();
                 out.Field("password", true);
                 out.Field("magic_link", true);
                 out.Field("google", services.google != nullptr);
                 out.EndObject();
               });
             });

  // Starts the OpenID Connect authorization-code flow with PKCE. State, nonce and verifier
  // travel in a sealed, HttpOnly cookie scoped to these two routes, so any instance can finish
  // the flow.
  router.Add(
      "GET", "/api/v1/auth/google/start", Access::Public(),
      [&services, secure](const httplib::Request& req, httplib::Response& res,
                          const RequestContext&) {
        if (services.google == nullptr) {
          return WriteError(res, MakeError(ErrorCode::kNotFound,
                                           "Connexion Google non configurée sur ce serveur."));
        }
        std::string state = integrations::RandomHex(24);
        std::string nonce = integrations::RandomHex(24);
        std::string verifier = integrations::Base64UrlEncode(integrations::RandomHex(32));
        auto expires = services.clock->Now() + std::chrono::minutes(10);
        nlohmann::json sealed = {{"state", state},
                                 {"nonce", nonce},
                                 {"verifier", verifier},
                                 {"next", SafeNext(req.get_param_value("suivant"))},
                                 {"exp", domain::FormatIsoUtc(expires)}};
        auto url =
            services.google->AuthorizationUrl(state, nonce, integrations::PkceChallenge(verifier),
                                              services.public_url + kCallbackPath);
        if (!url) return WriteError(res, url.error());
        res.set_header("Set-Cookie",
                       StateCookie(services.state_cipher->Seal(sealed.dump()), 600, secure));
        Redirect(res, *url);
      });

  router.Add(
      "GET", kCallbackPath, Access::Public(),
      [&services, &use_cases, secure](const httplib::Request& req, httplib::Response& res,
                                      const RequestContext& ctx) {
        auto fail = [&](const std::string& reason) {
          res.set_header("Set-Cookie", StateCookie("", 0, secure));
          Redirect(res, "/connexion?erreur=" + reason);
        };
        if (services.google == nullptr) return fail("google-indisponible");
        if (req.has_param("error")) return fail("google-annule");
        auto cookie = CookieValue(req, kStateCookie);
        auto opened = cookie ? services.state_cipher->Open(*cookie) : std::nullopt;
        auto flow = opened ? nlohmann::json::parse(*opened, nullptr, false) : nlohmann::json();
        if (!flow.is_object()) return fail("google-session");
        auto expires = domain::ParseIsoUtc(flow.value("exp", ""));
        std::string state = req.get_param_value("state");
        std::string expected = flow.value("state", "");
        if (!expires || services.clock->Now() > *expires || state.empty() ||
            state.size() != expected.size() ||
            sodium_memcmp(state.data(), expected.data(), state.size()) != 0) {
          return fail("google-session");
        }
        auto identity = services.google->Complete(
            req.get_param_value("code"), flow.value("verifier", ""), flow.value("nonce", ""),
            services.public_url + kCallbackPath, services.clock->Now());
        if (!identity) {
          return fail(identity.error().code == ErrorCode::kUnavailable ? "google-indisponible"
                                                                       : "google-refuse");
        }
        auto session = use_cases.auth.SignInWithExternal("google", *identity, ctx.meta);
        if (!session) {
          return fail(session.error().code == ErrorCode::kNotFound ? "google-inconnu"
                                                                   : "google-refuse");
        }
        SetSessionCookies(res, *session, secure);
        res.set_header("Set-Cookie", StateCookie("", 0, secure));
        Redirect(res, SafeNext(flow.value("next", "/")));
      });
}

}  // namespace planify::http
