#include <nlohmann/json.hpp>

#include "app/documents/billing_service.hpp"
#include "app/documents/billing_support.hpp"
#include "app/documents/catalogue_service.hpp"
#include "app/documents/document_pdf.hpp"
#include "app/email/email_service.hpp"
#include "app/organization/organization_service.hpp"
#include "domain/images.hpp"
#include "domain/local_time.hpp"
#include "domain/validation.hpp"
#include "integrations/crypto/sodium.hpp"
#include "store/auth_repository.hpp"
#include "store/booking_repository.hpp"
#include "store/document_files_repository.hpp"
#include "store/emails_repository.hpp"
#include "store/migrations.hpp"
#include "store/missions_repository.hpp"
#include "store/owned_ids.hpp"

namespace planify::app {

namespace {

using domain::FormatIsoUtc;
using domain::QuoteAction;
using domain::QuoteStatus;

constexpr int kDefaultValidityDays = 30;
constexpr int kLinkDaysAfterValidity = 90;  // the page still shows the quote, marked expired

Unexpected NoQuote() { return Fail(ErrorCode::kNotFound, "Devis introuvable."); }

std::chrono::year_month_day AddDays(std::chrono::year_month_day day, int days) {
  return std::chrono::year_month_day{std::chrono::sys_days{day} + std::chrono::days{days}};
}

QuoteStatus StatusOf(const store::QuoteRecord& q) {
  return domain::ParseQuoteStatus(q.status).value_or(QuoteStatus::kDraft);
}

// Applies a draft's content to `q`: client snapshot, VAT treatment, lines and totals, deposit,
// validity. VALIDATION lists every problem.
Result<void> Fill(store::Lease& lease, OrganizationId org,
                  const domain::OrganizationSettings& settings, std::chrono::year_month_day today,
                  store::QuoteRecord& q, QuoteInput input) {
  domain::FieldErrors errors;
  if (input.deposit_kind != "none" && input.deposit_kind != "acompte" &&
      input.deposit_kind != "arrhes") {
    errors.Add("deposit_kind", "none, acompte ou arrhes.");
  }
  domain::DepositRequest deposit;
  if (input.deposit_kind != "none") {
    deposit = input.deposit;
    if (deposit.bp == 0 && deposit.cents == 0) {
      errors.Add("deposit_bp", "Indiquez le pourcentage ou le montant de l'acompte.");
    }
  }
  if (!input.valid_until.empty()) {
    auto day = domain::ParseIsoDate(input.valid_until);
    if (!day) {
      errors.Add("valid_until", "Date attendue au format AAAA-MM-JJ.");
    } else if (std::chrono::sys_days{*day} < std::chrono::sys_days{today}) {
      errors.Add("valid_until", "La date de validité est passée.");
    }
  }
  const std::string deposit_kind = input.deposit_kind;
  const std::string valid_until = input.valid_until;
  auto totals = billing::FillDocument(lease, org, settings, std::move(input), deposit, q, errors);
  if (!totals || !errors.empty()) return Fail(errors.ToError());
  q.deposit_kind = deposit_kind;
  q.deposit_bp = deposit.bp;
  q.deposit_amount_cents = deposit.cents;
  q.deposit_cents = totals->deposit_cents;
  q.valid_until = valid_until;
  return {};
}

std::string QuoteAuditJson(const store::QuoteRecord& q) {
  return nlohmann::json{
      {"number", q.number}, {"status", q.status}, {"total_gross_cents", q.gross_cents}}
      .dump();
}

// Back to draft after an edit: the link stops working and a pending send no longer counts.
void Reopen(store::QuoteRecord& q) {
  q.status = "draft";
  q.public_token_hash.clear();
  q.public_token_expires_at.clear();
  q.public_token_sealed.clear();
  q.send_requested_at.clear();
  q.expired_at.clear();
}

}  // namespace

Result<store::QuoteRecord> QuotesService::Create(const Principal& actor, const RequestMeta& meta,
                                                 QuoteInput input) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::QuoteRecord> {
    store::WriteTransaction tx(lease);
    auto created = CreateWithin(lease, actor, meta, std::move(input));
    if (created) tx.Commit();
    return created;
  });
}

