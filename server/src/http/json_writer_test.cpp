#include "http/json_writer.hpp"

#include <gtest/gtest.h>

#include <random>

namespace planify::http {
namespace {

std::string Dumped(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Written(std::string_view text) {
  std::string out;
  JsonWriter(out).String(text);
  return out;
}

TEST(JsonWriter, EscapesStringsAsTheDocumentLibraryDoes) {
  const std::vector<std::string> cases = {
      "",
      "Mariage Dupont",
      "quote \" backslash \\ slash /",
      std::string("nul \0 byte", 10),
      "\b\f\n\r\t\x01\x1f\x7f",
      "été à Noël — 20 € ✓ 🎉",
      "\xC3",              // truncated two-byte sequence at the end
      "\xC3(",             // broken two-byte sequence
      "\xE2\x82",          // truncated three-byte sequence
      "\xE2\x82(x",        // broken three-byte sequence
      "\xED\xA0\x80",      // a UTF-16 surrogate
      "\xC0\xAF",          // overlong
      "\xE0\x80\xAF",      // overlong
      "\xF4\x90\x80\x80",  // above U+10FFFF
      "\xF5\x80",          // invalid lead
      "\x80\xBF plain",    // lone continuation bytes
      "\xF0\x9F\x8E",      // truncated four-byte sequence
      "\xF0\x9F\x8E\"",    // four-byte sequence broken by a quote
  };
  for (const auto& text : cases) EXPECT_EQ(Written(text), Dumped(text)) << text;
}

TEST(JsonWriter, EscapesRandomBytesAsTheDocumentLibraryDoes) {
  // Bytes drawn so that valid, broken and truncated sequences of every length are frequent.
  const std::vector<unsigned char> alphabet = {'a',  ' ',  '"',  '\\', 0x00, 0x0A, 0x1F, 0x7F, 0x80,
                                               0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0,
                                               0xE1, 0xED, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF};
  std::mt19937 random(1202);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(0, 12);
  for (int i = 0; i < 100'000; ++i) {
    std::string text;
    for (int n = length(random); n > 0; --n)
      text.push_back(static_cast<char>(alphabet[pick(random)]));
    ASSERT_EQ(Written(text), Dumped(text)) << i;
  }
}

TEST(JsonWriter, WritesNestedValuesWithCommasInPlace) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Field("id", 42LL);
  w.Field("title", "Mariage");
  w.Field("lead", true);
  w.Field("client", std::optional<long long>{});
  w.Field("venue", std::optional<std::string>{"Salle"});
  w.InstantField("starts_at", domain::Timestamp{std::chrono::milliseconds{1'764'599'400'123}});
  w.Key("crew");
  w.BeginArray();
  w.BeginObject();
  w.Field("user_id", 1);
  w.EndObject();
  w.BeginObject();
  w.EndObject();
  w.Int(-9'223'372'036'854'775'807LL - 1);
  w.Null();
  w.BeginArray();
  w.EndArray();
  w.EndArray();
  w.Field("custom_fields", nlohmann::json{{"b", 2}, {"a", "x"}});
  w.ArrayField("ids", std::vector<long long>{3, 4}, [](JsonWriter& row, long long id) {
    row.BeginObject();
    row.Field("id", id);
    row.EndObject();
  });
  w.ArrayField("none", std::vector<int>{}, [](JsonWriter& row, int n) { row.Int(n); });
  w.EndObject();
  EXPECT_EQ(out, R"({"id":42,"title":"Mariage","lead":true,"client":null,"venue":"Salle",)"
                 R"("starts_at":"2025-12-01T14:30:00.123Z","crew":[{"user_id":1},{},)"
                 R"(-9223372036854775808,null,[]],"custom_fields":{"a":"x","b":2},)"
                 R"("ids":[{"id":3},{"id":4}],"none":[]})");
  EXPECT_TRUE(nlohmann::json::accept(out));
}

}  // namespace
}  // namespace planify::http
