#include "http/errors.hpp"

namespace planify::http {

int HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBadRequest:
      return 400;
    case ErrorCode::kValidation:
      return 422;
    case ErrorCode::kUnsupportedMedia:
      return 415;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kGone:
      return 410;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

std::string ErrorBody(const Error& error) {
  std::string body;
  JsonWriter out(body);
  out.BeginObject();
  out.Key("error");
  out.BeginObject();
  out.Field("code", ErrorCodeName(error.code));
  out.Field("message", error.message);
  out.ArrayField("fields", error.fields, [](JsonWriter& w, const FieldError& f) {
    w.BeginObject();
    w.Field("field", f.field);
    w.Field("message", f.message);
    w.EndObject();
  });
  out.EndObject();
  out.EndObject();
  return body;
}

void WriteJsonText(httplib::Response& res, int status, std::string body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.headers.erase("Content-Type");
  res.set_header("Content-Type", "application/json; charset=utf-8");
  res.body = std::move(body);
}

void WriteError(httplib::Response& res, const Error& error) {
  if (error.code == ErrorCode::kRateLimited && error.retry_after_seconds > 0) {
    res.set_header("Retry-After", std::to_string(error.retry_after_seconds));
  }
  WriteJsonText(res, HttpStatus(error.code), ErrorBody(error));
}

}  // namespace planify::http
