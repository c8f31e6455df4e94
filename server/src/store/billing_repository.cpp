#include "store/billing_repository.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <sstream>
#include <utility>

#include "domain/validation.hpp"
#include "store/sql_params.hpp"

namespace planify::store {

namespace {

using nlohmann::json;

// ---- JSON snapshots (stored as text so both dialects read them the same way)

json AddressJson(const domain::Address& a) {
  return {{"line1", a.line1},
          {"line2", a.line2},
          {"postal_code", a.postal_code},
          {"city", a.city},
          {"country", a.country}};
}

domain::Address AddressFrom(const json& j) {
  domain::Address a;
  if (!j.is_object()) return a;
  a.line1 = j.value("line1", "");
  a.line2 = j.value("line2", "");
  a.postal_code = j.value("postal_code", "");
  a.city = j.value("city", "");
  a.country = j.value("country", "FR");
  return a;
}

std::string ClientJson(const domain::ClientInput& c) {
  json out{{"kind", c.kind == domain::ClientKind::kCompany ? "company" : "individual"},
           {"name", c.name},
           {"siren", c.siren},
           {"siret", c.siret},
           {"vat_number", c.vat_number},
           {"billing", AddressJson(c.billing)},
           {"service", AddressJson(c.service)}};
  if (!c.einvoice_address.empty()) out["einvoice_address"] = c.einvoice_address;
  return out.dump();
}

domain::ClientInput ClientFrom(const std::string& text) {
  domain::ClientInput c;
  auto j = json::parse(text, nullptr, false);
  if (!j.is_object()) return c;
  c.kind = j.value("kind", "") == "company" ? domain::ClientKind::kCompany
                                            : domain::ClientKind::kIndividual;
  c.name = j.value("name", "");
  c.siren = j.value("siren", "");
  c.siret = j.value("siret", "");
  c.vat_number = j.value("vat_number", "");
  if (j.contains("billing")) c.billing = AddressFrom(j["billing"]);
  if (j.contains("service")) c.service = AddressFrom(j["service"]);
  c.einvoice_address = j.value("einvoice_address", "");
  return c;
}

std::string VatJson(const std::vector<domain::VatBreakdown>& vat) {
  json out = json::array();
  for (const auto& v : vat) {
    out.push_back({{"rate_bp", v.rate_bp},
                   {"base_cents", v.base_cents},
                   {"discount_cents", v.discount_cents},
                   {"vat_cents", v.vat_cents}});
  }
  return out.dump();
}

std::optional<long long> OptInt(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return std::nullopt;
  return GetInt64(row, i);
}

// ---- Column lists: one place names each column, INSERT and UPDATE are built from them.

const std::vector<std::string>& DocColumns() {
  static const std::vector<std::string> kColumns{"number",
                                                 "status",
                                                 "client_id",
                                                 "mission_id",
                                                 "title",
                                                 "description",
                                                 "service_starts_at",
                                                 "service_ends_at",
                                                 "venue_text",
                                                 "client_name",
                                                 "client_email",
                                                 "client_is_business",
                                                 "client_snapshot",
                                                 "operation_category",
                                                 "vat_regime",
                                                 "purchase_order_ref",
                                                 "discount_bp",
                                                 "discount_cents",
                                                 "total_net_cents",
                                                 "total_vat_cents",
                                                 "total_gross_cents",
                                                 "vat_breakdown",
                                                 "search_text",
                                                 "created_by_user_id"};
  return kColumns;
}

const std::vector<std::string>& QuoteColumns() {
  static const std::vector<std::string> kColumns{"terms",
                                                 "deposit_kind",
                                                 "deposit_bp",
                                                 "deposit_amount_cents",
                                                 "deposit_cents",
                                                 "issue_date",
                                                 "valid_until",
                                                 "send_requested_at",
                                                 "sent_at",
                                                 "accepted_at",
                                                 "declined_at",
                                                 "decline_reason",
                                                 "expired_at",
                                                 "cancelled_at",
                                                 "acceptance_method",
                                                 "public_token_hash",
                                                 "public_token_expires_at",
                                                 "public_token_sealed"};
  return kColumns;
}

const std::vector<std::string>& InvoiceColumns() {
  static const std::vector<std::string> kColumns{"notes",
                                                 "kind",
                                                 "quote_id",
                                                 "seller_snapshot",
                                                 "prepaid_cents",
                                                 "amount_paid_cents",
                                                 "amount_credited_cents",
                                                 "deposit_bp",
                                                 "payment_terms_days",
                                                 "issue_date",
                                                 "issued_at",
                                                 "due_date",
                                                 "legal_mentions",
                                                 "send_requested_at",
                                                 "sent_at",
                                                 "paid_on",
                                                 "public_token_hash",
                                                 "public_token_sealed",
                                                 "disputed_at",
                                                 "cancelled_at"};
  return kColumns;
}

std::string InsertSql(const std::string& table, const std::vector<std::string>& columns) {
  std::string cols = "organization_id, created_at, updated_at";
  std::string values = ":org, :created_at, :updated_at";
  for (const auto& c : columns) {
    cols += ", " + c;
    values += ", :" + c;
  }
  return "INSERT INTO " + table + " (" + cols + ") VALUES (" + values + ") RETURNING id";
}

std::string UpdateSql(const std::string& table, const std::vector<std::string>& a,
                      const std::vector<std::string>& b) {
  std::string sets = "updated_at = :updated_at";
  for (const auto* list : {&a, &b}) {
    for (const auto& c : *list) sets.append(", ").append(c).append(" = :").append(c);
  }
  return "UPDATE " + table + " SET " + sets + " WHERE organization_id = :org AND id = :id";
}

std::vector<std::string> Concat(const std::vector<std::string>& a,
                                const std::vector<std::string>& b) {
  std::vector<std::string> out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

void BindDocument(SqlParams& p, const DocumentRecord& d) {
  const auto& c = d.content;
  std::string search =
      domain::FoldForSearch(d.number + " " + c.title + " " + d.client.name + " " + c.venue_text);
  p.TextOrNull("number", d.number)
      .Text("status", d.status)
      .IntOrNull("client_id", d.client_id)
      .IntOrNull("mission_id", d.mission_id)
      .Text("title", c.title)
      .Text("description", c.description)
      .TextOrNull("service_starts_at", d.service_starts_at)
      .TextOrNull("service_ends_at", d.service_ends_at)
      .Text("venue_text", c.venue_text)
      .Text("client_name", d.client.name)
      .Text("client_email", d.client_email)
      .Int("client_is_business", d.client.kind == domain::ClientKind::kIndividual ? 0 : 1)
      .Text("client_snapshot", ClientJson(d.client))
      .Text("operation_category", c.operation_category)
      .Text("vat_regime", d.vat_regime)
      .Text("purchase_order_ref", c.purchase_order_ref)
      .Int("discount_bp", c.discount.bp)
      .Int("discount_cents", c.discount.cents)
      .Int("total_net_cents", d.net_cents)
      .Int("total_vat_cents", d.vat_cents)
      .Int("total_gross_cents", d.gross_cents)
      .Text("vat_breakdown", VatJson(d.vat))
      .Text("search_text", search)
      .IntOrNull("created_by_user_id", d.created_by);
}

void BindQuote(SqlParams& p, const QuoteRecord& q) {
  BindDocument(p, q);
  p.Text("terms", q.content.terms)
      .Text("deposit_kind", q.deposit_kind)
      .Int("deposit_bp", q.deposit_bp)
      .Int("deposit_amount_cents", q.deposit_amount_cents)
      .Int("deposit_cents", q.deposit_cents)
      .TextOrNull("issue_date", q.issue_date)
      .TextOrNull("valid_until", q.valid_until)
      .TextOrNull("send_requested_at", q.send_requested_at)
      .TextOrNull("sent_at", q.sent_at)
      .TextOrNull("accepted_at", q.accepted_at)
      .TextOrNull("declined_at", q.declined_at)
      .TextOrNull("decline_reason", q.decline_reason)
      .TextOrNull("expired_at", q.expired_at)
      .TextOrNull("cancelled_at", q.cancelled_at)
      .TextOrNull("acceptance_method", q.acceptance_method)
      .TextOrNull("public_token_hash", q.public_token_hash)
      .TextOrNull("public_token_expires_at", q.public_token_expires_at)
      .TextOrNull("public_token_sealed", q.public_token_sealed);
}

void BindInvoice(SqlParams& p, const InvoiceRecord& i) {
  BindDocument(p, i);
  p.Text("notes", i.content.terms)
      .Text("kind", i.kind)
      .IntOrNull("quote_id", i.quote_id)
      .TextOrNull("seller_snapshot", i.seller_snapshot)
      .Int("prepaid_cents", i.prepaid_cents)
      .Int("amount_paid_cents", i.paid_cents)
      .Int("amount_credited_cents", i.credited_cents)
      .Int("deposit_bp", i.deposit_bp)
      .Int("payment_terms_days", i.payment_terms_days)
      .TextOrNull("issue_date", i.issue_date)
      .TextOrNull("issued_at", i.issued_at)
      .TextOrNull("due_date", i.due_date)
      .TextOrNull("legal_mentions", i.legal_mentions)
      .TextOrNull("send_requested_at", i.send_requested_at)
      .TextOrNull("sent_at", i.sent_at)
      .TextOrNull("paid_on", i.paid_on)
      .TextOrNull("public_token_hash", i.public_token_hash)
      .TextOrNull("public_token_sealed", i.public_token_sealed)
      .TextOrNull("disputed_at", i.disputed_at)
      .TextOrNull("cancelled_at", i.cancelled_at);
}

// ---- Reading

std::string DocSelect(const char* terms_column) {
  return std::string(
             "d.id, d.number, d.status, d.client_id, d.mission_id, d.title, d.description, d.") +
         terms_column +
         ", CAST(d.service_starts_at AS TEXT), CAST(d.service_ends_at AS TEXT), d.venue_text, "
         "d.client_email, d.client_snapshot, d.operation_category, d.vat_regime, "
         "d.purchase_order_ref, d.discount_bp, d.discount_cents, d.total_net_cents, "
         "d.total_vat_cents, d.total_gross_cents, d.vat_breakdown, d.created_by_user_id, "
         "CAST(d.created_at AS TEXT), CAST(d.updated_at AS TEXT)";
}
constexpr std::size_t kDocColumnCount = 25;

void ReadDocument(const soci::row& row, DocumentRecord& d) {
  std::size_t i = 0;
  d.id = GetInt64(row, i++);
  d.number = RowText(row, i++);
  d.status = RowText(row, i++);
  d.client_id = OptInt(row, i++);
  d.mission_id = OptInt(row, i++);
  d.content.title = RowText(row, i++);
  d.content.description = RowText(row, i++);
  d.content.terms = RowText(row, i++);
  d.service_starts_at = RowTimestamp(row, i++);
  d.service_ends_at = RowTimestamp(row, i++);
  d.content.venue_text = RowText(row, i++);
  d.client_email = RowText(row, i++);
  d.client = ClientFrom(RowText(row, i++));
  d.content.operation_category = RowText(row, i++);
  d.vat_regime = RowText(row, i++);
  d.content.purchase_order_ref = RowText(row, i++);
  d.content.discount.bp = static_cast<int>(GetInt64(row, i++));
  d.content.discount.cents = GetInt64(row, i++);
  d.net_cents = GetInt64(row, i++);
  d.vat_cents = GetInt64(row, i++);
  d.gross_cents = GetInt64(row, i++);
  d.vat = VatFrom(RowText(row, i++));
  d.created_by = OptInt(row, i++);
  d.created_at = RowTimestamp(row, i++);
  d.updated_at = RowTimestamp(row, i++);
}

const std::string& QuoteSelect() {
  static const std::string kSql =
      "SELECT " + DocSelect("terms") +
      ", d.deposit_kind, d.deposit_bp, d.deposit_amount_cents, d.deposit_cents, "
      "CAST(d.issue_date AS TEXT), CAST(d.valid_until AS TEXT), CAST(d.send_requested_at AS "
      "TEXT), CAST(d.sent_at AS TEXT), CAST(d.accepted_at AS TEXT), CAST(d.declined_at AS TEXT), "
      "d.decline_reason, CAST(d.expired_at AS TEXT), CAST(d.cancelled_at AS TEXT), "
      "d.acceptance_method, d.public_token_hash, CAST(d.public_token_expires_at AS TEXT), "
      "d.public_token_sealed FROM quotes d";
  return kSql;
}

QuoteRecord ReadQuote(const soci::row& row) {
  QuoteRecord q;
  ReadDocument(row, q);
  std::size_t i = kDocColumnCount;
  q.deposit_kind = RowText(row, i++);
  q.deposit_bp = static_cast<int>(GetInt64(row, i++));
  q.deposit_amount_cents = GetInt64(row, i++);
  q.deposit_cents = GetInt64(row, i++);
  q.issue_date = RowText(row, i++);
  q.valid_until = RowText(row, i++);
  q.send_requested_at = RowTimestamp(row, i++);
  q.sent_at = RowTimestamp(row, i++);
  q.accepted_at = RowTimestamp(row, i++);
  q.declined_at = RowTimestamp(row, i++);
  q.decline_reason = RowText(row, i++);
  q.expired_at = RowTimestamp(row, i++);
  q.cancelled_at = RowTimestamp(row, i++);
  q.acceptance_method = RowText(row, i++);
  q.public_token_hash = RowText(row, i++);
  q.public_token_expires_at = RowTimestamp(row, i++);
  q.public_token_sealed = RowText(row, i++);
  return q;
}

const std::string& InvoiceSelect() {
  static const std::string kSql =
      "SELECT " + DocSelect("notes") +
      ", d.kind, d.quote_id, COALESCE(q.number, ''), d.seller_snapshot, d.prepaid_cents, "
      "d.amount_paid_cents, d.amount_credited_cents, d.deposit_bp, d.payment_terms_days, "
      "CAST(d.issue_date AS TEXT), CAST(d.issued_at AS TEXT), CAST(d.due_date AS TEXT), "
      "d.legal_mentions, CAST(d.send_requested_at AS TEXT), CAST(d.sent_at AS TEXT), "
      "CAST(d.paid_on AS TEXT), CAST(d.cancelled_at AS TEXT), d.public_token_hash, "
      "d.public_token_sealed, CAST(d.disputed_at AS TEXT) FROM invoices d LEFT JOIN quotes q ON "
      "q.id = d.quote_id";
  return kSql;
}

InvoiceRecord ReadInvoice(const soci::row& row) {
  InvoiceRecord r;
  ReadDocument(row, r);
  std::size_t i = kDocColumnCount;
  r.kind = RowText(row, i++);
  r.quote_id = OptInt(row, i++);
  r.quote_number = RowText(row, i++);
  r.seller_snapshot = RowText(row, i++);
  r.prepaid_cents = GetInt64(row, i++);
  r.paid_cents = GetInt64(row, i++);
  r.credited_cents = GetInt64(row, i++);
  r.deposit_bp = static_cast<int>(GetInt64(row, i++));
  r.payment_terms_days = static_cast<int>(GetInt64(row, i++));
  r.issue_date = RowText(row, i++);
  r.issued_at = RowTimestamp(row, i++);
  r.due_date = RowText(row, i++);
  r.legal_mentions = RowText(row, i++);
  r.send_requested_at = RowTimestamp(row, i++);
  r.sent_at = RowTimestamp(row, i++);
  r.paid_on = RowText(row, i++);
  r.cancelled_at = RowTimestamp(row, i++);
  r.public_token_hash = RowText(row, i++);
  r.public_token_sealed = RowText(row, i++);
  r.disputed_at = RowTimestamp(row, i++);
  return r;
}

void ReplaceLines(Lease& lease, const std::string& table, OrganizationId org, long long id,
                  const std::vector<domain::BillingLine>& lines) {
  long long org_id = org.value;
  *lease << "DELETE FROM " + table + " WHERE document_id = :id AND organization_id = :org",
      soci::use(id, "id"), soci::use(org_id, "org");
  const std::string sql =
      "INSERT INTO " + table +
      " (organization_id, document_id, position, kind, catalogue_item_id, equipment_item_id, "
      "description, unit, quantity_milli, unit_price_cents, vat_rate_bp, discount_bp, "
      "discount_cents, net_cents) VALUES (:org, :id, :position, :kind, :catalogue, :equipment, "
      ":description, :unit, :quantity, :price, :rate, :discount_bp, :discount_cents, :net)";
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const auto& l = lines[n];
    SqlParams p;
    p.Int("org", org_id)
        .Int("id", id)
        .Int("position", static_cast<long long>(n))
        .Text("kind", std::string(domain::LineKindName(l.kind)))
        .IntOrNull("catalogue", l.catalogue_item_id)
        .IntOrNull("equipment", l.equipment_item_id)
        .Text("description", l.description)
        .TextOrNull("unit", l.unit)
        .Int("quantity", l.quantity_milli)
        .Int("price", l.unit_price_cents)
        .Int("rate", l.vat_rate_bp)
        .Int("discount_bp", l.discount_bp)
        .Int("discount_cents", l.discount_cents)
        .Int("net", l.net_cents);
    p.Execute(lease, sql);
  }
}

std::vector<domain::BillingLine> ReadLines(Lease& lease, const std::string& table,
                                           OrganizationId org, long long id) {
  std::vector<domain::BillingLine> lines;
  SqlParams p;
  p.Int("id", id).Int("org", org.value);
  p.ForEachRow(lease,
               "SELECT kind, catalogue_item_id, equipment_item_id, description, unit, "
               "quantity_milli, unit_price_cents, vat_rate_bp, discount_bp, discount_cents, "
               "net_cents FROM " +
                   table + " WHERE document_id = :id AND +organization_id = :org ORDER BY position",
               [&](const soci::row& row) {
                 domain::BillingLine l;
                 l.kind = domain::ParseLineKind(RowText(row, 0)).value_or(domain::LineKind::kText);
                 l.catalogue_item_id = OptInt(row, 1);
                 l.equipment_item_id = OptInt(row, 2);
                 l.description = RowText(row, 3);
                 l.unit = RowText(row, 4);
                 l.quantity_milli = GetInt64(row, 5);
                 l.unit_price_cents = GetInt64(row, 6);
                 l.vat_rate_bp = static_cast<int>(GetInt64(row, 7));
                 l.discount_bp = static_cast<int>(GetInt64(row, 8));
                 l.discount_cents = GetInt64(row, 9);
                 l.net_cents = GetInt64(row, 10);
                 lines.push_back(std::move(l));
               });
  return lines;
}

std::string Lock(Lease& lease, bool lock) {
  return lock && lease.dialect() == Dialect::kPostgres ? " FOR UPDATE OF d" : "";
}

// WHERE clauses of a list, with their parameters.
// `page`: on SQLite the page query walks the table newest first and stops at the page (the
// tenant check written `+organization_id` so SQLite, without statistics, does not pick the
// tenant index and sort every row of the organisation); PostgreSQL's planner walks the primary
// key backwards by itself. The count query keeps the index.
std::string FilterSql(const DocumentFilter& f, SqlParams& p, bool invoices, bool page = false) {
  std::string where = page ? " WHERE +d.organization_id = :org" : " WHERE d.organization_id = :org";
  if (!f.statuses.empty()) {
    where += " AND d.status IN (";
    for (std::size_t i = 0; i < f.statuses.size(); ++i) {
      const std::string name = "s" + std::to_string(i);
      where += (i == 0 ? ":" : ", :") + name;
      p.Text(name, f.statuses[i]);
    }
    where += ")";
  }
  if (f.client_id) {
    where += " AND d.client_id = :client";
    p.Int("client", *f.client_id);
  }
  if (f.mission_id) {
    where += " AND d.mission_id = :mission";
    p.Int("mission", *f.mission_id);
  }
  if (invoices && f.quote_id) {
    where += " AND d.quote_id = :quote";
    p.Int("quote", *f.quote_id);
  }
  if (invoices && !f.kind.empty()) {
    where += " AND d.kind = :kind";
    p.Text("kind", f.kind);
  }
  if (!f.from_date.empty()) {
    where += " AND d.issue_date >= :from_date";
    p.Text("from_date", f.from_date);
  }
  if (!f.to_date.empty()) {
    where += " AND d.issue_date <= :to_date";
    p.Text("to_date", f.to_date);
  }
  if (invoices && !f.overdue_before.empty()) {
    where += " AND d.status IN ('issued', 'partially_paid') AND d.due_date < :overdue";
    p.Text("overdue", f.overdue_before);
  }
  std::istringstream words(f.query);
  std::string word;
  for (int n = 0; n < 5 && words >> word; ++n) {
    const std::string name = "w" + std::to_string(n);
    where += " AND d.search_text LIKE :" + name;
    p.Text(name, "%" + word + "%");
  }
  return where;
}

template <typename Row, typename Read>
DocumentPage<Row> List(Lease& lease, OrganizationId org, const DocumentFilter& filter,
                       const std::string& select, const std::string& table, bool invoices,
                       Read read) {
  DocumentPage<Row> page;
  if (filter.Unfiltered()) {
    long long org_id = org.value;
    std::string kind = table;
    *lease << "SELECT CAST(COALESCE(sum(document_count), 0) AS BIGINT), "
              "CAST(COALESCE(sum(gross_cents), 0) AS BIGINT), "
              "CAST(COALESCE(sum(remaining_cents), 0) AS BIGINT) FROM document_total_deltas "
              "WHERE organization_id = :org AND kind = :kind",
        soci::use(org_id, "org"), soci::use(kind, "kind"), soci::into(page.total),
        soci::into(page.gross_cents), soci::into(page.remaining_cents);
  } else {
    SqlParams p;
    p.Int("org", org.value);
    std::string where = FilterSql(filter, p, invoices);
    std::string remaining =
        invoices ? "COALESCE(sum(CASE WHEN d.status IN ('issued', 'partially_paid') THEN "
                   "d.total_gross_cents - d.prepaid_cents - d.amount_credited_cents - "
                   "d.amount_paid_cents ELSE 0 END), 0)"
                 : "0";
    p.ForEachRow(lease,
                 "SELECT count(*), COALESCE(sum(d.total_gross_cents), 0), " + remaining + " FROM " +
                     table + " d" + where,
                 [&](const soci::row& row) {
                   page.total = GetInt64(row, 0);
                   page.gross_cents = GetInt64(row, 1);
                   page.remaining_cents = GetInt64(row, 2);
                 });
  }
  SqlParams p;
  p.Int("org", org.value);
  std::string where = FilterSql(filter, p, invoices, lease.dialect() == Dialect::kSqlite);
  p.Int("limit", filter.limit).Int("offset", filter.offset);
  p.ForEachRow(lease, select + where + " ORDER BY d.id DESC LIMIT :limit OFFSET :offset",
               [&](const soci::row& row) { page.items.push_back(read(row)); });
  return page;
}

constexpr const char* kCreditSelect =
    "SELECT c.id, c.number, c.status, c.invoice_id, COALESCE(i.number, ''), c.client_id, "
    "c.client_snapshot, c.seller_snapshot, c.vat_regime, c.reason, c.full_credit, "
    "c.total_net_cents, c.total_vat_cents, c.total_gross_cents, c.vat_breakdown, c.settlement, "
    "CAST(c.issue_date AS TEXT), CAST(c.issued_at AS TEXT), c.legal_mentions, "
    "c.created_by_user_id, CAST(c.created_at AS TEXT) FROM credit_notes c "
    "JOIN invoices i ON i.id = c.invoice_id";

CreditNoteRecord ReadCredit(const soci::row& row) {
  CreditNoteRecord c;
  std::size_t i = 0;
  c.id = GetInt64(row, i++);
  c.number = RowText(row, i++);
  c.status = RowText(row, i++);
  c.invoice_id = GetInt64(row, i++);
  c.invoice_number = RowText(row, i++);
  c.client_id = OptInt(row, i++);
  c.client = ClientFrom(RowText(row, i++));
  c.seller_snapshot = RowText(row, i++);
  c.vat_regime = RowText(row, i++);
  c.reason = RowText(row, i++);
  c.full_credit = GetInt64(row, i++) != 0;
  c.net_cents = GetInt64(row, i++);
  c.vat_cents = GetInt64(row, i++);
  c.gross_cents = GetInt64(row, i++);
  c.vat = VatFrom(RowText(row, i++));
  c.settlement = RowText(row, i++);
  c.issue_date = RowText(row, i++);
  c.issued_at = RowTimestamp(row, i++);
  c.legal_mentions = RowText(row, i++);
  c.created_by = OptInt(row, i++);
  c.created_at = RowTimestamp(row, i++);
  return c;
}

constexpr const char* kPaymentSelect =
    "SELECT p.id, p.number, p.invoice_id, COALESCE(i.number, ''), p.provider, p.method, "
    "p.status, p.amount_cents, p.reference, p.proof_text, CAST(p.received_on AS TEXT), "
    "CAST(p.succeeded_at AS TEXT), p.failure_reason, p.recorded_by_user_id, "
    "COALESCE(u.display_name, ''), p.recorded_ip, p.validated_by_user_id, "
    "CAST(p.validated_at AS TEXT), p.rejected_by_user_id, CAST(p.rejected_at AS TEXT), "
    "CAST(p.created_at AS TEXT), COALESCE(pp.filename, ''), p.quote_id, COALESCE(q.number, ''), "
    "p.provider_payment_id, p.checkout_session_id, p.refunded_cents, p.overpaid_cents, "
    "CAST(p.disputed_at AS TEXT) FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id "
    "LEFT JOIN quotes q ON q.id = p.quote_id LEFT JOIN users u ON u.id = p.recorded_by_user_id "
    "LEFT JOIN payment_proofs pp ON pp.payment_id = p.id";

PaymentRecord ReadPayment(const soci::row& row) {
  PaymentRecord p;
  std::size_t i = 0;
  p.id = GetInt64(row, i++);
  p.number = RowText(row, i++);
  p.invoice_id = OptInt(row, i++).value_or(0);
  p.invoice_number = RowText(row, i++);
  p.provider = RowText(row, i++);
  p.method = RowText(row, i++);
  p.status = RowText(row, i++);
  p.amount_cents = GetInt64(row, i++);
  p.reference = RowText(row, i++);
  p.proof_text = RowText(row, i++);
  p.received_on = RowText(row, i++);
  p.succeeded_at = RowTimestamp(row, i++);
  p.failure_reason = RowText(row, i++);
  p.recorded_by = OptInt(row, i++);
  p.recorded_by_name = RowText(row, i++);
  p.recorded_ip = RowText(row, i++);
  p.validated_by = OptInt(row, i++);
  p.validated_at = RowTimestamp(row, i++);
  p.rejected_by = OptInt(row, i++);
  p.rejected_at = RowTimestamp(row, i++);
  p.created_at = RowTimestamp(row, i++);
  p.proof_filename = RowText(row, i++);
  p.quote_id = OptInt(row, i++);
  p.quote_number = RowText(row, i++);
  p.provider_payment_id = RowText(row, i++);
  p.checkout_session_id = OptInt(row, i++);
  p.refunded_cents = GetInt64(row, i++);
  p.overpaid_cents = GetInt64(row, i++);
  p.disputed_at = RowTimestamp(row, i++);
  return p;
}

}  // namespace

std::vector<domain::VatBreakdown> VatFrom(const std::string& text) {
  std::vector<domain::VatBreakdown> out;
  auto j = json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  out.reserve(j.size());
  for (const auto& v : j) {
    out.push_back({v.value("rate_bp", 0), v.value("base_cents", 0LL),
                   v.value("discount_cents", 0LL), v.value("vat_cents", 0LL)});
  }
  return out;
}

// ---- Quotes

long long BillingRepository::InsertQuote(OrganizationId org, const QuoteRecord& quote,
                                         const std::string& now) {
  static const std::string kSql = InsertSql("quotes", Concat(DocColumns(), QuoteColumns()));
  SqlParams p;
  p.Int("org", org.value).Text("created_at", now).Text("updated_at", now);
  BindQuote(p, quote);
  long long id = 0;
  p.Execute(lease_, kSql, &id);
  ReplaceLines(lease_, "quote_lines", org, id, quote.content.lines);
  return id;
}

void BillingRepository::SaveQuote(OrganizationId org, const QuoteRecord& quote,
                                  const std::string& now) {
  static const std::string kSql = UpdateSql("quotes", DocColumns(), QuoteColumns());
  SqlParams p;
  p.Int("org", org.value).Int("id", quote.id).Text("updated_at", now);
  BindQuote(p, quote);
  p.Execute(lease_, kSql);
  ReplaceLines(lease_, "quote_lines", org, quote.id, quote.content.lines);
}

std::optional<QuoteRecord> BillingRepository::FindQuote(OrganizationId org, long long id,
                                                        bool lock) {
  std::optional<QuoteRecord> out;
  SqlParams p;
  p.Int("org", org.value).Int("id", id);
  p.ForEachRow(
      lease_, QuoteSelect() + " WHERE d.organization_id = :org AND d.id = :id" + Lock(lease_, lock),
      [&](const soci::row& row) { out = ReadQuote(row); });
  if (out) out->content.lines = ReadLines(lease_, "quote_lines", org, id);
  return out;
}

std::optional<std::pair<OrganizationId, QuoteRecord>> BillingRepository::FindQuoteByToken(
    const std::string& token_hash) {
  long long org = 0;
  long long id = 0;
  soci::indicator found = soci::i_null;
  *lease_ << "SELECT organization_id, id FROM quotes WHERE public_token_hash = :hash",
      soci::use(token_hash, "hash"), soci::into(org, found), soci::into(id);
  if (found == soci::i_null || !lease_->got_data()) return std::nullopt;
  auto quote = FindQuote(OrganizationId{org}, id);
  if (!quote) return std::nullopt;
  return std::make_pair(OrganizationId{org}, std::move(*quote));
}

DocumentPage<QuoteRecord> BillingRepository::ListQuotes(OrganizationId org,
                                                        const DocumentFilter& filter) {
  return List<QuoteRecord>(lease_, org, filter, QuoteSelect(), "quotes", false, ReadQuote);
}

std::vector<std::pair<OrganizationId, long long>> BillingRepository::ExpiredQuotes(
    const std::string& today, int limit) {
  std::vector<std::pair<OrganizationId, long long>> out;
  SqlParams p;
  p.Text("today", today).Int("limit", limit);
  p.ForEachRow(lease_,
               "SELECT organization_id, id FROM quotes WHERE status = 'sent' AND valid_until < "
               ":today ORDER BY id LIMIT :limit",
               [&](const soci::row& row) {
                 out.emplace_back(OrganizationId{GetInt64(row, 0)}, GetInt64(row, 1));
               });
  return out;
}

// ---- Invoices

long long BillingRepository::InsertInvoice(OrganizationId org, const InvoiceRecord& invoice,
                                           const std::string& now) {
  static const std::string kSql = InsertSql("invoices", Concat(DocColumns(), InvoiceColumns()));
  SqlParams p;
  p.Int("org", org.value).Text("created_at", now).Text("updated_at", now);
  BindInvoice(p, invoice);
  long long id = 0;
  p.Execute(lease_, kSql, &id);
  ReplaceLines(lease_, "invoice_lines", org, id, invoice.content.lines);
  return id;
}

void BillingRepository::SaveInvoice(OrganizationId org, const InvoiceRecord& invoice,
                                    const std::string& now) {
  static const std::string kSql = UpdateSql("invoices", DocColumns(), InvoiceColumns());
  SqlParams p;
  p.Int("org", org.value).Int("id", invoice.id).Text("updated_at", now);
  BindInvoice(p, invoice);
  p.Execute(lease_, kSql);
  ReplaceLines(lease_, "invoice_lines", org, invoice.id, invoice.content.lines);
}

bool BillingRepository::DeleteDraftInvoice(OrganizationId org, long long id) {
  long long org_id = org.value;
  UnlinkDeposits(org, id);
  soci::statement st =
      (lease_->prepare << "DELETE FROM invoices WHERE organization_id = :org AND id = :id AND "
                          "status = 'draft'",
       soci::use(org_id, "org"), soci::use(id, "id"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::optional<InvoiceRecord> BillingRepository::FindInvoice(OrganizationId org, long long id,
                                                            bool lock) {
  std::optional<InvoiceRecord> out;
  SqlParams p;
  p.Int("org", org.value).Int("id", id);
  p.ForEachRow(
      lease_,
      InvoiceSelect() + " WHERE d.organization_id = :org AND d.id = :id" + Lock(lease_, lock),
      [&](const soci::row& row) { out = ReadInvoice(row); });
  if (!out) return out;
  out->content.lines = ReadLines(lease_, "invoice_lines", org, id);
  SqlParams links;
  links.Int("org", org.value).Int("id", id);
  links.ForEachRow(
      lease_,
      "SELECT l.deposit_invoice_id, i.number, CAST(i.issue_date AS TEXT), "
      "l.net_cents, l.vat_cents, l.gross_cents FROM invoice_deposit_links l JOIN "
      "invoices i ON i.id = l.deposit_invoice_id WHERE l.invoice_id = :id AND "
      "l.organization_id = :org ORDER BY i.number",
      [&](const soci::row& row) {
        out->deposits.push_back({GetInt64(row, 0), RowText(row, 1), RowText(row, 2),
                                 GetInt64(row, 3), GetInt64(row, 4), GetInt64(row, 5)});
      });
  return out;
}

DocumentPage<InvoiceRecord> BillingRepository::ListInvoices(OrganizationId org,
                                                            const DocumentFilter& filter) {
  // The columns a list row shows: reading the wide ones (client and seller snapshots, legal
  // text) and parsing the client snapshot for its name cost more than the page itself.
  static const std::string kSummarySelect =
      "SELECT d.id, d.number, d.status, d.client_id, d.mission_id, d.title, d.client_name, "
      "d.client_email, d.total_net_cents, d.total_vat_cents, d.total_gross_cents, d.vat_regime, "
      "CAST(d.created_at AS TEXT), CAST(d.updated_at AS TEXT), d.kind, d.quote_id, "
      "COALESCE(q.number, ''), CAST(d.issue_date AS TEXT), CAST(d.due_date AS TEXT), "
      "d.prepaid_cents, d.amount_credited_cents, d.amount_paid_cents, CAST(d.sent_at AS TEXT), "
      "CAST(d.paid_on AS TEXT) FROM invoices d LEFT JOIN quotes q ON q.id = d.quote_id";
  return List<InvoiceRecord>(lease_, org, filter, kSummarySelect, "invoices", true,
                             [](const soci::row& row) {
                               InvoiceRecord r;
                               std::size_t i = 0;
                               r.id = GetInt64(row, i++);
                               r.number = RowText(row, i++);
                               r.status = RowText(row, i++);
                               r.client_id = OptInt(row, i++);
                               r.mission_id = OptInt(row, i++);
                               r.content.title = RowText(row, i++);
                               r.client.name = RowText(row, i++);
                               r.client_email = RowText(row, i++);
                               r.net_cents = GetInt64(row, i++);
                               r.vat_cents = GetInt64(row, i++);
                               r.gross_cents = GetInt64(row, i++);
                               r.vat_regime = RowText(row, i++);
                               r.created_at = RowTimestamp(row, i++);
                               r.updated_at = RowTimestamp(row, i++);
                               r.kind = RowText(row, i++);
                               r.quote_id = OptInt(row, i++);
                               r.quote_number = RowText(row, i++);
                               r.issue_date = RowText(row, i++);
                               r.due_date = RowText(row, i++);
                               r.prepaid_cents = GetInt64(row, i++);
                               r.credited_cents = GetInt64(row, i++);
                               r.paid_cents = GetInt64(row, i++);
                               r.sent_at = RowTimestamp(row, i++);
                               r.paid_on = RowText(row, i++);
                               return r;
                             });
}

std::vector<InvoiceRecord> BillingRepository::OpenDeposits(OrganizationId org, long long quote_id) {
  std::vector<InvoiceRecord> out;
  SqlParams p;
  p.Int("org", org.value).Int("quote", quote_id);
  p.ForEachRow(lease_,
               InvoiceSelect() +
                   " WHERE d.organization_id = :org AND d.quote_id = :quote AND d.kind = "
                   "'deposit' AND d.status IN ('issued', 'partially_paid', 'paid') AND NOT "
                   "EXISTS (SELECT 1 FROM invoice_deposit_links l WHERE l.deposit_invoice_id = "
                   "d.id) ORDER BY d.id",
               [&](const soci::row& row) { out.push_back(ReadInvoice(row)); });
  return out;
}

long long BillingRepository::DepositsInvoiced(OrganizationId org, long long quote_id) {
  long long org_id = org.value;
  long long total = 0;
  *lease_ << "SELECT COALESCE(sum(total_gross_cents - amount_credited_cents), 0) FROM invoices "
             "WHERE organization_id = :org AND quote_id = :quote AND kind = 'deposit' AND "
             "status <> 'cancelled'",
      soci::use(org_id, "org"), soci::use(quote_id, "quote"), soci::into(total);
  return total;
}

bool BillingRepository::HasStandardInvoice(OrganizationId org, long long quote_id) {
  // The quote's few invoices by (organization_id, quote_id), filtered here: with `kind` in the
  // WHERE clause SQLite's planner (without statistics) took (organization_id, kind) and read
  // every standard invoice of the organisation (docs/legacy-import.md, "Speed").
  bool found = false;
  SqlParams p;
  p.Int("org", org.value).Int("quote", quote_id);
  p.ForEachRow(lease_,
               "SELECT kind, status FROM invoices WHERE organization_id = :org AND quote_id = "
               ":quote",
               [&](const soci::row& row) {
                 found = found || (RowText(row, 0) == "standard" && RowText(row, 1) != "cancelled");
               });
  return found;
}

void BillingRepository::LinkDeposit(OrganizationId org, long long invoice_id,
                                    const DepositLink& link, const std::string& now) {
  SqlParams p;
  p.Int("org", org.value)
      .Int("invoice", invoice_id)
      .Int("deposit", link.deposit_invoice_id)
      .Int("net", link.net_cents)
      .Int("vat", link.vat_cents)
      .Int("gross", link.gross_cents)
      .Text("now", now);
  p.Execute(lease_,
            "INSERT INTO invoice_deposit_links (organization_id, invoice_id, deposit_invoice_id, "
            "net_cents, vat_cents, gross_cents, created_at) VALUES (:org, :invoice, :deposit, "
            ":net, :vat, :gross, :now)");
}

void BillingRepository::UnlinkDeposits(OrganizationId org, long long invoice_id) {
  long long org_id = org.value;
  *lease_ << "DELETE FROM invoice_deposit_links WHERE organization_id = :org AND invoice_id = :id",
      soci::use(org_id, "org"), soci::use(invoice_id, "id");
}

// ---- Credit notes

long long BillingRepository::InsertCreditNote(OrganizationId org, const CreditNoteRecord& note,
                                              const std::string& now) {
  SqlParams p;
  p.Int("org", org.value)
      .Text("number", note.number)
      .Text("status", note.status)
      .Int("invoice", note.invoice_id)
      .IntOrNull("client", note.client_id)
      .Text("client_name", note.client.name)
      .Text("snapshot", ClientJson(note.client))
      .TextOrNull("seller", note.seller_snapshot)
      .Text("regime", note.vat_regime)
      .Text("reason", note.reason)
      .Int("full", note.full_credit ? 1 : 0)
      .Int("net", note.net_cents)
      .Int("vat", note.vat_cents)
      .Int("gross", note.gross_cents)
      .Text("breakdown", VatJson(note.vat))
      .Text("settlement", note.settlement)
      .Text("issue_date", note.issue_date)
      .Text("issued_at", note.issued_at)
      .TextOrNull("legal", note.legal_mentions)
      .IntOrNull("created_by", note.created_by)
      .Text("created_at", now)
      .Text("updated_at", now);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO credit_notes (organization_id, number, status, invoice_id, client_id, "
            "client_name, client_snapshot, seller_snapshot, vat_regime, reason, full_credit, "
            "total_net_cents, total_vat_cents, total_gross_cents, vat_breakdown, settlement, "
            "issue_date, issued_at, legal_mentions, created_by_user_id, created_at, updated_at) "
            "VALUES (:org, :number, :status, :invoice, :client, :client_name, :snapshot, "
            ":seller, :regime, :reason, :full, :net, :vat, :gross, :breakdown, :settlement, "
            ":issue_date, :issued_at, :legal, :created_by, :created_at, :updated_at) RETURNING id",
            &id);
  ReplaceLines(lease_, "credit_note_lines", org, id, note.lines);
  return id;
}

std::optional<CreditNoteRecord> BillingRepository::FindCreditNote(OrganizationId org,
                                                                  long long id) {
  std::optional<CreditNoteRecord> out;
  SqlParams p;
  p.Int("org", org.value).Int("id", id);
  p.ForEachRow(lease_,
               std::string(kCreditSelect) + " WHERE c.organization_id = :org AND c.id = :id",
               [&](const soci::row& row) { out = ReadCredit(row); });
  if (out) out->lines = ReadLines(lease_, "credit_note_lines", org, id);
  return out;
}

std::vector<CreditNoteRecord> BillingRepository::CreditNotesOf(OrganizationId org,
                                                               long long invoice_id) {
  std::vector<CreditNoteRecord> out;
  SqlParams p;
  p.Int("org", org.value).Int("invoice", invoice_id);
  p.ForEachRow(lease_,
               std::string(kCreditSelect) +
                   " WHERE c.organization_id = :org AND c.invoice_id = :invoice ORDER BY c.id",
               [&](const soci::row& row) { out.push_back(ReadCredit(row)); });
  return out;
}

// ---- Payments

long long BillingRepository::InsertPayment(OrganizationId org, const PaymentRecord& payment,
                                           const std::string& now) {
  SqlParams p;
  p.Int("org", org.value)
      .Text("number", payment.number)
      .IntOrNull("invoice", payment.invoice_id != 0 ? std::optional<long long>(payment.invoice_id)
                                                    : std::nullopt)
      .IntOrNull("quote", payment.quote_id)
      .TextOrNull("provider_id", payment.provider_payment_id)
      .IntOrNull("session", payment.checkout_session_id)
      .Int("overpaid", payment.overpaid_cents)
      .TextOrNull("failure", payment.failure_reason)
      .Text("provider", payment.provider)
      .Text("method", payment.method)
      .Text("status", payment.status)
      .Int("amount", payment.amount_cents)
      .Text("reference", payment.reference)
      .Text("proof", payment.proof_text)
      .Text("received", payment.received_on)
      .TextOrNull("succeeded", payment.succeeded_at)
      .IntOrNull("recorded_by", payment.recorded_by)
      .TextOrNull("ip", payment.recorded_ip)
      .IntOrNull("validated_by", payment.validated_by)
      .TextOrNull("validated_at", payment.validated_at)
      .Text("created_at", now)
      .Text("updated_at", now);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO payments (organization_id, number, invoice_id, provider, method, status, "
            "amount_cents, reference, proof_text, received_on, succeeded_at, "
            "recorded_by_user_id, recorded_ip, validated_by_user_id, validated_at, created_at, "
            "updated_at, quote_id, provider_payment_id, checkout_session_id, overpaid_cents, "
            "failure_reason) VALUES (:org, :number, :invoice, :provider, :method, :status, "
            ":amount, :reference, :proof, :received, :succeeded, :recorded_by, :ip, "
            ":validated_by, :validated_at, :created_at, :updated_at, :quote, :provider_id, "
            ":session, :overpaid, :failure) RETURNING id",
            &id);
  return id;
}

void BillingRepository::SavePayment(OrganizationId org, const PaymentRecord& payment,
                                    const std::string& now) {
  SqlParams p;
  p.Text("status", payment.status)
      .TextOrNull("succeeded", payment.succeeded_at)
      .TextOrNull("failure", payment.failure_reason)
      .IntOrNull("validated_by", payment.validated_by)
      .TextOrNull("validated_at", payment.validated_at)
      .IntOrNull("rejected_by", payment.rejected_by)
      .TextOrNull("rejected_at", payment.rejected_at)
      .IntOrNull("invoice", payment.invoice_id != 0 ? std::optional<long long>(payment.invoice_id)
                                                    : std::nullopt)
      .Int("refunded", payment.refunded_cents)
      .Int("overpaid", payment.overpaid_cents)
      .TextOrNull("disputed", payment.disputed_at)
      .Text("now", now)
      .Int("org", org.value)
      .Int("id", payment.id);
  p.Execute(lease_,
            "UPDATE payments SET status = :status, succeeded_at = :succeeded, failure_reason = "
            ":failure, validated_by_user_id = :validated_by, validated_at = :validated_at, "
            "rejected_by_user_id = :rejected_by, rejected_at = :rejected_at, invoice_id = "
            ":invoice, refunded_cents = :refunded, overpaid_cents = :overpaid, disputed_at = "
            ":disputed, updated_at = :now WHERE organization_id = :org AND id = :id");
}

std::optional<PaymentRecord> BillingRepository::FindPayment(OrganizationId org, long long id,
                                                            bool lock) {
  std::optional<PaymentRecord> out;
  SqlParams p;
  p.Int("org", org.value).Int("id", id);
  std::string lock_sql = lock && lease_.dialect() == Dialect::kPostgres ? " FOR UPDATE OF p" : "";
  p.ForEachRow(
      lease_,
      std::string(kPaymentSelect) + " WHERE p.organization_id = :org AND p.id = :id" + lock_sql,
      [&](const soci::row& row) { out = ReadPayment(row); });
  return out;
}

std::vector<PaymentRecord> BillingRepository::PaymentsOf(OrganizationId org, long long invoice_id) {
  std::vector<PaymentRecord> out;
  SqlParams p;
  p.Int("org", org.value).Int("invoice", invoice_id);
  p.ForEachRow(lease_,
               std::string(kPaymentSelect) +
                   " WHERE p.organization_id = :org AND p.invoice_id = :invoice ORDER BY p.id",
               [&](const soci::row& row) { out.push_back(ReadPayment(row)); });
  return out;
}

DocumentPage<PaymentRecord> BillingRepository::ListPayments(OrganizationId org,
                                                            const PaymentFilter& filter) {
  DocumentPage<PaymentRecord> page;
  const std::string& status = filter.status;
  const std::string& provider = filter.provider;
  const std::string where = std::string(" WHERE p.organization_id = :org") +
                            (status.empty() ? "" : " AND p.status = :status") +
                            (provider.empty() ? "" : " AND p.provider = :provider");
  const long long limit = filter.limit;
  const long long offset = filter.offset;
  {
    SqlParams p;
    p.Int("org", org.value);
    if (!status.empty()) p.Text("status", status);
    if (!provider.empty()) p.Text("provider", provider);
    p.ForEachRow(lease_,
                 "SELECT count(*), COALESCE(sum(p.amount_cents), 0) FROM payments p" + where,
                 [&](const soci::row& row) {
                   page.total = GetInt64(row, 0);
                   page.gross_cents = GetInt64(row, 1);
                 });
  }
  SqlParams p;
  p.Int("org", org.value);
  if (!status.empty()) p.Text("status", status);
  if (!provider.empty()) p.Text("provider", provider);
  p.Int("limit", limit).Int("offset", offset);
  p.ForEachRow(
      lease_,
      std::string(kPaymentSelect) + where + " ORDER BY p.id DESC LIMIT :limit OFFSET :offset",
      [&](const soci::row& row) { page.items.push_back(ReadPayment(row)); });
  return page;
}

long long BillingRepository::PendingPayments(OrganizationId org, long long invoice_id) {
  long long org_id = org.value;
  long long total = 0;
  *lease_ << "SELECT COALESCE(sum(amount_cents), 0) FROM payments WHERE organization_id = :org "
             "AND invoice_id = :invoice AND status = 'pending'",
      soci::use(org_id, "org"), soci::use(invoice_id, "invoice"), soci::into(total);
  return total;
}

std::vector<PaymentRecord> BillingRepository::HeldPayments(OrganizationId org, long long quote_id) {
  std::vector<PaymentRecord> out;
  SqlParams p;
  p.Int("org", org.value).Int("quote", quote_id);
  p.ForEachRow(lease_,
               std::string(kPaymentSelect) +
                   " WHERE p.organization_id = :org AND p.quote_id = :quote AND p.invoice_id IS "
                   "NULL AND p.status = 'succeeded' ORDER BY p.id",
               [&](const soci::row& row) { out.push_back(ReadPayment(row)); });
  return out;
}

std::optional<PaymentRecord> BillingRepository::FindProviderPayment(
    OrganizationId org, const std::string& provider, const std::string& provider_payment_id) {
  std::optional<PaymentRecord> out;
  SqlParams p;
  p.Int("org", org.value).Text("provider", provider).Text("pid", provider_payment_id);
  p.ForEachRow(lease_,
               std::string(kPaymentSelect) +
                   " WHERE p.organization_id = :org AND p.provider = :provider AND "
                   "p.provider_payment_id = :pid",
               [&](const soci::row& row) { out = ReadPayment(row); });
  return out;
}

std::optional<std::pair<OrganizationId, InvoiceRecord>> BillingRepository::FindInvoiceByToken(
    const std::string& token_hash) {
  long long org = 0;
  long long id = 0;
  soci::indicator found = soci::i_null;
  *lease_ << "SELECT organization_id, id FROM invoices WHERE public_token_hash = :hash",
      soci::use(token_hash, "hash"), soci::into(org, found), soci::into(id);
  if (found == soci::i_null || !lease_->got_data()) return std::nullopt;
  auto invoice = FindInvoice(OrganizationId{org}, id);
  if (!invoice) return std::nullopt;
  return std::make_pair(OrganizationId{org}, std::move(*invoice));
}

void BillingRepository::OnEmailSent(long long email_id, const std::string& now) {
  std::string document_type;
  long long document_id = 0;
  soci::indicator type_ind = soci::i_null;
  soci::indicator id_ind = soci::i_null;
  *lease_ << "SELECT document_type, document_id FROM emails WHERE id = :id",
      soci::use(email_id, "id"), soci::into(document_type, type_ind),
      soci::into(document_id, id_ind);
  if (!lease_->got_data() || type_ind == soci::i_null || id_ind == soci::i_null) return;
  if (document_type == "quote") {
    *lease_ << "UPDATE quotes SET status = 'sent', sent_at = :now, updated_at = :now2 WHERE id = "
               ":id AND status IN ('draft', 'sent') AND send_requested_at IS NOT NULL",
        soci::use(now, "now"), soci::use(now, "now2"), soci::use(document_id, "id");
  } else if (document_type == "invoice") {
    *lease_ << "UPDATE invoices SET sent_at = :now, updated_at = :now2 WHERE id = :id",
        soci::use(now, "now"), soci::use(now, "now2"), soci::use(document_id, "id");
  }
}

long long FoldDocumentTotals(Lease& lease) {
  long long top = 0;
  long long rows = 0;
  *lease << "SELECT COALESCE(max(id), 0), count(*) FROM document_total_deltas", soci::into(top),
      soci::into(rows);
  if (rows == 0) return 0;
  const std::string sums =
      "SELECT organization_id, kind, sum(document_count), sum(gross_cents), sum(remaining_cents) "
      "FROM ";
  if (lease.dialect() == Dialect::kPostgres) {
    // One statement, one snapshot: a delta committed meanwhile is either folded or left alone.
    *lease << "WITH gone AS (DELETE FROM document_total_deltas WHERE id <= :top RETURNING *) "
              "INSERT INTO document_total_deltas (organization_id, kind, document_count, "
              "gross_cents, remaining_cents) " +
                  sums +
                  "gone WHERE organization_id IN (SELECT id FROM organizations) GROUP BY "
                  "organization_id, kind",
        soci::use(top, "top");
  } else {
    // The write transaction holds SQLite's write lock: nothing comes in between.
    *lease << "INSERT INTO document_total_deltas (organization_id, kind, document_count, "
              "gross_cents, remaining_cents) " +
                  sums +
                  "document_total_deltas WHERE id <= :top AND organization_id IN (SELECT id FROM "
                  "organizations) GROUP BY organization_id, kind",
        soci::use(top, "top");
    *lease << "DELETE FROM document_total_deltas WHERE id <= :top", soci::use(top, "top");
  }
  return rows;
}

}  // namespace planify::store
