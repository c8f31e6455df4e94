#pragma once

#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "store/categories_repository.hpp"
#include "store/planning_repository.hpp"

namespace planify::app {

// Venues, storage sites, the equipment catalogue, crew unavailability and the organisation's
// planning buffers. Another organisation's ids are NOT_FOUND.
class ResourcesService {
 public:
  ResourcesService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  [[nodiscard]] Result<store::PlaceRow> CreatePlace(const Principal& actor, store::PlaceKind kind,
                                                    domain::PlaceInput input);
  [[nodiscard]] Result<store::PlaceRow> UpdatePlace(const Principal& actor, store::PlaceKind kind,
                                                    long long id, domain::PlaceInput input);
  [[nodiscard]] Result<store::PlaceRow> GetPlace(const Principal& actor, store::PlaceKind kind,
                                                 long long id);
  [[nodiscard]] Result<store::Page<store::PlaceRow>> ListPlaces(const Principal& actor,
                                                                store::PlaceKind kind,
                                                                const std::string& query,
                                                                bool include_archived,
                                                                long long limit, long long offset);
  [[nodiscard]] Result<void> ArchivePlace(const Principal& actor, store::PlaceKind kind,
                                          long long id, bool archived);

  [[nodiscard]] Result<store::EquipmentRow> CreateEquipment(const Principal& actor,
                                                            const RequestMeta& meta,
                                                            domain::EquipmentInput input);
  [[nodiscard]] Result<store::EquipmentRow> UpdateEquipment(const Principal& actor,
                                                            const RequestMeta& meta, long long id,
                                                            domain::EquipmentInput input);
  [[nodiscard]] Result<store::EquipmentRow> GetEquipment(const Principal& actor, long long id);
  // VALIDATION for a state other than available, maintenance, out or retired.
  [[nodiscard]] Result<store::Page<store::EquipmentRow>> ListEquipment(
      const Principal& actor, const std::string& query, const std::string& category,
      bool include_retired, long long limit, long long offset,
      const store::EquipmentFilter& filter = {});
  [[nodiscard]] Result<std::vector<std::string>> EquipmentCategories(const Principal& actor);

  // The managed list of categories: a name is used once (409); a rename renames it on its
  // items; a category still holding items cannot be deleted (409).
  [[nodiscard]] Result<std::vector<store::CategoryRow>> Categories(const Principal& actor);
  [[nodiscard]] Result<store::CategoryRow> CreateCategory(const Principal& actor,
                                                          const RequestMeta& meta,
                                                          const std::string& name, int position);
  [[nodiscard]] Result<store::CategoryRow> UpdateCategory(const Principal& actor,
                                                          const RequestMeta& meta, long long id,
                                                          const std::string& name, int position);
  [[nodiscard]] Result<void> DeleteCategory(const Principal& actor, const RequestMeta& meta,
                                            long long id);

  // Planners declare anyone's days off; crew declare and remove their own only.
  [[nodiscard]] Result<store::UnavailabilityRow> AddUnavailability(
      const Principal& actor, const RequestMeta& meta, domain::UnavailabilityInput input);
  [[nodiscard]] Result<void> RemoveUnavailability(const Principal& actor, const RequestMeta& meta,
                                                  long long id);
  // Crew see their own periods only.
  [[nodiscard]] Result<std::vector<store::UnavailabilityRow>> Unavailability(
      const Principal& actor, const std::string& from, const std::string& to, long long user);

  [[nodiscard]] Result<store::PlanningSettings> Settings(const Principal& actor);
  // Travel 0–1,440 min, prep and return 0–10,080 min (a week).
  [[nodiscard]] Result<store::PlanningSettings> UpdateSettings(
      const Principal& actor, const RequestMeta& meta, const domain::ConflictPolicy& policy);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace planify::app
