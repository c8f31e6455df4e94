#include "main/secret.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
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
  const auto read_existing = [&]() -> Result<std::string> {
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
  };
  if (std::filesystem::exists(path, ec)) return read_existing();
  // First start: written to a file of this process's own, then linked into place, which fails
  // when another process (a second worker starting at the same time) got there first — then
  // its key is the key.
  std::string key = integrations::RandomHex(32);
  auto tmp = path;
  tmp += "." + integrations::RandomHex(8) + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << key << "\n";
    if (!out) return Fail(ErrorCode::kUnavailable, "cannot write " + tmp.string());
  }
  ::chmod(tmp.c_str(), 0600);
  const bool linked = ::link(tmp.c_str(), path.c_str()) == 0;
  const int link_error = errno;
  std::filesystem::remove(tmp, ec);
  if (!linked) {
    if (link_error == EEXIST) return read_existing();
    return Fail(ErrorCode::kUnavailable,
                "cannot create " + path.string() + ": " + std::strerror(link_error));
  }
  return key;
}

}  // namespace planify
