#include "app/booking/ratings_service.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "app/auth/rate_limits.hpp"
#include "app/documents/billing_support.hpp"
#include "app/email/email_service.hpp"
#include "app/organization/organization_service.hpp"
#include "domain/crew_profiles.hpp"
#include "domain/local_time.hpp"
#include "domain/validation.hpp"
#include "integrations/crypto/sodium.hpp"
#include "store/auth_repository.hpp"
#include "store/clients_repository.hpp"
#include "store/missions_repository.hpp"
#include "store/planning_repository.hpp"

namespace planify::app {

namespace {

using domain::FormatIsoUtc;

constexpr domain::RateRule kAnswersPerIp{"rating-answer:ip", 20, std::chrono::seconds{600}};
constexpr std::size_t kTokenBytes = 32;

Unexpected NoRating() { return Fail(ErrorCode::kNotFound, "Lien de notation inconnu."); }

// The client's address and name for the invitation: the primary contact's, else the first
// contact with an e-mail.
std::optional<std::pair<std::string, std::string>> ClientAddress(const store::ClientRow& client) {
  const domain::ClientContact* chosen = nullptr;
  for (const auto& c : client.client.contacts) {
    if (c.email.empty()) continue;
    if (chosen == nullptr || (c.primary && !chosen->primary)) chosen = &c;
  }
  if (chosen == nullptr) return std::nullopt;
  return std::make_pair(chosen->email, chosen->name.empty() ? client.client.name : chosen->name);
}

std::vector<RatedPerson> CrewOf(const store::MissionRow& mission) {
  std::vector<RatedPerson> out;
  for (const auto& c : mission.mission.crew) {
    // Stars are kept per member account; a crew profile's part is the mission's overall mark.
    if (domain::IsProfileCrewId(c.user)) continue;
    auto name = mission.crew_names.find(c.user);
    out.push_back(
        {c.user, domain::FirstNameOf(name == mission.crew_names.end() ? "" : name->second)});
  }
  return out;
}

struct Opened {
  OrganizationId org;
  store::RatingRow rating;
  RatingPage page;
};

// The rating a token opens, with its page; NOT_FOUND or GONE.
Result<Opened> Open(store::Lease& lease, const std::string& token, domain::Timestamp now,
                    const std::string& public_url) {
  auto rating = store::RatingsRepository(lease).ByTokenHash(HashToken(token));
  if (!rating) return NoRating();
  const OrganizationId org{rating->organization};
  auto expires = domain::ParseIsoUtc(rating->expires_at);
  if (rating->submitted_at.empty() && expires && now >= *expires) {
    return Fail(ErrorCode::kGone, "Ce lien de notation a expiré.");
  }
  Opened out{org, *rating, {}};
  const auto branding = OrganizationBranding(lease, org, public_url);
  out.page.organization_name = branding.organization_name;
  out.page.logo_url = branding.logo_url;
  out.page.brand_color = branding.brand_color;
  out.page.event_type = rating->event_type;
  out.page.starts_at = rating->mission_starts_at;
  out.page.submitted = !rating->submitted_at.empty();
  if (auto mission = store::MissionsRepository(lease).Find(org, rating->mission_id)) {
    out.page.crew = CrewOf(*mission);
  }
  return out;
}

}  // namespace

void RatingsService::RequestWithin(store::Lease& lease, OrganizationId org, long long mission_id) {
  store::RatingsRepository ratings(lease);
  if (ratings.ForMission(org, mission_id)) return;  // asked once, whatever happened next
  auto mission = store::MissionsRepository(lease).Find(org, mission_id);
  if (!mission || !mission->mission.client) return;
  auto client = store::ClientsRepository(lease).Find(org, *mission->mission.client);
  if (!client) return;
  auto address = ClientAddress(*client);
  if (!address || !domain::IsPlausibleEmail(address->first)) return;
  const auto now = clock_.Now();
  const std::string stamp = FormatIsoUtc(now);
  store::RatingRow row;
  row.mission_id = mission_id;
  row.client_id = client->id;
  row.email = address->first;
  row.first_name = domain::FirstNameOf(address->second);
  row.event_type =
      mission->mission.event_type.empty() ? mission->mission.title : mission->mission.event_type;
  row.requested_at = stamp;
  row.expires_at = FormatIsoUtc(now + domain::kRatingLinkLifetime);
  const std::string token = integrations::RandomHex(kTokenBytes);
  (void)ratings.Insert(org, row, HashToken(token));
  const auto zone = store::PlanningRepository(lease).Settings(org).time_zone;
  auto queued = QueueTemplatedEmail(
      lease, org, "rating.request", "fr", OrganizationBranding(lease, org, public_url_),
      {{"client_name", address->second},
       {"event_type", row.event_type},
       {"starts_at", domain::FormatLocalDateTime(mission->mission.starts_at, zone)},
       {"rating_url", public_url_ + "/noter/" + token}},
      address->first, address->second, stamp);
  if (!queued) spdlog::warn("rating invitation not queued: {}", queued.error().message);
}

Result<RatingPage> RatingsService::GetPublic(const std::string& token) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<RatingPage> {
    auto opened = Open(lease, token, clock_.Now(), public_url_);
    if (!opened) return Fail(opened.error());
    return opened->page;
  });
}

