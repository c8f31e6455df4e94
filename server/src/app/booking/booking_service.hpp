#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "app/booking/ratings_service.hpp"
#include "app/ports.hpp"
#include "domain/booking.hpp"
#include "store/booking_repository.hpp"
#include "store/clients_repository.hpp"

// Public booking requests and the office's inbox (issue 19, docs/booking.md).
namespace planify::app {

struct OfferedService {
  long long id = 0;
  std::string name;
  std::string description;
};

// What the public page shows: the organisation's face, its offer, and a form token that proves
// when the form was served (the minimum fill time).
struct BookingPage {
  OrganizationId organization;
  std::string name;
  std::string logo_url;
  std::string brand_color;
  std::string intro;
  std::vector<std::string> event_types;
  std::vector<OfferedService> services;
  std::string form_token;
  std::string min_date;  // YYYY-MM-DD: tomorrow in the organisation's zone
  std::string time_zone;
  std::vector<std::string> frame_ancestors;
  // Consented ratings, when the organisation shows them: the newest six, and the average and
  // count of the newest fifty.
  std::vector<PublicReview> reviews;
  int average_hundredths = 0;
  long long review_count = 0;
};

// Whether a date looks free; never who or what holds it.
struct AvailabilityAnswer {
  std::string date;
  bool available = false;
  std::vector<std::string> alternatives;  // the nearest free dates (at most 3, future only)
};

struct BookingReceipt {
  std::string reference;
  bool available = false;
};

// The public form as posted: the fields, the served token and the honeypot.
struct BookingSubmission {
  domain::BookingForm form;
  std::string form_token;
  std::string honeypot;  // a field people never see: a bot fills it
};

struct BookingDetail {
  store::BookingRequestRow request;
  std::vector<store::BookingMessageRow> messages;
  std::vector<store::DuplicateClient> similar_clients;  // before accepting
  std::string proposed_user_name;
};

struct BookingList {
  std::vector<store::BookingRequestRow> items;
  long long total = 0;
  store::BookingCounts counts;
};

struct AcceptInput {
  std::optional<long long> client_id;  // reuse this client instead of creating one
  bool allow_duplicate = false;        // create a client even though it looks like one
  std::optional<long long> pricing_rule_id;
  std::string override_reason;  // plan the mission despite conflicts
};

struct AcceptResult {
  long long client_id = 0;
  long long mission_id = 0;
  long long quote_id = 0;
  bool created = false;  // false: the request was already accepted (another tab)
};

class BookingService {
 public:
  BookingService(store::Database& db, const Clock& clock, const Cipher& cipher,
                 std::string public_url)
      : db_(db), clock_(clock), cipher_(cipher), public_url_(std::move(public_url)) {}

  // ---- public (no session): NOT_FOUND when the slug is unknown or its page is off.
  [[nodiscard]] Result<BookingPage> PublicPage(const std::string& slug);
  // The organisation's framing policy for the embeddable form ("" when the page is off).
  [[nodiscard]] std::vector<std::string> FrameAncestors(const std::string& slug);
  // VALIDATION on a bad date or times; RATE_LIMITED beyond 60 checks a minute per IP.
  [[nodiscard]] Result<AvailabilityAnswer> Availability(const std::string& slug,
                                                        const std::string& date,
                                                        const std::string& start_time,
                                                        const std::string& end_time,
                                                        const RequestMeta& meta);
  // Stores a new request, e-mails the visitor and the office. RATE_LIMITED beyond 10 posts per
  // 10 minutes per IP (every post counts) or 5 requests a day per e-mail address; VALIDATION on
  // field errors or a form token that is missing, altered, older than a day or younger than the
  // minimum fill time. A filled honeypot gets a receipt and nothing is stored.
  [[nodiscard]] Result<BookingReceipt> Submit(const std::string& slug, BookingSubmission input,
                                              const RequestMeta& meta);

  // ---- office (bookings.manage)
  [[nodiscard]] Result<store::BookingSettingsRow> Settings(const Principal& actor);
  // VALIDATION: intro 2,000; at most 30 event types of 80; services must be the organisation's
  // active catalogue items (at most 40); frame origins https://host[:port] (at most 10) or "*".
  [[nodiscard]] Result<store::BookingSettingsRow> SaveSettings(const Principal& actor,
                                                               const RequestMeta& meta,
                                                               store::BookingSettingsRow input);
  [[nodiscard]] Result<BookingList> List(const Principal& actor, store::BookingFilter filter);
  [[nodiscard]] Result<BookingDetail> Get(const Principal& actor, long long id);
  // CONFLICT when the move is not allowed (domain::CanMoveBooking).
  [[nodiscard]] Result<BookingDetail> SetStatus(const Principal& actor, const RequestMeta& meta,
                                                long long id, const std::string& status);
  // E-mails `message` (1–5,000 characters) to the visitor; a new request moves to in discussion.
  [[nodiscard]] Result<BookingDetail> Reply(const Principal& actor, const RequestMeta& meta,
                                            long long id, const std::string& message);
  // Creates (or reuses) the client, the planned mission (conflicts checked) and a draft quote
  // priced from the chosen services and `pricing_rule_id`, in one transaction; a request
  // already accepted answers its existing ids with created = false. CONFLICT when the request
  // is lost or spam, when the client looks like an existing one (unless allow_duplicate or
  // client_id), when the mission conflicts (unless override_reason), or, with the two-step
  // option, when the proposed performer has not confirmed the date.
  [[nodiscard]] Result<AcceptResult> Accept(const Principal& actor, const RequestMeta& meta,
                                            long long id, const AcceptInput& input);
  // Lost with `reason` (required, 500); when `notify`, a polite e-mail in the visitor's
  // language. CONFLICT once accepted.
  [[nodiscard]] Result<BookingDetail> Decline(const Principal& actor, const RequestMeta& meta,
                                              long long id, const std::string& reason, bool notify);
  // Two-step validation: a manager proposes the date to a performer (a DJ member)…
  [[nodiscard]] Result<BookingDetail> Propose(const Principal& actor, const RequestMeta& meta,
                                              long long id, long long user_id);
  // …who accepts or refuses it (the proposed performer only; NOT_FOUND for anyone else).
  [[nodiscard]] Result<BookingDetail> AnswerProposal(const Principal& actor,
                                                     const RequestMeta& meta, long long id,
                                                     bool accept);
  // Requests proposed to the caller and not yet answered.
  [[nodiscard]] Result<std::vector<store::BookingRequestRow>> Proposals(const Principal& actor);

 private:
  store::Database& db_;
  const Clock& clock_;
  const Cipher& cipher_;
  std::string public_url_;
};

}  // namespace planify::app
