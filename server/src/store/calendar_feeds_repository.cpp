#include "store/calendar_feeds_repository.hpp"

#include <unordered_map>

namespace planify::store {

namespace {

constexpr const char* kSelect =
    "SELECT f.id, f.organization_id, f.user_id, f.scope, f.statuses, f.crew_user_id, "
    "COALESCE(u.display_name, ''), f.token_sealed, CAST(f.created_at AS TEXT), "
    "CAST(f.last_fetched_at AS TEXT) FROM calendar_feeds f "
    "LEFT JOIN users u ON u.id = f.crew_user_id ";

CalendarFeedRow Read(const soci::row& row) {
  CalendarFeedRow f;
  f.id = GetInt64(row, 0);
  f.organization = OrganizationId{GetInt64(row, 1)};
  f.user = UserId{GetInt64(row, 2)};
  f.scope = row.get<std::string>(3);
  f.statuses = row.get<std::string>(4);
  f.crew_user = RowOptInt(row, 5).value_or(0);
  f.crew_user_name = RowText(row, 6);
  f.token_sealed = row.get<std::string>(7);
  f.created_at = RowTimestamp(row, 8);
  f.last_fetched_at = RowTimestamp(row, 9);
  return f;
}

// The statuses are names the caller validated against domain::ParseMissionStatus.
std::string Quoted(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out += ",";
    out += "'" + name + "'";
  }
  return out;
}

}  // namespace

long long CalendarFeedsRepository::Insert(OrganizationId organization, UserId user,
                                          const std::string& scope, const std::string& statuses,
                                          long long crew_user, const std::string& token_hash,
                                          const std::string& token_sealed, const std::string& now) {
  long long org = organization.value;
  long long uid = user.value;
  soci::indicator crew_ind = crew_user == 0 ? soci::i_null : soci::i_ok;
  long long id = 0;
  *lease_ << "INSERT INTO calendar_feeds (organization_id, user_id, scope, statuses, "
             "crew_user_id, token_hash, token_sealed, created_at) VALUES (:org, :user, :scope, "
             ":statuses, :crew, :hash, :sealed, :now) RETURNING id",
      soci::use(org, "org"), soci::use(uid, "user"), soci::use(scope, "scope"),
      soci::use(statuses, "statuses"), soci::use(crew_user, crew_ind, "crew"),
      soci::use(token_hash, "hash"), soci::use(token_sealed, "sealed"), soci::use(now, "now"),
      soci::into(id);
  return id;
}

std::vector<CalendarFeedRow> CalendarFeedsRepository::ListLive(OrganizationId organization,
                                                               UserId user) {
  long long org = organization.value;
  long long uid = user.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string(kSelect) +
                              "WHERE f.organization_id = :org AND f.user_id = :user AND "
                              "f.revoked_at IS NULL ORDER BY f.id",
       soci::use(org, "org"), soci::use(uid, "user"));
  std::vector<CalendarFeedRow> out;
  for (const auto& row : rows) out.push_back(Read(row));
  return out;
}

std::optional<CalendarFeedRow> CalendarFeedsRepository::FindLive(OrganizationId organization,
                                                                 UserId user, long long id) {
  long long org = organization.value;
  long long uid = user.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string(kSelect) +
                              "WHERE f.id = :id AND f.organization_id = :org AND f.user_id = "
                              ":user AND f.revoked_at IS NULL",
       soci::use(id, "id"), soci::use(org, "org"), soci::use(uid, "user"));
  for (const auto& row : rows) return Read(row);
  return std::nullopt;
}

std::optional<CalendarFeedRow> CalendarFeedsRepository::FindLiveByHash(
    const std::string& token_hash) {
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string(kSelect) +
                              "WHERE f.token_hash = :hash AND f.revoked_at IS NULL",
       soci::use(token_hash, "hash"));
  for (const auto& row : rows) return Read(row);
  return std::nullopt;
}

