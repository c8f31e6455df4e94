#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/clients.hpp"
#include "domain/documents.hpp"
#include "domain/organization_settings.hpp"
#include "domain/result.hpp"
#include "domain/time.hpp"

namespace planify::domain {

// Quotes, invoices and credit notes: their lines, their VAT treatment, their state machines and
// the money rules between them (deposits deducted once, credits never above what is left,
// payments never above what is due). Pure: the app layer loads, calls these, saves.

enum class LineKind { kService, kRental, kProduct, kFee, kTravel, kDiscount, kText };
[[nodiscard]] std::string_view LineKindName(LineKind kind);
[[nodiscard]] std::optional<LineKind> ParseLineKind(std::string_view name);

struct BillingLine {
  LineKind kind = LineKind::kService;
  std::string description;
  std::string unit;  // "", hour, day, unit, km, flat
  long long quantity_milli = 1000;
  long long unit_price_cents = 0;
  int vat_rate_bp = 2000;
  int discount_bp = 0;
  long long discount_cents = 0;
  std::optional<long long> catalogue_item_id;
  std::optional<long long> equipment_item_id;
  long long net_cents = 0;  // computed by PriceDocument
};

// How VAT applies to a document: the seller's franchise (art. 293 B du CGI, every rate 0), the
// reverse charge for a business buyer in another EU country with a VAT number (the buyer
// accounts for it, every rate 0), or the standard rates of the lines.
enum class VatTreatment { kStandard, kFranchise, kReverseCharge };
[[nodiscard]] std::string_view VatTreatmentName(VatTreatment treatment);
[[nodiscard]] std::optional<VatTreatment> ParseVatTreatment(std::string_view name);
[[nodiscard]] VatTreatment VatTreatmentFor(const OrganizationSettings& seller,
                                           const ClientInput& buyer);

// What a user writes on a quote or an invoice draft.
struct DocumentContent {
  std::string title;
  std::string description;
  std::string terms;  // quotes: conditions; invoices: printed notes
  std::string venue_text;
  std::string purchase_order_ref;
  std::string operation_category = "services";  // services, goods, mixed
  std::vector<BillingLine> lines;
  DocumentDiscount discount;
};

struct PricedContent {
  DocumentContent content;  // cleaned, each line's net_cents set, rates forced to 0 when the
                            // treatment is not standard
  DocumentTotals totals;
};

// VALIDATION naming each bad field ("title", "lines[3].description"): a title (≤ 200 chars),
// at least one priced line, a description on every line (≤ 2,000 chars), text lines without
// amounts, negative prices only on discount lines, a known unit, then ComputeTotals' rules.
[[nodiscard]] Result<PricedContent> PriceDocument(DocumentContent content,
                                                  const DepositRequest& deposit,
                                                  VatTreatment treatment);

// Calendar days as stored ("2026-11-25").
[[nodiscard]] std::string FormatIsoDate(std::chrono::year_month_day day);
[[nodiscard]] std::optional<std::chrono::year_month_day> ParseIsoDate(std::string_view text);

// ---- Quotes
enum class QuoteStatus { kDraft, kSent, kAccepted, kDeclined, kExpired, kCancelled };
enum class QuoteAction { kEdit, kSend, kAccept, kDecline, kExpire, kCancel };
[[nodiscard]] std::string_view QuoteStatusName(QuoteStatus status);
[[nodiscard]] std::optional<QuoteStatus> ParseQuoteStatus(std::string_view name);

// The status after `action`, or CONFLICT with a French sentence. Editing a sent or expired quote
// takes it back to draft (its link stops working until it is sent again); an accepted, declined
// or cancelled quote never changes again.
[[nodiscard]] Result<QuoteStatus> QuoteTransition(QuoteStatus from, QuoteAction action);

// ---- Invoices
enum class InvoiceKind { kStandard, kDeposit };
enum class InvoiceStatus { kDraft, kIssued, kPartiallyPaid, kPaid, kCancelled };
[[nodiscard]] std::string_view InvoiceKindName(InvoiceKind kind);
[[nodiscard]] std::string_view InvoiceStatusName(InvoiceStatus status);
[[nodiscard]] std::optional<InvoiceStatus> ParseInvoiceStatus(std::string_view name);

// The money of an issued invoice, in cents.
struct InvoiceMoney {
  long long gross_cents = 0;     // total incl. VAT
  long long prepaid_cents = 0;   // deposit invoices deducted
  long long credited_cents = 0;  // credit notes issued against it
  long long paid_cents = 0;      // payments that succeeded
  [[nodiscard]] long long Due() const { return gross_cents - prepaid_cents - credited_cents; }
  [[nodiscard]] long long Remaining() const { return Due() - paid_cents; }
};

// The status an issued invoice has for its money: fully credited without payment → cancelled,
// nothing left to pay → paid, something paid → partially paid, else issued.
[[nodiscard]] InvoiceStatus SettledStatus(const InvoiceMoney& money);
[[nodiscard]] bool IsOverdue(InvoiceStatus status, std::optional<std::chrono::year_month_day> due,
                             std::chrono::year_month_day today);

// CONFLICT unless the invoice is a draft (the only state that can change or be deleted).
[[nodiscard]] Result<void> CheckInvoiceEditable(InvoiceStatus status);

// A gross amount spread over a document's VAT rates in proportion to each rate's gross (largest
// remainder, ties to the higher rate), then each share split into net + VAT at its rate: the
// lines of a deposit invoice or of a partial credit note. Rates with a zero base are skipped.
// A share no net can produce once its VAT is rounded trades a cent with another rate, so the
// shares' gross_cents (net + its rounded VAT) add up to `gross_cents`; with a single rate an
// unreachable amount comes out one cent off, as `gross_cents` of the share says.
struct RateShare {
  int rate_bp = 0;
  long long net_cents = 0;
  long long gross_cents = 0;
};
[[nodiscard]] std::vector<RateShare> SplitGrossOverRates(const std::vector<VatBreakdown>& vat,
                                                         long long gross_cents);

// One line per rate share, described by `label` (+ " — TVA 20 %" when several rates).
[[nodiscard]] std::vector<BillingLine> LinesForShares(const std::vector<RateShare>& shares,
                                                      const std::string& label);

// ---- Credit notes
// CONFLICT unless the invoice is issued (not a draft, not cancelled); VALIDATION when the amount
// is not within 0.01 € … what is left to credit (gross − deposits deducted − credits).
[[nodiscard]] Result<void> CheckCredit(InvoiceStatus status, const InvoiceMoney& money,
                                       long long amount_gross_cents);

// ---- Payments
enum class PaymentMethod { kCard, kBankTransfer, kSepaDebit, kCheque, kCash, kOther };
[[nodiscard]] std::string_view PaymentMethodName(PaymentMethod method);
[[nodiscard]] std::optional<PaymentMethod> ParsePaymentMethod(std::string_view name);

struct ManualPayment {
  PaymentMethod method = PaymentMethod::kBankTransfer;
  long long amount_cents = 0;
  std::string reference;  // required for transfers, cheques and cards
  std::string proof_text;
  std::chrono::year_month_day received_on{};
};

// VALIDATION for a bad payment (amount > 0, a reference for transfer/cheque/card, received on a
// day not after `today`); CONFLICT when the invoice is not issued or partially paid, or when
// the amount exceeds what remains once the payments awaiting validation are counted.
[[nodiscard]] Result<ManualPayment> CheckPayment(ManualPayment payment, InvoiceStatus status,
                                                 const InvoiceMoney& money, long long pending_cents,
                                                 std::chrono::year_month_day today);

// A payment's proof (bank statement, cheque scan, receipt): a PDF (by its header) or a PNG or
// JPEG whose structure InspectImage reads.
inline constexpr std::size_t kMaxProofBytes = std::size_t{8} * 1024 * 1024;
[[nodiscard]] std::optional<std::string> SniffProofType(std::string_view bytes);

}  // namespace planify::domain
