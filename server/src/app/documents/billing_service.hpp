#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "domain/billing.hpp"
#include "jobs/worker.hpp"
#include "store/billing_repository.hpp"
#include "store/document_files_repository.hpp"

namespace planify::app {

// What a quote or invoice draft says, as the API receives it.
struct DocumentInput {
  std::optional<long long> client_id;
  std::optional<long long> mission_id;
  domain::DocumentContent content;
  std::optional<domain::Timestamp> service_starts_at;
  std::optional<domain::Timestamp> service_ends_at;
};

struct QuoteInput : DocumentInput {
  std::string deposit_kind = "none";  // none, acompte, arrhes
  domain::DepositRequest deposit;
  std::string valid_until;  // "YYYY-MM-DD", "" = 30 days after sending
};

struct InvoiceInput : DocumentInput {
  std::optional<int> payment_terms_days;  // default: the organisation's
};

enum class InvoiceFromQuote { kDeposit, kFinal };

struct InvoiceView {
  store::InvoiceRecord invoice;
  std::vector<store::CreditNoteRecord> credit_notes;
  std::vector<store::PaymentRecord> payments;
  bool overdue = false;
};

struct PdfFile {
  std::string filename;
  std::string content;  // the file's bytes
  std::string sha256;
  std::string content_type = "application/pdf";
};

// What the client submits on the public page to accept a quote.
struct SignInput {
  std::string signer_name;
  std::string signer_email;
  std::string signature;  // "data:image/png;base64,…" drawn on the page, ≤ 500 KiB
  bool consent = false;   // the "Bon pour accord" box
};

struct SendResult {
  long long email_id = 0;
  std::string link;  // the public page (quotes)
};

// Quotes: drafts, sending (number, public link, e-mail), the client's answer, expiry.
class QuotesService {
 public:
  QuotesService(store::Database& db, const Clock& clock, const Cipher& cipher,
                std::string public_url)
      : db_(db), clock_(clock), cipher_(cipher), public_url_(std::move(public_url)) {}

  [[nodiscard]] Result<store::QuoteRecord> Create(const Principal& actor, const RequestMeta& meta,
                                                  QuoteInput input);
  // Create inside the caller's open write transaction on `lease`; nothing is committed here.
  [[nodiscard]] Result<store::QuoteRecord> CreateWithin(store::Lease& lease, const Principal& actor,
                                                        const RequestMeta& meta, QuoteInput input);
  // A draft prefilled from a mission: its client, dates, venue, the pricing rule's lines (when
  // `rule_id` is given) and one rental line per equipment line that has a rental price.
  // VALIDATION on `mission_id` / `pricing_rule_id` when either is not the organisation's.
  [[nodiscard]] Result<store::QuoteRecord> FromMission(const Principal& actor,
                                                       const RequestMeta& meta,
                                                       long long mission_id,
                                                       std::optional<long long> rule_id,
                                                       int distance_km);
  [[nodiscard]] Result<store::QuoteRecord> Duplicate(const Principal& actor,
                                                     const RequestMeta& meta, long long id);
  // CONFLICT once accepted, declined or cancelled; a sent quote goes back to draft.
  [[nodiscard]] Result<store::QuoteRecord> Update(const Principal& actor, const RequestMeta& meta,
                                                  long long id, QuoteInput input);
  [[nodiscard]] Result<store::QuoteRecord> Get(const Principal& actor, long long id);
  [[nodiscard]] Result<store::DocumentPage<store::QuoteRecord>> List(const Principal& actor,
                                                                     store::DocumentFilter filter);
  // Takes the number (first send), freezes the totals, opens a public link and queues the
  // e-mail to `to_address` (default: the client's primary contact). The quote becomes "sent"
  // when the mailer accepts the e-mail.
  [[nodiscard]] Result<SendResult> Send(const Principal& actor, const RequestMeta& meta,
                                        long long id, const std::string& to_address);
  // The client accepted on paper or by e-mail (no online signature).
  [[nodiscard]] Result<store::QuoteRecord> AcceptManually(const Principal& actor,
                                                          const RequestMeta& meta, long long id);
  [[nodiscard]] Result<store::QuoteRecord> Decline(const Principal& actor, const RequestMeta& meta,
                                                   long long id, std::string reason);
  // `reason` (≤ 500 characters, may be empty) is kept in the audit log's entry.
  [[nodiscard]] Result<store::QuoteRecord> Cancel(const Principal& actor, const RequestMeta& meta,
                                                  long long id, std::string reason);
  // The public link stops working now (sending again gives a new one). CONFLICT without one.
  [[nodiscard]] Result<store::QuoteRecord> RevokeLink(const Principal& actor,
                                                      const RequestMeta& meta, long long id);
  // Sent quotes past their validity become expired; returns how many.
  [[nodiscard]] Result<int> ExpireDue();

