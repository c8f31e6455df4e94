// A request target as the server takes it apart: httplib splits it at '?', decodes the path and
// parses the query string; the real route table (Router::Find) picks the route and its :params;
// PathId and QueryParams read them. Checks that a match is consistent with the table.
//
// Input: line 1 the method, then the raw request target (path, '?', query), bytes as sent.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "http/json_input.hpp"
#include "http/router.hpp"
#include "support/fuzz_server.hpp"
#include "support/fuzz_text.hpp"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

std::set<std::string> ParamsOf(const std::string& pattern) {
  std::set<std::string> out;
  for (auto segment : planify::fuzz::SplitFirst(pattern, '/', pattern.size())) {
    if (!segment.empty() && segment[0] == ':') out.emplace(segment.substr(1));
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const planify::http::Router& router = planify::fuzz::FuzzServer::Get().router();
  static const std::set<std::pair<std::string, std::string>> kRoutes = [] {
    std::set<std::pair<std::string, std::string>> out;
    for (const auto& route : router.Routes()) out.emplace(route.method, route.pattern);
    return out;
  }();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto lines = planify::fuzz::SplitFirst(input, '\n', 1);
  std::string method(lines[0]);
  std::string_view target = lines.size() > 1 ? lines[1] : std::string_view();

  // What httplib does with the request target.
  httplib::Request req;
  req.method = method;
  auto question = target.find('?');
  req.path = httplib::detail::decode_url(std::string(target.substr(0, question)), false);
  if (question != std::string_view::npos) {
    httplib::detail::parse_query_text(std::string(target.substr(question + 1)), req.params);
  }

  auto match = router.Find(req.method, req.path);
  if (match.handler != nullptr) {
    Check(kRoutes.contains({method == "HEAD" ? "GET" : method, match.pattern}));
    Check(match.allowed.empty());
    std::set<std::string> names;
    for (const auto& [name, value] : match.params) {
      names.insert(name);
      Check(!value.empty() && value.find('/') == std::string::npos);
    }
    Check(names == ParamsOf(match.pattern));
    planify::http::RequestContext ctx{match.params, nullptr, {}};
    for (const auto& name : names) {
      auto id = planify::http::PathId(ctx, name);
      Check(!id || *id > 0);
    }
  } else {
    Check(match.params.empty());
    for (const auto& allowed : match.allowed) Check(allowed != method);
  }

  planify::http::QueryParams q(req);
  for (const auto& [name, value] : req.params) {
    (void)q.Int(name.c_str(), 0, 0, 1'000'000'000);
    (void)q.Id(name.c_str());
    (void)q.Instant(name.c_str());
    (void)q.Text(name.c_str());
    (void)q.Flag(name.c_str());
  }
  return 0;
}
