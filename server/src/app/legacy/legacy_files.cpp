// The legacy app's files (`--files DIR`, its static/ directory, or that directory as a .zip
// archive): the organisation's logo, the members' photos and the payments' proofs. A path comes
// from the legacy database, which the operator may not trust: only a file inside DIR (or an
// entry of the archive under a safe name) is read, never a link, never more than the size its
// place in Planify takes.

#include <algorithm>
#include <fstream>
#include <system_error>

#include "app/legacy/legacy_importer.hpp"
#include "domain/billing.hpp"
#include "domain/images.hpp"
#include "store/document_files_repository.hpp"
#include "store/files_repository.hpp"
#include "store/migrations.hpp"

namespace planify::app::legacy {

std::optional<std::string> Importer::LegacyFile(const std::string& table, long long id,
                                                const std::string& column, const std::string& value,
                                                std::size_t max_bytes) {
  namespace fs = std::filesystem;
  if (!request_.files_dir && !zip_) {
    Note("info", table, id, column, value,
         "Fichier de l'ancienne application : non repris sans --files (le dossier static/).");
    return std::nullopt;
  }
  // "uploads/profiles/1_ab.png", "logo_ab.png" (a bare name inside static/uploads/), with or
  // without a leading "/static/".
  std::string relative = value;
  while (!relative.empty() && (relative.front() == '/' || relative.front() == '\\')) {
    relative.erase(0, 1);
  }
  if (relative.rfind("static/", 0) == 0) relative.erase(0, 7);
  if (zip_) {
    auto normal = integrations::ZipReader::Normalise(relative);
    if (!normal) {
      Note("warning", table, id, column, value,
           "Chemin de fichier refusé (hors du dossier des fichiers) : non repris.");
      return std::nullopt;
    }
    return ZipFile(table, id, column, value, *normal, max_bytes);
  }
  const fs::path path(relative);
  bool escapes = relative.empty() || relative.find('\0') != std::string::npos ||
                 relative.find('\\') != std::string::npos;
  for (const auto& part : path) escapes = escapes || part == "..";
  if (escapes) {
    Note("warning", table, id, column, value,
         "Chemin de fichier refusé (hors du dossier des fichiers) : non repris.");
    return std::nullopt;
  }
  std::error_code ec;
  const fs::path root = fs::canonical(*request_.files_dir, ec);
  if (ec) {
    Note("warning", table, id, column, request_.files_dir->string(),
         "Dossier des fichiers (--files) illisible : fichier non repris.");
    return std::nullopt;
  }
  for (const fs::path& base : {root, root / "uploads", root / "static", root / "static/uploads"}) {
    const fs::path candidate = fs::canonical(base / path, ec);
    if (ec || !fs::is_regular_file(candidate, ec)) continue;
    // A symbolic link inside the directory may still point out of it.
    const auto inside = std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end());
    if (inside.first != root.end()) {
      Note("warning", table, id, column, value,
           "Fichier hors du dossier des fichiers (lien symbolique) : non repris.");
      return std::nullopt;
    }
    const auto size = fs::file_size(candidate, ec);
    if (ec || size == 0 || size > max_bytes) {
      Note("warning", table, id, column, value,
           "Fichier vide ou trop lourd (" + std::to_string(ec ? 0 : size) + " octets, " +
               std::to_string(max_bytes) + " au plus) : non repris.");
      return std::nullopt;
    }
    std::ifstream in(candidate, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (!in) {
      Note("warning", table, id, column, value, "Fichier illisible : non repris.");
      return std::nullopt;
    }
    return bytes;
  }
  Note("warning", table, id, column, value,
       "Fichier introuvable dans le dossier des fichiers : non repris.");
  return std::nullopt;
}

void Importer::FindZipRoot() {
  if (!zip_) return;
  // Four times the archive: its files once each (images and PDFs hardly compress) and then
  // some; within 32 MiB and 512 MiB.
  zip_budget_ =
      std::clamp<std::size_t>(4 * zip_->size(), std::size_t{32} << 20U, std::size_t{512} << 20U);
  // "static.zip" made by zipping the folder holds "static/…"; one made from inside it holds
  // "uploads/…"; one made of the app's whole folder holds "app/static/…": that "app/" is the
  // root when every entry shares it.
  std::optional<std::string> common;
  for (const auto& entry : zip_->entries()) {
    auto name = integrations::ZipReader::Normalise(entry.name);
    if (!name || name->rfind("__MACOSX", 0) == 0) continue;  // macOS' resource forks
    const auto slash = name->find('/');
    const std::string first = slash == std::string::npos ? "" : name->substr(0, slash);
    if (!entry.directory && first.empty()) return;  // a file at the top: no common folder
    const std::string top = first.empty() ? *name : first;
    if (common && *common != top) return;
    common = top;
  }
  if (common && *common != "static" && *common != "uploads") zip_root_ = *common + "/";
}

std::optional<std::string> Importer::ZipFile(const std::string& table, long long id,
                                             const std::string& column, const std::string& value,
                                             const std::string& relative, std::size_t max_bytes) {
  for (const char* base : {"", "uploads/", "static/", "static/uploads/"}) {
    const auto* entry = zip_->Find(zip_root_ + base + relative);
    if (entry == nullptr || entry->directory) continue;
    if (entry->size > zip_budget_ - std::min(zip_read_, zip_budget_)) {
      Note("warning", table, id, column, value,
           "Archive des fichiers : plus de " + std::to_string(zip_budget_ >> 20U) +
               " Mio déjà lus (des lignes nomment encore et encore les mêmes fichiers) : non "
               "repris.");
      return std::nullopt;
    }
    auto bytes = zip_->Read(*entry, max_bytes);
    if (!bytes) {
      std::string why = bytes.error().message;
      if (!why.empty() && why.back() == '.') why.pop_back();
      Note("warning", table, id, column, value, why + " : non repris.");
      return std::nullopt;
    }
    zip_read_ += bytes->size();
    if (bytes->empty()) {
      Note("warning", table, id, column, value, "Fichier vide dans l'archive : non repris.");
      return std::nullopt;
    }
    return std::move(*bytes);
  }
  Note("warning", table, id, column, value,
       "Fichier introuvable dans l'archive des fichiers : non repris.");
  return std::nullopt;
}

void Importer::ImportLogo(long long id, const std::string& value) {
  auto bytes = LegacyFile("parametres_entreprise", id, "logo_path", value, domain::kMaxImageBytes);
  if (!bytes) return;
  auto type = domain::CheckUploadedImage(*bytes, "logo");
  if (!type) {
    Note("warning", "parametres_entreprise", id, "logo_path", value,
         "Logo refusé (" + type.error().message + ") : à déposer dans les réglages.");
    return;
  }
  store::FilesRepository files(*lease_);
  if (!new_organization_ && files.LogoOf(org_)) {
    Note("info", "parametres_entreprise", id, "logo_path", value,
         "L'organisation a déjà son logo : gardé.");
    return;
  }
  const long long file =
      files.Insert(org_, std::nullopt, "logo", *type, *bytes, store::Sha256Hex(*bytes), now_);
  if (auto previous = files.SetLogo(org_, file)) files.Delete(*previous);
}

void Importer::ImportAvatar(long long id, long long user, bool created, const std::string& value) {
  auto bytes = LegacyFile("users", id, "photo_profil", value, domain::kMaxImageBytes);
  if (!bytes) return;
  auto type = domain::CheckUploadedImage(*bytes, "avatar");
  if (!type) {
    Note("warning", "users", id, "photo_profil", value,
         "Photo refusée (" + type.error().message + ").");
    return;
  }
  store::FilesRepository files(*lease_);
  if (!created && files.AvatarOf(UserId{user})) return;  // an existing account keeps its own
  const long long file = files.Insert(std::nullopt, UserId{user}, "avatar", *type, *bytes,
                                      store::Sha256Hex(*bytes), now_);
  if (auto previous = files.SetAvatar(UserId{user}, file)) files.Delete(*previous);
}

void Importer::ImportProof(long long id, long long payment, const std::string& value) {
  auto bytes = LegacyFile("paiements", id, "justificatif_path", value, domain::kMaxProofBytes);
  if (!bytes) return;
  auto type = domain::SniffProofType(*bytes);
  if (!type) {
    Note("warning", "paiements", id, "justificatif_path", value,
         "Justificatif ni PDF, ni PNG, ni JPEG : non repris.");
    return;
  }
  std::string name = std::filesystem::path(value).filename().string();
  // The legacy app named its copies justif_<hex8>_<the uploaded name>.
  if (name.rfind("justif_", 0) == 0 && name.size() > 16 && name[15] == '_') name.erase(0, 16);
  name = Utf8Prefix(name.empty() ? "justificatif" : name, 200);
  store::DocumentFilesRepository(*lease_).SetPaymentProof(org_, payment, name, *type, *bytes, now_);
}

}  // namespace planify::app::legacy
