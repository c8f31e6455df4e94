#include "store/reminders_repository.hpp"

#include <map>

#include "store/sql_params.hpp"

namespace planify::store {

std::optional<ReminderSettingsRow> RemindersRepository::FindSettings(OrganizationId org) {
  std::optional<ReminderSettingsRow> out;
  SqlParams p;
  p.Int("org", org.value);
  p.ForEachRow(lease_,
               "SELECT enabled, steps, send_hour, quote_followup_days, quote_expiry_notice_days, "
               "crew_reminder_hour FROM reminder_settings WHERE organization_id = :org",
               [&](const soci::row& row) {
                 ReminderSettingsRow r;
                 r.enabled = GetInt64(row, 0) != 0;
                 r.steps_json = RowText(row, 1);
                 r.send_hour = static_cast<int>(GetInt64(row, 2));
                 r.quote_followup_days = static_cast<int>(GetInt64(row, 3));
                 r.quote_expiry_notice_days = static_cast<int>(GetInt64(row, 4));
                 r.crew_reminder_hour = static_cast<int>(GetInt64(row, 5));
                 out = r;
               });
  return out;
}

void RemindersRepository::SaveSettings(OrganizationId org, const ReminderSettingsRow& row,
                                       const std::string& now) {
  SqlParams p;
  p.Int("org", org.value)
      .Int("enabled", row.enabled ? 1 : 0)
      .Text("steps", row.steps_json)
      .Int("hour", row.send_hour)
      .Int("followup", row.quote_followup_days)
      .Int("expiry", row.quote_expiry_notice_days)
      .Int("crew", row.crew_reminder_hour)
      .Text("now", now);
  p.Execute(lease_,
            "INSERT INTO reminder_settings (organization_id, enabled, steps, send_hour, "
            "quote_followup_days, quote_expiry_notice_days, crew_reminder_hour, updated_at) "
            "VALUES (:org, :enabled, :steps, :hour, :followup, :expiry, :crew, :now) ON CONFLICT "
            "(organization_id) DO UPDATE SET enabled = excluded.enabled, steps = excluded.steps, "
            "send_hour = excluded.send_hour, quote_followup_days = excluded.quote_followup_days, "
            "quote_expiry_notice_days = excluded.quote_expiry_notice_days, crew_reminder_hour = "
            "excluded.crew_reminder_hour, updated_at = excluded.updated_at");
}

std::vector<OrganizationId> RemindersRepository::OrganizationsWithOpenInvoices() {
  std::vector<OrganizationId> out;
  SqlParams p;
  p.ForEachRow(lease_,
               "SELECT DISTINCT organization_id FROM invoices WHERE status IN ('issued', "
               "'partially_paid') AND due_date IS NOT NULL ORDER BY organization_id",
               [&](const soci::row& row) { out.push_back(OrganizationId{GetInt64(row, 0)}); });
  return out;
}

std::vector<long long> RemindersRepository::NewlyOverdue(OrganizationId org,
                                                         const std::string& today) {
  std::vector<long long> out;
  SqlParams p;
  p.Int("org", org.value);
  p.Text("today", today);
  p.ForEachRow(lease_,
               "SELECT i.id FROM invoices i WHERE i.organization_id = :org AND i.status IN "
               "('issued', 'partially_paid') AND i.due_date IS NOT NULL AND CAST(i.due_date AS "
               "TEXT) < :today AND i.total_gross_cents - i.prepaid_cents - "
               "i.amount_credited_cents - i.amount_paid_cents > 0 AND NOT EXISTS (SELECT 1 FROM "
               "business_events e WHERE e.organization_id = i.organization_id AND e.name = "
               "'invoice_overdue' AND e.subject_type = 'invoice' AND e.subject_id = CAST(i.id AS "
               "TEXT)) ORDER BY i.id",
               [&](const soci::row& row) { out.push_back(GetInt64(row, 0)); });
  return out;
}

std::vector<ReminderInvoice> RemindersRepository::OpenInvoices(OrganizationId org) {
  std::vector<ReminderInvoice> out;
  std::map<long long, std::size_t> index;
  SqlParams p;
  p.Int("org", org.value);
  p.ForEachRow(
      lease_,
      "SELECT i.id, i.number, i.client_name, i.client_email, i.client_is_business, "
      "CAST(i.due_date AS TEXT), i.total_gross_cents - i.prepaid_cents - i.amount_credited_cents "
      "- i.amount_paid_cents FROM invoices i LEFT JOIN clients c ON c.id = i.client_id WHERE "
      "i.organization_id = :org AND i.status IN ('issued', 'partially_paid') AND i.due_date IS "
      "NOT NULL AND i.reminders_paused = 0 AND COALESCE(c.reminders_paused, 0) = 0 AND "
      "i.disputed_at IS NULL AND i.total_gross_cents - i.prepaid_cents - "
      "i.amount_credited_cents - i.amount_paid_cents > 0 ORDER BY i.id",
      [&](const soci::row& row) {
        ReminderInvoice r;
        r.id = GetInt64(row, 0);
        r.number = RowText(row, 1);
        r.client_name = RowText(row, 2);
        r.client_email = RowText(row, 3);
        r.client_is_business = GetInt64(row, 4) != 0;
        r.due_date = RowText(row, 5);
        r.remaining_cents = GetInt64(row, 6);
        index[r.id] = out.size();
        out.push_back(std::move(r));
      });
  SqlParams sent;
  sent.Int("org", org.value);
  sent.ForEachRow(lease_,
                  "SELECT r.invoice_id, r.step FROM invoice_reminders r JOIN invoices i ON i.id = "
                  "r.invoice_id WHERE r.organization_id = :org AND i.status IN ('issued', "
                  "'partially_paid')",
                  [&](const soci::row& row) {
                    auto it = index.find(GetInt64(row, 0));
                    if (it != index.end()) out[it->second].sent.insert(RowText(row, 1));
                  });
  return out;
}

bool RemindersRepository::RecordReminder(OrganizationId org, long long invoice_id,
                                         const std::string& step, const std::string& tone,
                                         const std::string& sent_on, const std::string& now) {
  long long org_id = org.value;
  std::string step_v = step;
  std::string tone_v = tone;
  std::string day = sent_on;
  std::string stamp = now;
  soci::statement insert =
      (lease_->prepare << "INSERT INTO invoice_reminders (organization_id, invoice_id, step, "
                          "tone, sent_on, created_at) VALUES (:org, :invoice, :step, :tone, "
                          ":day, :now) ON CONFLICT (invoice_id, step) DO NOTHING",
       soci::use(org_id, "org"), soci::use(invoice_id, "invoice"), soci::use(step_v, "step"),
       soci::use(tone_v, "tone"), soci::use(day, "day"), soci::use(stamp, "now"));
  insert.execute(true);
  return insert.get_affected_rows() == 1;
}

void RemindersRepository::AttachEmail(OrganizationId org, long long invoice_id,
                                      const std::string& step, long long email_id) {
  SqlParams p;
  p.Int("email", email_id).Int("org", org.value).Int("invoice", invoice_id).Text("step", step);
  p.Execute(lease_,
            "UPDATE invoice_reminders SET email_id = :email WHERE organization_id = :org AND "
            "invoice_id = :invoice AND step = :step");
}

std::vector<ReminderHistoryRow> RemindersRepository::History(OrganizationId org,
                                                             long long invoice_id) {
  std::vector<ReminderHistoryRow> out;
  SqlParams p;
  p.Int("org", org.value).Int("invoice", invoice_id);
  p.ForEachRow(lease_,
               "SELECT r.step, r.tone, CAST(r.sent_on AS TEXT), r.email_id, COALESCE(e.status, "
               "''), COALESCE(e.to_address, ''), CAST(r.created_at AS TEXT) FROM "
               "invoice_reminders r LEFT JOIN emails e ON e.id = r.email_id WHERE "
               "r.organization_id = :org AND r.invoice_id = :invoice ORDER BY r.id",
               [&](const soci::row& row) {
                 ReminderHistoryRow h;
                 h.step = RowText(row, 0);
                 h.tone = RowText(row, 1);
                 h.sent_on = RowText(row, 2);
                 h.email_id = RowOptInt(row, 3);
                 h.email_status = RowText(row, 4);
                 h.to_address = RowText(row, 5);
                 h.created_at = RowTimestamp(row, 6);
                 out.push_back(std::move(h));
               });
  return out;
}

std::vector<OrganizationId> RemindersRepository::OrganizationsWithSentQuotes() {
  std::vector<OrganizationId> out;
  SqlParams p;
  p.ForEachRow(lease_,
               "SELECT DISTINCT organization_id FROM quotes WHERE status = 'sent' AND "
               "public_token_sealed IS NOT NULL ORDER BY organization_id",
               [&](const soci::row& row) { out.push_back(OrganizationId{GetInt64(row, 0)}); });
  return out;
}

std::vector<ReminderQuote> RemindersRepository::SentQuotes(OrganizationId org) {
  std::vector<ReminderQuote> out;
  std::map<long long, std::size_t> index;
  SqlParams p;
  p.Int("org", org.value);
  p.ForEachRow(
      lease_,
      "SELECT q.id, q.number, q.client_name, q.client_email, q.total_gross_cents, "
      "CAST(q.valid_until AS TEXT), CAST(COALESCE(q.sent_at, q.send_requested_at) AS TEXT), "
      "q.public_token_hash, q.public_token_sealed FROM quotes q LEFT JOIN clients c ON c.id = "
      "q.client_id WHERE q.organization_id = :org AND q.status = 'sent' AND q.valid_until IS NOT "
      "NULL AND q.public_token_hash IS NOT NULL AND q.public_token_sealed IS NOT NULL AND "
      "COALESCE(q.sent_at, q.send_requested_at) IS NOT NULL AND COALESCE(c.reminders_paused, 0) "
      "= 0 ORDER BY q.id",
      [&](const soci::row& row) {
        ReminderQuote r;
        r.id = GetInt64(row, 0);
        r.number = RowText(row, 1);
        r.client_name = RowText(row, 2);
        r.client_email = RowText(row, 3);
        r.gross_cents = GetInt64(row, 4);
        r.valid_until = RowText(row, 5);
        r.sent_at = RowTimestamp(row, 6);
        r.public_token_hash = RowText(row, 7);
        r.public_token_sealed = RowText(row, 8);
        index[r.id] = out.size();
        out.push_back(std::move(r));
      });
  SqlParams sent;
  sent.Int("org", org.value);
  sent.ForEachRow(lease_,
                  "SELECT r.quote_id, r.kind FROM quote_reminders r JOIN quotes q ON q.id = "
                  "r.quote_id WHERE r.organization_id = :org AND q.status = 'sent'",
                  [&](const soci::row& row) {
                    auto it = index.find(GetInt64(row, 0));
                    if (it != index.end()) out[it->second].sent.insert(RowText(row, 1));
                  });
  return out;
}

bool RemindersRepository::RecordQuoteReminder(OrganizationId org, long long quote_id,
                                              const std::string& kind, const std::string& sent_on,
                                              const std::string& now) {
  long long org_id = org.value;
  std::string kind_v = kind;
  std::string day = sent_on;
  std::string stamp = now;
  soci::statement insert =
      (lease_->prepare << "INSERT INTO quote_reminders (organization_id, quote_id, kind, sent_on, "
                          "created_at) VALUES (:org, :quote, :kind, :day, :now) ON CONFLICT "
                          "(quote_id, kind) DO NOTHING",
       soci::use(org_id, "org"), soci::use(quote_id, "quote"), soci::use(kind_v, "kind"),
       soci::use(day, "day"), soci::use(stamp, "now"));
  insert.execute(true);
  return insert.get_affected_rows() == 1;
}

void RemindersRepository::AttachQuoteEmail(OrganizationId org, long long quote_id,
                                           const std::string& kind, long long email_id) {
  SqlParams p;
  p.Int("email", email_id).Int("org", org.value).Int("quote", quote_id).Text("kind", kind);
  p.Execute(lease_,
            "UPDATE quote_reminders SET email_id = :email WHERE organization_id = :org AND "
            "quote_id = :quote AND kind = :kind");
}

std::vector<ReminderHistoryRow> RemindersRepository::QuoteHistory(OrganizationId org,
                                                                  long long quote_id) {
  std::vector<ReminderHistoryRow> out;
  SqlParams p;
  p.Int("org", org.value).Int("quote", quote_id);
  p.ForEachRow(lease_,
               "SELECT r.kind, CAST(r.sent_on AS TEXT), r.email_id, COALESCE(e.status, ''), "
               "COALESCE(e.to_address, ''), CAST(r.created_at AS TEXT) FROM quote_reminders r "
               "LEFT JOIN emails e ON e.id = r.email_id WHERE r.organization_id = :org AND "
               "r.quote_id = :quote ORDER BY r.id",
               [&](const soci::row& row) {
                 ReminderHistoryRow h;
                 h.step = RowText(row, 0);
                 h.sent_on = RowText(row, 1);
                 h.email_id = RowOptInt(row, 2);
                 h.email_status = RowText(row, 3);
                 h.to_address = RowText(row, 4);
                 h.created_at = RowTimestamp(row, 5);
                 out.push_back(std::move(h));
               });
  return out;
}

bool RemindersRepository::SetInvoicePaused(OrganizationId org, long long invoice_id, bool paused) {
  long long org_id = org.value;
  int value = paused ? 1 : 0;
  soci::statement st =
      (lease_->prepare << "UPDATE invoices SET reminders_paused = :paused WHERE "
                          "organization_id = :org AND id = :id",
       soci::use(value, "paused"), soci::use(org_id, "org"), soci::use(invoice_id, "id"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

bool RemindersRepository::SetClientPaused(OrganizationId org, long long client_id, bool paused) {
  long long org_id = org.value;
  int value = paused ? 1 : 0;
  soci::statement st =
      (lease_->prepare << "UPDATE clients SET reminders_paused = :paused WHERE "
                          "organization_id = :org AND id = :id",
       soci::use(value, "paused"), soci::use(org_id, "org"), soci::use(client_id, "id"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::optional<bool> RemindersRepository::InvoicePaused(OrganizationId org, long long invoice_id) {
  std::optional<bool> out;
  SqlParams p;
  p.Int("org", org.value).Int("id", invoice_id);
  p.ForEachRow(lease_,
               "SELECT reminders_paused FROM invoices WHERE organization_id = :org AND id = :id",
               [&](const soci::row& row) { out = GetInt64(row, 0) != 0; });
  return out;
}

namespace {

constexpr const char* kCrewSelect =
    "SELECT m.id, m.title, CAST(m.starts_at AS TEXT), COALESCE(v.name, m.address), u.id, "
    "u.email, u.display_name FROM mission_crew c JOIN missions m ON m.id = c.mission_id JOIN "
    "users u ON u.id = c.user_id JOIN memberships ms ON ms.organization_id = c.organization_id "
    "AND ms.user_id = c.user_id LEFT JOIN venues v ON v.id = m.venue_id ";

CrewNotice ReadNotice(const soci::row& row) {
  CrewNotice n;
  n.mission_id = GetInt64(row, 0);
  n.title = RowText(row, 1);
  n.starts_at = RowTimestamp(row, 2);
  n.venue = RowText(row, 3);
  n.user_id = GetInt64(row, 4);
  n.email = RowText(row, 5);
  n.name = RowText(row, 6);
  return n;
}

}  // namespace

std::vector<CrewNotice> RemindersRepository::NewAssignments(OrganizationId org,
                                                            const std::string& now,
                                                            const std::string& since) {
  std::vector<CrewNotice> out;
  SqlParams p;
  p.Int("org", org.value).Text("now", now).Text("since", since);
  p.ForEachRow(lease_,
               std::string(kCrewSelect) +
                   "WHERE c.organization_id = :org AND m.status IN ('planned', 'confirmed') AND "
                   "m.starts_at > :now AND c.created_at >= :since AND NOT EXISTS (SELECT 1 FROM "
                   "mission_notifications n WHERE n.mission_id = m.id AND n.user_id = u.id AND "
                   "n.kind = 'assigned') ORDER BY m.id, u.id",
               [&](const soci::row& row) { out.push_back(ReadNotice(row)); });
  return out;
}

std::vector<CrewNotice> RemindersRepository::DayBefore(OrganizationId org, const std::string& from,
                                                       const std::string& to) {
  std::vector<CrewNotice> out;
  SqlParams p;
  p.Int("org", org.value).Text("from", from).Text("to", to);
  p.ForEachRow(lease_,
               std::string(kCrewSelect) +
                   "WHERE c.organization_id = :org AND m.status IN ('planned', 'confirmed', "
                   "'in_progress') AND m.starts_at >= :from AND m.starts_at < :to AND NOT EXISTS "
                   "(SELECT 1 FROM mission_notifications n WHERE n.mission_id = m.id AND n.user_id "
                   "= u.id AND n.kind = 'day_before' AND n.mission_starts_at = m.starts_at) ORDER "
                   "BY m.id, u.id",
               [&](const soci::row& row) { out.push_back(ReadNotice(row)); });
  return out;
}

std::vector<OrganizationId> RemindersRepository::OrganizationsWithCrew(const std::string& now) {
  std::vector<OrganizationId> out;
  SqlParams p;
  p.Text("now", now);
  p.ForEachRow(lease_,
               "SELECT DISTINCT m.organization_id FROM missions m JOIN mission_crew c ON "
               "c.mission_id = m.id WHERE m.starts_at > :now AND m.status IN ('planned', "
               "'confirmed', 'in_progress') ORDER BY m.organization_id",
               [&](const soci::row& row) { out.push_back(OrganizationId{GetInt64(row, 0)}); });
  return out;
}

bool RemindersRepository::RecordMissionNotice(OrganizationId org, const CrewNotice& notice,
                                              const std::string& kind, const std::string& now) {
  long long org_id = org.value;
  long long mission = notice.mission_id;
  long long user = notice.user_id;
  std::string kind_v = kind;
  std::string starts = notice.starts_at;
  std::string stamp = now;
  soci::statement insert =
      (lease_->prepare << "INSERT INTO mission_notifications (organization_id, mission_id, "
                          "user_id, kind, mission_starts_at, created_at) VALUES (:org, :mission, "
                          ":user, :kind, :starts, :now) ON CONFLICT (mission_id, user_id, kind, "
                          "mission_starts_at) DO NOTHING",
       soci::use(org_id, "org"), soci::use(mission, "mission"), soci::use(user, "user"),
       soci::use(kind_v, "kind"), soci::use(starts, "starts"), soci::use(stamp, "now"));
  insert.execute(true);
  return insert.get_affected_rows() == 1;
}

void RemindersRepository::AttachMissionEmail(OrganizationId org, const CrewNotice& notice,
                                             const std::string& kind, long long email_id) {
  SqlParams p;
  p.Int("email", email_id)
      .Int("org", org.value)
      .Int("mission", notice.mission_id)
      .Int("user", notice.user_id)
      .Text("kind", kind)
      .Text("starts", notice.starts_at);
  p.Execute(lease_,
            "UPDATE mission_notifications SET email_id = :email WHERE organization_id = :org AND "
            "mission_id = :mission AND user_id = :user AND kind = :kind AND mission_starts_at = "
            ":starts");
}

}  // namespace planify::store
