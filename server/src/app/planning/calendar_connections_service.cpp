#include "app/planning/calendar_connections_service.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "domain/permissions.hpp"
#include "domain/validation.hpp"
#include "integrations/crypto/sodium.hpp"
#include "integrations/oidc/jwt.hpp"
#include "store/auth_repository.hpp"
#include "store/jobs_repository.hpp"

namespace planify::app {

namespace {

constexpr auto kFlowLifetime = std::chrono::minutes(10);

// Google calendar ids: "primary", an address, or "…@group.calendar.google.com".
bool PlausibleCalendarId(const std::string& id) {
  if (id.empty() || id.size() > 254) return false;
  for (unsigned char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '@' || c == '.' || c == '_' || c == '-' || c == '+' || c == '#';
    if (!ok) return false;
  }
  return true;
}

bool HasScope(const std::string& granted, const std::string& scope) {
  std::size_t at = 0;
  while (at <= granted.size()) {
    const auto end = std::min(granted.find(' ', at), granted.size());
    if (granted.compare(at, end - at, scope) == 0) return true;
    at = end + 1;
  }
  return false;
}

bool SameSecret(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool MaySync(const Principal& actor, const std::string& scope) {
  if (scope == "organization") return actor.Can(domain::Permission::kMissionsReadAll);
  return actor.Can(domain::Permission::kMissionsReadAll) ||
         actor.Can(domain::Permission::kMissionsReadOwn);
}

void Enqueue(store::JobsRepository& jobs, OrganizationId organization, const char* type,
             long long connection, const std::string& now, Result<void>& status) {
  if (!status) return;
  store::NewJob job;
  job.organization = organization;
  job.type = type;
  job.payload = nlohmann::json{{"connection_id", connection}}.dump();
  job.run_at = now;
  if (auto queued = jobs.Enqueue(job, now); !queued) status = Fail(queued.error());
}

}  // namespace

Result<void> QueueConnectionRefresh(store::Lease& lease, OrganizationId organization,
                                    long long connection, bool import_busy,
                                    const std::string& now) {
  store::JobsRepository jobs(lease);
  Result<void> status;
  Enqueue(jobs, organization, "calendar.sync", connection, now, status);
  if (import_busy) Enqueue(jobs, organization, "calendar.busy", connection, now, status);
  return status;
}

Result<store::CalendarConnectionRow> CalendarConnectionsService::Own(const Principal& actor,
                                                                     long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::CalendarConnectionRow> {
    auto row = store::CalendarConnectionsRepository(lease).Find(id);
    if (!row || row->organization != *actor.organization || row->user != actor.user ||
        !row->disconnected_at.empty()) {
      return Fail(ErrorCode::kNotFound, "Connexion d'agenda introuvable.");
    }
    return *row;
  });
}

Result<std::vector<CalendarConnectionView>> CalendarConnectionsService::List(
    const Principal& actor) {
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<std::vector<CalendarConnectionView>> {
        store::CalendarConnectionsRepository connections(lease);
        const auto counts = connections.EventCounts(*actor.organization, actor.user);
        std::vector<CalendarConnectionView> out;
        for (auto& row : connections.ListForUser(*actor.organization, actor.user)) {
          if (!row.disconnected_at.empty()) continue;
          CalendarConnectionView view;
          auto count = counts.find(row.id);
          view.events = count == counts.end() ? 0 : count->second;
          view.row = std::move(row);
          out.push_back(std::move(view));
        }
        return out;
      });
}

