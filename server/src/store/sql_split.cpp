#include "store/sql_split.hpp"

#include <cctype>

namespace planify::store {

namespace {

bool IsBlankOrComment(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (std::isspace(static_cast<unsigned char>(s[i]))) {
      ++i;
    } else if (s.substr(i, 2) == "--") {
      auto nl = s.find('\n', i);
      i = nl == std::string_view::npos ? s.size() : nl + 1;
    } else if (s.substr(i, 2) == "/*") {
      auto end = s.find("*/", i + 2);
      i = end == std::string_view::npos ? s.size() : end + 2;
    } else {
      return false;
    }
  }
  return true;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// True when the word `word` (upper case) starts at position i of `s` as a whole word.
bool WordAt(std::string_view s, std::size_t i, std::string_view word) {
  if (i + word.size() > s.size()) return false;
  if (i > 0 && IsWordChar(s[i - 1])) return false;
  if (i + word.size() < s.size() && IsWordChar(s[i + word.size()])) return false;
  return Upper(s.substr(i, word.size())) == word;
}

}  // namespace

std::vector<std::string> SplitSqlStatements(std::string_view script) {
  std::vector<std::string> out;
  std::size_t start = 0;
  std::size_t i = 0;
  int trigger_depth = 0;  // > 0 inside a CREATE TRIGGER body
  bool in_trigger = false;
  auto flush = [&](std::size_t end) {
    auto chunk = script.substr(start, end - start);
    if (!IsBlankOrComment(chunk)) {
      // Trim surrounding whitespace.
      auto b = chunk.find_first_not_of(" \t\r\n");
      auto e = chunk.find_last_not_of(" \t\r\n");
      out.emplace_back(chunk.substr(b, e - b + 1));
    }
    start = end + 1;
    in_trigger = false;
    trigger_depth = 0;
  };
  while (i < script.size()) {
    char c = script[i];
    if (c == '\'' || c == '"') {
      auto end = script.find(c, i + 1);
      // Doubled quotes ('it''s') are two adjacent quoted runs; the loop handles them.
      i = end == std::string_view::npos ? script.size() : end + 1;
    } else if (script.substr(i, 2) == "--") {
      auto nl = script.find('\n', i);
      i = nl == std::string_view::npos ? script.size() : nl + 1;
    } else if (script.substr(i, 2) == "/*") {
      auto end = script.find("*/", i + 2);
      i = end == std::string_view::npos ? script.size() : end + 2;
    } else if (c == '$') {
      // $tag$ ... $tag$ (PostgreSQL). A lone '$' (e.g. $1) is not a quote.
      auto close = script.find('$', i + 1);
      bool is_tag = close != std::string_view::npos;
      for (std::size_t k = i + 1; is_tag && k < close; ++k) is_tag = IsWordChar(script[k]);
      if (is_tag && (close == i + 1 || !std::isdigit(static_cast<unsigned char>(script[i + 1])))) {
        auto tag = script.substr(i, close - i + 1);
        auto end = script.find(tag, close + 1);
        i = end == std::string_view::npos ? script.size() : end + tag.size();
      } else {
        ++i;
      }
    } else if (c == ';') {
      if (in_trigger && trigger_depth > 0) {
        ++i;
      } else {
        flush(i);
        ++i;
      }
    } else if (IsWordChar(c)) {
      if (!in_trigger && WordAt(script, i, "TRIGGER") &&
          Upper(script.substr(start, i - start)).find("CREATE") != std::string::npos) {
        in_trigger = true;
      } else if (in_trigger && (WordAt(script, i, "BEGIN") || WordAt(script, i, "CASE"))) {
        ++trigger_depth;
      } else if (in_trigger && WordAt(script, i, "END")) {
        --trigger_depth;
      }
      while (i < script.size() && IsWordChar(script[i])) ++i;
    } else {
      ++i;
    }
  }
  if (start < script.size()) flush(script.size());
  return out;
}

}  // namespace planify::store
