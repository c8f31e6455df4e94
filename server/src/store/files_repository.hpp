#pragma once

#include <optional>
#include <string>

#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

struct StoredFile {
  long long id = 0;
  std::string content_type;
  std::string sha256;
  std::string content;  // raw bytes
};

// Logos and profile photos. Runs on the caller's lease and transaction.
class FilesRepository {
 public:
  explicit FilesRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] long long Insert(std::optional<OrganizationId> organization,
                                 std::optional<UserId> owner, const std::string& purpose,
                                 const std::string& content_type, const std::string& content,
                                 const std::string& sha256, const std::string& now);
  // The file when `sha256` matches too (the address is the pair).
  [[nodiscard]] std::optional<StoredFile> Find(long long id, const std::string& sha256);
  void Delete(long long id);

  // The organisation's logo / the user's photo: file id and hash, or nullopt.
  [[nodiscard]] std::optional<std::pair<long long, std::string>> LogoOf(
      OrganizationId organization);
  [[nodiscard]] std::optional<std::pair<long long, std::string>> AvatarOf(UserId user);
  // Points the organisation / user at a new file (nullopt: none) and returns the previous one.
  std::optional<long long> SetLogo(OrganizationId organization, std::optional<long long> file);
  std::optional<long long> SetAvatar(UserId user, std::optional<long long> file);

 private:
  Lease& lease_;
};

}  // namespace planify::store
