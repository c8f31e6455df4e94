#include "app/planning/calendar_sync_service.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "app/planning/calendar_connections_service.hpp"
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
// Busy time is read this far ahead (Google's freeBusy answers at most a few months at once).
constexpr auto kBusyHorizon = std::chrono::days(183);
constexpr std::size_t kMaxBusyPeriods = 2000;

struct Plan {
  store::CalendarConnectionRow connection;
  std::string zone;
  domain::Terms terms;                       // the organisation's words
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
    if (!connection->disconnected_at.empty()) {
      // Disconnected: every event of ours goes, then the grant and the row.
      Plan p;
      p.connection = *connection;
      p.connection.status = connection->status == "active" ? "disconnecting" : "gone";
      p.links = connections.Links(connection->organization, connection_id);
      for (const auto& [mission, link] : p.links) {
        if (link.pushed_sequence >= 0) p.to_delete.insert(mission);
      }
      return std::optional<Plan>(std::move(p));
    }
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
    const auto settings = store::PlanningRepository(lease).Settings(connection->organization);
    p.zone = settings.time_zone;
    p.terms = settings.terms;
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
  const bool disconnecting = p.connection.status == "disconnecting";
  auto remove = [&]() -> Result<CalendarSyncReport> {
    auto removed = store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
      store::WriteTransaction tx(lease);
      store::CalendarConnectionsRepository(lease).Delete(connection_id);
      tx.Commit();
      return {};
    });
    if (!removed) return Fail(removed.error());
    report.broken = true;
    return report;
  };
  if (p.connection.status == "gone") return remove();
  if (p.connection.status == "forbidden") {
    auto broken = Break(connection_id,
                        "Votre rôle ne permet plus cette synchronisation : reconnectez l'agenda.");
    if (!broken) return Fail(broken.error());
    report.broken = true;
    return report;
  }

  // 2. Credentials.
  auto refresh = cipher_.Open(p.connection.refresh_token_sealed);
  if (!refresh && disconnecting) return remove();
  if (!refresh) {
    auto broken = Break(connection_id, "Accès Google illisible : reconnectez votre compte Google.");
    if (!broken) return Fail(broken.error());
    report.broken = true;
    return report;
  }
  auto tokens = provider_.Refresh(*refresh);
  if (!tokens) {
    if (tokens.error().code != ErrorCode::kUnauthenticated) return Fail(tokens.error());
    if (disconnecting) return remove();  // the member revoked us already: nothing reachable
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
    if (disconnecting) return remove();
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
    event.description = MissionDescription(m, event.source_url, p.terms);
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
  if (disconnecting) {
    if (auto revoked = provider_.Revoke(*refresh); !revoked) return Fail(revoked.error());
    auto done = remove();
    if (done) done->broken = false;
    return done;
  }
  auto synced = store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::WriteTransaction tx(lease);
    store::CalendarConnectionsRepository(lease).MarkSynced(connection_id, stamp);
    // Busy time read while the calendar still showed the old events is read again.
    if (p.connection.import_busy && report.pushed + report.deleted > 0) {
      store::NewJob job;
      job.organization = p.connection.organization;
      job.type = "calendar.busy";
      job.payload = nlohmann::json{{"connection_id", connection_id}}.dump();
      job.run_at = stamp;
      if (auto queued = store::JobsRepository(lease).Enqueue(job, stamp); !queued) {
        return Fail(queued.error());
      }
    }
    tx.Commit();
    return {};
  });
  if (!synced) return Fail(synced.error());
  return report;
}

