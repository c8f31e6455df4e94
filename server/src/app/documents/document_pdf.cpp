#include "app/documents/document_pdf.hpp"

#include <nlohmann/json.hpp>

#include "domain/billing.hpp"
#include "domain/local_time.hpp"
#include "domain/terminology.hpp"
#include "integrations/pdf/facturx.hpp"
#include "store/files_repository.hpp"

namespace planify::app::billing {

namespace {

using domain::FormatEuros;
using integrations::PdfAmountRow;
using integrations::PdfDocument;
using integrations::PdfLineRow;
using nlohmann::json;

std::string Rate(int bp) {
  std::string out = std::to_string(bp / 100);
  int rest = bp % 100;
  if (rest != 0) {
    out += "," + std::to_string(rest / 10);
    if (rest % 10 != 0) out += std::to_string(rest % 10);
  }
  return out + " %";
}

std::string Quantity(long long milli, const std::string& unit) {
  std::string out = std::to_string(milli / 1000);
  long long rest = milli % 1000;
  if (rest != 0) {
    std::string digits = std::to_string(rest + 1000).substr(1);
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    out += "," + digits;
  }
  if (unit == "hour") return out + " h";
  if (unit == "day") return out + " j";
  if (unit == "km") return out + " km";
  return out;
}

std::string FrenchDate(const std::string& iso) {
  auto day = domain::ParseIsoDate(iso);
  return day ? domain::FormatFrenchDate(*day) : iso;
}

std::vector<PdfLineRow> Rows(const std::vector<domain::BillingLine>& lines, bool show_vat) {
  std::vector<PdfLineRow> rows;
  rows.reserve(lines.size());
  for (const auto& l : lines) {
    PdfLineRow row;
    row.description = l.description;
    if (l.kind == domain::LineKind::kText) {
      row.heading = true;
      rows.push_back(std::move(row));
      continue;
    }
    if (l.discount_bp != 0) row.description += " (remise " + Rate(l.discount_bp) + ")";
    if (l.discount_cents != 0) row.description += " (remise " + FormatEuros(l.discount_cents) + ")";
    row.quantity = Quantity(l.quantity_milli, l.unit);
    row.unit_price = FormatEuros(l.unit_price_cents);
    row.vat = show_vat ? Rate(l.vat_rate_bp) : "—";
    row.amount = FormatEuros(l.net_cents);
    rows.push_back(std::move(row));
  }
  return rows;
}

// Total excl. VAT (with the document discount), VAT per rate, total incl. VAT.
void TotalRows(PdfDocument& pdf, const store::DocumentRecord& d, bool gross_strong) {
  long long lines_net = 0;
  for (const auto& l : d.content.lines) lines_net += l.net_cents;
  const long long discount = lines_net - d.net_cents;
  if (discount != 0) {
    pdf.totals.push_back({"Total HT avant remise", FormatEuros(lines_net)});
    std::string label = "Remise";
    if (d.content.discount.bp != 0) label += " " + Rate(d.content.discount.bp);
    pdf.totals.push_back({label, FormatEuros(-discount)});
  }
  pdf.totals.push_back({"Total HT", FormatEuros(d.net_cents)});
  if (d.vat_regime == "standard") {
    for (const auto& v : d.vat) {
      pdf.totals.push_back({"TVA " + Rate(v.rate_bp) + " sur " + FormatEuros(v.base_cents),
                            FormatEuros(v.vat_cents)});
    }
    if (d.vat.size() > 1) pdf.totals.push_back({"Total TVA", FormatEuros(d.vat_cents)});
    pdf.totals.push_back({"Total TTC", FormatEuros(d.gross_cents), gross_strong});
  } else {
    pdf.totals.push_back({"TVA", FormatEuros(0)});
    pdf.totals.push_back({"Total à payer", FormatEuros(d.gross_cents), gross_strong});
  }
}

domain::OrganizationSettings SellerFrom(const std::string& snapshot,
                                        const domain::OrganizationSettings& fallback) {
  auto j = json::parse(snapshot, nullptr, false);
  if (!j.is_object()) return fallback;
  domain::OrganizationSettings s = fallback;
  s.name = j.value("name", "");
  s.legal_name = j.value("legal_name", "");
  s.legal_form = j.value("legal_form", "");
  s.siren = j.value("siren", "");
  s.siret = j.value("siret", "");
  s.vat_number = j.value("vat_number", "");
  s.address_line1 = j.value("address_line1", "");
  s.address_line2 = j.value("address_line2", "");
  s.postal_code = j.value("postal_code", "");
  s.city = j.value("city", "");
  s.email = j.value("email", "");
  s.phone = j.value("phone", "");
  s.iban = j.value("iban", "");
  s.bic = j.value("bic", "");
  s.brand_color = j.value("brand_color", fallback.brand_color);
  s.einvoice_address = j.value("einvoice_address", fallback.einvoice_address);
  return s;
}

void ApplyLegal(PdfDocument& pdf, const domain::LegalBlock& legal) {
  pdf.seller = legal.seller;
  pdf.buyer = legal.buyer;
  pdf.dates = legal.dates;
  pdf.mentions = legal.mentions;
}

bool ApplyLegalJson(PdfDocument& pdf, const std::string& text) {
  auto j = json::parse(text, nullptr, false);
  if (!j.is_object()) return false;
  auto strings = [&](const char* key) {
    std::vector<std::string> out;
    if (j.contains(key) && j[key].is_array()) {
      for (const auto& s : j[key]) {
        if (s.is_string()) out.push_back(s.get<std::string>());
      }
    }
    return out;
  };
  pdf.title = j.value("title", pdf.title);
  pdf.seller = strings("seller");
  pdf.buyer = strings("buyer");
  pdf.dates = strings("dates");
  pdf.mentions = strings("mentions");
  return true;
}

// When the legal block cannot be built yet (a draft missing settings), the PDF still shows who
// is who; issuing is what enforces the mentions.
void FallbackParties(PdfDocument& pdf, const domain::OrganizationSettings& s,
                     const domain::ClientInput& client) {
  pdf.seller = {s.legal_name.empty() ? s.name : s.legal_name};
  if (!s.address_line1.empty()) pdf.seller.push_back(s.address_line1);
  if (!s.postal_code.empty() || !s.city.empty()) pdf.seller.push_back(s.postal_code + " " + s.city);
  pdf.buyer = {client.name};
  if (!client.billing.line1.empty()) pdf.buyer.push_back(client.billing.line1);
  if (!client.billing.city.empty()) {
    pdf.buyer.push_back(client.billing.postal_code + " " + client.billing.city);
  }
}

std::string Footer(const domain::OrganizationSettings& s) {
  std::string out = s.legal_name.empty() ? s.name : s.legal_name;
  if (!s.siren.empty()) out += " — SIREN " + s.siren;
  if (!s.vat_number.empty()) out += " — TVA " + s.vat_number;
  return out;
}

std::string GroupedIban(const std::string& iban) {
  std::string out;
  for (std::size_t i = 0; i < iban.size(); ++i) {
    if (i != 0 && i % 4 == 0) out += ' ';
    out += iban[i];
  }
  return out;
}

PdfDocument Base(const store::DocumentRecord& d, const domain::OrganizationSettings& seller,
                 const PdfContext& context) {
  PdfDocument pdf;
  pdf.brand_color = seller.brand_color;
  pdf.logo_png = context.logo_png;
  pdf.seller_name = seller.name.empty() ? seller.legal_name : seller.name;
  pdf.buyer_heading = domain::ApplyTerms("[[CLIENT]]", domain::TermsOf(seller), "fr");
  pdf.subject = d.content.title;
  pdf.description = d.content.description;
  if (!d.content.venue_text.empty()) {
    pdf.description +=
        std::string(pdf.description.empty() ? "" : "\n") + "Lieu : " + d.content.venue_text;
  }
  if (!d.service_starts_at.empty() && !d.service_ends_at.empty()) {
    auto start = domain::ParseIsoUtc(d.service_starts_at);
    auto end = domain::ParseIsoUtc(d.service_ends_at);
    if (start && end) {
      pdf.description += std::string(pdf.description.empty() ? "" : "\n") + "Prestation " +
                         domain::FormatLocalRange(*start, *end, seller.time_zone);
    }
  }
  pdf.lines = Rows(d.content.lines, d.vat_regime == "standard");
  pdf.footer = Footer(seller);
  pdf.creation_date = context.now;
  return pdf;
}

domain::DocumentFacts FactsOf(const store::DocumentRecord& d, domain::DocumentKind kind,
                              const std::string& issue_date) {
  domain::DocumentFacts facts;
  facts.kind = kind;
  facts.number = d.number;
  facts.issue_date = domain::ParseIsoDate(issue_date).value_or(std::chrono::year_month_day{});
  if (d.content.operation_category == "goods") facts.nature = domain::OperationNature::kGoods;
  if (d.content.operation_category == "mixed") facts.nature = domain::OperationNature::kMixed;
  return facts;
}

}  // namespace

PdfDocument QuotePdf(const store::QuoteRecord& q, const PdfContext& context) {
  PdfDocument pdf = Base(q, context.seller, context);
  auto facts = FactsOf(q, domain::DocumentKind::kQuote,
                       q.issue_date.empty() ? context.now.substr(0, 10) : q.issue_date);
  facts.valid_until = domain::ParseIsoDate(q.valid_until);
  auto legal = domain::BuildLegalBlock(context.seller, q.client, facts);
  pdf.title = q.number.empty() ? "Devis (brouillon)" : "Devis n° " + q.number;
  if (legal) {
    ApplyLegal(pdf, *legal);
    if (!q.number.empty()) pdf.title = legal->title;
  } else {
    FallbackParties(pdf, context.seller, q.client);
  }
  TotalRows(pdf, q, true);
  if (q.deposit_cents > 0) {
    std::string label = q.deposit_kind == "arrhes" ? "Arrhes" : "Acompte";
    label += " à la signature";
    if (q.deposit_bp != 0) label += " (" + Rate(q.deposit_bp) + ")";
    pdf.totals.push_back({label, FormatEuros(q.deposit_cents)});
  }
  pdf.terms = q.content.terms;
  if (q.number.empty()) pdf.watermark = "APERÇU";
  return pdf;
}

PdfDocument InvoicePdf(const store::InvoiceRecord& i, const PdfContext& context) {
  const bool issued = !i.number.empty() && !i.seller_snapshot.empty();
  const auto seller = issued ? SellerFrom(i.seller_snapshot, context.seller) : context.seller;
  PdfDocument pdf = Base(i, seller, context);
  const bool deposit = i.kind == "deposit";
  pdf.title = deposit ? "Facture d'acompte (brouillon)" : "Facture (brouillon)";
  if (!issued || !ApplyLegalJson(pdf, i.legal_mentions)) {
    auto facts =
        FactsOf(i, deposit ? domain::DocumentKind::kDepositInvoice : domain::DocumentKind::kInvoice,
                context.now.substr(0, 10));
    for (const auto& d : i.deposits) facts.deducted_deposits.push_back(d.number);
    auto legal = domain::BuildLegalBlock(seller, i.client, facts);
    if (legal) {
      ApplyLegal(pdf, *legal);
    } else {
      FallbackParties(pdf, seller, i.client);
    }
    pdf.watermark = "APERÇU";
  }
  TotalRows(pdf, i, i.deposits.empty());
  for (const auto& d : i.deposits) {
    pdf.totals.push_back({"Acompte " + d.number + " du " + FrenchDate(d.issue_date) + " déduit",
                          FormatEuros(-d.gross_cents)});
  }
  if (!i.deposits.empty()) {
    pdf.totals.push_back({"Net à payer", FormatEuros(i.gross_cents - i.prepaid_cents), true});
  }
  if (!i.due_date.empty()) {
    pdf.payment.push_back("À régler avant le " + FrenchDate(i.due_date) + ".");
  }
  if (!seller.iban.empty()) {
    std::string transfer = "Virement : IBAN " + GroupedIban(seller.iban);
    if (!seller.bic.empty()) transfer += " — BIC " + seller.bic;
    pdf.payment.push_back(transfer);
    if (!i.number.empty()) pdf.payment.push_back("Référence à rappeler : " + i.number);
  }
  pdf.terms = i.content.terms;
  return pdf;
}

PdfDocument CreditNotePdf(const store::CreditNoteRecord& c, const PdfContext& context) {
  const auto seller = SellerFrom(c.seller_snapshot, context.seller);
  store::DocumentRecord d;
  d.content.title = "Avoir sur la facture " + c.invoice_number;
  d.content.description = "Motif : " + c.reason;
  d.content.lines = c.lines;
  d.vat_regime = c.vat_regime;
  d.net_cents = c.net_cents;
  d.vat_cents = c.vat_cents;
  d.gross_cents = c.gross_cents;
  d.vat = c.vat;
  PdfDocument pdf = Base(d, seller, context);
  pdf.title = "Avoir n° " + c.number;
  ApplyLegalJson(pdf, c.legal_mentions);
  TotalRows(pdf, d, true);
  return pdf;
}

namespace {

// The local calendar day of an instant stored as ISO UTC.
std::optional<std::chrono::year_month_day> LocalDay(const std::string& iso,
                                                    const std::string& zone) {
  auto at = domain::ParseIsoUtc(iso);
  if (!at) return std::nullopt;
  return domain::ParseIsoDate(
      domain::FormatIsoUtc(*at + domain::UtcOffset(zone, *at)).substr(0, 10));
}

void FillTotals(domain::EInvoiceDocument& e, const std::vector<domain::BillingLine>& lines,
                long long net, long long vat, long long gross,
                const std::vector<domain::VatBreakdown>& rates) {
  e.lines = lines;
  e.lines_net_cents = 0;
  for (const auto& l : lines) e.lines_net_cents += l.net_cents;
  e.discount_cents = e.lines_net_cents - net;
  e.net_cents = net;
  e.vat_cents = vat;
  e.gross_cents = gross;
  e.vat = rates;
}

}  // namespace

domain::EInvoiceDocument InvoiceEInvoice(const store::InvoiceRecord& i, const PdfContext& context) {
  domain::EInvoiceDocument e;
  e.seller = SellerFrom(i.seller_snapshot, context.seller);
  e.facts = FactsOf(
      i,
      i.kind == "deposit" ? domain::DocumentKind::kDepositInvoice : domain::DocumentKind::kInvoice,
      i.issue_date);
  e.facts.due_date = domain::ParseIsoDate(i.due_date);
  for (const auto& d : i.deposits) {
    e.facts.deducted_deposits.push_back(d.number);
    e.deposits.push_back({d.number, domain::ParseIsoDate(d.issue_date)});
  }
  e.buyer = i.client;
  e.buyer_email = i.client_email;
  e.treatment = domain::ParseVatTreatment(i.vat_regime).value_or(domain::VatTreatment::kStandard);
  e.title = i.content.title;
  e.purchase_order_ref = i.content.purchase_order_ref;
  FillTotals(e, i.content.lines, i.net_cents, i.vat_cents, i.gross_cents, i.vat);
  e.prepaid_cents = i.prepaid_cents;
  e.service_start = LocalDay(i.service_starts_at, e.seller.time_zone);
  e.service_end = LocalDay(i.service_ends_at, e.seller.time_zone);
  if (e.service_start && e.service_end && *e.service_end < *e.service_start) e.service_end.reset();
  if (!i.due_date.empty()) {
    e.payment_terms = "À régler avant le " + FrenchDate(i.due_date) +
                      (e.seller.iban.empty() ? "." : ", par virement.");
  }
  return e;
}

domain::EInvoiceDocument CreditNoteEInvoice(const store::CreditNoteRecord& c,
                                            const store::InvoiceRecord* invoice,
                                            const PdfContext& context) {
  domain::EInvoiceDocument e;
  e.seller = SellerFrom(c.seller_snapshot, context.seller);
  e.facts.kind = domain::DocumentKind::kCreditNote;
  e.facts.number = c.number;
  e.facts.issue_date = domain::ParseIsoDate(c.issue_date).value_or(std::chrono::year_month_day{});
  e.facts.corrected_invoice_number = c.invoice_number;
  if (invoice != nullptr) {
    e.facts.corrected_invoice_date = domain::ParseIsoDate(invoice->issue_date);
    e.buyer_email = invoice->client_email;
  }
  e.buyer = c.client;
  e.treatment = domain::ParseVatTreatment(c.vat_regime).value_or(domain::VatTreatment::kStandard);
  e.title = "Avoir sur la facture " + c.invoice_number;
  FillTotals(e, c.lines, c.net_cents, c.vat_cents, c.gross_cents, c.vat);
  e.payment_terms =
      c.settlement == "refund"
          ? domain::ApplyTerms("Montant remboursé [[au client]].", domain::TermsOf(e.seller), "fr")
          : "Avoir imputé sur la facture " + c.invoice_number + ".";
  return e;
}

Result<std::string> WithFacturX(std::string pdf, const domain::EInvoiceDocument& document,
                                const std::string& now) {
  if (!domain::CheckEInvoice(document).empty()) return pdf;
  const std::string kind = document.facts.kind == domain::DocumentKind::kCreditNote ? "Avoir"
                           : document.facts.kind == domain::DocumentKind::kDepositInvoice
                               ? "Facture d'acompte"
                               : "Facture";
  const auto& s = document.seller;
  return integrations::MakeFacturX(
      pdf, domain::WriteCii(document),
      {kind + " " + document.facts.number, s.legal_name.empty() ? s.name : s.legal_name,
       "Facture électronique Factur-X (EN 16931)", now});
}

constexpr const char* kSignatureNote =
    "Signature électronique simple (règlement eIDAS art. 25, Code civil art. 1366-1367). Le "
    "devis signé est reproduit aux pages précédentes, identique au document présenté.";

void AddCertificate(PdfDocument& pdf, const store::SignatureRecord& s,
                    const std::string& quote_number, const std::string& zone) {
  auto at = domain::ParseIsoUtc(s.signed_at);
  pdf.certificate = {
      "Document : devis " + quote_number,
      "Signataire : " + s.signer_name + (s.signer_email.empty() ? "" : " <" + s.signer_email + ">"),
      "Signé le : " + (at ? domain::FormatLocalDateTime(*at, zone) : s.signed_at) + " (heure de " +
          "Paris) — " + s.signed_at + " UTC",
      "Adresse IP : " + s.ip_address,
      "Navigateur : " + s.user_agent,
      "Consentement : « " + s.consent_text + " »",
      "Empreinte SHA-256 du devis présenté et signé : " + s.document_sha256,
      std::string(kSignatureNote),
  };
  pdf.signature_png = s.image_png;
}

std::string LogoPng(store::Lease& lease, OrganizationId org) {
  store::FilesRepository files(lease);
  auto logo = files.LogoOf(org);
  if (!logo) return "";
  auto file = files.Find(logo->first, logo->second);
  if (!file || file->content_type != "image/png") return "";
  return file->content;
}

std::string PdfFilename(const std::string& prefix, const std::string& number, long long id) {
  if (!number.empty()) return number + ".pdf";
  return prefix + "-brouillon-" + std::to_string(id) + ".pdf";
}

}  // namespace planify::app::billing