  // The evidence of the online signature, when the quote was signed.
  // Money received online on the quote that no invoice holds yet (a deposit whose invoice could
  // not be issued: docs/payments.md), net of refunds.
  [[nodiscard]] Result<long long> HeldCents(const Principal& actor, long long id);
  [[nodiscard]] Result<std::optional<store::SignatureRecord>> Signature(const Principal& actor,
                                                                        long long id);
  // The PDF sent to the client (once sent), or a preview marked "APERÇU" of a draft.
  [[nodiscard]] Result<PdfFile> Pdf(const Principal& actor, long long id);
  // The signature of a quote reached through its public link (no session).
  [[nodiscard]] std::optional<store::SignatureRecord> PublicSignature(OrganizationId org,
                                                                      long long id);
  // The organisation's trading name, for the public page's header.
  [[nodiscard]] std::string SellerName(OrganizationId org);
  // The PDF the client sees on the public page; once signed, the signed one.
  [[nodiscard]] Result<PdfFile> PublicPdf(const std::string& token);
  // The client accepts online: keeps the evidence (name, e-mail, UTC time, IP, user agent,
  // SHA-256 of the exact PDF shown, the drawn signature), freezes a signed PDF with a
  // certificate page, and e-mails it. CONFLICT once the quote is no longer open.
  [[nodiscard]] Result<store::QuoteRecord> SignPublic(const std::string& token, SignInput input,
                                                      const RequestMeta& meta);

  // The public page: NOT_FOUND for an unknown, revoked or expired link.
  [[nodiscard]] Result<std::pair<OrganizationId, store::QuoteRecord>> GetPublic(
      const std::string& token);
  [[nodiscard]] Result<store::QuoteRecord> DeclinePublic(const std::string& token,
                                                         std::string reason,
                                                         const RequestMeta& meta);

 private:
  store::Database& db_;
  const Clock& clock_;
  const Cipher& cipher_;
  std::string public_url_;
};

// Invoices, credit notes and manual payments.
class InvoicesService {
 public:
  InvoicesService(store::Database& db, const Clock& clock, const Cipher& cipher,
                  std::string public_url)
      : db_(db), clock_(clock), cipher_(cipher), public_url_(std::move(public_url)) {}

