#include "app/planning/calendar_sync_service.hpp"

#include <nlohmann/json.hpp>

#include <set>

#include "app/planning/calendar_feeds_service.hpp"
#include "domain/icalendar.hpp"
#include "domain/permissions.hpp"
#include "store/auth_repository.hpp"
#include "store/calendar_connections_repository.hpp"
#include "store/calendar_feeds_repository.hpp"
#include "store/jobs_repository.hpp"
#include "store/missions_repository.hpp"
#include "store/planning_repository.hpp"

namespace planify::app {

namespace {

// Past missions stay in the member's calendar as they were; only these are kept in step.
constexpr auto kWindow = std::chrono::days(30);

struct Plan {
  store::CalendarConnectionRow connection;
  std::string zone;
  std::vector<store::FeedMission> missions;  // what the calendar should hold
  std::map<long long, store::EventLinkRow> links;
  std::set<long long> to_delete;  // missions whose event must go
};

}  // namespace

Result<void> CalendarSyncService::Break(long long connection_id, const std::string& message) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::WriteTransaction tx(lease);
    store::CalendarConnectionsRepository(lease).MarkBroken(connection_id, message);
    tx.Commit();
    return {};
  });
}

Result<CalendarSyncReport> CalendarSyncService::Sync(long long connection_id) {
  const domain::Timestamp now = clock_.Now();
  const std::string stamp = domain::FormatIsoUtc(now);
  CalendarSyncReport report;

  // 1. What the calendar should hold, read at once.
  auto plan = store::WithLease(db_, [&](store::Lease& lease) -> Result<std::optional<Plan>> {
    store::CalendarConnectionsRepository connections(lease);
    auto connection = connections.Find(connection_id);
    if (!connection) return Fail(ErrorCode::kNotFound, "Connexion d'agenda introuvable.");
    if (connection->status != "active") return std::optional<Plan>();
    // The connection acts as its member, with their role of today.
    store::AuthRepository auth(lease);
    auto user = auth.FindUserById(connection->user);
    auto member = auth.FindMember(connection->organization, connection->user);
    Principal owner;
    owner.user = connection->user;
    owner.organization = connection->organization;
    if (member) owner.role = domain::ParseRole(member->role);
    const bool personal = connection->scope == "personal";
    const bool allowed = user && !user->disabled && member && !member->disabled &&
                         (owner.Can(domain::Permission::kMissionsReadAll) ||
                          (personal && owner.Can(domain::Permission::kMissionsReadOwn)));
    Plan p;
    p.connection = *connection;
    p.zone = store::PlanningRepository(lease).Settings(connection->organization).time_zone;
    p.links = connections.Links(connection->organization, connection_id);
    if (!allowed) {
      p.connection.status = "forbidden";
      return std::optional<Plan>(std::move(p));
    }
    store::FeedFilter filter;
    filter.crew_member = personal ? connection->user.value : 0;
    filter.ends_after = domain::FormatIsoUtc(now - kWindow);
    filter.canceled_since = "9999-12-31T00:00:00.000Z";  // canceled missions: not wanted
    p.missions = store::CalendarFeedsRepository(lease).Missions(connection->organization, filter);
    std::set<long long> wanted;
    for (const auto& m : p.missions) wanted.insert(m.id);
    store::MissionsRepository missions(lease);
    for (const auto& [mission, link] : p.links) {
      if (wanted.contains(mission) || link.pushed_sequence < 0) continue;
      // Not wanted: gone, canceled, back to draft, crew changed — or simply past the window,
      // where it stays as it was.
      auto row = missions.Find(connection->organization, mission);
      const bool past = row && domain::FormatIsoUtc(row->mission.ends_at) <= filter.ends_after;
      const bool still_shown = row && row->mission.status != domain::MissionStatus::kCanceled &&
                               row->mission.status != domain::MissionStatus::kDraft;
      if (!(past && still_shown)) p.to_delete.insert(mission);
    }
    return std::optional<Plan>(std::move(p));
  });
  if (!plan) return Fail(plan.error());
  if (!*plan) {
    report.broken = true;
    return report;
  }
  Plan& p = **plan;
  if (p.connection.status == "forbidden") {
    auto broken = Break(connection_id,
                        "Votre rôle ne permet plus cette synchronisation : reconnectez l'agenda.");
    if (!broken) return Fail(broken.error());
    report.broken = true;
    return report;
  }

  // 2. Credentials.
  auto refresh = cipher_.Open(p.connection.refresh_token_sealed);
  if (!refresh) {
    auto broken = Break(connection_id, "Accès Google illisible : reconnectez votre compte Google.");
    if (!broken) return Fail(broken.error());
    report.broken = true;
    return report;
  }
  auto tokens = provider_.Refresh(*refresh);
  if (!tokens) {
    if (tokens.error().code != ErrorCode::kUnauthenticated) return Fail(tokens.error());
    auto broken = Break(connection_id, tokens.error().message);
    if (!broken) return Fail(broken.error());
    report.broken = true;
    return report;
  }

  // 3. Push, saving each event's link as soon as the provider took it.
  auto save = [&](const store::EventLinkRow& link) {
    return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
      store::WriteTransaction tx(lease);
      store::CalendarConnectionsRepository(lease).SaveLink(p.connection.organization, connection_id,
                                                           link, stamp);
      tx.Commit();
      return {};
    });
  };
  auto refused = [&](const Error& error) -> Result<CalendarSyncReport> {
    if (error.code != ErrorCode::kUnauthenticated) return Fail(error);
    auto broken = Break(connection_id, error.message);
    if (!broken) return Fail(broken.error());
    report.broken = true;
    return report;
  };
  for (const auto& m : p.missions) {
    auto existing = p.links.find(m.id);
    if (existing != p.links.end() && existing->second.pushed_sequence == m.sequence) continue;
    store::EventLinkRow link;
    link.mission = m.id;
    link.generation = existing == p.links.end() ? 0 : existing->second.generation;
    ProviderEvent event;
    event.summary = m.title;
    event.location = MissionLocation(m);
    event.source_url = public_url_ + "/missions/" + std::to_string(m.id);
    event.description = MissionDescription(m, event.source_url);
    event.starts_at = domain::ParseIsoUtc(m.starts_at).value_or(now);
    event.ends_at = domain::ParseIsoUtc(m.ends_at).value_or(now);
    event.time_zone = p.zone;
    event.tentative = m.status == "planned" || m.status == "draft";
    Result<std::string> etag = Fail(ErrorCode::kConflict, "");
    // An id Google burned (the member deleted the event there): the next generation.
    for (int attempt = 0; attempt < 3 && !etag && etag.error().code == ErrorCode::kConflict;
         ++attempt) {
      if (attempt > 0) ++link.generation;
      event.id = domain::ExternalEventId(connection_id, m.id, link.generation);
      etag = provider_.Upsert(tokens->access_token, p.connection.calendar_id, event);
    }
    if (!etag) return refused(etag.error());
    link.event_id = event.id;
    link.pushed_sequence = m.sequence;
    link.etag = *etag;
    if (auto saved = save(link); !saved) return Fail(saved.error());
    ++report.pushed;
  }
  for (long long mission : p.to_delete) {
    store::EventLinkRow link = p.links.at(mission);
    auto gone = provider_.Delete(tokens->access_token, p.connection.calendar_id, link.event_id);
    if (!gone) return refused(gone.error());
    link.pushed_sequence = -1;
    link.etag.clear();
    if (auto saved = save(link); !saved) return Fail(saved.error());
    ++report.deleted;
  }
  auto synced = store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::WriteTransaction tx(lease);
    store::CalendarConnectionsRepository(lease).MarkSynced(connection_id, stamp);
    tx.Commit();
    return {};
  });
  if (!synced) return Fail(synced.error());
  return report;
}

