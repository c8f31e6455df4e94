#include "main/secret.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "integrations/crypto/sodium.hpp"

namespace planify {

Result<std::string> EnsureSecretKey(const Config& config) {
  if (config.secret_key) return *config.secret_key;
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) {
    return Fail(ErrorCode::kUnavailable,
                "cannot create PLANIFY_DATA_DIR " + config.data_dir.string() + ": " + ec.message());
  }
  auto path = config.data_dir / "secret.key";
  if (std::filesystem::exists(path, ec)) {
    std::ifstream in(path);
    std::stringstream buf;
    buf << in.rdbuf();
    std::string key = buf.str();
    while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
    if (key.size() < 32) {
      return Fail(ErrorCode::kUnavailable, path.string() +
                                               " holds a key shorter than 32 characters; "
                                               "restore it from a backup or delete it");
    }
    return key;
  }
  std::string key = integrations::RandomHex(32);
  auto tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << key << "\n";
    if (!out) return Fail(ErrorCode::kUnavailable, "cannot write " + tmp.string());
  }
  ::chmod(tmp.c_str(), 0600);
  std::filesystem::rename(tmp, path, ec);
  if (ec)
    return Fail(ErrorCode::kUnavailable, "cannot create " + path.string() + ": " + ec.message());
  return key;
}

}  // namespace planify
