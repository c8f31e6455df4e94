#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/conflicts.hpp"
#include "domain/ids.hpp"
#include "domain/missions.hpp"
#include "domain/resources.hpp"
#include "domain/terminology.hpp"
#include "store/database.hpp"

namespace planify::store {

// A venue or a storage site.
struct PlaceRow {
  long long id = 0;
  domain::PlaceInput place;
  bool archived = false;
  std::string created_at;
  std::string updated_at;
};

struct EquipmentRow {
  long long id = 0;
  domain::EquipmentInput item;
  std::string storage_site_name;
  std::string created_at;
  std::string updated_at;
  std::string photo_sha;  // "" when it has no photo
};

struct UnavailabilityRow {
  long long id = 0;
  domain::UnavailabilityInput period;
  std::string user_name;
  std::string created_at;
  std::string source = "manual";  // google: read from the member's connected calendar
};

struct PlanningSettings {
  domain::ConflictPolicy policy;
  std::string time_zone = "Europe/Paris";
  domain::Terms terms;  // the organisation's words
};

// Narrows the equipment list: a depot (its home items and those with units kept there), and a
// state: available, maintenance (in maintenance or with units out of service), out (units out
// with missions now), retired.
struct EquipmentFilter {
  long long site = 0;  // 0: every depot
  std::string state;   // "": every state but retired
};

template <typename Row>
struct Page {
  std::vector<Row> items;
  long long total = 0;
};

enum class PlaceKind { kVenue, kStorageSite };

// Venues and storage sites (same shape, two tables), always within one organisation. Runs on
// the caller's lease and transaction.
class PlacesRepository {
 public:
  PlacesRepository(Lease& lease, PlaceKind kind) : lease_(lease), kind_(kind) {}

  [[nodiscard]] long long Insert(OrganizationId organization, const domain::PlaceInput& place,
                                 const std::string& now);
  bool Update(OrganizationId organization, long long id, const domain::PlaceInput& place,
              const std::string& now);
  [[nodiscard]] std::optional<PlaceRow> Find(OrganizationId organization, long long id);
  // By name; `query` is folded; every word must appear.
  [[nodiscard]] Page<PlaceRow> List(OrganizationId organization, const std::string& query,
                                    bool include_archived, long long limit, long long offset);
  bool SetArchived(OrganizationId organization, long long id, bool archived,
                   const std::string& now);

 private:
  [[nodiscard]] const char* Table() const;
  Lease& lease_;
  PlaceKind kind_;
};

// The equipment catalogue (stock lines).
class EquipmentRepository {
 public:
  explicit EquipmentRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] long long Insert(OrganizationId organization, const domain::EquipmentInput& item,
                                 const std::string& now);
  bool Update(OrganizationId organization, long long id, const domain::EquipmentInput& item,
              const std::string& now);
  [[nodiscard]] std::optional<EquipmentRow> Find(OrganizationId organization, long long id);
  // Recomputes the item's search text (its fields and its units' serial numbers and barcodes).
  void RefreshSearch(OrganizationId organization, long long id);
  [[nodiscard]] Page<EquipmentRow> List(OrganizationId organization, const std::string& query,
                                        const std::string& category, bool include_retired,
                                        long long limit, long long offset,
                                        const EquipmentFilter& filter = {});
  // Stock of these items in this organisation (unknown ids are absent from the result).
  // `available_on` (YYYY-MM-DD, "" for now): units at the repairer expected back by that day
  // count as lendable.
  [[nodiscard]] std::vector<domain::EquipmentStock> Stock(OrganizationId organization,
                                                          const std::vector<long long>& items,
                                                          const std::string& available_on = "");
  [[nodiscard]] std::vector<std::string> Categories(OrganizationId organization);
  // The item holding this barcode in the organisation, if any.
  [[nodiscard]] std::optional<EquipmentRow> FindByBarcode(OrganizationId organization,
                                                          const std::string& barcode);

 private:
  Lease& lease_;
};

// Crew holidays and days off, custom mission fields, the organisation's planning settings and
// the people who can be assigned.
class PlanningRepository {
 public:
  explicit PlanningRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] long long InsertUnavailability(OrganizationId organization,
                                               const domain::UnavailabilityInput& period,
                                               UserId created_by, const std::string& now);
  // The period, when it exists in this organisation.
  [[nodiscard]] std::optional<UnavailabilityRow> FindUnavailability(OrganizationId organization,
                                                                    long long id);
  bool DeleteUnavailability(OrganizationId organization, long long id);
  // Periods overlapping [from, to), of one user or (0) everyone.
  [[nodiscard]] std::vector<UnavailabilityRow> Unavailability(OrganizationId organization,
                                                              const std::string& from,
                                                              const std::string& to,
                                                              long long user);

  [[nodiscard]] std::vector<domain::CustomFieldDefinition> FieldDefinitions(
      OrganizationId organization);
  void ReplaceFieldDefinitions(OrganizationId organization,
                               const std::vector<domain::CustomFieldDefinition>& definitions,
                               const std::string& now);

  [[nodiscard]] PlanningSettings Settings(OrganizationId organization);
  void UpdateBuffers(OrganizationId organization, const domain::ConflictPolicy& policy,
                     const std::string& now);

  // Display names of these users, when they are members of the organisation.
  [[nodiscard]] std::map<long long, std::string> MemberNames(OrganizationId organization,
                                                             const std::vector<long long>& users);

 private:
  Lease& lease_;
};

// "1,2,3" for an IN list of ids read from the database or validated as integers.
[[nodiscard]] std::string IdList(const std::vector<long long>& ids);

}  // namespace planify::store
