#pragma once

#include <vector>

#include "domain/result.hpp"

namespace planify::domain {

// Money on quotes, invoices and credit notes: integer cents, quantities in thousandths, rates
// and percentages in basis points (docs/data-model.md §1.4). Rounding happens here only, half
// away from zero, first on each line's net amount, then per VAT rate on the sum of the line
// nets of that rate (EN 16931), never per line.

struct DocumentLine {
  bool text = false;                // a heading or comment: no amounts
  long long quantity_milli = 1000;  // 1.5 h = 1500
  long long unit_price_cents = 0;   // excl. VAT; negative only on discount lines
  int vat_rate_bp = 2000;           // 2000 = 20 %, 550 = 5.5 %, 0 under the franchise
  int discount_bp = 0;              // line discount as a percentage…
  long long discount_cents = 0;     // …or as an amount (not both)
};

// A discount on the whole document (percentage or amount), spread over the VAT rates in
// proportion to their bases.
struct DocumentDiscount {
  int bp = 0;
  long long cents = 0;
};

// The deposit asked for: a percentage of the total incl. VAT, or an amount.
struct DepositRequest {
  int bp = 0;
  long long cents = 0;
};

struct VatBreakdown {
  int rate_bp = 0;
  long long base_cents = 0;      // the rate's line nets minus its share of the document discount
  long long discount_cents = 0;  // its share of the document discount
  long long vat_cents = 0;
};

struct DocumentTotals {
  std::vector<long long> line_nets;  // per line, text lines 0
  long long lines_net_cents = 0;     // Σ line nets
  long long discount_cents = 0;      // the document discount
  long long net_cents = 0;           // total excl. VAT
  long long vat_cents = 0;
  long long gross_cents = 0;      // total incl. VAT
  std::vector<VatBreakdown> vat;  // one per rate used, highest rate first
  long long deposit_cents = 0;
};

// round(numerator / denominator), half away from zero; denominator > 0.
[[nodiscard]] long long DivideRounded(long long numerator, long long denominator);

// The totals of a document, or VALIDATION naming the line or field at fault ("lines[2].
// discount_bp"): quantities 0–1,000,000 units, unit prices up to ±10,000,000.00 €, rates and
// percentages 0–100 %, a line's discount not above its amount, one discount form at a time,
// the document discount not above the lines, no VAT base below zero, the deposit not above the
// total, at most 500 lines.
[[nodiscard]] Result<DocumentTotals> ComputeTotals(const std::vector<DocumentLine>& lines,
                                                   const DocumentDiscount& discount,
                                                   const DepositRequest& deposit);

}  // namespace planify::domain
