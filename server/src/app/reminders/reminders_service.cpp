#include "app/reminders/reminders_service.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "app/documents/billing_support.hpp"
#include "app/email/email_service.hpp"
#include "app/organization/organization_service.hpp"
#include "domain/legal_mentions.hpp"
#include "domain/local_time.hpp"
#include "domain/validation.hpp"
#include "store/auth_repository.hpp"
#include "store/billing_repository.hpp"
#include "store/notifications_repository.hpp"

namespace planify::app {

namespace {

using domain::FormatIsoUtc;

ReminderSettings FromRow(const std::optional<store::ReminderSettingsRow>& row) {
  ReminderSettings s;
  if (!row) return s;
  s.enabled = row->enabled;
  s.steps = ParseReminderSteps(row->steps_json);
  s.send_hour = row->send_hour;
  s.quote_followup_days = row->quote_followup_days;
  s.quote_expiry_notice_days = row->quote_expiry_notice_days;
  s.crew_reminder_hour = row->crew_reminder_hour;
  return s;
}

std::string TemplateFor(const domain::ReminderStep& step) {
  if (step.offset_days < 0) return "payment.reminder.upcoming";
  switch (step.tone) {
    case domain::ReminderTone::kFirm:
      return "payment.reminder.firm";
    case domain::ReminderTone::kFormal:
      return "payment.reminder.formal";
    default:
      return "payment.reminder";
  }
}

// Today in the organisation's zone when reminders may go out now: its send hour has passed and
// it is a working day there.
std::optional<std::chrono::year_month_day> SendingDay(
    const domain::OrganizationSettings& org_settings, const ReminderSettings& settings,
    domain::Timestamp now) {
  const auto local = now + domain::UtcOffset(org_settings.time_zone, now);
  const auto local_hour = std::chrono::duration_cast<std::chrono::hours>(
                              local - std::chrono::floor<std::chrono::days>(local))
                              .count();
  const auto today = billing::Today(org_settings, now);
  if (local_hour < settings.send_hour || !domain::IsWorkingDay(today)) return std::nullopt;
  return today;
}

// Runs `per_org(lease, repo, org, settings, org_settings, today)` for each organisation `list`
// names whose reminders are on and whose send hour has passed on a working day there; the sum of
// what they sent. One lease per organisation.
template <typename List, typename PerOrg>
Result<int> ForSendingOrganisations(store::Database& db, domain::Timestamp now, List list,
                                    PerOrg per_org) {
  auto organizations = store::WithLease(db, [&](store::Lease& lease) {
    store::RemindersRepository repo(lease);
    return Result<std::vector<OrganizationId>>(list(repo));
  });
  if (!organizations) return Fail(organizations.error());
  int sent = 0;
  for (const auto org : *organizations) {
    auto done = store::WithLease(db, [&](store::Lease& lease) -> Result<int> {
      store::RemindersRepository repo(lease);
      const auto settings = FromRow(repo.FindSettings(org));
      if (!settings.enabled) return 0;
      const auto org_settings = billing::LoadSettings(lease, org, nullptr);
      const auto today = SendingDay(org_settings, settings, now);
      if (!today) return 0;
      return per_org(lease, repo, org, settings, org_settings, *today);
    });
    if (!done) return Fail(done.error());
    sent += *done;
  }
  return sent;
}

// The audit line of an e-mail the automatic reminders sent.
void AuditSent(store::Lease& lease, OrganizationId org, const std::string& action,
               const std::string& entity_type, long long entity_id, const nlohmann::json& details,
               const std::string& stamp) {
  store::AuditEntry entry;
  entry.organization = org;
  entry.actor_label = "Relances automatiques";
  entry.action = action;
  entry.entity_type = entity_type;
  entry.entity_id = std::to_string(entity_id);
  entry.details_json = details.dump();
  store::AuthRepository(lease).Audit(entry, stamp);
}

}  // namespace

std::string ReminderStepsJson(const std::vector<domain::ReminderStep>& steps) {
  auto out = nlohmann::json::array();
  for (const auto& s : steps) {
    out.push_back(
        {{"offset_days", s.offset_days}, {"tone", std::string(domain::ReminderToneName(s.tone))}});
  }
  return out.dump();
}

std::vector<domain::ReminderStep> ParseReminderSteps(const std::string& json) {
  auto parsed = nlohmann::json::parse(json, nullptr, false);
  std::vector<domain::ReminderStep> steps;
  if (!parsed.is_array()) return domain::DefaultReminderSchedule();
  for (const auto& item : parsed) {
    if (!item.is_object() || !item.value("offset_days", nlohmann::json()).is_number_integer()) {
      return domain::DefaultReminderSchedule();
    }
    auto tone = domain::ParseReminderTone(item.value("tone", ""));
    if (!tone) return domain::DefaultReminderSchedule();
    steps.push_back({item["offset_days"].get<int>(), *tone});
  }
  auto checked = domain::CheckReminderSchedule(std::move(steps));
  return checked ? *checked : domain::DefaultReminderSchedule();
}

Result<ReminderSettings> RemindersService::Settings(const Principal& actor) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<ReminderSettings> {
    return FromRow(store::RemindersRepository(lease).FindSettings(*actor.organization));
  });
}