Result<CalendarConnectStart> CalendarConnectionsService::Start(
    const Principal& actor, const CalendarConnectRequest& request) {
  if (provider_ == nullptr) {
    return Fail(ErrorCode::kNotFound, "Google Agenda n'est pas configuré sur ce serveur.");
  }
  if (actor.session_id == 0) {
    return Fail(ErrorCode::kForbidden, "Connectez un agenda depuis l'application, pas par l'API.");
  }
  domain::FieldErrors errors;
  const bool personal = request.scope == "personal";
  if (!personal && request.scope != "organization") {
    errors.Add("scope", "personal ou organization.");
  }
  if (!PlausibleCalendarId(request.calendar_id)) {
    errors.Add("calendar_id",
               "Identifiant d'agenda Google attendu : « primary » ou une adresse comme "
               "…@group.calendar.google.com.");
  }
  if (request.import_busy && !personal) {
    errors.Add("import_busy", "Les disponibilités se lisent sur un agenda personnel.");
  }
  if (!errors.empty()) return Fail(errors.ToError());
  if (!MaySync(actor, request.scope)) {
    return Fail(ErrorCode::kForbidden, personal
                                           ? "Votre rôle ne donne accès à aucune mission."
                                           : "L'agenda de l'organisation est réservé au planning.");
  }
  auto existing = store::WithLease(
      db_, [&](store::Lease& lease) -> Result<std::optional<store::CalendarConnectionRow>> {
        return store::CalendarConnectionsRepository(lease).FindFor(*actor.organization, actor.user,
                                                                   request.scope);
      });
  if (!existing) return Fail(existing.error());
  if (*existing && !(*existing)->disconnected_at.empty()) {
    return Fail(ErrorCode::kConflict,
                "La déconnexion précédente de cet agenda est en cours : réessayez dans une "
                "minute.");
  }
  const std::string state = integrations::RandomHex(24);
  const std::string verifier = integrations::Base64UrlEncode(integrations::RandomHex(32));
  std::vector<std::string> scopes = {kScopeEvents};
  if (request.import_busy) scopes.emplace_back(kScopeFreeBusy);
  const nlohmann::json flow = {{"state", state},
                               {"verifier", verifier},
                               {"user", actor.user.value},
                               {"organization", actor.organization->value},
                               {"scope", request.scope},
                               {"calendar_id", request.calendar_id},
                               {"import_busy", request.import_busy},
                               {"exp", domain::FormatIsoUtc(clock_.Now() + kFlowLifetime)}};
  CalendarConnectStart start;
  start.url = provider_->AuthorizationUrl(state, integrations::PkceChallenge(verifier),
                                          public_url_ + kCallbackPath, scopes, actor.email);
  start.sealed_flow = state_cipher_.Seal(flow.dump());
  return start;
}

Result<CalendarConnectionView> CalendarConnectionsService::Complete(const Principal& actor,
                                                                    const RequestMeta& meta,
                                                                    const std::string& sealed_flow,
                                                                    const std::string& state,
                                                                    const std::string& code) {
  if (provider_ == nullptr) {
    return Fail(ErrorCode::kNotFound, "Google Agenda n'est pas configuré sur ce serveur.");
  }
  auto opened = state_cipher_.Open(sealed_flow);
  auto flow = opened ? nlohmann::json::parse(*opened, nullptr, false) : nlohmann::json();
  if (!flow.is_object()) {
    return Fail(ErrorCode::kUnauthenticated, "Demande de connexion expirée : recommencez.");
  }
  auto expires = domain::ParseIsoUtc(flow.value("exp", ""));
  if (!expires || clock_.Now() > *expires || !SameSecret(state, flow.value("state", "")) ||
      flow.value("user", 0LL) != actor.user.value ||
      flow.value("organization", 0LL) != actor.organization->value) {
    return Fail(ErrorCode::kUnauthenticated, "Demande de connexion expirée : recommencez.");
  }
  CalendarConnectRequest request;
  request.scope = flow.value("scope", "personal");
  request.calendar_id = flow.value("calendar_id", "primary");
  request.import_busy = flow.value("import_busy", false);
  // The role may have changed during the consent screen.
  if (!MaySync(actor, request.scope)) {
    return Fail(ErrorCode::kForbidden, "Votre rôle ne permet plus cette synchronisation.");
  }
  auto tokens =
      provider_->ExchangeCode(code, flow.value("verifier", ""), public_url_ + kCallbackPath);
  if (!tokens) {
    if (tokens.error().code == ErrorCode::kUnavailable) return Fail(tokens.error());
    return Fail(ErrorCode::kValidation, "Google a refusé la connexion : recommencez.");
  }
  if (tokens->refresh_token.empty()) {
    return Fail(ErrorCode::kValidation,
                "Google n'a pas donné d'accès durable : retirez Planify des applications de "
                "votre compte Google, puis reconnectez.");
  }
  // The member may untick scopes on the consent screen.
  if (!HasScope(tokens->scope, kScopeEvents)) {
    (void)provider_->Revoke(tokens->refresh_token);
    return Fail(ErrorCode::kValidation,
                "Sans l'accès « gérer les événements », Planify ne peut pas remplir votre agenda : "
                "recommencez en le cochant.");
  }
  const bool import_busy = request.import_busy && HasScope(tokens->scope, kScopeFreeBusy);
  if (auto checked = provider_->CheckCalendar(tokens->access_token, request.calendar_id);
      !checked) {
    (void)provider_->Revoke(tokens->refresh_token);
    return Fail(checked.error());
  }
  const std::string stamp = domain::FormatIsoUtc(clock_.Now());
  const std::string sealed = token_cipher_.Seal(tokens->refresh_token);
  auto saved = store::WithLease(db_, [&](store::Lease& lease) -> Result<long long> {
    store::WriteTransaction tx(lease);
    store::CalendarConnectionsRepository connections(lease);
    const auto org = *actor.organization;
    auto existing = connections.FindFor(org, actor.user, request.scope);
    long long id = 0;
    if (existing) {
      if (!existing->disconnected_at.empty()) {
        return Fail(ErrorCode::kConflict,
                    "La déconnexion précédente de cet agenda est en cours : réessayez dans une "
                    "minute.");
      }
      id = existing->id;
      // Another account or calendar: the old events are out of reach of this grant.
      if (existing->account_email != tokens->account_email ||
          existing->calendar_id != request.calendar_id) {
        connections.ClearLinks(id);
      }
      connections.Reconnect(id, tokens->account_email, request.calendar_id, sealed, import_busy);
    } else {
      id = connections.Insert(org, actor.user, request.scope, tokens->account_email,
                              request.calendar_id, sealed, stamp);
      connections.SetImportBusy(id, import_busy);
    }
    if (auto queued = QueueConnectionRefresh(lease, org, id, import_busy, stamp); !queued) {
      return Fail(queued.error());
    }
    store::AuthRepository auth(lease);
    Audit(auth, actor, meta, "calendar_connections.connected", "calendar_connection",
          std::to_string(id),
          nlohmann::json{{"scope", request.scope}, {"import_busy", import_busy}}.dump(), stamp);
    tx.Commit();
    return id;
  });
  if (!saved) return Fail(saved.error());
  auto row = Own(actor, *saved);
  if (!row) return Fail(row.error());
  return CalendarConnectionView{*row, 0};
}