Result<store::QuoteRecord> QuotesService::CreateWithin(store::Lease& lease, const Principal& actor,
                                                       const RequestMeta& meta, QuoteInput input) {
  const auto org = *actor.organization;
  const auto now = clock_.Now();
  auto settings = billing::LoadSettings(lease, org, nullptr);
  store::QuoteRecord q;
  q.status = "draft";
  q.created_by = actor.user.value;
  if (auto ok = Fill(lease, org, settings, billing::Today(settings, now), q, std::move(input));
      !ok) {
    return Fail(ok.error());
  }
  store::BillingRepository repo(lease);
  const std::string stamp = FormatIsoUtc(now);
  long long id = repo.InsertQuote(org, q, stamp);
  store::AuthRepository audit(lease);
  Audit(audit, actor, meta, "quotes.created", "quote", std::to_string(id), QuoteAuditJson(q),
        stamp);
  return *repo.FindQuote(org, id);
}

Result<store::QuoteRecord> QuotesService::FromMission(const Principal& actor,
                                                      const RequestMeta& meta, long long mission_id,
                                                      std::optional<long long> rule_id,
                                                      int distance_km) {
  auto owned = store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::OwnedIds refs;
    refs.Add(store::Owned::kMission, "mission_id", mission_id)
        .Add(store::Owned::kPricingRule, "pricing_rule_id", rule_id);
    return refs.Require(lease, *actor.organization);
  });
  if (!owned) return Fail(owned.error());
  std::vector<SuggestedLine> suggested;
  if (rule_id) {
    auto price =
        CatalogueService(db_, clock_).Price(actor, *rule_id, mission_id, {}, {}, distance_km);
    if (!price) {
      if (price.error().code == ErrorCode::kNotFound) {
        return Fail(ErrorCode::kValidation, price.error().message,
                    {{"pricing_rule_id", price.error().message}});
      }
      return Fail(price.error());
    }
    suggested = price->lines;
  }
  QuoteInput input;
  auto loaded = store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    auto mission = store::MissionsRepository(lease).Find(*actor.organization, mission_id);
    if (!mission) return {};
    const auto& m = mission->mission;
    input.mission_id = mission_id;
    input.client_id = m.client;
    input.content.title = m.title;
    input.content.venue_text = mission->venue_name.empty() ? m.address : mission->venue_name;
    input.service_starts_at = m.starts_at;
    input.service_ends_at = m.ends_at;
    for (const auto& s : suggested) {
      domain::BillingLine line;
      line.kind = domain::ParseLineKind(s.kind).value_or(domain::LineKind::kService);
      line.description = s.description;
      line.unit = s.unit;
      line.quantity_milli = s.quantity_milli;
      line.unit_price_cents = s.unit_price_cents;
      line.vat_rate_bp = s.vat_rate_bp;
      input.content.lines.push_back(std::move(line));
    }
    store::EquipmentRepository equipment(lease);
    for (const auto& e : m.equipment) {
      auto item = equipment.Find(*actor.organization, e.item);
      if (!item || item->item.rental_price_cents == 0) continue;
      domain::BillingLine line;
      line.kind = domain::LineKind::kRental;
      line.description = "Location : " + item->item.name;
      line.unit = "unit";
      line.quantity_milli = static_cast<long long>(e.quantity) * 1000;
      line.unit_price_cents = item->item.rental_price_cents;
      line.equipment_item_id = e.item;
      input.content.lines.push_back(std::move(line));
    }
    if (input.content.lines.empty()) {
      domain::BillingLine line;
      line.description = "Prestation : " + m.title;
      line.unit = "flat";
      input.content.lines.push_back(std::move(line));
    }
    return {};
  });
  if (!loaded) return Fail(loaded.error());
  if (!input.mission_id) {
    return Fail(ErrorCode::kValidation, "Mission inconnue.", {{"mission_id", "Mission inconnue."}});
  }
  if (!input.client_id) {
    return Fail(ErrorCode::kValidation, "Cette mission n'a pas de client.",
                {{"mission_id", "Associez d'abord un client à la mission."}});
  }
  return Create(actor, meta, std::move(input));
}

