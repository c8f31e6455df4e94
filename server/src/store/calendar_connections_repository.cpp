#include "store/calendar_connections_repository.hpp"

namespace planify::store {

namespace {

constexpr const char* kSelect =
    "SELECT id, organization_id, user_id, scope, account_email, calendar_id, "
    "refresh_token_sealed, status, last_error, CAST(last_synced_at AS TEXT), "
    "CAST(created_at AS TEXT), import_busy, CAST(busy_synced_at AS TEXT), "
    "CAST(disconnected_at AS TEXT) FROM calendar_connections ";

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
  c.import_busy = GetInt64(row, 11) != 0;
  c.busy_synced_at = RowTimestamp(row, 12);
  c.disconnected_at = RowTimestamp(row, 13);
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
                          "status = 'active' AND disconnected_at IS NULL ORDER BY id",
       soci::use(org, "org"));
  std::vector<long long> out;
  for (const auto& row : rows) out.push_back(GetInt64(row, 0));
  return out;
}

std::optional<CalendarConnectionRow> CalendarConnectionsRepository::FindFor(
    OrganizationId organization, UserId user, const std::string& scope) {
  long long org = organization.value;
  long long uid = user.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string(kSelect) +
                              "WHERE organization_id = :org AND user_id = :user AND scope = :scope",
       soci::use(org, "org"), soci::use(uid, "user"), soci::use(scope, "scope"));
  for (const auto& row : rows) return Read(row);
  return std::nullopt;
}

void CalendarConnectionsRepository::Reconnect(long long id, const std::string& account_email,
                                              const std::string& calendar_id,
                                              const std::string& refresh_token_sealed,
                                              bool import_busy) {
  int busy = import_busy ? 1 : 0;
  *lease_ << "UPDATE calendar_connections SET account_email = :email, calendar_id = :calendar, "
             "refresh_token_sealed = :sealed, import_busy = :busy, status = 'active', "
             "last_error = '', disconnected_at = NULL WHERE id = :id",
      soci::use(account_email, "email"), soci::use(calendar_id, "calendar"),
      soci::use(refresh_token_sealed, "sealed"), soci::use(busy, "busy"), soci::use(id, "id");
}

void CalendarConnectionsRepository::SetImportBusy(long long id, bool import_busy) {
  int busy = import_busy ? 1 : 0;
  *lease_ << "UPDATE calendar_connections SET import_busy = :busy WHERE id = :id",
      soci::use(busy, "busy"), soci::use(id, "id");
}

void CalendarConnectionsRepository::MarkDisconnected(long long id, const std::string& now) {
  *lease_ << "UPDATE calendar_connections SET disconnected_at = :now WHERE id = :id",
      soci::use(now, "now"), soci::use(id, "id");
}

void CalendarConnectionsRepository::Delete(long long id) {
  *lease_ << "DELETE FROM calendar_connections WHERE id = :id", soci::use(id, "id");
}

std::vector<CalendarConnectionRow> CalendarConnectionsRepository::AllActive() {
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string(kSelect) +
                              "WHERE status = 'active' AND disconnected_at IS NULL ORDER BY id");
  std::vector<CalendarConnectionRow> out;
  for (const auto& row : rows) out.push_back(Read(row));
  return out;
}

std::map<long long, int> CalendarConnectionsRepository::EventCounts(OrganizationId organization,
                                                                    UserId user) {
  long long org = organization.value;
  long long uid = user.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare << "SELECT c.id, COUNT(l.id) FROM calendar_connections c JOIN "
                          "calendar_event_links l ON l.connection_id = c.id AND "
                          "l.pushed_sequence >= 0 WHERE c.organization_id = :org AND c.user_id "
                          "= :user GROUP BY c.id",
       soci::use(org, "org"), soci::use(uid, "user"));
  std::map<long long, int> out;
  for (const auto& row : rows) out[GetInt64(row, 0)] = static_cast<int>(GetInt64(row, 1));
  return out;
}

std::vector<MissionSyncRow> CalendarConnectionsRepository::ForMission(OrganizationId organization,
                                                                      long long mission,
                                                                      int sequence) {
  long long org = organization.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare
           << "SELECT c.id, c.user_id, u.display_name, c.scope, c.status, l.pushed_sequence, "
              "CAST(l.updated_at AS TEXT) FROM calendar_connections c JOIN users u ON u.id = "
              "c.user_id LEFT JOIN calendar_event_links l ON l.connection_id = c.id AND "
              "l.mission_id = :mission WHERE c.organization_id = :org AND c.disconnected_at IS "
              "NULL AND (c.scope = 'organization' OR EXISTS (SELECT 1 FROM mission_crew mc WHERE "
              "mc.mission_id = :mission2 AND mc.user_id = c.user_id)) ORDER BY u.display_name, "
              "c.id",
       soci::use(mission, "mission"), soci::use(org, "org"), soci::use(mission, "mission2"));
  std::vector<MissionSyncRow> out;
  for (const auto& row : rows) {
    MissionSyncRow r;
    r.connection = GetInt64(row, 0);
    r.user = UserId{GetInt64(row, 1)};
    r.user_name = row.get<std::string>(2);
    r.scope = row.get<std::string>(3);
    r.status = row.get<std::string>(4);
    auto pushed = RowOptInt(row, 5);
    r.pushed = pushed && *pushed >= 0;
    r.up_to_date = pushed && *pushed == sequence;
    r.synced_at = RowTimestamp(row, 6);
    out.push_back(std::move(r));
  }
  return out;
}

void CalendarConnectionsRepository::ReplaceBusy(OrganizationId organization, long long connection,
                                                UserId user, const std::string& from,
                                                const std::vector<BusyRow>& periods,
                                                const std::string& now) {
  long long org = organization.value;
  long long uid = user.value;
  *lease_ << "DELETE FROM crew_unavailability WHERE calendar_connection_id = :connection AND "
             "ends_at > :from",
      soci::use(connection, "connection"), soci::use(from, "from");
  const std::string reason = "Occupé (agenda Google)";
  for (const auto& period : periods) {
    *lease_ << "INSERT INTO crew_unavailability (organization_id, user_id, starts_at, ends_at, "
               "reason, created_at, source, calendar_connection_id) VALUES (:org, :user, :start, "
               ":end, :reason, :now, 'google', :connection)",
        soci::use(org, "org"), soci::use(uid, "user"), soci::use(period.starts_at, "start"),
        soci::use(period.ends_at, "end"), soci::use(reason, "reason"), soci::use(now, "now"),
        soci::use(connection, "connection");
  }
}

void CalendarConnectionsRepository::MarkBusySynced(long long id, const std::string& now) {
  *lease_ << "UPDATE calendar_connections SET busy_synced_at = :now WHERE id = :id",
      soci::use(now, "now"), soci::use(id, "id");
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

void CalendarConnectionsRepository::ClearLinks(long long connection) {
  *lease_ << "DELETE FROM calendar_event_links WHERE connection_id = :connection",
      soci::use(connection, "connection");
}

}  // namespace planify::store
