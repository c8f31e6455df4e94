#include "domain/webhooks.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <vector>

namespace planify::domain {

namespace {

std::optional<std::array<std::uint8_t, 4>> ParseV4(std::string_view text) {
  std::array<std::uint8_t, 4> out{};
  std::size_t part = 0;
  while (part < 4) {
    std::size_t end = text.find('.');
    std::string_view piece = text.substr(0, end);
    if (piece.empty() || piece.size() > 3) return std::nullopt;
    for (char c : piece) {
      if (c < '0' || c > '9') return std::nullopt;
    }
    if (piece.size() > 1 && piece[0] == '0') return std::nullopt;  // no octal look-alikes
    int value = 0;
    std::from_chars(piece.data(), piece.data() + piece.size(), value);
    if (value > 255) return std::nullopt;
    out[part++] = static_cast<std::uint8_t>(value);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  if (part != 4) return std::nullopt;
  return out;
}

std::optional<std::array<std::uint8_t, 16>> ParseV6(std::string_view text) {
  // Embedded IPv4 tail ("::ffff:10.0.0.1").
  std::array<std::uint8_t, 4> tail{};
  bool has_tail = false;
  if (auto dot = text.find('.'); dot != std::string_view::npos) {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    auto v4 = ParseV4(text.substr(colon + 1));
    if (!v4) return std::nullopt;
    tail = *v4;
    has_tail = true;
    text = text.substr(0, colon + 1);
    if (text.size() >= 2 && text.substr(text.size() - 2) == "::") {
      // keep "::" as is
    } else {
      text.remove_suffix(1);  // drop the separator before the v4 part
    }
  }
  std::vector<std::uint16_t> head;
  std::vector<std::uint16_t> rest;
  bool gap = false;
  auto read_groups = [](std::string_view s, std::vector<std::uint16_t>& groups) {
    if (s.empty()) return true;
    while (true) {
      auto end = s.find(':');
      auto g = s.substr(0, end);
      if (g.empty() || g.size() > 4) return false;
      unsigned value = 0;
      for (char c : g) {
        if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
      }
      std::from_chars(g.data(), g.data() + g.size(), value, 16);
      groups.push_back(static_cast<std::uint16_t>(value));
      if (end == std::string_view::npos) return true;
      s.remove_prefix(end + 1);
    }
  };
  if (auto at = text.find("::"); at != std::string_view::npos) {
    gap = true;
    if (text.find("::", at + 1) != std::string_view::npos) return std::nullopt;
    if (!read_groups(text.substr(0, at), head) || !read_groups(text.substr(at + 2), rest)) {
      return std::nullopt;
    }
  } else if (!read_groups(text, head)) {
    return std::nullopt;
  }
  const std::size_t total = head.size() + rest.size() + (has_tail ? 2 : 0);
  if (total > 8 || (!gap && total != 8) || (gap && total == 8)) return std::nullopt;
  std::array<std::uint8_t, 16> out{};
  std::size_t i = 0;
  for (auto g : head) {
    out[i++] = static_cast<std::uint8_t>(g >> 8);
    out[i++] = static_cast<std::uint8_t>(g & 0xff);
  }
  i = 16 - rest.size() * 2 - (has_tail ? 4 : 0);
  for (auto g : rest) {
    out[i++] = static_cast<std::uint8_t>(g >> 8);
    out[i++] = static_cast<std::uint8_t>(g & 0xff);
  }
  if (has_tail) {
    for (auto b : tail) out[i++] = b;
  }
  return out;
}

bool PublicV4(const std::array<std::uint8_t, 4>& a) {
  const unsigned b0 = a[0];
  const unsigned b1 = a[1];
  if (b0 == 0 || b0 == 10 || b0 == 127) return false;  // this network, private, loopback
  if (b0 == 100 && (b1 & 0xc0) == 64) return false;    // 100.64.0.0/10 carrier-grade NAT
  if (b0 == 169 && b1 == 254) return false;            // link-local (cloud metadata)
  if (b0 == 172 && (b1 & 0xf0) == 16) return false;    // 172.16.0.0/12
  if (b0 == 192 && b1 == 168) return false;            // 192.168.0.0/16
  if (b0 == 192 && b1 == 0 && (a[2] == 0 || a[2] == 2)) return false;  // IETF, TEST-NET-1
  if (b0 == 198 && (b1 & 0xfe) == 18) return false;                    // 198.18.0.0/15 benchmarking
  if (b0 == 198 && b1 == 51 && a[2] == 100) return false;              // TEST-NET-2
  if (b0 == 203 && b1 == 0 && a[2] == 113) return false;               // TEST-NET-3
  if (b0 >= 224) return false;  // multicast, reserved, broadcast
  return true;
}

bool PublicV6(const std::array<std::uint8_t, 16>& a) {
  bool zero_prefix = true;
  for (int i = 0; i < 10; ++i) zero_prefix = zero_prefix && a[i] == 0;
  // IPv4-mapped (::ffff:a.b.c.d) and -compatible (::a.b.c.d, :: and ::1 included).
  if (zero_prefix && ((a[10] == 0xff && a[11] == 0xff) || (a[10] == 0 && a[11] == 0))) {
    return PublicV4({a[12], a[13], a[14], a[15]});
  }
  if (a[0] == 0x64 && a[1] == 0xff && a[2] == 0x9b) return PublicV4({a[12], a[13], a[14], a[15]});
  if ((a[0] & 0xfe) == 0xfc) return false;                  // fc00::/7 unique local
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) return false;  // fe80::/10 link-local
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0) return false;  // fec0::/10 site-local
  if (a[0] == 0xff) return false;                           // multicast
  if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8) return false;  // docs
  if (a[0] == 0x20 && a[1] == 0x02) {  // 6to4: the embedded v4
    return PublicV4({a[2], a[3], a[4], a[5]});
  }
  return (a[0] & 0xe0) == 0x20;  // only global unicast 2000::/3
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool IsPublicAddress(std::string_view address) {
  if (auto v4 = ParseV4(address)) return PublicV4(*v4);
  if (auto v6 = ParseV6(address)) return PublicV6(*v6);
  return false;
}

std::optional<std::string> AddressLiteral(std::string_view host) {
  if (ParseV4(host) || ParseV6(host)) return std::string(host);
  return std::nullopt;
}

Result<WebhookUrl> ParseWebhookUrl(std::string_view text, const WebhookPolicy& policy) {
  auto bad = [](std::string message) -> Result<WebhookUrl> {
    return Fail(ErrorCode::kValidation, std::move(message));
  };
  if (text.size() > 2000) return bad("Adresse trop longue (2 000 caractères au plus).");
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return bad("L'adresse ne doit contenir ni espace ni caractère de contrôle.");
    }
  }
  WebhookUrl url;
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return bad("Adresse complète attendue (https://…).");
  url.scheme = Lower(text.substr(0, scheme_end));
  if (url.scheme != "https" && !(policy.allow_http && url.scheme == "http")) {
    return bad("L'adresse doit commencer par https:// (les données partent chiffrées).");
  }
  url.port = url.scheme == "https" ? 443 : 80;
  std::string_view rest = text.substr(scheme_end + 3);
  if (rest.find('#') != std::string_view::npos) return bad("Pas de fragment (#) dans l'adresse.");
  const auto path_at = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, path_at);
  url.target = path_at == std::string_view::npos ? "/" : std::string(rest.substr(path_at));
  if (url.target[0] == '?') url.target = "/" + url.target;
  if (authority.find('@') != std::string_view::npos) {
    return bad("Pas d'identifiant ni de mot de passe dans l'adresse.");
  }
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority[0] == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return bad("Adresse IPv6 mal formée.");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return bad("Adresse IPv6 mal formée.");
      port = after.substr(1);
    }
    if (!ParseV6(host)) return bad("Adresse IPv6 mal formée.");
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return bad("L'adresse doit nommer un serveur.");
  if (!port.empty()) {
    int value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value < 1 || value > 65535) {
      return bad("Port invalide.");
    }
    url.port = value;
  }
  url.host = Lower(host);
  for (char c : url.host) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == ':')) {
      return bad("Nom de serveur invalide.");
    }
  }
  const bool local_name = url.host == "localhost" || url.host.ends_with(".localhost") ||
                          url.host.ends_with(".local") || url.host.ends_with(".internal");
  if (local_name && !policy.allow_private) {
    return bad("Cette adresse désigne une machine locale : elle est refusée.");
  }
  if (AddressLiteral(url.host) && !IsPublicAddress(url.host) && !policy.allow_private) {
    return bad("Cette adresse est privée ou locale : elle est refusée.");
  }
  // A host made only of numbers (decimal, octal or 0x-hex labels: "2130706433", "0x7f.1",
  // "0177.0.0.1") names an address for some resolvers: only a plain dotted quad is accepted.
  bool numeric = true;
  std::string_view labels = url.host;
  while (numeric) {
    const auto dot = labels.find('.');
    std::string_view label = labels.substr(0, dot);
    const bool hex = label.size() >= 2 && label[0] == '0' && label[1] == 'x';
    if (hex) label.remove_prefix(2);
    for (char c : label) {
      numeric = numeric && (hex ? std::isxdigit(static_cast<unsigned char>(c)) != 0
                                : std::isdigit(static_cast<unsigned char>(c)) != 0);
    }
    if (dot == std::string_view::npos) break;
    labels.remove_prefix(dot + 1);
  }
  if (numeric && !ParseV4(url.host)) return bad("Nom de serveur invalide.");
  return url;
}

}  // namespace planify::domain