Result<store::QuoteRecord> QuotesService::Duplicate(const Principal& actor, const RequestMeta& meta,
                                                    long long id) {
  auto source = Get(actor, id);
  if (!source) return Fail(source.error());
  QuoteInput input;
  input.client_id = source->client_id;
  input.mission_id = source->mission_id;
  input.content = source->content;
  input.content.title = source->content.title;
  input.service_starts_at = domain::ParseIsoUtc(source->service_starts_at);
  input.service_ends_at = domain::ParseIsoUtc(source->service_ends_at);
  input.deposit_kind = source->deposit_kind;
  input.deposit = {source->deposit_bp, source->deposit_amount_cents};
  return Create(actor, meta, std::move(input));
}

Result<store::QuoteRecord> QuotesService::Update(const Principal& actor, const RequestMeta& meta,
                                                 long long id, QuoteInput input) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::QuoteRecord> {
    const auto org = *actor.organization;
    const auto now = clock_.Now();
    store::WriteTransaction tx(lease);
    store::BillingRepository repo(lease);
    auto q = repo.FindQuote(org, id, true);
    if (!q) return NoQuote();
    auto next = domain::QuoteTransition(StatusOf(*q), QuoteAction::kEdit);
    if (!next) return Fail(next.error());
    auto settings = billing::LoadSettings(lease, org, nullptr);
    if (auto ok = Fill(lease, org, settings, billing::Today(settings, now), *q, std::move(input));
        !ok) {
      return Fail(ok.error());
    }
    const bool was_sent = q->status != "draft";
    Reopen(*q);
    const std::string stamp = FormatIsoUtc(now);
    repo.SaveQuote(org, *q, stamp);
    store::DocumentFilesRepository(lease).ClearPdf(org, "quotes", id);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, was_sent ? "quotes.reopened" : "quotes.updated", "quote",
          std::to_string(id), QuoteAuditJson(*q), stamp);
    auto row = repo.FindQuote(org, id);
    tx.Commit();
    return *row;
  });
}

Result<store::QuoteRecord> QuotesService::Get(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::QuoteRecord> {
    auto q = store::BillingRepository(lease).FindQuote(*actor.organization, id);
    if (!q) return NoQuote();
    return *q;
  });
}

Result<store::DocumentPage<store::QuoteRecord>> QuotesService::List(const Principal& actor,
                                                                    store::DocumentFilter filter) {
  filter.query = domain::FoldForSearch(filter.query);
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<store::DocumentPage<store::QuoteRecord>> {
        return store::BillingRepository(lease).ListQuotes(*actor.organization, filter);
      });
}

