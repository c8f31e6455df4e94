#include "integrations/google/google_calendar.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "domain/local_time.hpp"
#include "integrations/http/http_client.hpp"
#include "integrations/oidc/jwt.hpp"

namespace planify::integrations {

namespace {

using nlohmann::json;

// A path segment: calendar ids are e-mail addresses ("@") or "primary".
std::string Segment(const std::string& text) {
  std::string out;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : text) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

// What an answer means to the caller (see the class comment).
Unexpected Refused(const HttpResponse& r, const std::string& what) {
  const auto body = json::parse(r.body, nullptr, false);
  std::string reason;
  if (body.is_object() && body.contains("error")) {
    const auto& e = body["error"];
    reason = e.is_string() ? e.get<std::string>() : e.value("message", std::string());
  }
  if (r.status == 401 || reason == "invalid_grant") {
    return Fail(ErrorCode::kUnauthenticated,
                "Google a refusé l'accès (" + what + ") : reconnectez votre compte Google.");
  }
  if (r.status == 429 || r.status >= 500) {
    return Fail(ErrorCode::kUnavailable,
                "Google indisponible (" + what + ", HTTP " + std::to_string(r.status) + ").");
  }
  return Fail(ErrorCode::kValidation, "Google a refusé " + what + " (HTTP " +
                                          std::to_string(r.status) + (reason.empty() ? "" : ", ") +
                                          reason + ").");
}

// The account's address from the id_token the token endpoint gave with the "openid email"
// scopes. Received straight from the token endpoint over TLS, it needs no signature check
// (OpenID Connect Core 3.1.3.7); its audience must still be us.
std::string EmailOf(const std::string& id_token, const std::string& client_id) {
  const auto first = id_token.find('.');
  const auto second = first == std::string::npos ? first : id_token.find('.', first + 1);
  if (second == std::string::npos) return "";
  auto payload = Base64UrlDecode(std::string_view(id_token).substr(first + 1, second - first - 1));
  if (!payload) return "";
  const auto claims = json::parse(*payload, nullptr, false);
  if (!claims.is_object()) return "";
  const auto& aud = claims.contains("aud") ? claims["aud"] : json();
  const bool ours = (aud.is_string() && aud.get<std::string>() == client_id) ||
                    (aud.is_array() && std::find(aud.begin(), aud.end(), client_id) != aud.end());
  if (!ours || !claims.contains("email") || !claims["email"].is_string()) return "";
  return claims["email"];
}

Result<app::ProviderTokens> Tokens(const Result<HttpResponse>& sent, const std::string& what) {
  if (!sent) return Fail(sent.error());
  if (sent->status != 200) return Refused(*sent, what);
  const auto body = json::parse(sent->body, nullptr, false);
  if (!body.is_object() || !body.contains("access_token") || !body["access_token"].is_string()) {
    return Fail(ErrorCode::kUnavailable, "Réponse de Google illisible (" + what + ").");
  }
  app::ProviderTokens t;
  t.access_token = body["access_token"];
  t.refresh_token = body.value("refresh_token", std::string());
  t.expires_in = std::chrono::seconds(body.value("expires_in", 0));
  t.scope = body.value("scope", std::string());
  t.account_email = body.value("id_token", std::string());  // decoded by the caller
  return t;
}

std::string Rfc3339(domain::Timestamp t) {
  // "2027-06-12T16:00:00.000Z" is RFC 3339 already.
  return domain::FormatIsoUtc(t);
}

json EventJson(const app::ProviderEvent& e) {
  json body = {{"id", e.id},
               {"summary", e.summary},
               {"description", e.description},
               {"location", e.location},
               {"start", {{"dateTime", Rfc3339(e.starts_at)}, {"timeZone", e.time_zone}}},
               {"end", {{"dateTime", Rfc3339(e.ends_at)}, {"timeZone", e.time_zone}}},
               {"status", e.tentative ? "tentative" : "confirmed"}};
  if (!e.source_url.empty()) {
    body["source"] = {{"title", "Planify"}, {"url", e.source_url}};
  }
  return body;
}

std::vector<std::pair<std::string, std::string>> Bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
}

}  // namespace

