// The upload path: untrusted bytes and the HTTP framing around them. Uploads are sent as the raw
// body (organisation logo, profile photo, payment proof with ?filename=) or, for a signed quote,
// as a base64 PNG data URL inside JSON; the fuzzer also writes the request's headers, so httplib's
// reading of the body (Content-Length, chunked transfer, multipart/form-data parts, which it
// parses before any handler runs) is fuzzed on the way to the real handlers and use cases. The
// base64 decoder the signature goes through is also fuzzed directly.
//
// Input: line 1 "<target> <query>", target one of logo | avatar | proof | signature | json
// (anything else is hashed to one); then header lines, as sent, up to an empty line; then the
// body (for `signature`, the image bytes, which the harness wraps in the JSON a browser sends).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "store/emails_repository.hpp"
#include "support/fuzz_server.hpp"
#include "support/fuzz_text.hpp"

namespace {

using planify::fuzz::Caller;
using planify::fuzz::FuzzServer;

struct Target {
  std::string_view name;
  std::string_view method;
  std::string_view content_type;  // when the input sets none
};
constexpr Target kTargets[] = {
    {"logo", "PUT", "image/png"},         {"avatar", "PUT", "image/jpeg"},
    {"proof", "PUT", "application/pdf"},  {"signature", "POST", "application/json"},
    {"json", "POST", "application/json"},
};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void Base64RoundTrip(const std::string& text) {
  auto decoded = planify::store::Base64Decode(text);
  if (!decoded) return;
  auto again = planify::store::Base64Decode(planify::store::Base64Encode(*decoded));
  if (!again || *again != *decoded) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzServer& server = FuzzServer::Get();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto first = planify::fuzz::SplitFirst(input, '\n', 1);
  auto head = planify::fuzz::SplitFirst(first[0], ' ', 1);
  std::string_view rest = first.size() > 1 ? first[1] : std::string_view();

  const Target* target = &kTargets[0];
  bool named = false;
  for (const auto& t : kTargets) {
    if (head[0] == t.name) {
      target = &t;
      named = true;
    }
  }
  if (!named) {
    std::size_t h = 0;
    for (char c : head[0]) h = h * 31 + static_cast<unsigned char>(c);
    target = &kTargets[h % std::size(kTargets)];
  }
  std::string query = head.size() > 1 ? planify::fuzz::EncodeForTarget(head[1]) : "";

  // Header lines up to the first empty one; CRLF on the wire.
  std::string headers;
  std::string_view body;
  for (;;) {
    auto at = rest.find('\n');
    if (at == std::string_view::npos) {
      body = rest;
      break;
    }
    std::string_view header = rest.substr(0, at);
    rest.remove_prefix(at + 1);
    if (!header.empty() && header.back() == '\r') header.remove_suffix(1);
    if (header.empty()) {
      body = rest;
      break;
    }
    headers.append(header).append("\r\n");
  }
  const bool typed = Lower(headers).find("content-type") != std::string::npos;

  std::string path;
  std::string payload(body);
  Caller caller = Caller::kOwner;
  if (target->name == "logo") {
    path = "/api/v1/organization/logo";
  } else if (target->name == "avatar") {
    path = "/api/v1/me/avatar";
  } else if (target->name == "proof") {
    path = "/api/v1/payments/" + std::to_string(server.Id("payment")) + "/proof";
  } else if (target->name == "signature") {
    path = "/api/v1/public/quotes/" + server.quote_token() + "/sign";
    caller = Caller::kAnonymous;
    payload = nlohmann::json{{"signer_name", "Inès Moreau"},
                             {"signer_email", "ines@montplaisir.fr"},
                             {"consent", true},
                             {"signature", "data:image/png;base64," +
                                               planify::store::Base64Encode(std::string(body))}}
                  .dump();
  } else {
    path = "/api/v1/clients";
  }
  if (!query.empty()) path += "?" + query;

  Base64RoundTrip(std::string(body));
  server.Send(
      server.BuildRequest(target->method, path, caller,
                          typed ? std::string_view() : target->content_type, payload, headers),
      caller);
  server.Restore();
  return 0;
}
