#include "domain/site_analytics.hpp"

#include <algorithm>
#include <vector>

namespace planify::domain {

namespace {

bool IsHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

void AddOnce(std::vector<std::string>& list, const std::optional<std::string>& origin) {
  if (origin && std::find(list.begin(), list.end(), *origin) == list.end()) list.push_back(*origin);
}

std::string Directive(std::string_view name, std::string_view base,
                      const std::vector<std::string>& origins) {
  std::string out(name);
  out += ' ';
  out += base;
  for (const auto& origin : origins) out += ' ' + origin;
  return out;
}

}  // namespace

std::optional<std::string> CspOrigin(std::string_view url) {
  std::string_view scheme;
  if (url.rfind("https://", 0) == 0) {
    scheme = "https://";
  } else if (url.rfind("http://", 0) == 0) {
    scheme = "http://";
  } else {
    return std::nullopt;
  }
  std::string_view rest = url.substr(scheme.size());
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  std::string_view after = rest.substr(authority.size());
  if (!after.empty() && after.front() != '/') return std::nullopt;  // no query or fragment here
  for (char c : after) {
    if (c <= ' ' || c == '"' || c == '\'' || c == ';' || c == ',' || c == '\\' || c == 0x7F)
      return std::nullopt;
  }
  std::string_view host = authority.substr(0, authority.find(':'));
  std::string_view port =
      host.size() < authority.size() ? authority.substr(host.size() + 1) : std::string_view{};
  if (host.empty() || host.size() > 253 || host.front() == '.' || host.front() == '-' ||
      host.back() == '.' || host.back() == '-')
    return std::nullopt;
  std::string lower;
  for (char c : host) {
    char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (!IsHostChar(l)) return std::nullopt;
    lower += l;
  }
  if (host.size() < authority.size()) {
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;
  }
  std::string origin(scheme);
  origin += lower;
  if (!port.empty()) origin += ":" + std::string(port);
  return origin;
}

bool IsTrackerToken(std::string_view text) {
  if (text.empty() || text.size() > 100) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
  });
}

std::string PostHogScriptUrl(std::string_view api_host) {
  std::string host(api_host);
  while (!host.empty() && host.back() == '/') host.pop_back();
  for (std::string_view region : {"eu", "us"}) {
    std::string cloud = "https://" + std::string(region) + ".i.posthog.com";
    if (host == cloud)
      return "https://" + std::string(region) + "-assets.i.posthog.com/static/array.js";
  }
  return host + "/static/array.js";
}

std::string PlausibleScriptUrl(const PlausibleWeb& plausible) {
  return plausible.host + "/js/script.js";
}

std::string DatafastScriptUrl(const DatafastWeb& datafast) {
  return datafast.host + "/js/script.js";
}

std::string ContentSecurityPolicy(const WebAnalytics& analytics) {
  std::vector<std::string> scripts;
  std::vector<std::string> connects;
  std::vector<std::string> images;
  if (analytics.posthog) {
    AddOnce(scripts, CspOrigin(analytics.posthog->script_url));
    AddOnce(connects, CspOrigin(analytics.posthog->api_host));
    AddOnce(connects, CspOrigin(analytics.posthog->script_url));
  }
  if (analytics.plausible) {
    AddOnce(scripts, CspOrigin(analytics.plausible->host));
    AddOnce(connects, CspOrigin(analytics.plausible->host));
  }
  if (analytics.datafast) {
    AddOnce(scripts, CspOrigin(analytics.datafast->host));
    AddOnce(connects, CspOrigin(analytics.datafast->host));
  }
  if (analytics.meta_pixel) {
    AddOnce(scripts, CspOrigin(kMetaPixelScript));
    AddOnce(connects, CspOrigin(kMetaPixelScript));
    AddOnce(connects, CspOrigin(kMetaPixelEndpoint));
    AddOnce(images, CspOrigin(kMetaPixelEndpoint));
  }
  return "default-src 'self'; " + Directive("script-src", "'self'", scripts) +
         "; style-src 'self' 'unsafe-inline'; " +
         Directive("img-src", "'self' data: blob:", images) + "; font-src 'self' data:; " +
         Directive("connect-src", "'self'", connects) +
         "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}

std::string WithFrameAncestors(const std::string& policy, const std::vector<std::string>& origins) {
  static constexpr std::string_view kNone = "frame-ancestors 'none'";
  const auto at = policy.find(kNone);
  if (at == std::string::npos || origins.empty()) return policy;
  std::string allowed = "frame-ancestors";
  for (const auto& origin : origins) allowed += " " + origin;
  return policy.substr(0, at) + allowed + policy.substr(at + kNone.size());
}

}  // namespace planify::domain
