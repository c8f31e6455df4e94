#pragma once

// The legacy importer's machinery, shared by its two source files: legacy_import.cpp (the run,
// the journal, settings, people, equipment, missions, requests, ratings, audit) and
// legacy_documents.cpp (quotes, invoices, credit notes, payments, numbering, pricing grid).
// Internal to app/legacy: the interface is legacy_import.hpp.

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/legacy/legacy_import.hpp"
#include "domain/legacy_values.hpp"
#include "domain/missions.hpp"
#include "integrations/archive/zip_reader.hpp"
#include "integrations/legacy/legacy_db.hpp"
#include "store/billing_repository.hpp"
#include "store/database.hpp"
#include "store/legacy_import_repository.hpp"

namespace planify::app::legacy {

using integrations::LegacyDb;
using integrations::LegacyRow;

inline constexpr const char* kParis = "Europe/Paris";

// At most `max_chars` UTF-8 characters of `text`.
[[nodiscard]] std::string Utf8Prefix(const std::string& text, std::size_t max_chars);

enum class Outcome { kImported, kMerged, kSkipped };

// A materiel_presta row, kept for its mission's or request's step: the three columns used, read
// like a LegacyRow (150,000 full rows would hold every column's text).
class EquipmentLine {
 public:
  explicit EquipmentLine(const LegacyRow& row)
      : id_(row.Int("id")),
        item_(row.Int("materiel_id")),
        quantity_(row.Int("quantite")),
        raw_item_(row.Raw("materiel_id")),
        raw_quantity_(row.Raw("quantite")) {}
  [[nodiscard]] std::optional<long long> Int(std::string_view column) const {
    return column == "id" ? id_ : column == "materiel_id" ? item_ : quantity_;
  }
  [[nodiscard]] const std::string& Raw(std::string_view column) const {
    return column == "materiel_id" ? raw_item_ : raw_quantity_;
  }

 private:
  std::optional<long long> id_;
  std::optional<long long> item_;
  std::optional<long long> quantity_;
  std::string raw_item_;
  std::string raw_quantity_;
};

class Importer {
 public:
  Importer(store::Database& db, const LegacyImportRequest& request, LegacyDb legacy,
           std::optional<integrations::ZipReader> zip = std::nullopt)
      : db_(db), request_(request), legacy_(std::move(legacy)), zip_(std::move(zip)) {
    FindZipRoot();
  }

  Result<LegacyImportReport> Run();

 private:
  // ---- journal and batches
  Result<void> Begin();
  void Checkpoint(const std::string& table, long long last_id, bool done);
  void Commit();
  LegacyTableReport& Counts(const std::string& table);
  // `rows` rows of a table that come with another's row (contacts, equipment lines), all with
  // their row's outcome.
  void Tally(const std::string& table, Outcome outcome, std::size_t rows);
  void Note(const std::string& severity, const std::string& table, std::optional<long long> id,
            const std::string& column, std::optional<std::string> raw, const std::string& message);
  Result<void> Table(const std::string& table,
                     const std::function<Outcome(const LegacyRow&, long long)>& row);
  void Progress(const std::string& table, long long done);

  // ---- table steps
  Outcome Settings(const LegacyRow& row, long long id);
  // The organisation's custom mission fields, read once.
  const std::vector<domain::CustomFieldDefinition>& Definitions();
  void ImportFieldDefinitions(const std::string& json, long long id);
  // A secret as the legacy app stored it: "enc:<Fernet>" opened with the legacy key, or plain.
  std::optional<std::string> Secret(const LegacyRow& row, const std::string& column,
                                    const std::string& table, long long id);
  Outcome User(const LegacyRow& row, long long id);
  Outcome Dj(const LegacyRow& row, long long id);
  Outcome Local(const LegacyRow& row, long long id);
  Outcome Client(const LegacyRow& row, long long id);
  Outcome Item(const LegacyRow& row, long long id);
  Outcome Mission(const LegacyRow& row, long long id);
  Outcome Movement(const LegacyRow& row, long long id);
  Outcome Booking(const LegacyRow& row, long long id);
  Outcome Audit(const LegacyRow& row, long long id);
  Outcome Rating(const LegacyRow& row, long long id);
  // ---- files (legacy_files.cpp)
  // The bytes of a file the legacy database names (`value`, under --files), at most
  // `max_bytes`; nullopt, with a note, when there is no --files (directory or archive), the path
  // leaves the directory, or the file is missing, empty or too large.
  std::optional<std::string> LegacyFile(const std::string& table, long long id,
                                        const std::string& column, const std::string& value,
                                        std::size_t max_bytes);
  // The same from the archive (files_zip): the entry at `relative` under the archive's root,
  // uploads/, static/ or static/uploads/.
  std::optional<std::string> ZipFile(const std::string& table, long long id,
                                     const std::string& column, const std::string& value,
                                     const std::string& relative, std::size_t max_bytes);
  void FindZipRoot();
  void ImportLogo(long long id, const std::string& value);
  // `created`: the import made the account (an existing one keeps its own photo).
  void ImportAvatar(long long id, long long user, bool created, const std::string& value);
  void ImportProof(long long id, long long payment, const std::string& value);

