#include "app/booking/booking_service.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "app/auth/rate_limits.hpp"
#include "app/clients/clients_service.hpp"
#include "app/documents/billing_service.hpp"
#include "app/documents/billing_support.hpp"
#include "app/documents/catalogue_service.hpp"
#include "app/email/email_service.hpp"
#include "app/organization/organization_service.hpp"
#include "app/planning/missions_service.hpp"
#include "domain/auth.hpp"
#include "domain/billing.hpp"
#include "domain/legal_mentions.hpp"
#include "domain/local_time.hpp"
#include "domain/validation.hpp"
#include "store/auth_repository.hpp"
#include "store/catalogue_repository.hpp"
#include "store/missions_repository.hpp"
#include "store/owned_ids.hpp"
#include "store/planning_repository.hpp"

namespace planify::app {

namespace {

using domain::BookingStatus;
using domain::FormatIsoUtc;
using domain::Timestamp;

constexpr domain::RateRule kPostsPerIp{"booking-post:ip", 10, std::chrono::seconds{600}};
constexpr domain::RateRule kRequestsPerEmail{"booking-request:email", 5,
                                             std::chrono::seconds{24 * 3600}};
constexpr domain::RateRule kChecksPerIp{"booking-check:ip", 60, std::chrono::seconds{60}};
constexpr int kAlternativeSpan = 14;  // days looked at on each side for another free date

Unexpected NoPage() { return Fail(ErrorCode::kNotFound, "Page de réservation introuvable."); }
Unexpected NoRequest() { return Fail(ErrorCode::kNotFound, "Demande introuvable."); }

// The organisation behind a slug whose page is on.
std::optional<OrganizationId> OpenPage(store::Lease& lease, const std::string& slug) {
  store::BookingRepository repo(lease);
  auto org = repo.OrganizationBySlug(domain::ToLowerAscii(slug));
  if (!org || !repo.Settings(*org).enabled) return std::nullopt;
  return org;
}

// The services on offer that still exist and are not archived, in the settings' order.
std::vector<OfferedService> Offered(store::Lease& lease, OrganizationId org,
                                    const std::vector<long long>& ids) {
  std::vector<OfferedService> out;
  store::CatalogueRepository catalogue(lease);
  for (long long id : ids) {
    auto item = catalogue.FindItem(org, id);
    if (!item || item->archived) continue;
    out.push_back({id, item->item.name, item->item.description});
  }
  return out;
}

std::string TodayIn(const std::string& zone, Timestamp now) {
  return FormatIsoUtc(now + domain::UtcOffset(zone, now)).substr(0, 10);
}

std::string AddDays(const std::string& day, int days) {
  auto parsed = domain::ParseIsoDate(day);
  if (!parsed) return day;
  std::chrono::year_month_day moved{std::chrono::sys_days{*parsed} + std::chrono::days(days)};
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(moved.year()),
                     static_cast<unsigned>(moved.month()), static_cast<unsigned>(moved.day()));
}

domain::BookingCapacity LoadCapacity(store::Lease& lease, OrganizationId org, Timestamp from,
                                     Timestamp to) {
  domain::BookingCapacity c;
  store::BookingRepository booking(lease);
  store::PlanningRepository planning(lease);
  const auto settings = planning.Settings(org);
  c.performers = booking.Performers(org);
  c.travel_buffer = settings.policy.crew_travel_buffer;
  c.missions =
      store::MissionsRepository(lease).Booked(org, from - c.travel_buffer, to + c.travel_buffer);
  for (const auto& row : planning.Unavailability(org, FormatIsoUtc(from), FormatIsoUtc(to), 0)) {
    c.days_off.push_back({row.period.user, {row.period.starts_at, row.period.ends_at}, ""});
  }
  return c;
}

// The window a date and times name in `zone`; nullopt (with field errors) when they do not.
Result<domain::TimeRange> Window(const std::string& zone, const std::string& date,
                                 const std::string& start_time, const std::string& end_time,
                                 Timestamp now) {
  // The form's own checks, on a stand-in for the fields the availability question lacks.
  domain::BookingForm probe;
  probe.event_type = "-";
  probe.date = date;
  probe.start_time = start_time.empty() ? "18:00" : start_time;
  probe.end_time = end_time.empty() ? "23:59" : end_time;
  if (!end_time.empty() && !start_time.empty() && end_time <= start_time) {
    probe.end_date = AddDays(date, 1);
  }
  probe.place = "-";
  probe.name = "-";
  probe.email = "a@b.fr";
  probe.phone = "0612345678";
  probe.consent = true;
  domain::BookingOffer offer;
  offer.time_zone = zone;
  auto checked = domain::ValidateBookingForm(probe, offer, now);
  if (!checked) return Fail(checked.error());
  return domain::TimeRange{checked->starts_at, checked->ends_at};
}

// The form token: when the form was served, for which organisation, sealed by the server key.
std::string FormToken(const Cipher& cipher, OrganizationId org, Timestamp now) {
  return cipher.Seal("booking-form:" + std::to_string(org.value) + ":" + FormatIsoUtc(now));
}

Result<void> CheckFormToken(const Cipher& cipher, OrganizationId org, const std::string& token,
                            Timestamp now) {
  auto expired = [] {
    return Fail(ErrorCode::kValidation, "Le formulaire a expiré : rechargez la page.",
                {{"form_token", "Le formulaire a expiré : rechargez la page."}});
  };
  auto opened = cipher.Open(token);
  const std::string prefix = "booking-form:" + std::to_string(org.value) + ":";
  if (!opened || !opened->starts_with(prefix)) return expired();
  auto served = domain::ParseIsoUtc(opened->substr(prefix.size()));
  if (!served || now - *served > domain::kBookingFormLifetime) return expired();
  if (now - *served < domain::kBookingMinFillTime) {
    return Fail(ErrorCode::kValidation, "Relisez votre demande avant de l'envoyer.",
                {{"form_token", "Relisez votre demande avant de l'envoyer."}});
  }
  return {};
}

// "samedi 12/06/2027 à 19:00" style text for e-mails.
std::string When(const std::string& iso, const std::string& zone) {
  auto t = domain::ParseIsoUtc(iso);
  return t ? domain::FormatLocalDateTime(*t, zone) : iso;
}

std::string ServicesText(const std::vector<store::BookedService>& services) {
  std::string out;
  for (const auto& s : services) out += (out.empty() ? "" : ", ") + s.name;
  return out.empty() ? "—" : out;
}

void AuditBooking(store::Lease& lease, const Principal& actor, const RequestMeta& meta,
                  const std::string& action, const store::BookingRequestRow& r,
                  nlohmann::json details, const std::string& now) {
  details["reference"] = r.reference;
  store::AuthRepository audit(lease);
  Audit(audit, actor, meta, action, "booking_request", std::to_string(r.id), details.dump(), now);
}

}  // namespace

