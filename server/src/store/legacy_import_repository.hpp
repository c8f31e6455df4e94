#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

struct LegacyImportRow {
  long long id = 0;
  OrganizationId organization{};
  std::string status;  // running, succeeded
  std::string source_filename;
  std::string started_at;
  std::string finished_at;  // "" while running
  std::string options;      // JSON
};

// Where one legacy table's import stands: rows up to `last_legacy_id` are done (imported,
// merged or skipped, with their notes), `counts` their tallies as JSON.
struct LegacyStepRow {
  std::string table;
  long long last_legacy_id = 0;
  bool done = false;
  std::string counts = "{}";
};

struct LegacyNoteRow {
  std::string table;
  std::optional<long long> legacy_id;
  std::string severity;  // info, warning, error
  std::string column;
  std::optional<std::string> raw;
  std::string message;
};

// What a legacy booking request says beyond its form (set after it is inserted).
struct LegacyBookingLinks {
  std::string reference;  // the legacy number, kept: "RES-20261124-001"
  std::string status;     // new, in_discussion, won, lost
  std::optional<long long> client;
  std::optional<long long> mission;
  std::optional<long long> proposed_user;
  std::optional<long long> accepted_by;
  std::string accepted_at;  // "" when none
  std::string search_text;  // folded, with the legacy number
};

// A legacy audit entry as Planify's audit log keeps it.
struct LegacyAuditEntry {
  std::optional<long long> actor_user;
  std::string actor_label;
  std::string action;  // "quote.created"
  std::string entity_type;
  std::string entity_id;  // "" when it could not be mapped
  std::string details;    // JSON
  std::string ip;
  std::string created_at;
};

// The import journal (legacy_imports, legacy_import_steps, legacy_import_notes), the legacy id
// map, and the few writes the feature repositories do not offer (a legacy row's own dates,
// status and password hash). Runs on the caller's lease and transaction.
class LegacyImportRepository {
 public:
  explicit LegacyImportRepository(Lease& lease) : lease_(lease) {}

  // The import of this file (by content), whatever its organisation (or only into `org`); the
  // newest.
  [[nodiscard]] std::optional<LegacyImportRow> FindBySource(
      const std::string& sha256, std::optional<OrganizationId> org = std::nullopt);
  [[nodiscard]] long long InsertImport(OrganizationId organization, const std::string& filename,
                                       const std::string& sha256, const std::string& options,
                                       std::optional<long long> started_by, const std::string& now);
  void FinishImport(long long import, const std::string& now);
  [[nodiscard]] std::vector<LegacyStepRow> Steps(long long import);
  void SaveStep(long long import, const LegacyStepRow& step);
  void AddNote(long long import, const LegacyNoteRow& note);
  [[nodiscard]] std::vector<LegacyNoteRow> Notes(long long import);

  [[nodiscard]] std::optional<long long> Mapped(OrganizationId organization,
                                                const std::string& legacy_table,
                                                long long legacy_id);
  void Map(OrganizationId organization, const std::string& legacy_table, long long legacy_id,
           long long new_id);

  // True when the organisation already holds business data (clients, missions, equipment,
  // quotes, invoices): an import into it must be asked for explicitly.
  [[nodiscard]] bool HasBusinessData(OrganizationId organization);
  [[nodiscard]] bool OrganizationExists(OrganizationId organization);
  [[nodiscard]] std::optional<long long> UserByEmail(const std::string& email);
  [[nodiscard]] std::optional<long long> UserByUsername(const std::string& username);
  // A user the import creates: the legacy login, hash (kept verbatim: werkzeug's format is
  // verified and re-hashed at the next sign-in) and dates.
  [[nodiscard]] long long InsertUser(const std::string& email, const std::string& display_name,
                                     const std::optional<std::string>& username,
                                     const std::optional<std::string>& password_hash,
                                     const std::optional<std::string>& disabled_at,
                                     const std::optional<std::string>& last_sign_in_at,
                                     const std::string& created_at);
  [[nodiscard]] std::optional<std::string> MembershipRole(OrganizationId organization,
                                                          long long user);
  void InsertMembership(OrganizationId organization, long long user, const std::string& role,
                        const std::string& created_at);
  // A row's creation and modification dates as the legacy app recorded them. `table` is one of
  // clients, missions, storage_sites, equipment_items.
  void SetDates(const std::string& table, OrganizationId organization, long long id,
                const std::string& created_at, const std::string& updated_at);
  // The legacy status as is (creation only takes the first ones): canceled and completed too.
  // The legacy hours equipment leaves before and comes back after a mission, in minutes.
  void SetEquipmentBuffers(OrganizationId organization, int prep_minutes, int return_minutes);
  void SetBookingLegacy(OrganizationId organization, long long request,
                        const LegacyBookingLinks& links);
  [[nodiscard]] long long InsertAudit(OrganizationId organization, const LegacyAuditEntry& entry);
  [[nodiscard]] bool RatingTokenTaken(const std::string& token_hash);
  [[nodiscard]] bool MissionRated(OrganizationId organization, long long mission);
  void SetMissionStatus(OrganizationId organization, long long mission, const std::string& status);

  // ---- documents
  // True when the organisation already has this number in `table` (quotes, invoices,
  // credit_notes, payments): an import into an organisation with its own documents.
  [[nodiscard]] bool NumberTaken(const std::string& table, OrganizationId organization,
                                 const std::string& number);
  // True when a quote or an invoice (`table`) of any organisation has this public link.
  [[nodiscard]] bool PublicTokenTaken(const std::string& table, const std::string& token_hash);
  // An issued credit note of the invoice was imported: its amount is credited.
  void AddInvoiceCredit(OrganizationId organization, long long invoice, long long cents);
  // What the invoice's payments say once they are all imported: amount paid, status, paid on.
  void SettleInvoice(OrganizationId organization, long long invoice, const std::string& status,
                     long long paid_cents, const std::string& paid_on);
  // Σ of the invoice's succeeded payments, less what was refunded of them.
  [[nodiscard]] long long SucceededPayments(OrganizationId organization, long long invoice);
  // How many payments (any status) are held on or were made against the quote.
  [[nodiscard]] long long QuotePayments(OrganizationId organization, long long quote);
  void LinkBookingQuote(OrganizationId organization, long long request, long long quote);
  // The numbering of `type` in `year` continues after `last` (never goes back).
  void RaiseSequence(OrganizationId organization, const std::string& type, int year, long long last,
                     const std::string& now);
  // legacy id → the amount an imported document carries, for the report's totals: `what` is
  // quotes.gross, invoices.gross, invoices.paid, credit_notes.gross or payments.amount.
  [[nodiscard]] std::unordered_map<long long, long long> ImportedAmounts(
      OrganizationId organization, const std::string& what);

 private:
  Lease& lease_;
};

}  // namespace planify::store
