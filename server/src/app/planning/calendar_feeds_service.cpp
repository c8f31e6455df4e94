#include "app/planning/calendar_feeds_service.hpp"

#include <algorithm>

#include "domain/icalendar.hpp"
#include "domain/local_time.hpp"
#include "domain/missions.hpp"
#include "domain/validation.hpp"
#include "integrations/crypto/sodium.hpp"
#include "store/auth_repository.hpp"
#include "store/organizations_repository.hpp"
#include "store/planning_repository.hpp"

namespace planify::app {

namespace {

constexpr std::string_view kPrefix = "cal_";
constexpr std::size_t kSecretBytes = 32;
constexpr std::size_t kMaxOrganizationFeeds = 10;
// What a feed shows: missions that ended within a year, and canceled ones for 30 days so that
// subscribers see them go.
constexpr auto kHistory = std::chrono::days(365);
constexpr auto kCanceledKept = std::chrono::days(30);

bool WellFormed(const std::string& token) {
  if (token.size() != kPrefix.size() + kSecretBytes * 2 || token.rfind(kPrefix, 0) != 0) {
    return false;
  }
  return std::all_of(token.begin() + static_cast<long>(kPrefix.size()), token.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

Unexpected NoFeed() { return Fail(ErrorCode::kNotFound, "Calendrier introuvable."); }

// "planify.example.fr" from "https://planify.example.fr/app": the UIDs' domain part.
std::string HostOf(const std::string& url) {
  std::string host = url;
  if (auto scheme = host.find("://"); scheme != std::string::npos) host = host.substr(scheme + 3);
  host = host.substr(0, host.find('/'));
  return host.empty() ? "planify.local" : host;
}

std::string PositionLabel(const std::string& position) {
  if (position == "dj") return "DJ";
  if (position == "technician") return "[[technicien]]";
  if (position == "assistant") return "assistant";
  if (position == "driver") return "chauffeur";
  return "équipe";
}

}  // namespace

std::string MissionLocation(const store::FeedMission& m) {
  std::vector<std::string> parts;
  if (!m.venue_name.empty()) parts.push_back(m.venue_name);
  if (!m.venue_line1.empty()) parts.push_back(m.venue_line1);
  std::string town = m.venue_postal_code;
  if (!m.venue_city.empty()) town += (town.empty() ? "" : " ") + m.venue_city;
  if (!town.empty()) parts.push_back(town);
  if (parts.empty()) return m.address;
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

std::string MissionDescription(const store::FeedMission& m, const std::string& link,
                               const domain::Terms& terms) {
  std::string out;
  auto line = [&out](const std::string& text) {
    if (!out.empty()) out += "\n";
    out += text;
  };
  // Tokens in the labels only: a value holding "[[mission]]" reads as typed.
  const auto say = [&terms](std::string_view text) {
    return domain::ApplyTerms(text, terms, "fr");
  };
  if (!m.client_name.empty()) line(say("[[Client]] : ") + m.client_name);
  if (!m.event_type.empty()) line("Type : " + m.event_type);
  if (!m.crew.empty()) {
    std::string crew;
    for (const auto& c : m.crew) {
      crew += (crew.empty() ? "" : " · ") + c.name + " (" + say(PositionLabel(c.position)) +
              (c.lead ? ", responsable" : "") + ")";
    }
    line("Équipe : " + crew);
  }
  if (m.status == "canceled") line(say("[[Mission]] annulé[[e]]."));
  if (!m.description.empty()) line("\n" + m.description);
  line(say("\n[[Mission]] : ") + link);
  return out;
}

namespace {

domain::CalendarEventStatus StatusOf(const std::string& status) {
  if (status == "canceled") return domain::CalendarEventStatus::kCancelled;
  if (status == "draft" || status == "planned") return domain::CalendarEventStatus::kTentative;
  return domain::CalendarEventStatus::kConfirmed;
}

std::string JoinStatuses(const std::vector<std::string>& statuses) {
  std::string out;
  for (const auto& s : statuses) out += (out.empty() ? "" : " ") + s;
  return out;
}

std::vector<std::string> SplitStatuses(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    auto end = text.find(' ', at);
    if (end == std::string::npos) end = text.size();
    // Stored names were validated; anything else would never reach SQL.
    if (end > at && domain::ParseMissionStatus(text.substr(at, end - at))) {
      out.push_back(text.substr(at, end - at));
    }
    at = end + 1;
  }
  return out;
}

}  // namespace

CalendarFeedView CalendarFeedsService::View(const store::CalendarFeedRow& row) const {
  CalendarFeedView view{row, ""};
  // A token sealed under another key (the key was replaced) cannot be shown: rotate it.
  if (auto token = cipher_.Open(row.token_sealed)) {
    view.url = public_url_ + "/api/v1/public/calendar/" + *token + ".ics";
  }
  view.row.token_sealed.clear();
  return view;
}

Result<std::vector<CalendarFeedView>> CalendarFeedsService::List(const Principal& actor) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<CalendarFeedView>> {
    std::vector<CalendarFeedView> out;
    for (const auto& row :
         store::CalendarFeedsRepository(lease).ListLive(*actor.organization, actor.user)) {
      out.push_back(View(row));
    }
    return out;
  });
}

Result<CalendarFeedView> CalendarFeedsService::Get(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<CalendarFeedView> {
    auto row = store::CalendarFeedsRepository(lease).FindLive(*actor.organization, actor.user, id);
    if (!row) return NoFeed();
    return View(*row);
  });
}

