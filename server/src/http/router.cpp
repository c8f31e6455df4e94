#include "http/router.hpp"

#include <algorithm>
#include <charconv>

namespace planify::http {

namespace {

std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= path.size()) {
    auto slash = path.find('/', i);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > i) out.emplace_back(path.substr(i, slash - i));
    i = slash + 1;
  }
  return out;
}

bool MatchSegments(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                   PathParams* params) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (!pattern[i].empty() && pattern[i][0] == ':') {
      if (params != nullptr) (*params)[pattern[i].substr(1)] = path[i];
    } else if (pattern[i] != path[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Access access, Handler handler) {
  auto segments = Split(pattern);
  routes_.push_back(
      {std::move(method), std::move(pattern), std::move(segments), access, std::move(handler)});
}

std::vector<Router::RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> out;
  out.reserve(routes_.size());
  for (const auto& route : routes_) out.push_back({route.method, route.pattern, route.access});
  return out;
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  Match match;
  const auto segments = Split(path);
  std::string_view wanted = method == "HEAD" ? std::string_view("GET") : method;
  // The most specific route wins, whatever the order routes were added in:
  // "/api/v1/equipment/late-returns" before "/api/v1/equipment/:id".
  const Route* best = nullptr;
  PathParams best_params;
  int best_literals = -1;
  for (const auto& route : routes_) {
    PathParams params;
    if (!MatchSegments(route.segments, segments, &params)) continue;
    if (route.method == wanted) {
      const int literals = static_cast<int>(route.segments.size() - params.size());
      if (literals > best_literals) {
        best = &route;
        best_params = std::move(params);
        best_literals = literals;
      }
      continue;
    }
    match.pattern = route.pattern;
    if (std::find(match.allowed.begin(), match.allowed.end(), route.method) ==
        match.allowed.end()) {
      match.allowed.push_back(route.method);
      if (route.method == "GET") match.allowed.emplace_back("HEAD");
    }
  }
  if (best != nullptr) {
    match.handler = &best->handler;
    match.access = best->access;
    match.pattern = best->pattern;
    match.params = std::move(best_params);
    match.allowed.clear();
  }
  return match;
}

Result<long long> PathId(const RequestContext& ctx, std::string_view name) {
  auto it = ctx.params.find(name);
  long long id = 0;
  if (it != ctx.params.end()) {
    const std::string& text = it->second;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec == std::errc() && ptr == text.data() + text.size() && id > 0) return id;
  }
  return Fail(ErrorCode::kNotFound, "Ressource introuvable.");
}

}  // namespace planify::http