  // ---- documents (legacy_documents.cpp)
  Outcome Quote(const LegacyRow& row, long long id);
  Outcome Invoice(const LegacyRow& row, long long id);
  Outcome CreditNote(const LegacyRow& row, long long id);
  Outcome Payment(const LegacyRow& row, long long id);
  Outcome PricingRule(const LegacyRow& row, long long id);
  // What quotes and invoices share: number, client snapshot, links, service dates, lines and
  // totals (the issued amounts kept, the lines rebuilt). False: the row is not imported (said).
  bool Document(const LegacyRow& row, const std::string& table, long long id,
                store::DocumentRecord& doc);
  // The numbering continues after the highest legacy number of each series and year.
  Result<void> Sequences();
  // Once payments are in: each invoice's paid amount and status from its payments, a payment
  // for what the legacy app counted as paid without one, deposits paid on quotes likewise.
  Result<void> Settle();
  // The report's sums of money, legacy vs imported, per legacy row.
  void Totals();
  [[nodiscard]] bool Franchise();
  // The row's `statut` as Planify's (`absent` when NULL); unknown: `fallback`, with a warning.
  [[nodiscard]] std::string StatusOf(const LegacyRow& row, const std::string& table, long long id,
                                     domain::LegacyEntity entity, const char* absent,
                                     const char* fallback, const char* unknown);
  // `base`, or `base-<legacy id>[-n]` when the organisation already has that payment number.
  [[nodiscard]] std::string FreeNumber(const std::string& base, long long id);
  // The stored hash of a public link the legacy app sent (its quote's or invoice's token).
  [[nodiscard]] std::string LinkHash(const std::string& table, long long id,
                                     const std::string& token);

  Result<void> Preload();
  // The contacts and equipment lines whose client or mission is not in the legacy file, and
  // the lines held by booking requests: counted and said, once.
  Result<void> Orphans();
  // What the dropped sync tables say about data that may live elsewhere.
  void SyncWarnings(const std::string& table);

  // legacy_id_map, remembered for the run (every lookup of a mission's DJ, client, items…).
  Outcome DjProfile(const LegacyRow& row, long long id);
  Outcome UserAsProfile(const LegacyRow& row, long long id, const std::string& email,
                        const std::string& role);
  [[nodiscard]] std::optional<long long> UserCrew(std::optional<long long> legacy_user);
  // A legacy DJ's crew id: their member's user id, or their crew profile's (negated).
  [[nodiscard]] std::optional<long long> DjCrew(std::optional<long long> legacy_dj);
  [[nodiscard]] std::optional<long long> Mapped(const std::string& table,
                                                std::optional<long long> legacy_id);
  void MapId(const std::string& table, long long legacy_id, long long new_id);
  [[nodiscard]] std::string Stamp(const LegacyRow& row, const std::string& column,
                                  const std::string& table, long long id);
  [[nodiscard]] bool TestRow(const std::string& table, long long id, const std::string& label);

  store::Database& db_;
  const LegacyImportRequest& request_;
  LegacyDb legacy_;
  std::optional<integrations::ZipReader> zip_;  // the static/ folder as an archive (files_zip)
  std::string zip_root_;  // "name/" when every entry of the archive is inside one folder
  // Bytes inflated from the archive so far, and how many it may give in all: each reference in
  // the legacy file reads its entry again (stored again), so a small archive named by thousands
  // of rows is bounded as a whole, not only per entry.
  std::size_t zip_read_ = 0;
  std::size_t zip_budget_ = 0;
  std::optional<store::Lease> lease_;
  std::optional<store::WriteTransaction> tx_;
  OrganizationId org_{};
  long long import_ = 0;
  std::string now_;
  bool new_organization_ = false;
  std::optional<long long> owner_candidate_;  // the lowest-id active legacy admin
  std::map<std::string, store::LegacyStepRow> steps_;
  std::map<std::string, LegacyTableReport> counts_;
  std::set<std::string> dirty_;
  std::map<std::string, std::unordered_map<long long, long long>> mapped_;
  bool fresh_ = false;  // a new organisation and no earlier run: the map is what this run wrote
  std::map<std::string, long long> done_before_;  // rows an earlier run of this import handled
  long long in_batch_ = 0;
  LegacyImportReport report_;

  // Read once from the legacy file: rows other tables' steps attach to theirs.
  std::map<long long, std::vector<LegacyRow>> contacts_by_client_;
  std::map<long long, std::vector<EquipmentLine>> lines_by_mission_;
  std::map<long long, std::vector<EquipmentLine>> lines_by_booking_;  // gear a request holds
  std::set<long long> legacy_bookings_;
  std::map<long long, std::string> title_by_mission_;  // the lowest-id quote's title
  std::map<long long, bool> company_client_;
  std::optional<std::vector<domain::CustomFieldDefinition>> definitions_;
  std::set<long long> legacy_clients_;
  std::set<long long> legacy_missions_;
  std::map<long long, std::string> siren_by_client_;
  std::map<long long, long long> booking_by_quote_;  // legacy devis id → reservation id
  std::optional<bool> franchise_;
};

}  // namespace planify::app::legacy
