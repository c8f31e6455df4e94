#include "domain/billing.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <utility>

#include "domain/images.hpp"
#include "domain/legal_mentions.hpp"
#include "domain/validation.hpp"

namespace planify::domain {

namespace {

// 128-bit products for proportional splits (amount × share reaches 1e23 at the bounds).
__extension__ typedef __int128 Int128;  // NOLINT(modernize-use-using)

constexpr std::array<std::pair<LineKind, std::string_view>, 7> kLineKinds{{
    {LineKind::kService, "service"},
    {LineKind::kRental, "rental"},
    {LineKind::kProduct, "product"},
    {LineKind::kFee, "fee"},
    {LineKind::kTravel, "travel"},
    {LineKind::kDiscount, "discount"},
    {LineKind::kText, "text"},
}};

constexpr std::array<std::pair<QuoteStatus, std::string_view>, 6> kQuoteStatuses{{
    {QuoteStatus::kDraft, "draft"},
    {QuoteStatus::kSent, "sent"},
    {QuoteStatus::kAccepted, "accepted"},
    {QuoteStatus::kDeclined, "declined"},
    {QuoteStatus::kExpired, "expired"},
    {QuoteStatus::kCancelled, "cancelled"},
}};

constexpr std::array<std::pair<InvoiceStatus, std::string_view>, 5> kInvoiceStatuses{{
    {InvoiceStatus::kDraft, "draft"},
    {InvoiceStatus::kIssued, "issued"},
    {InvoiceStatus::kPartiallyPaid, "partially_paid"},
    {InvoiceStatus::kPaid, "paid"},
    {InvoiceStatus::kCancelled, "cancelled"},
}};

constexpr std::array<std::pair<PaymentMethod, std::string_view>, 6> kPaymentMethods{{
    {PaymentMethod::kCard, "card"},
    {PaymentMethod::kBankTransfer, "bank_transfer"},
    {PaymentMethod::kSepaDebit, "sepa_debit"},
    {PaymentMethod::kCheque, "cheque"},
    {PaymentMethod::kCash, "cash"},
    {PaymentMethod::kOther, "other"},
}};

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "";
}

template <typename E, std::size_t N>
std::optional<E> Parse(const std::array<std::pair<E, std::string_view>, N>& table,
                       std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}

bool KnownUnit(std::string_view unit) {
  return unit.empty() || unit == "hour" || unit == "day" || unit == "unit" || unit == "km" ||
         unit == "flat";
}

std::string RateLabel(int rate_bp) {
  std::string label = std::to_string(rate_bp / 100);
  if (rate_bp % 100 != 0) {
    int rest = rate_bp % 100;
    label += "," + std::to_string(rest / 10);
    if (rest % 10 != 0) label += std::to_string(rest % 10);
  }
  return label + " %";
}

}  // namespace

std::string_view LineKindName(LineKind kind) { return NameOf(kLineKinds, kind); }
std::optional<LineKind> ParseLineKind(std::string_view name) { return Parse(kLineKinds, name); }

std::string_view VatTreatmentName(VatTreatment treatment) {
  switch (treatment) {
    case VatTreatment::kFranchise:
      return "franchise";
    case VatTreatment::kReverseCharge:
      return "reverse_charge";
    case VatTreatment::kStandard:
      break;
  }
  return "standard";
}

std::optional<VatTreatment> ParseVatTreatment(std::string_view name) {
  if (name == "standard") return VatTreatment::kStandard;
  if (name == "franchise") return VatTreatment::kFranchise;
  if (name == "reverse_charge") return VatTreatment::kReverseCharge;
  return std::nullopt;
}

VatTreatment VatTreatmentFor(const OrganizationSettings& seller, const ClientInput& buyer) {
  if (seller.vat_regime == VatRegime::kFranchise) return VatTreatment::kFranchise;
  const std::string country = buyer.billing.country.empty() ? "FR" : buyer.billing.country;
  if (buyer.kind != ClientKind::kIndividual && country != "FR" && !buyer.vat_number.empty() &&
      buyer.vat_number.substr(0, 2) != "FR") {
    return VatTreatment::kReverseCharge;
  }
  return VatTreatment::kStandard;
}

