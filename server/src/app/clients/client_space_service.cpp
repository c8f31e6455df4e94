#include "app/clients/client_space_service.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "app/auth/rate_limits.hpp"
#include "app/documents/billing_support.hpp"
#include "app/email/email_service.hpp"
#include "app/organization/organization_service.hpp"
#include "domain/legal_mentions.hpp"
#include "domain/local_time.hpp"
#include "domain/missions.hpp"
#include "domain/validation.hpp"
#include "integrations/crypto/sodium.hpp"
#include "store/auth_repository.hpp"
#include "store/billing_repository.hpp"
#include "store/booking_repository.hpp"
#include "store/clients_repository.hpp"
#include "store/document_files_repository.hpp"
#include "store/missions_repository.hpp"
#include "store/planning_repository.hpp"

namespace planify::app {

namespace {

using domain::FormatIsoUtc;
using domain::Timestamp;

constexpr domain::RateRule kOpensPerIp{"client-space-open:ip", 60, std::chrono::seconds{60}};
constexpr domain::RateRule kMessagesPerIp{"client-space-message:ip", 5, std::chrono::seconds{600}};
constexpr domain::RateRule kMessagesPerLink{"client-space-message:link", 20,
                                            std::chrono::seconds{24 * 3600}};
constexpr domain::RateRule kLinkRequestsPerIp{"client-space-request:ip", 5,
                                              std::chrono::seconds{600}};
constexpr domain::RateRule kLinkRequestsPerEmail{"client-space-request:email", 3,
                                                 std::chrono::seconds{24 * 3600}};
constexpr std::size_t kTokenBytes = 32;
constexpr int kDefaultDays = 30;
constexpr int kMaxDays = 90;
constexpr int kEventsShown = 20;

// The day `t` falls on in `zone`.
std::chrono::year_month_day LocalDay(Timestamp t, std::string_view zone) {
  return std::chrono::year_month_day{
      std::chrono::floor<std::chrono::days>(t + domain::UtcOffset(zone, t))};
}

Unexpected NoClient() { return Fail(ErrorCode::kNotFound, "Client introuvable."); }
Unexpected NoSpace() { return Fail(ErrorCode::kNotFound, "Lien d'espace client inconnu."); }

std::string StateOf(const store::ClientSpaceLinkRow& row, Timestamp now) {
  if (!row.revoked_at.empty()) return "revoked";
  auto expires = domain::ParseIsoUtc(row.expires_at);
  if (expires && now >= *expires) return "expired";
  return "active";
}

// The primary contact's address, else the first contact with one.
std::pair<std::string, std::string> PrimaryAddress(const store::ClientRow& client) {
  const domain::ClientContact* chosen = nullptr;
  for (const auto& c : client.client.contacts) {
    if (c.email.empty()) continue;
    if (chosen == nullptr || (c.primary && !chosen->primary)) chosen = &c;
  }
  if (chosen == nullptr) return {"", client.client.name};
  return {chosen->email, chosen->name.empty() ? client.client.name : chosen->name};
}

// Creates a link and, when `send`, queues its e-mail; on the caller's write transaction.
Result<std::pair<long long, std::string>> CreateLink(
    store::Lease& lease, OrganizationId org, const store::ClientRow& client,
    const std::string& email, const std::string& to_name, std::optional<long long> created_by,
    int days, bool send, Timestamp now, const std::string& public_url) {
  const std::string stamp = FormatIsoUtc(now);
  const auto expires = now + std::chrono::days{days};
  store::ClientSpaceLinkRow row;
  row.client_id = client.id;
  row.email = email;
  row.created_by = created_by;
  row.created_at = stamp;
  row.expires_at = FormatIsoUtc(expires);
  const std::string token = integrations::RandomHex(kTokenBytes);
  const long long id = store::ClientSpaceRepository(lease).InsertLink(org, row, HashToken(token));
  const std::string url = public_url + "/espace-client/" + token;
  if (send) {
    const auto zone = store::PlanningRepository(lease).Settings(org).time_zone;
    auto queued = QueueTemplatedEmail(
        lease, org, "client.space", "fr", OrganizationBranding(lease, org, public_url),
        {{"client_name", to_name},
         {"space_url", url},
         {"expires_on", domain::FormatFrenchDate(LocalDay(expires, zone))}},
        email, to_name, stamp);
    if (!queued) return Fail(queued.error());
  }
  return std::make_pair(id, url);
}

struct OpenedLink {
  OrganizationId org;
  store::ClientSpaceLinkRow link;
};

// The link a token opens: NOT_FOUND, or GONE once revoked or expired.
Result<OpenedLink> OpenLink(store::Lease& lease, const std::string& token, Timestamp now) {
  if (token.size() != kTokenBytes * 2) return NoSpace();
  auto link = store::ClientSpaceRepository(lease).ByTokenHash(HashToken(token));
  if (!link) return NoSpace();
  const auto state = StateOf(*link, now);
  if (state == "revoked") {
    return Fail(ErrorCode::kGone, "Ce lien a été retiré. Demandez-en un nouveau.");
  }
  if (state == "expired") {
    return Fail(ErrorCode::kGone, "Ce lien a expiré. Demandez-en un nouveau.");
  }
  return OpenedLink{OrganizationId{link->organization}, *link};
}

bool Limited(store::AuthRepository& limits, const domain::RateRule& rule, const std::string& key,
             Timestamp now, Unexpected& error) {
  auto ok = EnforceRate(limits, rule, key, now);
  if (ok) return false;
  error = Fail(ok.error());
  return true;
}

}  // namespace

Result<ClientSpaceOffice> ClientSpaceService::Office(const Principal& actor, long long client_id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<ClientSpaceOffice> {
    const auto org = *actor.organization;
    if (!store::ClientsRepository(lease).Find(org, client_id)) return NoClient();
    store::ClientSpaceRepository repo(lease);
    ClientSpaceOffice out;
    const auto now = clock_.Now();
    for (auto& row : repo.Links(org, client_id, 50)) {
      auto state = StateOf(row, now);
      out.links.push_back({std::move(row), std::move(state)});
    }
    out.messages = repo.Messages(org, client_id, 50);
    return out;
  });
}

