#include "store/organizations_repository.hpp"

namespace planify::store {

std::optional<StoredOrganizationSettings> OrganizationsRepository::LoadSettings(OrganizationId id) {
  long long key = id.value;
  soci::rowset<soci::row> rows =
      (lease_->prepare
           << "SELECT name, legal_name, legal_form, siren, siret, vat_number, rcs, rm, "
              "share_capital_cents, address_line1, address_line2, postal_code, city, country, "
              "email, phone, website, bank_details_sealed, iban_last4, brand_color, vat_regime, "
              "payment_terms_days, late_penalty_rate_bp, early_payment_discount, "
              "quote_number_format, invoice_number_format, credit_note_number_format, "
              "time_zone, terminology, client_terminology, crew_terminology, "
              "payment_validation_required, CAST(updated_at AS TEXT), "
              "einvoice_address, einvoicing_required "
              "FROM organizations WHERE id = :id",
       soci::use(key, "id"));
  for (const auto& row : rows) {
    StoredOrganizationSettings out;
    auto& s = out.settings;
    std::size_t i = 0;
    s.name = row.get<std::string>(i++);
    s.legal_name = row.get<std::string>(i++);
    s.legal_form = row.get<std::string>(i++);
    s.siren = row.get<std::string>(i++);
    s.siret = row.get<std::string>(i++);
    s.vat_number = row.get<std::string>(i++);
    s.rcs = row.get<std::string>(i++);
    s.rm = row.get<std::string>(i++);
    if (row.get_indicator(i) != soci::i_null) s.share_capital_cents = GetInt64(row, i);
    ++i;
    s.address_line1 = row.get<std::string>(i++);
    s.address_line2 = row.get<std::string>(i++);
    s.postal_code = row.get<std::string>(i++);
    s.city = row.get<std::string>(i++);
    s.country = row.get<std::string>(i++);
    s.email = row.get<std::string>(i++);
    s.phone = row.get<std::string>(i++);
    s.website = row.get<std::string>(i++);
    out.bank_details_sealed = row.get<std::string>(i++);
    out.iban_last4 = row.get<std::string>(i++);
    s.brand_color = row.get<std::string>(i++);
    s.vat_regime =
        domain::ParseVatRegime(row.get<std::string>(i++)).value_or(domain::VatRegime::kNormal);
    s.payment_terms_days = static_cast<int>(GetInt64(row, i++));
    s.late_penalty_rate_bp = static_cast<int>(GetInt64(row, i++));
    s.early_payment_discount = row.get<std::string>(i++);
    s.quote_number_format = row.get<std::string>(i++);
    s.invoice_number_format = row.get<std::string>(i++);
    s.credit_note_number_format = row.get<std::string>(i++);
    s.time_zone = row.get<std::string>(i++);
    s.terminology = row.get<std::string>(i++);
    s.client_terminology = row.get<std::string>(i++);
    s.crew_terminology = row.get<std::string>(i++);
    s.payment_validation_required = GetInt64(row, i++) != 0;
    out.updated_at = RowTimestamp(row, i++);
    s.einvoice_address = RowText(row, i++);
    s.einvoicing_required = GetInt64(row, i) != 0;
    return out;
  }
  return std::nullopt;
}

void OrganizationsRepository::SaveSettings(OrganizationId id, const domain::OrganizationSettings& s,
                                           const std::string& bank_details_sealed,
                                           const std::string& iban_last4, const std::string& now) {
  long long key = id.value;
  long long capital = s.share_capital_cents.value_or(0);
  soci::indicator capital_ind = s.share_capital_cents ? soci::i_ok : soci::i_null;
  std::string regime(domain::VatRegimeName(s.vat_regime));
  int terms = s.payment_terms_days;
  int penalty = s.late_penalty_rate_bp;
  int validation = s.payment_validation_required ? 1 : 0;
  int einvoicing = s.einvoicing_required ? 1 : 0;
  *lease_ << "UPDATE organizations SET name = :name, legal_name = :legal_name, "
             "legal_form = :legal_form, siren = :siren, siret = :siret, vat_number = :vat, "
             "rcs = :rcs, rm = :rm, share_capital_cents = :capital, address_line1 = :a1, "
             "address_line2 = :a2, postal_code = :pc, city = :city, country = :country, "
             "email = :email, phone = :phone, website = :web, bank_details_sealed = :bank, "
             "iban_last4 = :last4, brand_color = :color, vat_regime = :regime, "
             "payment_terms_days = :terms, late_penalty_rate_bp = :penalty, "
             "early_payment_discount = :discount, quote_number_format = :qf, "
             "invoice_number_format = :if, credit_note_number_format = :cf, time_zone = :tz, "
             "terminology = :term, client_terminology = :client_term, "
             "crew_terminology = :crew_term, payment_validation_required = :validation, "
             "einvoice_address = :eaddress, einvoicing_required = :einvoicing, updated_at = :now "
             "WHERE id = :id",
      soci::use(s.name, "name"), soci::use(s.legal_name, "legal_name"),
      soci::use(s.legal_form, "legal_form"), soci::use(s.siren, "siren"),
      soci::use(s.siret, "siret"), soci::use(s.vat_number, "vat"), soci::use(s.rcs, "rcs"),
      soci::use(s.rm, "rm"), soci::use(capital, capital_ind, "capital"),
      soci::use(s.address_line1, "a1"), soci::use(s.address_line2, "a2"),
      soci::use(s.postal_code, "pc"), soci::use(s.city, "city"), soci::use(s.country, "country"),
      soci::use(s.email, "email"), soci::use(s.phone, "phone"), soci::use(s.website, "web"),
      soci::use(bank_details_sealed, "bank"), soci::use(iban_last4, "last4"),
      soci::use(s.brand_color, "color"), soci::use(regime, "regime"), soci::use(terms, "terms"),
      soci::use(penalty, "penalty"), soci::use(s.early_payment_discount, "discount"),
      soci::use(s.quote_number_format, "qf"), soci::use(s.invoice_number_format, "if"),
      soci::use(s.credit_note_number_format, "cf"), soci::use(s.time_zone, "tz"),
      soci::use(s.terminology, "term"), soci::use(s.client_terminology, "client_term"),
      soci::use(s.crew_terminology, "crew_term"), soci::use(validation, "validation"),
      soci::use(s.einvoice_address, "eaddress"), soci::use(einvoicing, "einvoicing"),
      soci::use(now, "now"), soci::use(key, "id");
}

long long OrganizationsRepository::DataVersion(OrganizationId id) {
  long long org = id.value;
  long long version = 0;
  soci::indicator ind = soci::i_ok;
  *lease_ << "SELECT version FROM organization_versions WHERE organization_id = :org",
      soci::use(org, "org"), soci::into(version, ind);
  return lease_->got_data() && ind == soci::i_ok ? version : 0;
}

}  // namespace planify::store