Result<SendResult> QuotesService::Send(const Principal& actor, const RequestMeta& meta,
                                       long long id, const std::string& to_address) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<SendResult> {
    const auto org = *actor.organization;
    const auto now = clock_.Now();
    const std::string stamp = FormatIsoUtc(now);
    store::WriteTransaction tx(lease);
    store::BillingRepository repo(lease);
    auto q = repo.FindQuote(org, id, true);
    if (!q) return NoQuote();
    auto next = domain::QuoteTransition(StatusOf(*q), QuoteAction::kSend);
    if (!next) return Fail(next.error());
    auto settings = billing::LoadSettings(lease, org, nullptr);
    const auto today = billing::Today(settings, now);
    std::string to = domain::ToLowerAscii(domain::Trim(to_address));
    if (to.empty()) to = q->client_email;
    if (to.empty()) {
      return Fail(ErrorCode::kValidation, "Le client n'a pas d'adresse e-mail.",
                  {{"to", "Indiquez l'adresse e-mail du destinataire."}});
    }
    if (!domain::IsPlausibleEmail(to)) {
      return Fail(ErrorCode::kValidation, "Adresse e-mail invalide.",
                  {{"to", "Adresse invalide."}});
    }
    if (q->valid_until.empty()) {
      q->valid_until = domain::FormatIsoDate(AddDays(today, kDefaultValidityDays));
    }
    auto valid_until = domain::ParseIsoDate(q->valid_until);
    if (!valid_until || std::chrono::sys_days{*valid_until} < std::chrono::sys_days{today}) {
      return Fail(ErrorCode::kValidation, "La date de validité est passée.",
                  {{"valid_until", "Choisissez une date de validité à venir."}});
    }
    if (q->number.empty()) {
      q->number =
          billing::NextNumber(lease, org, "quote", settings.quote_number_format, today, stamp);
      q->issue_date = domain::FormatIsoDate(today);
    }
    const std::string token = integrations::RandomHex(32);
    q->public_token_hash = HashToken(token);
    q->public_token_sealed = cipher_.Seal(token);
    q->public_token_expires_at = FormatIsoUtc(std::chrono::sys_days{*valid_until} +
                                              std::chrono::days{kLinkDaysAfterValidity + 1});
    q->send_requested_at = stamp;
    repo.SaveQuote(org, *q, stamp);
    // The exact PDF the client receives and, on the public page, signs.
    billing::PdfContext context{settings, billing::LogoPng(lease, org), stamp};
    auto pdf = billing::StoredPdf(
        lease, org, "quotes", id, "sent", billing::PdfFilename("devis", q->number, id),
        [&] { return billing::QuotePdf(*q, context); }, stamp);
    if (!pdf) return Fail(pdf.error());

    SendResult result;
    result.link = public_url_ + "/p/devis/" + token;
    nlohmann::json data = {{"client_name", q->client.name},
                           {"quote_number", q->number},
                           {"total_ttc", domain::FormatEuros(q->gross_cents)},
                           {"valid_until", domain::FormatFrenchDate(*valid_until)},
                           {"sign_url", result.link}};
    auto email = QueueTemplatedEmail(
        lease, org, "quote.sent", "fr", OrganizationBranding(lease, org, public_url_), data, to,
        q->client.name, stamp, {{pdf->filename, "application/pdf", pdf->content}});
    if (!email) return Fail(std::move(email).error());
    billing::TagEmail(lease, *email, "quote", id);
    result.email_id = *email;
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "quotes.sent", "quote", std::to_string(id),
          nlohmann::json{{"number", q->number}, {"to", to}, {"email_id", *email}}.dump(), stamp);
    tx.Commit();
    return result;
  });
}

namespace {

// Runs a status change under the row lock and audits it.
template <typename Change>
Result<store::QuoteRecord> ChangeStatus(store::Database& db, const Clock& clock,
                                        const Principal& actor, const RequestMeta& meta,
                                        long long id, QuoteAction action, const char* audit_action,
                                        Change change, const std::string& reason = "") {
  return store::WithLease(db, [&](store::Lease& lease) -> Result<store::QuoteRecord> {
    const auto org = *actor.organization;
    const std::string stamp = FormatIsoUtc(clock.Now());
    store::WriteTransaction tx(lease);
    store::BillingRepository repo(lease);
    auto q = repo.FindQuote(org, id, true);
    if (!q) return NoQuote();
    auto next = domain::QuoteTransition(StatusOf(*q), action);
    if (!next) return Fail(next.error());
    q->status = std::string(domain::QuoteStatusName(*next));
    change(*q, stamp);
    repo.SaveQuote(org, *q, stamp);
    store::BookingRepository(lease).FollowQuote(org, q->id, q->status, stamp);
    store::AuthRepository audit(lease);
    std::string details = QuoteAuditJson(*q);
    if (!reason.empty()) {
      auto j = nlohmann::json::parse(details);
      j["reason"] = reason;
      details = j.dump();
    }
    Audit(audit, actor, meta, audit_action, "quote", std::to_string(id), details, stamp);
    auto row = repo.FindQuote(org, id);
    tx.Commit();
    return *row;
  });
}

}  // namespace

