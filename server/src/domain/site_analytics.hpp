#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planify::domain {

// Front-end audience measurement and advertising trackers an instance may configure
// (docs/analytics.md). None by default; the browser loads one only with the visitor's consent
// for its purpose, except Plausible configured as exempt audience measurement (no cookie, no
// cross-site tracking: the CNIL exemption), which runs unless the visitor objects.

enum class TrackerPurpose { kAudience, kMarketing };

struct PostHogWeb {
  std::string key;         // the project's public key, phc_…
  std::string api_host;    // https://eu.i.posthog.com
  std::string script_url;  // its array.js
};

struct PlausibleWeb {
  std::string domain;  // the site as registered in Plausible
  std::string host;    // https://plausible.io or a self-hosted instance
  bool exempt = false;
};

struct DatafastWeb {
  std::string website_id;
  std::string domain;
  std::string host;  // https://datafa.st
};

struct MetaPixelWeb {
  std::string pixel_id;  // digits
};

struct WebAnalytics {
  std::optional<PostHogWeb> posthog;
  std::optional<PlausibleWeb> plausible;
  std::optional<DatafastWeb> datafast;
  std::optional<MetaPixelWeb> meta_pixel;
};

// Meta's hosts: the pixel's script, and where it reports.
inline constexpr std::string_view kMetaPixelScript =
    "https://connect.facebook.net/en_US/fbevents.js";
inline constexpr std::string_view kMetaPixelEndpoint = "https://www.facebook.com";

// "scheme://host[:port]" of an http(s) URL whose host is a plain name or IPv4 address (letters,
// digits, dots, hyphens) and whose port, if any, is digits: what may be named in a
// Content-Security-Policy header. nullopt for anything else (user info, brackets, spaces, quotes,
// semicolons…), so no configured value can add a directive.
[[nodiscard]] std::optional<std::string> CspOrigin(std::string_view url);

// A key or id as the providers issue them: 1-100 letters, digits, '_', '-' or '.'.
[[nodiscard]] bool IsTrackerToken(std::string_view text);

// PostHog's script for an API host: its -assets twin for PostHog Cloud (eu, us), else the API
// host's own /static/array.js (self-hosted).
[[nodiscard]] std::string PostHogScriptUrl(std::string_view api_host);
[[nodiscard]] std::string PlausibleScriptUrl(const PlausibleWeb& plausible);
[[nodiscard]] std::string DatafastScriptUrl(const DatafastWeb& datafast);

// The Content-Security-Policy of every page and API answer: same-origin only, plus the hosts of
// the configured trackers — their scripts in script-src, where they report in connect-src (and
// img-src for the pixel). Unconfigured providers are never named.
[[nodiscard]] std::string ContentSecurityPolicy(const WebAnalytics& analytics);

// The same policy for a page other sites may frame (the embeddable booking form): its
// frame-ancestors become `origins` ("*" = any site; none = still 'none').
[[nodiscard]] std::string WithFrameAncestors(const std::string& policy,
                                             const std::vector<std::string>& origins);

}  // namespace planify::domain
