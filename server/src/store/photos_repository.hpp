#pragma once

#include <optional>
#include <string>

#include "domain/ids.hpp"
#include "store/database.hpp"
#include "store/files_repository.hpp"

namespace planify::store {

// Photos of items and of maintenance records (equipment_photos): one per item (`record` empty),
// one per record. Runs on the caller's lease and transaction.
class PhotosRepository {
 public:
  explicit PhotosRepository(Lease& lease) : lease_(lease) {}

  // Replaces the photo.
  void Put(OrganizationId organization, long long item, std::optional<long long> record,
           const std::string& content_type, const std::string& content, const std::string& sha256,
           const std::string& now);
  [[nodiscard]] std::optional<StoredFile> Find(OrganizationId organization, long long item,
                                               std::optional<long long> record);
  // False when there was none.
  bool Remove(OrganizationId organization, long long item, std::optional<long long> record);

 private:
  Lease& lease_;
};

// The address a photo is served at ("" when none): the item's or the record's, versioned by the
// photo's hash so browsers may keep it.
[[nodiscard]] std::string ItemPhotoUrl(long long item, const std::string& sha256);
[[nodiscard]] std::string RecordPhotoUrl(long long record, const std::string& sha256);

}  // namespace planify::store
