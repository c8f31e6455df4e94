#include "app/documents/billing_support.hpp"

#include <nlohmann/json.hpp>

#include "domain/local_time.hpp"
#include "store/clients_repository.hpp"
#include "store/document_files_repository.hpp"
#include "store/migrations.hpp"
#include "store/numbering_repository.hpp"
#include "store/organizations_repository.hpp"
#include "store/owned_ids.hpp"

namespace planify::app::billing {

Result<ClientSnapshot> LoadClient(store::Lease& lease, OrganizationId org, long long client_id) {
  auto row = store::ClientsRepository(lease).Find(org, client_id);
  if (!row) {
    return Fail(ErrorCode::kValidation, "Client inconnu.", {{"client_id", "Client inconnu."}});
  }
  ClientSnapshot s;
  s.client = row->client;
  for (const auto& contact : row->client.contacts) {
    if (!contact.email.empty() && (s.email.empty() || contact.primary)) {
      s.email = contact.email;
      s.contact_name = contact.name;
    }
  }
  s.client.contacts.clear();
  s.client.tags.clear();
  s.client.notes.clear();
  return s;
}

domain::OrganizationSettings LoadSettings(store::Lease& lease, OrganizationId org,
                                          const Cipher* cipher) {
  auto stored = store::OrganizationsRepository(lease).LoadSettings(org);
  if (!stored) return {};
  auto settings = stored->settings;
  if (cipher != nullptr && !stored->bank_details_sealed.empty()) {
    if (auto opened = cipher->Open(stored->bank_details_sealed)) {
      auto bank = nlohmann::json::parse(*opened, nullptr, false);
      if (bank.is_object()) {
        settings.iban = bank.value("iban", "");
        settings.bic = bank.value("bic", "");
      }
    }
  }
  return settings;
}

std::chrono::year_month_day Today(const domain::OrganizationSettings& settings,
                                  domain::Timestamp now) {
  auto local = now + domain::UtcOffset(settings.time_zone, now);
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(local)};
}

std::string NextNumber(store::Lease& lease, OrganizationId org, const std::string& document_type,
                       const std::string& format, std::chrono::year_month_day day,
                       const std::string& now) {
  const int year = static_cast<int>(day.year());
  long long n = store::NumberingRepository(lease).Next(org, document_type, year, now);
  return domain::FormatDocumentNumber(format, year, n);
}

std::string SellerJson(const domain::OrganizationSettings& s) {
  return nlohmann::json{{"name", s.name},
                        {"legal_name", s.legal_name},
                        {"legal_form", s.legal_form},
                        {"siren", s.siren},
                        {"siret", s.siret},
                        {"vat_number", s.vat_number},
                        {"rcs", s.rcs},
                        {"rm", s.rm},
                        {"share_capital_cents", s.share_capital_cents.value_or(0)},
                        {"address_line1", s.address_line1},
                        {"address_line2", s.address_line2},
                        {"postal_code", s.postal_code},
                        {"city", s.city},
                        {"country", s.country},
                        {"email", s.email},
                        {"phone", s.phone},
                        {"website", s.website},
                        {"iban", s.iban},
                        {"bic", s.bic},
                        {"brand_color", s.brand_color},
                        {"einvoice_address", s.einvoice_address}}
      .dump();
}

std::string LegalJson(const domain::LegalBlock& b) {
  return nlohmann::json{{"title", b.title},       {"seller", b.seller},
                        {"buyer", b.buyer},       {"dates", b.dates},
                        {"mentions", b.mentions}, {"reverse_charge", b.reverse_charge}}
      .dump();
}

void Merge(domain::FieldErrors& errors, const Error& error) {
  if (error.fields.empty()) {
    errors.Add("", error.message);
    return;
  }
  for (const auto& f : error.fields) errors.Add(f.field, f.message);
}

