#include "app/organization/organization_service.hpp"

#include <nlohmann/json.hpp>

#include "app/files/files_service.hpp"
#include "app/ports.hpp"
#include "domain/identifiers.hpp"
#include "store/files_repository.hpp"
#include "store/organizations_repository.hpp"

namespace planify::app {

namespace {

std::string Mask(const std::string& iban) {
  if (iban.size() < 8) return "";
  std::string masked = iban.substr(0, 4);
  for (std::size_t i = 4; i + 3 < iban.size(); ++i) masked.push_back('*');
  masked += iban.substr(iban.size() - 3);
  return domain::FormatIban(masked);
}

// The settings with the bank details opened (empty when none or unreadable).
OrganizationView Open(const store::StoredOrganizationSettings& stored, const Cipher& cipher,
                      bool reveal) {
  OrganizationView view{stored.settings, "", stored.updated_at};
  if (stored.bank_details_sealed.empty()) return view;
  auto plain = cipher.Open(stored.bank_details_sealed);
  auto json = plain ? nlohmann::json::parse(*plain, nullptr, false) : nlohmann::json();
  if (!json.is_object()) return view;
  std::string iban = json.value("iban", "");
  view.iban_masked = Mask(iban);
  if (reveal) {
    view.settings.iban = iban;
    view.settings.bic = json.value("bic", "");
  }
  return view;
}

// Names of the fields whose values differ, for the audit log.
std::vector<std::string> Changed(const domain::OrganizationSettings& a,
                                 const domain::OrganizationSettings& b) {
  std::vector<std::string> out;
  auto cmp = [&](const char* name, const auto& x, const auto& y) {
    if (x != y) out.emplace_back(name);
  };
  cmp("name", a.name, b.name);
  cmp("legal_name", a.legal_name, b.legal_name);
  cmp("legal_form", a.legal_form, b.legal_form);
  cmp("siren", a.siren, b.siren);
  cmp("siret", a.siret, b.siret);
  cmp("vat_number", a.vat_number, b.vat_number);
  cmp("rcs", a.rcs, b.rcs);
  cmp("rm", a.rm, b.rm);
  cmp("share_capital_cents", a.share_capital_cents, b.share_capital_cents);
  cmp("address_line1", a.address_line1, b.address_line1);
  cmp("address_line2", a.address_line2, b.address_line2);
  cmp("postal_code", a.postal_code, b.postal_code);
  cmp("city", a.city, b.city);
  cmp("country", a.country, b.country);
  cmp("email", a.email, b.email);
  cmp("phone", a.phone, b.phone);
  cmp("website", a.website, b.website);
  cmp("iban", a.iban, b.iban);
  cmp("bic", a.bic, b.bic);
  cmp("brand_color", a.brand_color, b.brand_color);
  cmp("vat_regime", a.vat_regime, b.vat_regime);
  cmp("payment_terms_days", a.payment_terms_days, b.payment_terms_days);
  cmp("late_penalty_rate_bp", a.late_penalty_rate_bp, b.late_penalty_rate_bp);
  cmp("payment_validation_required", a.payment_validation_required, b.payment_validation_required);
  cmp("early_payment_discount", a.early_payment_discount, b.early_payment_discount);
  cmp("quote_number_format", a.quote_number_format, b.quote_number_format);
  cmp("invoice_number_format", a.invoice_number_format, b.invoice_number_format);
  cmp("credit_note_number_format", a.credit_note_number_format, b.credit_note_number_format);
  cmp("time_zone", a.time_zone, b.time_zone);
  cmp("terminology", a.terminology, b.terminology);
  cmp("client_terminology", a.client_terminology, b.client_terminology);
  cmp("crew_terminology", a.crew_terminology, b.crew_terminology);
  return out;
}

}  // namespace

integrations::EmailBranding OrganizationBranding(store::Lease& lease, OrganizationId organization,
                                                 const std::string& public_url) {
  auto stored = store::OrganizationsRepository(lease).LoadSettings(organization);
  if (!stored) return {"Planify", "", "", {}};
  std::string logo;
  if (auto file = store::FilesRepository(lease).LogoOf(organization)) {
    logo = public_url + FilesService::Path(file->first, file->second);
  }
  const auto& s = stored->settings;
  return {s.name, logo, s.brand_color, domain::TermsOf(s)};
}

Result<OrganizationView> OrganizationService::Get(const Principal& actor) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<OrganizationView> {
    auto stored = store::OrganizationsRepository(lease).LoadSettings(*actor.organization);
    if (!stored) return Fail(ErrorCode::kNotFound, "Organisation introuvable.");
    return Open(*stored, cipher_, actor.Can(domain::Permission::kOrganizationManage));
  });
}

Result<OrganizationView> OrganizationService::Update(const Principal& actor,
                                                     domain::OrganizationSettings settings,
                                                     const RequestMeta& meta) {
  auto valid = domain::ValidateOrganizationSettings(std::move(settings));
  if (!valid) return Fail(std::move(valid).error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<OrganizationView> {
    store::OrganizationsRepository organizations(lease);
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    auto stored = organizations.LoadSettings(*actor.organization);
    if (!stored) return Fail(ErrorCode::kNotFound, "Organisation introuvable.");
    OrganizationView before = Open(*stored, cipher_, true);
    std::string sealed;
    std::string last4;
    if (!valid->iban.empty() || !valid->bic.empty()) {
      sealed = cipher_.Seal(nlohmann::json{{"iban", valid->iban}, {"bic", valid->bic}}.dump());
      last4 = valid->iban.size() >= 4 ? valid->iban.substr(valid->iban.size() - 4) : "";
    }
    organizations.SaveSettings(*actor.organization, *valid, sealed, last4, now);
    auto changed = Changed(before.settings, *valid);
    if (!changed.empty()) {
      store::AuthRepository repo(lease);
      Audit(repo, actor, meta, "organization.settings_changed", "organization",
            std::to_string(actor.organization->value), nlohmann::json{{"fields", changed}}.dump(),
            now);
    }
    tx.Commit();
    OrganizationView after{*valid, Mask(valid->iban), now};
    return after;
  });
}

Result<long long> OrganizationService::DataVersion(const Principal& actor) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<long long> {
    return store::OrganizationsRepository(lease).DataVersion(*actor.organization);
  });
}

}  // namespace planify::app
