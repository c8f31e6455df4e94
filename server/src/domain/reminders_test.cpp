#include "domain/reminders.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

using std::chrono::year_month_day;
using namespace std::chrono_literals;  // NOLINT(google-build-using-namespace)

constexpr year_month_day Day(int y, unsigned m, unsigned d) {
  return year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

TEST(Reminders, WorkingDaysSkipWeekendsAndFrenchPublicHolidays) {
  EXPECT_TRUE(IsWorkingDay(Day(2027, 3, 26)));    // a Friday
  EXPECT_FALSE(IsWorkingDay(Day(2027, 3, 27)));   // Saturday
  EXPECT_FALSE(IsWorkingDay(Day(2027, 3, 28)));   // Sunday (Easter)
  EXPECT_FALSE(IsWorkingDay(Day(2027, 3, 29)));   // Easter Monday 2027
  EXPECT_FALSE(IsWorkingDay(Day(2027, 5, 6)));    // Ascension 2027
  EXPECT_FALSE(IsWorkingDay(Day(2027, 5, 17)));   // Whit Monday 2027
  EXPECT_FALSE(IsWorkingDay(Day(2026, 4, 6)));    // Easter Monday 2026
  EXPECT_FALSE(IsWorkingDay(Day(2026, 5, 14)));   // Ascension 2026
  EXPECT_FALSE(IsWorkingDay(Day(2026, 7, 14)));   // a Tuesday, Bastille Day
  EXPECT_FALSE(IsWorkingDay(Day(2026, 11, 11)));  // a Wednesday, Armistice
  EXPECT_FALSE(IsWorkingDay(Day(2026, 12, 25)));
  EXPECT_FALSE(IsWorkingDay(Day(2027, 1, 1)));
  EXPECT_TRUE(IsWorkingDay(Day(2026, 12, 24)));
  EXPECT_TRUE(IsWorkingDay(Day(2027, 5, 7)));  // the Friday after Ascension ("pont"): worked
}

TEST(Reminders, TheDefaultScheduleIsCourteousThenFirmThenFormal) {
  auto steps = DefaultReminderSchedule();
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_EQ(steps[0].Key(), "due-3");
  EXPECT_EQ(steps[1].Key(), "due+7");
  EXPECT_EQ(steps[3].tone, ReminderTone::kFormal);
  EXPECT_TRUE(CheckReminderSchedule(steps));
}

TEST(Reminders, ASchedulesStepsAreBoundedOrderedAndEndWithTheFormalOne) {
  EXPECT_FALSE(CheckReminderSchedule({}));
  auto unordered = CheckReminderSchedule({{7, ReminderTone::kCourteous}, {7, ReminderTone::kFirm}});
  ASSERT_FALSE(unordered);
  EXPECT_EQ(unordered.error().fields.at(0).field, "steps[1].offset_days");
  auto far = CheckReminderSchedule({{-31, ReminderTone::kCourteous}});
  ASSERT_FALSE(far);
  EXPECT_EQ(far.error().fields.at(0).field, "steps[0].offset_days");
  auto formal_first =
      CheckReminderSchedule({{5, ReminderTone::kFormal}, {10, ReminderTone::kCourteous}});
  ASSERT_FALSE(formal_first);
  EXPECT_EQ(formal_first.error().fields.at(0).field, "steps[0].tone");
}

TEST(Reminders, EachStepGoesOutOnItsDayOnceAndOnlyOnWorkingDays) {
  const auto schedule = DefaultReminderSchedule();
  ReminderCandidate invoice;
  invoice.due_date = Day(2027, 3, 15);  // a Monday
  invoice.remaining_cents = 60000;
  invoice.issued = true;
  EXPECT_FALSE(DueReminder(schedule, invoice, Day(2027, 3, 11)));  // 4 days before
  auto before = DueReminder(schedule, invoice, Day(2027, 3, 12));  // Friday, 3 days before
  ASSERT_TRUE(before);
  EXPECT_EQ(before->Key(), "due-3");
  invoice.sent.insert("due-3");
  EXPECT_FALSE(DueReminder(schedule, invoice, Day(2027, 3, 12))) << "never twice";
  EXPECT_FALSE(DueReminder(schedule, invoice, Day(2027, 3, 19)));
  // +7 is Monday 22 March.
  EXPECT_EQ(DueReminder(schedule, invoice, Day(2027, 3, 22))->Key(), "due+7");
  // +15 falls on Tuesday 30 March; +30 on Wednesday 14 April.
  invoice.sent.insert("due+7");
  EXPECT_FALSE(DueReminder(schedule, invoice, Day(2027, 3, 29)));
  EXPECT_EQ(DueReminder(schedule, invoice, Day(2027, 3, 30))->tone, ReminderTone::kFirm);
}

TEST(Reminders, AStepDueOnAHolidayWaitsForTheNextWorkingDay) {
  ReminderCandidate invoice;
  invoice.due_date = Day(2027, 3, 22);  // +7 is Easter Monday 29 March
  invoice.remaining_cents = 1;
  invoice.issued = true;
  invoice.sent = {"due-3"};
  const auto schedule = DefaultReminderSchedule();
  EXPECT_FALSE(DueReminder(schedule, invoice, Day(2027, 3, 29)));
  EXPECT_EQ(DueReminder(schedule, invoice, Day(2027, 3, 30))->Key(), "due+7");
}

TEST(Reminders, ABacklogSendsTheLatestStepOnlyAndNeverAMilderOneAfterIt) {
  ReminderCandidate invoice;
  invoice.due_date = Day(2027, 1, 4);
  invoice.remaining_cents = 1;
  invoice.issued = true;
  const auto schedule = DefaultReminderSchedule();
  // 20 days late and nothing sent (the feature was just switched on): the firm one, not three.
  EXPECT_EQ(DueReminder(schedule, invoice, Day(2027, 1, 25))->Key(), "due+15");
  invoice.sent = {"due+15"};
  EXPECT_FALSE(DueReminder(schedule, invoice, Day(2027, 1, 26)));
  EXPECT_EQ(DueReminder(schedule, invoice, Day(2027, 2, 3))->Key(), "due+30");
}

TEST(Reminders, PaidPausedDisputedOrCancelledInvoicesGetNone) {
  ReminderCandidate invoice;
  invoice.due_date = Day(2027, 1, 4);
  invoice.remaining_cents = 1000;
  invoice.issued = true;
  const auto schedule = DefaultReminderSchedule();
  const auto day = Day(2027, 1, 12);
  ASSERT_TRUE(DueReminder(schedule, invoice, day));
  auto paused = invoice;
  paused.paused = true;
  EXPECT_FALSE(DueReminder(schedule, paused, day));
  auto disputed = invoice;
  disputed.disputed = true;
  EXPECT_FALSE(DueReminder(schedule, disputed, day));
  auto paid = invoice;
  paid.remaining_cents = 0;
  EXPECT_FALSE(DueReminder(schedule, paid, day));
  auto cancelled = invoice;
  cancelled.issued = false;
  EXPECT_FALSE(DueReminder(schedule, cancelled, day));
}

TEST(Reminders, AnUnsignedQuoteIsFollowedUpOnceThenWarnedBeforeItExpires) {
  // Sent Tuesday 1 December 2026, valid until Thursday 31 December; follow-up after 7 days,
  // expiry notice 3 days before.
  QuoteReminderCandidate quote{Day(2026, 12, 1), Day(2026, 12, 31)};
  EXPECT_EQ(DueQuoteReminder(7, 3, quote, Day(2026, 12, 7)), std::nullopt);
  EXPECT_EQ(DueQuoteReminder(7, 3, quote, Day(2026, 12, 8)), QuoteReminderKind::kFollowup);
  EXPECT_EQ(DueQuoteReminder(0, 3, quote, Day(2026, 12, 8)), std::nullopt);  // 0 = never
  quote.followup_sent = true;
  EXPECT_EQ(DueQuoteReminder(7, 3, quote, Day(2026, 12, 9)), std::nullopt);
  EXPECT_EQ(DueQuoteReminder(7, 3, quote, Day(2026, 12, 28)), QuoteReminderKind::kExpiry);
  EXPECT_EQ(DueQuoteReminder(7, 0, quote, Day(2026, 12, 28)), std::nullopt);
  quote.expiry_sent = true;
  EXPECT_EQ(DueQuoteReminder(7, 3, quote, Day(2026, 12, 29)), std::nullopt);
}

TEST(Reminders, QuoteFollowUpsSkipNonWorkingDaysTheSendingDayAndExpiredQuotes) {
  const QuoteReminderCandidate quote{Day(2026, 12, 1), Day(2026, 12, 31)};
  EXPECT_EQ(DueQuoteReminder(7, 3, quote, Day(2026, 12, 12)), std::nullopt);  // Saturday
  EXPECT_EQ(DueQuoteReminder(7, 3, quote, Day(2026, 12, 14)), QuoteReminderKind::kFollowup);
  EXPECT_EQ(DueQuoteReminder(7, 3, quote, Day(2026, 12, 25)), std::nullopt);  // Christmas
  EXPECT_EQ(DueQuoteReminder(7, 3, quote, Day(2027, 1, 4)), std::nullopt);    // past validity
  // Valid two days only: the expiry notice cannot go out the day it was sent, and comes the
  // next working day instead of a follow-up.
  const QuoteReminderCandidate short_lived{Day(2026, 12, 1), Day(2026, 12, 3)};
  EXPECT_EQ(DueQuoteReminder(0, 3, short_lived, Day(2026, 12, 1)), std::nullopt);
  EXPECT_EQ(DueQuoteReminder(1, 3, short_lived, Day(2026, 12, 2)), QuoteReminderKind::kExpiry);
  EXPECT_EQ(QuoteReminderKindName(QuoteReminderKind::kExpiry), "expiry");
  EXPECT_EQ(QuoteReminderKindName(QuoteReminderKind::kFollowup), "followup");
}

TEST(Reminders, TheFormalNoticeNamesThePenaltiesAndTheIndemnityForBusinesses) {
  EXPECT_EQ(LatePaymentNotice(1000, false),
            "Conformément à l'article L441-10 du Code de commerce, des pénalités de retard au "
            "taux de 10 % l'an courent depuis le lendemain de l'échéance.");
  auto business = LatePaymentNotice(1215, true);
  EXPECT_NE(business.find("12,15 %"), std::string::npos) << business;
  EXPECT_NE(business.find("40 € pour frais de recouvrement"), std::string::npos);
  EXPECT_NE(LatePaymentNotice(1250, false).find("12,5 %"), std::string::npos);
}

}  // namespace
}  // namespace planify::domain