std::optional<domain::DocumentTotals> FillDocument(store::Lease& lease, OrganizationId org,
                                                   const domain::OrganizationSettings& settings,
                                                   DocumentInput input,
                                                   const domain::DepositRequest& deposit,
                                                   store::DocumentRecord& d,
                                                   domain::FieldErrors& errors) {
  // Every id of the draft names a row of the organisation, or the field is refused.
  store::OwnedIds refs;
  refs.Add(store::Owned::kClient, "client_id", input.client_id)
      .Add(store::Owned::kMission, "mission_id", input.mission_id);
  for (std::size_t i = 0; i < input.content.lines.size(); ++i) {
    const auto& line = input.content.lines[i];
    const std::string at = "lines[" + std::to_string(i) + "].";
    refs.Add(store::Owned::kCatalogueItem, at + "catalogue_item_id", line.catalogue_item_id)
        .Add(store::Owned::kEquipmentItem, at + "equipment_item_id", line.equipment_item_id);
  }
  refs.Check(lease, org, errors);
  ClientSnapshot client;
  if (!input.client_id) {
    errors.Add("client_id", "Choisissez un client.");
  } else if (auto loaded = LoadClient(lease, org, *input.client_id)) {
    client = std::move(*loaded);
  }
  if (input.service_starts_at && input.service_ends_at &&
      *input.service_ends_at <= *input.service_starts_at) {
    errors.Add("service_ends_at", "La fin doit être après le début.");
  }
  auto treatment = domain::VatTreatmentFor(settings, client.client);
  auto priced = domain::PriceDocument(std::move(input.content), deposit, treatment);
  if (!priced) Merge(errors, priced.error());
  if (!errors.empty()) return std::nullopt;
  d.client_id = input.client_id;
  d.mission_id = input.mission_id;
  d.client = std::move(client.client);
  d.client_email = client.email;
  d.content = std::move(priced->content);
  d.service_starts_at =
      input.service_starts_at ? domain::FormatIsoUtc(*input.service_starts_at) : "";
  d.service_ends_at = input.service_ends_at ? domain::FormatIsoUtc(*input.service_ends_at) : "";
  d.vat_regime = std::string(domain::VatTreatmentName(treatment));
  d.net_cents = priced->totals.net_cents;
  d.vat_cents = priced->totals.vat_cents;
  d.gross_cents = priced->totals.gross_cents;
  d.vat = priced->totals.vat;
  return std::move(priced->totals);
}

bool PaymentValidationRequired(store::Lease& lease, OrganizationId org) {
  return LoadSettings(lease, org, nullptr).payment_validation_required;
}

std::optional<PdfFile> FindStoredPdf(store::Lease& lease, OrganizationId org,
                                     const std::string& table, long long id) {
  store::DocumentFilesRepository files(lease);
  auto existing = files.PdfOf(org, table, id);
  if (!existing) return std::nullopt;
  auto file = files.Find(org, *existing);
  if (!file) return std::nullopt;
  return PdfFile{file->filename, std::move(file->content), file->sha256};
}

Result<PdfFile> StoredPdf(store::Lease& lease, OrganizationId org, const std::string& table,
                          long long id, const std::string& purpose, const std::string& filename,
                          const std::function<integrations::PdfDocument()>& build,
                          const std::string& now, const PdfFinish& finish) {
  if (auto stored = FindStoredPdf(lease, org, table, id)) return std::move(*stored);
  store::DocumentFilesRepository files(lease);
  auto bytes = integrations::RenderPdf(build());
  if (!bytes) return Fail(bytes.error());
  if (finish) {
    bytes = finish(std::move(*bytes));
    if (!bytes) return Fail(bytes.error());
  }
  const std::string type = table == "quotes"     ? "quote"
                           : table == "invoices" ? "invoice"
                                                 : "credit_note";
  long long file_id = files.Insert(org, type, id, purpose, filename, *bytes, now);
  files.SetPdf(org, table, id, file_id);
  return PdfFile{filename, *bytes, store::Sha256Hex(*bytes)};
}

void TagEmail(store::Lease& lease, long long email_id, const std::string& document_type,
              long long document_id) {
  *lease << "UPDATE emails SET document_type = :type, document_id = :document WHERE id = :id",
      soci::use(document_type, "type"), soci::use(document_id, "document"),
      soci::use(email_id, "id");
}

}  // namespace planify::app::billing
