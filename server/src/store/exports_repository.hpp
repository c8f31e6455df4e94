#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/ids.hpp"
#include "domain/tabular.hpp"
#include "store/database.hpp"

namespace planify::store {

// What an export's period filter applies to: a calendar day column (issue date, payment day) or
// an instant (a mission's start, a movement), or nothing (the equipment list).
enum class ExportPeriod { kNone, kDay, kInstant };

// One column of an exported sheet: its header, type and width, and the SQL expression that
// fills it (over the sheet's FROM clause; LISTAGG( stands for the dialect's string aggregate).
struct ExportField {
  std::string header;
  domain::ColumnType type = domain::ColumnType::kText;
  double width = 14;
  std::string sql;
  bool json_list = false;  // a JSON array of strings (tags), written "a, b"
};

// An exportable entity (docs/exports.md): its sheet and how the list filters apply to it.
struct ExportSheet {
  std::string key;    // "invoices", the API's name
  std::string title;  // "Factures", the sheet's name
  std::string slug;   // "factures", in the file's name
  std::vector<ExportField> fields;
  std::string from;    // FROM clause, the main table aliased
  std::string id;      // the main table's id (keyset order)
  std::string org;     // the main table's organization_id
  std::string period;  // expression the period filter compares ("" = none)
  ExportPeriod period_kind = ExportPeriod::kNone;
  std::string status;  // expression the status filter compares ("" = none)
  // The values it may take, each with its French label (as the sheet writes it).
  std::vector<std::pair<std::string, std::string>> statuses;
  std::string client;  // expression the client filter compares ("" = none)
  std::string where;   // a condition every row meets ("" = none)

  [[nodiscard]] std::vector<domain::Column> Columns() const;
};

// Every exportable entity, in the order of a full export's sheets.
[[nodiscard]] const std::vector<ExportSheet>& ExportSheets();
[[nodiscard]] const ExportSheet* FindExportSheet(std::string_view key);

// The list filters, already checked: days "YYYY-MM-DD" (inclusive) for day periods, UTC
// instants [from, to) for instant periods; "" = open.
struct ExportQuery {
  std::string from;
  std::string to;
  std::vector<std::string> statuses;
  std::optional<long long> client_id;
};

struct ExportRecord {
  long long id = 0;
  std::optional<UserId> requested_by;
  std::string requested_by_name;
  std::string entity;
  std::string format;  // csv, csv_rfc, xlsx
  std::string filters_json = "{}";
  std::string status;  // queued, running, ready, failed
  long long rows_total = 0;
  long long rows_done = 0;
  std::string filename;
  std::string content_type;
  long long size_bytes = 0;
  std::string sha256;
  std::string error;
  std::string created_at;
  std::string finished_at;
  std::string expires_at;
};

// Exported rows and the files made of them, always within one organisation; runs on the
// caller's lease (and transaction, when there is one).
class ExportsRepository {
 public:
  explicit ExportsRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] long long Count(OrganizationId org, const ExportSheet& sheet,
                                const ExportQuery& query);
  // Up to `limit` rows with an id above `after`, in id order, handed to `fn` one by one, each
  // with one value per field (dates and instants as ISO text, NULL as empty). Returns the last
  // id handed (0 when none): the next page starts after it.
  long long Page(OrganizationId org, const ExportSheet& sheet, const ExportQuery& query,
                 long long after, int limit, const std::function<void(domain::Row&&)>& fn);

  [[nodiscard]] long long Insert(OrganizationId org, const ExportRecord& record);
  [[nodiscard]] std::optional<ExportRecord> Find(OrganizationId org, long long id);
  // The newest first.
  [[nodiscard]] std::vector<ExportRecord> List(OrganizationId org, int limit);
  void Start(OrganizationId org, long long id, long long rows_total);
  void Progress(OrganizationId org, long long id, long long rows_done);
  void AddChunk(OrganizationId org, long long id, int seq, const std::string& bytes);
  void ClearChunks(OrganizationId org, long long id);
  // The piece `seq` of the file, raw bytes; nullopt past the end.
  [[nodiscard]] std::optional<std::string> Chunk(OrganizationId org, long long id, int seq);
  void Finish(OrganizationId org, long long id, long long rows, long long size_bytes,
              const std::string& sha256, const std::string& now);
  void MarkFailed(OrganizationId org, long long id, const std::string& error,
                  const std::string& now);
  // Deletes every export whose expiry has passed (their pieces go with them); how many.
  long long PurgeExpired(const std::string& now);

 private:
  Lease& lease_;
};

}  // namespace planify::store
