#include "integrations/email/mailers.hpp"

#include "common/bounded_json.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <ctime>
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
  auto json = ParseUntrustedJsonOrDiscarded(response);
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

namespace {

// Base64 wrapped at 76 columns, for MIME bodies.
std::string WrappedBase64(const std::string& bytes) {
  std::string flat = store::Base64Encode(bytes);
  std::string out;
  for (std::size_t i = 0; i < flat.size(); i += 76) out += flat.substr(i, 76) + "\r\n";
  return out;
}

bool IsAscii(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// RFC 2047 encoded word for non-ASCII header text.
std::string HeaderText(const std::string& text) {
  if (IsAscii(text)) return text;
  return "=?UTF-8?B?" + store::Base64Encode(text) + "?=";
}

std::string Mailbox(const std::string& name, const std::string& address) {
  if (name.empty()) return "<" + address + ">";
  if (!IsAscii(name)) return HeaderText(name) + " <" + address + ">";
  return FromHeader(name, address);
}

struct UploadState {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t Upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* state = static_cast<UploadState*>(user);
  std::size_t n = std::min(size * count, state->data->size() - state->offset);
  // curl's upload buffer is raw bytes, not a C string.
  std::copy_n(state->data->data() + state->offset, n, buffer);
  state->offset += n;
  return n;
}

}  // namespace

std::string BuildMimeMessage(const app::OutgoingEmail& email, const std::string& message_id,
                             const std::string& date) {
  const auto& d = email.draft;
  const std::string mixed = "planify-mixed-" + message_id.substr(0, 16);
  const std::string alternative = "planify-alt-" + message_id.substr(0, 16);
  std::string m;
  m += "From: " + Mailbox(d.from_name, email.from_address) + "\r\n";
  m += "To: " + Mailbox(d.to_name, d.to_address) + "\r\n";
  if (d.reply_to) m += "Reply-To: <" + *d.reply_to + ">\r\n";
  m += "Subject: " + HeaderText(d.subject) + "\r\n";
  m += "Date: " + date + "\r\n";
  m += "Message-ID: <" + message_id + ">\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: multipart/mixed; boundary=\"" + mixed + "\"\r\n\r\n";
  m += "--" + mixed + "\r\n";
  m += "Content-Type: multipart/alternative; boundary=\"" + alternative + "\"\r\n\r\n";
  m += "--" + alternative +
       "\r\nContent-Type: text/plain; charset=utf-8\r\n"
       "Content-Transfer-Encoding: base64\r\n\r\n" +
       WrappedBase64(d.text);
  m += "--" + alternative +
       "\r\nContent-Type: text/html; charset=utf-8\r\n"
       "Content-Transfer-Encoding: base64\r\n\r\n" +
       WrappedBase64(d.html);
  m += "--" + alternative + "--\r\n";
  for (const auto& a : d.attachments) {
    m += "--" + mixed + "\r\nContent-Type: " + a.content_type + "; name=\"" + a.filename +
         "\"\r\nContent-Disposition: attachment; filename=\"" + a.filename +
         "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + WrappedBase64(a.content);
  }
  m += "--" + mixed + "--\r\n";
  return m;
}

SmtpMailer::SmtpMailer(Options options) : options_(std::move(options)) { InitCurlOnce(); }

Result<app::SendReceipt> SmtpMailer::Send(const app::OutgoingEmail& email,
                                          const std::string& idempotency_key) {
  const std::string message_id = idempotency_key + "@" + options_.hostname;
  char date[64];
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  const std::string message = BuildMimeMessage(email, message_id, date);

  CURL* curl = curl_easy_init();
  if (curl == nullptr) return Fail(ErrorCode::kUnavailable, "smtp: curl_easy_init failed");
  const std::string from = "<" + email.from_address + ">";
  const std::string to = "<" + email.draft.to_address + ">";
  curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
  UploadState upload{&message};
  curl_easy_setopt(curl, CURLOPT_URL, options_.url.c_str());
  if (!options_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, options_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.password.c_str());
  }
  if (options_.starttls && options_.url.rfind("smtp://", 0) == 0) {
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  }
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, Upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  CURLcode rc = curl_easy_perform(curl);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (rc == CURLE_OK) return app::SendReceipt{"smtp", message_id};
  std::string what = std::string("smtp: ") + curl_easy_strerror(rc) +
                     (code > 0 ? " (server said " + std::to_string(code) + ")" : "");
  // 5xx is the server's final word on this message (unknown mailbox, refused content);
  // authentication failures and everything else may succeed later.
  if (code >= 500 && code < 600 && rc != CURLE_LOGIN_DENIED) {
    return Fail(ErrorCode::kBadRequest, what);
  }
  return Fail(ErrorCode::kUnavailable, what);
}

}  // namespace planify::integrations
