#include "app/files/files_service.hpp"

#include <nlohmann/json.hpp>

#include "domain/images.hpp"
#include "store/migrations.hpp"

namespace planify::app {

std::string FilesService::Path(long long id, const std::string& sha256) {
  return "/api/v1/files/" + std::to_string(id) + "/" + sha256;
}

Result<std::string> FilesService::SetLogo(const Principal& actor, const std::string& bytes,
                                          const RequestMeta& meta) {
  auto type = domain::CheckUploadedImage(bytes, "logo");
  if (!type) return Fail(std::move(type).error());
  const std::string sha = store::Sha256Hex(bytes);
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::string> {
    store::FilesRepository files(lease);
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    long long id = files.Insert(actor.organization, std::nullopt, "logo", *type, bytes, sha, now);
    if (auto previous = files.SetLogo(*actor.organization, id)) files.Delete(*previous);
    store::AuthRepository repo(lease);
    Audit(repo, actor, meta, "organization.logo_changed", "file", std::to_string(id),
          nlohmann::json{{"content_type", *type}, {"size", bytes.size()}}.dump(), now);
    tx.Commit();
    return Path(id, sha);
  });
}

Result<void> FilesService::RemoveLogo(const Principal& actor, const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::FilesRepository files(lease);
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    if (auto previous = files.SetLogo(*actor.organization, std::nullopt)) {
      files.Delete(*previous);
      store::AuthRepository repo(lease);
      Audit(repo, actor, meta, "organization.logo_changed", "file", std::to_string(*previous),
            R"({"removed":true})", now);
    }
    tx.Commit();
    return {};
  });
}

Result<std::string> FilesService::SetAvatar(const Principal& principal, const std::string& bytes) {
  auto type = domain::CheckUploadedImage(bytes, "avatar");
  if (!type) return Fail(std::move(type).error());
  const std::string sha = store::Sha256Hex(bytes);
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::string> {
    store::FilesRepository files(lease);
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    long long id = files.Insert(std::nullopt, principal.user, "avatar", *type, bytes, sha, now);
    if (auto previous = files.SetAvatar(principal.user, id)) files.Delete(*previous);
    tx.Commit();
    return Path(id, sha);
  });
}

Result<void> FilesService::RemoveAvatar(const Principal& principal) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::FilesRepository files(lease);
    store::WriteTransaction tx(lease);
    if (auto previous = files.SetAvatar(principal.user, std::nullopt)) files.Delete(*previous);
    tx.Commit();
    return {};
  });
}

Result<store::StoredFile> FilesService::Get(long long id, const std::string& sha256) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::StoredFile> {
    auto file = store::FilesRepository(lease).Find(id, sha256);
    if (!file) return Fail(ErrorCode::kNotFound, "Fichier introuvable.");
    return *file;
  });
}

Images FilesService::ImagesOf(const Principal& principal) {
  auto images = store::WithLease(db_, [&](store::Lease& lease) -> Result<Images> {
    store::FilesRepository files(lease);
    Images out;
    if (auto avatar = files.AvatarOf(principal.user))
      out.avatar_url = Path(avatar->first, avatar->second);
    if (principal.organization) {
      if (auto logo = files.LogoOf(*principal.organization))
        out.logo_url = Path(logo->first, logo->second);
    }
    return out;
  });
  return images ? *images : Images{};
}

}  // namespace planify::app