Result<IssuedSpaceLink> ClientSpaceService::Issue(const Principal& actor, const RequestMeta& meta,
                                                  long long client_id, IssueSpaceLink input) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<IssuedSpaceLink> {
    const auto org = *actor.organization;
    store::WriteTransaction tx(lease);
    auto client = store::ClientsRepository(lease).Find(org, client_id);
    if (!client) return NoClient();
    domain::FieldErrors errors;
    auto [email, name] = PrimaryAddress(*client);
    input.email = domain::Trim(input.email);
    if (!input.email.empty()) email = input.email;
    if (input.days < 1 || input.days > kMaxDays) {
      errors.Add("days", "Entre 1 et 90 jours.");
    }
    if (input.send && email.empty()) {
      errors.Add("email", "Ce client n'a pas d'adresse e-mail : indiquez-en une.");
    } else if (!email.empty() && !domain::IsPlausibleEmail(email)) {
      errors.Add("email", "Adresse e-mail invalide.");
    }
    if (!errors.empty()) return Fail(errors.ToError());
    const auto now = clock_.Now();
    const std::string stamp = FormatIsoUtc(now);
    auto created = CreateLink(lease, org, *client, email, name, actor.user.value, input.days,
                              input.send, now, public_url_);
    if (!created) return Fail(created.error());
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "clients.space_link_created", "client", std::to_string(client_id),
          nlohmann::json{{"link_id", created->first},
                         {"days", input.days},
                         {"emailed", input.send},
                         {"to", input.send ? email : ""}}
              .dump(),
          stamp);
    IssuedSpaceLink out;
    for (auto& row : store::ClientSpaceRepository(lease).Links(org, client_id, 50)) {
      if (row.id == created->first) out.link = {std::move(row), "active"};
    }
    tx.Commit();
    out.url = created->second;
    out.emailed = input.send;
    return out;
  });
}

Result<ClientSpaceLink> ClientSpaceService::Revoke(const Principal& actor, const RequestMeta& meta,
                                                   long long client_id, long long link_id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<ClientSpaceLink> {
    const auto org = *actor.organization;
    store::WriteTransaction tx(lease);
    store::ClientSpaceRepository repo(lease);
    std::optional<store::ClientSpaceLinkRow> found;
    for (auto& row : repo.Links(org, client_id, 1000)) {
      if (row.id == link_id) found = std::move(row);
    }
    if (!found) return Fail(ErrorCode::kNotFound, "Lien introuvable.");
    const auto now = clock_.Now();
    const std::string stamp = FormatIsoUtc(now);
    if (!repo.Revoke(org, client_id, link_id, stamp)) {
      return Fail(ErrorCode::kConflict, "Ce lien est déjà retiré.");
    }
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "clients.space_link_revoked", "client", std::to_string(client_id),
          nlohmann::json{{"link_id", link_id}}.dump(), stamp);
    found->revoked_at = stamp;
    tx.Commit();
    return ClientSpaceLink{std::move(*found), "revoked"};
  });
}