Result<BookingPage> BookingService::PublicPage(const std::string& slug) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<BookingPage> {
    auto org = OpenPage(lease, slug);
    if (!org) return NoPage();
    const auto settings = store::BookingRepository(lease).Settings(*org);
    const auto zone = store::PlanningRepository(lease).Settings(*org).time_zone;
    const auto branding = OrganizationBranding(lease, *org, public_url_);
    const auto now = clock_.Now();
    BookingPage page;
    page.organization = *org;
    page.name = branding.organization_name;
    page.logo_url = branding.logo_url;
    page.brand_color = branding.brand_color;
    page.intro = settings.intro;
    page.event_types = settings.event_types;
    page.services = Offered(lease, *org, settings.service_ids);
    page.form_token = FormToken(cipher_, *org, now);
    page.min_date = AddDays(TodayIn(zone, now), 1);
    page.time_zone = zone;
    page.frame_ancestors = settings.frame_ancestors;
    if (settings.show_ratings) {
      auto reviews = PublicReviews(lease, *org, 50);
      long long sum = 0;
      for (const auto& r : reviews) sum += r.overall;
      page.review_count = static_cast<long long>(reviews.size());
      page.average_hundredths = domain::AverageHundredths(sum, page.review_count);
      if (reviews.size() > 6) reviews.resize(6);
      page.reviews = std::move(reviews);
    }
    return page;
  });
}

std::vector<std::string> BookingService::FrameAncestors(const std::string& slug) {
  auto found = store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<std::string>> {
    auto org = OpenPage(lease, slug);
    if (!org) return std::vector<std::string>{};
    return store::BookingRepository(lease).Settings(*org).frame_ancestors;
  });
  return found ? *found : std::vector<std::string>{};
}

