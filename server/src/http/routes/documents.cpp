// Quotes, invoices, credit notes and payments (docs/api.md "Quotes and invoices").
#include <nlohmann/json.hpp>

#include "domain/local_time.hpp"
#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/planning_json.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

using domain::Permission;
using nlohmann::json;

// "lines":[…]. The office sees which catalogue and equipment rows a line came from; the
// client's page not.
void WriteLines(JsonWriter& out, const std::vector<domain::BillingLine>& lines,
                bool with_row_ids = true) {
  out.ArrayField("lines", lines, [with_row_ids](JsonWriter& w, const domain::BillingLine& l) {
    w.BeginObject();
    w.Field("kind", domain::LineKindName(l.kind));
    w.Field("description", l.description);
    w.TextOrNull("unit", l.unit);
    w.Field("quantity_milli", l.quantity_milli);
    w.Field("unit_price_cents", l.unit_price_cents);
    w.Field("vat_rate_bp", l.vat_rate_bp);
    w.Field("discount_bp", l.discount_bp);
    w.Field("discount_cents", l.discount_cents);
    w.Field("net_cents", l.net_cents);
    if (with_row_ids) {
      w.Field("catalogue_item_id", l.catalogue_item_id);
      w.Field("equipment_item_id", l.equipment_item_id);
    }
    w.EndObject();
  });
}

void WriteVatRate(JsonWriter& out, const domain::VatBreakdown& v) {
  out.BeginObject();
  out.Field("rate_bp", v.rate_bp);
  out.Field("base_cents", v.base_cents);
  out.Field("discount_cents", v.discount_cents);
  out.Field("vat_cents", v.vat_cents);
  out.EndObject();
}

// The legal block printed at issue, stored as JSON: an object, null before issue.
void WriteLegal(JsonWriter& out, const std::string& stored) {
  out.Key("legal");
  auto legal = json::parse(stored, nullptr, false);
  if (!legal.is_object()) return out.Null();
  out.Value(legal);
}

// What a list row of quotes or invoices shows.
void WriteDocumentSummary(JsonWriter& out, const store::DocumentRecord& d) {
  out.Field("id", d.id);
  out.TextOrNull("number", d.number);
  out.Field("status", d.status);
  out.Field("client_id", d.client_id);
  out.Field("mission_id", d.mission_id);
  out.Field("title", d.content.title);
  out.Field("client_name", d.client.name);
  out.TextOrNull("client_email", d.client_email);
  out.Field("total_net_cents", d.net_cents);
  out.Field("total_vat_cents", d.vat_cents);
  out.Field("total_gross_cents", d.gross_cents);
  out.Field("vat_regime", d.vat_regime);
  out.Field("created_at", d.created_at);
  out.Field("updated_at", d.updated_at);
}

// The rest of the office's view of a quote or an invoice: content, client snapshot, lines.
void WriteDocumentDetail(JsonWriter& out, const store::DocumentRecord& d) {
  out.Field("description", d.content.description);
  out.Field("venue_text", d.content.venue_text);
  out.Field("purchase_order_ref", d.content.purchase_order_ref);
  out.Field("operation_category", d.content.operation_category);
  out.TextOrNull("service_starts_at", d.service_starts_at);
  out.TextOrNull("service_ends_at", d.service_ends_at);
  const auto& c = d.client;
  out.Key("client");
  out.BeginObject();
  out.Field("kind", c.kind == domain::ClientKind::kCompany ? "company" : "individual");
  out.Field("name", c.name);
  out.Field("siren", c.siren);
  out.Field("vat_number", c.vat_number);
  out.Key("billing");
  WriteAddress(out, c.billing);
  out.Key("service");
  WriteAddress(out, c.service);
  out.EndObject();
  out.Field("discount_bp", d.content.discount.bp);
  out.Field("discount_cents", d.content.discount.cents);
  WriteLines(out, d.content.lines);
  out.ArrayField("vat_breakdown", d.vat, WriteVatRate);
}

// A quote's members, the list row's or (`full`) the office's whole view; the caller opens and
// closes the object, so a handler can add its own members.
void WriteQuoteFields(JsonWriter& out, const store::QuoteRecord& q, bool full) {
  WriteDocumentSummary(out, q);
  out.Field("deposit_kind", q.deposit_kind);
  out.Field("deposit_bp", q.deposit_bp);
  out.Field("deposit_cents", q.deposit_cents);
  out.TextOrNull("issue_date", q.issue_date);
  out.TextOrNull("valid_until", q.valid_until);
  out.Field("sending", !q.send_requested_at.empty() && q.status == "draft");
  out.Field("link_active", !q.public_token_hash.empty());
  out.TextOrNull("sent_at", q.sent_at);
  out.TextOrNull("accepted_at", q.accepted_at);
  out.TextOrNull("acceptance_method", q.acceptance_method);
  out.TextOrNull("declined_at", q.declined_at);
  out.TextOrNull("decline_reason", q.decline_reason);
  out.TextOrNull("expired_at", q.expired_at);
  out.TextOrNull("cancelled_at", q.cancelled_at);
  if (!full) return;
  out.Field("deposit_amount_cents", q.deposit_amount_cents);
  out.Field("terms", q.content.terms);
  WriteDocumentDetail(out, q);
}