Result<ClientSpacePage> ClientSpaceService::Open(const std::string& token,
                                                 const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<ClientSpacePage> {
    const auto now = clock_.Now();
    const std::string stamp = FormatIsoUtc(now);
    store::AuthRepository limits(lease);
    Unexpected error = NoSpace();
    if (Limited(limits, kOpensPerIp, meta.ip, now, error)) return error;
    store::WriteTransaction tx(lease);
    CountRate(limits, kOpensPerIp, meta.ip, stamp);
    auto opened = OpenLink(lease, token, now);
    if (!opened) {
      tx.Commit();  // the attempt counts
      return Fail(opened.error());
    }
    const auto org = opened->org;
    const long long client_id = opened->link.client_id;
    auto client = store::ClientsRepository(lease).Find(org, client_id);
    if (!client) return NoSpace();
    store::ClientSpaceRepository(lease).MarkOpened(opened->link.id, stamp);

    ClientSpacePage page;
    const auto branding = OrganizationBranding(lease, org, public_url_);
    page.organization_name = branding.organization_name;
    page.logo_url = branding.logo_url;
    page.brand_color = branding.brand_color;
    const auto settings = billing::LoadSettings(lease, org, nullptr);
    page.organization_email = settings.email;
    page.organization_phone = settings.phone;
    page.client_name = client->client.name;
    page.expires_at = opened->link.expires_at;
    page.time_zone = store::PlanningRepository(lease).Settings(org).time_zone;

    store::BillingRepository billing(lease);
    store::DocumentFilter quotes;
    quotes.client_id = client_id;
    quotes.statuses = {"sent", "accepted", "declined", "expired"};
    quotes.limit = 100;
    for (const auto& q : billing.ListQuotes(org, quotes).items) {
      SpaceQuote s{q.id,          q.number,     q.content.title, q.status,
                   q.gross_cents, q.issue_date, q.valid_until,   false};
      if (q.status == "sent" || q.status == "accepted") {
        auto full = billing.FindQuote(org, q.id);
        auto link_expires =
            full ? domain::ParseIsoUtc(full->public_token_expires_at) : std::optional<Timestamp>{};
        s.can_open = full && !full->public_token_hash.empty() &&
                     !full->public_token_sealed.empty() && link_expires && now < *link_expires;
      }
      page.quotes.push_back(std::move(s));
    }
    store::DocumentFilter invoices;
    invoices.client_id = client_id;
    invoices.statuses = {"issued", "partially_paid", "paid"};
    invoices.limit = 100;
    for (const auto& i : billing.ListInvoices(org, invoices).items) {
      page.invoices.push_back({i.id, i.number, i.content.title, i.kind, i.status, i.gross_cents,
                               std::max<long long>(0, i.Money().Remaining()), i.issue_date,
                               i.due_date});
    }

    const auto share = store::BookingRepository(lease).Settings(org);
    store::MissionFilter missions;
    missions.client = client_id;
    missions.statuses = {domain::MissionStatus::kPlanned, domain::MissionStatus::kConfirmed,
                         domain::MissionStatus::kInProgress};
    missions.from = stamp;
    missions.to = FormatIsoUtc(now + std::chrono::days{3 * 366});
    missions.limit = kEventsShown;
    store::MissionsRepository mission_repo(lease);
    store::ClientSpaceRepository space(lease);
    for (const auto& listed : mission_repo.List(org, missions).items) {
      auto m = mission_repo.Find(org, listed.id);
      if (!m) continue;
      SpaceEvent e;
      e.title = m->mission.event_type.empty() ? m->mission.title : m->mission.event_type;
      e.status = std::string(domain::MissionStatusName(m->mission.status));
      e.date = domain::FormatIsoDate(LocalDay(m->mission.starts_at, page.time_zone));
      if (share.space_show_times) {
        e.starts_at = FormatIsoUtc(m->mission.starts_at);
        e.ends_at = FormatIsoUtc(m->mission.ends_at);
      }
      if (share.space_show_venue) {
        e.venue = m->venue_name.empty() ? m->mission.address : m->venue_name;
      }
      if (share.space_show_lead) {
        for (const auto& c : m->mission.crew) {
          if (!c.lead) continue;
          auto name = m->crew_names.find(c.user);
          e.lead_name = name == m->crew_names.end() ? "" : name->second;
          e.lead_email = space.MemberEmail(org, c.user);
        }
      }
      page.events.push_back(std::move(e));
    }
    page.messages = space.Messages(org, client_id, 20);
    tx.Commit();
    return page;
  });
}