Result<AvailabilityAnswer> BookingService::Availability(const std::string& slug,
                                                        const std::string& date,
                                                        const std::string& start_time,
                                                        const std::string& end_time,
                                                        const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<AvailabilityAnswer> {
    auto org = OpenPage(lease, slug);
    if (!org) return NoPage();
    const auto now = clock_.Now();
    store::AuthRepository limits(lease);
    if (auto ok = EnforceRate(limits, kChecksPerIp, meta.ip, now); !ok) return Fail(ok.error());
    {
      store::WriteTransaction tx(lease);
      CountRate(limits, kChecksPerIp, meta.ip, FormatIsoUtc(now));
      tx.Commit();
    }
    const auto zone = store::PlanningRepository(lease).Settings(*org).time_zone;
    auto window = Window(zone, date, start_time, end_time, now);
    if (!window) return Fail(window.error());
    const auto span = std::chrono::days(kAlternativeSpan);
    auto capacity = LoadCapacity(lease, *org, window->start - span, window->end + span);
    AvailabilityAnswer answer;
    answer.date = date;
    answer.available = domain::LooksFree(*window, capacity);
    if (!answer.available) {
      // The same hours on the nearest days, later day first on a tie (people move forward).
      for (int d = 1; d <= kAlternativeSpan && answer.alternatives.size() < 3; ++d) {
        for (int sign : {1, -1}) {
          const auto shift = std::chrono::days(d * sign);
          domain::TimeRange moved{window->start + shift, window->end + shift};
          if (moved.start <= now || answer.alternatives.size() >= 3) continue;
          if (domain::LooksFree(moved, capacity))
            answer.alternatives.push_back(AddDays(date, d * sign));
        }
      }
    }
    return answer;
  });
}

Result<BookingReceipt> BookingService::Submit(const std::string& slug, BookingSubmission input,
                                              const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<BookingReceipt> {
    auto org = OpenPage(lease, slug);
    if (!org) return NoPage();
    const auto now = clock_.Now();
    const std::string stamp = FormatIsoUtc(now);
    store::AuthRepository limits(lease);
    if (auto ok = EnforceRate(limits, kPostsPerIp, meta.ip, now); !ok) return Fail(ok.error());
    {
      store::WriteTransaction tx(lease);
      CountRate(limits, kPostsPerIp, meta.ip, stamp);
      tx.Commit();
    }
    if (!domain::Trim(input.honeypot).empty()) {
      // A bot: it gets what a person gets, and nothing is kept.
      spdlog::info("booking honeypot filled (organisation {})", org->value);
      return BookingReceipt{domain::BookingReference(0), false};
    }
    if (auto ok = CheckFormToken(cipher_, *org, input.form_token, now); !ok) {
      return Fail(ok.error());
    }
    store::BookingRepository repo(lease);
    const auto settings = repo.Settings(*org);
    const auto zone = store::PlanningRepository(lease).Settings(*org).time_zone;
    domain::BookingOffer offer;
    offer.time_zone = zone;
    offer.event_types = settings.event_types;
    for (const auto& s : Offered(lease, *org, settings.service_ids)) offer.services.push_back(s.id);
    auto data = domain::ValidateBookingForm(std::move(input.form), offer, now);
    if (!data) return Fail(data.error());
    if (auto ok = EnforceRate(limits, kRequestsPerEmail, data->email, now); !ok) {
      return Fail(ok.error());
    }
    std::vector<store::BookedService> services;
    for (const auto& s : Offered(lease, *org, data->services)) services.push_back({s.id, s.name});
    const domain::TimeRange window{data->starts_at, data->ends_at};
    const bool free =
        domain::LooksFree(window, LoadCapacity(lease, *org, data->starts_at, data->ends_at));

    store::WriteTransaction tx(lease);
    CountRate(limits, kRequestsPerEmail, data->email, stamp);
    auto row = repo.Insert(*org, *data, services, free, stamp);
    store::AuditEntry entry;
    entry.organization = *org;
    entry.action = "bookings.received";
    entry.entity_type = "booking_request";
    entry.entity_id = std::to_string(row.id);
    entry.details_json = nlohmann::json{
        {"reference", row.reference},
        {"event_type", row.event_type},
        {"looked_free",
         free}}.dump();
    entry.ip = meta.ip;
    entry.user_agent = meta.user_agent;
    limits.Audit(entry, stamp);

    const auto branding = OrganizationBranding(lease, *org, public_url_);
    nlohmann::json mail = {{"client_name", row.contact_name},
                           {"reference", row.reference},
                           {"event_type", row.event_type},
                           {"starts_at", When(row.starts_at, zone)},
                           {"venue", row.place},
                           {"services", ServicesText(row.services)}};
    auto to_visitor = QueueTemplatedEmail(lease, *org, "booking.received", row.locale, branding,
                                          mail, row.email, row.contact_name, stamp);
    if (!to_visitor) return Fail(to_visitor.error());
    const auto org_settings = billing::LoadSettings(lease, *org, nullptr);
    if (domain::IsPlausibleEmail(org_settings.email)) {
      mail["request_url"] = public_url_ + "/demandes/" + std::to_string(row.id);
      mail["availability"] = free ? "libre" : "déjà occupée";
      auto to_office = QueueTemplatedEmail(lease, *org, "booking.received.staff", "fr", branding,
                                           mail, org_settings.email, org_settings.name, stamp);
      if (!to_office) return Fail(to_office.error());
    }
    tx.Commit();
    return BookingReceipt{row.reference, free};
  });
}