Result<int> CalendarSyncService::ImportBusy(long long connection_id) {
  const domain::Timestamp now = clock_.Now();
  std::vector<store::FeedMission> own;  // the member's missions: their events are ours
  auto connection = store::WithLease(db_, [&](store::Lease& lease) {
    auto row = store::CalendarConnectionsRepository(lease).Find(connection_id);
    if (row) {
      store::FeedFilter filter;
      filter.crew_member = row->user.value;
      filter.ends_after = domain::FormatIsoUtc(now);
      filter.canceled_since = "9999-12-31T00:00:00.000Z";
      own = store::CalendarFeedsRepository(lease).Missions(row->organization, filter);
    }
    return Result<std::optional<store::CalendarConnectionRow>>(std::move(row));
  });
  if (!connection) return Fail(connection.error());
  if (!*connection) return Fail(ErrorCode::kNotFound, "Connexion d'agenda introuvable.");
  const auto& c = **connection;
  if (c.status != "active" || !c.disconnected_at.empty() || !c.import_busy) return 0;
  auto refresh = cipher_.Open(c.refresh_token_sealed);
  if (!refresh) {
    if (auto broken =
            Break(connection_id, "Accès Google illisible : reconnectez votre compte Google.");
        !broken) {
      return Fail(broken.error());
    }
    return 0;
  }
  auto tokens = provider_.Refresh(*refresh);
  auto busy = tokens
                  ? provider_.FreeBusy(tokens->access_token, c.calendar_id, now, now + kBusyHorizon)
                  : Result<std::vector<BusyPeriod>>(Fail(tokens.error()));
  if (!busy) {
    if (busy.error().code != ErrorCode::kUnauthenticated) return Fail(busy.error());
    if (auto broken = Break(connection_id, busy.error().message); !broken) {
      return Fail(broken.error());
    }
    return 0;
  }
  // The member's own missions are in that calendar too (we put them there): their time is
  // taken out, or every mission would conflict with itself.
  std::vector<BusyPeriod> periods;
  for (const auto& period : *busy) {
    std::vector<BusyPeriod> rest = {period};
    for (const auto& m : own) {
      auto ms = domain::ParseIsoUtc(m.starts_at);
      auto me = domain::ParseIsoUtc(m.ends_at);
      if (!ms || !me) continue;
      std::vector<BusyPeriod> next;
      for (const auto& piece : rest) {
        if (*me <= piece.starts_at || *ms >= piece.ends_at) {
          next.push_back(piece);
          continue;
        }
        if (piece.starts_at < *ms) next.push_back({piece.starts_at, *ms});
        if (*me < piece.ends_at) next.push_back({*me, piece.ends_at});
      }
      rest = std::move(next);
    }
    periods.insert(periods.end(), rest.begin(), rest.end());
  }
  // Overlapping or touching periods become one; at most kMaxBusyPeriods are kept.
  std::sort(periods.begin(), periods.end(),
            [](const auto& a, const auto& b) { return a.starts_at < b.starts_at; });
  std::vector<store::BusyRow> rows;
  domain::Timestamp open_start{};
  domain::Timestamp open_end{};
  bool open = false;
  auto flush = [&] {
    if (open && rows.size() < kMaxBusyPeriods) {
      rows.push_back({domain::FormatIsoUtc(open_start), domain::FormatIsoUtc(open_end)});
    }
  };
  for (const auto& period : periods) {
    if (period.ends_at <= period.starts_at) continue;
    if (open && period.starts_at <= open_end) {
      open_end = std::max(open_end, period.ends_at);
      continue;
    }
    flush();
    open = true;
    open_start = period.starts_at;
    open_end = period.ends_at;
  }
  flush();
  const std::string stamp = domain::FormatIsoUtc(now);
  auto saved = store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::WriteTransaction tx(lease);
    store::CalendarConnectionsRepository connections(lease);
    // Disconnected meanwhile: nothing to keep.
    auto still = connections.Find(connection_id);
    if (!still || !still->disconnected_at.empty()) return {};
    connections.ReplaceBusy(c.organization, connection_id, c.user, stamp, rows, stamp);
    connections.MarkBusySynced(connection_id, stamp);
    tx.Commit();
    return {};
  });
  if (!saved) return Fail(saved.error());
  return static_cast<int>(rows.size());
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
                          CalendarProvider* provider, const std::string& public_url) {
  auto connection_job = [&clock, &cipher, provider, public_url](bool busy) {
    return [&clock, &cipher, provider, public_url, busy](
               const store::JobRow& job, jobs::JobContext& context) -> Result<void> {
      auto payload = nlohmann::json::parse(job.payload, nullptr, false);
      if (!payload.is_object() || !payload["connection_id"].is_number_integer()) {
        return Fail(ErrorCode::kBadRequest, "calendar job: bad payload");
      }
      if (provider == nullptr) return {};  // Google switched off since: nothing reachable
      CalendarSyncService sync(context.db(), clock, cipher, *provider, public_url);
      const long long id = payload["connection_id"].get<long long>();
      Result<void> done;
      if (busy) {
        if (auto read = sync.ImportBusy(id); !read) done = Fail(read.error());
      } else {
        if (auto report = sync.Sync(id); !report) done = Fail(report.error());
      }
      // A connection deleted meanwhile has nothing left to do.
      if (!done && done.error().code != ErrorCode::kNotFound) return done;
      return {};
    };
  };
  registry.Register("calendar.sync", connection_job(false));
  registry.Register("calendar.busy", connection_job(true));
  registry.Register(
      "calendar.sweep",
      [&clock, provider](const store::JobRow&, jobs::JobContext& context) -> Result<void> {
        if (provider == nullptr) return {};
        const std::string now = domain::FormatIsoUtc(clock.Now());
        return store::WithLease(context.db(), [&](store::Lease& lease) -> Result<void> {
          store::WriteTransaction tx(lease);
          for (const auto& c : store::CalendarConnectionsRepository(lease).AllActive()) {
            auto queued = QueueConnectionRefresh(lease, c.organization, c.id, c.import_busy, now);
            if (!queued) return queued;
          }
          tx.Commit();
          return {};
        });
      });
}

}  // namespace planify::app
