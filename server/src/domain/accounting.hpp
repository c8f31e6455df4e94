#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/documents.hpp"
#include "domain/result.hpp"

namespace planify::domain {

// Accounting (issue 17, docs/accounting.md): the organisation's accounts and journals, the
// entries its invoices, credit notes and payments make, the FEC (fichier des écritures
// comptables, LPF A47 A-1) and the VAT collected. Pure: documents and payments in, entries out.

// Account numbers and journal codes (Settings → Comptabilité); the defaults follow the PCG.
struct AccountingSettings {
  std::string sales_journal = "VT";
  std::string sales_journal_label = "Journal des ventes";
  std::string bank_journal = "BQ";
  std::string bank_journal_label = "Journal de banque";
  std::string client_account = "411000";   // clients (one auxiliary account per client)
  std::string deposit_account = "419100";  // clients, avances et acomptes reçus
  std::string bank_account = "512000";
  std::string cash_account = "530000";
  std::string revenue_account = "706000";      // prestations de services, when no rate's own
  std::map<int, std::string> revenue_by_rate;  // rate in basis points → account
  std::string vat_account = "445710";          // TVA collectée, when no rate's own
  std::map<int, std::string> vat_by_rate;      // rate in basis points → account
  bool vat_on_debits = false;  // option pour le paiement de la TVA d'après les débits
};

[[nodiscard]] AccountingSettings DefaultAccountingSettings();

// Account numbers are 3 to 20 digits starting with a PCG class (1–8); journal codes 1 to 6
// letters or digits; labels 1 to 100 characters. Every bad field reported.
[[nodiscard]] Result<AccountingSettings> ValidateAccountingSettings(AccountingSettings settings);

// An issued document as accounting sees it. Dates "YYYY-MM-DD".
struct SaleDocument {
  enum class Kind { kInvoice, kDepositInvoice, kCreditNote };
  Kind kind = Kind::kInvoice;
  std::string number;
  std::string date;  // issue date
  std::string client_code;
  std::string client_name;
  std::string title;
  long long gross_cents = 0;
  std::vector<VatBreakdown> vat;  // per rate: base (after discount) and VAT
  // A final invoice: the VAT breakdowns of the deposit invoices it deducts.
  std::vector<std::vector<VatBreakdown>> deducted_deposits;
  bool on_deposit = false;  // a credit note of a deposit invoice
};

// Money received (or given back) for a document.
struct MoneyMove {
  std::string number;  // the payment's number
  std::string date;
  std::string client_code;
  std::string client_name;
  std::string document_number;
  long long amount_cents = 0;  // > 0
  bool cash = false;
  bool refund = false;
};

// One line of the FEC: the 18 columns in their legal order. Amounts in cents.
struct FecLine {
  std::string journal_code;
  std::string journal_label;
  std::string entry_number;
  std::string entry_date;  // YYYYMMDD
  std::string account;
  std::string account_label;
  std::string aux_account;
  std::string aux_label;
  std::string piece_ref;
  std::string piece_date;  // YYYYMMDD
  std::string label;
  long long debit_cents = 0;
  long long credit_cents = 0;
  std::string lettering;
  std::string lettering_date;
  std::string valid_date;  // YYYYMMDD
};

// The entries of the period's documents and money moves, in chronological order (by date, then
// sales before bank, then piece), numbered 1, 2, 3… without gaps; each entry balanced.
[[nodiscard]] std::vector<FecLine> BuildFecLines(const AccountingSettings& settings,
                                                 std::vector<SaleDocument> documents,
                                                 std::vector<MoneyMove> moves);

inline constexpr std::string_view kFecHeader =
    "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\t"
    "CompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\t"
    "ValidDate\tMontantdevise\tIdevise";

// The FEC's text: the header line, then one line per FecLine, fields separated by a tab (a
// pipe when some text holds a tab), decimal comma, CRLF line ends. Line breaks inside texts
// become spaces.
[[nodiscard]] std::string WriteFec(const std::vector<FecLine>& lines);

// "732829320FEC20271231.txt" for a period ending on 31 December 2027.
[[nodiscard]] std::string FecFileName(std::string_view siren, std::string_view period_end);

// VAT collected at one rate over a period.
struct VatCollected {
  int rate_bp = 0;
  long long base_cents = 0;
  long long vat_cents = 0;
};

// On debits: per rate, what the period's documents charged — invoices and deposit invoices,
// less the deposits a final invoice deducts, less credit notes.
[[nodiscard]] std::vector<VatCollected> VatOnDebits(const std::vector<SaleDocument>& documents);

// A payment (or refund) with the breakdown of what it pays: the invoice's VAT less the deposits
// it deducts (or the quote's, for a deposit held on a quote).
struct ReceiptForVat {
  long long amount_cents = 0;  // > 0
  bool refund = false;
  std::vector<VatBreakdown> pays;
};

// On receipts: per rate, the VAT contained in the period's payments, each split across the
// rates of what it pays in proportion (half-up, the last rate taking the remainder so each
// payment's parts add up to it exactly).
[[nodiscard]] std::vector<VatCollected> VatOnReceipts(const std::vector<ReceiptForVat>& receipts);

// A breakdown less the deducted deposits' (per rate): what a final invoice still charges.
[[nodiscard]] std::vector<VatBreakdown> LessDeposits(
    std::vector<VatBreakdown> vat, const std::vector<std::vector<VatBreakdown>>& deposits);

}  // namespace planify::domain
