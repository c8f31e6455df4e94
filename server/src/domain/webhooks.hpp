#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace planify::domain {

// Outgoing webhooks (docs/webhooks.md): where an organisation wants its business events sent.

struct WebhookUrl {
  std::string scheme;  // "https" (or "http" where the instance allows it, tests only)
  std::string host;    // lower-case name or address, without brackets
  int port = 443;
  std::string target;  // path and query, "/" at least
};

// What an instance allows beyond public https endpoints: tests deliver to a local receiver
// over http on 127.0.0.1 (never set in production).
struct WebhookPolicy {
  bool allow_http = false;
  bool allow_private = false;
};

// An endpoint as registered: an absolute https URL with a host, no user name or password, no
// fragment, at most 2,000 characters. A host that is a private, loopback, link-local or
// otherwise non-public address literal is refused here already; names are checked again when
// resolved, at each delivery. VALIDATION with the reason in French (the caller names the field).
[[nodiscard]] Result<WebhookUrl> ParseWebhookUrl(std::string_view text,
                                                 const WebhookPolicy& policy = {});

// True for an IPv4 or IPv6 address (text) that is reachable on the public Internet: not
// loopback, private (RFC 1918, fc00::/7), link-local, carrier-grade NAT, multicast, reserved,
// unspecified, documentation, or an IPv4-mapped/compatible form of those.
[[nodiscard]] bool IsPublicAddress(std::string_view address);

// "ip" when the text is an IP address literal (v4 dotted quad or v6), else nullopt.
[[nodiscard]] std::optional<std::string> AddressLiteral(std::string_view host);

}  // namespace planify::domain
