#include "domain/search.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

const year_month_day kToday{year(2027), month(1), day(29)};

SearchQuery Parse(std::string_view text) {
  auto q = ParseSearchQuery(text, kToday);
  EXPECT_TRUE(q.has_value()) << text;
  return q ? *q : SearchQuery{};
}

TEST(SearchQuery, FoldsAccentsAndCaseAndKeepsWordsOfTwoOrMore) {
  auto q = Parse("  Élodie  DURAND a Mâcon ");
  EXPECT_EQ(q.folded, "elodie durand a macon");
  EXPECT_EQ(q.words, (std::vector<std::string>{"elodie", "durand", "macon"}));
  EXPECT_FALSE(q.amount);
  EXPECT_FALSE(q.date);
  EXPECT_EQ(q.number, "");
  EXPECT_FALSE(q.empty());
  EXPECT_TRUE(Parse("a").empty());
  EXPECT_TRUE(Parse("   ").empty());
  // Repeated words count once, and at most six are matched.
  EXPECT_EQ(Parse("son son son").words.size(), 1u);
  EXPECT_EQ(Parse("aa bb cc dd ee ff gg hh").words.size(), kSearchMaxWords);
}

TEST(SearchQuery, ReadsGroupedDigitsAsOneNumber) {
  EXPECT_EQ(Parse("732 829 320").words, std::vector<std::string>{"732829320"});
  EXPECT_EQ(Parse("06.12.34.56.78").words, std::vector<std::string>{"0612345678"});
  EXPECT_EQ(Parse("12 34").words, (std::vector<std::string>{"12", "34"}));  // too short
  EXPECT_EQ(Parse("rue 12 34 56").words, (std::vector<std::string>{"rue", "12", "34", "56"}));
}

TEST(SearchQuery, ReadsAmountsTheWayTheyAreTyped) {
  EXPECT_EQ(Parse("702").amount, 70200);
  EXPECT_EQ(Parse("702,00").amount, 70200);
  EXPECT_EQ(Parse("702,5").amount, 70250);
  EXPECT_EQ(Parse("702.05").amount, 70205);
  EXPECT_EQ(Parse("1 250,50 €").amount, 125050);
  EXPECT_EQ(Parse("1\xE2\x80\xAF"
                  "250,50\xC2\xA0\xE2\x82\xAC")
                .amount,
            125050);
  EXPECT_FALSE(Parse("702,505").amount);
  EXPECT_FALSE(Parse("-702").amount);
  EXPECT_FALSE(Parse("12345678").amount);
  EXPECT_FALSE(Parse("sono 702").amount);
}

TEST(SearchQuery, ReadsDatesWithAndWithoutTheYear) {
  EXPECT_EQ(Parse("12/06/2027").date, (year_month_day{year(2027), month(6), day(12)}));
  EXPECT_EQ(Parse("12/06/27").date, (year_month_day{year(2027), month(6), day(12)}));
  EXPECT_EQ(Parse("2027-06-12").date, (year_month_day{year(2027), month(6), day(12)}));
  EXPECT_EQ(Parse("12.06.2027").date, (year_month_day{year(2027), month(6), day(12)}));
  // Without a year: the nearest such day to 29 January 2027, before or after.
  EXPECT_EQ(Parse("12/06").date, (year_month_day{year(2027), month(6), day(12)}));
  EXPECT_EQ(Parse("24/12").date, (year_month_day{year(2026), month(12), day(24)}));
  EXPECT_EQ(Parse("01/07").date, (year_month_day{year(2027), month(7), day(1)}));
  EXPECT_FALSE(Parse("31/02/2027").date);
  EXPECT_FALSE(Parse("12.06").date);  // an amount
  EXPECT_EQ(Parse("12.06").amount, 1206);
}

TEST(SearchQuery, ReadsDocumentNumbers) {
  EXPECT_EQ(Parse("f-2026-0012").number, "F-2026-0012");
  EXPECT_EQ(Parse(" DEV-2027-001 ").number, "DEV-2027-001");
  EXPECT_EQ(Parse("F-2026-0012").folded, "f 2026 0012");
  EXPECT_EQ(Parse("702").number, "");  // digits alone are an amount
  EXPECT_EQ(Parse("durand").number, "");
  EXPECT_EQ(Parse("F 2026").number, "");
}

TEST(SearchQuery, RefusesTooLongOrInvalidText) {
  auto long_query = ParseSearchQuery(std::string(kSearchMaxChars + 1, 'a'), kToday);
  ASSERT_FALSE(long_query);
  EXPECT_EQ(long_query.error().code, ErrorCode::kValidation);
  ASSERT_EQ(long_query.error().fields.size(), 1u);
  EXPECT_EQ(long_query.error().fields[0].field, "q");
  EXPECT_FALSE(ParseSearchQuery("\xC3\x28", kToday));
  EXPECT_TRUE(ParseSearchQuery(std::string(kSearchMaxChars, 'a'), kToday));
}

TEST(SearchQuery, BuildsTheFullTextMatchOfOneOrganisationAndKind) {
  EXPECT_EQ(SqliteMatch(12, {"durand", "ly"}),
            "scope:\"o12\" AND body:\"durand\"* AND body:\"ly\"*");
  EXPECT_EQ(SqliteSearchTable(SearchKind::kEquipment), "search_equipment");
  EXPECT_EQ(PostgresTsQuery(7, SearchKind::kVenue, {"chateau"}), "o7k6 & chateau:*");
  EXPECT_EQ(PostgresTsQuery(7, SearchKind::kMission, {}), "o7k2");
  EXPECT_EQ(SearchKindName(SearchKind::kEquipment), "equipment");
  EXPECT_EQ(ParseSearchKind("invoices"), SearchKind::kInvoice);
  EXPECT_FALSE(ParseSearchKind("users"));
}

TEST(SearchRank, ExactBeforePrefixBeforeWordsBeforeElsewhere) {
  auto number = Parse("F-2026-0012");
  EXPECT_EQ(SearchRank(number, "F-2026-0012", false), 0);
  EXPECT_EQ(SearchRank(number, "F-2026-00123", false), 1);
  auto name = Parse("durand");
  EXPECT_EQ(SearchRank(name, "Durand", false), 0);
  EXPECT_EQ(SearchRank(name, "Durand SAS", false), 1);
  EXPECT_EQ(SearchRank(name, "Mariage Durand", false), 2);
  EXPECT_EQ(SearchRank(name, "Mariage Martin", false), 3);
  EXPECT_EQ(SearchRank(Parse("702"), "F-2026-0001", true), 0);
  EXPECT_EQ(SearchRank(Parse("mar dur"), "Mariage Durand", false), 2);
}

}  // namespace
}  // namespace planify::domain
