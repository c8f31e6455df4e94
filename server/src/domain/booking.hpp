#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/conflicts.hpp"
#include "domain/result.hpp"
#include "domain/time.hpp"

// Public booking requests (issue 19, docs/booking.md): what a visitor may send, how the office
// moves a request along, and whether a date looks free — without naming anyone.
namespace planify::domain {

enum class BookingStatus { kNew, kInDiscussion, kQuoted, kWon, kLost, kSpam };

[[nodiscard]] std::string_view BookingStatusName(BookingStatus status);
[[nodiscard]] std::optional<BookingStatus> ParseBookingStatus(std::string_view name);
// The statuses the office may set by hand from `from`: new ↔ in discussion, and lost or spam
// from any open status. Quoted is reached by accepting, won when the quote is signed; lost and
// spam may be reopened (back to new) as long as nothing was created from the request.
[[nodiscard]] bool CanMoveBooking(BookingStatus from, BookingStatus to);
// A request the office can still accept (creating its client, mission and quote).
[[nodiscard]] bool IsAcceptable(BookingStatus status);

inline constexpr std::size_t kBookingMessageMax = 2000;
inline constexpr std::size_t kBookingServicesMax = 20;
inline constexpr std::chrono::seconds kBookingMinFillTime{3};
inline constexpr std::chrono::hours kBookingFormLifetime{24};

// The form as the visitor sent it. Times are the wall clock of the organisation's zone; the
// end date defaults to the start date.
struct BookingForm {
  std::string event_type;
  std::string date;        // YYYY-MM-DD
  std::string start_time;  // HH:MM
  std::string end_date;    // YYYY-MM-DD, "" = `date`
  std::string end_time;    // HH:MM
  std::string place;
  std::optional<long long> guests;
  std::vector<long long> services;  // catalogue item ids the organisation offers
  std::optional<long long> budget_cents;
  std::string message;
  std::string name;
  std::string email;
  std::string phone;
  bool consent = false;
  std::string locale;  // "fr" or "en" (anything else is "fr")
};

// What the organisation offers on its page.
struct BookingOffer {
  std::string time_zone = "Europe/Paris";
  std::vector<std::string> event_types;  // empty = free text
  std::vector<long long> services;       // catalogue item ids
};

struct BookingRequestData {
  std::string event_type;
  Timestamp starts_at{};
  Timestamp ends_at{};
  std::string place;
  std::optional<int> guests;
  std::vector<long long> services;
  std::optional<long long> budget_cents;
  std::string message;
  std::string name;
  std::string email;  // lower-case
  std::string phone;  // E.164: "+33612345678"
  std::string locale;
};

// A phone number as a visitor types it, French ("06 12 34 56 78", "+33 6…", "0033 6…") or
// international ("+44 20 7946 0958"), in E.164 form; nullopt when it is not one.
[[nodiscard]] std::optional<std::string> NormalizePhone(std::string_view raw);

// Cleans and checks a visitor's request: every field named like the form on error. The event
// starts after `now` and within three years, lasts 30 minutes to 48 hours; text fields have
// limits (message 2,000 characters); services must be on offer (at most 20); guests 1–100,000;
// budget 0–10,000,000 €; consent to be contacted is required.
[[nodiscard]] Result<BookingRequestData> ValidateBookingForm(BookingForm form,
                                                             const BookingOffer& offer,
                                                             Timestamp now);

// "DEM-00042": the reference a visitor quotes.
[[nodiscard]] std::string BookingReference(long long sequence);

// Who can take an event, and what they already hold.
struct BookingCapacity {
  // The people who perform (members with the DJ role); empty = a one-person business, which
  // takes one event at a time.
  std::vector<long long> performers;
  std::vector<BookedMission> missions;  // missions near the window, any status
  std::vector<Unavailability> days_off;
  std::chrono::minutes travel_buffer{0};
};

// True when someone is left to take an event over `window`: performers not on a mission that
// holds resources (widened by the travel buffer) nor away, minus the missions that hold
// resources without any performer on their crew.
[[nodiscard]] bool LooksFree(const TimeRange& window, const BookingCapacity& capacity);

}  // namespace planify::domain
