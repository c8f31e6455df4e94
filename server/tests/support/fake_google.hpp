#pragma once

#include <httplib.h>

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace planify::testing {

// A stand-in for Google's OAuth token endpoint and Calendar API v3 over real HTTP: authorization
// codes and refresh tokens it hands out, access tokens checked on every call (401 otherwise),
// events with etags (a replaced event gets a new one; a deleted one answers 410, an unknown one
// 404; creating an id that exists answers 409, as Google does), and the free/busy periods a
// test sets.
class FakeGoogle {
 public:
  static constexpr const char* kClientId = "planify-test.apps.googleusercontent.com";
  static constexpr const char* kClientSecret = "fake-google-secret";

  FakeGoogle();
  ~FakeGoogle();
  FakeGoogle(const FakeGoogle&) = delete;
  FakeGoogle& operator=(const FakeGoogle&) = delete;

  [[nodiscard]] std::string base_url() const;

  // A code the consent screen would give for this account and these granted scopes (space
  // separated); exchanging it yields a refresh token, and an id_token naming the account.
  std::string IssueCode(const std::string& account, const std::string& scope);
  // GET /auth (the consent screen) consents at once for `login_hint` (or this account) with the
  // scopes asked, minus the ones set here (a member unticking a box), and sends the browser
  // back to redirect_uri with a code and the state.
  void UntickOnConsent(std::string scope);
  void SetDefaultAccount(std::string account);
  // The query of the last /auth request.
  [[nodiscard]] std::map<std::string, std::string> last_consent();
  // The member removed Planify's access in their Google account: the refresh token and the
  // access tokens made from it stop working.
  void RevokeGrantOf(const std::string& account);
  void SetBusy(const std::string& calendar, nlohmann::json busy);
  // A calendar besides "primary" that accounts may write to (listing an unknown one: 404).
  void AddCalendar(const std::string& calendar);

  struct Event {
    nlohmann::json body;
    std::string etag;
    bool deleted = false;
  };
  // Events of a calendar by id, deleted ones included.
  [[nodiscard]] std::map<std::string, Event> events(const std::string& calendar);
  [[nodiscard]] int requests();
  [[nodiscard]] std::vector<std::string> revoked_tokens();

 private:
  void Handle(const httplib::Request& req, httplib::Response& res);
  // The account an access token belongs to, "" when it is unknown or revoked.
  std::string AccountOf(const httplib::Request& req);

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  int counter_ = 0;
  int requests_ = 0;
  struct Grant {
    std::string account;
    std::string scope;
  };
  std::map<std::string, Grant> codes_;    // code → grant
  std::map<std::string, Grant> refresh_;  // refresh token → grant
  std::string untick_;
  std::string default_account_ = "member@gmail.example";
  std::map<std::string, std::string> last_consent_;
  std::map<std::string, std::string> access_;  // access token → account
  std::set<std::string> revoked_accounts_;
  std::vector<std::string> revoked_tokens_;
  std::map<std::string, std::map<std::string, Event>> calendars_;
  std::map<std::string, nlohmann::json> busy_;
  std::set<std::string> known_calendars_ = {"primary"};
};

}  // namespace planify::testing