void WriteQuoteSummary(JsonWriter& out, const store::QuoteRecord& q) {
  out.BeginObject();
  WriteQuoteFields(out, q, false);
  out.EndObject();
}

void WriteQuote(JsonWriter& out, const store::QuoteRecord& q) {
  out.BeginObject();
  WriteQuoteFields(out, q, true);
  out.EndObject();
}

void WriteDeposit(JsonWriter& out, const store::DepositLink& d) {
  out.BeginObject();
  out.Field("invoice_id", d.deposit_invoice_id);
  out.Field("number", d.number);
  out.Field("issue_date", d.issue_date);
  out.Field("net_cents", d.net_cents);
  out.Field("vat_cents", d.vat_cents);
  out.Field("gross_cents", d.gross_cents);
  out.EndObject();
}

// An invoice's members, as WriteQuoteFields.
void WriteInvoiceFields(JsonWriter& out, const store::InvoiceRecord& i, bool full) {
  const auto money = i.Money();
  WriteDocumentSummary(out, i);
  out.Field("kind", i.kind);
  out.Field("quote_id", i.quote_id);
  out.TextOrNull("quote_number", i.quote_number);
  out.TextOrNull("issue_date", i.issue_date);
  out.TextOrNull("due_date", i.due_date);
  out.Field("prepaid_cents", i.prepaid_cents);
  out.Field("credited_cents", i.credited_cents);
  out.Field("paid_cents", i.paid_cents);
  out.Field("amount_due_cents", money.Due());
  out.Field("remaining_cents",
            i.status == "issued" || i.status == "partially_paid" ? money.Remaining() : 0LL);
  out.TextOrNull("sent_at", i.sent_at);
  out.TextOrNull("paid_on", i.paid_on);
  if (!full) return;
  out.TextOrNull("issued_at", i.issued_at);
  out.Field("payment_terms_days", i.payment_terms_days);
  out.Field("notes", i.content.terms);
  WriteDocumentDetail(out, i);
  out.ArrayField("deposits", i.deposits, WriteDeposit);
  WriteLegal(out, i.legal_mentions);
}

void WriteInvoiceSummary(JsonWriter& out, const store::InvoiceRecord& i) {
  out.BeginObject();
  WriteInvoiceFields(out, i, false);
  out.EndObject();
}

void WriteInvoice(JsonWriter& out, const store::InvoiceRecord& i) {
  out.BeginObject();
  WriteInvoiceFields(out, i, true);
  out.EndObject();
}

void WriteCreditNote(JsonWriter& out, const store::CreditNoteRecord& c) {
  out.BeginObject();
  out.Field("id", c.id);
  out.Field("number", c.number);
  out.Field("status", c.status);
  out.Field("invoice_id", c.invoice_id);
  out.Field("invoice_number", c.invoice_number);
  out.Field("client_name", c.client.name);
  out.Field("reason", c.reason);
  out.Field("full_credit", c.full_credit);
  out.Field("settlement", c.settlement);
  out.Field("issue_date", c.issue_date);
  out.Field("created_at", c.created_at);
  out.Field("total_net_cents", c.net_cents);
  out.Field("total_vat_cents", c.vat_cents);
  out.Field("total_gross_cents", c.gross_cents);
  WriteLines(out, c.lines);
  out.ArrayField("vat_breakdown", c.vat, WriteVatRate);
  WriteLegal(out, c.legal_mentions);
  out.EndObject();
}

void WritePayment(JsonWriter& out, const store::PaymentRecord& p) {
  out.BeginObject();
  out.Field("id", p.id);
  out.Field("number", p.number);
  out.Field("invoice_id",
            p.invoice_id != 0 ? std::optional<long long>(p.invoice_id) : std::nullopt);
  out.Field("invoice_number", p.invoice_number);
  out.Field("quote_id", p.quote_id);
  out.Field("quote_number", p.quote_number);
  out.Field("provider", p.provider);
  out.Field("method", p.method);
  out.Field("status", p.status);
  out.Field("amount_cents", p.amount_cents);
  out.Field("reference", p.reference);
  out.Field("proof_text", p.proof_text);
  out.TextOrNull("proof_filename", p.proof_filename);
  out.Field("received_on", p.received_on);
  out.Field("recorded_by", p.recorded_by_name);
  out.TextOrNull("validated_at", p.validated_at);
  out.TextOrNull("rejected_at", p.rejected_at);
  out.TextOrNull("failure_reason", p.failure_reason);
  out.Field("refunded_cents", p.refunded_cents);
  out.Field("overpaid_cents", p.overpaid_cents);
  out.TextOrNull("disputed_at", p.disputed_at);
  out.Field("created_at", p.created_at);
  out.EndObject();
}

std::optional<domain::Timestamp> OptionalInstant(JsonFields& f, const json& body,
                                                 const std::string& field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::nullopt;
  return f.RequiredInstant(field);
}