Result<CalendarFeedView> CalendarFeedsService::Create(const Principal& actor,
                                                      const CalendarFeedRequest& request,
                                                      const RequestMeta& meta) {
  domain::FieldErrors errors;
  const bool personal = request.scope == "personal";
  if (!personal && request.scope != "organization") {
    errors.Add("scope", "personal ou organization.");
  }
  std::vector<std::string> statuses;
  for (const auto& s : request.statuses) {
    if (!domain::ParseMissionStatus(s)) {
      errors.Add("statuses", "Statut inconnu : " + s + ".");
    } else if (std::find(statuses.begin(), statuses.end(), s) == statuses.end()) {
      statuses.push_back(s);
    }
  }
  if (personal && (!statuses.empty() || request.crew_user != 0)) {
    errors.Add("scope", "Un calendrier personnel montre toutes vos missions, sans filtre.");
  }
  if (!errors.empty()) return Fail(errors.ToError());
  if (!personal && !actor.Can(domain::Permission::kMissionsReadAll)) {
    return Fail(ErrorCode::kForbidden, "Le calendrier de l'organisation est réservé au planning.");
  }
  const auto org = *actor.organization;
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<CalendarFeedView> {
    store::WriteTransaction tx(lease);
    store::AuthRepository auth(lease);
    if (request.crew_user != 0 && !auth.FindMember(org, UserId{request.crew_user})) {
      domain::FieldErrors person;
      person.Add("crew_user_id", "Cette personne n'est pas membre de l'organisation.");
      return Fail(person.ToError());
    }
    store::CalendarFeedsRepository feeds(lease);
    const auto live = feeds.ListLive(org, actor.user);
    const auto same_scope = std::count_if(live.begin(), live.end(),
                                          [&](const auto& f) { return f.scope == request.scope; });
    if (personal && same_scope > 0) {
      return Fail(ErrorCode::kConflict,
                  "Vous avez déjà un calendrier personnel : changez son lien au besoin.");
    }
    if (!personal && static_cast<std::size_t>(same_scope) >= kMaxOrganizationFeeds) {
      return Fail(ErrorCode::kConflict, "Dix calendriers d'organisation au plus.");
    }
    const std::string stamp = domain::FormatIsoUtc(clock_.Now());
    const std::string token = std::string(kPrefix) + integrations::RandomHex(kSecretBytes);
    const long long id =
        feeds.Insert(org, actor.user, request.scope, JoinStatuses(statuses), request.crew_user,
                     HashToken(token), cipher_.Seal(token), stamp);
    Audit(auth, actor, meta, "calendar_feeds.created", "calendar_feed", std::to_string(id),
          "{\"scope\":\"" + request.scope + "\"}", stamp);
    auto row = feeds.FindLive(org, actor.user, id);
    tx.Commit();
    return View(*row);
  });
}

