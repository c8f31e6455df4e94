#include "http/static_files.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

namespace planify::http {

namespace {

bool ReadFile(const std::filesystem::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  *out = buf.str();
  return true;
}

bool HasExtension(std::string_view path) {
  auto slash = path.rfind('/');
  auto last = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
  return last.find('.') != std::string_view::npos;
}

}  // namespace

std::string MimeType(const std::filesystem::path& file) {
  auto ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".webmanifest") return "application/manifest+json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".webp") return "image/webp";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".pdf") return "application/pdf";
  return "application/octet-stream";
}

StaticFiles::StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

bool StaticFiles::available() const {
  std::error_code ec;
  return std::filesystem::is_regular_file(root_ / "index.html", ec);
}

bool StaticFiles::Serve(const httplib::Request& req, httplib::Response& res) const {
  const std::string& path = req.path;
  if (path.empty() || path[0] != '/' || path.find('\0') != std::string::npos) return false;
  // Refuse any dot-segment: the resolved file must stay under root_.
  for (std::size_t i = 0; i < path.size();) {
    auto next = path.find('/', i + 1);
    auto seg = path.substr(i + 1, (next == std::string::npos ? path.size() : next) - i - 1);
    if (seg == ".." || seg == "." || seg.find('\\') != std::string::npos) return false;
    if (next == std::string::npos) break;
    i = next;
  }
  std::error_code ec;
  std::filesystem::path file = root_ / path.substr(1);
  if (path == "/" || std::filesystem::is_directory(file, ec)) file = root_ / "index.html";

  std::string body;
  bool fallback = false;
  if (!std::filesystem::is_regular_file(file, ec)) {
    if (HasExtension(path)) return false;
    file = root_ / "index.html";
    const bool public_page = path.rfind("/reserver/", 0) == 0 || path.rfind("/noter/", 0) == 0 ||
                             path.rfind("/espace-client/", 0) == 0;
    if (public_page && std::filesystem::is_regular_file(root_ / "public.html", ec)) {
      file = root_ / "public.html";
    }
    fallback = true;
  }
  if (!ReadFile(file, &body)) return false;
  res.status = 200;
  if (!fallback && path.rfind("/assets/", 0) == 0) {
    res.set_header("Cache-Control", "public, max-age=31536000, immutable");
  } else {
    res.set_header("Cache-Control", "no-cache");
  }
  res.set_content(body, MimeType(file));
  return true;
}

std::string EmbeddedBookingSlug(const std::string& path) {
  static constexpr std::string_view kPrefix = "/reserver/";
  if (path.rfind(kPrefix, 0) != 0) return "";
  std::string rest = path.substr(kPrefix.size());
  if (rest.ends_with("/")) rest.pop_back();
  const auto slash = rest.find('/');
  if (slash == std::string::npos || slash == 0 || rest.substr(slash) != "/embed") return "";
  return rest.substr(0, slash);
}

}  // namespace planify::http
