#include "store/photos_repository.hpp"

#include "store/emails_repository.hpp"
#include "store/sql_params.hpp"

namespace planify::store {

namespace {

// `record` bound as :record, or the item's own photo.
std::string Which(SqlParams& p, std::optional<long long> record) {
  if (!record) return " AND maintenance_record_id IS NULL";
  p.Int("record", *record);
  return " AND maintenance_record_id = :record";
}

std::string Versioned(const std::string& base, const std::string& sha256) {
  if (sha256.empty()) return "";
  return base + "?v=" + sha256.substr(0, 16);
}

}  // namespace

void PhotosRepository::Put(OrganizationId organization, long long item,
                           std::optional<long long> record, const std::string& content_type,
                           const std::string& content, const std::string& sha256,
                           const std::string& now) {
  (void)Remove(organization, item, record);
  SqlParams p;
  p.Int("org", organization.value)
      .Int("item", item)
      .IntOrNull("record", record)
      .Text("type", content_type)
      .Int("size", static_cast<long long>(content.size()))
      .Text("sha", sha256)
      .Text("data", Base64Encode(content))
      .Text("now", now);
  p.Execute(lease_,
            "INSERT INTO equipment_photos (organization_id, equipment_item_id, "
            "maintenance_record_id, content_type, size_bytes, sha256, content_base64, created_at) "
            "VALUES (:org, :item, :record, :type, :size, :sha, :data, :now)");
}

std::optional<StoredFile> PhotosRepository::Find(OrganizationId organization, long long item,
                                                 std::optional<long long> record) {
  std::optional<StoredFile> out;
  SqlParams p;
  p.Int("org", organization.value).Int("item", item);
  const std::string which = Which(p, record);
  p.ForEachRow(lease_,
               "SELECT id, content_type, sha256, content_base64 FROM equipment_photos WHERE "
               "organization_id = :org AND equipment_item_id = :item" +
                   which,
               [&](const soci::row& row) {
                 auto bytes = Base64Decode(row.get<std::string>(3));
                 if (!bytes) return;
                 out = StoredFile{GetInt64(row, 0), row.get<std::string>(1),
                                  row.get<std::string>(2), std::move(*bytes)};
               });
  return out;
}

bool PhotosRepository::Remove(OrganizationId organization, long long item,
                              std::optional<long long> record) {
  if (!Find(organization, item, record)) return false;
  SqlParams p;
  p.Int("org", organization.value).Int("item", item);
  const std::string which = Which(p, record);
  p.Execute(lease_,
            "DELETE FROM equipment_photos WHERE organization_id = :org AND equipment_item_id = "
            ":item" +
                which);
  return true;
}

std::string ItemPhotoUrl(long long item, const std::string& sha256) {
  return Versioned("/api/v1/equipment/" + std::to_string(item) + "/photo", sha256);
}

std::string RecordPhotoUrl(long long record, const std::string& sha256) {
  return Versioned("/api/v1/maintenance/" + std::to_string(record) + "/photo", sha256);
}

}  // namespace planify::store
