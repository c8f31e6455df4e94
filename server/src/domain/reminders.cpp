#include "domain/reminders.hpp"

#include <algorithm>

#include "domain/pricing.hpp"

namespace planify::domain {

namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

}  // namespace

std::string_view ReminderToneName(ReminderTone tone) {
  switch (tone) {
    case ReminderTone::kCourteous:
      return "courteous";
    case ReminderTone::kFirm:
      return "firm";
    case ReminderTone::kFormal:
      return "formal";
  }
  return "courteous";
}

std::optional<ReminderTone> ParseReminderTone(std::string_view name) {
  for (auto tone : {ReminderTone::kCourteous, ReminderTone::kFirm, ReminderTone::kFormal}) {
    if (ReminderToneName(tone) == name) return tone;
  }
  return std::nullopt;
}

std::string ReminderStep::Key() const {
  return offset_days < 0 ? "due" + std::to_string(offset_days)
                         : "due+" + std::to_string(offset_days);
}

std::vector<ReminderStep> DefaultReminderSchedule() {
  return {{-3, ReminderTone::kCourteous},
          {7, ReminderTone::kCourteous},
          {15, ReminderTone::kFirm},
          {30, ReminderTone::kFormal}};
}

Result<std::vector<ReminderStep>> CheckReminderSchedule(std::vector<ReminderStep> steps) {
  if (steps.empty() || steps.size() > 6) {
    return Fail(ErrorCode::kValidation, "Programme de relances invalide.",
                {{"steps", "De 1 à 6 relances."}});
  }
  std::vector<FieldError> fields;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& s = steps[i];
    const std::string field = "steps[" + std::to_string(i) + "].offset_days";
    if (s.offset_days < -30 || s.offset_days > 120) {
      fields.push_back({field, "Entre 30 jours avant et 120 jours après l'échéance."});
    } else if (i > 0 && s.offset_days <= steps[i - 1].offset_days) {
      fields.push_back({field, "Chaque relance vient après la précédente."});
    }
    if (s.tone == ReminderTone::kFormal && i + 1 != steps.size()) {
      fields.push_back(
          {"steps[" + std::to_string(i) + "].tone", "La mise en demeure est la dernière relance."});
    }
  }
  if (!fields.empty()) {
    return Fail(ErrorCode::kValidation, "Programme de relances invalide.", std::move(fields));
  }
  return steps;
}

bool IsWorkingDay(year_month_day d) {
  const std::chrono::weekday w{sys_days{d}};
  if (w == std::chrono::Saturday || w == std::chrono::Sunday) return false;
  return !IsFrenchPublicHoliday(d);
}

std::optional<ReminderStep> DueReminder(const std::vector<ReminderStep>& schedule,
                                        const ReminderCandidate& invoice, year_month_day today) {
  if (!IsWorkingDay(today)) return std::nullopt;
  if (!invoice.issued || invoice.disputed || invoice.paused || invoice.remaining_cents <= 0) {
    return std::nullopt;
  }
  std::optional<ReminderStep> due;
  bool later_sent = false;
  for (auto it = schedule.rbegin(); it != schedule.rend(); ++it) {
    const sys_days on = sys_days{invoice.due_date} + days{it->offset_days};
    if (invoice.sent.contains(it->Key())) {
      later_sent = true;
      break;
    }
    if (on <= sys_days{today}) {
      due = *it;
      break;
    }
  }
  if (later_sent) return std::nullopt;
  return due;
}

std::string_view QuoteReminderKindName(QuoteReminderKind kind) {
  return kind == QuoteReminderKind::kExpiry ? "expiry" : "followup";
}

std::optional<QuoteReminderKind> DueQuoteReminder(int followup_days, int expiry_notice_days,
                                                  const QuoteReminderCandidate& quote,
                                                  year_month_day today) {
  if (!IsWorkingDay(today)) return std::nullopt;
  const sys_days day{today};
  if (day <= sys_days{quote.sent_on} || day > sys_days{quote.valid_until}) return std::nullopt;
  if (quote.expiry_sent) return std::nullopt;
  if (expiry_notice_days > 0 && day >= sys_days{quote.valid_until} - days{expiry_notice_days}) {
    return QuoteReminderKind::kExpiry;
  }
  if (followup_days > 0 && !quote.followup_sent &&
      day >= sys_days{quote.sent_on} + days{followup_days}) {
    return QuoteReminderKind::kFollowup;
  }
  return std::nullopt;
}

std::string LatePaymentNotice(int late_penalty_rate_bp, bool business_client) {
  std::string rate = std::to_string(late_penalty_rate_bp / 100);
  if (late_penalty_rate_bp % 100 != 0) {
    const int cents = late_penalty_rate_bp % 100;
    rate += "," + std::string(cents < 10 ? "0" : "") + std::to_string(cents);
    while (rate.back() == '0') rate.pop_back();
  }
  std::string text =
      "Conformément à l'article L441-10 du Code de commerce, des pénalités de retard au taux de " +
      rate + " % l'an courent depuis le lendemain de l'échéance";
  if (business_client) {
    text +=
        ", ainsi qu'une indemnité forfaitaire de 40 € pour frais de recouvrement (article "
        "D441-5)";
  }
  return text + ".";
}

}  // namespace planify::domain