Result<store::QuoteRecord> QuotesService::AcceptManually(const Principal& actor,
                                                         const RequestMeta& meta, long long id) {
  return ChangeStatus(db_, clock_, actor, meta, id, QuoteAction::kAccept, "quotes.accepted",
                      [](store::QuoteRecord& q, const std::string& now) {
                        q.accepted_at = now;
                        q.acceptance_method = "manual";
                      });
}

Result<store::QuoteRecord> QuotesService::Decline(const Principal& actor, const RequestMeta& meta,
                                                  long long id, std::string reason) {
  domain::FieldErrors errors;
  domain::CleanText(errors, "reason", reason, 500);
  if (!errors.empty()) return Fail(errors.ToError());
  return ChangeStatus(db_, clock_, actor, meta, id, QuoteAction::kDecline, "quotes.declined",
                      [&](store::QuoteRecord& q, const std::string& now) {
                        q.declined_at = now;
                        q.decline_reason = reason;
                      });
}

Result<store::QuoteRecord> QuotesService::Cancel(const Principal& actor, const RequestMeta& meta,
                                                 long long id, std::string reason) {
  domain::FieldErrors errors;
  domain::CleanText(errors, "reason", reason, 500);
  if (!errors.empty()) return Fail(errors.ToError());
  return ChangeStatus(
      db_, clock_, actor, meta, id, QuoteAction::kCancel, "quotes.cancelled",
      [](store::QuoteRecord& q, const std::string& now) {
        q.cancelled_at = now;
        q.public_token_hash.clear();
        q.public_token_expires_at.clear();
        q.public_token_sealed.clear();
      },
      reason);
}

Result<store::QuoteRecord> QuotesService::RevokeLink(const Principal& actor,
                                                     const RequestMeta& meta, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::QuoteRecord> {
    const auto org = *actor.organization;
    const std::string stamp = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::BillingRepository repo(lease);
    auto q = repo.FindQuote(org, id, true);
    if (!q) return NoQuote();
    if (q->public_token_hash.empty()) {
      return Fail(ErrorCode::kConflict, "Ce devis n'a pas de lien actif.");
    }
    q->public_token_hash.clear();
    q->public_token_expires_at.clear();
    q->public_token_sealed.clear();
    repo.SaveQuote(org, *q, stamp);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "quotes.link_revoked", "quote", std::to_string(id),
          QuoteAuditJson(*q), stamp);
    auto row = repo.FindQuote(org, id);
    tx.Commit();
    return *row;
  });
}

Result<int> QuotesService::ExpireDue() {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<int> {
    const auto now = clock_.Now();
    const std::string stamp = FormatIsoUtc(now);
    // Candidates by the UTC day plus one (no zone is ahead of UTC by more than a day), then
    // each checked against its organisation's own day.
    auto horizon = domain::FormatIsoDate(std::chrono::year_month_day{
        std::chrono::floor<std::chrono::days>(now) + std::chrono::days{1}});
    store::BillingRepository repo(lease);
    int expired = 0;
    for (const auto& [org, id] : repo.ExpiredQuotes(horizon, 500)) {
      store::WriteTransaction tx(lease);
      auto q = repo.FindQuote(org, id, true);
      auto settings = billing::LoadSettings(lease, org, nullptr);
      auto until = q ? domain::ParseIsoDate(q->valid_until) : std::nullopt;
      if (!q || q->status != "sent" || !until ||
          std::chrono::sys_days{*until} >= std::chrono::sys_days{billing::Today(settings, now)}) {
        continue;
      }
      q->status = "expired";
      q->expired_at = stamp;
      repo.SaveQuote(org, *q, stamp);
      tx.Commit();
      ++expired;
    }
    return expired;
  });
}

