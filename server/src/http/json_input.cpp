#include "http/json_input.hpp"

#include <charconv>
#include <cstdint>
#include <limits>

#include "common/bounded_json.hpp"
#include "domain/local_time.hpp"

#include "domain/validation.hpp"

namespace planify::http {

Result<nlohmann::json> ParseJsonObject(const httplib::Request& req) {
  auto type = domain::ToLowerAscii(req.get_header_value("Content-Type"));
  auto semicolon = type.find(';');
  auto media = domain::Trim(type.substr(0, semicolon));
  if (media != "application/json") {
    return Fail(ErrorCode::kUnsupportedMedia,
                "Le corps de la requête doit être du JSON (Content-Type: application/json).");
  }
  auto parsed = ParseUntrustedJson(req.body);
  if (!parsed) return parsed;
  if (!parsed->is_object()) {
    return Fail(ErrorCode::kBadRequest, "Le corps de la requête doit être un objet JSON.");
  }
  return parsed;
}

std::string JsonFields::RequiredString(const std::string& field) {
  auto it = object_.find(field);
  if (it == object_.end() || it->is_null()) {
    errors_.Add(field, "Ce champ est obligatoire.");
    return {};
  }
  if (!it->is_string()) {
    errors_.Add(field, "Ce champ doit être une chaîne de caractères.");
    return {};
  }
  return it->get<std::string>();
}

std::optional<std::string> JsonFields::OptionalString(const std::string& field) {
  auto it = object_.find(field);
  if (it == object_.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) {
    errors_.Add(field, "Ce champ doit être une chaîne de caractères.");
    return std::nullopt;
  }
  return it->get<std::string>();
}

namespace {

// An integer JSON number that fits in int64: nlohmann keeps 2^63 and above as unsigned, and
// reading those as long long would wrap them to negative ids.
bool IsInt64(const nlohmann::json& value) {
  if (!value.is_number_integer()) return false;
  return !value.is_number_unsigned() ||
         value.get<std::uint64_t>() <=
             static_cast<std::uint64_t>(std::numeric_limits<long long>::max());
}

}  // namespace

long long JsonFields::RequiredId(const std::string& field) {
  auto it = object_.find(field);
  if (it == object_.end() || it->is_null()) {
    errors_.Add(field, "Ce champ est obligatoire.");
    return 0;
  }
  if (!IsInt64(*it) || it->get<long long>() <= 0) {
    errors_.Add(field, "Identifiant entier positif attendu.");
    return 0;
  }
  return it->get<long long>();
}

std::optional<long long> JsonFields::OptionalInt64(const std::string& field) {
  auto it = object_.find(field);
  if (it == object_.end() || it->is_null()) return std::nullopt;
  if (!IsInt64(*it)) {
    errors_.Add(field, it->is_number_integer() ? "Nombre hors limites." : "Nombre entier attendu.");
    return std::nullopt;
  }
  return it->get<long long>();
}

std::optional<int> JsonFields::OptionalInt(const std::string& field) {
  auto value = OptionalInt64(field);
  if (!value) return std::nullopt;
  if (*value < -1'000'000'000 || *value > 1'000'000'000) {
    errors_.Add(field, "Nombre hors limites.");
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

std::vector<std::string> JsonFields::RequiredStringArray(const std::string& field) {
  auto it = object_.find(field);
  if (it == object_.end() || it->is_null()) {
    errors_.Add(field, "Ce champ est obligatoire.");
    return {};
  }
  if (!it->is_array()) {
    errors_.Add(field, "Liste de textes attendue.");
    return {};
  }
  std::vector<std::string> out;
  out.reserve(it->size());
  for (const auto& item : *it) {
    if (!item.is_string()) {
      errors_.Add(field, "Liste de textes attendue.");
      return {};
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

domain::Timestamp JsonFields::RequiredInstant(const std::string& field) {
  auto it = object_.find(field);
  if (it == object_.end() || it->is_null()) {
    errors_.Add(field, "Ce champ est obligatoire.");
    return {};
  }
  if (!it->is_string()) {
    errors_.Add(field, "Date et heure ISO 8601 attendues (2027-06-12T18:00:00+02:00).");
    return {};
  }
  auto t = domain::ParseApiInstant(it->get<std::string>());
  if (!t) {
    errors_.Add(field, "Date et heure ISO 8601 avec fuseau attendues (2027-06-12T18:00:00+02:00).");
    return {};
  }
  return *t;
}

bool JsonFields::OptionalBool(const std::string& field, bool fallback) {
  auto it = object_.find(field);
  if (it == object_.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) {
    errors_.Add(field, "true ou false attendu.");
    return fallback;
  }
  return it->get<bool>();
}

long long QueryParams::Int(const char* name, long long fallback, long long min, long long max) {
  if (!req_.has_param(name)) return fallback;
  std::string text = req_.get_param_value(name);
  long long v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v < min || v > max) {
    errors_.Add(name,
                "Entier de " + std::to_string(min) + " à " + std::to_string(max) + " attendu.");
    return fallback;
  }
  return v;
}

long long QueryParams::Id(const char* name) {
  if (!req_.has_param(name) || req_.get_param_value(name).empty()) return 0;
  return Int(name, 0, 1, std::numeric_limits<long long>::max());
}

std::string QueryParams::Instant(const char* name) {
  if (!req_.has_param(name) || req_.get_param_value(name).empty()) return "";
  auto t = domain::ParseApiInstant(req_.get_param_value(name));
  if (!t) {
    errors_.Add(name, "Date et heure ISO 8601 avec fuseau attendues.");
    return "";
  }
  return domain::FormatIsoUtc(*t);
}

std::string QueryParams::Text(const char* name) const { return req_.get_param_value(name); }

bool QueryParams::Flag(const char* name) const { return req_.get_param_value(name) == "true"; }

}  // namespace planify::http