Result<void> CalendarConnectionsService::SyncNow(const Principal& actor, long long id) {
  auto row = Own(actor, id);
  if (!row) return Fail(row.error());
  if (row->status != "active") {
    return Fail(ErrorCode::kConflict, "Cette connexion ne fonctionne plus : reconnectez-la.");
  }
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::WriteTransaction tx(lease);
    auto queued = QueueConnectionRefresh(lease, row->organization, id, row->import_busy,
                                         domain::FormatIsoUtc(clock_.Now()));
    if (!queued) return queued;
    tx.Commit();
    return {};
  });
}

Result<void> CalendarConnectionsService::Disconnect(const Principal& actor, const RequestMeta& meta,
                                                    long long id) {
  auto row = Own(actor, id);
  if (!row) return Fail(row.error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::WriteTransaction tx(lease);
    const std::string stamp = domain::FormatIsoUtc(clock_.Now());
    store::CalendarConnectionsRepository(lease).MarkDisconnected(id, stamp);
    // Busy time read from this calendar stops counting at once.
    store::CalendarConnectionsRepository(lease).ReplaceBusy(row->organization, id, row->user,
                                                            "0000-01-01T00:00:00.000Z", {}, stamp);
    store::JobsRepository jobs(lease);
    Result<void> status;
    Enqueue(jobs, row->organization, "calendar.sync", id, stamp, status);
    if (!status) return status;
    store::AuthRepository auth(lease);
    Audit(auth, actor, meta, "calendar_connections.disconnected", "calendar_connection",
          std::to_string(id), "{}", stamp);
    tx.Commit();
    return {};
  });
}

Result<std::vector<store::MissionSyncRow>> CalendarConnectionsService::ForMission(
    const Principal& actor, long long mission, int sequence) {
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<std::vector<store::MissionSyncRow>> {
        auto rows = store::CalendarConnectionsRepository(lease).ForMission(*actor.organization,
                                                                           mission, sequence);
        if (!actor.Can(domain::Permission::kMissionsReadAll)) {
          std::erase_if(rows, [&](const auto& r) { return r.user != actor.user; });
        }
        return rows;
      });
}

}  // namespace planify::app
