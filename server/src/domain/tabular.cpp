#include "domain/tabular.hpp"

#include <cstdlib>

namespace planify::domain {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsIsoDate(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

// "2027-01-29" → "29/01/2027"; "2027-01-29T10:05…" → "29/01/2027 10:05" (French); the ISO
// form with a space for RFC 4180. Anything else is left as it is.
std::string FormatDate(std::string_view iso, bool french, bool with_time) {
  if (!IsIsoDate(iso)) return NeutraliseFormula(iso);
  std::string out = french ? std::string(iso.substr(8, 2)) + "/" + std::string(iso.substr(5, 2)) +
                                 "/" + std::string(iso.substr(0, 4))
                           : std::string(iso.substr(0, 10));
  if (with_time && iso.size() >= 16 && (iso[10] == 'T' || iso[10] == ' ')) {
    out += " " + std::string(iso.substr(11, 5));
  }
  return out;
}

}  // namespace

std::string NeutraliseFormula(std::string_view text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r')) {
    return "'" + std::string(text);
  }
  return std::string(text);
}

std::string FormatCentsPlain(std::int64_t cents, char decimal_separator) {
  const bool negative = cents < 0;
  // Through unsigned arithmetic: the most negative value has no positive counterpart.
  const std::uint64_t magnitude =
      negative ? std::uint64_t{0} - static_cast<std::uint64_t>(cents) : std::uint64_t(cents);
  std::string out = negative ? "-" : "";
  out += std::to_string(magnitude / 100);
  out += decimal_separator;
  const auto rest = magnitude % 100;
  out += static_cast<char>('0' + rest / 10);
  out += static_cast<char>('0' + rest % 10);
  return out;
}

std::string FormatBasisPointsPlain(std::int64_t bp, char decimal_separator) {
  std::string out = FormatCentsPlain(bp, decimal_separator);
  // Drop trailing zeros of the fraction, then the separator itself when nothing is left.
  while (out.back() == '0') out.pop_back();
  if (out.back() == decimal_separator) out.pop_back();
  return out == "-0" ? "0" : out;
}

std::string FormatThousandthsPlain(std::int64_t milli, char decimal_separator) {
  const bool negative = milli < 0;
  const std::uint64_t magnitude =
      negative ? static_cast<std::uint64_t>(-(milli + 1)) + 1 : static_cast<std::uint64_t>(milli);
  std::string out = (negative ? "-" : "") + std::to_string(magnitude / 1000);
  std::string fraction = std::to_string(magnitude % 1000);
  fraction.insert(0, 3 - fraction.size(), '0');
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  if (!fraction.empty()) out += decimal_separator + fraction;
  return out;
}

CsvWriter::CsvWriter(CsvDialect dialect, std::vector<Column> columns,
                     std::function<void(std::string_view)> sink)
    : dialect_(dialect), columns_(std::move(columns)), sink_(std::move(sink)) {}

void CsvWriter::Field(std::string_view text, bool first) {
  const char separator = dialect_ == CsvDialect::kFrenchExcel ? ';' : ',';
  if (!first) line_ += separator;
  if (text.find_first_of(std::string{separator, '"', '\r', '\n'}) == std::string_view::npos) {
    line_ += text;
    return;
  }
  line_ += '"';
  for (char c : text) {
    if (c == '"') line_ += '"';
    line_ += c;
  }
  line_ += '"';
}

void CsvWriter::WriteHeader() {
  line_.clear();
  if (dialect_ == CsvDialect::kFrenchExcel) line_ += kBom;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    Field(NeutraliseFormula(columns_[i].header), i == 0);
  }
  line_ += "\r\n";
  sink_(line_);
}

void CsvWriter::WriteRow(const Row& row) {
  const bool french = dialect_ == CsvDialect::kFrenchExcel;
  const char decimal = french ? ',' : '.';
  line_.clear();
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const CellValue value = i < row.size() ? row[i] : CellValue{};
    std::string text;
    if (const auto* number = std::get_if<std::int64_t>(&value)) {
      switch (columns_[i].type) {
        case ColumnType::kMoneyCents:
          text = FormatCentsPlain(*number, decimal);
          break;
        case ColumnType::kBasisPoints:
          text = FormatBasisPointsPlain(*number, decimal);
          break;
        case ColumnType::kThousandths:
          text = FormatThousandthsPlain(*number, decimal);
          break;
        default:
          text = std::to_string(*number);
      }
    } else if (const auto* s = std::get_if<std::string>(&value)) {
      switch (columns_[i].type) {
        case ColumnType::kDate:
          text = FormatDate(*s, french, false);
          break;
        case ColumnType::kDateTime:
          text = FormatDate(*s, french, true);
          break;
        default:
          text = NeutraliseFormula(*s);
      }
    }
    Field(text, i == 0);
  }
  line_ += "\r\n";
  sink_(line_);
  ++rows_;
}

}  // namespace planify::domain