Result<store::BookingSettingsRow> BookingService::Settings(const Principal& actor) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::BookingSettingsRow> {
    return store::BookingRepository(lease).Settings(*actor.organization);
  });
}

Result<store::BookingSettingsRow> BookingService::SaveSettings(const Principal& actor,
                                                               const RequestMeta& meta,
                                                               store::BookingSettingsRow input) {
  domain::FieldErrors errors;
  domain::CleanText(errors, "intro", input.intro, 2000);
  std::vector<std::string> types;
  if (input.event_types.size() > 30) errors.Add("event_types", "Au plus 30 types d'événement.");
  for (std::size_t i = 0; i < input.event_types.size() && i < 30; ++i) {
    std::string type = domain::Trim(input.event_types[i]);
    if (type.find('\n') != std::string::npos || type.find('\r') != std::string::npos) {
      errors.Add("event_types[" + std::to_string(i) + "]", "Un type tient sur une ligne.");
      continue;
    }
    domain::RequireText(errors, "event_types[" + std::to_string(i) + "]", type, 80);
    if (std::find(types.begin(), types.end(), type) == types.end()) types.push_back(type);
  }
  input.event_types = types;
  if (input.service_ids.size() > 40) errors.Add("service_ids", "Au plus 40 prestations.");
  std::vector<std::string> frames;
  if (input.frame_ancestors.size() > 10) errors.Add("frame_ancestors", "Au plus 10 sites.");
  for (std::size_t i = 0; i < input.frame_ancestors.size() && i < 10; ++i) {
    const std::string origin = domain::ToLowerAscii(domain::Trim(input.frame_ancestors[i]));
    if (origin == "*") {
      frames = {"*"};
      break;
    }
    if (domain::OriginOf(origin) != origin || !origin.starts_with("https://")) {
      errors.Add("frame_ancestors[" + std::to_string(i) + "]",
                 "Une adresse de site en https, sans chemin : https://www.mon-site.fr");
      continue;
    }
    frames.push_back(origin);
  }
  input.frame_ancestors = frames;
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::BookingSettingsRow> {
    const auto org = *actor.organization;
    store::WriteTransaction tx(lease);
    std::vector<long long> services;
    for (std::size_t i = 0; i < input.service_ids.size() && i < 40; ++i) {
      long long id = input.service_ids[i];
      auto item = store::CatalogueRepository(lease).FindItem(org, id);
      if (!item || item->archived) {
        errors.Add("service_ids[" + std::to_string(i) + "]", "Prestation inconnue ou archivée.");
      } else if (std::find(services.begin(), services.end(), id) == services.end()) {
        services.push_back(id);
      }
    }
    if (!errors.empty()) return Fail(errors.ToError());
    input.service_ids = services;
    const std::string now = FormatIsoUtc(clock_.Now());
    store::BookingRepository repo(lease);
    repo.SaveSettings(org, input, now);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "bookings.settings_updated", "organization",
          std::to_string(org.value),
          nlohmann::json{{"enabled", input.enabled},
                         {"two_step", input.two_step},
                         {"show_ratings", input.show_ratings},
                         {"services", services.size()},
                         {"frame_ancestors", input.frame_ancestors}}
              .dump(),
          now);
    auto saved = repo.Settings(org);
    tx.Commit();
    return saved;
  });
}