GoogleCalendarOptions GoogleCalendarClient::At(const std::string& base_url, std::string client_id,
                                               std::string client_secret) {
  GoogleCalendarOptions options;
  options.client_id = std::move(client_id);
  options.client_secret = std::move(client_secret);
  options.auth_url = base_url + "/auth";
  options.token_url = base_url + "/token";
  options.revoke_url = base_url + "/revoke";
  options.api_base = base_url;
  return options;
}

std::string GoogleCalendarClient::AuthorizationUrl(const std::string& state,
                                                   const std::string& code_challenge,
                                                   const std::string& redirect_uri,
                                                   const std::vector<std::string>& scopes,
                                                   const std::string& login_hint) {
  std::string scope = "openid email";
  for (const auto& s : scopes) scope += " " + s;
  std::vector<std::pair<std::string, std::string>> params = {{"response_type", "code"},
                                                             {"client_id", options_.client_id},
                                                             {"redirect_uri", redirect_uri},
                                                             {"scope", scope},
                                                             {"state", state},
                                                             {"code_challenge", code_challenge},
                                                             {"code_challenge_method", "S256"},
                                                             {"access_type", "offline"},
                                                             {"prompt", "consent"},
                                                             {"include_granted_scopes", "false"}};
  if (!login_hint.empty()) params.emplace_back("login_hint", login_hint);
  const char* separator = options_.auth_url.find('?') == std::string::npos ? "?" : "&";
  return options_.auth_url + separator + FormEncode(params);
}

Result<app::ProviderTokens> GoogleCalendarClient::ExchangeCode(const std::string& code,
                                                               const std::string& code_verifier,
                                                               const std::string& redirect_uri) {
  auto tokens = Tokens(
      HttpSend("POST", options_.token_url, {{"Content-Type", "application/x-www-form-urlencoded"}},
               FormEncode({{"grant_type", "authorization_code"},
                           {"code", code},
                           {"code_verifier", code_verifier},
                           {"redirect_uri", redirect_uri},
                           {"client_id", options_.client_id},
                           {"client_secret", options_.client_secret}})),
      "l'échange du code");
  if (tokens) tokens->account_email = EmailOf(tokens->account_email, options_.client_id);
  return tokens;
}

Result<app::ProviderTokens> GoogleCalendarClient::Refresh(const std::string& refresh_token) {
  auto tokens = Tokens(
      HttpSend("POST", options_.token_url, {{"Content-Type", "application/x-www-form-urlencoded"}},
               FormEncode({{"grant_type", "refresh_token"},
                           {"refresh_token", refresh_token},
                           {"client_id", options_.client_id},
                           {"client_secret", options_.client_secret}})),
      "le renouvellement de l'accès");
  if (tokens) tokens->account_email.clear();
  return tokens;
}

Result<void> GoogleCalendarClient::CheckCalendar(const std::string& access_token,
                                                 const std::string& calendar_id) {
  // Listing one event needs exactly what pushing needs (the calendar.events scope).
  auto sent = HttpSend(
      "GET",
      options_.api_base + "/calendar/v3/calendars/" + Segment(calendar_id) + "/events?maxResults=1",
      Bearer(access_token), "");
  if (!sent) return Fail(sent.error());
  if (sent->status == 200) return {};
  if (sent->status == 404 || sent->status == 403) {
    return Fail(ErrorCode::kValidation, "Agenda Google « " + calendar_id +
                                            " » introuvable ou non modifiable avec ce compte.");
  }
  return Refused(*sent, "l'accès à l'agenda");
}

Result<void> GoogleCalendarClient::Revoke(const std::string& token) {
  auto sent =
      HttpSend("POST", options_.revoke_url, {{"Content-Type", "application/x-www-form-urlencoded"}},
               FormEncode({{"token", token}}));
  if (!sent) return Fail(sent.error());
  // 400 invalid_token: already revoked or expired, which is what was wanted.
  if (sent->status == 200 || sent->status == 400) return {};
  return Refused(*sent, "la révocation");
}

