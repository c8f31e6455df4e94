#include "http/json_writer.hpp"

#include <charconv>

namespace planify::http {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The bytes a well-formed UTF-8 sequence starting with `lead` needs after it, and the range the
// first of them must fall in (Unicode 15, table 3-7); 0 continuation bytes for an invalid lead.
struct Sequence {
  int continuation;
  unsigned char low;
  unsigned char high;
};

Sequence SequenceFor(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return {1, 0x80, 0xBF};
  if (lead == 0xE0) return {2, 0xA0, 0xBF};
  if (lead == 0xED) return {2, 0x80, 0x9F};
  if (lead >= 0xE1 && lead <= 0xEF) return {2, 0x80, 0xBF};
  if (lead == 0xF0) return {3, 0x90, 0xBF};
  if (lead >= 0xF1 && lead <= 0xF3) return {3, 0x80, 0xBF};
  if (lead == 0xF4) return {3, 0x80, 0x8F};
  return {0, 0, 0};
}

}  // namespace

void JsonWriter::Key(std::string_view key) {
  Separate();
  Escaped(key);
  out_.push_back(':');
  comma_ = false;
}

void JsonWriter::String(std::string_view value) {
  Separate();
  Escaped(value);
  comma_ = true;
}

void JsonWriter::Int(long long value) {
  Separate();
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out_.append(digits, end);
  comma_ = true;
}

void JsonWriter::Bool(bool value) {
  Separate();
  out_.append(value ? "true" : "false");
  comma_ = true;
}

void JsonWriter::Null() {
  Separate();
  out_.append("null");
  comma_ = true;
}

void JsonWriter::Instant(domain::Timestamp value) {
  Separate();
  char text[domain::kIsoUtcLength];
  domain::FormatIsoUtc(value, text);
  out_.push_back('"');
  out_.append(text, sizeof text);
  out_.push_back('"');
  comma_ = true;
}

void JsonWriter::Value(const nlohmann::json& value) {
  Separate();
  out_.append(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  comma_ = true;
}

void JsonWriter::Field(std::string_view key, const std::optional<long long>& value) {
  Key(key);
  if (value) {
    Int(*value);
  } else {
    Null();
  }
}

void JsonWriter::Field(std::string_view key, const std::optional<std::string>& value) {
  Key(key);
  if (value) {
    String(*value);
  } else {
    Null();
  }
}

void JsonWriter::Escaped(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out_.push_back('"');
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t plain = 0;  // start of the run of bytes copied as they are
  std::size_t i = 0;
  while (i < size) {
    unsigned char c = bytes[i];
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      Sequence seq = SequenceFor(c);
      std::size_t j = i + 1;
      int seen = 0;
      for (; seen < seq.continuation; ++seen, ++j) {
        unsigned char low = seen == 0 ? seq.low : 0x80;
        unsigned char high = seen == 0 ? seq.high : 0xBF;
        if (j >= size || bytes[j] < low || bytes[j] > high) break;
      }
      if (seq.continuation > 0 && seen == seq.continuation) {
        i = j;
        continue;
      }
      // The invalid prefix becomes one U+FFFD and the byte that broke the sequence is read
      // again as the start of the next one; an invalid lead byte is replaced alone.
      out_.append(text.data() + plain, i - plain);
      out_.append(kReplacement);
      i = seq.continuation == 0 ? i + 1 : j;
      plain = i;
      continue;
    }
    out_.append(text.data() + plain, i - plain);
    switch (c) {
      case '"':
        out_.append("\\\"");
        break;
      case '\\':
        out_.append("\\\\");
        break;
      case '\b':
        out_.append("\\b");
        break;
      case '\f':
        out_.append("\\f");
        break;
      case '\n':
        out_.append("\\n");
        break;
      case '\r':
        out_.append("\\r");
        break;
      case '\t':
        out_.append("\\t");
        break;
      default: {
        const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out_.append(escape, sizeof escape);
      }
    }
    ++i;
    plain = i;
  }
  out_.append(text.data() + plain, size - plain);
  out_.push_back('"');
}

}  // namespace planify::http
