#include "domain/accounting.hpp"

#include <algorithm>
#include <cctype>

#include "domain/tabular.hpp"
#include "domain/validation.hpp"

namespace planify::domain {

namespace {

bool IsAccount(const std::string& account) {
  if (account.size() < 3 || account.size() > 20) return false;
  if (account[0] < '1' || account[0] > '8') return false;
  return std::all_of(account.begin(), account.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

bool IsJournal(const std::string& code) {
  if (code.empty() || code.size() > 6) return false;
  return std::all_of(code.begin(), code.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

std::string Rate(int bp) { return FormatBasisPointsPlain(bp, ',') + " %"; }

std::string Compact(std::string_view day) {
  std::string out;
  for (char c : day) {
    if (c != '-') out += c;
  }
  return out;
}

const std::string& RevenueAccount(const AccountingSettings& s, int rate) {
  auto it = s.revenue_by_rate.find(rate);
  return it != s.revenue_by_rate.end() ? it->second : s.revenue_account;
}

const std::string& VatAccount(const AccountingSettings& s, int rate) {
  auto it = s.vat_by_rate.find(rate);
  return it != s.vat_by_rate.end() ? it->second : s.vat_account;
}

// One entry being written: lines sharing the journal, number, date and piece.
struct Entry {
  const AccountingSettings& s;
  bool sales = true;
  std::string number;
  std::string date;
  std::string piece;
  std::string label;
  std::string client_code;
  std::string client_name;
  std::vector<FecLine>& out;

  void Line(const std::string& account, const std::string& account_label, bool client,
            long long debit, long long credit) {
    // A negative amount goes to the other side.
    if (debit < 0) {
      credit -= debit;
      debit = 0;
    }
    if (credit < 0) {
      debit -= credit;
      credit = 0;
    }
    if (debit == 0 && credit == 0) return;
    FecLine line;
    line.journal_code = sales ? s.sales_journal : s.bank_journal;
    line.journal_label = sales ? s.sales_journal_label : s.bank_journal_label;
    line.entry_number = number;
    line.entry_date = Compact(date);
    line.account = account;
    line.account_label = account_label;
    if (client) {
      line.aux_account = client_code;
      line.aux_label = client_name;
    }
    line.piece_ref = piece;
    line.piece_date = Compact(date);
    line.label = label;
    line.debit_cents = debit;
    line.credit_cents = credit;
    line.valid_date = Compact(date);
    out.push_back(std::move(line));
  }
};

struct Dated {
  std::string date;
  int journal = 0;  // sales first, then bank
  std::string piece;
  std::size_t index = 0;
};

std::string DocumentLabel(const SaleDocument& d) {
  std::string kind = d.kind == SaleDocument::Kind::kCreditNote       ? "Avoir"
                     : d.kind == SaleDocument::Kind::kDepositInvoice ? "Facture d'acompte"
                                                                     : "Facture";
  std::string out = kind + " " + d.number + " " + d.client_name;
  if (out.size() > 200) out.resize(200);
  return out;
}

void WriteDocument(const AccountingSettings& s, const SaleDocument& d, const std::string& number,
                   std::vector<FecLine>& out) {
  Entry e{s, true, number, d.date, d.number, DocumentLabel(d), d.client_code, d.client_name, out};
  const std::string deposit_label = "Clients - avances et acomptes reçus";
  switch (d.kind) {
    case SaleDocument::Kind::kInvoice: {
      e.Line(s.client_account, "Clients", true, d.gross_cents, 0);
      for (const auto& v : d.vat) {
        e.Line(RevenueAccount(s, v.rate_bp), "Prestations de services " + Rate(v.rate_bp), false, 0,
               v.base_cents);
        e.Line(VatAccount(s, v.rate_bp), "TVA collectée " + Rate(v.rate_bp), false, 0, v.vat_cents);
      }
      // The deposits it deducts: their advance and VAT reversed, the client credited.
      for (const auto& deposit : d.deducted_deposits) {
        long long gross = 0;
        for (const auto& v : deposit) {
          e.Line(s.deposit_account, deposit_label, false, v.base_cents, 0);
          e.Line(VatAccount(s, v.rate_bp), "TVA collectée " + Rate(v.rate_bp), false, v.vat_cents,
                 0);
          gross += v.base_cents + v.vat_cents;
        }
        e.Line(s.client_account, "Clients", true, 0, gross);
      }
      break;
    }
    case SaleDocument::Kind::kDepositInvoice:
      e.Line(s.client_account, "Clients", true, d.gross_cents, 0);
      for (const auto& v : d.vat) {
        e.Line(s.deposit_account, deposit_label, false, 0, v.base_cents);
        e.Line(VatAccount(s, v.rate_bp), "TVA collectée " + Rate(v.rate_bp), false, 0, v.vat_cents);
      }
      break;
    case SaleDocument::Kind::kCreditNote:
      for (const auto& v : d.vat) {
        if (d.on_deposit) {
          e.Line(s.deposit_account, deposit_label, false, v.base_cents, 0);
        } else {
          e.Line(RevenueAccount(s, v.rate_bp), "Prestations de services " + Rate(v.rate_bp), false,
                 v.base_cents, 0);
        }
        e.Line(VatAccount(s, v.rate_bp), "TVA collectée " + Rate(v.rate_bp), false, v.vat_cents, 0);
      }
      e.Line(s.client_account, "Clients", true, 0, d.gross_cents);
      break;
  }
}

void WriteMove(const AccountingSettings& s, const MoneyMove& m, const std::string& number,
               std::vector<FecLine>& out) {
  std::string label = (m.refund ? "Remboursement " : "Règlement ") + m.number;
  if (!m.document_number.empty()) label += " " + m.document_number;
  label += " " + m.client_name;
  if (label.size() > 200) label.resize(200);
  Entry e{s, false, number, m.date, m.number, label, m.client_code, m.client_name, out};
  const std::string& treasury = m.cash ? s.cash_account : s.bank_account;
  const std::string treasury_label = m.cash ? "Caisse" : "Banque";
  if (m.refund) {
    e.Line(s.client_account, "Clients", true, m.amount_cents, 0);
    e.Line(treasury, treasury_label, false, 0, m.amount_cents);
  } else {
    e.Line(treasury, treasury_label, false, m.amount_cents, 0);
    e.Line(s.client_account, "Clients", true, 0, m.amount_cents);
  }
}

// Tabs, CR and LF inside a text would break the file's lines and columns.
std::string Clean(std::string text, char separator) {
  for (char& c : text) {
    if (c == '\r' || c == '\n' || c == separator) c = ' ';
  }
  return text;
}

void AddVat(std::vector<VatCollected>& out, int rate, long long base, long long vat) {
  auto it = std::find_if(out.begin(), out.end(),
                         [rate](const VatCollected& v) { return v.rate_bp == rate; });
  if (it == out.end()) {
    out.push_back({rate, 0, 0});
    it = out.end() - 1;
  }
  it->base_cents += base;
  it->vat_cents += vat;
}

void SortRates(std::vector<VatCollected>& out) {
  std::sort(out.begin(), out.end(),
            [](const VatCollected& a, const VatCollected& b) { return a.rate_bp > b.rate_bp; });
}

__extension__ typedef __int128 Int128;  // NOLINT(modernize-use-using)

// a × b / c (c > 0), half away from zero, without overflow for amounts in cents.
long long MulDivHalfUp(long long a, long long b, long long c) {
  const Int128 product = static_cast<Int128>(a) * b;
  const Int128 half = c / 2;
  const Int128 q = product >= 0 ? (product + half) / c : (product - half) / c;
  return static_cast<long long>(q);
}

}  // namespace

AccountingSettings DefaultAccountingSettings() {
  AccountingSettings s;
  s.revenue_by_rate = {
      {2000, "706200"}, {1000, "706100"}, {550, "706055"}, {210, "706021"}, {0, "706000"}};
  s.vat_by_rate = {{2000, "445720"}, {1000, "445710"}, {550, "445705"}, {210, "445702"}};
  return s;
}

Result<AccountingSettings> ValidateAccountingSettings(AccountingSettings s) {
  FieldErrors errors;
  auto account = [&](const std::string& field, const std::string& value) {
    if (!IsAccount(value)) {
      errors.Add(field, "Numéro de compte attendu : 3 à 20 chiffres, commençant par 1 à 8.");
    }
  };
  auto journal = [&](const std::string& field, const std::string& code,
                     const std::string& label_field, const std::string& label) {
    if (!IsJournal(code)) errors.Add(field, "Code journal attendu : 1 à 6 lettres ou chiffres.");
    if (label.empty() || label.size() > 100) {
      errors.Add(label_field, "Libellé attendu (100 caractères au plus).");
    }
  };
  journal("sales_journal", s.sales_journal, "sales_journal_label", s.sales_journal_label);
  journal("bank_journal", s.bank_journal, "bank_journal_label", s.bank_journal_label);
  if (IsJournal(s.sales_journal) && s.sales_journal == s.bank_journal) {
    errors.Add("bank_journal", "Les ventes et la banque ont chacune leur journal.");
  }
  account("client_account", s.client_account);
  account("deposit_account", s.deposit_account);
  account("bank_account", s.bank_account);
  account("cash_account", s.cash_account);
  account("revenue_account", s.revenue_account);
  account("vat_account", s.vat_account);
  for (const auto& [rate, value] : s.revenue_by_rate) {
    if (rate < 0 || rate > 10000) errors.Add("revenue_by_rate", "Taux inconnu.");
    account("revenue_by_rate." + std::to_string(rate), value);
  }
  for (const auto& [rate, value] : s.vat_by_rate) {
    if (rate < 0 || rate > 10000) errors.Add("vat_by_rate", "Taux inconnu.");
    account("vat_by_rate." + std::to_string(rate), value);
  }
  if (!errors.empty()) return Fail(errors.ToError());
  return s;
}

std::vector<FecLine> BuildFecLines(const AccountingSettings& settings,
                                   std::vector<SaleDocument> documents,
                                   std::vector<MoneyMove> moves) {
  std::vector<Dated> order;
  order.reserve(documents.size() + moves.size());
  for (std::size_t i = 0; i < documents.size(); ++i) {
    order.push_back({documents[i].date, 0, documents[i].number, i});
  }
  for (std::size_t i = 0; i < moves.size(); ++i) {
    order.push_back({moves[i].date, 1, moves[i].number, i});
  }
  std::stable_sort(order.begin(), order.end(), [](const Dated& a, const Dated& b) {
    if (a.date != b.date) return a.date < b.date;
    if (a.journal != b.journal) return a.journal < b.journal;
    return a.piece < b.piece;
  });
  std::vector<FecLine> out;
  long long number = 0;
  for (const auto& item : order) {
    const std::size_t before = out.size();
    const std::string entry = std::to_string(number + 1);
    if (item.journal == 0) {
      WriteDocument(settings, documents[item.index], entry, out);
    } else {
      WriteMove(settings, moves[item.index], entry, out);
    }
    if (out.size() > before) ++number;  // an entry of nothing takes no number
  }
  return out;
}

std::string WriteFec(const std::vector<FecLine>& lines) {
  bool tab_in_text = false;
  for (const auto& l : lines) {
    for (const std::string* text : {&l.journal_label, &l.account_label, &l.aux_label, &l.label,
                                    &l.piece_ref, &l.aux_account}) {
      if (text->find('\t') != std::string::npos) tab_in_text = true;
    }
  }
  const char sep = tab_in_text ? '|' : '\t';
  std::string out;
  std::string header(kFecHeader);
  if (sep != '\t') std::replace(header.begin(), header.end(), '\t', sep);
  out += header + "\r\n";
  for (const auto& l : lines) {
    const std::string fields[] = {Clean(l.journal_code, sep),
                                  Clean(l.journal_label, sep),
                                  l.entry_number,
                                  l.entry_date,
                                  l.account,
                                  Clean(l.account_label, sep),
                                  Clean(l.aux_account, sep),
                                  Clean(l.aux_label, sep),
                                  Clean(l.piece_ref, sep),
                                  l.piece_date,
                                  Clean(l.label, sep),
                                  FormatCentsPlain(l.debit_cents, ','),
                                  FormatCentsPlain(l.credit_cents, ','),
                                  Clean(l.lettering, sep),
                                  l.lettering_date,
                                  l.valid_date,
                                  "",
                                  ""};
    for (std::size_t i = 0; i < std::size(fields); ++i) {
      if (i > 0) out += sep;
      out += fields[i];
    }
    out += "\r\n";
  }
  return out;
}

std::string FecFileName(std::string_view siren, std::string_view period_end) {
  return std::string(siren) + "FEC" + Compact(period_end) + ".txt";
}

std::vector<VatBreakdown> LessDeposits(std::vector<VatBreakdown> vat,
                                       const std::vector<std::vector<VatBreakdown>>& deposits) {
  for (const auto& deposit : deposits) {
    for (const auto& d : deposit) {
      auto it = std::find_if(vat.begin(), vat.end(),
                             [&](const VatBreakdown& v) { return v.rate_bp == d.rate_bp; });
      if (it == vat.end()) {
        vat.push_back({d.rate_bp, -d.base_cents, 0, -d.vat_cents});
      } else {
        it->base_cents -= d.base_cents;
        it->vat_cents -= d.vat_cents;
      }
    }
  }
  return vat;
}

std::vector<VatCollected> VatOnDebits(const std::vector<SaleDocument>& documents) {
  std::vector<VatCollected> out;
  for (const auto& d : documents) {
    const long long sign = d.kind == SaleDocument::Kind::kCreditNote ? -1 : 1;
    const auto charged =
        d.kind == SaleDocument::Kind::kInvoice ? LessDeposits(d.vat, d.deducted_deposits) : d.vat;
    for (const auto& v : charged) AddVat(out, v.rate_bp, sign * v.base_cents, sign * v.vat_cents);
  }
  SortRates(out);
  return out;
}

std::vector<VatCollected> VatOnReceipts(const std::vector<ReceiptForVat>& receipts) {
  std::vector<VatCollected> out;
  for (const auto& r : receipts) {
    long long gross = 0;
    for (const auto& v : r.pays) gross += v.base_cents + v.vat_cents;
    const long long sign = r.refund ? -1 : 1;
    if (gross <= 0 || r.pays.empty()) {
      AddVat(out, 0, sign * r.amount_cents, 0);
      continue;
    }
    long long left = r.amount_cents;
    for (std::size_t i = 0; i < r.pays.size(); ++i) {
      const auto& v = r.pays[i];
      const long long part = i + 1 == r.pays.size()
                                 ? left
                                 : MulDivHalfUp(r.amount_cents, v.base_cents + v.vat_cents, gross);
      left -= part;
      const long long rate_gross = v.base_cents + v.vat_cents;
      const long long vat = rate_gross == 0 ? 0 : MulDivHalfUp(part, v.vat_cents, rate_gross);
      AddVat(out, v.rate_bp, sign * (part - vat), sign * vat);
    }
  }
  SortRates(out);
  return out;
}

}  // namespace planify::domain
