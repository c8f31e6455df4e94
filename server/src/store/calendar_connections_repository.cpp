#include "store/calendar_connections_repository.hpp"

namespace planify::store {

namespace {

constexpr const char* kSelect =
    "SELECT id, organization_id, user_id, scope, account_email, calendar_id, "
    "refresh_token_sealed, status, last_error, CAST(last_synced_at AS TEXT), "
    "CAST(created_at AS TEXT) FROM calendar_connections ";

CalendarConnectionRow Read(const soci::row& row) {
  CalendarConnectionRow c;
  c.id = GetInt64(row, 0);
  c.organization = OrganizationId{GetInt64(row, 1)};
  c.user = UserId{GetInt64(row, 2)};
  c.scope = row.get<std::string>(3);
  c.account_email = row.get<std::string>(4);
  c.calendar_id = row.get<std::string>(5);
  c.refresh_token_sealed = row.get<std::string>(6);
  c.status = row.get<std::string>(7);
  c.last_error = row.get<std::string>(8);
  c.last_synced_at = RowTimestamp(row, 9);
  c.created_at = RowTimestamp(row, 10);
  return c;
}

}  // namespace

long long CalendarConnectionsRepository::Insert(OrganizationId organization, UserId user,
                                                const std::string& scope,
                                                const std::string& account_email,
                                                const std::string& calendar_id,
                                                const std::string& refresh_token_sealed,
                                                const std::string& now) {
  long long org = organization.value;
  long long uid = user.value;
  long long id = 0;
  *lease_ << "INSERT INTO calendar_connections (organization_id, user_id, scope, account_email, "
             "calendar_id, refresh_token_sealed, created_at) VALUES (:org, :user, :scope, "
             ":email, :calendar, :sealed, :now) RETURNING id",
      soci::use(org, "org"), soci::use(uid, "user"), soci::use(scope, "scope"),
      soci::use(account_email, "email"), soci::use(calendar_id, "calendar"),
      soci::use(refresh_token_sealed, "sealed"), soci::use(now, "now"), soci::into(id);
  return id;
}

std::optional<CalendarConnectionRow> CalendarConnectionsRepository::Find(long long id) {
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string(kSelect) + "WHERE id = :id", soci::use(id, "id"));
  for (const auto& row : rows) return Read(row);
  return std::nullopt;
}

std::vector<CalendarConnectionRow> CalendarConnectionsRepository::ListForUser(
    OrganizationId organization, UserId user) {
  long long org = organization.value;
  long long uid = user.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string(kSelect) +
                              "WHERE organization_id = :org AND user_id = :user ORDER BY id",
       soci::use(org, "org"), soci::use(uid, "user"));
  std::vector<CalendarConnectionRow> out;
  for (const auto& row : rows) out.push_back(Read(row));
  return out;
}

std::vector<long long> CalendarConnectionsRepository::ActiveIds(OrganizationId organization) {
  long long org = organization.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << "SELECT id FROM calendar_connections WHERE organization_id = :org AND "
                          "status = 'active' ORDER BY id",
       soci::use(org, "org"));
  std::vector<long long> out;
  for (const auto& row : rows) out.push_back(GetInt64(row, 0));
  return out;
}

void CalendarConnectionsRepository::MarkBroken(long long id, const std::string& message) {
  *lease_ << "UPDATE calendar_connections SET status = 'broken', last_error = :message WHERE "
             "id = :id",
      soci::use(message, "message"), soci::use(id, "id");
}

void CalendarConnectionsRepository::MarkSynced(long long id, const std::string& now) {
  *lease_ << "UPDATE calendar_connections SET last_synced_at = :now, last_error = '' WHERE id = "
             ":id",
      soci::use(now, "now"), soci::use(id, "id");
}

std::map<long long, EventLinkRow> CalendarConnectionsRepository::Links(OrganizationId organization,
                                                                       long long connection) {
  long long org = organization.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << "SELECT mission_id, event_id, generation, pushed_sequence, etag FROM "
                          "calendar_event_links WHERE organization_id = :org AND connection_id = "
                          ":connection",
       soci::use(org, "org"), soci::use(connection, "connection"));
  std::map<long long, EventLinkRow> out;
  for (const auto& row : rows) {
    EventLinkRow l;
    l.mission = GetInt64(row, 0);
    l.event_id = row.get<std::string>(1);
    l.generation = static_cast<int>(GetInt64(row, 2));
    l.pushed_sequence = static_cast<int>(GetInt64(row, 3));
    l.etag = row.get<std::string>(4);
    out.emplace(l.mission, l);
  }
  return out;
}

void CalendarConnectionsRepository::SaveLink(OrganizationId organization, long long connection,
                                             const EventLinkRow& link, const std::string& now) {
  long long org = organization.value;
  long long mission = link.mission;
  int generation = link.generation;
  int sequence = link.pushed_sequence;
  *lease_ << "INSERT INTO calendar_event_links (organization_id, connection_id, mission_id, "
             "event_id, generation, pushed_sequence, etag, updated_at) VALUES (:org, "
             ":connection, :mission, :event, :generation, :sequence, :etag, :now) ON CONFLICT "
             "(connection_id, mission_id) DO UPDATE SET event_id = excluded.event_id, "
             "generation = excluded.generation, pushed_sequence = excluded.pushed_sequence, "
             "etag = excluded.etag, updated_at = excluded.updated_at",
      soci::use(org, "org"), soci::use(connection, "connection"), soci::use(mission, "mission"),
      soci::use(link.event_id, "event"), soci::use(generation, "generation"),
      soci::use(sequence, "sequence"), soci::use(link.etag, "etag"), soci::use(now, "now");
}

}  // namespace planify::store
