#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "domain/error.hpp"

namespace planify::http {

// The one table from error codes to HTTP statuses.
[[nodiscard]] int HttpStatus(ErrorCode code);

// {"error":{"code":"VALIDATION","message":"…","fields":[{"field":"email","message":"…"}]}}
[[nodiscard]] nlohmann::json ErrorBody(const Error& error);

void WriteJson(httplib::Response& res, int status, const nlohmann::json& body);
void WriteError(httplib::Response& res, const Error& error);

}  // namespace planify::http