Result<PricedContent> PriceDocument(DocumentContent content, const DepositRequest& deposit,
                                    VatTreatment treatment) {
  FieldErrors errors;
  CleanText(errors, "title", content.title, 200);
  if (content.title.empty()) errors.Add("title", "Donnez un titre au document.");
  CleanText(errors, "description", content.description, 5000);
  CleanText(errors, "terms", content.terms, 5000);
  CleanText(errors, "venue_text", content.venue_text, 500);
  CleanText(errors, "purchase_order_ref", content.purchase_order_ref, 100);
  if (content.operation_category != "services" && content.operation_category != "goods" &&
      content.operation_category != "mixed") {
    errors.Add("operation_category", "services, goods ou mixed.");
  }
  bool priced = false;
  std::vector<DocumentLine> lines;
  lines.reserve(content.lines.size());
  for (std::size_t i = 0; i < content.lines.size(); ++i) {
    auto& line = content.lines[i];
    const std::string at = "lines[" + std::to_string(i) + "].";
    CleanText(errors, at + "description", line.description, 2000);
    if (line.description.empty()) errors.Add(at + "description", "Décrivez la ligne.");
    if (!KnownUnit(line.unit)) errors.Add(at + "unit", "Unité inconnue.");
    if (treatment != VatTreatment::kStandard) line.vat_rate_bp = 0;
    DocumentLine computed;
    if (line.kind == LineKind::kText) {
      line.unit.clear();
      line.quantity_milli = 0;
      line.unit_price_cents = 0;
      line.discount_bp = 0;
      line.discount_cents = 0;
      line.vat_rate_bp = 0;
      computed.text = true;
    } else {
      priced = true;
      if (line.unit_price_cents < 0 && line.kind != LineKind::kDiscount) {
        errors.Add(at + "unit_price_cents", "Prix négatif réservé aux lignes de remise.");
      }
      if (line.kind == LineKind::kDiscount && line.unit_price_cents > 0) {
        line.unit_price_cents = -line.unit_price_cents;
      }
      computed.quantity_milli = line.quantity_milli;
      computed.unit_price_cents = line.unit_price_cents;
      computed.vat_rate_bp = line.vat_rate_bp;
      computed.discount_bp = line.discount_bp;
      computed.discount_cents = line.discount_cents;
    }
    lines.push_back(computed);
  }
  if (!priced) errors.Add("lines", "Ajoutez au moins une ligne chiffrée.");
  auto totals = ComputeTotals(lines, content.discount, deposit);
  if (!totals) {
    for (const auto& f : totals.error().fields) errors.Add(f.field, f.message);
  }
  if (!errors.empty()) return Fail(errors.ToError());
  for (std::size_t i = 0; i < content.lines.size(); ++i) {
    content.lines[i].net_cents = totals->line_nets[i];
  }
  return PricedContent{std::move(content), std::move(*totals)};
}

std::string FormatIsoDate(std::chrono::year_month_day day) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return buffer;
}

std::optional<std::chrono::year_month_day> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  auto digits = [](std::string_view part, auto& out) {
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
    return ec == std::errc() && end == part.data() + part.size();
  };
  if (!digits(text.substr(0, 4), y) || !digits(text.substr(5, 2), m) ||
      !digits(text.substr(8, 2), d)) {
    return std::nullopt;
  }
  std::chrono::year_month_day day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!day.ok()) return std::nullopt;
  return day;
}

// ---- Quotes

std::string_view QuoteStatusName(QuoteStatus status) { return NameOf(kQuoteStatuses, status); }
std::optional<QuoteStatus> ParseQuoteStatus(std::string_view name) {
  return Parse(kQuoteStatuses, name);
}

Result<QuoteStatus> QuoteTransition(QuoteStatus from, QuoteAction action) {
  auto refuse = [&](const char* why) -> Result<QuoteStatus> {
    return Fail(ErrorCode::kConflict, why);
  };
  if (from == QuoteStatus::kAccepted) {
    return refuse("Ce devis est accepté : il ne peut plus être modifié. Faites un nouveau devis.");
  }
  if (from == QuoteStatus::kCancelled) return refuse("Ce devis est annulé.");
  if (from == QuoteStatus::kDeclined) return refuse("Ce devis a été refusé par le client.");
  switch (action) {
    case QuoteAction::kEdit:
      return QuoteStatus::kDraft;
    case QuoteAction::kSend:
      if (from == QuoteStatus::kExpired) {
        return refuse("Ce devis a expiré : modifiez sa date de validité avant de le renvoyer.");
      }
      return QuoteStatus::kSent;
    case QuoteAction::kAccept:
    case QuoteAction::kDecline:
      if (from != QuoteStatus::kSent) {
        return refuse(from == QuoteStatus::kDraft ? "Envoyez d'abord ce devis au client."
                                                  : "Ce devis a expiré.");
      }
      return action == QuoteAction::kAccept ? QuoteStatus::kAccepted : QuoteStatus::kDeclined;
    case QuoteAction::kExpire:
      if (from != QuoteStatus::kSent) return refuse("Seul un devis envoyé expire.");
      return QuoteStatus::kExpired;
    case QuoteAction::kCancel:
      return QuoteStatus::kCancelled;
  }
  return refuse("Action inconnue.");
}

