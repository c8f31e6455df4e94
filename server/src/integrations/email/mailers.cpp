#include "integrations/email/mailers.hpp"

#include <curl/curl.h>

#include <mutex>
#include <nlohmann/json.hpp>

#include "store/emails_repository.hpp"

namespace planify::integrations {

Result<app::SendReceipt> OutboxMailer::Send(const app::OutgoingEmail& /*email*/,
                                            const std::string& idempotency_key) {
  return app::SendReceipt{"outbox", idempotency_key};
}

namespace {

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t Collect(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// "Sono Lumière <no-reply@planify.fr>", with the display name quoted when it needs to be.
std::string FromHeader(const std::string& name, const std::string& address) {
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') quoted.push_back('\\');
    quoted.push_back(c);
  }
  quoted += "\"";
  return quoted + " <" + address + ">";
}

}  // namespace

ResendMailer::ResendMailer(Options options) : options_(std::move(options)) {
  while (!options_.base_url.empty() && options_.base_url.back() == '/')
    options_.base_url.pop_back();
  InitCurlOnce();
}

Result<app::SendReceipt> ResendMailer::Send(const app::OutgoingEmail& email,
                                            const std::string& idempotency_key) {
  const auto& d = email.draft;
  nlohmann::json body = {
      {"from", FromHeader(d.from_name, email.from_address)},
      {"to", nlohmann::json::array(
                 {d.to_name.empty() ? d.to_address : FromHeader(d.to_name, d.to_address)})},
      {"subject", d.subject},
      {"html", d.html},
      {"text", d.text}};
  if (d.reply_to) body["reply_to"] = *d.reply_to;
  if (!d.attachments.empty()) {
    body["attachments"] = nlohmann::json::array();
    for (const auto& a : d.attachments) {
      body["attachments"].push_back({{"filename", a.filename},
                                     {"content", store::Base64Encode(a.content)},
                                     {"content_type", a.content_type}});
    }
  }
  const std::string payload = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);

  CURL* curl = curl_easy_init();
  if (curl == nullptr) return Fail(ErrorCode::kUnavailable, "resend: curl_easy_init failed");
  std::string response;
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, ("Authorization: Bearer " + options_.api_key).c_str());
  headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, ("Idempotency-Key: " + idempotency_key).c_str());
  const std::string url = options_.base_url + "/emails";
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, payload.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(payload.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "planify");
  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);

  if (rc != CURLE_OK) {
    return Fail(ErrorCode::kUnavailable, std::string("resend: ") + curl_easy_strerror(rc));
  }
  auto json = nlohmann::json::parse(response, nullptr, false);
  if (status >= 200 && status < 300) {
    if (json.is_object() && json.contains("id") && json["id"].is_string()) {
      return app::SendReceipt{"resend", json["id"].get<std::string>()};
    }
    return Fail(ErrorCode::kUnavailable,
                "resend: accepted without a message id: " + response.substr(0, 200));
  }
  std::string message = json.is_object() && json.contains("message") && json["message"].is_string()
                            ? json["message"].get<std::string>()
                            : response.substr(0, 200);
  std::string what = "resend: HTTP " + std::to_string(status) + ": " + message;
  // Rate limits, server trouble and credentials (which an admin may fix) are worth retrying.
  if (status == 429 || status >= 500 || status == 401 || status == 403) {
    return Fail(ErrorCode::kUnavailable, what);
  }
  return Fail(ErrorCode::kBadRequest, what);
}

}  // namespace planify::integrations