bool CalendarFeedsRepository::Revoke(OrganizationId organization, UserId user, long long id,
                                     const std::string& now) {
  long long org = organization.value;
  long long uid = user.value;
  soci::statement st =
      (lease_->prepare << "UPDATE calendar_feeds SET revoked_at = :now WHERE id = :id AND "
                          "organization_id = :org AND user_id = :user AND revoked_at IS NULL",
       soci::use(now, "now"), soci::use(id, "id"), soci::use(org, "org"), soci::use(uid, "user"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

void CalendarFeedsRepository::Touch(long long id, const std::string& now) {
  *lease_ << "UPDATE calendar_feeds SET last_fetched_at = :now WHERE id = :id",
      soci::use(now, "now"), soci::use(id, "id");
}

std::vector<FeedMission> CalendarFeedsRepository::Missions(OrganizationId organization,
                                                           const FeedFilter& f) {
  long long org = organization.value;
  long long crew_member = f.crew_member;
  std::string after = f.ends_after;
  std::string since = f.canceled_since;
  // Canceled missions stay for a while whatever the filter, so subscribers remove them.
  const std::string kept = f.statuses.empty() ? "m.status NOT IN ('draft', 'canceled')"
                                              : "m.status IN (" + Quoted(f.statuses) + ")";
  const std::string where =
      " WHERE m.organization_id = :org AND m.ends_at > :after AND (" + kept +
      " OR (m.status = 'canceled' AND m.canceled_at >= :since)) AND (:crew = 0 OR EXISTS "
      "(SELECT 1 FROM mission_crew x WHERE x.mission_id = m.id AND x.organization_id = :org2 "
      "AND x.user_id = :crew2))";
  std::vector<FeedMission> out;
  std::unordered_map<long long, std::size_t> index;
  {
    soci::rowset<soci::row> rows =
        (lease_->prepare << "SELECT m.id, m.title, m.status, CAST(m.starts_at AS TEXT), "
                            "CAST(m.ends_at AS TEXT), CAST(m.updated_at AS TEXT), "
                            "m.ical_sequence, m.description, m.event_type, m.address, "
                            "COALESCE(v.name, ''), COALESCE(v.line1, ''), "
                            "COALESCE(v.postal_code, ''), COALESCE(v.city, ''), "
                            "COALESCE(c.name, '') FROM missions m LEFT JOIN venues v ON v.id = "
                            "m.venue_id LEFT JOIN clients c ON c.id = m.client_id" +
                                where + " ORDER BY m.starts_at, m.id",
         soci::use(org, "org"), soci::use(after, "after"), soci::use(since, "since"),
         soci::use(crew_member, "crew"), soci::use(org, "org2"), soci::use(crew_member, "crew2"));
    for (const auto& row : rows) {
      FeedMission m;
      m.id = GetInt64(row, 0);
      m.title = row.get<std::string>(1);
      m.status = row.get<std::string>(2);
      m.starts_at = RowTimestamp(row, 3);
      m.ends_at = RowTimestamp(row, 4);
      m.updated_at = RowTimestamp(row, 5);
      m.sequence = static_cast<int>(GetInt64(row, 6));
      m.description = row.get<std::string>(7);
      m.event_type = row.get<std::string>(8);
      m.address = row.get<std::string>(9);
      m.venue_name = row.get<std::string>(10);
      m.venue_line1 = row.get<std::string>(11);
      m.venue_postal_code = row.get<std::string>(12);
      m.venue_city = row.get<std::string>(13);
      m.client_name = row.get<std::string>(14);
      index.emplace(m.id, out.size());
      out.push_back(std::move(m));
    }
  }
  if (out.empty()) return out;
  soci::rowset<soci::row> crew =
      (lease_->prepare << "SELECT k.mission_id, COALESCE(u.display_name, p.display_name, ''), "
                          "k.position, k.is_lead FROM missions m JOIN mission_crew k ON "
                          "k.mission_id = m.id AND k.organization_id = m.organization_id LEFT "
                          "JOIN users u ON u.id = k.user_id LEFT JOIN crew_profiles p ON p.id = "
                          "k.crew_profile_id" +
                              where + " ORDER BY k.mission_id, k.is_lead DESC, k.id",
       soci::use(org, "org"), soci::use(after, "after"), soci::use(since, "since"),
       soci::use(crew_member, "crew"), soci::use(org, "org2"), soci::use(crew_member, "crew2"));
  for (const auto& row : crew) {
    auto at = index.find(GetInt64(row, 0));
    if (at == index.end()) continue;
    out[at->second].crew.push_back(
        {row.get<std::string>(1), row.get<std::string>(2), GetInt64(row, 3) != 0});
  }
  return out;
}

}  // namespace planify::store