Result<std::pair<OrganizationId, store::QuoteRecord>> QuotesService::GetPublic(
    const std::string& token) {
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<std::pair<OrganizationId, store::QuoteRecord>> {
        if (!IsPublicToken(token)) return NoQuote();
        auto found = store::BillingRepository(lease).FindQuoteByToken(HashToken(token));
        if (!found || found->second.status == "draft" || found->second.status == "cancelled") {
          return NoQuote();
        }
        auto expires = domain::ParseIsoUtc(found->second.public_token_expires_at);
        if (!expires || *expires <= clock_.Now()) return NoQuote();
        return std::move(*found);
      });
}

Result<store::QuoteRecord> QuotesService::DeclinePublic(const std::string& token,
                                                        std::string reason,
                                                        const RequestMeta& meta) {
  domain::FieldErrors errors;
  domain::CleanText(errors, "reason", reason, 500);
  if (!errors.empty()) return Fail(errors.ToError());
  auto found = GetPublic(token);
  if (!found) return Fail(found.error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::QuoteRecord> {
    const auto org = found->first;
    const std::string stamp = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::BillingRepository repo(lease);
    auto q = repo.FindQuote(org, found->second.id, true);
    if (!q) return NoQuote();
    auto next = domain::QuoteTransition(StatusOf(*q), QuoteAction::kDecline);
    if (!next) return Fail(next.error());
    q->status = "declined";
    q->declined_at = stamp;
    q->decline_reason = reason.empty() ? "Refusé en ligne" : reason;
    repo.SaveQuote(org, *q, stamp);
    store::BookingRepository(lease).FollowQuote(org, q->id, q->status, stamp);
    store::AuditEntry entry;
    entry.organization = org;
    entry.actor_label = "client (lien public)";
    entry.request_id = meta.request_id;
    entry.action = "quotes.declined";
    entry.entity_type = "quote";
    entry.entity_id = std::to_string(q->id);
    entry.details_json = QuoteAuditJson(*q);
    entry.ip = meta.ip;
    entry.user_agent = meta.user_agent.substr(0, 400);
    store::AuthRepository(lease).Audit(entry, stamp);
    tx.Commit();
    return *q;
  });
}

Result<std::optional<store::SignatureRecord>> QuotesService::Signature(const Principal& actor,
                                                                       long long id) {
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<std::optional<store::SignatureRecord>> {
        return store::DocumentFilesRepository(lease).SignatureOf(*actor.organization, id);
      });
}

Result<long long> QuotesService::HeldCents(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<long long> {
    long long held = 0;
    for (const auto& p : store::BillingRepository(lease).HeldPayments(*actor.organization, id)) {
      held += p.amount_cents - p.refunded_cents;
    }
    return held;
  });
}

Result<PdfFile> QuotesService::Pdf(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<PdfFile> {
    const auto org = *actor.organization;
    auto q = store::BillingRepository(lease).FindQuote(org, id);
    if (!q) return NoQuote();
    store::DocumentFilesRepository files(lease);
    if (auto file_id = files.PdfOf(org, "quotes", id)) {
      if (auto file = files.Find(org, *file_id)) {
        return PdfFile{file->filename, std::move(file->content), file->sha256};
      }
    }
    billing::PdfContext context{billing::LoadSettings(lease, org, nullptr),
                                billing::LogoPng(lease, org), FormatIsoUtc(clock_.Now())};
    auto preview = billing::QuotePdf(*q, context);
    preview.watermark = "APERÇU";
    auto bytes = integrations::RenderPdf(preview);
    if (!bytes) return Fail(bytes.error());
    return PdfFile{billing::PdfFilename("devis", "", id), *bytes, store::Sha256Hex(*bytes)};
  });
}

