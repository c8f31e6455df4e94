#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

// An organisation's reminder settings as stored (migration 0025); no row = the defaults.
struct ReminderSettingsRow {
  bool enabled = true;
  std::string steps_json;  // [{"offset_days": -3, "tone": "courteous"}, …]
  int send_hour = 9;
  int quote_followup_days = 7;
  int quote_expiry_notice_days = 3;
  int crew_reminder_hour = 18;
};

// An issued invoice that may need a reminder (not paused, not disputed, money left).
struct ReminderInvoice {
  long long id = 0;
  std::string number;
  std::string client_name;
  std::string client_email;
  bool client_is_business = false;
  std::string due_date;  // YYYY-MM-DD
  long long remaining_cents = 0;
  std::set<std::string> sent;  // steps already sent
};

// A sent, unsigned quote that may need a follow-up or an expiry notice (client not paused, its
// link's token kept sealed).
struct ReminderQuote {
  long long id = 0;
  std::string number;
  std::string client_name;
  std::string client_email;
  long long gross_cents = 0;
  std::string valid_until;  // YYYY-MM-DD
  std::string sent_at;      // ISO UTC: when it was (last) sent
  std::string public_token_hash;
  std::string public_token_sealed;
  std::set<std::string> sent;  // kinds already sent: followup, expiry
};

struct ReminderHistoryRow {
  std::string step;
  std::string tone;
  std::string sent_on;
  std::optional<long long> email_id;
  std::string email_status;  // queued, sent, delivered, bounced, … ("" without an e-mail)
  std::string to_address;
  std::string created_at;
};

// A crew member to tell about a mission (assigned, or the day before).
struct CrewNotice {
  long long mission_id = 0;
  std::string title;
  std::string starts_at;  // ISO UTC
  std::string venue;      // the venue's name, else the mission's address
  long long user_id = 0;
  std::string email;
  std::string name;
};

// Reminder settings, what went out, and the pauses; within one organisation, except the list
// of organisations with invoices to chase (the job's entry point).
class RemindersRepository {
 public:
  explicit RemindersRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] std::optional<ReminderSettingsRow> FindSettings(OrganizationId org);
  void SaveSettings(OrganizationId org, const ReminderSettingsRow& row, const std::string& now);

  // Organisations with issued, unpaid invoices that have a due date.
  [[nodiscard]] std::vector<OrganizationId> OrganizationsWithOpenInvoices();
  // Issued or partially paid, due date set, money left, neither the invoice nor its client
  // paused, not disputed; with the steps already sent.
  [[nodiscard]] std::vector<ReminderInvoice> OpenInvoices(OrganizationId org);
  // Issued invoices still owed whose due date is before `today` (YYYY-MM-DD) and that have no
  // `invoice_overdue` business event yet, by id (reminders paused or not: lateness is a fact).
  [[nodiscard]] std::vector<long long> NewlyOverdue(OrganizationId org, const std::string& today);
  // Records a step as sent; false when it already was (another worker got there first).
  [[nodiscard]] bool RecordReminder(OrganizationId org, long long invoice_id,
                                    const std::string& step, const std::string& tone,
                                    const std::string& sent_on, const std::string& now);
  void AttachEmail(OrganizationId org, long long invoice_id, const std::string& step,
                   long long email_id);
  [[nodiscard]] std::vector<ReminderHistoryRow> History(OrganizationId org, long long invoice_id);

  // Organisations with sent quotes whose link can be sent again.
  [[nodiscard]] std::vector<OrganizationId> OrganizationsWithSentQuotes();
  [[nodiscard]] std::vector<ReminderQuote> SentQuotes(OrganizationId org);
  // False when this kind already went out for the quote (another worker got there first).
  [[nodiscard]] bool RecordQuoteReminder(OrganizationId org, long long quote_id,
                                         const std::string& kind, const std::string& sent_on,
                                         const std::string& now);
  void AttachQuoteEmail(OrganizationId org, long long quote_id, const std::string& kind,
                        long long email_id);
  // What went out for a quote (`step` holds the kind, `tone` is empty).
  [[nodiscard]] std::vector<ReminderHistoryRow> QuoteHistory(OrganizationId org,
                                                             long long quote_id);

  // False when there is no such invoice / client in the organisation.
  bool SetInvoicePaused(OrganizationId org, long long invoice_id, bool paused);
  bool SetClientPaused(OrganizationId org, long long client_id, bool paused);
  [[nodiscard]] std::optional<bool> InvoicePaused(OrganizationId org, long long invoice_id);

  // Members put on a planned or confirmed future mission since `since` (ISO UTC) who were not
  // told yet.
  [[nodiscard]] std::vector<CrewNotice> NewAssignments(OrganizationId org, const std::string& now,
                                                       const std::string& since);
  // Crew of planned, confirmed or running missions starting in [from, to) not reminded yet for
  // that start time.
  [[nodiscard]] std::vector<CrewNotice> DayBefore(OrganizationId org, const std::string& from,
                                                  const std::string& to);
  // Organisations with crew on future missions.
  [[nodiscard]] std::vector<OrganizationId> OrganizationsWithCrew(const std::string& now);
  // False when it was already recorded (another worker).
  [[nodiscard]] bool RecordMissionNotice(OrganizationId org, const CrewNotice& notice,
                                         const std::string& kind, const std::string& now);
  void AttachMissionEmail(OrganizationId org, const CrewNotice& notice, const std::string& kind,
                          long long email_id);

 private:
  Lease& lease_;
};

}  // namespace planify::store
