#pragma once

#include <string>

#include "main/config.hpp"

namespace planify {

// Routes spdlog's default logger to stderr in text or JSON lines; each line carries the
// request id of the request being served, if any.
void SetupLogging(LogFormat format, const std::string& level);

}  // namespace planify