Result<BookingList> BookingService::List(const Principal& actor, store::BookingFilter filter) {
  domain::FieldErrors errors;
  if (!filter.status.empty() && !domain::ParseBookingStatus(filter.status)) {
    errors.Add("status", "Statut inconnu.");
  }
  if (filter.limit < 1 || filter.limit > 200) errors.Add("limit", "De 1 à 200.");
  if (filter.offset < 0) errors.Add("offset", "Positif ou nul.");
  if (!errors.empty()) return Fail(errors.ToError());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<BookingList> {
    store::BookingRepository repo(lease);
    BookingList list;
    list.items = repo.List(*actor.organization, filter, &list.total);
    list.counts = repo.Counts(*actor.organization);
    return list;
  });
}

namespace {

BookingDetail Detail(store::Lease& lease, OrganizationId org, store::BookingRequestRow row) {
  BookingDetail d;
  store::BookingRepository repo(lease);
  d.messages = repo.Messages(org, row.id);
  if (!row.client_id && domain::IsAcceptable(*domain::ParseBookingStatus(row.status))) {
    domain::ClientInput probe;
    probe.name = row.contact_name;
    probe.contacts.push_back({row.contact_name, "", row.email, row.phone, true});
    d.similar_clients = store::ClientsRepository(lease).FindDuplicates(org, probe, 0);
  }
  if (row.proposed_user_id) {
    auto names = store::PlanningRepository(lease).MemberNames(org, {*row.proposed_user_id});
    if (auto it = names.find(*row.proposed_user_id); it != names.end()) {
      d.proposed_user_name = it->second;
    }
  }
  d.request = std::move(row);
  return d;
}

}  // namespace

Result<BookingDetail> BookingService::Get(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<BookingDetail> {
    auto row = store::BookingRepository(lease).Find(*actor.organization, id);
    if (!row) return NoRequest();
    return Detail(lease, *actor.organization, std::move(*row));
  });
}

Result<BookingDetail> BookingService::SetStatus(const Principal& actor, const RequestMeta& meta,
                                                long long id, const std::string& status) {
  auto to = domain::ParseBookingStatus(status);
  if (!to) {
    return Fail(ErrorCode::kValidation, "Statut inconnu.", {{"status", "Statut inconnu."}});
  }
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<BookingDetail> {
    const auto org = *actor.organization;
    store::WriteTransaction tx(lease);
    store::BookingRepository repo(lease);
    auto row = repo.Find(org, id, true);
    if (!row) return NoRequest();
    auto from = *domain::ParseBookingStatus(row->status);
    if (!domain::CanMoveBooking(from, *to)) {
      return Fail(ErrorCode::kConflict, "Cette demande ne peut pas passer de « " + row->status +
                                            " » à « " + status + " ».");
    }
    if (*to == BookingStatus::kNew && row->quote_id) {
      return Fail(ErrorCode::kConflict, "Un devis a été créé depuis cette demande.");
    }
    const std::string now = FormatIsoUtc(clock_.Now());
    row->status = status;
    repo.Update(org, *row, now);
    AuditBooking(lease, actor, meta, "bookings.status_changed", *row,
                 {{"from", domain::BookingStatusName(from)}, {"to", status}}, now);
    auto detail = Detail(lease, org, std::move(*row));
    tx.Commit();
    return detail;
  });
}

Result<BookingDetail> BookingService::Reply(const Principal& actor, const RequestMeta& meta,
                                            long long id, const std::string& message) {
  domain::FieldErrors errors;
  domain::RequireText(errors, "message", message, 5000);
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<BookingDetail> {
    const auto org = *actor.organization;
    store::WriteTransaction tx(lease);
    store::BookingRepository repo(lease);
    auto row = repo.Find(org, id, true);
    if (!row) return NoRequest();
    if (!errors.empty()) return Fail(errors.ToError());
    const std::string now = FormatIsoUtc(clock_.Now());
    const auto branding = OrganizationBranding(lease, org, public_url_);
    auto email = QueueTemplatedEmail(lease, org, "booking.reply", row->locale, branding,
                                     {{"client_name", row->contact_name},
                                      {"reference", row->reference},
                                      {"message", domain::Trim(message)},
                                      {"sender_name", actor.display_name}},
                                     row->email, row->contact_name, now);
    if (!email) return Fail(email.error());
    repo.InsertMessage(org, row->id, actor.user.value, "reply", domain::Trim(message), *email, now);
    if (row->status == "new") row->status = "in_discussion";
    repo.Update(org, *row, now);
    AuditBooking(lease, actor, meta, "bookings.replied", *row, nlohmann::json::object(), now);
    auto detail = Detail(lease, org, std::move(*row));
    tx.Commit();
    return detail;
  });
}

