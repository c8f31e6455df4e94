#include "store/personal_data_repository.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "domain/validation.hpp"
#include "store/document_files_repository.hpp"

namespace planify::store {

namespace {

constexpr const char* kErasedMarker = "[effacé]";

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// A column of a table as the export writes it.
struct Column {
  std::string name;
  bool integer = false;
  bool json = false;  // text holding JSON (tags, snapshots, custom fields), written as JSON
};

bool LeftOut(const std::string& column) {
  // The organisation's key, search keys, secrets and capability links, stored bytes (files).
  static const std::set<std::string> kLeftOut = {
      "organization_id", "search_text", "content_base64", "image_base64", "idempotency_key",
      "lock_token",      "url"};
  return kLeftOut.contains(column) || column.ends_with("_token_hash");
}

bool JsonColumn(const std::string& column, const std::string& type) {
  static const std::set<std::string> kJson = {"tags",          "custom_fields",   "details",
                                              "options",       "client_snapshot", "seller_snapshot",
                                              "vat_breakdown", "payload"};
  return kJson.contains(column) || type == "json" || type == "jsonb";
}

std::vector<Column> TableColumns(Lease& lease, const std::string& table) {
  const std::string query =
      lease.dialect() == Dialect::kSqlite
          ? "SELECT name, lower(type) FROM pragma_table_info(:t) ORDER BY cid"
          : "SELECT CAST(column_name AS TEXT), CAST(data_type AS TEXT) FROM "
            "information_schema.columns WHERE table_schema = current_schema() AND table_name = "
            ":t ORDER BY ordinal_position";
  std::vector<Column> columns;
  soci::rowset<soci::row> rows = ((*lease).prepare << query, soci::use(table));
  for (const auto& r : rows) {
    Column c;
    c.name = RowText(r, 0);
    const std::string type = RowText(r, 1);
    if (LeftOut(c.name)) continue;
    c.integer = type.find("int") != std::string::npos;
    c.json = JsonColumn(c.name, type);
    columns.push_back(std::move(c));
  }
  return columns;
}

// A value read as text whatever type the driver reports for the expression.
std::optional<std::string> CellText(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return std::nullopt;
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_integer:
    case soci::dt_long_long:
    case soci::dt_unsigned_long_long:
      return std::to_string(GetInt64(row, i));
    case soci::dt_double:
      return std::to_string(row.get<double>(i));
    default:
      return row.get<std::string>(i);
  }
}

nlohmann::json CellJson(const Column& column, const std::optional<std::string>& text) {
  if (!text) return nullptr;
  if (column.integer) {
    try {
      return std::stoll(*text);
    } catch (const std::exception&) {
      return *text;
    }
  }
  if (column.json) {
    auto parsed = nlohmann::json::parse(*text, nullptr, false);
    if (!parsed.is_discarded()) return parsed;
  }
  // PostgreSQL writes timestamps as "2026-11-25 14:00:00+00"; everything else stays as stored.
  if (column.name.ends_with("_at") || column.name.ends_with("_on")) {
    return NormalizeTimestamp(*text);
  }
  return *text;
}

// The rows of `table` matching `where` (":org" then ":key" bound), ordered by id, as objects.
template <typename Key>
nlohmann::json DumpRows(Lease& lease, const std::string& table, const std::string& where,
                        long long org, const Key& key) {
  const auto columns = TableColumns(lease, table);
  std::string select;
  for (const auto& c : columns) {
    if (!select.empty()) select += ", ";
    select += "CAST(" + c.name + " AS TEXT)";
  }
  nlohmann::json out = nlohmann::json::array();
  if (columns.empty()) return out;
  soci::rowset<soci::row> rows = ((*lease).prepare << "SELECT " + select + " FROM " + table +
                                                          " WHERE organization_id = "
                                                          ":org AND " +
                                                          where + " ORDER BY id",
                                  soci::use(org), soci::use(key));
  for (const auto& r : rows) {
    nlohmann::json object = nlohmann::json::object();
    for (std::size_t i = 0; i < columns.size(); ++i) {
      object[columns[i].name] = CellJson(columns[i], CellText(r, i));
    }
    out.push_back(std::move(object));
  }
  return out;
}

// A name safe inside the archive: no folders, no dot-dot, nothing a file system refuses.
std::string SafeFileName(const std::string& name) {
  std::string out;
  out.reserve(name.size());
  for (unsigned char c : name) {
    const bool plain = std::isalnum(c) || c == '-' || c == '_' || c == '.' || c >= 0x80;
    out.push_back(plain ? static_cast<char>(c) : '_');
  }
  while (out.find("..") != std::string::npos) out.replace(out.find(".."), 2, "_");
  if (out.empty() || out.front() == '.') out.insert(out.begin(), '_');
  return out;
}

// `wanted` under `folder`, numbered when taken already.
std::string UniquePath(std::set<std::string>& taken, const std::string& folder,
                       const std::string& wanted) {
  std::string path = folder + "/" + SafeFileName(wanted);
  for (int n = 2; taken.contains(path); ++n) {
    path = folder + "/" + std::to_string(n) + "-" + SafeFileName(wanted);
  }
  taken.insert(path);
  return path;
}

}  // namespace

