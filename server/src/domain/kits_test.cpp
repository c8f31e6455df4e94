#include "domain/kits.hpp"

#include <gtest/gtest.h>

#include "domain/equipment.hpp"

namespace planify::domain {
namespace {

using std::chrono::year_month_day;
using namespace std::chrono_literals;

ErrorCode CodeOf(const Result<void>& r) { return r ? ErrorCode::kInternal : r.error().code; }

KitInput FlightCase() {
  return {"  Flight case DJ 1 ", "FC-DJ-1", std::nullopt, "", {{10, 2}, {11, 1}, {12, 4}}};
}

TEST(Kits, AValidKitIsTrimmedAndKept) {
  auto kit = ValidateKit(FlightCase());
  ASSERT_TRUE(kit) << kit.error().message;
  EXPECT_EQ(kit->name, "Flight case DJ 1");
  EXPECT_EQ(kit->items.size(), 3U);
}

TEST(Kits, EveryBadComponentIsNamed) {
  auto input = FlightCase();
  input.name = " ";
  input.barcode = "two words";
  input.items = {{10, 1}, {10, 2}, {0, 1}, {12, 0}};
  auto kit = ValidateKit(input);
  ASSERT_FALSE(kit);
  std::set<std::string> fields;
  for (const auto& f : kit.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"name", "barcode", "items[1].item_id",
                                           "items[2].item_id", "items[3].quantity"}));
  input = FlightCase();
  input.items.clear();
  EXPECT_FALSE(ValidateKit(input));
}

TEST(Kits, AKitLineBecomesItsComponentsTimesItsQuantity) {
  const std::map<long long, std::vector<KitComponent>> kits{{5, {{10, 2}, {11, 1}}}};
  auto lines = ExpandKits({{11, std::nullopt, 3}, {0, 5, 2}, {10, std::nullopt, 1}}, kits);
  ASSERT_EQ(lines.size(), 4U);
  // A loose line and the kit's line of the same item stay apart: the kit is remembered.
  EXPECT_EQ(lines[0].item, 11);
  EXPECT_FALSE(lines[0].kit);
  EXPECT_EQ(lines[0].quantity, 3);
  EXPECT_EQ(lines[1].item, 10);
  EXPECT_EQ(lines[1].kit, 5);
  EXPECT_EQ(lines[1].quantity, 4);
  EXPECT_EQ(lines[1].line, 1U);
  EXPECT_EQ(lines[2].item, 11);
  EXPECT_EQ(lines[2].kit, 5);
  EXPECT_EQ(lines[2].quantity, 2);
  EXPECT_EQ(lines[3].item, 10);
  EXPECT_EQ(lines[3].line, 2U);
}

TEST(Kits, TheSameKitTwiceIsMergedWithTheFirstLinesIndex) {
  const std::map<long long, std::vector<KitComponent>> kits{{5, {{10, 2}}}};
  auto lines = ExpandKits({{0, 5, 1}, {0, 5, 1}}, kits);
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines[0].quantity, 4);
  EXPECT_EQ(lines[0].line, 0U);
  EXPECT_TRUE(ExpandKits({{0, 6, 1}}, kits).empty());
}

TEST(Kits, AKitCheckedOutWhenOneComponentIsShortIsRefusedOnThatComponent) {
  // Two flight cases need 4 speakers; 3 are on the shelf: the expanded line is refused.
  const std::map<long long, std::vector<KitComponent>> kits{{5, {{10, 2}, {11, 1}}}};
  auto lines = ExpandKits({{0, 5, 2}}, kits);
  const ItemNow speakers{10, "Enceinte", EquipmentStatus::kAvailable, 5, 1, 1};
  const MissionNow mission{7,
                           MissionStatus::kConfirmed,
                           {ParseIsoUtc("2026-06-13T16:00:00.000Z").value(),
                            ParseIsoUtc("2026-06-13T23:00:00.000Z").value()},
                           0};
  const auto now = ParseIsoUtc("2026-06-13T10:00:00.000Z").value();
  EXPECT_EQ(CodeOf(CheckCheckOut(speakers, mission, lines[0].quantity, now)), ErrorCode::kConflict);
  EXPECT_TRUE(CheckCheckOut(speakers, mission, 2, now));
}