Result<AcceptResult> BookingService::Accept(const Principal& actor, const RequestMeta& meta,
                                            long long id, const AcceptInput& input) {
  const auto org = *actor.organization;
  // The pricing grid's lines first (a read on its own lease: the rule and the request's dates).
  std::vector<SuggestedLine> priced;
  if (input.pricing_rule_id) {
    auto window = store::WithLease(db_, [&](store::Lease& lease) -> Result<domain::TimeRange> {
      auto row = store::BookingRepository(lease).Find(org, id);
      if (!row) return NoRequest();
      return domain::TimeRange{*domain::ParseIsoUtc(row->starts_at),
                               *domain::ParseIsoUtc(row->ends_at)};
    });
    if (!window) return Fail(window.error());
    auto price = CatalogueService(db_, clock_)
                     .Price(actor, *input.pricing_rule_id, 0, window->start, window->end, 0);
    if (!price) {
      if (price.error().code == ErrorCode::kNotFound) {
        return Fail(ErrorCode::kValidation, price.error().message,
                    {{"pricing_rule_id", price.error().message}});
      }
      return Fail(price.error());
    }
    priced = price->lines;
  }
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<AcceptResult> {
    store::WriteTransaction tx(lease);
    store::BookingRepository repo(lease);
    auto row = repo.Find(org, id, true);
    if (!row) return NoRequest();
    if (row->mission_id && row->quote_id && row->client_id) {
      // Accepted already (another tab, a double click): the same records.
      return AcceptResult{*row->client_id, *row->mission_id, *row->quote_id, false};
    }
    if (!domain::IsAcceptable(*domain::ParseBookingStatus(row->status))) {
      return Fail(ErrorCode::kConflict,
                  "Cette demande est close (perdue ou indésirable) : rouvrez-la d'abord.");
    }
    const auto settings = repo.Settings(org);
    if (settings.two_step && row->performer_answer != "accepted") {
      return Fail(ErrorCode::kConflict,
                  "Validation en deux temps : le prestataire proposé doit d'abord confirmer la "
                  "date.");
    }
    const std::string now = FormatIsoUtc(clock_.Now());

    // The client: the one named, or a new one unless it looks like an existing one.
    long long client_id = 0;
    if (input.client_id) {
      store::OwnedIds refs;
      refs.Add(store::Owned::kClient, "client_id", input.client_id);
      if (auto ok = refs.Require(lease, org); !ok) return Fail(ok.error());
      client_id = *input.client_id;
    } else {
      domain::ClientInput client;
      client.name = row->contact_name;
      client.contacts.push_back({row->contact_name, "", row->email, row->phone, true});
      client.notes = "Client venu par la demande de réservation " + row->reference + ".";
      auto valid = domain::ValidateClient(std::move(client));
      if (!valid) return Fail(valid.error());
      store::ClientsRepository clients(lease);
      if (!input.allow_duplicate) {
        auto found = clients.FindDuplicates(org, *valid, 0);
        if (!found.empty()) return DuplicateClients(found);
      }
      client_id = clients.Insert(org, *valid, now);
    }

    // The mission, planned (it holds the date), with the confirmed performer as lead.
    domain::MissionInput mission;
    mission.title = row->event_type + " — " + row->contact_name;
    mission.status = domain::MissionStatus::kPlanned;
    mission.client = client_id;
    mission.address = row->place;
    mission.event_type = row->event_type;
    if (row->guests) mission.guest_count = static_cast<int>(*row->guests);
    mission.starts_at = *domain::ParseIsoUtc(row->starts_at);
    mission.ends_at = *domain::ParseIsoUtc(row->ends_at);
    mission.notes = "Demande " + row->reference +
                    (row->message.empty() ? std::string() : " :\n" + row->message);
    if (settings.two_step && row->proposed_user_id) {
      domain::CrewAssignment lead;
      lead.user = *row->proposed_user_id;
      lead.position = "dj";
      lead.lead = true;
      mission.crew.push_back(lead);
    }
    auto planned = MissionsService(db_, clock_)
                       .CreateWithin(lease, actor, meta, std::move(mission), input.override_reason);
    if (!planned) return Fail(planned.error());
    const long long mission_id = planned->row.id;

    // The draft quote: the chosen services at their catalogue price, then the grid's lines.
    QuoteInput quote;
    quote.client_id = client_id;
    quote.mission_id = mission_id;
    quote.content.title = row->event_type + " — " + row->contact_name;
    quote.content.venue_text = row->place;
    quote.service_starts_at = *domain::ParseIsoUtc(row->starts_at);
    quote.service_ends_at = *domain::ParseIsoUtc(row->ends_at);
    store::CatalogueRepository catalogue(lease);
    for (const auto& s : row->services) {
      auto item = catalogue.FindItem(org, s.id);
      if (!item) continue;
      domain::BillingLine line;
      line.kind = domain::ParseLineKind(item->item.kind).value_or(domain::LineKind::kService);
      line.description = item->item.name;
      line.unit = item->item.unit;
      line.unit_price_cents = item->item.unit_price_cents;
      line.vat_rate_bp = item->item.vat_rate_bp;
      line.catalogue_item_id = s.id;
      line.equipment_item_id = item->item.equipment_item;
      quote.content.lines.push_back(std::move(line));
    }
    for (const auto& s : priced) {
      domain::BillingLine line;
      line.kind = domain::ParseLineKind(s.kind).value_or(domain::LineKind::kService);
      line.description = s.description;
      line.unit = s.unit;
      line.quantity_milli = s.quantity_milli;
      line.unit_price_cents = s.unit_price_cents;
      line.vat_rate_bp = s.vat_rate_bp;
      quote.content.lines.push_back(std::move(line));
    }
    if (quote.content.lines.empty()) {
      domain::BillingLine line;
      line.description = "Prestation : " + row->event_type;
      line.unit = "flat";
      quote.content.lines.push_back(std::move(line));
    }
    auto drafted = QuotesService(db_, clock_, cipher_, public_url_)
                       .CreateWithin(lease, actor, meta, std::move(quote));
    if (!drafted) return Fail(drafted.error());

    row->status = "quoted";
    row->client_id = client_id;
    row->mission_id = mission_id;
    row->quote_id = drafted->id;
    row->accepted_by = actor.user.value;
    row->accepted_at = now;
    repo.Update(org, *row, now);
    AuditBooking(lease, actor, meta, "bookings.accepted", *row,
                 {{"client_id", client_id},
                  {"mission_id", mission_id},
                  {"quote_id", drafted->id},
                  {"client_created", !input.client_id}},
                 now);
    tx.Commit();
    return AcceptResult{client_id, mission_id, drafted->id, true};
  });
}

