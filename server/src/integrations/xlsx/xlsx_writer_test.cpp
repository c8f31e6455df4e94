// The .xlsx files read back by an independent reader: python3-openpyxl (Debian), as a
// spreadsheet would — types, values, formats, frozen header, auto-filter.
#include "integrations/xlsx/xlsx_writer.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace planify::integrations {
namespace {

namespace fs = std::filesystem;

class Xlsx : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "planify-xlsx-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // What openpyxl reads: per sheet, its name, frozen cell, filter range, and every cell as
  // [type, value, number format] (dates as ISO text).
  nlohmann::json Read(const fs::path& file) {
    const auto script = dir_ / "read.py";
    std::ofstream(script) << R"py(
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows():
        cells = []
        for c in row:
            v = c.value
            if isinstance(v, (datetime.datetime, datetime.date)):
                v = v.isoformat()
            cells.append([c.data_type, v, c.number_format])
        rows.append(cells)
    out.append({"name": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
                "widths": {k: d.width for k, d in ws.column_dimensions.items()}, "rows": rows})
print(json.dumps(out))
)py";
    const auto output = dir_ / "read.json";
    const std::string command =
        // Debian's interpreter, where python3-openpyxl is installed (a python3 earlier on the
        // PATH, e.g. pyenv's, does not see it).
        "/usr/bin/python3 '" + script.string() + "' '" + file.string() + "' > '" + output.string() +
        "'";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    std::ifstream in(output);
    return nlohmann::json::parse(in, nullptr, false);
  }

  fs::path dir_;
};

TEST_F(Xlsx, CellsAreTypedAndTheHeaderIsFrozenAndFiltered) {
  const auto file = dir_ / "export.xlsx";
  auto writer = XlsxWriter::Create(file.string(), dir_.string());
  ASSERT_TRUE(writer) << writer.error().message;
  const std::vector<domain::Column> columns = {{"Numéro", domain::ColumnType::kText, 16},
                                               {"Date", domain::ColumnType::kDate, 12},
                                               {"Total TTC", domain::ColumnType::kMoneyCents, 14},
                                               {"TVA %", domain::ColumnType::kBasisPoints, 8},
                                               {"Lignes", domain::ColumnType::kInteger, 8},
                                               {"Envoyée le", domain::ColumnType::kDateTime, 18}};
  ASSERT_TRUE((*writer)->AddSheet("Factures", columns));
  ASSERT_TRUE((*writer)->WriteRow({std::string("FAC-2027-0001"), std::string("2027-01-29"),
                                   std::int64_t{123456}, std::int64_t{550}, std::int64_t{3},
                                   std::string("2027-01-29T10:05:00")}));
  ASSERT_TRUE((*writer)->WriteRow({std::string("=HYPERLINK(\"http://evil\",\"x\")"),
                                   std::monostate{}, std::int64_t{-1}, std::int64_t{2000},
                                   std::int64_t{0}, std::string("pas une date")}));
  ASSERT_TRUE((*writer)->AddSheet("Lignes: détail/2027?", {{"Désignation"}}));
  ASSERT_TRUE((*writer)->WriteRow({std::string("Sonorisation")}));
  ASSERT_TRUE((*writer)->Close());

  auto book = Read(file);
  ASSERT_TRUE(book.is_array()) << book;
  ASSERT_EQ(book.size(), 2u);
  const auto& sheet = book[0];
  EXPECT_EQ(sheet["name"], "Factures");
  EXPECT_EQ(sheet["freeze"], "A2");
  EXPECT_EQ(sheet["filter"], "A1:F3");
  EXPECT_DOUBLE_EQ(sheet["widths"]["A"].get<double>(), 16.0 + 0.7109375)
      << "openpyxl reports Excel's width with its padding";
  const auto& header = sheet["rows"][0];
  EXPECT_EQ(header[0][1], "Numéro");
  const auto& first = sheet["rows"][1];
  EXPECT_EQ(first[0], nlohmann::json({"s", "FAC-2027-0001", "General"}));
  EXPECT_EQ(first[1][0], "d");
  EXPECT_EQ(first[1][1], "2027-01-29T00:00:00");
  EXPECT_EQ(first[1][2], "dd/mm/yyyy");
  EXPECT_EQ(first[2][0], "n");
  EXPECT_EQ(first[2][1], 1234.56);
  EXPECT_NE(first[2][2].get<std::string>().find("€"), std::string::npos) << first[2];
  EXPECT_EQ(first[3][1], 5.5);
  EXPECT_EQ(first[4][1], 3);
  EXPECT_EQ(first[5][1], "2027-01-29T10:05:00");
  EXPECT_EQ(first[5][2], "dd/mm/yyyy hh:mm");
  const auto& second = sheet["rows"][2];
  EXPECT_EQ(second[0][0], "s") << "a string, not a formula";
  EXPECT_EQ(second[0][1], "=HYPERLINK(\"http://evil\",\"x\")");
  EXPECT_TRUE(second[1][1].is_null());
  EXPECT_EQ(second[2][1], -0.01);
  EXPECT_EQ(second[5][0], "s") << "not a date: kept as text";
  EXPECT_EQ(book[1]["name"], "Lignes- détail-2027-");
  EXPECT_EQ(book[1]["rows"][1][0][1], "Sonorisation");
}

TEST_F(Xlsx, SheetNamesFollowExcelsRules) {
  EXPECT_EQ(SheetName("Clients"), "Clients");
  EXPECT_EQ(SheetName("a[b]c:d*e?f/g\\h"), "a-b-c-d-e-f-g-h");
  EXPECT_EQ(SheetName(""), "Feuille");
  EXPECT_EQ(SheetName("'quoted'"), "quoted");
  EXPECT_EQ(SheetName(std::string(40, 'x')).size(), 31u);
  EXPECT_EQ(SheetName("Équipements et mouvements de stock"), "Équipements et mouvements de st")
      << "31 characters, not bytes";
}

TEST_F(Xlsx, TwoSheetsWithTheSameNameAreNumbered) {
  const auto file = dir_ / "names.xlsx";
  auto writer = XlsxWriter::Create(file.string(), "");
  ASSERT_TRUE(writer);
  ASSERT_TRUE((*writer)->AddSheet("Lignes", {{"A"}}));
  ASSERT_TRUE((*writer)->AddSheet("Lignes", {{"B"}}));
  ASSERT_TRUE((*writer)->Close());
  auto book = Read(file);
  ASSERT_EQ(book.size(), 2u);
  EXPECT_EQ(book[1]["name"], "Lignes (2)");
  EXPECT_EQ(book[1]["filter"], "A1") << "a header alone: the filter covers it";
}

}  // namespace
}  // namespace planify::integrations