// The common body of a quote or invoice draft; line errors are named "lines[2].description".
void ReadDocument(JsonFields& f, const json& body, app::DocumentInput& d) {
  d.client_id = f.OptionalInt64("client_id");
  d.mission_id = f.OptionalInt64("mission_id");
  d.content.title = f.OptionalString("title").value_or("");
  d.content.description = f.OptionalString("description").value_or("");
  d.content.venue_text = f.OptionalString("venue_text").value_or("");
  d.content.purchase_order_ref = f.OptionalString("purchase_order_ref").value_or("");
  d.content.operation_category = f.OptionalString("operation_category").value_or("services");
  d.content.discount.bp = f.OptionalInt("discount_bp").value_or(0);
  d.content.discount.cents = f.OptionalInt64("discount_cents").value_or(0);
  d.service_starts_at = OptionalInstant(f, body, "service_starts_at");
  d.service_ends_at = OptionalInstant(f, body, "service_ends_at");
  auto lines = body.find("lines");
  if (lines == body.end() || !lines->is_array()) {
    f.AddError("lines", "Liste de lignes attendue.");
    return;
  }
  if (lines->size() > 500) {
    f.AddError("lines", "500 lignes au plus.");
    return;
  }
  for (std::size_t i = 0; i < lines->size(); ++i) {
    const auto& item = (*lines)[i];
    const std::string at = "lines[" + std::to_string(i) + "]";
    if (!item.is_object()) {
      f.AddError(at, "Objet attendu.");
      continue;
    }
    JsonFields lf(item);
    domain::BillingLine line;
    std::string kind = lf.OptionalString("kind").value_or("service");
    auto parsed = domain::ParseLineKind(kind);
    if (!parsed) lf.AddError("kind", "service, rental, product, fee, travel, discount ou text.");
    line.kind = parsed.value_or(domain::LineKind::kService);
    line.description = lf.OptionalString("description").value_or("");
    line.unit = lf.OptionalString("unit").value_or("");
    line.quantity_milli = lf.OptionalInt64("quantity_milli").value_or(1000);
    line.unit_price_cents = lf.OptionalInt64("unit_price_cents").value_or(0);
    line.vat_rate_bp = lf.OptionalInt("vat_rate_bp").value_or(2000);
    line.discount_bp = lf.OptionalInt("discount_bp").value_or(0);
    line.discount_cents = lf.OptionalInt64("discount_cents").value_or(0);
    line.catalogue_item_id = lf.OptionalInt64("catalogue_item_id");
    line.equipment_item_id = lf.OptionalInt64("equipment_item_id");
    for (const auto& e : lf.ToError().fields) f.AddError(at + "." + e.field, e.message);
    d.content.lines.push_back(std::move(line));
  }
}

app::QuoteInput ReadQuote(JsonFields& f, const json& body) {
  app::QuoteInput q;
  ReadDocument(f, body, q);
  q.content.terms = f.OptionalString("terms").value_or("");
  q.deposit_kind = f.OptionalString("deposit_kind").value_or("none");
  q.deposit.bp = f.OptionalInt("deposit_bp").value_or(0);
  q.deposit.cents = f.OptionalInt64("deposit_amount_cents").value_or(0);
  q.valid_until = f.OptionalString("valid_until").value_or("");
  return q;
}

app::InvoiceInput ReadInvoice(JsonFields& f, const json& body) {
  app::InvoiceInput i;
  ReadDocument(f, body, i);
  i.content.terms = f.OptionalString("notes").value_or("");
  i.payment_terms_days = f.OptionalInt("payment_terms_days");
  return i;
}

// List filters shared by quotes and invoices.
store::DocumentFilter ReadFilter(QueryParams& q) {
  store::DocumentFilter filter;
  filter.limit = q.Int("limit", 50, 1, 200);
  filter.offset = q.Int("offset", 0, 0, 1'000'000'000);
  std::string statuses = q.Text("status");
  for (std::size_t start = 0; !statuses.empty() && start <= statuses.size();) {
    auto comma = statuses.find(',', start);
    if (comma == std::string::npos) comma = statuses.size();
    auto status = statuses.substr(start, comma - start);
    if (!status.empty()) filter.statuses.push_back(status);
    start = comma + 1;
  }
  if (filter.statuses.size() > 6) q.AddError("status", "Six statuts au plus.");
  if (!q.Text("client_id").empty()) filter.client_id = q.Id("client_id");
  if (!q.Text("mission_id").empty()) filter.mission_id = q.Id("mission_id");
  for (const char* name : {"from", "to"}) {
    std::string day = q.Text(name);
    if (!day.empty() && !domain::ParseIsoDate(day)) {
      q.AddError(name, "Date attendue au format AAAA-MM-JJ.");
    }
  }
  filter.from_date = q.Text("from");
  filter.to_date = q.Text("to");
  filter.query = q.Text("q");
  return filter;
}

void WritePdf(httplib::Response& res, const app::PdfFile& pdf) {
  res.status = 200;
  std::string name;
  for (char c : pdf.filename) {
    if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) name += c;
  }
  res.set_header("Content-Disposition", "inline; filename=\"" + name + "\"");
  res.set_header("X-Content-SHA256", pdf.sha256);
  res.set_header("Cache-Control", "private, no-store");
  res.set_content(pdf.content, pdf.content_type);
}

