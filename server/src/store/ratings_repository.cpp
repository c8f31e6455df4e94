#include "store/ratings_repository.hpp"

#include "store/sql_params.hpp"

namespace planify::store {

namespace {

constexpr const char* kColumns =
    "r.id, r.organization_id, r.mission_id, r.client_id, r.email, r.first_name, r.event_type, "
    "CAST(r.requested_at AS TEXT), CAST(r.expires_at AS TEXT), CAST(r.submitted_at AS TEXT), "
    "r.overall, r.comment, r.public_consent, m.title, CAST(m.starts_at AS TEXT)";
constexpr const char* kFrom = " FROM mission_ratings r JOIN missions m ON m.id = r.mission_id";

RatingRow Read(const soci::row& row) {
  RatingRow r;
  r.id = GetInt64(row, 0);
  r.organization = GetInt64(row, 1);
  r.mission_id = GetInt64(row, 2);
  if (row.get_indicator(3) != soci::i_null) r.client_id = GetInt64(row, 3);
  r.email = RowText(row, 4);
  r.first_name = RowText(row, 5);
  r.event_type = RowText(row, 6);
  r.requested_at = RowTimestamp(row, 7);
  r.expires_at = RowTimestamp(row, 8);
  r.submitted_at = RowTimestamp(row, 9);
  if (row.get_indicator(10) != soci::i_null) r.overall = static_cast<int>(GetInt64(row, 10));
  r.comment = RowText(row, 11);
  r.public_consent = GetInt64(row, 12) != 0;
  r.mission_title = RowText(row, 13);
  r.mission_starts_at = RowTimestamp(row, 14);
  return r;
}

}  // namespace

void RatingsRepository::LoadCrew(RatingRow& row) {
  SqlParams p;
  p.Int("org", row.organization);
  p.Int("rating", row.id);
  p.ForEachRow(lease_,
               "SELECT user_id, stars FROM mission_rating_crew WHERE organization_id = :org AND "
               "rating_id = :rating ORDER BY user_id",
               [&](const soci::row& r) {
                 row.crew.push_back({GetInt64(r, 0), static_cast<int>(GetInt64(r, 1))});
               });
}

std::optional<RatingRow> RatingsRepository::ForMission(OrganizationId org, long long mission) {
  std::optional<RatingRow> out;
  SqlParams p;
  p.Int("org", org.value);
  p.Int("mission", mission);
  p.ForEachRow(lease_,
               std::string("SELECT ") + kColumns + kFrom +
                   " WHERE r.organization_id = :org AND r.mission_id = :mission",
               [&](const soci::row& row) { out = Read(row); });
  if (out) LoadCrew(*out);
  return out;
}

std::optional<RatingRow> RatingsRepository::ByTokenHash(const std::string& token_hash) {
  std::optional<RatingRow> out;
  SqlParams p;
  p.Text("hash", token_hash);
  p.ForEachRow(lease_, std::string("SELECT ") + kColumns + kFrom + " WHERE r.token_hash = :hash",
               [&](const soci::row& row) { out = Read(row); });
  if (out) LoadCrew(*out);
  return out;
}

long long RatingsRepository::Insert(OrganizationId org, const RatingRow& row,
                                    const std::string& token_hash) {
  SqlParams p;
  p.Int("org", org.value);
  p.Int("mission", row.mission_id);
  p.IntOrNull("client", row.client_id);
  p.Text("hash", token_hash);
  p.Text("email", row.email);
  p.Text("first", row.first_name);
  p.Text("type", row.event_type);
  p.Text("requested", row.requested_at);
  p.Text("expires", row.expires_at);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO mission_ratings (organization_id, mission_id, client_id, token_hash, "
            "email, first_name, event_type, requested_at, expires_at) VALUES (:org, :mission, "
            ":client, :hash, :email, :first, :type, :requested, :expires) RETURNING id",
            &id);
  return id;
}

bool RatingsRepository::Submit(OrganizationId org, long long id, const domain::RatingInput& input,
                               const std::string& ip, const std::string& user_agent,
                               const std::string& now) {
  long long answered = 0;
  {
    SqlParams p;
    p.Int("org", org.value);
    p.Int("id", id);
    // The row is locked first on PostgreSQL: two answers sent at once record one.
    const bool pg = lease_.dialect() == Dialect::kPostgres;
    p.ForEachRow(lease_,
                 std::string("SELECT CASE WHEN submitted_at IS NULL THEN 0 ELSE 1 END FROM "
                             "mission_ratings WHERE organization_id = :org AND id = :id") +
                     (pg ? " FOR UPDATE" : ""),
                 [&](const soci::row& row) { answered = GetInt64(row, 0); });
  }
  if (answered > 0) return false;
  SqlParams p;
  p.Int("org", org.value);
  p.Int("id", id);
  p.Int("overall", input.overall.value_or(0));
  p.Text("comment", input.comment);
  p.Int("consent", input.public_consent ? 1 : 0);
  p.Text("ip", ip);
  p.Text("agent", user_agent);
  p.Text("now", now);
  p.Execute(lease_,
            "UPDATE mission_ratings SET overall = :overall, comment = :comment, public_consent = "
            ":consent, ip = :ip, user_agent = :agent, submitted_at = :now WHERE "
            "organization_id = :org AND id = :id");
  for (const auto& c : input.crew) {
    SqlParams q;
    q.Int("rating", id);
    q.Int("org", org.value);
    q.Int("user", c.user);
    q.Int("stars", c.stars);
    q.Execute(lease_,
              "INSERT INTO mission_rating_crew (rating_id, organization_id, user_id, stars) "
              "VALUES (:rating, :org, :user, :stars)");
  }
  return true;
}

std::vector<RatingRow> RatingsRepository::Answered(OrganizationId org, int limit) {
  std::vector<RatingRow> out;
  SqlParams p;
  p.Int("org", org.value);
  p.Int("limit", limit);
  p.ForEachRow(lease_,
               std::string("SELECT ") + kColumns + kFrom +
                   " WHERE r.organization_id = :org AND r.submitted_at IS NOT NULL ORDER BY "
                   "r.submitted_at DESC, r.id DESC LIMIT :limit",
               [&](const soci::row& row) { out.push_back(Read(row)); });
  for (auto& r : out) LoadCrew(r);
  return out;
}

std::vector<RatingRow> RatingsRepository::Public(OrganizationId org, int limit) {
  std::vector<RatingRow> out;
  SqlParams p;
  p.Int("org", org.value);
  p.Int("limit", limit);
  p.ForEachRow(lease_,
               std::string("SELECT ") + kColumns + kFrom +
                   " WHERE r.organization_id = :org AND r.submitted_at IS NOT NULL AND "
                   "r.public_consent = 1 ORDER BY r.submitted_at DESC, r.id DESC LIMIT :limit",
               [&](const soci::row& row) { out.push_back(Read(row)); });
  return out;
}

RatingSummary RatingsRepository::Summary(OrganizationId org) {
  RatingSummary s;
  SqlParams p;
  p.Int("org", org.value);
  p.ForEachRow(lease_,
               "SELECT count(*), COALESCE(SUM(overall), 0) FROM mission_ratings WHERE "
               "organization_id = :org AND submitted_at IS NOT NULL",
               [&](const soci::row& row) {
                 s.count = GetInt64(row, 0);
                 s.sum = GetInt64(row, 1);
               });
  SqlParams q;
  q.Int("org", org.value);
  q.ForEachRow(
      lease_,
      "SELECT c.user_id, u.display_name, count(*), SUM(c.stars) FROM mission_rating_crew "
      "c JOIN users u ON u.id = c.user_id WHERE c.organization_id = :org GROUP BY "
      "c.user_id, u.display_name ORDER BY u.display_name",
      [&](const soci::row& row) {
        s.people.push_back({GetInt64(row, 0), RowText(row, 1), GetInt64(row, 2), GetInt64(row, 3)});
      });
  return s;
}

std::vector<std::pair<std::string, std::string>> RatingsRepository::ManagerAddresses(
    OrganizationId org) {
  std::vector<std::pair<std::string, std::string>> out;
  SqlParams p;
  p.Int("org", org.value);
  p.ForEachRow(lease_,
               "SELECT u.email, u.display_name FROM memberships m JOIN users u ON u.id = "
               "m.user_id WHERE m.organization_id = :org AND m.role IN ('owner', 'admin', "
               "'manager') ORDER BY u.id",
               [&](const soci::row& row) { out.emplace_back(RowText(row, 0), RowText(row, 1)); });
  return out;
}

}  // namespace planify::store
