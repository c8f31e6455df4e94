// Every route of the real server, in-process: one request per input, on a database seeded with
// two organisations and put back to that state after any input that wrote to it.
//
// Input (text, so seeds can be written by hand):
//   line 1  METHOD ROUTE [PARAMS [CALLER [CONTENT-TYPE]]]
//           METHOD  GET, POST, …; "-" for the route's own method; anything else is sent as is
//                   (letters only).
//           ROUTE   a pattern of Router::Routes() ("/api/v1/quotes/:id/send"), or a number (its
//                   index), or any text (hashed to a route).
//           PARAMS  comma-separated values for the pattern's :params, percent-encoded into the
//                   path; "." or missing: the id of the matching seeded record; "@name": the
//                   seeded record `name` (FuzzServer::Id: @quote_draft, @invoice, …).
//           CALLER  owner (default) | nocsrf | anon | token | forged | svix
//           CONTENT-TYPE  the rest of the line; application/json by default.
//   line 2  the query string (bytes that cannot appear in a request line are percent-encoded)
//   rest    the body
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "support/fuzz_server.hpp"
#include "support/fuzz_text.hpp"

namespace planify::fuzz {
namespace {

constexpr std::string_view kMethods[] = {"GET",   "HEAD",   "POST",   "PUT",
                                         "PATCH", "DELETE", "OPTIONS"};

std::uint64_t Hash(std::string_view text) {
  std::uint64_t h = 14695981039346656037ULL;
  for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    auto at = text.find(separator, start);
    if (at == std::string_view::npos) {
      out.push_back(text.substr(start));
      return out;
    }
    out.push_back(text.substr(start, at - start));
    start = at + 1;
  }
}

std::size_t PickRoute(std::string_view token, const std::vector<http::Router::RouteInfo>& routes) {
  for (std::size_t i = 0; i < routes.size(); ++i) {
    if (routes[i].pattern == token) return i;
  }
  if (!token.empty() && token.size() <= 9 &&
      token.find_first_not_of("0123456789") == std::string_view::npos) {
    return std::stoul(std::string(token)) % routes.size();
  }
  return Hash(token) % routes.size();
}

Caller PickCaller(std::string_view token) {
  if (token.empty() || token == "owner") return Caller::kOwner;
  if (token == "nocsrf") return Caller::kNoCsrf;
  if (token == "anon") return Caller::kAnonymous;
  if (token == "token") return Caller::kApiToken;
  if (token == "forged") return Caller::kForgedToken;
  if (token == "svix") return Caller::kSvix;
  constexpr Caller kAll[] = {Caller::kOwner,    Caller::kNoCsrf,      Caller::kAnonymous,
                             Caller::kApiToken, Caller::kForgedToken, Caller::kSvix};
  return kAll[Hash(token) % std::size(kAll)];
}

// The seeded record a :param most likely names, from the path segment before it.
std::string DefaultParam(const FuzzServer& server, std::string_view collection,
                         std::string_view param) {
  if (param == "token") return server.quote_token();
  if (param == "name") return "quote.sent";
  if (param == "sha") return std::string(64, '0');
  if (param == "index") return "0";
  if (param == "user_id") return "2";
  static const std::pair<std::string_view, const char*> kRecords[] = {
      {"clients", "client"},         {"quotes", "quote"},
      {"invoices", "invoice_final"}, {"credit-notes", "credit_note"},
      {"payments", "payment"},       {"missions", "mission"},
      {"catalogue", "catalogue"},    {"pricing-rules", "pricing_rule"},
      {"equipment", "equipment"},    {"unavailability", "unavailability"},
      {"invitations", "invitation"}, {"api-tokens", "api_token"},
  };
  for (const auto& [name, record] : kRecords) {
    if (collection == name) return std::to_string(server.Id(record));
  }
  return "1";
}

}  // namespace
}  // namespace planify::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace planify::fuzz;  // NOLINT(google-build-using-namespace)
  FuzzServer& server = FuzzServer::Get();
  const auto& routes = server.routes();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto parts = SplitFirst(input, '\n', 2);
  std::string_view line = parts[0];
  std::string_view query = parts.size() > 1 ? parts[1] : std::string_view();
  std::string_view body = parts.size() > 2 ? parts[2] : std::string_view();

  auto tokens = SplitFirst(line, ' ', 4);
  auto token = [&tokens](std::size_t i) {
    return i < tokens.size() ? tokens[i] : std::string_view();
  };
  const auto& route = routes[PickRoute(token(1), routes)];

  std::string method;
  for (auto known : kMethods) {
    if (token(0) == known) method = known;
  }
  if (method.empty() && token(0) != "-") {
    for (char c : token(0).substr(0, 16)) {
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) method += c;
    }
  }
  if (method.empty()) method = route.method;

  // The path: the pattern with its :params filled in.
  auto values = token(2).empty() ? std::vector<std::string_view>() : Split(token(2), ',');
  std::string path;
  std::size_t next_value = 0;
  std::string_view previous;
  for (auto segment : Split(route.pattern, '/')) {
    if (segment.empty()) continue;
    path += '/';
    if (segment[0] == ':') {
      std::string_view value = next_value < values.size() ? values[next_value] : ".";
      ++next_value;
      if (value == ".") {
        path += DefaultParam(server, previous, segment.substr(1));
      } else if (value.size() > 1 && value[0] == '@') {
        path += std::to_string(server.Id(std::string(value.substr(1))));
      } else {
        path += EncodeSegment(value);
      }
    } else {
      path += segment;
    }
    previous = segment;
  }
  if (!query.empty()) path += "?" + EncodeForTarget(query);

  const Caller caller = PickCaller(token(3));
  std::string content_type;
  for (char c : token(4)) {
    if (c != '\r' && c != '\0') content_type += c;
  }
  if (content_type.empty()) content_type = "application/json";

  server.Send(server.BuildRequest(method, path, caller, content_type, body), caller);
  server.Restore();
  return 0;
}