// ---- Invoices

std::string_view InvoiceKindName(InvoiceKind kind) {
  return kind == InvoiceKind::kDeposit ? "deposit" : "standard";
}
std::string_view InvoiceStatusName(InvoiceStatus status) {
  return NameOf(kInvoiceStatuses, status);
}
std::optional<InvoiceStatus> ParseInvoiceStatus(std::string_view name) {
  return Parse(kInvoiceStatuses, name);
}

InvoiceStatus SettledStatus(const InvoiceMoney& money) {
  if (money.Due() <= 0 && money.paid_cents == 0 && money.credited_cents > 0) {
    return InvoiceStatus::kCancelled;
  }
  if (money.Remaining() <= 0) return InvoiceStatus::kPaid;
  if (money.paid_cents > 0) return InvoiceStatus::kPartiallyPaid;
  return InvoiceStatus::kIssued;
}

bool IsOverdue(InvoiceStatus status, std::optional<std::chrono::year_month_day> due,
               std::chrono::year_month_day today) {
  if (status != InvoiceStatus::kIssued && status != InvoiceStatus::kPartiallyPaid) return false;
  return due && std::chrono::sys_days{*due} < std::chrono::sys_days{today};
}

Result<void> CheckInvoiceEditable(InvoiceStatus status) {
  if (status == InvoiceStatus::kDraft) return {};
  if (status == InvoiceStatus::kCancelled) {
    return Fail(ErrorCode::kConflict, "Cette facture est annulée.");
  }
  return Fail(ErrorCode::kConflict,
              "Cette facture est émise : elle ne se modifie plus. Corrigez-la par un avoir.");
}

std::vector<RateShare> SplitGrossOverRates(const std::vector<VatBreakdown>& vat,
                                           long long gross_cents) {
  struct Part {
    int rate;
    long long weight;  // the rate's gross on the document
    long long share;
    long long remainder;
  };
  std::vector<Part> parts;
  parts.reserve(vat.size());
  long long total = 0;
  for (const auto& v : vat) {
    long long weight = v.base_cents + v.vat_cents;
    if (weight <= 0) continue;
    parts.push_back({v.rate_bp, weight, 0, 0});
    total += weight;
  }
  std::vector<RateShare> shares;
  if (parts.empty() || gross_cents <= 0) return shares;
  long long given = 0;
  for (auto& p : parts) {
    Int128 product = static_cast<Int128>(gross_cents) * p.weight;
    p.share = static_cast<long long>(product / total);
    p.remainder = static_cast<long long>(product % total);
    given += p.share;
  }
  std::vector<std::size_t> order(parts.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (parts[a].remainder != parts[b].remainder) return parts[a].remainder > parts[b].remainder;
    return parts[a].rate > parts[b].rate;
  });
  for (std::size_t k = 0; given < gross_cents; ++k, ++given) ++parts[order[k % order.size()]].share;

  // Each share becomes one line whose VAT the document rounds on its net: some gross amounts
  // cannot come out of any net (at 20 %, 103.47 lies between 86.22 → 103.46 and 86.23 → 103.48).
  // Such a share gives a cent to, or takes one from, another rate whose share then still comes
  // out exactly, so the lines add up to the amount asked for.
  auto gross_of = [](long long net, int rate) { return net + DivideRounded(net * rate, 10000); };
  auto net_for = [&](long long target, int rate) -> std::optional<long long> {
    const long long guess = DivideRounded(target * 10000, 10000 + rate);
    for (long long net : {guess, guess - 1, guess + 1}) {
      if (net >= 0 && gross_of(net, rate) == target) return net;
    }
    return std::nullopt;
  };
  for (auto& p : parts) {
    if (p.share == 0 || net_for(p.share, p.rate)) continue;
    bool moved = false;
    for (long long d : {1LL, -1LL}) {
      for (auto& other : parts) {
        if (&other == &p || other.share - d < 0 || !net_for(p.share + d, p.rate) ||
            !net_for(other.share - d, other.rate)) {
          continue;
        }
        p.share += d;
        other.share -= d;
        moved = true;
        break;
      }
      if (moved) break;
    }
  }
  shares.reserve(parts.size());
  for (const auto& p : parts) {
    if (p.share == 0) continue;
    const long long net =
        net_for(p.share, p.rate).value_or(DivideRounded(p.share * 10000, 10000 + p.rate));
    shares.push_back({p.rate, net, gross_of(net, p.rate)});
  }
  return shares;
}

