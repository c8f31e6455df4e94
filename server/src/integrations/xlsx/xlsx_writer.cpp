#include "integrations/xlsx/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <optional>

namespace planify::integrations {

namespace {

// Excel keeps at most 32,767 characters in a cell; longer text is cut (on a UTF-8 boundary).
std::string CellText(const std::string& text) {
  constexpr std::size_t kMax = 32767;
  if (text.size() <= kMax) return text;
  std::size_t end = kMax;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

int Digits(const std::string& s, std::size_t at, std::size_t n) {
  int value = -1;
  if (at + n > s.size()) return -1;
  auto [ptr, ec] = std::from_chars(s.data() + at, s.data() + at + n, value);
  return ec == std::errc() && ptr == s.data() + at + n ? value : -1;
}

// "YYYY-MM-DD[THH:MM[:SS]]" → a date and time for the sheet, or nothing when it is not one.
std::optional<lxw_datetime> ParseDateTime(const std::string& s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  lxw_datetime dt{};
  dt.year = Digits(s, 0, 4);
  dt.month = Digits(s, 5, 2);
  dt.day = Digits(s, 8, 2);
  if (dt.year < 1900 || dt.month < 1 || dt.month > 12 || dt.day < 1 || dt.day > 31) {
    return std::nullopt;
  }
  if (s.size() >= 16 && (s[10] == 'T' || s[10] == ' ')) {
    dt.hour = std::max(0, Digits(s, 11, 2));
    dt.min = std::max(0, Digits(s, 14, 2));
    if (s.size() >= 19) dt.sec = std::max(0, Digits(s, 17, 2));
  }
  return dt;
}

Result<void> Check(lxw_error error, const char* what) {
  if (error == LXW_NO_ERROR) return {};
  return Fail(ErrorCode::kInternal, std::string(what) + ": " + lxw_strerror(error));
}

}  // namespace

std::string SheetName(const std::string& name) {
  std::string out;
  for (char c : name) {
    out += (c == '[' || c == ']' || c == ':' || c == '*' || c == '?' || c == '/' || c == '\\') ? '-'
                                                                                               : c;
  }
  while (!out.empty() && out.front() == '\'') out.erase(out.begin());
  // 31 characters (code points, not bytes).
  std::size_t characters = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if ((static_cast<unsigned char>(out[i]) & 0xC0) != 0x80 && ++characters > 31) {
      out.resize(i);
      break;
    }
  }
  while (!out.empty() && out.back() == '\'') out.pop_back();
  return out.empty() ? "Feuille" : out;
}

XlsxWriter::XlsxWriter(lxw_workbook* workbook) : workbook_(workbook) {
  header_ = workbook_add_format(workbook_);
  format_set_bold(header_);
  money_ = workbook_add_format(workbook_);
  format_set_num_format(money_, "#,##0.00\\ \"€\"");
  date_ = workbook_add_format(workbook_);
  format_set_num_format(date_, "dd/mm/yyyy");
  datetime_ = workbook_add_format(workbook_);
  format_set_num_format(datetime_, "dd/mm/yyyy hh:mm");
}

XlsxWriter::~XlsxWriter() {
  // Not closed (an error on the way): free the workbook; the partial file is the caller's.
  if (workbook_ != nullptr) workbook_close(workbook_);
}

Result<std::unique_ptr<XlsxWriter>> XlsxWriter::Create(const std::string& path,
                                                       const std::string& tmpdir) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.use_zip64 = LXW_TRUE;
  std::string dir = tmpdir;
  options.tmpdir = dir.empty() ? nullptr : dir.data();
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  if (workbook == nullptr) {
    return Fail(ErrorCode::kInternal, "cannot create the workbook " + path);
  }
  auto writer = std::unique_ptr<XlsxWriter>(new XlsxWriter(workbook));
  writer->tmpdir_ = std::move(dir);
  return writer;
}