// "signature": the client's signature of a quote, null while unsigned; `full` adds the evidence
// only the office sees.
void WriteSignature(JsonWriter& out, const std::optional<store::SignatureRecord>& s, bool full) {
  out.Key("signature");
  if (!s) return out.Null();
  out.BeginObject();
  out.Field("signer_name", s->signer_name);
  out.Field("signed_at", s->signed_at);
  out.Field("method", s->method);
  out.Field("document_sha256", s->document_sha256);
  if (full) {
    out.Field("signer_email", s->signer_email);
    out.Field("ip_address", s->ip_address);
    out.Field("user_agent", s->user_agent);
    out.Field("consent_text", s->consent_text);
    out.Field("evidence", s->evidence);
  }
  out.EndObject();
}

// What the client sees through the link, written key by key (an allow-list, so a field added to
// the office's view never leaks here): no id of any row, no internal state, no signer's e-mail,
// address or browser. tests/http/documents_test.cpp lists the same keys.
void WritePublicQuote(JsonWriter& out, const store::QuoteRecord& q, const std::string& seller_name,
                      const std::optional<store::SignatureRecord>& signature,
                      bool online_payments) {
  out.BeginObject();
  out.TextOrNull("number", q.number);
  out.Field("status", q.status);
  out.Field("title", q.content.title);
  out.Field("client_name", q.client.name);
  out.TextOrNull("client_email", q.client_email);
  out.Field("seller_name", seller_name);
  out.Field("total_net_cents", q.net_cents);
  out.Field("total_vat_cents", q.vat_cents);
  out.Field("total_gross_cents", q.gross_cents);
  out.Field("vat_regime", q.vat_regime);
  out.Field("description", q.content.description);
  out.Field("venue_text", q.content.venue_text);
  out.TextOrNull("service_starts_at", q.service_starts_at);
  out.TextOrNull("service_ends_at", q.service_ends_at);
  out.Field("discount_bp", q.content.discount.bp);
  out.Field("discount_cents", q.content.discount.cents);
  WriteLines(out, q.content.lines, /*with_row_ids=*/false);
  out.ArrayField("vat_breakdown", q.vat, WriteVatRate);
  out.Field("deposit_kind", q.deposit_kind);
  out.Field("deposit_bp", q.deposit_bp);
  out.Field("deposit_cents", q.deposit_cents);
  out.TextOrNull("issue_date", q.issue_date);
  out.TextOrNull("valid_until", q.valid_until);
  out.Field("terms", q.content.terms);
  out.TextOrNull("accepted_at", q.accepted_at);
  out.TextOrNull("declined_at", q.declined_at);
  out.TextOrNull("decline_reason", q.decline_reason);
  WriteSignature(out, signature, false);
  // "Payer l'acompte" right after signing; the checkout says when nothing is left to pay.
  out.Field("can_pay_deposit", online_payments && q.status == "accepted" && q.deposit_cents > 0);
  out.EndObject();
}

template <typename Fn>
void WithBody(const httplib::Request& req, httplib::Response& res, Fn fn) {
  auto body = ParseJsonObject(req);
  if (!body) return WriteError(res, body.error());
  fn(*body);
}

// An empty body is an empty object for action endpoints ("send", "accept").
json OptionalBody(const httplib::Request& req, httplib::Response& res, bool& ok) {
  ok = true;
  if (req.body.empty()) return json::object();
  auto body = ParseJsonObject(req);
  if (!body) {
    WriteError(res, body.error());
    ok = false;
    return {};
  }
  return *body;
}

}  // namespace

void WritePaymentJson(JsonWriter& out, const store::PaymentRecord& payment) {
  WritePayment(out, payment);
}

void WritePdfResponse(httplib::Response& res, const app::PdfFile& pdf) { WritePdf(res, pdf); }

nlohmann::json OptionalJsonBody(const httplib::Request& req, httplib::Response& res, bool& ok) {
  return OptionalBody(req, res, ok);
}