Result<CalendarFeedView> CalendarFeedsService::Rotate(const Principal& actor, long long id,
                                                      const RequestMeta& meta) {
  const auto org = *actor.organization;
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<CalendarFeedView> {
    store::WriteTransaction tx(lease);
    store::CalendarFeedsRepository feeds(lease);
    auto old = feeds.FindLive(org, actor.user, id);
    if (!old) return NoFeed();
    const std::string stamp = domain::FormatIsoUtc(clock_.Now());
    feeds.Revoke(org, actor.user, id, stamp);
    const std::string token = std::string(kPrefix) + integrations::RandomHex(kSecretBytes);
    const long long fresh = feeds.Insert(org, actor.user, old->scope, old->statuses, old->crew_user,
                                         HashToken(token), cipher_.Seal(token), stamp);
    store::AuthRepository auth(lease);
    Audit(auth, actor, meta, "calendar_feeds.rotated", "calendar_feed", std::to_string(fresh),
          "{\"replaces\":" + std::to_string(id) + "}", stamp);
    auto row = feeds.FindLive(org, actor.user, fresh);
    tx.Commit();
    return View(*row);
  });
}

Result<void> CalendarFeedsService::Revoke(const Principal& actor, long long id,
                                          const RequestMeta& meta) {
  const auto org = *actor.organization;
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::WriteTransaction tx(lease);
    const std::string stamp = domain::FormatIsoUtc(clock_.Now());
    if (!store::CalendarFeedsRepository(lease).Revoke(org, actor.user, id, stamp)) {
      return NoFeed();
    }
    store::AuthRepository auth(lease);
    Audit(auth, actor, meta, "calendar_feeds.revoked", "calendar_feed", std::to_string(id), "{}",
          stamp);
    tx.Commit();
    return {};
  });
}