void XlsxWriter::FinishSheet() {
  if (sheet_ == nullptr || columns_.empty()) return;
  worksheet_autofilter(sheet_, 0, 0, std::max(row_, 1U) - 1,
                       static_cast<lxw_col_t>(columns_.size() - 1));
}

Result<void> XlsxWriter::AddSheet(const std::string& name,
                                  const std::vector<domain::Column>& columns) {
  if (workbook_ == nullptr) return Fail(ErrorCode::kInternal, "the workbook is closed");
  FinishSheet();
  std::string sheet_name = SheetName(name);
  // Two sheets cannot share a name: "Lignes", "Lignes (2)"…
  for (int n = 2;
       std::find(sheet_names_.begin(), sheet_names_.end(), sheet_name) != sheet_names_.end(); ++n) {
    sheet_name = SheetName(name.substr(0, 25) + " (" + std::to_string(n) + ")");
  }
  sheet_ = workbook_add_worksheet(workbook_, sheet_name.c_str());
  if (sheet_ == nullptr) return Fail(ErrorCode::kInternal, "cannot add the sheet " + sheet_name);
  sheet_names_.push_back(sheet_name);
  columns_ = columns;
  row_ = 0;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    if (auto ok = Check(worksheet_set_column(sheet_, col, col, columns_[c].width, nullptr),
                        "column width");
        !ok) {
      return ok;
    }
  }
  worksheet_freeze_panes(sheet_, 1, 0);
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (auto ok = Check(worksheet_write_string(sheet_, 0, static_cast<lxw_col_t>(c),
                                               CellText(columns_[c].header).c_str(), header_),
                        "header");
        !ok) {
      return ok;
    }
  }
  row_ = 1;
  return {};
}

Result<void> XlsxWriter::WriteRow(const domain::Row& row) {
  if (sheet_ == nullptr) return Fail(ErrorCode::kInternal, "no sheet to write to");
  if (row_ >= LXW_ROW_MAX) return Fail(ErrorCode::kValidation, "more rows than a sheet holds");
  for (std::size_t c = 0; c < columns_.size() && c < row.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    const auto type = columns_[c].type;
    lxw_error error = LXW_NO_ERROR;
    if (const auto* number = std::get_if<std::int64_t>(&row[c])) {
      switch (type) {
        case domain::ColumnType::kMoneyCents:
          // The sheet's numbers are binary floating point: the nearest one to the exact euros.
          error = worksheet_write_number(sheet_, row_, col, static_cast<double>(*number) / 100.0,
                                         money_);
          break;
        case domain::ColumnType::kBasisPoints:
          error = worksheet_write_number(sheet_, row_, col, static_cast<double>(*number) / 100.0,
                                         nullptr);
          break;
        case domain::ColumnType::kThousandths:
          error = worksheet_write_number(sheet_, row_, col, static_cast<double>(*number) / 1000.0,
                                         nullptr);
          break;
        default:
          error = worksheet_write_number(sheet_, row_, col, static_cast<double>(*number), nullptr);
      }
    } else if (const auto* text = std::get_if<std::string>(&row[c])) {
      std::optional<lxw_datetime> when;
      if (type == domain::ColumnType::kDate || type == domain::ColumnType::kDateTime) {
        when = ParseDateTime(*text);
      }
      if (when) {
        error = worksheet_write_datetime(sheet_, row_, col, &*when,
                                         type == domain::ColumnType::kDate ? date_ : datetime_);
      } else if (!text->empty()) {
        // A string cell: shown as typed, never evaluated, whatever it starts with.
        error = worksheet_write_string(sheet_, row_, col, CellText(*text).c_str(), nullptr);
      }
    }
    if (auto ok = Check(error, "cell"); !ok) return ok;
  }
  ++row_;
  return {};
}

Result<void> XlsxWriter::Close() {
  if (workbook_ == nullptr) return Fail(ErrorCode::kInternal, "the workbook is closed");
  FinishSheet();
  const lxw_error error = workbook_close(workbook_);
  workbook_ = nullptr;
  return Check(error, "cannot write the workbook");
}

}  // namespace planify::integrations