Result<RatingPage> RatingsService::SubmitPublic(const std::string& token, domain::RatingInput input,
                                                const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<RatingPage> {
    const auto now = clock_.Now();
    const std::string stamp = FormatIsoUtc(now);
    store::AuthRepository limits(lease);
    if (auto ok = EnforceRate(limits, kAnswersPerIp, meta.ip, now); !ok) return Fail(ok.error());
    {
      store::WriteTransaction tx(lease);
      CountRate(limits, kAnswersPerIp, meta.ip, stamp);
      tx.Commit();
    }
    store::WriteTransaction tx(lease);
    auto opened = Open(lease, token, now, public_url_);
    if (!opened) return Fail(opened.error());
    if (opened->page.submitted) {
      return Fail(ErrorCode::kConflict, "Merci, votre note est déjà enregistrée.");
    }
    std::vector<long long> crew;
    for (const auto& p : opened->page.crew) crew.push_back(p.user_id);
    auto valid = domain::ValidateRating(std::move(input), crew);
    if (!valid) return Fail(valid.error());
    const auto org = opened->org;
    if (!store::RatingsRepository(lease).Submit(org, opened->rating.id, *valid, meta.ip,
                                                meta.user_agent.substr(0, 400), stamp)) {
      return Fail(ErrorCode::kConflict, "Merci, votre note est déjà enregistrée.");
    }
    store::AuditEntry entry;
    entry.organization = org;
    entry.actor_label = "client (lien de notation)";
    entry.action = "ratings.submitted";
    entry.entity_type = "mission";
    entry.entity_id = std::to_string(opened->rating.mission_id);
    entry.details_json = nlohmann::json{{"overall", *valid->overall},
                                        {"crew", valid->crew.size()},
                                        {"public_consent", valid->public_consent}}
                             .dump();
    entry.ip = meta.ip;
    entry.user_agent = meta.user_agent.substr(0, 400);
    entry.request_id = meta.request_id;
    limits.Audit(entry, stamp);
    if (domain::IsBadRating(*valid->overall)) {
      // The managers (owner, admin, manager) and the organisation's own address, once each.
      const auto settings = billing::LoadSettings(lease, org, nullptr);
      auto recipients = store::RatingsRepository(lease).ManagerAddresses(org);
      recipients.emplace_back(settings.email, settings.name);
      std::vector<std::string> seen;
      for (const auto& [address, name] : recipients) {
        const std::string key = domain::ToLowerAscii(address);
        if (!domain::IsPlausibleEmail(address) ||
            std::find(seen.begin(), seen.end(), key) != seen.end()) {
          continue;
        }
        seen.push_back(key);
        auto mail = QueueTemplatedEmail(
            lease, org, "rating.bad.staff", "fr", OrganizationBranding(lease, org, public_url_),
            {{"client_name",
              opened->rating.first_name.empty() ? opened->rating.email : opened->rating.first_name},
             {"event_type", opened->rating.event_type},
             {"stars", std::to_string(*valid->overall)},
             {"comment", valid->comment.empty() ? "—" : valid->comment},
             {"mission_url",
              public_url_ + "/missions/" + std::to_string(opened->rating.mission_id)}},
            address, name, stamp);
        if (!mail) return Fail(mail.error());
      }
    }
    tx.Commit();
    opened->page.submitted = true;
    return opened->page;
  });
}

Result<std::optional<store::RatingRow>> RatingsService::ForMission(const Principal& actor,
                                                                   long long mission_id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::optional<store::RatingRow>> {
    const auto org = *actor.organization;
    if (!store::MissionsRepository(lease).Find(org, mission_id)) {
      return Fail(ErrorCode::kNotFound, "Mission introuvable.");
    }
    return store::RatingsRepository(lease).ForMission(org, mission_id);
  });
}

Result<RatingsOverview> RatingsService::Overview(const Principal& actor) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<RatingsOverview> {
    store::RatingsRepository ratings(lease);
    return RatingsOverview{ratings.Summary(*actor.organization),
                           ratings.Answered(*actor.organization, 50)};
  });
}

std::vector<PublicReview> PublicReviews(store::Lease& lease, OrganizationId org, int limit) {
  std::vector<PublicReview> out;
  for (const auto& r : store::RatingsRepository(lease).Public(org, limit)) {
    out.push_back({r.first_name, r.event_type, r.overall.value_or(0), r.comment});
  }
  return out;
}

void RegisterRatingJobs(jobs::JobRegistry& registry, const Clock& clock,
                        const std::string& public_url) {
  registry.Register(
      "ratings.request",
      [&clock, public_url](const store::JobRow& job, jobs::JobContext& context) -> Result<void> {
        auto payload = nlohmann::json::parse(job.payload, nullptr, false);
        if (!job.organization || !payload.is_object() || !payload.contains("mission_id") ||
            !payload["mission_id"].is_number_integer()) {
          return Fail(ErrorCode::kBadRequest, "ratings.request: payload {\"mission_id\"} expected");
        }
        const long long mission = payload["mission_id"].get<long long>();
        RatingsService service(context.db(), clock, public_url);
        return context.CompleteWith(
            [&](store::Lease& lease) { service.RequestWithin(lease, *job.organization, mission); });
      });
}

}  // namespace planify::app
