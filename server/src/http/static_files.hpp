#pragma once

#include <httplib.h>

#include <filesystem>
#include <string>

namespace planify::http {

// Serves the built web app: files under `root`, "/assets/*" (content-hashed by Vite) cached
// for a year as immutable, everything else revalidated; paths without an extension fall back
// to index.html so client-side routes survive a reload — except the public pages (booking form,
// its embeddable version, the rating page, the client space), which fall back to public.html,
// their own small bundle, when the build has one. Never leaves `root`.
class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  // Writes the response; false when nothing matched (the caller answers 404).
  bool Serve(const httplib::Request& req, httplib::Response& res) const;
  [[nodiscard]] bool available() const;

 private:
  std::filesystem::path root_;
};

[[nodiscard]] std::string MimeType(const std::filesystem::path& file);

// The organisation slug of an embeddable booking form's path ("/reserver/<slug>/embed");
// "" for any other path.
[[nodiscard]] std::string EmbeddedBookingSlug(const std::string& path);

}  // namespace planify::http