Result<std::string> ClientSpaceService::DocumentUrl(const std::string& token,
                                                    const std::string& kind, long long id,
                                                    const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::string> {
    const auto now = clock_.Now();
    const std::string stamp = FormatIsoUtc(now);
    store::AuthRepository limits(lease);
    Unexpected error = NoSpace();
    if (Limited(limits, kOpensPerIp, meta.ip, now, error)) return error;
    store::WriteTransaction tx(lease);
    CountRate(limits, kOpensPerIp, meta.ip, stamp);
    auto opened = OpenLink(lease, token, now);
    if (!opened) {
      tx.Commit();
      return Fail(opened.error());
    }
    const auto org = opened->org;
    const long long client_id = opened->link.client_id;
    store::BillingRepository billing(lease);
    if (kind == "quote") {
      auto quote = billing.FindQuote(org, id);
      if (!quote || quote->client_id != client_id || quote->status == "draft" ||
          quote->status == "cancelled") {
        return Fail(ErrorCode::kNotFound, "Devis introuvable.");
      }
      auto link = cipher_.Open(quote->public_token_sealed);
      auto link_expires = domain::ParseIsoUtc(quote->public_token_expires_at);
      if ((quote->status != "sent" && quote->status != "accepted") || !link ||
          HashToken(*link) != quote->public_token_hash || !link_expires || now >= *link_expires) {
        return Fail(ErrorCode::kConflict,
                    "Ce devis n'est plus ouvert en ligne : demandez-en un nouvel envoi.");
      }
      tx.Commit();
      return public_url_ + "/p/devis/" + *link;
    }
    if (kind == "invoice") {
      auto invoice = billing.FindInvoice(org, id, true);
      if (!invoice || invoice->client_id != client_id || invoice->status == "draft" ||
          invoice->status == "cancelled") {
        return Fail(ErrorCode::kNotFound, "Facture introuvable.");
      }
      const std::string before = invoice->public_token_hash;
      std::string url = billing::InvoiceLink(*invoice, cipher_, public_url_);
      if (invoice->public_token_hash != before) billing.SaveInvoice(org, *invoice, stamp);
      tx.Commit();
      return url;
    }
    return Fail(ErrorCode::kNotFound, "Document introuvable.");
  });
}

Result<PdfFile> ClientSpaceService::QuotePdf(const std::string& token, long long id,
                                             const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<PdfFile> {
    const auto now = clock_.Now();
    store::AuthRepository limits(lease);
    Unexpected error = NoSpace();
    if (Limited(limits, kOpensPerIp, meta.ip, now, error)) return error;
    {
      store::WriteTransaction counted(lease);
      CountRate(limits, kOpensPerIp, meta.ip, FormatIsoUtc(now));
      counted.Commit();
    }
    auto opened = OpenLink(lease, token, now);
    if (!opened) return Fail(opened.error());
    const auto org = opened->org;
    auto quote = store::BillingRepository(lease).FindQuote(org, id);
    if (!quote || quote->client_id != opened->link.client_id || quote->status == "draft" ||
        quote->status == "cancelled") {
      return Fail(ErrorCode::kNotFound, "Devis introuvable.");
    }
    store::DocumentFilesRepository files(lease);
    std::optional<long long> file_id;
    if (auto signature = files.SignatureOf(org, id)) file_id = signature->signed_file_id;
    if (!file_id) file_id = files.PdfOf(org, "quotes", id);
    auto file = file_id ? files.Find(org, *file_id) : std::nullopt;
    if (!file) return Fail(ErrorCode::kNotFound, "Devis introuvable.");
    return PdfFile{file->filename, std::move(file->content), file->sha256};
  });
}

