#include "store/crew_profiles_repository.hpp"

#include "store/planning_repository.hpp"
#include "store/sql_params.hpp"

namespace planify::store {

namespace {

constexpr const char* kColumns =
    "p.id, p.display_name, p.email, p.phone, p.position, p.notes, p.user_id, "
    "COALESCE(u.display_name, ''), CAST(p.linked_at AS TEXT), CAST(p.archived_at AS TEXT), "
    "CAST(p.created_at AS TEXT), CAST(p.updated_at AS TEXT), CAST(p.erased_at AS TEXT)";
constexpr const char* kFrom = " FROM crew_profiles p LEFT JOIN users u ON u.id = p.user_id";

CrewProfileRow Read(const soci::row& row) {
  CrewProfileRow r;
  r.id = GetInt64(row, 0);
  r.profile.display_name = RowText(row, 1);
  r.profile.email = RowText(row, 2);
  r.profile.phone = RowText(row, 3);
  r.profile.position = RowText(row, 4);
  r.profile.notes = RowText(row, 5);
  if (row.get_indicator(6) != soci::i_null) r.user = GetInt64(row, 6);
  r.user_name = RowText(row, 7);
  r.linked_at = RowTimestamp(row, 8);
  r.archived = row.get_indicator(9) != soci::i_null;
  r.created_at = RowTimestamp(row, 10);
  r.updated_at = RowTimestamp(row, 11);
  r.erased = row.get_indicator(12) != soci::i_null;
  return r;
}

SqlParams ProfileParams(const domain::CrewProfileInput& p) {
  SqlParams params;
  params.Text("name", p.display_name)
      .Text("email", p.email)
      .Text("phone", p.phone)
      .Text("position", p.position)
      .Text("notes", p.notes);
  return params;
}

}  // namespace

std::vector<CrewProfileRow> CrewProfilesRepository::List(OrganizationId organization,
                                                         bool include_closed,
                                                         const std::string& now) {
  std::vector<CrewProfileRow> out;
  SqlParams params;
  params.Int("org", organization.value).Text("now", now);
  params.ForEachRow(
      lease_,
      std::string("SELECT ") + kColumns +
          ", (SELECT count(*) FROM mission_crew k JOIN missions m ON m.id = k.mission_id WHERE "
          "k.organization_id = p.organization_id AND k.crew_profile_id = p.id AND m.starts_at >= "
          ":now AND m.status <> 'canceled')" +
          kFrom + " WHERE p.organization_id = :org" +
          (include_closed
               ? ""
               : " AND p.archived_at IS NULL AND p.user_id IS NULL AND p.linked_at IS NULL") +
          " ORDER BY p.display_name, p.id LIMIT 1000",
      [&](const soci::row& row) {
        auto r = Read(row);
        r.upcoming_missions = GetInt64(row, 13);
        out.push_back(std::move(r));
      });
  return out;
}

std::optional<CrewProfileRow> CrewProfilesRepository::Find(OrganizationId organization,
                                                           long long id) {
  std::optional<CrewProfileRow> out;
  SqlParams params;
  params.Int("org", organization.value).Int("id", id);
  params.ForEachRow(
      lease_,
      std::string("SELECT ") + kColumns + kFrom + " WHERE p.organization_id = :org AND p.id = :id",
      [&](const soci::row& row) { out = Read(row); });
  return out;
}

long long CrewProfilesRepository::Insert(OrganizationId organization,
                                         const domain::CrewProfileInput& profile,
                                         const std::string& now) {
  long long id = 0;
  auto params = ProfileParams(profile);
  params.Int("org", organization.value).Text("created", now).Text("updated", now);
  params.Execute(lease_,
                 "INSERT INTO crew_profiles (organization_id, display_name, email, phone, "
                 "position, notes, created_at, updated_at) VALUES (:org, :name, :email, :phone, "
                 ":position, :notes, :created, :updated) RETURNING id",
                 &id);
  return id;
}

bool CrewProfilesRepository::Update(OrganizationId organization, long long id,
                                    const domain::CrewProfileInput& profile,
                                    const std::string& now) {
  if (!Find(organization, id)) return false;
  auto params = ProfileParams(profile);
  params.Int("org", organization.value).Int("id", id).Text("now", now);
  params.Execute(lease_,
                 "UPDATE crew_profiles SET display_name = :name, email = :email, phone = :phone, "
                 "position = :position, notes = :notes, updated_at = :now WHERE id = :id AND "
                 "organization_id = :org");
  return true;
}

bool CrewProfilesRepository::SetArchived(OrganizationId organization, long long id, bool archived,
                                         const std::string& now) {
  if (!Find(organization, id)) return false;
  SqlParams params;
  params.Int("org", organization.value).Int("id", id).Text("now", now);
  params.TextOrNull("archived", archived ? now : "");
  params.Execute(lease_,
                 "UPDATE crew_profiles SET archived_at = :archived, updated_at = :now WHERE id = "
                 ":id AND organization_id = :org");
  return true;
}

bool CrewProfilesRepository::Erase(OrganizationId organization, long long id,
                                   const std::string& now) {
  if (!Find(organization, id)) return false;
  SqlParams params;
  params.Int("org", organization.value).Int("id", id);
  params.Text("now", now).Text("now2", now).Text("now3", now);
  params.Text("name", "Intervenant effacé n° " + std::to_string(id));
  params.Execute(lease_,
                 "UPDATE crew_profiles SET display_name = :name, email = '', phone = '', notes = "
                 "'', archived_at = COALESCE(archived_at, :now), erased_at = :now2, updated_at = "
                 ":now3 WHERE id = :id AND organization_id = :org");
  return true;
}

long long CrewProfilesRepository::Link(OrganizationId organization, long long id, UserId user,
                                       const std::string& now) {
  long long org = organization.value;
  long long member = user.value;
  long long moved = 0;
  *lease_ << "SELECT count(*) FROM mission_crew k WHERE k.organization_id = :org AND "
             "k.crew_profile_id = :id AND NOT EXISTS (SELECT 1 FROM mission_crew o WHERE "
             "o.mission_id = k.mission_id AND o.user_id = :user)",
      soci::use(org, "org"), soci::use(id, "id"), soci::use(member, "user"), soci::into(moved);
  *lease_ << "UPDATE mission_crew SET user_id = :user, crew_profile_id = NULL WHERE "
             "organization_id = :org AND crew_profile_id = :id AND NOT EXISTS (SELECT 1 FROM "
             "mission_crew o WHERE o.mission_id = mission_crew.mission_id AND o.user_id = :user2)",
      soci::use(member, "user"), soci::use(org, "org"), soci::use(id, "id"),
      soci::use(member, "user2");
  // Missions the member was already on keep the member's own line, lead when the profile led.
  *lease_ << "UPDATE mission_crew SET is_lead = 1 WHERE organization_id = :org AND user_id = "
             ":user AND mission_id IN (SELECT mission_id FROM mission_crew WHERE "
             "organization_id = :org2 AND crew_profile_id = :id AND is_lead = 1)",
      soci::use(org, "org"), soci::use(member, "user"), soci::use(org, "org2"), soci::use(id, "id");
  *lease_ << "DELETE FROM mission_crew WHERE organization_id = :org AND crew_profile_id = :id",
      soci::use(org, "org"), soci::use(id, "id");
  *lease_ << "UPDATE crew_profiles SET user_id = :user, linked_at = :now, updated_at = :now2 "
             "WHERE id = :id AND organization_id = :org",
      soci::use(member, "user"), soci::use(now, "now"), soci::use(now, "now2"), soci::use(id, "id"),
      soci::use(org, "org");
  return moved;
}

std::vector<long long> CrewProfilesRepository::OpenWithEmail(OrganizationId organization,
                                                             const std::string& email) {
  std::vector<long long> out;
  if (email.empty()) return out;
  SqlParams params;
  params.Int("org", organization.value).Text("email", email);
  params.ForEachRow(lease_,
                    "SELECT id FROM crew_profiles WHERE organization_id = :org AND email = :email "
                    "AND user_id IS NULL AND linked_at IS NULL AND archived_at IS NULL ORDER BY id",
                    [&](const soci::row& row) { out.push_back(GetInt64(row, 0)); });
  return out;
}

std::map<long long, std::string> CrewProfilesRepository::Names(OrganizationId organization,
                                                               const std::vector<long long>& ids) {
  std::map<long long, std::string> out;
  if (ids.empty()) return out;
  long long org = organization.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << "SELECT id, display_name FROM crew_profiles WHERE organization_id = "
                          ":org AND id IN (" +
                              IdList(ids) + ")",
       soci::use(org, "org"));
  for (const auto& row : rows) out[GetInt64(row, 0)] = RowText(row, 1);
  return out;
}

}  // namespace planify::store
