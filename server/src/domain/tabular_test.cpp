#include "domain/tabular.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace planify::domain {
namespace {

std::vector<Column> Columns() {
  return {{"Client", ColumnType::kText},          {"Date", ColumnType::kDate},
          {"Total TTC", ColumnType::kMoneyCents}, {"TVA %", ColumnType::kBasisPoints},
          {"Lignes", ColumnType::kInteger},       {"Envoyée le", ColumnType::kDateTime}};
}

std::string Write(CsvDialect dialect, const std::vector<Row>& rows) {
  std::string out;
  CsvWriter writer(dialect, Columns(), [&](std::string_view chunk) { out += chunk; });
  writer.WriteHeader();
  for (const auto& row : rows) writer.WriteRow(row);
  EXPECT_EQ(writer.rows(), static_cast<std::int64_t>(rows.size()));
  return out;
}

TEST(Tabular, FrenchExcelGetsABomSemicolonsDecimalCommasAndFrenchDates) {
  const auto csv =
      Write(CsvDialect::kFrenchExcel,
            {{std::string("Mairie de Tours"), std::string("2027-01-29"), std::int64_t{123456},
              std::int64_t{550}, std::int64_t{3}, std::string("2027-01-29T10:05:00.000")}});
  EXPECT_EQ(csv,
            "\xEF\xBB\xBF"
            "Client;Date;Total TTC;TVA %;Lignes;Envoyée le\r\n"
            "Mairie de Tours;29/01/2027;1234,56;5,5;3;29/01/2027 10:05\r\n");
}

TEST(Tabular, Rfc4180IsPlainCommasPointsAndIsoDates) {
  const auto csv =
      Write(CsvDialect::kRfc4180,
            {{std::string("Dupont, Fils & \"Cie\""), std::string("2027-01-29"), std::int64_t{-5},
              std::int64_t{2000}, std::monostate{}, std::monostate{}}});
  EXPECT_EQ(csv,
            "Client,Date,Total TTC,TVA %,Lignes,Envoyée le\r\n"
            "\"Dupont, Fils & \"\"Cie\"\"\",2027-01-29,-0.05,20,,\r\n");
}

TEST(Tabular, FieldsWithSeparatorsQuotesOrLineBreaksAreQuoted) {
  const auto csv = Write(CsvDialect::kFrenchExcel,
                         {{std::string("Ligne 1\nLigne 2; suite")}, {std::string("a,b")}});
  EXPECT_NE(csv.find("\"Ligne 1\nLigne 2; suite\";;;;;\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\na,b;;;;;\r\n"), std::string::npos) << "a comma needs no quotes with ';'";
}

TEST(Tabular, FormulasAreNeutralisedInEveryTextCell) {
  EXPECT_EQ(NeutraliseFormula("=HYPERLINK(\"http://x\",\"y\")"), "'=HYPERLINK(\"http://x\",\"y\")");
  EXPECT_EQ(NeutraliseFormula("+33 6 12"), "'+33 6 12");
  EXPECT_EQ(NeutraliseFormula("-2+3"), "'-2+3");
  EXPECT_EQ(NeutraliseFormula("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(NeutraliseFormula("\tcmd"), "'\tcmd");
  EXPECT_EQ(NeutraliseFormula("Mairie"), "Mairie");
  EXPECT_EQ(NeutraliseFormula(""), "");
  const auto csv = Write(CsvDialect::kRfc4180,
                         {{std::string("=HYPERLINK(\"http://evil\",\"x\")"), std::string("=1+1")}});
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",'=1+1,"), std::string::npos)
      << csv;
}

TEST(Tabular, MoneyAndRatesAreExactDecimals) {
  EXPECT_EQ(FormatCentsPlain(0, ','), "0,00");
  EXPECT_EQ(FormatCentsPlain(7, '.'), "0.07");
  EXPECT_EQ(FormatCentsPlain(-123456, ','), "-1234,56");
  EXPECT_EQ(FormatCentsPlain(std::numeric_limits<std::int64_t>::min(), '.'),
            "-92233720368547758.08");
  EXPECT_EQ(FormatBasisPointsPlain(2000, ','), "20");
  EXPECT_EQ(FormatBasisPointsPlain(550, ','), "5,5");
  EXPECT_EQ(FormatBasisPointsPlain(1, '.'), "0.01");
  EXPECT_EQ(FormatBasisPointsPlain(0, ','), "0");
}

TEST(Tabular, QuantitiesInThousandthsDropTrailingZeros) {
  EXPECT_EQ(FormatThousandthsPlain(1500, ','), "1,5");
  EXPECT_EQ(FormatThousandthsPlain(2000, ','), "2");
  EXPECT_EQ(FormatThousandthsPlain(1, '.'), "0.001");
  EXPECT_EQ(FormatThousandthsPlain(-250, ','), "-0,25");
  EXPECT_EQ(FormatThousandthsPlain(0, ','), "0");
}

}  // namespace
}  // namespace planify::domain
