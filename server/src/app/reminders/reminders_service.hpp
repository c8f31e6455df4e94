#pragma once

#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "app/ports.hpp"
#include "domain/reminders.hpp"
#include "jobs/worker.hpp"
#include "store/database.hpp"
#include "store/reminders_repository.hpp"

namespace planify::app {

// An organisation's reminder settings (docs/reminders.md); the defaults until it changes them.
struct ReminderSettings {
  bool enabled = true;
  std::vector<domain::ReminderStep> steps = domain::DefaultReminderSchedule();
  int send_hour = 9;  // in the organisation's zone
  int quote_followup_days = 7;
  int quote_expiry_notice_days = 3;
  int crew_reminder_hour = 18;
};

// Payment reminders: the schedule, the pauses, the history, and the job that sends what is due.
class RemindersService {
 public:
  RemindersService(store::Database& db, const Clock& clock, const Cipher& cipher,
                   std::string public_url)
      : db_(db), clock_(clock), cipher_(cipher), public_url_(std::move(public_url)) {}

  [[nodiscard]] Result<ReminderSettings> Settings(const Principal& actor);
  // VALIDATION naming the bad field (steps[i].offset_days, send_hour, …); nothing is saved.
  [[nodiscard]] Result<ReminderSettings> SaveSettings(const Principal& actor,
                                                      const RequestMeta& meta,
                                                      ReminderSettings settings);
  // What went out for an invoice, with each e-mail's delivery status; NOT_FOUND outside the
  // organisation.
  [[nodiscard]] Result<std::vector<store::ReminderHistoryRow>> History(const Principal& actor,
                                                                       long long invoice_id);
  [[nodiscard]] Result<void> PauseInvoice(const Principal& actor, const RequestMeta& meta,
                                          long long invoice_id, bool paused);
  [[nodiscard]] Result<void> PauseClient(const Principal& actor, const RequestMeta& meta,
                                         long long client_id, bool paused);
  [[nodiscard]] Result<bool> InvoicePaused(const Principal& actor, long long invoice_id);
  // The follow-ups that went out for a quote; NOT_FOUND outside the organisation.
  [[nodiscard]] Result<std::vector<store::ReminderHistoryRow>> QuoteHistory(const Principal& actor,
                                                                            long long quote_id);

  // Sends every reminder due now: per organisation, once its send hour has passed in its zone
  // and only on working days; each step at most once per invoice, whatever number of workers
  // run this at the same time (the step's row and the e-mail are written in one transaction,
  // behind a unique key). Returns how many went out.
  [[nodiscard]] Result<int> RunDue();
  // Records `invoice_overdue` (a business event, audited) once for each invoice whose due date
  // has passed in its organisation's zone and that is still owed; the number recorded.
  [[nodiscard]] Result<int> RecordOverdue();
  // Quote follow-ups, on the same hours and days: "quote.followup" N days after an unsigned
  // quote was sent, "quote.expiring" before its last valid day, with the link the client
  // received (domain::DueQuoteReminder); each once per quote, whatever number of workers.
  [[nodiscard]] Result<int> RunQuotes();
  // The crew's e-mails: "mission.assigned" to a member put on a planned or confirmed future
  // mission (within the hour of the change), "mission.reminder" the day before, from the
  // organisation's crew reminder hour (any day: events happen on weekends). Each once per
  // member and mission (and start time, for the day-before one), whatever number of workers.
  [[nodiscard]] Result<int> RunCrew();

 private:
  store::Database& db_;
  const Clock& clock_;
  const Cipher& cipher_;
  std::string public_url_;
};

// Registers "reminders.run" (scheduled hourly by jobs::SystemSchedules).
void RegisterReminderJobs(jobs::JobRegistry& registry, const Clock& clock, const Cipher& cipher,
                          const std::string& public_url);

// The schedule as stored: [{"offset_days": -3, "tone": "courteous"}, …], and back (a row that
// does not parse gives the default schedule).
[[nodiscard]] std::string ReminderStepsJson(const std::vector<domain::ReminderStep>& steps);
[[nodiscard]] std::vector<domain::ReminderStep> ParseReminderSteps(const std::string& json);

}  // namespace planify::app
