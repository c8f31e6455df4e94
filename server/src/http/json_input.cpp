#include "http/json_input.hpp"

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
  auto parsed = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return Fail(ErrorCode::kBadRequest, "Le corps de la requête n'est pas du JSON valide.");
  }
  if (!parsed.is_object()) {
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

long long JsonFields::RequiredId(const std::string& field) {
  auto it = object_.find(field);
  if (it == object_.end() || it->is_null()) {
    errors_.Add(field, "Ce champ est obligatoire.");
    return 0;
  }
  if (!it->is_number_integer() || it->get<long long>() <= 0) {
    errors_.Add(field, "Identifiant entier positif attendu.");
    return 0;
  }
  return it->get<long long>();
}

}  // namespace planify::http
