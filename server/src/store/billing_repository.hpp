#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/billing.hpp"
#include "domain/ids.hpp"
#include "store/database.hpp"
#include "store/planning_repository.hpp"

namespace planify::store {

// The columns quotes and invoices share. Dates are "YYYY-MM-DD", times ISO-8601 UTC, "" for
// NULL.
struct DocumentRecord {
  long long id = 0;
  std::string number;
  std::string status;
  std::optional<long long> client_id;
  std::optional<long long> mission_id;
  domain::DocumentContent content;  // terms: the quote's conditions, the invoice's notes
  std::string service_starts_at;
  std::string service_ends_at;
  domain::ClientInput client;  // snapshot taken when the document was last saved
  std::string client_email;
  std::string vat_regime = "standard";
  long long net_cents = 0;
  long long vat_cents = 0;
  long long gross_cents = 0;
  std::vector<domain::VatBreakdown> vat;
  std::optional<long long> created_by;
  std::string created_at;
  std::string updated_at;
};

struct QuoteRecord : DocumentRecord {
  std::string deposit_kind = "none";  // none, acompte, arrhes
  int deposit_bp = 0;
  long long deposit_amount_cents = 0;  // the deposit typed as an amount
  long long deposit_cents = 0;         // the deposit asked for, computed
  std::string issue_date;
  std::string valid_until;
  std::string send_requested_at;
  std::string sent_at;
  std::string accepted_at;
  std::string declined_at;
  std::string decline_reason;
  std::string expired_at;
  std::string cancelled_at;
  std::string acceptance_method;
  std::string public_token_hash;
  std::string public_token_expires_at;
  std::string public_token_sealed;  // the link's token, sealed: follow-ups carry the same link
};

struct DepositLink {
  long long deposit_invoice_id = 0;
  std::string number;
  std::string issue_date;
  long long net_cents = 0;
  long long vat_cents = 0;
  long long gross_cents = 0;
};

struct InvoiceRecord : DocumentRecord {
  std::string kind = "standard";  // standard, deposit
  std::optional<long long> quote_id;
  std::string quote_number;     // read only
  std::string seller_snapshot;  // JSON, set at issue
  long long prepaid_cents = 0;
  long long paid_cents = 0;
  long long credited_cents = 0;
  int deposit_bp = 0;
  int payment_terms_days = 30;
  std::string issue_date;
  std::string issued_at;
  std::string due_date;
  std::string legal_mentions;  // JSON of the printed legal block, set at issue
  std::string send_requested_at;
  std::string sent_at;
  std::string paid_on;
  std::string cancelled_at;
  std::string public_token_hash;      // the client's invoice page (hash of the link's token)
  std::string public_token_sealed;    // the token itself, sealed: every e-mail has the same link
  std::string disputed_at;            // a payment of it is disputed (chargeback): no reminders
  std::vector<DepositLink> deposits;  // read with the lines

  [[nodiscard]] domain::InvoiceMoney Money() const {
    return {gross_cents, prepaid_cents, credited_cents, paid_cents};
  }
};

struct CreditNoteRecord {
  long long id = 0;
  std::string number;
  std::string status = "issued";
  long long invoice_id = 0;
  std::string invoice_number;  // read only
  std::optional<long long> client_id;
  domain::ClientInput client;
  std::string seller_snapshot;
  std::string vat_regime;
  std::string reason;
  bool full_credit = false;
  long long net_cents = 0;
  long long vat_cents = 0;
  long long gross_cents = 0;
  std::vector<domain::VatBreakdown> vat;
  std::vector<domain::BillingLine> lines;
  std::string settlement = "deduct";
  std::string issue_date;
  std::string issued_at;
  std::string legal_mentions;
  std::optional<long long> created_by;
  std::string created_at;
};

struct PaymentRecord {
  long long id = 0;
  std::string number;
  long long invoice_id = 0;    // 0: held on `quote_id` until its invoice is issued
  std::string invoice_number;  // read only
  std::optional<long long> quote_id;
  std::string quote_number;         // read only
  std::string provider_payment_id;  // Stripe: the PaymentIntent id
  std::optional<long long> checkout_session_id;
  long long refunded_cents = 0;  // refunded through the provider (cumulative)
  long long overpaid_cents = 0;  // above what was still due when it arrived: to refund
  std::string disputed_at;
  std::string provider = "manual";
  std::string method;
  std::string status;
  long long amount_cents = 0;
  std::string reference;
  std::string proof_text;
  std::string received_on;
  std::string succeeded_at;
  std::string failure_reason;
  std::optional<long long> recorded_by;
  std::string recorded_by_name;  // read only
  std::string proof_filename;    // read only; "" without a proof file
  std::string recorded_ip;
  std::optional<long long> validated_by;
  std::string validated_at;
  std::optional<long long> rejected_by;
  std::string rejected_at;
  std::string created_at;
};

struct DocumentFilter {
  std::vector<std::string> statuses;
  std::optional<long long> client_id;
  std::optional<long long> mission_id;
  std::optional<long long> quote_id;
  std::string kind;            // invoices: standard, deposit
  std::string from_date;       // issue date (or creation day for drafts) ≥
  std::string to_date;         // ≤
  std::string query;           // folded words (number, title, client)
  std::string overdue_before;  // invoices: due date before this day and still unpaid
  long long limit = 50;
  long long offset = 0;

