#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "domain/time.hpp"
#include "domain/validation.hpp"

namespace planify::http {

// The request body as a JSON object. UNSUPPORTED_MEDIA when the Content-Type is not JSON,
// BAD_REQUEST when the body is not valid JSON or not an object.
[[nodiscard]] Result<nlohmann::json> ParseJsonObject(const httplib::Request& req);

// Reads typed fields from a JSON object, recording one field error per missing or
// wrong-typed field so the client learns every problem at once.
class JsonFields {
 public:
  explicit JsonFields(const nlohmann::json& object) : object_(object) {}

  // Missing or null -> "required"; not a string -> "must be text".
  [[nodiscard]] std::string RequiredString(const std::string& field);
  [[nodiscard]] std::optional<std::string> OptionalString(const std::string& field);
  // An integer, absent or null -> nullopt; anything else records an error.
  [[nodiscard]] std::optional<long long> OptionalInt64(const std::string& field);
  [[nodiscard]] std::optional<int> OptionalInt(const std::string& field);
  // An array of strings (missing -> "required").
  [[nodiscard]] std::vector<std::string> RequiredStringArray(const std::string& field);
  // An instant ("2027-06-12T16:00:00Z", "2027-06-12T18:00+02:00"): required, with an offset.
  [[nodiscard]] domain::Timestamp RequiredInstant(const std::string& field);
  [[nodiscard]] bool OptionalBool(const std::string& field, bool fallback);
  // Records a rule-level problem found by the caller.
  void AddError(const std::string& field, const std::string& message) {
    errors_.Add(field, message);
  }
  // A positive integer id; 0 (with a field error) when missing or not one.
  [[nodiscard]] long long RequiredId(const std::string& field);

  [[nodiscard]] bool ok() const { return errors_.empty(); }
  [[nodiscard]] Error ToError() const { return errors_.ToError(); }

 private:
  const nlohmann::json& object_;
  domain::FieldErrors errors_;
};

// Query-string parameters, each problem recorded as a field error.
class QueryParams {
 public:
  explicit QueryParams(const httplib::Request& req) : req_(req) {}
  // An integer in [min, max]; `fallback` when absent.
  [[nodiscard]] long long Int(const char* name, long long fallback, long long min, long long max);
  // A positive id; 0 when absent.
  [[nodiscard]] long long Id(const char* name);
  // An instant in ISO 8601 with an offset; "" when absent, else the canonical UTC form.
  [[nodiscard]] std::string Instant(const char* name);
  [[nodiscard]] std::string Text(const char* name) const;
  [[nodiscard]] bool Flag(const char* name) const;
  void AddError(const std::string& field, const std::string& message) {
    errors_.Add(field, message);
  }
  [[nodiscard]] bool ok() const { return errors_.empty(); }
  [[nodiscard]] Error ToError() const { return errors_.ToError(); }

 private:
  const httplib::Request& req_;
  domain::FieldErrors errors_;
};

}  // namespace planify::http
