#include "store/legacy_import_repository.hpp"

#include <array>

#include "store/sql_params.hpp"

namespace planify::store {

namespace {

std::string Text(const soci::row& row, std::size_t column) {
  return row.get_indicator(column) == soci::i_null ? std::string() : row.get<std::string>(column);
}

// The one integer a query answers (0 when it answers none).
long long Scalar(Lease& lease, SqlParams& params, const std::string& sql) {
  long long value = 0;
  params.ForEachRow(lease, sql, [&](const soci::row& row) { value = GetInt64(row, 0); });
  return value;
}

}  // namespace

std::optional<LegacyImportRow> LegacyImportRepository::FindBySource(
    const std::string& sha256, std::optional<OrganizationId> org) {
  std::optional<LegacyImportRow> found;
  SqlParams p;
  p.Text("sha", sha256).Int("org", org ? org->value : 0).Int("org2", org ? org->value : 0);
  p.ForEachRow(lease_,
               "SELECT id, organization_id, status, source_filename, CAST(started_at AS TEXT), "
               "CAST(finished_at AS TEXT), options "
               "FROM legacy_imports WHERE source_sha256 = :sha AND (:org = 0 OR organization_id "
               "= :org2) ORDER BY id DESC LIMIT 1",
               [&](const soci::row& row) {
                 found = LegacyImportRow{GetInt64(row, 0),
                                         OrganizationId{GetInt64(row, 1)},
                                         Text(row, 2),
                                         Text(row, 3),
                                         NormalizeTimestamp(Text(row, 4)),
                                         row.get_indicator(5) == soci::i_null
                                             ? std::string()
                                             : NormalizeTimestamp(Text(row, 5)),
                                         Text(row, 6)};
               });
  return found;
}

long long LegacyImportRepository::InsertImport(
    OrganizationId organization, const std::string& filename, const std::string& sha256,
    const std::string& options, std::optional<long long> started_by, const std::string& now) {
  SqlParams p;
  p.Int("org", organization.value)
      .Text("file", filename)
      .Text("sha", sha256)
      .Text("options", options)
      .IntOrNull("by", started_by)
      .Text("now", now);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO legacy_imports (organization_id, source_filename, source_sha256, status, "
            "options, started_by_user_id, started_at) VALUES (:org, :file, :sha, 'running', "
            ":options, :by, :now) RETURNING id",
            &id);
  return id;
}

void LegacyImportRepository::FinishImport(long long import, const std::string& now) {
  SqlParams p;
  p.Int("id", import).Text("now", now);
  p.Execute(lease_,
            "UPDATE legacy_imports SET status = 'succeeded', finished_at = :now WHERE id = :id");
}

std::vector<LegacyStepRow> LegacyImportRepository::Steps(long long import) {
  std::vector<LegacyStepRow> steps;
  SqlParams p;
  p.Int("id", import);
  p.ForEachRow(
      lease_,
      "SELECT legacy_table, last_legacy_id, done, counts FROM legacy_import_steps "
      "WHERE import_id = :id",
      [&](const soci::row& row) {
        steps.push_back({Text(row, 0), GetInt64(row, 1), GetInt64(row, 2) != 0, Text(row, 3)});
      });
  return steps;
}

void LegacyImportRepository::SaveStep(long long import, const LegacyStepRow& step) {
  SqlParams p;
  p.Int("id", import)
      .Text("tbl", step.table)
      .Int("last", step.last_legacy_id)
      .Int("done", step.done ? 1 : 0)
      .Text("counts", step.counts);
  p.Execute(lease_,
            "INSERT INTO legacy_import_steps (import_id, legacy_table, last_legacy_id, done, "
            "counts) VALUES (:id, :tbl, :last, :done, :counts) ON CONFLICT (import_id, "
            "legacy_table) DO UPDATE SET last_legacy_id = excluded.last_legacy_id, done = "
            "excluded.done, counts = excluded.counts");
}

void LegacyImportRepository::AddNote(long long import, const LegacyNoteRow& note) {
  SqlParams p;
  p.Int("id", import)
      .Text("tbl", note.table)
      .IntOrNull("legacy", note.legacy_id)
      .Text("severity", note.severity)
      .Text("col", note.column)
      .Text("message", note.message);
  if (note.raw) {
    p.Text("raw", *note.raw);
  } else {
    p.TextOrNull("raw", "");
  }
  p.Execute(lease_,
            "INSERT INTO legacy_import_notes (import_id, legacy_table, legacy_id, severity, "
            "legacy_column, raw_value, message) VALUES (:id, :tbl, :legacy, :severity, :col, "
            ":raw, :message)");
}

std::vector<LegacyNoteRow> LegacyImportRepository::Notes(long long import) {
  std::vector<LegacyNoteRow> notes;
  SqlParams p;
  p.Int("id", import);
  p.ForEachRow(lease_,
               "SELECT legacy_table, legacy_id, severity, legacy_column, raw_value, message FROM "
               "legacy_import_notes WHERE import_id = :id ORDER BY id",
               [&](const soci::row& row) {
                 LegacyNoteRow note;
                 note.table = Text(row, 0);
                 if (row.get_indicator(1) != soci::i_null) note.legacy_id = GetInt64(row, 1);
                 note.severity = Text(row, 2);
                 note.column = Text(row, 3);
                 if (row.get_indicator(4) != soci::i_null) note.raw = Text(row, 4);
                 note.message = Text(row, 5);
                 notes.push_back(std::move(note));
               });
  return notes;
}

std::optional<long long> LegacyImportRepository::Mapped(OrganizationId organization,
                                                        const std::string& legacy_table,
                                                        long long legacy_id) {
  std::optional<long long> found;
  SqlParams p;
  p.Int("org", organization.value).Text("tbl", legacy_table).Int("old", legacy_id);
  p.ForEachRow(lease_,
               "SELECT new_id FROM legacy_id_map WHERE organization_id = :org AND legacy_table = "
               ":tbl AND legacy_id = :old",
               [&](const soci::row& row) { found = GetInt64(row, 0); });
  return found;
}

void LegacyImportRepository::Map(OrganizationId organization, const std::string& legacy_table,
                                 long long legacy_id, long long new_id) {
  SqlParams p;
  p.Int("org", organization.value)
      .Text("tbl", legacy_table)
      .Int("old", legacy_id)
      .Int("new", new_id);
  p.Execute(lease_,
            "INSERT INTO legacy_id_map (organization_id, legacy_table, legacy_id, new_id) VALUES "
            "(:org, :tbl, :old, :new)");
}

bool LegacyImportRepository::HasBusinessData(OrganizationId organization) {
  bool any = false;
  for (const char* table : {"clients", "missions", "equipment_items", "quotes", "invoices"}) {
    SqlParams p;
    p.Int("org", organization.value);
    p.ForEachRow(lease_,
                 std::string("SELECT 1 FROM ") + table + " WHERE organization_id = :org LIMIT 1",
                 [&](const soci::row&) { any = true; });
    if (any) return true;
  }
  return false;
}

bool LegacyImportRepository::OrganizationExists(OrganizationId organization) {
  bool found = false;
  SqlParams p;
  p.Int("org", organization.value);
  p.ForEachRow(lease_, "SELECT 1 FROM organizations WHERE id = :org",
               [&](const soci::row&) { found = true; });
  return found;
}

std::optional<long long> LegacyImportRepository::UserByEmail(const std::string& email) {
  std::optional<long long> found;
  SqlParams p;
  p.Text("email", email);
  p.ForEachRow(lease_, "SELECT id FROM users WHERE email = :email",
               [&](const soci::row& row) { found = GetInt64(row, 0); });
  return found;
}

std::optional<long long> LegacyImportRepository::UserByUsername(const std::string& username) {
  std::optional<long long> found;
  SqlParams p;
  p.Text("name", username);
  p.ForEachRow(lease_, "SELECT id FROM users WHERE username = :name",
               [&](const soci::row& row) { found = GetInt64(row, 0); });
  return found;
}

long long LegacyImportRepository::InsertUser(const std::string& email,
                                             const std::string& display_name,
                                             const std::optional<std::string>& username,
                                             const std::optional<std::string>& password_hash,
                                             const std::optional<std::string>& disabled_at,
                                             const std::optional<std::string>& last_sign_in_at,
                                             const std::string& created_at) {
  SqlParams p;
  p.Text("email", email)
      .Text("name", display_name)
      .TextOrNull("username", username.value_or(""))
      .TextOrNull("hash", password_hash.value_or(""))
      .TextOrNull("disabled", disabled_at.value_or(""))
      .TextOrNull("last", last_sign_in_at.value_or(""))
      .Text("created", created_at)
      .Text("updated", created_at);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO users (email, display_name, username, password_hash, disabled_at, "
            "last_sign_in_at, created_at, updated_at) VALUES (:email, :name, :username, :hash, "
            ":disabled, :last, :created, :updated) RETURNING id",
            &id);
  return id;
}

std::optional<std::string> LegacyImportRepository::MembershipRole(OrganizationId organization,
                                                                  long long user) {
  std::optional<std::string> role;
  SqlParams p;
  p.Int("org", organization.value).Int("user", user);
  p.ForEachRow(lease_,
               "SELECT role FROM memberships WHERE organization_id = :org AND user_id = :user",
               [&](const soci::row& row) { role = Text(row, 0); });
  return role;
}

void LegacyImportRepository::InsertMembership(OrganizationId organization, long long user,
                                              const std::string& role,
                                              const std::string& created_at) {
  SqlParams p;
  p.Int("org", organization.value)
      .Int("user", user)
      .Text("role", role)
      .Text("at", created_at)
      .Text("at2", created_at);
  p.Execute(lease_,
            "INSERT INTO memberships (organization_id, user_id, role, created_at, updated_at) "
            "VALUES (:org, :user, :role, :at, :at2)");
}

void LegacyImportRepository::SetDates(const std::string& table, OrganizationId organization,
                                      long long id, const std::string& created_at,
                                      const std::string& updated_at) {
  static constexpr std::array<const char*, 4> kTables{"clients", "missions", "storage_sites",
                                                      "equipment_items"};
  bool known = false;
  for (const char* t : kTables) known = known || table == t;
  if (!known) return;
  SqlParams p;
  p.Int("org", organization.value)
      .Int("id", id)
      .Text("created", created_at)
      .Text("updated", updated_at);
  p.Execute(lease_, "UPDATE " + table +
                        " SET created_at = :created, updated_at = :updated WHERE organization_id "
                        "= :org AND id = :id");
}

void LegacyImportRepository::SetEquipmentBuffers(OrganizationId organization, int prep_minutes,
                                                 int return_minutes) {
  SqlParams p;
  p.Int("org", organization.value).Int("prep", prep_minutes).Int("back", return_minutes);
  p.Execute(lease_,
            "UPDATE organizations SET equipment_prep_minutes = :prep, equipment_return_minutes = "
            ":back WHERE id = :org");
}

void LegacyImportRepository::SetBookingLegacy(OrganizationId organization, long long request,
                                              const LegacyBookingLinks& links) {
  SqlParams p;
  p.Int("org", organization.value)
      .Int("id", request)
      .Text("ref", links.reference)
      .Text("status", links.status)
      .IntOrNull("client", links.client)
      .IntOrNull("mission", links.mission)
      .IntOrNull("proposed", links.proposed_user)
      .IntOrNull("by", links.accepted_by)
      .TextOrNull("at", links.accepted_at)
      .Text("search", links.search_text);
  p.Execute(lease_,
            "UPDATE booking_requests SET reference = :ref, status = :status, client_id = :client, "
            "mission_id = :mission, proposed_user_id = :proposed, accepted_by_user_id = :by, "
            "accepted_at = :at, search_text = :search WHERE organization_id = :org AND id = :id");
}

long long LegacyImportRepository::InsertAudit(OrganizationId organization,
                                              const LegacyAuditEntry& entry) {
  SqlParams p;
  p.Int("org", organization.value)
      .IntOrNull("actor", entry.actor_user)
      .Text("label", entry.actor_label)
      .Text("action", entry.action)
      .Text("type", entry.entity_type)
      .Text("entity", entry.entity_id)
      .Text("details", entry.details)
      .Text("ip", entry.ip)
      .Text("at", entry.created_at);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO audit_log (organization_id, actor_user_id, actor_label, action, "
            "entity_type, entity_id, details, ip, created_at) VALUES (:org, :actor, :label, "
            ":action, :type, :entity, :details, :ip, :at) RETURNING id",
            &id);
  return id;
}

bool LegacyImportRepository::RatingTokenTaken(const std::string& token_hash) {
  bool found = false;
  SqlParams p;
  p.Text("hash", token_hash);
  p.ForEachRow(lease_, "SELECT 1 FROM mission_ratings WHERE token_hash = :hash",
               [&](const soci::row&) { found = true; });
  return found;
}

bool LegacyImportRepository::MissionRated(OrganizationId organization, long long mission) {
  bool found = false;
  SqlParams p;
  p.Int("org", organization.value).Int("mission", mission);
  p.ForEachRow(lease_,
               "SELECT 1 FROM mission_ratings WHERE organization_id = :org AND mission_id = "
               ":mission",
               [&](const soci::row&) { found = true; });
  return found;
}

void LegacyImportRepository::SetMissionStatus(OrganizationId organization, long long mission,
                                              const std::string& status) {
  SqlParams p;
  p.Int("org", organization.value).Int("id", mission).Text("status", status);
  p.Execute(lease_,
            "UPDATE missions SET status = :status WHERE organization_id = :org AND id = :id");
}

bool LegacyImportRepository::NumberTaken(const std::string& table, OrganizationId organization,
                                         const std::string& number) {
  static constexpr std::array<const char*, 4> kTables{"quotes", "invoices", "credit_notes",
                                                      "payments"};
  bool known = false;
  for (const char* t : kTables) known = known || table == t;
  if (!known) return false;
  bool found = false;
  SqlParams p;
  p.Int("org", organization.value).Text("number", number);
  p.ForEachRow(lease_,
               "SELECT 1 FROM " + table + " WHERE organization_id = :org AND number = :number",
               [&](const soci::row&) { found = true; });
  return found;
}

bool LegacyImportRepository::PublicTokenTaken(const std::string& table,
                                              const std::string& token_hash) {
  if (table != "quotes" && table != "invoices") return false;
  bool found = false;
  SqlParams p;
  p.Text("hash", token_hash);
  p.ForEachRow(lease_, "SELECT 1 FROM " + table + " WHERE public_token_hash = :hash",
               [&](const soci::row&) { found = true; });
  return found;
}

void LegacyImportRepository::AddInvoiceCredit(OrganizationId organization, long long invoice,
                                              long long cents) {
  SqlParams p;
  p.Int("org", organization.value).Int("id", invoice).Int("cents", cents);
  p.Execute(lease_,
            "UPDATE invoices SET amount_credited_cents = amount_credited_cents + :cents WHERE "
            "organization_id = :org AND id = :id");
}

void LegacyImportRepository::SettleInvoice(OrganizationId organization, long long invoice,
                                           const std::string& status, long long paid_cents,
                                           const std::string& paid_on) {
  SqlParams p;
  p.Int("org", organization.value)
      .Int("id", invoice)
      .Text("status", status)
      .Int("paid", paid_cents)
      .TextOrNull("paid_on", paid_on);
  p.Execute(lease_,
            "UPDATE invoices SET status = :status, amount_paid_cents = :paid, paid_on = :paid_on "
            "WHERE organization_id = :org AND id = :id");
}

long long LegacyImportRepository::SucceededPayments(OrganizationId organization,
                                                    long long invoice) {
  SqlParams p;
  p.Int("org", organization.value).Int("id", invoice);
  return Scalar(lease_, p,
                "SELECT COALESCE(SUM(amount_cents - refunded_cents), 0) FROM payments WHERE "
                "organization_id = :org AND invoice_id = :id AND status = 'succeeded'");
}

long long LegacyImportRepository::QuotePayments(OrganizationId organization, long long quote) {
  SqlParams p;
  p.Int("org", organization.value).Int("id", quote);
  return Scalar(lease_, p,
                "SELECT COUNT(*) FROM payments WHERE organization_id = :org AND quote_id = :id");
}

void LegacyImportRepository::LinkBookingQuote(OrganizationId organization, long long request,
                                              long long quote) {
  SqlParams p;
  p.Int("org", organization.value).Int("id", request).Int("quote", quote);
  p.Execute(lease_,
            "UPDATE booking_requests SET quote_id = :quote WHERE organization_id = :org AND id = "
            ":id");
}

void LegacyImportRepository::RaiseSequence(OrganizationId organization, const std::string& type,
                                           int year, long long last, const std::string& now) {
  std::optional<long long> current;
  SqlParams find;
  find.Int("org", organization.value).Text("type", type).Int("year", year);
  find.ForEachRow(lease_,
                  "SELECT last_number FROM document_sequences WHERE organization_id = :org AND "
                  "document_type = :type AND year = :year",
                  [&](const soci::row& row) { current = GetInt64(row, 0); });
  SqlParams p;
  p.Int("org", organization.value)
      .Text("type", type)
      .Int("year", year)
      .Int("last", last)
      .Text("now", now);
  if (!current) {
    p.Execute(lease_,
              "INSERT INTO document_sequences (organization_id, document_type, year, last_number, "
              "created_at, updated_at) VALUES (:org, :type, :year, :last, :now, :now)");
  } else if (*current < last) {
    p.Execute(lease_,
              "UPDATE document_sequences SET last_number = :last, updated_at = :now WHERE "
              "organization_id = :org AND document_type = :type AND year = :year");
  }
}

std::unordered_map<long long, long long> LegacyImportRepository::ImportedAmounts(
    OrganizationId organization, const std::string& what) {
  struct Source {
    const char* what;
    const char* legacy_table;
    const char* table;
    const char* column;
  };
  static constexpr std::array<Source, 5> kSources{
      Source{"quotes.gross", "devis", "quotes", "total_gross_cents"},
      Source{"invoices.gross", "factures", "invoices", "total_gross_cents"},
      Source{"invoices.paid", "factures", "invoices", "amount_paid_cents"},
      Source{"credit_notes.gross", "avoirs", "credit_notes", "total_gross_cents"},
      Source{"payments.amount", "paiements", "payments", "amount_cents"}};
  std::unordered_map<long long, long long> out;
  for (const auto& source : kSources) {
    if (what != source.what) continue;
    std::string sql = "SELECT m.legacy_id, d.";
    sql.append(source.column).append(" FROM legacy_id_map m JOIN ").append(source.table);
    sql.append(
        " d ON d.organization_id = m.organization_id AND d.id = m.new_id WHERE "
        "m.organization_id = :org AND m.legacy_table = :legacy");
    SqlParams p;
    p.Int("org", organization.value).Text("legacy", source.legacy_table);
    p.ForEachRow(lease_, sql,
                 [&](const soci::row& row) { out[GetInt64(row, 0)] = GetInt64(row, 1); });
  }
  return out;
}

}  // namespace planify::store
