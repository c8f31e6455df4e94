#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "app/auth/auth_service.hpp"
#include "app/documents/billing_service.hpp"
#include "domain/billing.hpp"
#include "domain/legal_mentions.hpp"
#include "integrations/pdf/document_pdf.hpp"
#include "store/database.hpp"

// Helpers the quote and invoice use cases share; not part of any other feature's interface.
namespace planify::app::billing {

// The client as it stands now, for a document's snapshot, with its primary contact's e-mail;
// VALIDATION on `client_id` when it is not a client of the organisation.
struct ClientSnapshot {
  domain::ClientInput client;
  std::string email;
  std::string contact_name;
};
[[nodiscard]] Result<ClientSnapshot> LoadClient(store::Lease& lease, OrganizationId org,
                                                long long client_id);

// The organisation's settings; the bank details opened when `cipher` is given.
[[nodiscard]] domain::OrganizationSettings LoadSettings(store::Lease& lease, OrganizationId org,
                                                        const Cipher* cipher);

// "today" in the organisation's zone.
[[nodiscard]] std::chrono::year_month_day Today(const domain::OrganizationSettings& settings,
                                                domain::Timestamp now);

// The next number of a series, formatted ("FAC-2026-0007"), in the caller's transaction.
[[nodiscard]] std::string NextNumber(store::Lease& lease, OrganizationId org,
                                     const std::string& document_type, const std::string& format,
                                     std::chrono::year_month_day day, const std::string& now);

[[nodiscard]] std::string SellerJson(const domain::OrganizationSettings& seller);
[[nodiscard]] std::string LegalJson(const domain::LegalBlock& block);

// Adds an error's field errors (or its message) to `errors`.
void Merge(domain::FieldErrors& errors, const Error& error);

// Applies a draft's client, mission, dates and content to `d` (client snapshot, VAT treatment,
// line nets, totals). Problems go to `errors`, among them every id (client, mission, a line's
// catalogue or equipment item) that is not the organisation's; the totals come back when there
// were none.
[[nodiscard]] std::optional<domain::DocumentTotals> FillDocument(
    store::Lease& lease, OrganizationId org, const domain::OrganizationSettings& settings,
    DocumentInput input, const domain::DepositRequest& deposit, store::DocumentRecord& d,
    domain::FieldErrors& errors);

// The organisation asks an admin to validate manual payments (legacy two-step flow).
[[nodiscard]] bool PaymentValidationRequired(store::Lease& lease, OrganizationId org);

// The document's stored PDF (`table`: quotes, invoices, credit_notes) when it has one: a plain
// read, outside any write transaction, so downloads never queue on the write lock.
[[nodiscard]] std::optional<PdfFile> FindStoredPdf(store::Lease& lease, OrganizationId org,
                                                   const std::string& table, long long id);

// What happens to a rendered PDF before it is stored (Factur-X for invoices and credit notes).
using PdfFinish = std::function<Result<std::string>(std::string)>;

// The document's stored PDF (`table`: quotes, invoices, credit_notes), rendering (then
// `finish`ing) and storing it first when it has none yet.
[[nodiscard]] Result<PdfFile> StoredPdf(store::Lease& lease, OrganizationId org,
                                        const std::string& table, long long id,
                                        const std::string& purpose, const std::string& filename,
                                        const std::function<integrations::PdfDocument()>& build,
                                        const std::string& now, const PdfFinish& finish = nullptr);

// The e-mail now carries the document: it turns "sent" when the mailer accepts it.
void TagEmail(store::Lease& lease, long long email_id, const std::string& document_type,
              long long document_id);

// A draft invoice from an accepted quote (InvoicesService::FromQuote without the audit), in the
// caller's transaction; returns its id. `created_by` is empty for the automatic deposit invoice
// of an online payment.
[[nodiscard]] Result<long long> CreateFromQuote(store::Lease& lease, OrganizationId org,
                                                long long quote_id, InvoiceFromQuote kind,
                                                const domain::DepositRequest& deposit,
                                                std::optional<long long> created_by,
                                                const std::string& stamp);

// Issues a draft in the caller's transaction: checks the mandatory mentions, takes the next
// number, freezes seller and client, attaches the payments held on its quote, settles and
// saves. CONFLICT when it is not a draft, VALIDATION naming a missing mention.
[[nodiscard]] Result<void> IssueDraft(store::Lease& lease, OrganizationId org, const Cipher& cipher,
                                      store::InvoiceRecord& invoice, domain::Timestamp now);

// The client's page of an issued invoice ("<public_url>/p/facture/<token>"): the same link for
// every e-mail and reminder, created on first use (the caller saves the invoice).
[[nodiscard]] std::string InvoiceLink(store::InvoiceRecord& invoice, const Cipher& cipher,
                                      const std::string& public_url);

// The money moved: the invoice takes the status its amounts give it (paid_on, cancelled_at).
void SettleInvoice(store::InvoiceRecord& invoice, std::chrono::year_month_day today,
                   const std::string& now);

}  // namespace planify::app::billing