Result<store::ClientSpaceMessageRow> ClientSpaceService::Message(const std::string& token,
                                                                 const std::string& body,
                                                                 const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::ClientSpaceMessageRow> {
    const auto now = clock_.Now();
    const std::string stamp = FormatIsoUtc(now);
    store::AuthRepository limits(lease);
    Unexpected error = NoSpace();
    if (Limited(limits, kMessagesPerIp, meta.ip, now, error)) return error;
    {
      store::WriteTransaction counted(lease);
      CountRate(limits, kMessagesPerIp, meta.ip, stamp);
      counted.Commit();
    }
    store::WriteTransaction tx(lease);
    auto opened = OpenLink(lease, token, now);
    if (!opened) return Fail(opened.error());
    const std::string link_key = std::to_string(opened->link.id);
    if (Limited(limits, kMessagesPerLink, link_key, now, error)) return error;
    domain::FieldErrors errors;
    const std::string text = domain::Trim(body);
    domain::RequireText(errors, "message", text, 5000);
    if (!errors.empty()) return Fail(errors.ToError());
    CountRate(limits, kMessagesPerLink, link_key, stamp);
    const auto org = opened->org;
    auto client = store::ClientsRepository(lease).Find(org, opened->link.client_id);
    if (!client) return NoSpace();
    store::ClientSpaceMessageRow row;
    row.client_id = client->id;
    row.link_id = opened->link.id;
    row.body = text;
    row.created_at = stamp;
    row.id = store::ClientSpaceRepository(lease).InsertMessage(
        org, row, meta.ip, meta.user_agent.substr(0, 400), stamp);
    const auto settings = billing::LoadSettings(lease, org, nullptr);
    if (domain::IsPlausibleEmail(settings.email)) {
      auto mail = QueueTemplatedEmail(
          lease, org, "client.message.staff", "fr", OrganizationBranding(lease, org, public_url_),
          {{"client_name", client->client.name},
           {"message", text},
           {"client_url", public_url_ + "/clients/" + std::to_string(client->id)}},
          settings.email, settings.name, stamp);
      if (!mail) return Fail(mail.error());
    }
    store::AuditEntry entry;
    entry.organization = org;
    entry.actor_label = "client (espace client)";
    entry.action = "clients.space_message";
    entry.entity_type = "client";
    entry.entity_id = std::to_string(client->id);
    entry.details_json = nlohmann::json{{"message_id", row.id}, {"length", text.size()}}.dump();
    entry.ip = meta.ip;
    entry.user_agent = meta.user_agent.substr(0, 400);
    entry.request_id = meta.request_id;
    limits.Audit(entry, stamp);
    tx.Commit();
    return row;
  });
}

Result<void> ClientSpaceService::RequestLink(const std::string& slug, const std::string& email,
                                             const RequestMeta& meta) {
  const std::string address = domain::ToLowerAscii(domain::Trim(email));
  if (!domain::IsPlausibleEmail(address)) {
    domain::FieldErrors errors;
    errors.Add("email", "Adresse e-mail invalide.");
    return Fail(errors.ToError());
  }
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    const auto now = clock_.Now();
    const std::string stamp = FormatIsoUtc(now);
    store::AuthRepository limits(lease);
    Unexpected error = NoSpace();
    if (Limited(limits, kLinkRequestsPerIp, meta.ip, now, error)) return error;
    if (Limited(limits, kLinkRequestsPerEmail, address, now, error)) return error;
    store::WriteTransaction tx(lease);
    CountRate(limits, kLinkRequestsPerIp, meta.ip, stamp);
    CountRate(limits, kLinkRequestsPerEmail, address, stamp);
    auto org = store::BookingRepository(lease).OrganizationBySlug(slug);
    if (!org) {
      tx.Commit();
      return {};  // the same answer as for an unknown address
    }
    store::ClientsRepository clients(lease);
    for (long long id : store::ClientSpaceRepository(lease).ClientsWithEmail(*org, address, 3)) {
      auto client = clients.Find(*org, id);
      if (!client) continue;
      std::string name = client->client.name;
      for (const auto& c : client->client.contacts) {
        if (domain::ToLowerAscii(c.email) == address && !c.name.empty()) name = c.name;
      }
      auto created = CreateLink(lease, *org, *client, address, name, std::nullopt, kDefaultDays,
                                true, now, public_url_);
      if (!created) return Fail(created.error());
      store::AuditEntry entry;
      entry.organization = *org;
      entry.actor_label = "client (demande de lien)";
      entry.action = "clients.space_link_requested";
      entry.entity_type = "client";
      entry.entity_id = std::to_string(id);
      entry.details_json = nlohmann::json{{"link_id", created->first}}.dump();
      entry.ip = meta.ip;
      entry.user_agent = meta.user_agent.substr(0, 400);
      entry.request_id = meta.request_id;
      limits.Audit(entry, stamp);
    }
    tx.Commit();
    return {};
  });
}

}  // namespace planify::app