Result<void> QueueCalendarSyncs(store::Lease& lease, OrganizationId organization,
                                const std::string& now) {
  store::JobsRepository jobs(lease);
  for (long long id : store::CalendarConnectionsRepository(lease).ActiveIds(organization)) {
    store::NewJob job;
    job.organization = organization;
    job.type = "calendar.sync";
    job.payload = nlohmann::json{{"connection_id", id}}.dump();
    job.run_at = now;
    if (auto queued = jobs.Enqueue(job, now); !queued) return Fail(queued.error());
  }
  return {};
}

void RegisterCalendarJobs(jobs::JobRegistry& registry, const Clock& clock, const Cipher& cipher,
                          CalendarProvider& provider, const std::string& public_url) {
  registry.Register("calendar.sync",
                    [&clock, &cipher, &provider, public_url](
                        const store::JobRow& job, jobs::JobContext& context) -> Result<void> {
                      auto payload = nlohmann::json::parse(job.payload, nullptr, false);
                      if (!payload.is_object() || !payload["connection_id"].is_number_integer()) {
                        return Fail(ErrorCode::kBadRequest, "calendar.sync: bad payload");
                      }
                      CalendarSyncService sync(context.db(), clock, cipher, provider, public_url);
                      auto report = sync.Sync(payload["connection_id"].get<long long>());
                      // A connection deleted meanwhile has nothing left to do.
                      if (!report && report.error().code != ErrorCode::kNotFound)
                        return Fail(report.error());
                      return {};
                    });
}

}  // namespace planify::app
