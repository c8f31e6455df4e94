#pragma once

#include <optional>
#include <string>

#include "app/auth/auth_service.hpp"
#include "store/files_repository.hpp"

namespace planify::app {

struct Images {
  std::string avatar_url;  // "" when none
  std::string logo_url;
};

// Organisation logos and profile photos (PNG, JPEG or WebP, 1 MiB at most; the type is read
// from the bytes, not from the client's word). Replacing or removing one deletes the old file.
class FilesService {
 public:
  FilesService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The path a file is served at: "/api/v1/files/<id>/<sha256>".
  [[nodiscard]] static std::string Path(long long id, const std::string& sha256);

  // VALIDATION when the bytes are not a supported image or are too large. Returns the new path.
  [[nodiscard]] Result<std::string> SetLogo(const Principal& actor, const std::string& bytes,
                                            const RequestMeta& meta);
  [[nodiscard]] Result<void> RemoveLogo(const Principal& actor, const RequestMeta& meta);
  [[nodiscard]] Result<std::string> SetAvatar(const Principal& principal, const std::string& bytes);
  [[nodiscard]] Result<void> RemoveAvatar(const Principal& principal);
  // NOT_FOUND unless both the id and the hash match.
  [[nodiscard]] Result<store::StoredFile> Get(long long id, const std::string& sha256);
  // The caller's photo and organisation logo, for the session description.
  [[nodiscard]] Images ImagesOf(const Principal& principal);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace planify::app