std::vector<std::string> PersonalDataRepository::ClientAddresses(long long org, long long id) {
  auto& sql = *lease_;
  std::set<std::string> addresses;
  {
    soci::rowset<std::string> rows =
        (sql.prepare << "SELECT email FROM client_contacts WHERE organization_id = :org AND "
                        "client_id = :id AND email <> ''",
         soci::use(org), soci::use(id));
    for (const auto& e : rows) addresses.insert(Lower(e));
  }
  for (const char* table : {"quotes", "invoices"}) {
    soci::rowset<std::string> rows =
        (sql.prepare << std::string("SELECT client_email FROM ") + table +
                            " WHERE organization_id = :org AND client_id = :id AND "
                            "client_email <> ''",
         soci::use(org), soci::use(id));
    for (const auto& e : rows) addresses.insert(Lower(e));
  }
  return {addresses.begin(), addresses.end()};
}

ErasureReport PersonalDataRepository::EraseClient(OrganizationId organization, long long id,
                                                  const std::string& erased_name,
                                                  const std::string& now) {
  ErasureReport report;
  const long long org = organization.value;
  auto& sql = *lease_;

  std::string name;
  sql << "SELECT name FROM clients WHERE organization_id = :org AND id = :id", soci::use(org),
      soci::use(id), soci::into(name);

  const std::vector<std::string> addresses = ClientAddresses(org, id);

  // The issued documents stay as they are (legal retention); say which.
  for (const char* table : {"quotes", "invoices", "credit_notes"}) {
    soci::rowset<std::string> rows =
        (sql.prepare << std::string("SELECT number FROM ") + table +
                            " WHERE organization_id = :org AND client_id = :id AND number IS NOT "
                            "NULL ORDER BY number",
         soci::use(org), soci::use(id));
    for (const auto& n : rows) report.kept_documents.push_back(n);
  }

  const std::string search = domain::FoldForSearch(erased_name);
  sql << "UPDATE clients SET name = :name, siren = '', siret = '', vat_number = '', "
         "billing_line1 = '', billing_line2 = '', billing_postal_code = '', billing_city = '', "
         "service_line1 = '', service_line2 = '', service_postal_code = '', service_city = '', "
         "tags = '[]', notes = '', search_text = :search, reminders_paused = 1, "
         "archived_at = COALESCE(archived_at, :now), updated_at = :now2 "
         "WHERE organization_id = :org AND id = :id",
      soci::use(erased_name), soci::use(search), soci::use(now), soci::use(now), soci::use(org),
      soci::use(id);

  {
    soci::statement del = (sql.prepare << "DELETE FROM client_contacts WHERE organization_id = "
                                          ":org AND client_id = :id",
                           soci::use(org), soci::use(id));
    del.execute(true);
    report.contacts_deleted = del.get_affected_rows();
  }

  // Missions: what describes the event stays (dates, crew, equipment, status); what describes
  // the person goes. A title naming the client is replaced.
  {
    std::vector<std::pair<long long, std::string>> missions;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, title FROM missions WHERE organization_id = :org AND "
                        "client_id = :id",
         soci::use(org), soci::use(id));
    for (const auto& r : rows) missions.emplace_back(GetInt64(r, 0), RowText(r, 1));
    const std::string folded_name = domain::FoldForSearch(name);
    for (const auto& [mission, title] : missions) {
      const bool names_client = !folded_name.empty() &&
                                domain::FoldForSearch(title).find(folded_name) != std::string::npos;
      const std::string new_title = names_client ? "Mission — " + erased_name : title;
      const std::string mission_search = domain::FoldForSearch(new_title);
      sql << "UPDATE missions SET title = :title, address = '', description = '', notes = '', "
             "custom_fields = '{}', cancellation_reason = '', search_text = :search, "
             "updated_at = :now WHERE organization_id = :org AND id = :id",
          soci::use(new_title), soci::use(mission_search), soci::use(now), soci::use(org),
          soci::use(mission);
      ++report.missions_cleared;
    }
  }

  // Drafts (no number): nothing was issued to keep.
  for (const char* table : {"quotes", "invoices"}) {
    soci::statement drafts =
        (sql.prepare << std::string("UPDATE ") + table +
                            " SET client_name = :name, client_email = '', client_snapshot = "
                            "'{}', updated_at = :now WHERE organization_id = :org AND client_id "
                            "= :id AND number IS NULL",
         soci::use(erased_name), soci::use(now), soci::use(org), soci::use(id));
    drafts.execute(true);
    report.drafts_cleared += drafts.get_affected_rows();
  }

  // Booking requests it sent and ratings it gave: who wrote goes, what was asked for (dates,
  // event type, stars) stays for the organisation's figures.
  sql << "UPDATE booking_requests SET contact_name = :name, email = 'efface@invalid', phone = '', "
         "message = '', place = '', search_text = :search, updated_at = :now WHERE "
         "organization_id = :org AND client_id = :id",
      soci::use(erased_name), soci::use(search), soci::use(now), soci::use(org), soci::use(id);
  for (const auto& address : addresses) {
    sql << "UPDATE booking_requests SET contact_name = :name, email = 'efface@invalid', phone = "
           "'', message = '', place = '', search_text = :search, updated_at = :now WHERE "
           "organization_id = :org AND lower(email) = :address",
        soci::use(erased_name), soci::use(search), soci::use(now), soci::use(org),
        soci::use(address);
  }
  sql << "UPDATE mission_ratings SET email = 'efface@invalid', first_name = '', comment = '', "
         "public_consent = 0, ip = '', user_agent = '' WHERE organization_id = :org AND "
         "client_id = :id",
      soci::use(org), soci::use(id);
  // Client space: its links stop working and forget the address; what the client wrote goes.
  sql << "UPDATE client_space_links SET email = 'efface@invalid', revoked_at = COALESCE("
         "revoked_at, :now) WHERE organization_id = :org AND client_id = :id",
      soci::use(now), soci::use(org), soci::use(id);
  sql << "DELETE FROM client_space_messages WHERE organization_id = :org AND client_id = :id",
      soci::use(org), soci::use(id);

  // E-mails written to the client: recipient, subject, bodies and attachments go; the row stays
  // (the organisation's outbox keeps that something was sent, and when).
  const std::string marker = kErasedMarker;
  for (const auto& address : addresses) {
    sql << "DELETE FROM email_attachments WHERE email_id IN (SELECT id FROM emails WHERE "
           "organization_id = :org AND lower(to_address) = :address)",
        soci::use(org), soci::use(address);
    soci::statement mails =
        (sql.prepare << "UPDATE emails SET to_address = 'efface@invalid', to_name = NULL, "
                        "reply_to = NULL, subject = :marker, html_body = :marker2, text_body = "
                        ":marker3, updated_at = :now WHERE organization_id = :org AND "
                        "lower(to_address) = :address",
         soci::use(marker), soci::use(marker), soci::use(marker), soci::use(now), soci::use(org),
         soci::use(address));
    mails.execute(true);
    report.emails_cleared += mails.get_affected_rows();
  }
  return report;
}