Result<BookingDetail> BookingService::Decline(const Principal& actor, const RequestMeta& meta,
                                              long long id, const std::string& reason,
                                              bool notify) {
  domain::FieldErrors errors;
  domain::RequireText(errors, "reason", reason, 500);
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<BookingDetail> {
    const auto org = *actor.organization;
    store::WriteTransaction tx(lease);
    store::BookingRepository repo(lease);
    auto row = repo.Find(org, id, true);
    if (!row) return NoRequest();
    if (!errors.empty()) return Fail(errors.ToError());
    if (row->quote_id || !domain::IsAcceptable(*domain::ParseBookingStatus(row->status))) {
      return Fail(ErrorCode::kConflict, "Cette demande n'est plus ouverte.");
    }
    const std::string now = FormatIsoUtc(clock_.Now());
    std::optional<long long> email_id;
    if (notify) {
      const auto branding = OrganizationBranding(lease, org, public_url_);
      const auto zone = store::PlanningRepository(lease).Settings(org).time_zone;
      auto email = QueueTemplatedEmail(lease, org, "booking.declined", row->locale, branding,
                                       {{"client_name", row->contact_name},
                                        {"reference", row->reference},
                                        {"starts_at", When(row->starts_at, zone)},
                                        {"reason", domain::Trim(reason)}},
                                       row->email, row->contact_name, now);
      if (!email) return Fail(email.error());
      email_id = *email;
    }
    repo.InsertMessage(org, row->id, actor.user.value, "decline", domain::Trim(reason), email_id,
                       now);
    row->status = "lost";
    row->decline_reason = domain::Trim(reason);
    repo.Update(org, *row, now);
    AuditBooking(lease, actor, meta, "bookings.declined", *row, {{"notified", notify}}, now);
    auto detail = Detail(lease, org, std::move(*row));
    tx.Commit();
    return detail;
  });
}

