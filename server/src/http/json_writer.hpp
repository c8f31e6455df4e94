#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace planify::http {

// Writes JSON text straight into a string, without building a document first: the one way
// responses are written (docs/architecture.md, "Responses"). Keys keep the order they are
// written in. Strings are escaped as nlohmann::json::dump does with error_handler_t::replace:
// '"', '\\' and control characters escaped, invalid UTF-8 replaced by U+FFFD, nothing else
// touched. The caller pairs Begin/End calls; Key is followed by exactly one value.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

  void Key(std::string_view key);

  void String(std::string_view value);
  void Int(long long value);
  void Bool(bool value);
  void Null();
  // An instant in its one textual form, "2026-11-25T14:36:33.123Z".
  void Instant(domain::Timestamp value);
  // A value held as a document (free-form fields a user defined, provider payloads).
  void Value(const nlohmann::json& value);

  // Key and value in one call.
  void Field(std::string_view key, std::string_view value) { Key(key), String(value); }
  void Field(std::string_view key, const char* value) { Key(key), String(value); }
  void Field(std::string_view key, const std::string& value) { Key(key), String(value); }
  void Field(std::string_view key, long long value) { Key(key), Int(value); }
  void Field(std::string_view key, int value) { Key(key), Int(value); }
  void Field(std::string_view key, bool value) { Key(key), Bool(value); }
  void Field(std::string_view key, const std::optional<long long>& value);
  void Field(std::string_view key, const std::optional<std::string>& value);
  void Field(std::string_view key, const nlohmann::json& value) { Key(key), Value(value); }
  void NullField(std::string_view key) { Key(key), Null(); }
  // Text that may be absent, stored as "": null in the API.
  void TextOrNull(std::string_view key, std::string_view text) {
    if (text.empty()) return NullField(key);
    Field(key, text);
  }
  void InstantField(std::string_view key, domain::Timestamp value) { Key(key), Instant(value); }
  // "key":[…], `write(writer, row)` writing each row.
  template <class Rows, class Write>
  void ArrayField(std::string_view key, const Rows& rows, Write&& write) {
    Key(key);
    BeginArray();
    for (const auto& row : rows) write(*this, row);
    EndArray();
  }

 private:
  void Separate() {
    if (comma_) out_.push_back(',');
  }
  void Open(char bracket) {
    Separate();
    out_.push_back(bracket);
    comma_ = false;
  }
  void Close(char bracket) {
    out_.push_back(bracket);
    comma_ = true;
  }
  void Escaped(std::string_view text);

  std::string& out_;
  bool comma_ = false;  // the next key or value follows another one
};

}  // namespace planify::http