Result<ReminderSettings> RemindersService::SaveSettings(const Principal& actor,
                                                        const RequestMeta& meta,
                                                        ReminderSettings settings) {
  domain::FieldErrors errors;
  auto steps = domain::CheckReminderSchedule(settings.steps);
  if (!steps) billing::Merge(errors, steps.error());
  if (settings.send_hour < 6 || settings.send_hour > 20) {
    errors.Add("send_hour", "Entre 6 h et 20 h.");
  }
  if (settings.quote_followup_days < 0 || settings.quote_followup_days > 60) {
    errors.Add("quote_followup_days", "De 0 (jamais) à 60 jours.");
  }
  if (settings.quote_expiry_notice_days < 0 || settings.quote_expiry_notice_days > 30) {
    errors.Add("quote_expiry_notice_days", "De 0 (jamais) à 30 jours.");
  }
  if (settings.crew_reminder_hour < 6 || settings.crew_reminder_hour > 22) {
    errors.Add("crew_reminder_hour", "Entre 6 h et 22 h.");
  }
  if (!errors.empty()) return Fail(errors.ToError());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<ReminderSettings> {
    const auto org = *actor.organization;
    const std::string stamp = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::ReminderSettingsRow row;
    row.enabled = settings.enabled;
    row.steps_json = ReminderStepsJson(*steps);
    row.send_hour = settings.send_hour;
    row.quote_followup_days = settings.quote_followup_days;
    row.quote_expiry_notice_days = settings.quote_expiry_notice_days;
    row.crew_reminder_hour = settings.crew_reminder_hour;
    store::RemindersRepository(lease).SaveSettings(org, row, stamp);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "reminders.settings_changed", "organization",
          std::to_string(org.value),
          nlohmann::json{{"enabled", row.enabled}, {"steps", nlohmann::json::parse(row.steps_json)}}
              .dump(),
          stamp);
    tx.Commit();
    return FromRow(row);
  });
}

Result<std::vector<store::ReminderHistoryRow>> RemindersService::History(const Principal& actor,
                                                                         long long invoice_id) {
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<std::vector<store::ReminderHistoryRow>> {
        store::RemindersRepository repo(lease);
        if (!repo.InvoicePaused(*actor.organization, invoice_id)) {
          return Fail(ErrorCode::kNotFound, "Facture introuvable.");
        }
        return repo.History(*actor.organization, invoice_id);
      });
}

Result<bool> RemindersService::InvoicePaused(const Principal& actor, long long invoice_id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<bool> {
    auto paused = store::RemindersRepository(lease).InvoicePaused(*actor.organization, invoice_id);
    if (!paused) return Fail(ErrorCode::kNotFound, "Facture introuvable.");
    return *paused;
  });
}

Result<void> RemindersService::PauseInvoice(const Principal& actor, const RequestMeta& meta,
                                            long long invoice_id, bool paused) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    const std::string stamp = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    if (!store::RemindersRepository(lease).SetInvoicePaused(*actor.organization, invoice_id,
                                                            paused)) {
      return Fail(ErrorCode::kNotFound, "Facture introuvable.");
    }
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, paused ? "reminders.invoice_paused" : "reminders.invoice_resumed",
          "invoice", std::to_string(invoice_id), "{}", stamp);
    tx.Commit();
    return {};
  });
}

Result<void> RemindersService::PauseClient(const Principal& actor, const RequestMeta& meta,
                                           long long client_id, bool paused) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    const std::string stamp = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    if (!store::RemindersRepository(lease).SetClientPaused(*actor.organization, client_id,
                                                           paused)) {
      return Fail(ErrorCode::kNotFound, "Client introuvable.");
    }
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, paused ? "reminders.client_paused" : "reminders.client_resumed",
          "client", std::to_string(client_id), "{}", stamp);
    tx.Commit();
    return {};
  });
}

