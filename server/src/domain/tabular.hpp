#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace planify::domain {

// Exports as tables (issue 17, docs/exports.md): a sheet is typed columns and rows of values,
// written as CSV here (pure text) or as .xlsx by integrations/xlsx. No I/O: the writer hands
// its text to a sink, chunk by chunk, so an export of any size streams.

enum class ColumnType {
  kText,
  kInteger,      // a count, a quantity, an id
  kMoneyCents,   // an integer number of cents, written as euros (123456 → 1234,56)
  kDate,         // "YYYY-MM-DD"
  kDateTime,     // "YYYY-MM-DDTHH:MM:SS[.mmm]Z", shown in the sheet's zone by the caller
  kBasisPoints,  // a rate: 2000 → 20 (percent), 550 → 5,5
  kThousandths   // a quantity in thousandths: 1500 → 1,5
};

struct Column {
  std::string header;
  ColumnType type = ColumnType::kText;
  double width = 14;  // in characters (the spreadsheet's column width)
};

// One cell: empty, text, or an integer (cents, basis points, counts). Dates are text in ISO form.
using CellValue = std::variant<std::monostate, std::string, std::int64_t>;
using Row = std::vector<CellValue>;

// What French Excel opens by a double click (UTF-8 with a BOM, ';' between fields, a decimal
// comma, dates as DD/MM/YYYY) or plain RFC 4180 (',' and a decimal point, ISO dates, no BOM).
enum class CsvDialect { kFrenchExcel, kRfc4180 };

// A text cell a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a
// carriage return) gets a leading apostrophe; anything else is returned unchanged. Applied to
// every text cell of a CSV export (OWASP "CSV injection").
[[nodiscard]] std::string NeutraliseFormula(std::string_view text);

// 123456 → "1234,56" (or "1234.56"); −5 → "-0,05". No thousands separator: spreadsheets read it
// as a number.
[[nodiscard]] std::string FormatCentsPlain(std::int64_t cents, char decimal_separator);
// 2000 → "20", 550 → "5,5", 1 → "0,01".
[[nodiscard]] std::string FormatBasisPointsPlain(std::int64_t bp, char decimal_separator);
// 1500 → "1,5", 2000 → "2", 1 → "0,001".
[[nodiscard]] std::string FormatThousandthsPlain(std::int64_t milli, char decimal_separator);

// Writes a CSV, one call per row; quoting as RFC 4180 (a field with the separator, a quote, CR
// or LF is quoted, quotes doubled), lines end with CRLF. `sink` receives the text as it is made.
class CsvWriter {
 public:
  CsvWriter(CsvDialect dialect, std::vector<Column> columns,
            std::function<void(std::string_view)> sink);

  // The header line (and the BOM first, for French Excel). Called once, before the rows.
  void WriteHeader();
  // A row with one value per column (missing values are empty); a value of the wrong kind for
  // its column is written as text.
  void WriteRow(const Row& row);
  [[nodiscard]] std::int64_t rows() const { return rows_; }

 private:
  void Field(std::string_view text, bool first);

  CsvDialect dialect_;
  std::vector<Column> columns_;
  std::function<void(std::string_view)> sink_;
  std::string line_;
  std::int64_t rows_ = 0;
};

}  // namespace planify::domain
