#pragma once

#include <string>

namespace planify {

// The request id of the request this thread is serving ("" outside requests), so every log
// line written while serving it carries the id.
inline thread_local std::string t_request_id;  // NOLINT(readability-identifier-naming)

}  // namespace planify