Result<int> RemindersService::RecordOverdue() {
  const auto now = clock_.Now();
  const std::string stamp = FormatIsoUtc(now);
  auto organizations = store::WithLease(db_, [&](store::Lease& lease) {
    return Result<std::vector<OrganizationId>>(
        store::RemindersRepository(lease).OrganizationsWithOpenInvoices());
  });
  if (!organizations) return Fail(organizations.error());
  int recorded = 0;
  for (const auto org : *organizations) {
    auto done = store::WithLease(db_, [&](store::Lease& lease) -> Result<int> {
      const auto today = billing::Today(billing::LoadSettings(lease, org, nullptr), now);
      int count = 0;
      for (long long id :
           store::RemindersRepository(lease).NewlyOverdue(org, domain::FormatIsoDate(today))) {
        store::WriteTransaction tx(lease);
        store::AuditEntry entry;
        entry.organization = org;
        entry.actor_label = "Planify";
        entry.action = "invoices.fell_overdue";
        entry.entity_type = "invoice";
        entry.entity_id = std::to_string(id);
        entry.details_json = "{}";
        store::AuthRepository(lease).Audit(entry, stamp);
        tx.Commit();
        ++count;
      }
      return count;
    });
    if (!done) return Fail(done.error());
    recorded += *done;
  }
  return recorded;
}

Result<int> RemindersService::RunDue() {
  const auto now = clock_.Now();
  const std::string stamp = FormatIsoUtc(now);
  return ForSendingOrganisations(
      db_, now,
      [](store::RemindersRepository& repo) { return repo.OrganizationsWithOpenInvoices(); },
      [&](store::Lease& lease, store::RemindersRepository& repo, OrganizationId org,
          const ReminderSettings& settings, const domain::OrganizationSettings& org_settings,
          std::chrono::year_month_day today) -> Result<int> {
        int count = 0;
        for (const auto& invoice : repo.OpenInvoices(org)) {
          auto due_day = domain::ParseIsoDate(invoice.due_date);
          if (!due_day || !domain::IsPlausibleEmail(invoice.client_email)) continue;
          domain::ReminderCandidate candidate;
          candidate.due_date = *due_day;
          candidate.remaining_cents = invoice.remaining_cents;
          candidate.issued = true;
          candidate.sent = invoice.sent;
          auto step = domain::DueReminder(settings.steps, candidate, today);
          if (!step) continue;
          store::WriteTransaction tx(lease);
          // The unique key decides: a second worker's insert does nothing, and it sends nothing.
          if (!repo.RecordReminder(org, invoice.id, step->Key(),
                                   std::string(domain::ReminderToneName(step->tone)),
                                   domain::FormatIsoDate(today), stamp)) {
            continue;
          }
          store::BillingRepository billing(lease);
          auto record = billing.FindInvoice(org, invoice.id, true);
          if (!record) continue;
          const std::string before = record->public_token_hash;
          const std::string link = billing::InvoiceLink(*record, cipher_, public_url_);
          if (record->public_token_hash != before) billing.SaveInvoice(org, *record, stamp);
          const long long late =
              (std::chrono::sys_days{today} - std::chrono::sys_days{*due_day}).count();
          nlohmann::json data = {{"client_name", invoice.client_name},
                                 {"invoice_number", invoice.number},
                                 {"amount_due", domain::FormatEuros(invoice.remaining_cents)},
                                 {"due_date", domain::FormatFrenchDate(*due_day)},
                                 {"days_late", std::to_string(std::max<long long>(0, late))},
                                 {"pay_url", link}};
          if (step->tone == domain::ReminderTone::kFormal) {
            data["penalties_text"] = domain::LatePaymentNotice(org_settings.late_penalty_rate_bp,
                                                               invoice.client_is_business);
          }
          auto email = QueueTemplatedEmail(lease, org, TemplateFor(*step), "fr",
                                           OrganizationBranding(lease, org, public_url_), data,
                                           invoice.client_email, invoice.client_name, stamp);
          if (!email) {
            spdlog::warn("reminder for invoice {} not queued: {}", invoice.id,
                         email.error().message);
            continue;  // rolled back: the step stays due
          }
          repo.AttachEmail(org, invoice.id, step->Key(), *email);
          AuditSent(lease, org, "reminders.sent", "invoice", invoice.id,
                    {{"step", step->Key()}, {"to", invoice.client_email}}, stamp);
          tx.Commit();
          ++count;
        }
        return count;
      });
}