  // No condition beyond the organisation: the whole-set totals come from the maintained
  // deltas (migration 0017) instead of a pass over every document.
  [[nodiscard]] bool Unfiltered() const {
    return statuses.empty() && !client_id && !mission_id && !quote_id && kind.empty() &&
           from_date.empty() && to_date.empty() && query.empty() && overdue_before.empty();
  }
};

struct PaymentFilter {
  std::string status;    // pending, succeeded, …; "" = any
  std::string provider;  // manual, stripe, legacy; "" = any
  long long limit = 50;
  long long offset = 0;
};

template <typename Row>
struct DocumentPage {
  std::vector<Row> items;
  long long total = 0;
  long long gross_cents = 0;      // Σ over the whole filtered set
  long long remaining_cents = 0;  // invoices: Σ still to be paid
};

// A document's stored VAT breakdown (the `vat_breakdown` JSON column).
[[nodiscard]] std::vector<domain::VatBreakdown> VatFrom(const std::string& text);

// Quotes, invoices, credit notes and payments, always within one organisation; runs on the
// caller's lease and transaction. Find…(lock=true) takes the row lock on PostgreSQL so status
// changes of one document are serial (SQLite write transactions already are).
class BillingRepository {
 public:
  explicit BillingRepository(Lease& lease) : lease_(lease) {}

  long long InsertQuote(OrganizationId org, const QuoteRecord& quote, const std::string& now);
  void SaveQuote(OrganizationId org, const QuoteRecord& quote, const std::string& now);
  [[nodiscard]] std::optional<QuoteRecord> FindQuote(OrganizationId org, long long id,
                                                     bool lock = false);
  // The quote a public link points to, with its organisation (the link carries no tenant).
  [[nodiscard]] std::optional<std::pair<OrganizationId, QuoteRecord>> FindQuoteByToken(
      const std::string& token_hash);
  [[nodiscard]] DocumentPage<QuoteRecord> ListQuotes(OrganizationId org,
                                                     const DocumentFilter& filter);
  // Sent quotes whose validity ended before `today`, across organisations (the expiry job).
  [[nodiscard]] std::vector<std::pair<OrganizationId, long long>> ExpiredQuotes(
      const std::string& today, int limit);

  long long InsertInvoice(OrganizationId org, const InvoiceRecord& invoice, const std::string& now);
  void SaveInvoice(OrganizationId org, const InvoiceRecord& invoice, const std::string& now);
  bool DeleteDraftInvoice(OrganizationId org, long long id);
  [[nodiscard]] std::optional<InvoiceRecord> FindInvoice(OrganizationId org, long long id,
                                                         bool lock = false);
  // A page of the list: the records carry what a list row shows (number, status, client name
  // and e-mail, title, amounts, dates, quote number), not the snapshots, lines or legal text.
  [[nodiscard]] DocumentPage<InvoiceRecord> ListInvoices(OrganizationId org,
                                                         const DocumentFilter& filter);
  // The issued deposit invoices of a quote not yet deducted on a balance invoice.
  [[nodiscard]] std::vector<InvoiceRecord> OpenDeposits(OrganizationId org, long long quote_id);
  // Σ gross of the quote's deposit invoices (any status but cancelled), drafts included.
  [[nodiscard]] long long DepositsInvoiced(OrganizationId org, long long quote_id);
  // True when the quote already has a standard (full or balance) invoice that is not cancelled.
  [[nodiscard]] bool HasStandardInvoice(OrganizationId org, long long quote_id);
  void LinkDeposit(OrganizationId org, long long invoice_id, const DepositLink& link,
                   const std::string& now);
  void UnlinkDeposits(OrganizationId org, long long invoice_id);

  long long InsertCreditNote(OrganizationId org, const CreditNoteRecord& note,
                             const std::string& now);
  [[nodiscard]] std::optional<CreditNoteRecord> FindCreditNote(OrganizationId org, long long id);
  [[nodiscard]] std::vector<CreditNoteRecord> CreditNotesOf(OrganizationId org,
                                                            long long invoice_id);

  long long InsertPayment(OrganizationId org, const PaymentRecord& payment, const std::string& now);
  void SavePayment(OrganizationId org, const PaymentRecord& payment, const std::string& now);
  [[nodiscard]] std::optional<PaymentRecord> FindPayment(OrganizationId org, long long id,
                                                         bool lock = false);
  [[nodiscard]] std::vector<PaymentRecord> PaymentsOf(OrganizationId org, long long invoice_id);
  [[nodiscard]] DocumentPage<PaymentRecord> ListPayments(OrganizationId org,
                                                         const PaymentFilter& filter);
  [[nodiscard]] long long PendingPayments(OrganizationId org, long long invoice_id);
  // Succeeded payments held on the quote, not yet attached to an invoice.
  [[nodiscard]] std::vector<PaymentRecord> HeldPayments(OrganizationId org, long long quote_id);
  [[nodiscard]] std::optional<PaymentRecord> FindProviderPayment(
      OrganizationId org, const std::string& provider, const std::string& provider_payment_id);
  // The invoice a public link points to, with its organisation.
  [[nodiscard]] std::optional<std::pair<OrganizationId, InvoiceRecord>> FindInvoiceByToken(
      const std::string& token_hash);

  // E-mail `email_id` was accepted by the mailer: the document it carries (if any) becomes
  // sent — a quote whose send is still pending turns "sent", an invoice gets its sent_at.
  void OnEmailSent(long long email_id, const std::string& now);

 private:
  Lease& lease_;
};

// Folds the list totals' delta rows (migration 0017) into one row per organisation and kind,
// and drops those of deleted organisations; run nightly by database.optimize, in the caller's
// write transaction. Returns how many delta rows it folded.
long long FoldDocumentTotals(Lease& lease);

}  // namespace planify::store
