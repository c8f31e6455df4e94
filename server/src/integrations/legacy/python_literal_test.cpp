#include "integrations/legacy/python_literal.hpp"

#include <gtest/gtest.h>

#include <string>

namespace planify::integrations {
namespace {

TEST(PythonLiteral, PythonReprOfAuditDetailsReadAsJson) {
  auto details = ParsePythonLiteral(
      "{'montant_ttc': 702.0, 'ok': True, 'motif': None, 'n': -3, 'lignes': [1, 2.5], "
      "'paire': (1, 'a'), \"l'avis\": 'C\\'est « parfait »\\n', 'vide': {}}");
  ASSERT_TRUE(details) << details.error().message;
  EXPECT_EQ((*details)["montant_ttc"], 702.0);
  EXPECT_EQ((*details)["ok"], true);
  EXPECT_TRUE((*details)["motif"].is_null());
  EXPECT_EQ((*details)["n"], -3);
  EXPECT_EQ((*details)["lignes"], nlohmann::json({1, 2.5}));
  EXPECT_EQ((*details)["paire"], nlohmann::json({1, "a"}));
  EXPECT_EQ((*details)["l'avis"], "C'est « parfait »\n");
  EXPECT_TRUE((*details)["vide"].is_object());
}

TEST(PythonLiteral, PythonLiteralsOfEveryKind) {
  auto read = [](std::string_view text) {
    auto v = ParsePythonLiteral(text);
    EXPECT_TRUE(v) << text;
    return v ? v->dump() : std::string("?");
  };
  EXPECT_EQ(read("'caf\\xe9 \\u00e9t\\U0001F3B5'"), "\"café ét🎵\"");
  EXPECT_EQ(read("b'\\xc3\\xa9t\\xe9'"), "\"Ã©té\"") << "bytes that are not UTF-8 read as Latin-1";
  EXPECT_EQ(read("b'caf\\xc3\\xa9'"), "\"café\"");
  EXPECT_EQ(read("r'a\\nb'"), "\"a\\\\nb\"");
  EXPECT_EQ(read("{1, 2, 3}"), "[1,2,3]");
  EXPECT_EQ(read("{1: 'a', None: 'b', (1, 2): 'c', True: 'd'}"),
            "{\"1\":\"a\",\"None\":\"b\",\"True\":\"d\",\"[1,2]\":\"c\"}");
  EXPECT_EQ(read("(5)"), "5");
  EXPECT_EQ(read("(5,)"), "[5]");
  EXPECT_EQ(read("[1, [2, [3, []]],]"), "[1,[2,[3,[]]]]");
  EXPECT_EQ(read("  -inf "), "null");
  EXPECT_EQ(read("nan"), "null");
  EXPECT_EQ(read("1e+16"), "1e+16");
  EXPECT_EQ(read("123456789012345678901234567890"), "1.2345678901234568e+29");
  EXPECT_EQ(read("'\\ud800'"), "\"\xEF\xBF\xBD\"") << "a lone surrogate becomes U+FFFD";
}

TEST(PythonLiteral, PythonLiteralsNeverRunCode) {
  for (auto bad : {"__import__('os').system('rm -rf /')", "datetime.datetime(2026, 1, 2)",
                   "{'a': 1", "[1, 2", "'open", "{'a' 1}", "1 + 1", "{'a': 1}}", "lambda: 0",
                   "Decimal('702.00')", "", "   ", "{,}", "[,]", "'\\x4'", "Truee", "--"}) {
    auto v = ParsePythonLiteral(bad);
    ASSERT_FALSE(v) << bad;
    EXPECT_EQ(v.error().code, ErrorCode::kValidation) << bad;
  }
  std::string deep(100, '[');
  deep += std::string(100, ']');
  EXPECT_FALSE(ParsePythonLiteral(deep)) << "nesting is bounded";
  EXPECT_FALSE(ParsePythonLiteral(std::string((1 << 20) + 1, ' '))) << "size is bounded";
}

}  // namespace
}  // namespace planify::integrations
