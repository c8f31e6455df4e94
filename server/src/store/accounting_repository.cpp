#include "store/accounting_repository.hpp"

#include <fmt/format.h>

#include <map>

#include "store/billing_repository.hpp"
#include "store/sql_params.hpp"

namespace planify::store {

std::string ClientCode(std::optional<long long> client_id) {
  return client_id ? fmt::format("C{:06}", *client_id) : std::string("CDIVERS");
}

std::optional<std::string> AccountingRepository::SettingsJson(OrganizationId org) {
  std::optional<std::string> out;
  SqlParams p;
  p.Int("org", org.value);
  p.ForEachRow(lease_, "SELECT settings FROM accounting_settings WHERE organization_id = :org",
               [&](const soci::row& row) { out = RowText(row, 0); });
  return out;
}

void AccountingRepository::SaveSettingsJson(OrganizationId org, const std::string& json,
                                            const std::string& now) {
  SqlParams p;
  p.Int("org", org.value).Text("settings", json).Text("now", now);
  p.Execute(lease_,
            "INSERT INTO accounting_settings (organization_id, settings, updated_at) VALUES "
            "(:org, :settings, :now) ON CONFLICT (organization_id) DO UPDATE SET settings = "
            "excluded.settings, updated_at = excluded.updated_at");
}

std::vector<domain::SaleDocument> AccountingRepository::Documents(OrganizationId org,
                                                                  const std::string& from,
                                                                  const std::string& to) {
  using Kind = domain::SaleDocument::Kind;
  std::vector<domain::SaleDocument> out;
  std::map<long long, std::size_t> finals;  // invoice id → index in out
  {
    SqlParams p;
    p.Int("org", org.value).Text("from", from).Text("to", to);
    p.ForEachRow(lease_,
                 "SELECT d.id, d.kind, d.number, CAST(d.issue_date AS TEXT), d.client_id, "
                 "d.client_name, d.title, d.total_gross_cents, d.vat_breakdown FROM invoices d "
                 "WHERE d.organization_id = :org AND d.number IS NOT NULL AND d.status <> "
                 "'draft' AND d.issue_date >= :from AND d.issue_date <= :to ORDER BY d.id",
                 [&](const soci::row& row) {
                   domain::SaleDocument d;
                   d.kind = RowText(row, 1) == "deposit" ? Kind::kDepositInvoice : Kind::kInvoice;
                   d.number = RowText(row, 2);
                   d.date = RowText(row, 3);
                   d.client_code = ClientCode(RowOptInt(row, 4));
                   d.client_name = RowText(row, 5);
                   d.title = RowText(row, 6);
                   d.gross_cents = GetInt64(row, 7);
                   d.vat = VatFrom(RowText(row, 8));
                   if (d.kind == Kind::kInvoice) finals[GetInt64(row, 0)] = out.size();
                   out.push_back(std::move(d));
                 });
  }
  if (!finals.empty()) {
    SqlParams p;
    p.Int("org", org.value).Text("from", from).Text("to", to);
    p.ForEachRow(lease_,
                 "SELECT l.invoice_id, dep.vat_breakdown FROM invoice_deposit_links l JOIN "
                 "invoices i ON i.id = l.invoice_id AND i.organization_id = l.organization_id "
                 "JOIN invoices dep ON dep.id = l.deposit_invoice_id AND dep.organization_id = "
                 "l.organization_id WHERE l.organization_id = :org AND i.issue_date >= :from AND "
                 "i.issue_date <= :to ORDER BY l.id",
                 [&](const soci::row& row) {
                   auto it = finals.find(GetInt64(row, 0));
                   if (it == finals.end()) return;
                   out[it->second].deducted_deposits.push_back(VatFrom(RowText(row, 1)));
                 });
  }
  SqlParams p;
  p.Int("org", org.value).Text("from", from).Text("to", to);
  p.ForEachRow(lease_,
               "SELECT n.number, CAST(n.issue_date AS TEXT), n.client_id, n.client_name, "
               "n.reason, n.total_gross_cents, n.vat_breakdown, i.kind FROM credit_notes n JOIN "
               "invoices i ON i.id = n.invoice_id AND i.organization_id = n.organization_id "
               "WHERE n.organization_id = :org AND n.status = 'issued' AND n.issue_date >= :from "
               "AND n.issue_date <= :to ORDER BY n.id",
               [&](const soci::row& row) {
                 domain::SaleDocument d;
                 d.kind = Kind::kCreditNote;
                 d.number = RowText(row, 0);
                 d.date = RowText(row, 1);
                 d.client_code = ClientCode(RowOptInt(row, 2));
                 d.client_name = RowText(row, 3);
                 d.title = RowText(row, 4);
                 d.gross_cents = GetInt64(row, 5);
                 d.vat = VatFrom(RowText(row, 6));
                 d.on_deposit = RowText(row, 7) == "deposit";
                 out.push_back(std::move(d));
               });
  return out;
}

std::vector<ReceiptRow> AccountingRepository::Receipts(OrganizationId org, const std::string& from,
                                                       const std::string& to) {
  std::vector<ReceiptRow> out;
  std::map<long long, std::vector<std::size_t>> by_invoice;  // final invoices: their deposits
  // Each payment (or refund) with its document; refunds take their day from when they were
  // made (UTC).
  const std::string select =
      "SELECT p.number, %DAY%, p.method, COALESCE(i.client_id, q.client_id), "
      "COALESCE(i.client_name, q.client_name, ''), COALESCE(i.number, q.number, ''), %AMOUNT%, "
      "COALESCE(i.vat_breakdown, q.vat_breakdown, '[]'), i.id FROM %FROM% LEFT JOIN invoices i "
      "ON i.id = p.invoice_id AND i.organization_id = p.organization_id LEFT JOIN quotes q ON "
      "q.id = p.quote_id AND q.organization_id = p.organization_id WHERE p.organization_id = "
      ":org AND %WHERE%";
  auto query = [&](const std::string& day, const std::string& amount, const std::string& from_sql,
                   const std::string& where, bool refund) {
    std::string sql = select;
    auto put = [&](const std::string& key, const std::string& value) {
      sql.replace(sql.find(key), key.size(), value);
    };
    put("%DAY%", day);
    put("%AMOUNT%", amount);
    put("%FROM%", from_sql);
    put("%WHERE%", where);
    SqlParams p;
    p.Int("org", org.value).Text("from", from).Text("to", to);
    p.ForEachRow(lease_, sql, [&](const soci::row& row) {
      ReceiptRow r;
      r.move.number = RowText(row, 0);
      r.move.date = RowText(row, 1).substr(0, 10);
      r.move.cash = RowText(row, 2) == "cash";
      r.move.client_code = ClientCode(RowOptInt(row, 3));
      r.move.client_name = RowText(row, 4);
      r.move.document_number = RowText(row, 5);
      r.move.amount_cents = GetInt64(row, 6);
      r.move.refund = refund;
      r.pays = VatFrom(RowText(row, 7));
      if (auto invoice = RowOptInt(row, 8)) by_invoice[*invoice].push_back(out.size());
      out.push_back(std::move(r));
    });
  };
  query("CAST(p.received_on AS TEXT)", "p.amount_cents", "payments p",
        "p.status = 'succeeded' AND p.received_on >= :from AND p.received_on <= :to", false);
  const std::string refund_day = "substr(CAST(r.created_at AS TEXT), 1, 10)";
  query(refund_day, "r.amount_cents",
        "payment_refunds r JOIN payments p ON p.id = r.payment_id AND p.organization_id = "
        "r.organization_id",
        "r.status = 'succeeded' AND " + refund_day + " >= :from AND " + refund_day + " <= :to",
        true);
  if (!by_invoice.empty()) {
    // A final invoice's payments pay what its deposits did not.
    SqlParams p;
    p.Int("org", org.value);
    std::map<long long, std::vector<std::vector<domain::VatBreakdown>>> deposits;
    p.ForEachRow(lease_,
                 "SELECT l.invoice_id, dep.vat_breakdown FROM invoice_deposit_links l JOIN "
                 "invoices dep ON dep.id = l.deposit_invoice_id AND dep.organization_id = "
                 "l.organization_id WHERE l.organization_id = :org",
                 [&](const soci::row& row) {
                   deposits[GetInt64(row, 0)].push_back(VatFrom(RowText(row, 1)));
                 });
    for (const auto& [invoice, indexes] : by_invoice) {
      auto it = deposits.find(invoice);
      if (it == deposits.end()) continue;
      for (std::size_t i : indexes) out[i].pays = domain::LessDeposits(out[i].pays, it->second);
    }
  }
  return out;
}

}  // namespace planify::store