Result<std::vector<store::ReminderHistoryRow>> RemindersService::QuoteHistory(
    const Principal& actor, long long quote_id) {
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<std::vector<store::ReminderHistoryRow>> {
        if (!store::BillingRepository(lease).FindQuote(*actor.organization, quote_id, false)) {
          return Fail(ErrorCode::kNotFound, "Devis introuvable.");
        }
        return store::RemindersRepository(lease).QuoteHistory(*actor.organization, quote_id);
      });
}

Result<int> RemindersService::RunQuotes() {
  const auto now = clock_.Now();
  const std::string stamp = FormatIsoUtc(now);
  return ForSendingOrganisations(
      db_, now, [](store::RemindersRepository& repo) { return repo.OrganizationsWithSentQuotes(); },
      [&](store::Lease& lease, store::RemindersRepository& repo, OrganizationId org,
          const ReminderSettings& settings, const domain::OrganizationSettings& org_settings,
          std::chrono::year_month_day today) -> Result<int> {
        int count = 0;
        for (const auto& quote : repo.SentQuotes(org)) {
          auto valid_until = domain::ParseIsoDate(quote.valid_until);
          // The day it went out in the organisation's zone (the date alone for a stamp written
          // without milliseconds by an older version or an import).
          std::optional<std::chrono::year_month_day> sent_on;
          if (auto sent_at = domain::ParseIsoUtc(quote.sent_at)) {
            sent_on = billing::Today(org_settings, *sent_at);
          } else {
            sent_on = domain::ParseIsoDate(quote.sent_at.substr(0, 10));
          }
          if (!valid_until || !sent_on || !domain::IsPlausibleEmail(quote.client_email)) continue;
          // The link the client already has; none to send when the key changed since.
          const std::string token = cipher_.Open(quote.public_token_sealed).value_or("");
          if (!IsPublicToken(token) || HashToken(token) != quote.public_token_hash) continue;
          domain::QuoteReminderCandidate candidate;
          candidate.sent_on = *sent_on;
          candidate.valid_until = *valid_until;
          candidate.followup_sent = quote.sent.contains("followup");
          candidate.expiry_sent = quote.sent.contains("expiry");
          auto kind = domain::DueQuoteReminder(settings.quote_followup_days,
                                               settings.quote_expiry_notice_days, candidate, today);
          if (!kind) continue;
          const std::string kind_name(domain::QuoteReminderKindName(*kind));
          store::WriteTransaction tx(lease);
          if (!repo.RecordQuoteReminder(org, quote.id, kind_name, domain::FormatIsoDate(today),
                                        stamp)) {
            continue;
          }
          const long long days_left =
              (std::chrono::sys_days{*valid_until} - std::chrono::sys_days{today}).count();
          nlohmann::json data = {{"client_name", quote.client_name},
                                 {"quote_number", quote.number},
                                 {"total_ttc", domain::FormatEuros(quote.gross_cents)},
                                 {"valid_until", domain::FormatFrenchDate(*valid_until)},
                                 {"days_left", std::to_string(days_left)},
                                 {"sign_url", public_url_ + "/p/devis/" + token}};
          const std::string template_name =
              *kind == domain::QuoteReminderKind::kExpiry ? "quote.expiring" : "quote.followup";
          auto email = QueueTemplatedEmail(lease, org, template_name, "fr",
                                           OrganizationBranding(lease, org, public_url_), data,
                                           quote.client_email, quote.client_name, stamp);
          if (!email) {
            spdlog::warn("{} for quote {} not queued: {}", template_name, quote.id,
                         email.error().message);
            continue;  // rolled back: still due
          }
          billing::TagEmail(lease, *email, "quote", quote.id);
          repo.AttachQuoteEmail(org, quote.id, kind_name, *email);
          AuditSent(lease, org, "reminders.quote_sent", "quote", quote.id,
                    {{"kind", kind_name}, {"to", quote.client_email}}, stamp);
          tx.Commit();
          ++count;
        }
        return count;
      });
}

