#pragma once

#include <string>

#include "domain/einvoice.hpp"
#include "domain/legal_mentions.hpp"
#include "integrations/pdf/document_pdf.hpp"
#include "store/billing_repository.hpp"
#include "store/document_files_repository.hpp"

// What each document prints, in French: the legal block, the lines, the totals box, how to pay.
// Built from the document's frozen data (an issued invoice prints its seller and legal snapshot,
// not today's settings).
namespace planify::app::billing {

struct PdfContext {
  domain::OrganizationSettings seller;  // today's settings: quotes and drafts
  std::string logo_png;                 // the organisation's logo when it is a PNG
  std::string now;                      // ISO UTC, the PDF's creation date
};

[[nodiscard]] integrations::PdfDocument QuotePdf(const store::QuoteRecord& quote,
                                                 const PdfContext& context);
[[nodiscard]] integrations::PdfDocument InvoicePdf(const store::InvoiceRecord& invoice,
                                                   const PdfContext& context);
[[nodiscard]] integrations::PdfDocument CreditNotePdf(const store::CreditNoteRecord& note,
                                                      const PdfContext& context);

// The e-invoice (EN 16931) of an issued invoice or credit note: the same frozen data the PDF
// prints (seller snapshot, client snapshot, lines, per-rate totals, deposits deducted).
[[nodiscard]] domain::EInvoiceDocument InvoiceEInvoice(const store::InvoiceRecord& invoice,
                                                       const PdfContext& context);
// `invoice`: the invoice the note corrects (its date and the client's e-mail), when found.
[[nodiscard]] domain::EInvoiceDocument CreditNoteEInvoice(const store::CreditNoteRecord& note,
                                                          const store::InvoiceRecord* invoice,
                                                          const PdfContext& context);

// `pdf` made Factur-X (PDF/A-3b with its CII XML) when `document` is a complete e-invoice;
// `pdf` unchanged when it lacks something (domain::CheckEInvoice says what).
[[nodiscard]] Result<std::string> WithFacturX(std::string pdf,
                                              const domain::EInvoiceDocument& document,
                                              const std::string& now);

// The certificate page of a signed quote: who signed, when (UTC and Paris), from where, and
// the SHA-256 of the PDF they were shown.
void AddCertificate(integrations::PdfDocument& pdf, const store::SignatureRecord& signature,
                    const std::string& quote_number, const std::string& zone);

// The organisation's logo bytes when it is a PNG ("" otherwise: the PDF prints the name).
[[nodiscard]] std::string LogoPng(store::Lease& lease, OrganizationId org);

// "FAC-2026-0001.pdf", or "devis-brouillon-12.pdf" for a draft.
[[nodiscard]] std::string PdfFilename(const std::string& prefix, const std::string& number,
                                      long long id);

}  // namespace planify::app::billing
