#include "store/personal_data_repository.hpp"

#include <algorithm>
#include <set>

#include "domain/validation.hpp"

namespace planify::store {

namespace {

constexpr const char* kErasedMarker = "[effacé]";

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

ErasureReport PersonalDataRepository::EraseClient(OrganizationId organization, long long id,
                                                  const std::string& erased_name,
                                                  const std::string& now) {
  ErasureReport report;
  const long long org = organization.value;
  auto& sql = *lease_;

  std::string name;
  sql << "SELECT name FROM clients WHERE organization_id = :org AND id = :id", soci::use(org),
      soci::use(id), soci::into(name);

  // Every address the client was written to: its contacts' and its documents' client_email.
  std::set<std::string> addresses;
  {
    soci::rowset<std::string> rows =
        (sql.prepare << "SELECT email FROM client_contacts WHERE organization_id = :org AND "
                        "client_id = :id AND email <> ''",
         soci::use(org), soci::use(id));
    for (const auto& e : rows) addresses.insert(Lower(e));
  }
  for (const char* table : {"quotes", "invoices"}) {
    soci::rowset<std::string> rows =
        (sql.prepare << std::string("SELECT client_email FROM ") + table +
                            " WHERE organization_id = :org AND client_id = :id AND "
                            "client_email <> ''",
         soci::use(org), soci::use(id));
    for (const auto& e : rows) addresses.insert(Lower(e));
  }

  // The issued documents stay as they are (legal retention); say which.
  for (const char* table : {"quotes", "invoices", "credit_notes"}) {
    soci::rowset<std::string> rows =
        (sql.prepare << std::string("SELECT number FROM ") + table +
                            " WHERE organization_id = :org AND client_id = :id AND number IS NOT "
                            "NULL ORDER BY number",
         soci::use(org), soci::use(id));
    for (const auto& n : rows) report.kept_documents.push_back(n);
  }

  const std::string search = domain::FoldForSearch(erased_name);
  sql << "UPDATE clients SET name = :name, siren = '', siret = '', vat_number = '', "
         "billing_line1 = '', billing_line2 = '', billing_postal_code = '', billing_city = '', "
         "service_line1 = '', service_line2 = '', service_postal_code = '', service_city = '', "
         "tags = '[]', notes = '', search_text = :search, reminders_paused = 1, "
         "archived_at = COALESCE(archived_at, :now), updated_at = :now2 "
         "WHERE organization_id = :org AND id = :id",
      soci::use(erased_name), soci::use(search), soci::use(now), soci::use(now), soci::use(org),
      soci::use(id);

  {
    soci::statement del = (sql.prepare << "DELETE FROM client_contacts WHERE organization_id = "
                                          ":org AND client_id = :id",
                           soci::use(org), soci::use(id));
    del.execute(true);
    report.contacts_deleted = del.get_affected_rows();
  }

  // Missions: what describes the event stays (dates, crew, equipment, status); what describes
  // the person goes. A title naming the client is replaced.
  {
    std::vector<std::pair<long long, std::string>> missions;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, title FROM missions WHERE organization_id = :org AND "
                        "client_id = :id",
         soci::use(org), soci::use(id));
    for (const auto& r : rows) missions.emplace_back(GetInt64(r, 0), RowText(r, 1));
    const std::string folded_name = domain::FoldForSearch(name);
    for (const auto& [mission, title] : missions) {
      const bool names_client = !folded_name.empty() &&
                                domain::FoldForSearch(title).find(folded_name) != std::string::npos;
      const std::string new_title = names_client ? "Mission — " + erased_name : title;
      const std::string mission_search = domain::FoldForSearch(new_title);
      sql << "UPDATE missions SET title = :title, address = '', description = '', notes = '', "
             "custom_fields = '{}', cancellation_reason = '', search_text = :search, "
             "updated_at = :now WHERE organization_id = :org AND id = :id",
          soci::use(new_title), soci::use(mission_search), soci::use(now), soci::use(org),
          soci::use(mission);
      ++report.missions_cleared;
    }
  }

  // Drafts (no number): nothing was issued to keep.
  for (const char* table : {"quotes", "invoices"}) {
    soci::statement drafts =
        (sql.prepare << std::string("UPDATE ") + table +
                            " SET client_name = :name, client_email = '', client_snapshot = "
                            "'{}', updated_at = :now WHERE organization_id = :org AND client_id "
                            "= :id AND number IS NULL",
         soci::use(erased_name), soci::use(now), soci::use(org), soci::use(id));
    drafts.execute(true);
    report.drafts_cleared += drafts.get_affected_rows();
  }

  // E-mails written to the client: recipient, subject, bodies and attachments go; the row stays
  // (the organisation's outbox keeps that something was sent, and when).
  const std::string marker = kErasedMarker;
  for (const auto& address : addresses) {
    sql << "DELETE FROM email_attachments WHERE email_id IN (SELECT id FROM emails WHERE "
           "organization_id = :org AND lower(to_address) = :address)",
        soci::use(org), soci::use(address);
    soci::statement mails =
        (sql.prepare << "UPDATE emails SET to_address = 'efface@invalid', to_name = NULL, "
                        "reply_to = NULL, subject = :marker, html_body = :marker2, text_body = "
                        ":marker3, updated_at = :now WHERE organization_id = :org AND "
                        "lower(to_address) = :address",
         soci::use(marker), soci::use(marker), soci::use(marker), soci::use(now), soci::use(org),
         soci::use(address));
    mails.execute(true);
    report.emails_cleared += mails.get_affected_rows();
  }
  return report;
}

}  // namespace planify::store