TEST(Kits, TheScarcestComponentDecidesHowManyKitsCanGo) {
  const std::vector<KitComponent> kit{{10, 2}, {11, 1}, {12, 4}};
  EXPECT_EQ(KitsAvailable(kit, {{10, 7}, {11, 5}, {12, 9}}), 2);
  EXPECT_EQ(KitsAvailable(kit, {{10, 7}, {11, 5}}), 0);  // nothing of item 12
  EXPECT_EQ(KitsAvailable(kit, {{10, -3}, {11, 5}, {12, 9}}), 0);
  EXPECT_EQ(KitsAvailable({}, {{10, 7}}), 0);
}

TEST(Depots, TheHomeDepotHoldsWhatIsNotElsewhere) {
  auto stock = StockBySite(10, 1, {{2, 3}, {3, 0}, {4, 2}});
  ASSERT_EQ(stock.size(), 3U);
  EXPECT_EQ(stock[0].site, 1);
  EXPECT_EQ(stock[0].quantity, 5);
  EXPECT_EQ(stock[1].site, 2);
  EXPECT_EQ(stock[2].site, 4);
  // No home depot: the rest is "no depot".
  auto loose = StockBySite(4, std::nullopt, {{2, 4}});
  EXPECT_FALSE(loose[0].site);
  EXPECT_EQ(loose[0].quantity, 0);
}

TEST(Depots, ATransferTakesAtMostWhatTheDepotHoldsAndWhatIsOnTheShelf) {
  const auto stock = StockBySite(10, 1, {{2, 3}});
  EXPECT_TRUE(CheckTransfer(stock, 1, 2, 7, 10));
  EXPECT_EQ(CodeOf(CheckTransfer(stock, 1, 2, 8, 10)), ErrorCode::kConflict);
  EXPECT_EQ(CodeOf(CheckTransfer(stock, 2, 1, 4, 10)), ErrorCode::kConflict);
  EXPECT_EQ(CodeOf(CheckTransfer(stock, 3, 1, 1, 10)), ErrorCode::kConflict);  // holds nothing
  EXPECT_EQ(CodeOf(CheckTransfer(stock, 1, 2, 5, 4)), ErrorCode::kConflict);   // 6 are out
  EXPECT_EQ(CodeOf(CheckTransfer(stock, 1, 1, 1, 10)), ErrorCode::kValidation);
  EXPECT_EQ(CodeOf(CheckTransfer(stock, 1, 2, 0, 10)), ErrorCode::kValidation);
}

TEST(Depots, LosingUnitsEmptiesTheHomeFirstThenTheLastDepots) {
  const std::vector<SiteStock> away{{2, 3}, {3, 2}};
  EXPECT_EQ(FitAway(7, away).size(), 2U);  // the home gives up what it had
  auto fitted = FitAway(4, away);
  ASSERT_EQ(fitted.size(), 2U);
  EXPECT_EQ(fitted[1].quantity, 1);
  fitted = FitAway(2, away);
  ASSERT_EQ(fitted.size(), 1U);
  EXPECT_EQ(fitted[0].site, 2);
  EXPECT_EQ(fitted[0].quantity, 2);
  EXPECT_TRUE(FitAway(0, away).empty());
}

TEST(Checks, TheLastRecordsDateWinsThenTheIntervalFromTheLastCheck) {
  const year_month_day created{2026y, std::chrono::January, 10d};
  EXPECT_FALSE(CheckDueOn({std::nullopt, std::nullopt, std::nullopt, created}));
  EXPECT_EQ(CheckDueOn({180, std::nullopt, std::nullopt, created}),
            (year_month_day{2026y, std::chrono::July, 9d}));
  EXPECT_EQ(CheckDueOn({180, std::nullopt, year_month_day{2026y, std::chrono::March, 1d}, created}),
            (year_month_day{2026y, std::chrono::August, 28d}));
  EXPECT_EQ(CheckDueOn({180, year_month_day{2026y, std::chrono::May, 2d},
                        year_month_day{2026y, std::chrono::March, 1d}, created}),
            (year_month_day{2026y, std::chrono::May, 2d}));
  EXPECT_EQ(CheckDueOn(
                {std::nullopt, year_month_day{2026y, std::chrono::May, 2d}, std::nullopt, created}),
            (year_month_day{2026y, std::chrono::May, 2d}));
}

}  // namespace
}  // namespace planify::domain
