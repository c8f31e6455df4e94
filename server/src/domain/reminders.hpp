#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace planify::domain {

// Payment reminders (relances): an organisation's schedule of steps relative to an invoice's
// due date, the working days they go out on, and which step an invoice is due for today. Pure:
// the job loads, asks, records what went out.

// How a reminder speaks: a courteous nudge, a firmer one, or the formal notice (mise en demeure)
// that names the late-payment penalties and, for a business client, the 40 € fixed indemnity.
enum class ReminderTone { kCourteous, kFirm, kFormal };
[[nodiscard]] std::string_view ReminderToneName(ReminderTone tone);
[[nodiscard]] std::optional<ReminderTone> ParseReminderTone(std::string_view name);

struct ReminderStep {
  int offset_days = 0;  // relative to the due date: −3 = three days before, 7 = a week late
  ReminderTone tone = ReminderTone::kCourteous;
  // Stable key of the step ("due-3", "due+7"): what an invoice's history records, so a step is
  // never sent twice even when the schedule is edited.
  [[nodiscard]] std::string Key() const;
  friend bool operator==(const ReminderStep&, const ReminderStep&) = default;
};

// The default: a courteous reminder 3 days before the due date, then 7 and 15 days late, and the
// formal notice at 30 days.
[[nodiscard]] std::vector<ReminderStep> DefaultReminderSchedule();

// VALIDATION naming "steps" or "steps[i].offset_days": 1 to 6 steps, offsets from −30 to 120
// days, strictly increasing, at most one formal step and only as the last.
[[nodiscard]] Result<std::vector<ReminderStep>> CheckReminderSchedule(
    std::vector<ReminderStep> steps);

// Monday to Friday and not a French public holiday (domain/pricing.hpp's calendar): reminders
// go out only then.
[[nodiscard]] bool IsWorkingDay(std::chrono::year_month_day day);

// What the job knows about one invoice.
struct ReminderCandidate {
  std::chrono::year_month_day due_date{};
  long long remaining_cents = 0;  // still to pay
  bool issued = false;            // issued or partially paid (not draft, paid or cancelled)
  bool disputed = false;
  bool paused = false;         // the invoice's or its client's reminders are paused
  std::set<std::string> sent;  // keys of the steps already sent
};

// The step to send today, or nullopt: none on a day that is not a working day, none for an
// invoice that is paid, credited, cancelled, disputed or paused; otherwise the latest step whose
// day has come that was not sent — and only when no later step was sent already (a schedule edit
// or a missed day never sends an older, milder reminder after a firmer one, and a backlog sends
// one reminder, not all of them).
[[nodiscard]] std::optional<ReminderStep> DueReminder(const std::vector<ReminderStep>& schedule,
                                                      const ReminderCandidate& invoice,
                                                      std::chrono::year_month_day today);

// Quote follow-ups: one nudge `followup_days` after the quote was sent while it is still
// unsigned, and one notice `expiry_notice_days` before it expires (0 = never, for either).
enum class QuoteReminderKind { kFollowup, kExpiry };
[[nodiscard]] std::string_view QuoteReminderKindName(QuoteReminderKind kind);

// What the job knows about one sent, unsigned quote.
struct QuoteReminderCandidate {
  std::chrono::year_month_day sent_on{};      // the day it was sent, in the organisation's zone
  std::chrono::year_month_day valid_until{};  // its last valid day
  bool followup_sent = false;
  bool expiry_sent = false;
};

// The e-mail to send today, or nullopt: only on working days, never the day the quote was sent
// nor after its last valid day, each kind once; the expiry notice wins when both are due, and
// after it no follow-up goes out (the client would get a milder e-mail after the last call).
[[nodiscard]] std::optional<QuoteReminderKind> DueQuoteReminder(int followup_days,
                                                                int expiry_notice_days,
                                                                const QuoteReminderCandidate& quote,
                                                                std::chrono::year_month_day today);

// The formal notice's paragraph: the late-payment penalties at the organisation's rate, and for a
// business client the 40 € fixed recovery indemnity (art. L441-10 and D441-5 du Code de commerce).
[[nodiscard]] std::string LatePaymentNotice(int late_penalty_rate_bp, bool business_client);

}  // namespace planify::domain
