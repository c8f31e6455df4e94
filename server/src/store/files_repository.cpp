#include "store/files_repository.hpp"

#include "store/emails_repository.hpp"

namespace planify::store {

namespace {

std::optional<std::pair<long long, std::string>> FileRef(Lease& lease, const std::string& sql,
                                                         long long key) {
  soci::rowset<soci::row> rows = (lease->prepare << sql, soci::use(key, "key"));
  for (const auto& row : rows) {
    if (row.get_indicator(0) == soci::i_null) return std::nullopt;
    return std::make_pair(GetInt64(row, 0), row.get<std::string>(1));
  }
  return std::nullopt;
}

}  // namespace

long long FilesRepository::Insert(std::optional<OrganizationId> organization,
                                  std::optional<UserId> owner, const std::string& purpose,
                                  const std::string& content_type, const std::string& content,
                                  const std::string& sha256, const std::string& now) {
  long long org = organization ? organization->value : 0;
  soci::indicator org_ind = organization ? soci::i_ok : soci::i_null;
  long long uid = owner ? owner->value : 0;
  soci::indicator uid_ind = owner ? soci::i_ok : soci::i_null;
  long long size = static_cast<long long>(content.size());
  std::string encoded = Base64Encode(content);
  long long id = 0;
  *lease_ << "INSERT INTO files (organization_id, owner_user_id, purpose, content_type, "
             "size_bytes, sha256, content_base64, created_at) VALUES (:org, :user, :purpose, "
             ":type, :size, :sha, :content, :now) RETURNING id",
      soci::use(org, org_ind, "org"), soci::use(uid, uid_ind, "user"),
      soci::use(purpose, "purpose"), soci::use(content_type, "type"), soci::use(size, "size"),
      soci::use(sha256, "sha"), soci::use(encoded, "content"), soci::use(now, "now"),
      soci::into(id);
  return id;
}

std::optional<StoredFile> FilesRepository::Find(long long id, const std::string& sha256) {
  soci::rowset<soci::row> rows =
      (lease_->prepare << "SELECT id, content_type, sha256, content_base64 FROM files WHERE "
                          "id = :id AND sha256 = :sha",
       soci::use(id, "id"), soci::use(sha256, "sha"));
  for (const auto& row : rows) {
    auto bytes = Base64Decode(row.get<std::string>(3));
    if (!bytes) return std::nullopt;
    return StoredFile{GetInt64(row, 0), row.get<std::string>(1), row.get<std::string>(2),
                      std::move(*bytes)};
  }
  return std::nullopt;
}

void FilesRepository::Delete(long long id) {
  *lease_ << "DELETE FROM files WHERE id = :id", soci::use(id, "id");
}

std::optional<std::pair<long long, std::string>> FilesRepository::LogoOf(
    OrganizationId organization) {
  return FileRef(lease_,
                 "SELECT f.id, f.sha256 FROM organizations o JOIN files f ON f.id = "
                 "o.logo_file_id WHERE o.id = :key",
                 organization.value);
}

std::optional<std::pair<long long, std::string>> FilesRepository::AvatarOf(UserId user) {
  return FileRef(lease_,
                 "SELECT f.id, f.sha256 FROM users u JOIN files f ON f.id = u.avatar_file_id "
                 "WHERE u.id = :key",
                 user.value);
}

std::optional<long long> FilesRepository::SetLogo(OrganizationId organization,
                                                  std::optional<long long> file) {
  long long org = organization.value;
  auto previous =
      FileRef(lease_, "SELECT logo_file_id, '' FROM organizations WHERE id = :key", org);
  long long value = file.value_or(0);
  soci::indicator ind = file ? soci::i_ok : soci::i_null;
  *lease_ << "UPDATE organizations SET logo_file_id = :file WHERE id = :id",
      soci::use(value, ind, "file"), soci::use(org, "id");
  return previous ? std::optional<long long>(previous->first) : std::nullopt;
}

std::optional<long long> FilesRepository::SetAvatar(UserId user, std::optional<long long> file) {
  long long uid = user.value;
  auto previous = FileRef(lease_, "SELECT avatar_file_id, '' FROM users WHERE id = :key", uid);
  long long value = file.value_or(0);
  soci::indicator ind = file ? soci::i_ok : soci::i_null;
  *lease_ << "UPDATE users SET avatar_file_id = :file WHERE id = :id",
      soci::use(value, ind, "file"), soci::use(uid, "id");
  return previous ? std::optional<long long>(previous->first) : std::nullopt;
}

}  // namespace planify::store
