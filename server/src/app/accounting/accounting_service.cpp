#include "app/accounting/accounting_service.hpp"

#include <nlohmann/json.hpp>

#include "app/documents/billing_support.hpp"
#include "domain/billing.hpp"
#include "domain/validation.hpp"
#include "store/accounting_repository.hpp"
#include "store/auth_repository.hpp"

namespace planify::app {

namespace {

using nlohmann::json;

json RatesJson(const std::map<int, std::string>& rates) {
  json out = json::object();
  for (const auto& [rate, account] : rates) out[std::to_string(rate)] = account;
  return out;
}

std::map<int, std::string> RatesFrom(const json& j, std::map<int, std::string> fallback) {
  if (!j.is_object()) return fallback;
  std::map<int, std::string> out;
  for (const auto& [key, value] : j.items()) {
    if (!value.is_string()) continue;
    try {
      out[std::stoi(key)] = value.get<std::string>();
    } catch (const std::exception&) {
      out[-1] = value.get<std::string>();  // refused by the validation
    }
  }
  return out;
}

// The period asked for: two days, in order, a fiscal year at most (24 months for a first one).
Result<void> CheckPeriod(const std::string& from, const std::string& to) {
  domain::FieldErrors errors;
  const auto start = domain::ParseIsoDate(from);
  const auto end = domain::ParseIsoDate(to);
  if (!start) errors.Add("from", "Date de début attendue (AAAA-MM-JJ).");
  if (!end) errors.Add("to", "Date de fin attendue (AAAA-MM-JJ).");
  if (start && end) {
    const auto days = (std::chrono::sys_days{*end} - std::chrono::sys_days{*start}).count();
    if (days < 0) errors.Add("to", "La fin de la période précède son début.");
    if (days > 731) errors.Add("to", "Un exercice dure 24 mois au plus.");
  }
  if (!errors.empty()) return Fail(errors.ToError());
  return {};
}

domain::AccountingSettings Load(store::Lease& lease, OrganizationId org) {
  auto stored = store::AccountingRepository(lease).SettingsJson(org);
  return stored ? AccountingSettingsFromJson(*stored) : domain::DefaultAccountingSettings();
}

}  // namespace

std::string AccountingSettingsJson(const domain::AccountingSettings& s) {
  return json{
      {"sales_journal", s.sales_journal},     {"sales_journal_label", s.sales_journal_label},
      {"bank_journal", s.bank_journal},       {"bank_journal_label", s.bank_journal_label},
      {"client_account", s.client_account},   {"deposit_account", s.deposit_account},
      {"bank_account", s.bank_account},       {"cash_account", s.cash_account},
      {"revenue_account", s.revenue_account}, {"revenue_by_rate", RatesJson(s.revenue_by_rate)},
      {"vat_account", s.vat_account},         {"vat_by_rate", RatesJson(s.vat_by_rate)},
      {"vat_on_debits", s.vat_on_debits}}
      .dump();
}

domain::AccountingSettings AccountingSettingsFromJson(const std::string& text) {
  auto s = domain::DefaultAccountingSettings();
  auto j = json::parse(text, nullptr, false);
  if (!j.is_object()) return s;
  auto text_of = [&](const char* key, std::string& field) {
    if (j.contains(key) && j[key].is_string()) field = j[key].get<std::string>();
  };
  text_of("sales_journal", s.sales_journal);
  text_of("sales_journal_label", s.sales_journal_label);
  text_of("bank_journal", s.bank_journal);
  text_of("bank_journal_label", s.bank_journal_label);
  text_of("client_account", s.client_account);
  text_of("deposit_account", s.deposit_account);
  text_of("bank_account", s.bank_account);
  text_of("cash_account", s.cash_account);
  text_of("revenue_account", s.revenue_account);
  text_of("vat_account", s.vat_account);
  if (j.contains("revenue_by_rate")) {
    s.revenue_by_rate = RatesFrom(j["revenue_by_rate"], s.revenue_by_rate);
  }
  if (j.contains("vat_by_rate")) s.vat_by_rate = RatesFrom(j["vat_by_rate"], s.vat_by_rate);
  if (j.contains("vat_on_debits") && j["vat_on_debits"].is_boolean()) {
    s.vat_on_debits = j["vat_on_debits"].get<bool>();
  }
  return s;
}

Result<domain::AccountingSettings> AccountingService::Settings(const Principal& actor) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<domain::AccountingSettings> {
    return Load(lease, *actor.organization);
  });
}