std::vector<BillingLine> LinesForShares(const std::vector<RateShare>& shares,
                                        const std::string& label) {
  std::vector<BillingLine> lines;
  lines.reserve(shares.size());
  for (const auto& s : shares) {
    BillingLine line;
    line.kind = LineKind::kFee;
    line.description =
        shares.size() > 1 ? label + " — TVA " + RateLabel(s.rate_bp) : std::string(label);
    line.unit = "flat";
    line.quantity_milli = 1000;
    line.unit_price_cents = s.net_cents;
    line.vat_rate_bp = s.rate_bp;
    line.net_cents = s.net_cents;
    lines.push_back(std::move(line));
  }
  return lines;
}

Result<void> CheckCredit(InvoiceStatus status, const InvoiceMoney& money,
                         long long amount_gross_cents) {
  if (status == InvoiceStatus::kDraft) {
    return Fail(ErrorCode::kConflict,
                "Une facture brouillon se modifie ou se supprime : pas d'avoir.");
  }
  if (status == InvoiceStatus::kCancelled) {
    return Fail(ErrorCode::kConflict, "Cette facture est déjà entièrement annulée.");
  }
  if (money.Due() <= 0) {
    return Fail(ErrorCode::kConflict, "Il ne reste rien à créditer sur cette facture.");
  }
  if (amount_gross_cents <= 0 || amount_gross_cents > money.Due()) {
    return Fail(ErrorCode::kValidation, "Montant de l'avoir invalide.",
                {{"amount_cents", "Entre 0,01 € et " + FormatEuros(money.Due()) + " TTC."}});
  }
  return {};
}

// ---- Payments

std::string_view PaymentMethodName(PaymentMethod method) { return NameOf(kPaymentMethods, method); }
std::optional<PaymentMethod> ParsePaymentMethod(std::string_view name) {
  return Parse(kPaymentMethods, name);
}

Result<ManualPayment> CheckPayment(ManualPayment payment, InvoiceStatus status,
                                   const InvoiceMoney& money, long long pending_cents,
                                   std::chrono::year_month_day today) {
  FieldErrors errors;
  CleanText(errors, "reference", payment.reference, 200);
  CleanText(errors, "proof_text", payment.proof_text, 1000);
  if (payment.amount_cents <= 0) errors.Add("amount_cents", "Montant positif attendu.");
  if (payment.reference.empty() &&
      (payment.method == PaymentMethod::kBankTransfer || payment.method == PaymentMethod::kCheque ||
       payment.method == PaymentMethod::kCard)) {
    errors.Add("reference", "Référence obligatoire pour un virement, un chèque ou une carte.");
  }
  if (!payment.received_on.ok() ||
      std::chrono::sys_days{payment.received_on} > std::chrono::sys_days{today}) {
    errors.Add("received_on", "Date de réception passée ou du jour attendue.");
  }
  if (!errors.empty()) return Fail(errors.ToError());
  if (status != InvoiceStatus::kIssued && status != InvoiceStatus::kPartiallyPaid) {
    return Fail(ErrorCode::kConflict, status == InvoiceStatus::kDraft
                                          ? "Émettez la facture avant d'enregistrer un paiement."
                                          : "Cette facture n'attend plus de paiement.");
  }
  const long long open = money.Remaining() - pending_cents;
  if (payment.amount_cents > open) {
    return Fail(ErrorCode::kConflict, "Le paiement dépasse le reste à payer (" + FormatEuros(open) +
                                          " en comptant les paiements en attente de validation).");
  }
  return payment;
}

std::optional<std::string> SniffProofType(std::string_view bytes) {
  if (bytes.substr(0, 5) == "%PDF-") return "application/pdf";
  // A photo of a cheque or a screenshot: a well-formed PNG or JPEG (its structure is read).
  auto image = InspectImage(bytes);
  if (image && (image->type == "image/png" || image->type == "image/jpeg")) return image->type;
  return std::nullopt;
}

}  // namespace planify::domain
