#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace planify {

// Every failure a user or a provider can cause. The HTTP layer maps each to one status
// (http/errors.cpp); use cases never speak HTTP.
enum class ErrorCode {
  kBadRequest,        // malformed input (unparsable JSON, bad encoding)
  kValidation,        // well-formed input that breaks a rule; carries field errors
  kUnsupportedMedia,  // body in a content type the endpoint does not accept
  kPayloadTooLarge,   // body over the configured limit
  kUnauthenticated,   // no valid session
  kForbidden,         // valid session, role lacks the right
  kNotFound,          // absent, or belongs to another organisation
  kMethodNotAllowed,  // route exists, method does not
  kConflict,          // state forbids the action (already done, duplicate)
  kGone,              // a link that existed but expired or was revoked
  kRateLimited,       // too many attempts; Error::retry_after_seconds says when to retry
  kUnavailable,       // dependency down (database, provider)
  kInternal,          // a bug; details are logged, not returned
};

struct FieldError {
  std::string field;
  std::string message;
  friend bool operator==(const FieldError&, const FieldError&) = default;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::vector<FieldError> fields;
  int retry_after_seconds = 0;  // kRateLimited only
};

// Stable machine-readable name of a code, e.g. "VALIDATION"; part of the API contract.
[[nodiscard]] std::string_view ErrorCodeName(ErrorCode code);

[[nodiscard]] inline Error MakeError(ErrorCode code, std::string message,
                                     std::vector<FieldError> fields = {}) {
  return Error{code, std::move(message), std::move(fields), 0};
}

}  // namespace planify