Result<domain::AccountingSettings> AccountingService::SaveSettings(
    const Principal& actor, const RequestMeta& meta, domain::AccountingSettings settings) {
  auto valid = domain::ValidateAccountingSettings(std::move(settings));
  if (!valid) return Fail(valid.error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<domain::AccountingSettings> {
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    const std::string text = AccountingSettingsJson(*valid);
    store::WriteTransaction tx(lease);
    store::AccountingRepository(lease).SaveSettingsJson(*actor.organization, text, now);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "accounting.settings_changed", "organization",
          std::to_string(actor.organization->value), text, now);
    tx.Commit();
    return *valid;
  });
}

Result<FecFile> AccountingService::Fec(const Principal& actor, const RequestMeta& meta,
                                       const std::string& from, const std::string& to) {
  if (auto ok = CheckPeriod(from, to); !ok) return Fail(ok.error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<FecFile> {
    const OrganizationId org = *actor.organization;
    const auto organization = billing::LoadSettings(lease, org, nullptr);
    if (organization.siren.empty()) {
      return Fail(ErrorCode::kConflict,
                  "Renseignez le SIREN de l'entreprise (Paramètres → Entreprise) : le FEC porte "
                  "son nom.");
    }
    const auto settings = Load(lease, org);
    store::AccountingRepository repo(lease);
    auto documents = repo.Documents(org, from, to);
    std::vector<domain::MoneyMove> moves;
    for (auto& r : repo.Receipts(org, from, to)) moves.push_back(std::move(r.move));
    const auto lines = domain::BuildFecLines(settings, std::move(documents), std::move(moves));
    FecFile out;
    out.filename = domain::FecFileName(organization.siren, to);
    out.text = domain::WriteFec(lines);
    out.lines = static_cast<long long>(lines.size());
    out.entries = lines.empty() ? 0 : std::stoll(lines.back().entry_number);
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "accounting.fec_exported", "organization", std::to_string(org.value),
          json{{"from", from}, {"to", to}, {"entries", out.entries}, {"lines", out.lines}}.dump(),
          now);
    tx.Commit();
    return out;
  });
}

Result<VatSummary> AccountingService::Vat(const Principal& actor, const std::string& from,
                                          const std::string& to) {
  if (auto ok = CheckPeriod(from, to); !ok) return Fail(ok.error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<VatSummary> {
    const OrganizationId org = *actor.organization;
    const auto organization = billing::LoadSettings(lease, org, nullptr);
    const auto settings = Load(lease, org);
    store::AccountingRepository repo(lease);
    VatSummary out;
    out.franchise = organization.vat_regime == domain::VatRegime::kFranchise;
    out.basis = settings.vat_on_debits ? "debits" : "receipts";
    if (settings.vat_on_debits) {
      const auto documents = repo.Documents(org, from, to);
      out.documents = static_cast<long long>(documents.size());
      out.rates = domain::VatOnDebits(documents);
    } else {
      std::vector<domain::ReceiptForVat> receipts;
      for (auto& r : repo.Receipts(org, from, to)) {
        receipts.push_back({r.move.amount_cents, r.move.refund, std::move(r.pays)});
      }
      out.documents = static_cast<long long>(receipts.size());
      out.rates = domain::VatOnReceipts(receipts);
    }
    for (const auto& r : out.rates) {
      out.base_cents += r.base_cents;
      out.vat_cents += r.vat_cents;
    }
    return out;
  });
}

}  // namespace planify::app