Result<RenderedCalendar> CalendarFeedsService::Render(
    const std::string& token, const std::function<bool(const std::string&)>& unchanged) {
  if (!WellFormed(token)) return NoFeed();
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<RenderedCalendar> {
    store::CalendarFeedsRepository feeds(lease);
    auto feed = feeds.FindLiveByHash(HashToken(token));
    if (!feed) return NoFeed();
    // The feed reads as its owner, with their role of today.
    store::AuthRepository auth(lease);
    auto user = auth.FindUserById(feed->user);
    auto member = auth.FindMember(feed->organization, feed->user);
    if (!user || user->disabled || !member || member->disabled) return NoFeed();
    Principal owner;
    owner.user = feed->user;
    owner.organization = feed->organization;
    owner.role = domain::ParseRole(member->role);
    const bool personal = feed->scope == "personal";
    if (personal ? !owner.Can(domain::Permission::kMissionsReadOwn) &&
                       !owner.Can(domain::Permission::kMissionsReadAll)
                 : !owner.Can(domain::Permission::kMissionsReadAll)) {
      return NoFeed();
    }

    const domain::Timestamp now = clock_.Now();
    const std::string stamp = domain::FormatIsoUtc(now);
    if (auto last = domain::ParseIsoUtc(feed->last_fetched_at);
        !last || now - *last >= std::chrono::minutes(1)) {
      store::WriteTransaction tx(lease);
      feeds.Touch(feed->id, stamp);
      tx.Commit();
    }
    const auto org = feed->organization;
    const auto settings = store::PlanningRepository(lease).Settings(org);
    const std::string& zone = settings.time_zone;
    // What the text depends on: the organisation's data (every write moves its version), the
    // day in its zone (the history and the canceled missions' 30 days move daily), the feed.
    const long long version = store::OrganizationsRepository(lease).DataVersion(org);
    const long long day = std::chrono::floor<std::chrono::days>(now + domain::UtcOffset(zone, now))
                              .time_since_epoch()
                              .count();
    RenderedCalendar out;
    out.etag = "W/\"cal1." + std::to_string(version) + "." + std::to_string(day) + "." +
               std::to_string(feed->id) + "\"";
    if (unchanged(out.etag)) {
      out.not_modified = true;
      return out;
    }

    store::FeedFilter filter;
    filter.crew_member = personal ? feed->user.value : feed->crew_user;
    filter.statuses = SplitStatuses(feed->statuses);
    filter.ends_after = domain::FormatIsoUtc(now - kHistory);
    filter.canceled_since = domain::FormatIsoUtc(now - kCanceledKept);
    const std::string host = HostOf(public_url_);
    domain::CalendarFeed calendar;
    calendar.name = personal
                        ? "Planify — " + user->display_name
                        : "Planify — planning" +
                              (feed->crew_user_name.empty() ? "" : " de " + feed->crew_user_name);
    calendar.time_zone = zone;
    domain::Timestamp newest{};
    for (const auto& m : store::CalendarFeedsRepository(lease).Missions(org, filter)) {
      domain::CalendarEvent e;
      e.uid = "planify-mission-" + std::to_string(m.id) +
              (personal ? "-" + std::to_string(feed->user.value) : "") + "@" + host;
      e.sequence = m.sequence;
      e.stamp = domain::ParseIsoUtc(m.updated_at).value_or(now);
      e.starts_at = domain::ParseIsoUtc(m.starts_at).value_or(now);
      e.ends_at = domain::ParseIsoUtc(m.ends_at).value_or(now);
      e.summary = m.title;
      e.location = MissionLocation(m);
      e.url = public_url_ + "/missions/" + std::to_string(m.id);
      e.description = MissionDescription(m, e.url, settings.terms);
      e.status = StatusOf(m.status);
      e.busy = m.status != "canceled";
      newest = std::max(newest, e.stamp);
      calendar.events.push_back(std::move(e));
    }
    if (personal) {
      // Time off: whole local days as all-day events, anything else as it is.
      for (const auto& off : store::PlanningRepository(lease).Unavailability(
               org, filter.ends_after, "9999-12-31T00:00:00.000Z", feed->user.value)) {
        // Busy time read from Google goes back to no calendar (it would echo there).
        if (off.source == "google") continue;
        domain::CalendarEvent e;
        e.uid = "planify-off-" + std::to_string(off.id) + "@" + host;
        e.stamp = domain::ParseIsoUtc(off.created_at).value_or(now);
        e.starts_at = off.period.starts_at;
        e.ends_at = off.period.ends_at;
        const auto local_start =
            off.period.starts_at + domain::UtcOffset(zone, off.period.starts_at);
        const auto local_end = off.period.ends_at + domain::UtcOffset(zone, off.period.ends_at);
        const auto start_day = std::chrono::floor<std::chrono::days>(local_start);
        const auto end_day = std::chrono::floor<std::chrono::days>(local_end);
        if (local_start == start_day && local_end == end_day) {
          e.all_day = true;
          e.first_day = std::chrono::year_month_day{start_day};
          e.end_day = std::chrono::year_month_day{end_day};
        }
        e.summary =
            off.period.reason.empty() ? "Indisponible" : "Indisponible — " + off.period.reason;
        newest = std::max(newest, e.stamp);
        calendar.events.push_back(std::move(e));
      }
    }
    if (newest == domain::Timestamp{}) {
      newest = domain::ParseIsoUtc(feed->created_at).value_or(now);
    }
    out.last_modified = domain::FormatHttpDate(newest);
    out.body = domain::WriteICalendar(calendar);
    return out;
  });
}

}  // namespace planify::app