PersonalDataExport PersonalDataRepository::ExportClient(OrganizationId organization, long long id) {
  PersonalDataExport out;
  const long long org = organization.value;
  auto& t = out.tables;
  constexpr const char* kQuotes = "(SELECT id FROM quotes WHERE client_id = :key)";
  constexpr const char* kInvoices = "(SELECT id FROM invoices WHERE client_id = :key)";
  constexpr const char* kCreditNotes = "(SELECT id FROM credit_notes WHERE client_id = :key)";
  const std::string in_quotes = std::string(" IN ") + kQuotes;
  const std::string in_invoices = std::string(" IN ") + kInvoices;
  t["client"] = DumpRows(lease_, "clients", "id = :key", org, id);
  t["contacts"] = DumpRows(lease_, "client_contacts", "client_id = :key", org, id);
  t["missions"] = DumpRows(lease_, "missions", "client_id = :key", org, id);
  t["booking_requests"] = DumpRows(lease_, "booking_requests", "client_id = :key", org, id);
  t["booking_messages"] =
      DumpRows(lease_, "booking_messages",
               "request_id IN (SELECT id FROM booking_requests WHERE client_id = :key)", org, id);
  t["ratings"] = DumpRows(lease_, "mission_ratings", "client_id = :key", org, id);
  t["client_space_links"] = DumpRows(lease_, "client_space_links", "client_id = :key", org, id);
  t["client_space_messages"] =
      DumpRows(lease_, "client_space_messages", "client_id = :key", org, id);
  t["quotes"] = DumpRows(lease_, "quotes", "client_id = :key", org, id);
  t["quote_lines"] = DumpRows(lease_, "quote_lines", "document_id" + in_quotes, org, id);
  t["signatures"] = DumpRows(lease_, "signatures", "quote_id" + in_quotes, org, id);
  t["quote_reminders"] = DumpRows(lease_, "quote_reminders", "quote_id" + in_quotes, org, id);
  t["invoices"] = DumpRows(lease_, "invoices", "client_id = :key", org, id);
  t["invoice_lines"] = DumpRows(lease_, "invoice_lines", "document_id" + in_invoices, org, id);
  t["invoice_reminders"] =
      DumpRows(lease_, "invoice_reminders", "invoice_id" + in_invoices, org, id);
  t["credit_notes"] = DumpRows(lease_, "credit_notes", "client_id = :key", org, id);
  t["credit_note_lines"] =
      DumpRows(lease_, "credit_note_lines", std::string("document_id IN ") + kCreditNotes, org, id);
  t["payments"] = DumpRows(lease_, "payments", "invoice_id" + in_invoices, org, id);
  t["payment_refunds"] = DumpRows(
      lease_, "payment_refunds",
      "payment_id IN (SELECT id FROM payments WHERE invoice_id" + in_invoices + ")", org, id);
  // Stripe Checkout sessions opened for its invoices or quotes (a session may name both).
  t["online_payment_sessions"] =
      DumpRows(lease_, "checkout_sessions", "invoice_id" + in_invoices, org, id);
  {
    std::set<long long> seen;
    for (const auto& s : t["online_payment_sessions"]) seen.insert(s.value("id", 0LL));
    for (auto& s : DumpRows(lease_, "checkout_sessions", "quote_id" + in_quotes, org, id)) {
      if (!seen.contains(s.value("id", 0LL))) t["online_payment_sessions"].push_back(std::move(s));
    }
  }
  // The e-mails keep their words but not their links' tokens: a link still valid would let
  // whoever holds the archive open, sign or pay the document.
  const std::regex link_token("(/p/[a-z-]+/)[0-9a-f]{32,}");
  t["emails"] = nlohmann::json::array();
  for (const auto& address : ClientAddresses(org, id)) {
    for (auto& mail : DumpRows(lease_, "emails", "lower(to_address) = :key", org, address)) {
      for (const char* body : {"html_body", "text_body"}) {
        if (mail[body].is_string()) {
          mail[body] = std::regex_replace(mail[body].get<std::string>(), link_token, "$1[retiré]");
        }
      }
      t["emails"].push_back(std::move(mail));
    }
  }

  std::set<std::string> taken;
  DocumentFilesRepository files(lease_);
  {
    std::vector<long long> ids;
    soci::rowset<soci::row> rows =
        ((*lease_).prepare << std::string("SELECT id FROM document_files WHERE organization_id "
                                          "= :org AND ((document_type = 'quote' AND document_id "
                                          "IN ") +
                                  kQuotes + ") OR (document_type = 'invoice' AND document_id IN " +
                                  "(SELECT id FROM invoices WHERE client_id = :key2)) OR "
                                  "(document_type = 'credit_note' AND document_id IN (SELECT id "
                                  "FROM credit_notes WHERE client_id = :key3))) ORDER BY id",
         soci::use(org), soci::use(id), soci::use(id), soci::use(id));
    for (const auto& r : rows) ids.push_back(GetInt64(r, 0));
    for (long long file_id : ids) {
      auto file = files.Find(organization, file_id);
      if (!file) continue;
      out.files.push_back({UniquePath(taken, "documents", file->filename), std::move(file->content),
                           file->created_at});
    }
  }
  for (const auto& signature : t["signatures"]) {
    const long long quote_id = signature.value("quote_id", 0LL);
    auto record = files.SignatureOf(organization, quote_id);
    if (!record || record->image_png.empty()) continue;
    std::string number = "devis-" + std::to_string(quote_id);
    for (const auto& quote : t["quotes"]) {
      if (quote.value("id", 0LL) == quote_id && quote["number"].is_string()) {
        number = quote["number"].get<std::string>();
      }
    }
    out.files.push_back({UniquePath(taken, "signatures", "signature-" + number + ".png"),
                         std::move(record->image_png), record->signed_at});
  }
  for (const auto& payment : t["payments"]) {
    const long long payment_id = payment.value("id", 0LL);
    auto proof = files.PaymentProofOf(organization, payment_id);
    if (!proof) continue;
    out.files.push_back({UniquePath(taken, "payment-proofs",
                                    payment.value("number", std::string()) + "-" + proof->filename),
                         std::move(proof->content), payment.value("created_at", std::string())});
  }
  return out;
}

}  // namespace planify::store