std::optional<store::SignatureRecord> QuotesService::PublicSignature(OrganizationId org,
                                                                     long long id) {
  auto found = store::WithLease(
      db_, [&](store::Lease& lease) -> Result<std::optional<store::SignatureRecord>> {
        return store::DocumentFilesRepository(lease).SignatureOf(org, id);
      });
  return found ? *found : std::nullopt;
}

std::string QuotesService::SellerName(OrganizationId org) {
  auto name = store::WithLease(db_, [&](store::Lease& lease) -> Result<std::string> {
    auto settings = billing::LoadSettings(lease, org, nullptr);
    return settings.name.empty() ? settings.legal_name : settings.name;
  });
  return name ? *name : "";
}

Result<PdfFile> QuotesService::PublicPdf(const std::string& token) {
  auto found = GetPublic(token);
  if (!found) return Fail(found.error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<PdfFile> {
    const auto org = found->first;
    store::DocumentFilesRepository files(lease);
    std::optional<long long> file_id;
    if (auto signature = files.SignatureOf(org, found->second.id)) {
      file_id = signature->signed_file_id;
    }
    if (!file_id) file_id = files.PdfOf(org, "quotes", found->second.id);
    auto file = file_id ? files.Find(org, *file_id) : std::nullopt;
    if (!file) return NoQuote();
    return PdfFile{file->filename, std::move(file->content), file->sha256};
  });
}

namespace {

constexpr std::size_t kMaxSignatureBytes = std::size_t{500} * 1024;

// The drawn signature: a PNG data URL (or bare base64), decoded and size-checked.
Result<std::string> DecodeSignature(const std::string& text) {
  std::string payload = text;
  const std::string prefix = "data:image/png;base64,";
  if (payload.rfind("data:", 0) == 0) {
    if (payload.rfind(prefix, 0) != 0) {
      return Fail(ErrorCode::kValidation, "Signature illisible.",
                  {{"signature", "Image PNG attendue."}});
    }
    payload = payload.substr(prefix.size());
  }
  auto bytes = store::Base64Decode(payload);
  // A PNG read to its end (chunks, checksums, dimensions), not a PNG signature and anything.
  auto image = bytes ? domain::InspectImage(*bytes) : std::nullopt;
  if (!image || image->type != "image/png") {
    return Fail(ErrorCode::kValidation, "Signature illisible.",
                {{"signature", "Dessinez votre signature."}});
  }
  if (bytes->size() > kMaxSignatureBytes) {
    return Fail(ErrorCode::kValidation, "Signature trop lourde.",
                {{"signature", "500 Kio au plus."}});
  }
  return std::move(*bytes);
}

}  // namespace

