#pragma once

#include <memory>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "domain/tabular.hpp"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace planify::integrations {

// An .xlsx workbook written with libxlsxwriter in constant-memory mode: each row goes to a
// temporary file as soon as the next one starts, so an export of any size takes the same memory
// (docs/exports.md). Typed cells: text as strings (never formulas), integers as numbers, money as
// numbers in euros with a € format, rates as numbers, dates and times as real dates. Each sheet
// has a bold header row, frozen, with an auto-filter over its rows and set column widths.
class XlsxWriter {
 public:
  // Creates the file at `path`; temporary files go to `tmpdir` ("" = the system's).
  [[nodiscard]] static Result<std::unique_ptr<XlsxWriter>> Create(const std::string& path,
                                                                  const std::string& tmpdir);
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Starts a sheet (its name cleaned to what Excel accepts, 31 characters at most, numbered when
  // taken) with its header row. The rows that follow go to it.
  [[nodiscard]] Result<void> AddSheet(const std::string& name,
                                      const std::vector<domain::Column>& columns);
  [[nodiscard]] Result<void> WriteRow(const domain::Row& row);
  // Adds the last sheet's auto-filter and writes the file. Nothing may be written after.
  [[nodiscard]] Result<void> Close();

 private:
  explicit XlsxWriter(lxw_workbook* workbook);
  void FinishSheet();

  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  std::vector<domain::Column> columns_;
  unsigned row_ = 0;
  std::vector<std::string> sheet_names_;
  lxw_format* header_ = nullptr;
  lxw_format* money_ = nullptr;
  lxw_format* date_ = nullptr;
  lxw_format* datetime_ = nullptr;
  std::string tmpdir_;
};

// "Clients/2027: janvier?" → "Clients-2027- janvier": without the characters Excel refuses in a
// sheet name, 31 characters at most, never empty.
[[nodiscard]] std::string SheetName(const std::string& name);

}  // namespace planify::integrations
