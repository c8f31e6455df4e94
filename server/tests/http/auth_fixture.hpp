#pragma once

#include <string>

#include "domain/validation.hpp"
#include "http/server_fixture.hpp"
#include "store/accounts_repository.hpp"

namespace planify::testing {

// A signed-in browser: the cookies it holds and the CSRF token it echoes.
struct BrowserSession {
  std::string session;
  std::string csrf;
  [[nodiscard]] std::string CookieHeader() const {
    return "planify_session=" + session + "; planify_csrf=" + csrf;
  }
};

// ServerFixture plus accounts: seeds organisations and members, signs in, and sends requests
// the way the web app does (cookie, X-CSRF-Token, same-origin Origin).
class AuthFixture : public ServerFixture {
 protected:
  static constexpr const char* kPassword = "un mot de passe solide";

  OrganizationId SeedOrganization(const std::string& name) {
    auto lease = db_->Acquire();
    store::AccountsRepository repo(*lease);
    auto org = repo.InsertOrganization(name, domain::Slugify(name), "2026-11-25T09:00:00.000Z");
    EXPECT_TRUE(org.has_value());
    return org->id;
  }

  UserId SeedMember(OrganizationId org, const std::string& email, const std::string& role,
                    const std::string& hash = "") {
    auto lease = db_->Acquire();
    store::AccountsRepository repo(*lease);
    auto user =
        repo.InsertUser(email, email.substr(0, email.find('@')),
                        hash.empty() ? hasher_.Hash(kPassword) : hash, "2026-11-25T09:00:00.000Z");
    EXPECT_TRUE(user.has_value()) << email;
    repo.InsertMembership(org, user->id, role, "2026-11-25T09:00:00.000Z");
    return user->id;
  }

  std::string Origin() const { return "http://127.0.0.1:" + std::to_string(port_); }

  static std::string CookieFrom(const httplib::Result& res, const std::string& name) {
    auto count = res->get_header_value_count("Set-Cookie");
    for (std::size_t i = 0; i < count; ++i) {
      std::string header = res->get_header_value("Set-Cookie", i);
      if (header.rfind(name + "=", 0) == 0) return header;
    }
    return "";
  }

  static std::string CookieValueOf(const std::string& set_cookie) {
    auto eq = set_cookie.find('=');
    auto semi = set_cookie.find(';');
    return set_cookie.substr(eq + 1, semi - eq - 1);
  }

  httplib::Result SignInRaw(const std::string& login, const std::string& password,
                            const std::string& forwarded_for = "") {
    auto client = Client();
    httplib::Headers headers = {{"Origin", Origin()}};
    if (!forwarded_for.empty()) headers.emplace("X-Forwarded-For", forwarded_for);
    nlohmann::json body = {{"email", login}, {"password", password}};
    return client.Post("/api/v1/auth/sign-in", headers, body.dump(), "application/json");
  }

  BrowserSession SignIn(const std::string& login, const std::string& password = kPassword) {
    auto res = SignInRaw(login, password);
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, 200) << res->body;
    return {CookieValueOf(CookieFrom(res, "planify_session")),
            CookieValueOf(CookieFrom(res, "planify_csrf"))};
  }

  // A request as the web app sends it. `session` null: anonymous.
  httplib::Result Send(const std::string& method, const std::string& path,
                       const BrowserSession* session, const nlohmann::json& body = nullptr,
                       httplib::Headers extra = {}) {
    auto client = Client();
    httplib::Headers headers = std::move(extra);
    if (!headers.contains("Origin")) headers.emplace("Origin", Origin());
    if (session != nullptr) {
      headers.emplace("Cookie", session->CookieHeader());
      if (!headers.contains("X-CSRF-Token")) headers.emplace("X-CSRF-Token", session->csrf);
    }
    std::string payload = body.is_null() ? std::string("{}") : body.dump();
    if (method == "GET") return client.Get(path, headers);
    if (method == "POST") return client.Post(path, headers, payload, "application/json");
    if (method == "PATCH") return client.Patch(path, headers, payload, "application/json");
    if (method == "PUT") return client.Put(path, headers, payload, "application/json");
    if (method == "DELETE") return client.Delete(path, headers);
    ADD_FAILURE() << "unsupported method " << method;
    return client.Get(path, headers);
  }
};

}  // namespace planify::testing
