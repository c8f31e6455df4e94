#pragma once

#include <functional>
#include <string>
#include <vector>

#include "domain/result.hpp"

namespace planify::integrations {

// A quote, invoice or credit note ready to print: every text already formatted in French. The
// renderer only lays it out (A4, the brand colour, a table that paginates with its header
// repeated, a totals box, page numbers) with pango on cairo's PDF surface, fonts embedded.
struct PdfLineRow {
  std::string description;
  std::string quantity;    // "6 h", "1"
  std::string unit_price;  // "100,00 €"
  std::string vat;         // "20 %"
  std::string amount;      // "600,00 €"
  bool heading = false;    // a section title or comment across the table
};

struct PdfAmountRow {
  std::string label;
  std::string amount;
  bool strong = false;
};

struct PdfDocument {
  std::string title;  // "Facture n° FAC-2026-0001"
  std::string brand_color = "#4f46e5";
  std::string logo_png;  // PNG bytes; "" prints the seller's name instead
  std::string seller_name;
  std::vector<std::string> seller;       // identity lines under the name
  std::vector<std::string> buyer;        // the client block
  std::string buyer_heading = "CLIENT";  // its heading, in the organisation's word
  std::vector<std::string> dates;
  std::string subject;  // the document's own title ("Mariage Dupont")
  std::string description;
  std::vector<PdfLineRow> lines;
  std::vector<PdfAmountRow> totals;  // excl. VAT, discount, VAT per rate, incl. VAT, deposits…
  std::vector<std::string> mentions;
  std::vector<std::string> payment;  // how to pay (IBAN in clear)
  std::string terms;
  std::string watermark;  // "APERÇU" on drafts, "" otherwise
  // An extra last page: the signature certificate of a signed quote.
  std::vector<std::string> certificate;
  std::string signature_png;
  std::string footer;         // one line repeated on every page
  std::string creation_date;  // "2026-11-25T14:00:00Z": fixed, so the bytes depend on content only
};

// The PDF bytes, or INTERNAL when cairo fails (a bug or a missing font). Drawn on the
// renderer's own threads (as many as cores, at most four, warm fonts and layouts); the caller
// waits. Not to be called from a renderer thread.
[[nodiscard]] Result<std::string> RenderPdf(const PdfDocument& document);

// Runs `draw` (a cairo/pango drawing) on those renderer threads and waits for its result: fonts
// stay loaded there rather than on every request thread. Not to be called from a renderer thread.
[[nodiscard]] Result<std::string> RunOnPdfThreads(const std::function<Result<std::string>()>& draw);

// The family the documents ask fontconfig for (Inter, with DejaVu Sans as fallback).
[[nodiscard]] const char* PdfFontFamily();

}  // namespace planify::integrations