void AddDocumentRoutes(Router& router, UseCases& use_cases) {
  const auto quotes = Access::Need(Permission::kQuotesManage);
  const auto invoices = Access::Need(Permission::kInvoicesManage);

  // ---- Quotes
  router.Add(
      "GET", "/api/v1/quotes", quotes.Revalidated(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        auto filter = ReadFilter(q);
        for (const auto& s : filter.statuses) {
          if (!domain::ParseQuoteStatus(s)) q.AddError("status", "Statut inconnu : " + s);
        }
        if (!q.ok()) return WriteError(res, q.ToError());
        auto page = use_cases.quotes.List(*ctx.principal, std::move(filter));
        if (!page) return WriteError(res, page.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", page->items, WriteQuoteSummary);
          out.Field("total", page->total);
          out.Field("total_gross_cents", page->gross_cents);
          out.EndObject();
        });
      });
  router.Add(
      "POST", "/api/v1/quotes", quotes,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        WithBody(req, res, [&](const json& body) {
          JsonFields f(body);
          auto input = ReadQuote(f, body);
          if (!f.ok()) return WriteError(res, f.ToError());
          auto row = use_cases.quotes.Create(*ctx.principal, ctx.meta, std::move(input));
          if (!row) return WriteError(res, row.error());
          WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteQuote(out, *row); });
        });
      });
  router.Add(
      "POST", "/api/v1/quotes/from-mission", quotes,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        WithBody(req, res, [&](const json& body) {
          JsonFields f(body);
          long long mission = f.RequiredId("mission_id");
          auto rule = f.OptionalInt64("pricing_rule_id");
          int km = f.OptionalInt("distance_km").value_or(0);
          if (!f.ok()) return WriteError(res, f.ToError());
          auto row = use_cases.quotes.FromMission(*ctx.principal, ctx.meta, mission, rule, km);
          if (!row) return WriteError(res, row.error());
          WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteQuote(out, *row); });
        });
      });
  router.Add(
      "GET", "/api/v1/quotes/:id", quotes,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto row = use_cases.quotes.Get(*ctx.principal, *id);
        if (!row) return WriteError(res, row.error());
        auto signature = use_cases.quotes.Signature(*ctx.principal, *id);
        if (!signature) return WriteError(res, signature.error());
        auto held = use_cases.quotes.HeldCents(*ctx.principal, *id);
        if (!held) return WriteError(res, held.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          WriteQuoteFields(out, *row, true);
          WriteSignature(out, *signature, true);
          out.Field("held_payments_cents", *held);
          out.EndObject();
        });
      });
  router.Add(
      "GET", "/api/v1/quotes/:id/pdf", quotes.Queued(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto pdf = use_cases.quotes.Pdf(*ctx.principal, *id);
        if (!pdf) return WriteError(res, pdf.error());
        WritePdf(res, *pdf);
      });
  router.Add(
      "PUT", "/api/v1/quotes/:id", quotes,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto exists = use_cases.quotes.Get(*ctx.principal, *id);
        if (!exists) return WriteError(res, exists.error());
        WithBody(req, res, [&](const json& body) {
          JsonFields f(body);
          auto input = ReadQuote(f, body);
          if (!f.ok()) return WriteError(res, f.ToError());
          auto row = use_cases.quotes.Update(*ctx.principal, ctx.meta, *id, std::move(input));
          if (!row) return WriteError(res, row.error());
          WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteQuote(out, *row); });
        });
      });
  router.Add(
      "POST", "/api/v1/quotes/:id/duplicate", quotes,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto row = use_cases.quotes.Duplicate(*ctx.principal, ctx.meta, *id);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteQuote(out, *row); });
      });
  router.Add(
      "POST", "/api/v1/quotes/:id/send", quotes,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        bool ok = false;
        auto body = OptionalBody(req, res, ok);
        if (!ok) return;
        JsonFields f(body);
        std::string to = f.OptionalString("to").value_or("");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto sent = use_cases.quotes.Send(*ctx.principal, ctx.meta, *id, to);
        if (!sent) return WriteError(res, sent.error());
        auto row = use_cases.quotes.Get(*ctx.principal, *id);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 202, [&](JsonWriter& out) {
          out.BeginObject();
          WriteQuoteFields(out, *row, true);
          out.Field("email_id", sent->email_id);
          out.Field("link", sent->link);
          out.EndObject();
        });
      });
  router.Add(
      "POST", "/api/v1/quotes/:id/accept", quotes,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto row = use_cases.quotes.AcceptManually(*ctx.principal, ctx.meta, *id);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteQuote(out, *row); });
      });
  router.Add(
      "POST", "/api/v1/quotes/:id/decline", quotes,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        bool ok = false;
        auto body = OptionalBody(req, res, ok);
        if (!ok) return;
        JsonFields f(body);
        std::string reason = f.OptionalString("reason").value_or("");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto row = use_cases.quotes.Decline(*ctx.principal, ctx.meta, *id, reason);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteQuote(out, *row); });
      });
  router.Add(
      "POST", "/api/v1/quotes/:id/cancel", quotes,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        bool ok = false;
        auto body = OptionalBody(req, res, ok);
        if (!ok) return;
        JsonFields f(body);
        std::string reason = f.OptionalString("reason").value_or("");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto row = use_cases.quotes.Cancel(*ctx.principal, ctx.meta, *id, std::move(reason));
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteQuote(out, *row); });
      });
  router.Add(
      "POST", "/api/v1/quotes/:id/revoke-link", quotes,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto row = use_cases.quotes.RevokeLink(*ctx.principal, ctx.meta, *id);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteQuote(out, *row); });
      });
  router.Add(
      "POST", "/api/v1/quotes/:id/invoices", invoices,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        WithBody(req, res, [&](const json& body) {
          JsonFields f(body);
          std::string kind = f.RequiredString("kind");
          if (!kind.empty() && kind != "deposit" && kind != "final") {
            f.AddError("kind", "deposit ou final.");
          }
          domain::DepositRequest deposit{f.OptionalInt("deposit_bp").value_or(0),
                                         f.OptionalInt64("deposit_cents").value_or(0)};
          if (!f.ok()) {
            auto exists = use_cases.quotes.Get(*ctx.principal, *id);
            if (!exists) return WriteError(res, exists.error());
            return WriteError(res, f.ToError());
          }
          auto row = use_cases.invoices.FromQuote(
              *ctx.principal, ctx.meta, *id,
              kind == "deposit" ? app::InvoiceFromQuote::kDeposit : app::InvoiceFromQuote::kFinal,
              deposit);
          if (!row) return WriteError(res, row.error());
          WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteInvoice(out, *row); });
        });
      });

  // Live totals for an editor: the lines and totals the server would store, nothing saved.
  router.Add(
      "POST", "/api/v1/documents/totals",
      Access::NeedAny(Permission::kQuotesManage, Permission::kInvoicesManage),
      [](const httplib::Request& req, httplib::Response& res, const RequestContext&) {
        WithBody(req, res, [&](const json& body) {
          JsonFields f(body);
          app::QuoteInput input = ReadQuote(f, body);
          auto treatment =
              domain::ParseVatTreatment(f.OptionalString("vat_regime").value_or("standard"));
          if (!treatment) f.AddError("vat_regime", "standard, franchise ou reverse_charge.");
          if (!f.ok()) return WriteError(res, f.ToError());
          input.content.title = input.content.title.empty() ? "-" : input.content.title;
          auto priced = domain::PriceDocument(std::move(input.content), input.deposit, *treatment);
          if (!priced) return WriteError(res, priced.error());
          const auto& totals = priced->totals;
          WriteJsonWith(res, 200, [&](JsonWriter& out) {
            out.BeginObject();
            out.ArrayField("line_net_cents", priced->content.lines,
                           [](JsonWriter& w, const domain::BillingLine& l) { w.Int(l.net_cents); });
            out.Field("lines_net_cents", totals.lines_net_cents);
            out.Field("discount_cents", totals.discount_cents);
            out.Field("total_net_cents", totals.net_cents);
            out.Field("total_vat_cents", totals.vat_cents);
            out.Field("total_gross_cents", totals.gross_cents);
            out.ArrayField("vat_breakdown", totals.vat, WriteVatRate);
            out.Field("deposit_cents", totals.deposit_cents);
            out.EndObject();
          });
        });
      });

  // ---- Links the legacy app e-mailed (its quotes' signature page, its pay links), kept working
  // by the import (their tokens are stored hashed): to the client's pages of Planify. The token
  // is only passed on when it has a token's shape (nothing else reaches the Location header).
  struct LegacyLink {
    const char* path;
    const char* target;
    bool token_in_query;
  };
  static constexpr LegacyLink kLegacyLinks[] = {{"/signer-devis/:token", "/p/devis/", false},
                                                {"/pay/quote/:id", "/p/devis/", true},
                                                {"/pay/invoice/:id", "/p/facture/", true}};
  for (const auto& link : kLegacyLinks) {
    router.Add(
        "GET", link.path, Access::Public(),
        [link](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
          const std::string token =
              link.token_in_query ? req.get_param_value("token") : ctx.params.at("token");
          if (!app::IsPublicToken(token)) {
            return WriteError(res, MakeError(ErrorCode::kNotFound, "Lien introuvable."));
          }
          res.status = 302;
          res.set_header("Location", std::string(link.target) + token);
          res.set_header("Cache-Control", "no-store");
          res.set_header("Referrer-Policy", "no-referrer");
        });
  }

  // ---- The client's page: no session, the link's token is the credential.
  router.Add(
      "GET", "/api/v1/public/quotes/:token", Access::Public(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto found = use_cases.quotes.GetPublic(ctx.params.at("token"));
        if (!found) return WriteError(res, found.error());
        auto signature = use_cases.quotes.PublicSignature(found->first, found->second.id);
        auto seller_name = use_cases.quotes.SellerName(found->first);
        const bool online = use_cases.payments.AcceptsOnlinePayments(found->first);
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          WritePublicQuote(out, found->second, seller_name, signature, online);
        });
      });
  router.Add(
      "GET", "/api/v1/public/quotes/:token/pdf", Access::Public().Queued(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto pdf = use_cases.quotes.PublicPdf(ctx.params.at("token"));
        if (!pdf) return WriteError(res, pdf.error());
        WritePdf(res, *pdf);
      });
  router.Add(
      "GET", "/api/v1/public/invoices/:token/pdf", Access::Public().Queued(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto pdf = use_cases.invoices.PublicPdf(ctx.params.at("token"));
        if (!pdf) return WriteError(res, pdf.error());
        WritePdf(res, *pdf);
      });
  router.Add(
      "POST", "/api/v1/public/quotes/:token/sign", Access::Public(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        WithBody(req, res, [&](const json& body) {
          JsonFields f(body);
          app::SignInput input;
          input.signer_name = f.OptionalString("signer_name").value_or("");
          input.signer_email = f.OptionalString("signer_email").value_or("");
          input.signature = f.OptionalString("signature").value_or("");
          input.consent = f.OptionalBool("consent", false);
          if (!f.ok()) return WriteError(res, f.ToError());
          auto row =
              use_cases.quotes.SignPublic(ctx.params.at("token"), std::move(input), ctx.meta);
          if (!row) return WriteError(res, row.error());
          WriteJsonWith(res, 200, [&](JsonWriter& out) {
            out.BeginObject();
            out.Field("status", row->status);
            out.Field("accepted_at", row->accepted_at);
            out.EndObject();
          });
        });
      });
  router.Add(
      "POST", "/api/v1/public/quotes/:token/decline", Access::Public(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        bool ok = false;
        auto body = OptionalBody(req, res, ok);
        if (!ok) return;
        JsonFields f(body);
        std::string reason = f.OptionalString("reason").value_or("");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto row = use_cases.quotes.DeclinePublic(ctx.params.at("token"), reason, ctx.meta);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("status", row->status);
          out.EndObject();
        });
      });

  // ---- Invoices
  router.Add(
      "GET", "/api/v1/invoices", invoices.Revalidated(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        auto filter = ReadFilter(q);
        for (const auto& s : filter.statuses) {
          if (!domain::ParseInvoiceStatus(s)) {
            q.AddError("status", "Statut inconnu : " + s);
          }
        }
        if (!q.Text("quote_id").empty()) filter.quote_id = q.Id("quote_id");
        filter.kind = q.Text("kind");
        if (!filter.kind.empty() && filter.kind != "standard" && filter.kind != "deposit") {
          q.AddError("kind", "standard ou deposit.");
        }
        if (!q.ok()) return WriteError(res, q.ToError());
        auto page = use_cases.invoices.List(*ctx.principal, std::move(filter), q.Flag("overdue"));
        if (!page) return WriteError(res, page.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", page->items, WriteInvoiceSummary);
          out.Field("total", page->total);
          out.Field("total_gross_cents", page->gross_cents);
          out.Field("remaining_cents", page->remaining_cents);
          out.EndObject();
        });
      });
  router.Add(
      "POST", "/api/v1/invoices", invoices,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        WithBody(req, res, [&](const json& body) {
          JsonFields f(body);
          auto input = ReadInvoice(f, body);
          if (!f.ok()) return WriteError(res, f.ToError());
          auto row = use_cases.invoices.Create(*ctx.principal, ctx.meta, std::move(input));
          if (!row) return WriteError(res, row.error());
          WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteInvoice(out, *row); });
        });
      });
  router.Add(
      "GET", "/api/v1/invoices/:id", invoices,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto view = use_cases.invoices.Get(*ctx.principal, *id);
        if (!view) return WriteError(res, view.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          WriteInvoiceFields(out, view->invoice, true);
          out.Field("overdue", view->overdue);
          out.ArrayField("credit_notes", view->credit_notes, WriteCreditNote);
          out.ArrayField("payments", view->payments, WritePayment);
          out.EndObject();
        });
      });
  router.Add(
      "PUT", "/api/v1/invoices/:id", invoices,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto exists = use_cases.invoices.Get(*ctx.principal, *id);
        if (!exists) return WriteError(res, exists.error());
        WithBody(req, res, [&](const json& body) {
          JsonFields f(body);
          auto input = ReadInvoice(f, body);
          if (!f.ok()) return WriteError(res, f.ToError());
          auto row = use_cases.invoices.Update(*ctx.principal, ctx.meta, *id, std::move(input));
          if (!row) return WriteError(res, row.error());
          WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteInvoice(out, *row); });
        });
      });
  router.Add(
      "DELETE", "/api/v1/invoices/:id", invoices,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto done = use_cases.invoices.DeleteDraft(*ctx.principal, ctx.meta, *id);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });
  router.Add(
      "POST", "/api/v1/invoices/:id/issue", invoices,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto row = use_cases.invoices.Issue(*ctx.principal, ctx.meta, *id);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteInvoice(out, *row); });
      });
  router.Add(
      "POST", "/api/v1/invoices/:id/send", invoices,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        bool ok = false;
        auto body = OptionalBody(req, res, ok);
        if (!ok) return;
        JsonFields f(body);
        std::string to = f.OptionalString("to").value_or("");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto sent = use_cases.invoices.Send(*ctx.principal, ctx.meta, *id, to);
        if (!sent) return WriteError(res, sent.error());
        WriteJsonWith(res, 202, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("email_id", sent->email_id);
          out.Field("link", sent->link);
          out.EndObject();
        });
      });
  router.Add(
      "POST", "/api/v1/invoices/:id/credit-notes", invoices,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        WithBody(req, res, [&](const json& body) {
          JsonFields f(body);
          auto amount = f.OptionalInt64("amount_cents");
          std::string reason = f.RequiredString("reason");
          if (!f.ok()) {
            auto exists = use_cases.invoices.Get(*ctx.principal, *id);
            if (!exists) return WriteError(res, exists.error());
            return WriteError(res, f.ToError());
          }
          auto note = use_cases.invoices.Credit(*ctx.principal, ctx.meta, *id, amount, reason);
          if (!note) return WriteError(res, note.error());
          WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteCreditNote(out, *note); });
        });
      });
  router.Add(
      "GET", "/api/v1/invoices/:id/pdf", invoices.Queued(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto pdf = use_cases.invoices.Pdf(*ctx.principal, *id);
        if (!pdf) return WriteError(res, pdf.error());
        WritePdf(res, *pdf);
      });
  router.Add(
      "GET", "/api/v1/credit-notes/:id/pdf", invoices.Queued(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto pdf = use_cases.invoices.CreditNotePdf(*ctx.principal, *id);
        if (!pdf) return WriteError(res, pdf.error());
        WritePdf(res, *pdf);
      });
  // The e-invoice's XML alone (what the Factur-X PDF embeds).
  router.Add(
      "GET", "/api/v1/invoices/:id/xml", invoices.Queued(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto xml = use_cases.invoices.InvoiceXml(*ctx.principal, *id);
        if (!xml) return WriteError(res, xml.error());
        WritePdf(res, *xml);
      });
  router.Add(
      "GET", "/api/v1/credit-notes/:id/xml", invoices.Queued(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto xml = use_cases.invoices.CreditNoteXml(*ctx.principal, *id);
        if (!xml) return WriteError(res, xml.error());
        WritePdf(res, *xml);
      });
  router.Add(
      "GET", "/api/v1/credit-notes/:id", invoices,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto note = use_cases.invoices.GetCreditNote(*ctx.principal, *id);
        if (!note) return WriteError(res, note.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteCreditNote(out, *note); });
      });

  // ---- Payments
  router.Add(
      "POST", "/api/v1/invoices/:id/payments", Access::Need(Permission::kPaymentsRecord),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        WithBody(req, res, [&](const json& body) {
          JsonFields f(body);
          domain::ManualPayment p;
          auto method = domain::ParsePaymentMethod(f.RequiredString("method"));
          if (!method) f.AddError("method", "card, bank_transfer, cheque, cash ou other.");
          p.method = method.value_or(domain::PaymentMethod::kOther);
          p.amount_cents = f.OptionalInt64("amount_cents").value_or(0);
          p.reference = f.OptionalString("reference").value_or("");
          p.proof_text = f.OptionalString("proof_text").value_or("");
          auto day = domain::ParseIsoDate(f.RequiredString("received_on"));
          if (!day) f.AddError("received_on", "Date attendue au format AAAA-MM-JJ.");
          p.received_on = day.value_or(std::chrono::year_month_day{});
          if (!f.ok()) {
            auto exists = use_cases.invoices.Get(*ctx.principal, *id);
            if (!exists) return WriteError(res, exists.error());
            return WriteError(res, f.ToError());
          }
          auto row = use_cases.invoices.RecordPayment(*ctx.principal, ctx.meta, *id, p);
          if (!row) return WriteError(res, row.error());
          WriteJsonWith(res, 201, [&](JsonWriter& out) { WritePayment(out, *row); });
        });
      });
  router.Add(
      "GET", "/api/v1/payments", Access::Need(Permission::kPaymentsRecord).Revalidated(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        store::PaymentFilter filter;
        filter.limit = q.Int("limit", 50, 1, 200);
        filter.offset = q.Int("offset", 0, 0, 1'000'000'000);
        filter.status = q.Text("status");
        filter.provider = q.Text("provider");
        const auto& status = filter.status;
        if (!status.empty() && status != "pending" && status != "succeeded" &&
            status != "rejected" && status != "failed" && status != "cancelled") {
          q.AddError("status", "Statut inconnu.");
        }
        if (!filter.provider.empty() && filter.provider != "manual" &&
            filter.provider != "stripe" && filter.provider != "legacy") {
          q.AddError("provider", "Moyen inconnu : manual, stripe ou legacy.");
        }
        if (!q.ok()) return WriteError(res, q.ToError());
        auto page = use_cases.invoices.ListPayments(*ctx.principal, filter);
        if (!page) return WriteError(res, page.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", page->items, WritePayment);
          out.Field("total", page->total);
          out.Field("total_cents", page->gross_cents);
          out.EndObject();
        });
      });
  // The proof of a payment, sent as the raw file (?filename= names it).
  router.Add(
      "PUT", "/api/v1/payments/:id/proof", Access::Need(Permission::kPaymentsRecord),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto row = use_cases.invoices.AttachProof(*ctx.principal, ctx.meta, *id,
                                                  req.get_param_value("filename"), req.body);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WritePayment(out, *row); });
      });
  router.Add(
      "GET", "/api/v1/payments/:id/proof", Access::Need(Permission::kPaymentsRecord).Queued(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto proof = use_cases.invoices.Proof(*ctx.principal, *id);
        if (!proof) return WriteError(res, proof.error());
        WritePdf(res, *proof);
      });
  router.Add(
      "POST", "/api/v1/payments/:id/validate", Access::Need(Permission::kPaymentsValidate),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto row = use_cases.invoices.ValidatePayment(*ctx.principal, ctx.meta, *id);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WritePayment(out, *row); });
      });
  router.Add(
      "POST", "/api/v1/payments/:id/reject", Access::Need(Permission::kPaymentsValidate),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        bool ok = false;
        auto body = OptionalBody(req, res, ok);
        if (!ok) return;
        JsonFields f(body);
        std::string reason = f.OptionalString("reason").value_or("");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto row = use_cases.invoices.RejectPayment(*ctx.principal, ctx.meta, *id, reason);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WritePayment(out, *row); });
      });
}

}  // namespace planify::http