Result<std::string> GoogleCalendarClient::Upsert(const std::string& access_token,
                                                 const std::string& calendar_id,
                                                 const app::ProviderEvent& event) {
  const std::string events =
      options_.api_base + "/calendar/v3/calendars/" + Segment(calendar_id) + "/events";
  const std::string body = EventJson(event).dump();
  auto etag = [](const HttpResponse& r) -> Result<std::string> {
    const auto answer = json::parse(r.body, nullptr, false);
    if (!answer.is_object()) return Fail(ErrorCode::kUnavailable, "Réponse de Google illisible.");
    return answer.value("etag", std::string());
  };
  // Replace first: the usual case once the event exists. 404: never made (or removed by the
  // member) → create it under its id; a create that collides (409) was made meanwhile.
  auto put = HttpSend("PUT", events + "/" + Segment(event.id), Bearer(access_token), body);
  if (!put) return Fail(put.error());
  if (put->status == 200) return etag(*put);
  if (put->status != 404 && put->status != 410) return Refused(*put, "la mise à jour");
  auto post = HttpSend("POST", events, Bearer(access_token), body);
  if (!post) return Fail(post.error());
  if (post->status == 200) return etag(*post);
  if (post->status == 409) {
    auto again = HttpSend("PUT", events + "/" + Segment(event.id), Bearer(access_token), body);
    if (!again) return Fail(again.error());
    if (again->status == 200) return etag(*again);
    if (again->status == 404 || again->status == 410) {
      return Fail(ErrorCode::kConflict,
                  "Événement supprimé chez Google : à recréer sous un autre identifiant.");
    }
    return Refused(*again, "la mise à jour");
  }
  return Refused(*post, "la création");
}

Result<void> GoogleCalendarClient::Delete(const std::string& access_token,
                                          const std::string& calendar_id,
                                          const std::string& event_id) {
  auto sent = HttpSend("DELETE",
                       options_.api_base + "/calendar/v3/calendars/" + Segment(calendar_id) +
                           "/events/" + Segment(event_id),
                       Bearer(access_token), "");
  if (!sent) return Fail(sent.error());
  if (sent->status == 204 || sent->status == 200 || sent->status == 404 || sent->status == 410) {
    return {};
  }
  return Refused(*sent, "la suppression");
}

Result<std::vector<app::BusyPeriod>> GoogleCalendarClient::FreeBusy(const std::string& access_token,
                                                                    const std::string& calendar_id,
                                                                    domain::Timestamp from,
                                                                    domain::Timestamp to) {
  const json request = {{"timeMin", Rfc3339(from)},
                        {"timeMax", Rfc3339(to)},
                        {"items", json::array({{{"id", calendar_id}}})}};
  auto sent = HttpSend("POST", options_.api_base + "/calendar/v3/freeBusy", Bearer(access_token),
                       request.dump());
  if (!sent) return Fail(sent.error());
  if (sent->status != 200) return Refused(*sent, "la lecture des disponibilités");
  const auto body = json::parse(sent->body, nullptr, false);
  if (!body.is_object() || !body.contains("calendars") ||
      !body["calendars"].contains(calendar_id)) {
    return Fail(ErrorCode::kUnavailable, "Réponse de Google illisible (disponibilités).");
  }
  const auto& calendar = body["calendars"][calendar_id];
  if (calendar.contains("errors") && !calendar["errors"].empty()) {
    return Fail(ErrorCode::kValidation, "Google ne donne pas les disponibilités de ce calendrier.");
  }
  std::vector<app::BusyPeriod> out;
  for (const auto& period : calendar.value("busy", json::array())) {
    auto start = domain::ParseApiInstant(period.value("start", std::string()));
    auto end = domain::ParseApiInstant(period.value("end", std::string()));
    if (start && end && *end > *start) out.push_back({*start, *end});
  }
  return out;
}

}  // namespace planify::integrations