Result<int> RemindersService::RunCrew() {
  const auto now = clock_.Now();
  const std::string stamp = FormatIsoUtc(now);
  auto organizations = store::WithLease(db_, [&](store::Lease& lease) {
    return Result<std::vector<OrganizationId>>(
        store::RemindersRepository(lease).OrganizationsWithCrew(stamp));
  });
  if (!organizations) return Fail(organizations.error());
  int sent = 0;
  for (const auto org : *organizations) {
    auto done = store::WithLease(db_, [&](store::Lease& lease) -> Result<int> {
      store::RemindersRepository repo(lease);
      const auto settings = FromRow(repo.FindSettings(org));
      const auto org_settings = billing::LoadSettings(lease, org, nullptr);
      const std::string& zone = org_settings.time_zone;
      const auto local = now + domain::UtcOffset(zone, now);
      const auto local_day = std::chrono::floor<std::chrono::days>(local);
      const auto local_hour =
          std::chrono::duration_cast<std::chrono::hours>(local - local_day).count();
      int count = 0;
      const auto send = [&](const store::CrewNotice& notice, const std::string& kind,
                            const std::string& template_name) {
        if (!domain::IsPlausibleEmail(notice.email)) return;
        store::WriteTransaction tx(lease);
        if (!repo.RecordMissionNotice(org, notice, kind, stamp)) return;
        // The member chose no assignment e-mail, or the morning's digest (docs/notifications.md).
        if (kind == "assigned" && store::NotificationsRepository(lease)
                                          .Preference(org, UserId{notice.user_id},
                                                      domain::NotificationKind::kMissionAssigned)
                                          .email != domain::EmailDelivery::kImmediate) {
          tx.Commit();
          return;
        }
        auto starts = domain::ParseIsoUtc(notice.starts_at);
        nlohmann::json data = {
            {"recipient_name", notice.name},
            {"mission_title", notice.title},
            {"starts_at", starts ? domain::FormatLocalDateTime(*starts, zone) : notice.starts_at},
            {"venue", notice.venue.empty() ? "lieu à préciser" : notice.venue},
            {"mission_url", public_url_ + "/missions/" + std::to_string(notice.mission_id)}};
        auto email = QueueTemplatedEmail(lease, org, template_name, "fr",
                                         OrganizationBranding(lease, org, public_url_), data,
                                         notice.email, notice.name, stamp);
        if (!email) {
          spdlog::warn("{} for mission {} not queued: {}", template_name, notice.mission_id,
                       email.error().message);
          return;
        }
        repo.AttachMissionEmail(org, notice, kind, *email);
        tx.Commit();
        ++count;
      };
      // Assignments of the last two days: a member added then is told once; older crew (data
      // imported, the feature switched on) is not flooded with e-mails about past decisions.
      for (const auto& notice :
           repo.NewAssignments(org, stamp, FormatIsoUtc(now - std::chrono::hours(48)))) {
        send(notice, "assigned", "mission.assigned");
      }
      if (local_hour >= settings.crew_reminder_hour) {
        const auto tomorrow = local_day + std::chrono::days(1);
        const auto from =
            domain::FromLocal(zone, std::chrono::local_seconds{tomorrow.time_since_epoch()});
        const auto to = domain::FromLocal(
            zone, std::chrono::local_seconds{(tomorrow + std::chrono::days(1)).time_since_epoch()});
        for (const auto& notice : repo.DayBefore(org, FormatIsoUtc(from), FormatIsoUtc(to))) {
          send(notice, "day_before", "mission.reminder");
        }
      }
      return count;
    });
    if (!done) return Fail(done.error());
    sent += *done;
  }
  return sent;
}

void RegisterReminderJobs(jobs::JobRegistry& registry, const Clock& clock, const Cipher& cipher,
                          const std::string& public_url) {
  registry.Register("reminders.run",
                    [&clock, &cipher, public_url](const store::JobRow&,
                                                  jobs::JobContext& context) -> Result<void> {
                      RemindersService reminders(context.db(), clock, cipher, public_url);
                      auto overdue = reminders.RecordOverdue();
                      if (!overdue) return Fail(overdue.error());
                      auto sent = reminders.RunDue();
                      if (!sent) return Fail(sent.error());
                      auto quotes = reminders.RunQuotes();
                      if (!quotes) return Fail(quotes.error());
                      auto crew = reminders.RunCrew();
                      if (!crew) return Fail(crew.error());
                      if (*sent + *quotes + *crew > 0) {
                        spdlog::info(
                            "reminders: {} payment reminder(s), {} quote follow-up(s), {} crew "
                            "e-mail(s)",
                            *sent, *quotes, *crew);
                      }
                      return {};
                    });
}

}  // namespace planify::app
