#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/booking.hpp"
#include "domain/ids.hpp"
#include "store/database.hpp"
#include "store/planning_repository.hpp"

namespace planify::store {

struct BookingSettingsRow {
  bool enabled = false;
  std::string intro;
  std::vector<std::string> event_types;
  std::vector<long long> service_ids;
  std::vector<std::string> frame_ancestors;  // origins, or {"*"}
  bool two_step = false;
  bool show_ratings = false;
  // What the client space shows of an upcoming event (docs/booking.md "Client space").
  bool space_show_times = true;
  bool space_show_venue = true;
  bool space_show_lead = false;
  std::string updated_at;  // "" = never saved
};

struct BookedService {
  long long id = 0;
  std::string name;
};

struct BookingRequestRow {
  long long id = 0;
  long long organization = 0;
  long long sequence = 0;
  std::string reference;
  std::string status;
  std::string event_type;
  std::string starts_at;
  std::string ends_at;
  std::string place;
  std::optional<long long> guests;
  std::vector<BookedService> services;
  std::optional<long long> budget_cents;
  std::string message;
  std::string contact_name;
  std::string email;
  std::string phone;
  std::string locale;
  bool looked_free = false;
  std::string decline_reason;
  std::optional<long long> client_id;
  std::optional<long long> mission_id;
  std::optional<long long> quote_id;
  std::optional<long long> accepted_by;
  std::string accepted_at;
  std::optional<long long> proposed_user_id;
  std::string performer_answer;
  std::string performer_answered_at;
  std::string created_at;
  std::string updated_at;
};

struct BookingMessageRow {
  long long id = 0;
  std::optional<long long> author_user_id;
  std::string author_name;
  std::string kind;
  std::string body;
  std::optional<long long> email_id;
  std::string created_at;
};

struct BookingFilter {
  std::string status;  // "" = every status but spam
  std::string query;   // folded words matched against reference, name, e-mail, place
  long long limit = 50;
  long long offset = 0;
};

struct BookingCounts {
  long long total = 0;
  long long fresh = 0;  // status new
};

// Booking settings and requests of one organisation, on the caller's lease.
class BookingRepository {
 public:
  explicit BookingRepository(Lease& lease) : lease_(lease) {}

  // The organisation whose slug this is (any case is folded by the caller).
  [[nodiscard]] std::optional<OrganizationId> OrganizationBySlug(const std::string& slug);
  // Defaults (disabled) when never saved.
  [[nodiscard]] BookingSettingsRow Settings(OrganizationId org);
  void SaveSettings(OrganizationId org, const BookingSettingsRow& settings, const std::string& now);

  // Members with the DJ role whose account is not disabled.
  [[nodiscard]] std::vector<long long> Performers(OrganizationId org);

  // Takes the next sequence number (serialised per organisation on PostgreSQL) and inserts.
  [[nodiscard]] BookingRequestRow Insert(OrganizationId org, const domain::BookingRequestData& data,
                                         const std::vector<BookedService>& services,
                                         bool looked_free, const std::string& now);
  // `lock` takes the row for update on PostgreSQL (SQLite's write transaction already is).
  [[nodiscard]] std::optional<BookingRequestRow> Find(OrganizationId org, long long id,
                                                      bool lock = false);
  [[nodiscard]] std::vector<BookingRequestRow> List(OrganizationId org, const BookingFilter& filter,
                                                    long long* total);
  [[nodiscard]] BookingCounts Counts(OrganizationId org);
  void Update(OrganizationId org, const BookingRequestRow& row, const std::string& now);
  // Requests proposed to `user` (two-step validation) and not answered yet.
  [[nodiscard]] std::vector<BookingRequestRow> ProposedTo(OrganizationId org, long long user);
  // A quote made from a request decides it: accepted (signed) → won; declined or cancelled →
  // lost. Only a request still "quoted" moves; nothing happens for other quotes.
  void FollowQuote(OrganizationId org, long long quote, const std::string& quote_status,
                   const std::string& now);

  long long InsertMessage(OrganizationId org, long long request, std::optional<long long> author,
                          const std::string& kind, const std::string& body,
                          std::optional<long long> email_id, const std::string& now);
  [[nodiscard]] std::vector<BookingMessageRow> Messages(OrganizationId org, long long request);

 private:
  Lease& lease_;
};

}  // namespace planify::store
