#include "support/fake_google.hpp"

#include <regex>
#include <sstream>

#include "integrations/http/http_client.hpp"
#include "integrations/oidc/jwt.hpp"

namespace planify::testing {

using nlohmann::json;

FakeGoogle::FakeGoogle() {
  auto handler = [this](const httplib::Request& req, httplib::Response& res) { Handle(req, res); };
  server_.Get(".*", handler);
  server_.Post(".*", handler);
  server_.Put(".*", handler);
  server_.Delete(".*", handler);
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FakeGoogle::~FakeGoogle() {
  server_.stop();
  thread_.join();
}

std::string FakeGoogle::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::string FakeGoogle::IssueCode(const std::string& account, const std::string& scope) {
  std::lock_guard lock(mutex_);
  const std::string code = "code-" + std::to_string(++counter_);
  codes_[code] = {account, scope};
  revoked_accounts_.erase(account);
  return code;
}

void FakeGoogle::UntickOnConsent(std::string scope) {
  std::lock_guard lock(mutex_);
  untick_ = std::move(scope);
}

void FakeGoogle::SetDefaultAccount(std::string account) {
  std::lock_guard lock(mutex_);
  default_account_ = std::move(account);
}

std::map<std::string, std::string> FakeGoogle::last_consent() {
  std::lock_guard lock(mutex_);
  return last_consent_;
}

void FakeGoogle::RevokeGrantOf(const std::string& account) {
  std::lock_guard lock(mutex_);
  revoked_accounts_.insert(account);
}

void FakeGoogle::SetBusy(const std::string& calendar, json busy) {
  std::lock_guard lock(mutex_);
  busy_[calendar] = std::move(busy);
}

void FakeGoogle::AddCalendar(const std::string& calendar) {
  std::lock_guard lock(mutex_);
  known_calendars_.insert(calendar);
}

std::map<std::string, FakeGoogle::Event> FakeGoogle::events(const std::string& calendar) {
  std::lock_guard lock(mutex_);
  return calendars_[calendar];
}

int FakeGoogle::requests() {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::vector<std::string> FakeGoogle::revoked_tokens() {
  std::lock_guard lock(mutex_);
  return revoked_tokens_;
}

std::string FakeGoogle::AccountOf(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  if (header.rfind("Bearer ", 0) != 0) return "";
  auto found = access_.find(header.substr(7));
  if (found == access_.end() || revoked_accounts_.contains(found->second)) return "";
  return found->second;
}

void FakeGoogle::Handle(const httplib::Request& req, httplib::Response& res) {
  std::lock_guard lock(mutex_);
  ++requests_;
  auto reply = [&res](int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
  };
  auto oauth_error = [&](const std::string& error) { reply(400, {{"error", error}}); };

  if (req.path == "/auth") {
    last_consent_.clear();
    for (const auto& [key, value] : req.params) last_consent_[key] = value;
    std::string granted;
    std::istringstream asked(req.get_param_value("scope"));
    for (std::string scope; asked >> scope;) {
      if (scope == untick_) continue;
      granted += (granted.empty() ? "" : " ") + scope;
    }
    const std::string hint = req.get_param_value("login_hint");
    const std::string account = hint.empty() ? default_account_ : hint;
    const std::string code = "code-" + std::to_string(++counter_);
    codes_[code] = {account, granted};
    revoked_accounts_.erase(account);
    res.status = 302;
    res.set_header(
        "Location",
        req.get_param_value("redirect_uri") + "?" +
            integrations::FormEncode(
                {{"code", code}, {"state", req.get_param_value("state")}, {"scope", granted}}));
    return;
  }
  if (req.path == "/token") {
    if (req.get_param_value("client_id") != kClientId ||
        req.get_param_value("client_secret") != kClientSecret) {
      return reply(401, {{"error", "invalid_client"}});
    }
    const std::string grant_type = req.get_param_value("grant_type");
    Grant grant;
    std::string refresh;
    if (grant_type == "authorization_code") {
      auto code = codes_.find(req.get_param_value("code"));
      if (code == codes_.end() || req.get_param_value("code_verifier").empty()) {
        return oauth_error("invalid_grant");
      }
      grant = code->second;
      codes_.erase(code);
      refresh = "refresh-" + std::to_string(++counter_);
      refresh_[refresh] = grant;
    } else if (grant_type == "refresh_token") {
      auto known = refresh_.find(req.get_param_value("refresh_token"));
      if (known == refresh_.end() || revoked_accounts_.contains(known->second.account)) {
        return oauth_error("invalid_grant");
      }
      grant = known->second;
    } else {
      return oauth_error("unsupported_grant_type");
    }
    const std::string access = "access-" + std::to_string(++counter_);
    access_[access] = grant.account;
    json answer = {{"access_token", access},
                   {"expires_in", 3599},
                   {"token_type", "Bearer"},
                   {"scope", grant.scope.empty() ? "https://www.googleapis.com/auth/calendar.events"
                                                 : grant.scope}};
    if (!refresh.empty()) {
      answer["refresh_token"] = refresh;
      // Unsigned here: the client reads it as received straight from the token endpoint.
      answer["id_token"] = integrations::Base64UrlEncode(R"({"alg":"RS256","kid":"fake"})") + "." +
                           integrations::Base64UrlEncode(json{
                               {"iss", "https://accounts.google.com"},
                               {"aud", kClientId},
                               {"sub", "sub-" + grant.account},
                               {"email", grant.account},
                               {"email_verified", true}}.dump()) +
                           ".c2ln";
    }
    return reply(200, answer);
  }
  if (req.path == "/revoke") {
    const std::string token = req.get_param_value("token");
    revoked_tokens_.push_back(token);
    auto known = refresh_.find(token);
    if (known == refresh_.end()) return oauth_error("invalid_token");
    revoked_accounts_.insert(known->second.account);
    return reply(200, json::object());
  }

  const std::string account = AccountOf(req);
  if (account.empty()) {
    return reply(401, {{"error", {{"code", 401}, {"message", "Invalid Credentials"}}}});
  }
  if (req.path == "/calendar/v3/freeBusy" && req.method == "POST") {
    const auto body = json::parse(req.body, nullptr, false);
    json calendars = json::object();
    for (const auto& item : body.value("items", json::array())) {
      const std::string id = item.value("id", "");
      calendars[id] = {{"busy", busy_.contains(id) ? busy_[id] : json::array()}};
    }
    return reply(200, {{"kind", "calendar#freeBusy"}, {"calendars", calendars}});
  }
  static const std::regex kEvents("/calendar/v3/calendars/([^/]+)/events(?:/([^/]+))?");
  std::smatch m;
  if (!std::regex_match(req.path, m, kEvents)) return reply(404, {{"error", "not found"}});
  const std::string id = m[2];
  if (req.method == "GET" && id.empty()) {
    if (!known_calendars_.contains(m[1]) && !calendars_.contains(m[1])) {
      return reply(404, {{"error", {{"code", 404}, {"message", "Not Found"}}}});
    }
    return reply(200, {{"kind", "calendar#events"}, {"items", json::array()}});
  }
  auto& events = calendars_[m[1]];
  auto etag = [this] { return "\"" + std::to_string(++counter_) + "\""; };
  if (req.method == "POST" && id.empty()) {
    auto body = json::parse(req.body, nullptr, false);
    const std::string new_id = body.value("id", "generated-" + std::to_string(++counter_));
    if (events.contains(new_id)) {
      return reply(
          409,
          {{"error", {{"code", 409}, {"message", "The requested identifier already exists."}}}});
    }
    body["id"] = new_id;
    events[new_id] = {body, etag(), false};
    body["etag"] = events[new_id].etag;
    return reply(200, body);
  }
  auto found = events.find(id);
  if (found == events.end())
    return reply(404, {{"error", {{"code", 404}, {"message", "Not Found"}}}});
  if (found->second.deleted)
    return reply(410, {{"error", {{"code", 410}, {"message", "Resource has been deleted"}}}});
  if (req.method == "PUT") {
    auto body = json::parse(req.body, nullptr, false);
    body["id"] = id;
    found->second.body = body;
    found->second.etag = etag();
    body["etag"] = found->second.etag;
    return reply(200, body);
  }
  if (req.method == "DELETE") {
    found->second.deleted = true;
    res.status = 204;
    return;
  }
  return reply(405, {{"error", "method"}});
}

}  // namespace planify::testing
