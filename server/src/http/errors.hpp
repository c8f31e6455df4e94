#pragma once

#include <httplib.h>

#include <string>
#include <utility>

#include "domain/error.hpp"
#include "http/json_writer.hpp"

namespace planify::http {

// The one table from error codes to HTTP statuses.
[[nodiscard]] int HttpStatus(ErrorCode code);

// {"error":{"code":"VALIDATION","message":"…","fields":[{"field":"email","message":"…"}]}}
// as JSON text (also sent outside the router, by connections.cpp).
[[nodiscard]] std::string ErrorBody(const Error& error);

// Sends JSON text already written, with the headers every JSON answer carries.
void WriteJsonText(httplib::Response& res, int status, std::string body);
// The one way responses are written: `write(JsonWriter&)` writes the body straight into
// the response's buffer (no document is built).
template <class Write>
void WriteJsonWith(httplib::Response& res, int status, Write&& write) {
  std::string body;
  JsonWriter writer(body);
  std::forward<Write>(write)(writer);
  WriteJsonText(res, status, std::move(body));
}
void WriteError(httplib::Response& res, const Error& error);

}  // namespace planify::http