Result<store::QuoteRecord> QuotesService::SignPublic(const std::string& token, SignInput input,
                                                     const RequestMeta& meta) {
  domain::FieldErrors errors;
  domain::CleanText(errors, "signer_name", input.signer_name, 120);
  if (input.signer_name.empty()) errors.Add("signer_name", "Indiquez vos nom et prénom.");
  input.signer_email = domain::ToLowerAscii(domain::Trim(input.signer_email));
  if (!domain::IsPlausibleEmail(input.signer_email)) {
    errors.Add("signer_email", "Adresse e-mail invalide.");
  }
  if (!input.consent) errors.Add("consent", "Cochez la case « Bon pour accord ».");
  auto image = DecodeSignature(input.signature);
  if (!image) billing::Merge(errors, image.error());
  if (!errors.empty()) return Fail(errors.ToError());
  auto found = GetPublic(token);
  if (!found) return Fail(found.error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::QuoteRecord> {
    const auto org = found->first;
    const auto now = clock_.Now();
    const std::string stamp = FormatIsoUtc(now);
    store::WriteTransaction tx(lease);
    store::BillingRepository repo(lease);
    auto q = repo.FindQuote(org, found->second.id, true);
    if (!q) return NoQuote();
    auto next = domain::QuoteTransition(StatusOf(*q), QuoteAction::kAccept);
    if (!next) return Fail(next.error());
    store::DocumentFilesRepository files(lease);
    auto shown_id = files.PdfOf(org, "quotes", q->id);
    auto shown = shown_id ? files.Find(org, *shown_id) : std::nullopt;
    if (!shown) return Fail(ErrorCode::kConflict, "Ce devis doit être renvoyé avant signature.");
    auto settings = billing::LoadSettings(lease, org, nullptr);

    store::SignatureRecord signature;
    signature.quote_id = q->id;
    signature.signer_name = input.signer_name;
    signature.signer_email = input.signer_email;
    signature.image_png = *image;
    signature.consent_text = "Bon pour accord : j'accepte le devis " + q->number + " de " +
                             domain::FormatEuros(q->gross_cents) + " TTC et ses conditions.";
    signature.signed_at = stamp;
    signature.ip_address = meta.ip;
    signature.user_agent = meta.user_agent.substr(0, 400);
    signature.document_sha256 = store::Sha256Hex(shown->content);
    signature.document_file_id = shown->id;

    q->status = std::string(domain::QuoteStatusName(*next));
    q->accepted_at = stamp;
    q->acceptance_method = "signature";
    repo.SaveQuote(org, *q, stamp);
    store::BookingRepository(lease).FollowQuote(org, q->id, q->status, stamp);

    billing::PdfContext context{settings, billing::LogoPng(lease, org), stamp};
    auto signed_pdf = billing::QuotePdf(*q, context);
    billing::AddCertificate(signed_pdf, signature, q->number, settings.time_zone);
    auto bytes = integrations::RenderPdf(signed_pdf);
    if (!bytes) return Fail(bytes.error());
    const std::string filename = q->number + "-signe.pdf";
    signature.signed_file_id = files.Insert(org, "quote", q->id, "signed", filename, *bytes, stamp);
    files.InsertSignature(org, signature, stamp);

    store::AuditEntry entry;
    entry.organization = org;
    entry.actor_label = input.signer_name + " (signature en ligne)";
    entry.request_id = meta.request_id;
    entry.action = "quotes.signed";
    entry.entity_type = "quote";
    entry.entity_id = std::to_string(q->id);
    entry.details_json = nlohmann::json{{"number", q->number},
                                        {"signer_email", input.signer_email},
                                        {"document_sha256", signature.document_sha256}}
                             .dump();
    entry.ip = meta.ip;
    entry.user_agent = signature.user_agent;
    store::AuthRepository(lease).Audit(entry, stamp);

    const auto branding = OrganizationBranding(lease, org, public_url_);
    const std::string when = domain::FormatLocalDateTime(now, settings.time_zone);
    auto client_mail = QueueTemplatedEmail(
        lease, org, "quote.signed.client", "fr", branding,
        {{"client_name", input.signer_name}, {"quote_number", q->number}, {"signed_at", when}},
        input.signer_email, input.signer_name, stamp, {{filename, "application/pdf", *bytes}});
    if (!client_mail) return Fail(client_mail.error());
    if (!settings.email.empty()) {
      auto staff_mail =
          QueueTemplatedEmail(lease, org, "quote.signed.staff", "fr", branding,
                              {{"client_name", input.signer_name},
                               {"quote_number", q->number},
                               {"signed_at", when},
                               {"quote_url", public_url_ + "/devis/" + std::to_string(q->id)}},
                              settings.email, settings.name, stamp);
      if (!staff_mail) return Fail(staff_mail.error());
    }
    auto row = repo.FindQuote(org, q->id);
    tx.Commit();
    return *row;
  });
}

void RegisterDocumentJobs(jobs::JobRegistry& registry, const Clock& clock, const Cipher& cipher) {
  registry.Register(
      "quotes.expire",
      [&clock, &cipher](const store::JobRow&, jobs::JobContext& context) -> Result<void> {
        auto expired = QuotesService(context.db(), clock, cipher, "").ExpireDue();
        if (!expired) return Fail(expired.error());
        return context.CompleteWith({});
      });
}

}  // namespace planify::app
