#include "main/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <date/date.h>
#include <nlohmann/json.hpp>

#include "common/log_context.hpp"

namespace planify {

namespace {

class LineFormatter final : public spdlog::formatter {
 public:
  explicit LineFormatter(LogFormat format) : format_(format) {}

  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    auto ts =
        date::format("%FT%TZ", std::chrono::time_point_cast<std::chrono::milliseconds>(msg.time));
    auto level = spdlog::level::to_string_view(msg.level);
    std::string_view text(msg.payload.data(), msg.payload.size());
    std::string line;
    if (format_ == LogFormat::kJson) {
      nlohmann::json j{
          {"ts", ts}, {"level", std::string_view(level.data(), level.size())}, {"msg", text}};
      if (!t_request_id.empty()) j["request_id"] = t_request_id;
      line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else {
      line = ts;
      line += ' ';
      line.append(level.data(), level.size());
      if (!t_request_id.empty()) line += " [" + t_request_id + "]";
      line += ' ';
      line += text;
    }
    line += '\n';
    dest.append(line.data(), line.data() + line.size());
  }

  [[nodiscard]] std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<LineFormatter>(format_);
  }

 private:
  LogFormat format_;
};

}  // namespace

void SetupLogging(LogFormat format, const std::string& level) {
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  sink->set_formatter(std::make_unique<LineFormatter>(format));
  auto logger = std::make_shared<spdlog::logger>("planify", sink);
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(logger);
}

}  // namespace planify