  [[nodiscard]] Result<store::InvoiceRecord> Create(const Principal& actor, const RequestMeta& meta,
                                                    InvoiceInput input);
  // From an accepted quote: a deposit invoice (the quote's deposit, or `deposit` when given),
  // or the final invoice, which deducts the deposit invoices already issued.
  [[nodiscard]] Result<store::InvoiceRecord> FromQuote(const Principal& actor,
                                                       const RequestMeta& meta, long long quote_id,
                                                       InvoiceFromQuote kind,
                                                       domain::DepositRequest deposit);
  [[nodiscard]] Result<store::InvoiceRecord> Update(const Principal& actor, const RequestMeta& meta,
                                                    long long id, InvoiceInput input);
  [[nodiscard]] Result<void> DeleteDraft(const Principal& actor, const RequestMeta& meta,
                                         long long id);
  // Checks every mandatory mention, takes the next number, dates it, freezes the seller and
  // the client, and locks it.
  [[nodiscard]] Result<store::InvoiceRecord> Issue(const Principal& actor, const RequestMeta& meta,
                                                   long long id);
  [[nodiscard]] Result<SendResult> Send(const Principal& actor, const RequestMeta& meta,
                                        long long id, const std::string& to_address);
  [[nodiscard]] Result<InvoiceView> Get(const Principal& actor, long long id);
  // An issued invoice's PDF: rendered once from its frozen data and stored, then always the
  // same bytes; a draft gets a preview marked "APERÇU".
  [[nodiscard]] Result<PdfFile> Pdf(const Principal& actor, long long id);
  [[nodiscard]] Result<PdfFile> CreditNotePdf(const Principal& actor, long long id);
  // The CII XML (EN 16931) an issued invoice's or credit note's Factur-X PDF embeds, byte for
  // byte, as `<number>.xml`. CONFLICT for a draft, or naming in its fields what the document
  // lacks to be an e-invoice (its PDF is then a plain PDF).
  [[nodiscard]] Result<PdfFile> InvoiceXml(const Principal& actor, long long id);
  [[nodiscard]] Result<PdfFile> CreditNoteXml(const Principal& actor, long long id);
  // The PDF behind an invoice's public link (NOT_FOUND for an unknown or withdrawn link).
  [[nodiscard]] Result<PdfFile> PublicPdf(const std::string& token);
  [[nodiscard]] Result<store::DocumentPage<store::InvoiceRecord>> List(const Principal& actor,
                                                                       store::DocumentFilter filter,
                                                                       bool overdue_only);

  // A credit note for the whole remaining amount (`amount_cents` empty) or part of it.
  [[nodiscard]] Result<store::CreditNoteRecord> Credit(const Principal& actor,
                                                       const RequestMeta& meta,
                                                       long long invoice_id,
                                                       std::optional<long long> amount_cents,
                                                       std::string reason);
  [[nodiscard]] Result<store::CreditNoteRecord> GetCreditNote(const Principal& actor, long long id);

  // Pending when the organisation asks for an admin's validation, succeeded otherwise.
  [[nodiscard]] Result<store::PaymentRecord> RecordPayment(const Principal& actor,
                                                           const RequestMeta& meta,
                                                           long long invoice_id,
                                                           domain::ManualPayment payment);
  [[nodiscard]] Result<store::PaymentRecord> ValidatePayment(const Principal& actor,
                                                             const RequestMeta& meta,
                                                             long long payment_id);
  [[nodiscard]] Result<store::PaymentRecord> RejectPayment(const Principal& actor,
                                                           const RequestMeta& meta,
                                                           long long payment_id,
                                                           std::string reason);
  // Attaches (or replaces) a payment's proof: PDF, PNG or JPEG up to 8 MiB.
  [[nodiscard]] Result<store::PaymentRecord> AttachProof(const Principal& actor,
                                                         const RequestMeta& meta,
                                                         long long payment_id, std::string filename,
                                                         const std::string& content);
  [[nodiscard]] Result<PdfFile> Proof(const Principal& actor, long long payment_id);
  [[nodiscard]] Result<store::DocumentPage<store::PaymentRecord>> ListPayments(
      const Principal& actor, const store::PaymentFilter& filter);

 private:
  store::Database& db_;
  const Clock& clock_;
  const Cipher& cipher_;
  std::string public_url_;
};

// Registers "quotes.expire": sent quotes past their validity become expired (scheduled daily).
void RegisterDocumentJobs(jobs::JobRegistry& registry, const Clock& clock, const Cipher& cipher);

}  // namespace planify::app