Result<BookingDetail> BookingService::Propose(const Principal& actor, const RequestMeta& meta,
                                              long long id, long long user_id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<BookingDetail> {
    const auto org = *actor.organization;
    store::WriteTransaction tx(lease);
    store::BookingRepository repo(lease);
    auto row = repo.Find(org, id, true);
    if (!row) return NoRequest();
    auto performers = repo.Performers(org);
    if (std::find(performers.begin(), performers.end(), user_id) == performers.end()) {
      return Fail(ErrorCode::kValidation, "Choisissez un membre de l'équipe ayant le rôle DJ.",
                  {{"user_id", "Choisissez un membre de l'équipe ayant le rôle DJ."}});
    }
    if (row->quote_id || !domain::IsAcceptable(*domain::ParseBookingStatus(row->status))) {
      return Fail(ErrorCode::kConflict, "Cette demande n'est plus ouverte.");
    }
    const std::string now = FormatIsoUtc(clock_.Now());
    row->proposed_user_id = user_id;
    row->performer_answer.clear();
    row->performer_answered_at.clear();
    if (row->status == "new") row->status = "in_discussion";
    repo.Update(org, *row, now);
    AuditBooking(lease, actor, meta, "bookings.proposed", *row, {{"user_id", user_id}}, now);
    // The performer hears of it by e-mail, with the date and place, never the visitor's contact.
    auto performer = store::AuthRepository(lease).FindUserById(UserId{user_id});
    if (performer && domain::IsPlausibleEmail(performer->email)) {
      const auto branding = OrganizationBranding(lease, org, public_url_);
      const auto zone = store::PlanningRepository(lease).Settings(org).time_zone;
      auto queued = QueueTemplatedEmail(lease, org, "booking.proposed", performer->locale, branding,
                                        {{"recipient_name", performer->display_name},
                                         {"reference", row->reference},
                                         {"event_type", row->event_type},
                                         {"starts_at", When(row->starts_at, zone)},
                                         {"venue", row->place},
                                         {"request_url", public_url_ + "/propositions"}},
                                        performer->email, performer->display_name, now);
      if (!queued) return Fail(queued.error());
    }
    auto detail = Detail(lease, org, std::move(*row));
    tx.Commit();
    return detail;
  });
}

Result<BookingDetail> BookingService::AnswerProposal(const Principal& actor,
                                                     const RequestMeta& meta, long long id,
                                                     bool accept) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<BookingDetail> {
    const auto org = *actor.organization;
    store::WriteTransaction tx(lease);
    store::BookingRepository repo(lease);
    auto row = repo.Find(org, id, true);
    // Someone else's proposal is not the caller's business: not found.
    if (!row || row->proposed_user_id != actor.user.value) return NoRequest();
    if (!row->performer_answer.empty() ||
        !domain::IsAcceptable(*domain::ParseBookingStatus(row->status))) {
      return Fail(ErrorCode::kConflict, "Cette proposition a déjà reçu une réponse.");
    }
    const std::string now = FormatIsoUtc(clock_.Now());
    row->performer_answer = accept ? "accepted" : "refused";
    row->performer_answered_at = now;
    repo.Update(org, *row, now);
    AuditBooking(lease, actor, meta, accept ? "bookings.date_confirmed" : "bookings.date_refused",
                 *row, nlohmann::json::object(), now);
    auto detail = Detail(lease, org, std::move(*row));
    tx.Commit();
    return detail;
  });
}

Result<std::vector<store::BookingRequestRow>> BookingService::Proposals(const Principal& actor) {
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<std::vector<store::BookingRequestRow>> {
        return store::BookingRepository(lease).ProposedTo(*actor.organization, actor.user.value);
      });
}

}  // namespace planify::app
