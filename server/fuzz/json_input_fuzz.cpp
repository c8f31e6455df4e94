// ParseJsonObject and the JsonFields / QueryParams readers (http/json_input.hpp) on arbitrary
// bytes: every reader on every field the body has (and on one it lacks), every query reader on
// every parameter.
//
// Input: line 1 the Content-Type, line 2 the query string (parsed by httplib as the server
// does), the rest the body.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

#include "http/json_input.hpp"
#include "support/fuzz_text.hpp"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

void ReadEveryField(const nlohmann::json& object) {
  planify::http::JsonFields f(object);
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.push_back(key);
  keys.emplace_back("absent");
  for (const auto& key : keys) {
    (void)f.RequiredString(key);
    (void)f.OptionalString(key);
    auto i64 = f.OptionalInt64(key);
    auto i32 = f.OptionalInt(key);
    Check(!i32 || (*i32 >= -1'000'000'000 && *i32 <= 1'000'000'000));
    Check(!i32 || (i64 && *i64 == *i32));
    (void)f.RequiredStringArray(key);
    (void)f.RequiredInstant(key);
    (void)f.OptionalBool(key, false);
    long long id = f.RequiredId(key);
    Check(id >= 0);
  }
  // "absent" at least was missing: the error lists it.
  Check(!f.ok());
  auto error = f.ToError();
  Check(!error.fields.empty());
}

void ReadEveryParam(const httplib::Request& req) {
  planify::http::QueryParams q(req);
  for (const auto& [name, value] : req.params) {
    long long v = q.Int(name.c_str(), -7, -1000, 1000);
    Check(v == -7 || (v >= -1000 && v <= 1000));
    Check(q.Id(name.c_str()) >= 0);
    std::string instant = q.Instant(name.c_str());
    Check(instant.empty() || instant.back() == 'Z');
    (void)q.Text(name.c_str());
    (void)q.Flag(name.c_str());
  }
  (void)q.Int("absent", 3, 0, 10);
  (void)q.ToError();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto parts = planify::fuzz::SplitFirst(input, '\n', 2);
  httplib::Request req;
  req.method = "POST";
  req.path = "/api/v1/fuzz";
  req.headers.emplace("Content-Type", std::string(parts[0]));
  if (parts.size() > 1) httplib::detail::parse_query_text(std::string(parts[1]), req.params);
  if (parts.size() > 2) req.body = std::string(parts[2]);

  ReadEveryParam(req);
  auto object = planify::http::ParseJsonObject(req);
  if (!object) {
    Check(object.error().code != planify::ErrorCode::kInternal);
    return 0;
  }
  Check(object->is_object());
  ReadEveryField(*object);
  // What the handlers do with a parsed body afterwards: echo parts of it back as JSON.
  (void)object->dump();
  return 0;
}
