#include "domain/booking.hpp"

#include <algorithm>
#include <array>
#include <set>

#include <fmt/format.h>

#include "domain/billing.hpp"
#include "domain/local_time.hpp"
#include "domain/validation.hpp"

namespace planify::domain {

namespace {

constexpr std::array<std::pair<BookingStatus, std::string_view>, 6> kStatusNames{{
    {BookingStatus::kNew, "new"},
    {BookingStatus::kInDiscussion, "in_discussion"},
    {BookingStatus::kQuoted, "quoted"},
    {BookingStatus::kWon, "won"},
    {BookingStatus::kLost, "lost"},
    {BookingStatus::kSpam, "spam"},
}};

// "HH:MM", 00:00–23:59.
std::optional<std::chrono::minutes> ParseClock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (std::size_t i : {0U, 1U, 3U, 4U}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  int hours = (text[0] - '0') * 10 + (text[1] - '0');
  int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) return std::nullopt;
  return std::chrono::minutes(hours * 60 + minutes);
}

bool Overlaps(const TimeRange& a, const TimeRange& b) { return a.start < b.end && b.start < a.end; }

}  // namespace

std::string_view BookingStatusName(BookingStatus status) {
  for (const auto& [s, name] : kStatusNames) {
    if (s == status) return name;
  }
  return "new";
}

std::optional<BookingStatus> ParseBookingStatus(std::string_view name) {
  for (const auto& [s, n] : kStatusNames) {
    if (n == name) return s;
  }
  return std::nullopt;
}

bool CanMoveBooking(BookingStatus from, BookingStatus to) {
  using S = BookingStatus;
  if (from == to) return false;
  switch (to) {
    case S::kNew:
      return from == S::kInDiscussion || from == S::kLost || from == S::kSpam;
    case S::kInDiscussion:
      return from == S::kNew;
    case S::kLost:
      return from == S::kNew || from == S::kInDiscussion || from == S::kQuoted;
    case S::kSpam:
      return from == S::kNew || from == S::kInDiscussion;
    case S::kWon:
      return from == S::kQuoted;
    case S::kQuoted:
      return false;
  }
  return false;
}

bool IsAcceptable(BookingStatus status) {
  return status == BookingStatus::kNew || status == BookingStatus::kInDiscussion;
}

std::optional<std::string> NormalizePhone(std::string_view raw) {
  std::string digits;
  bool plus = false;
  for (char c : raw) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')' && c != '/') {
      return std::nullopt;
    }
  }
  if (!plus && digits.starts_with("00")) {
    plus = true;
    digits.erase(0, 2);
  }
  if (!plus) {
    // French national form: 0 then nine digits, the first of them not 0.
    if (digits.size() != 10 || digits[0] != '0' || digits[1] == '0') return std::nullopt;
    return "+33" + digits.substr(1);
  }
  if (digits.starts_with("33")) {
    // "+33 (0)6 …": the trunk 0 some people keep.
    std::string national = digits.substr(2);
    if (national.size() == 10 && national[0] == '0') national.erase(0, 1);
    if (national.size() != 9 || national[0] == '0') return std::nullopt;
    return "+33" + national;
  }
  // E.164: a country code that does not start with 0, at most 15 digits in all.
  if (digits.size() < 8 || digits.size() > 15 || digits[0] == '0') return std::nullopt;
  return "+" + digits;
}

Result<BookingRequestData> ValidateBookingForm(BookingForm form, const BookingOffer& offer,
                                               Timestamp now) {
  FieldErrors errors;
  BookingRequestData out;
  out.locale = form.locale == "en" ? "en" : "fr";

  form.event_type = Trim(form.event_type);
  if (offer.event_types.empty()) {
    RequireText(errors, "event_type", form.event_type, 80);
  } else if (std::find(offer.event_types.begin(), offer.event_types.end(), form.event_type) ==
             offer.event_types.end()) {
    errors.Add("event_type", "Choisissez un type d'événement de la liste.");
  }
  out.event_type = form.event_type;

  auto day = ParseIsoDate(form.date);
  auto start = ParseClock(form.start_time);
  if (!day) errors.Add("date", "Indiquez une date (AAAA-MM-JJ).");
  if (!start) errors.Add("start_time", "Indiquez une heure de début (HH:MM).");
  auto end_day = form.end_date.empty() ? day : ParseIsoDate(form.end_date);
  auto end = ParseClock(form.end_time);
  if (!end_day) errors.Add("end_date", "Indiquez une date de fin (AAAA-MM-JJ).");
  if (!end) errors.Add("end_time", "Indiquez une heure de fin (HH:MM).");
  if (day && start && end_day && end) {
    using std::chrono::local_days;
    using std::chrono::local_seconds;
    auto local_start = local_seconds(local_days(*day)) + *start;
    auto local_end = local_seconds(local_days(*end_day)) + *end;
    out.starts_at = FromLocal(offer.time_zone, local_start);
    out.ends_at = FromLocal(offer.time_zone, local_end);
    if (out.starts_at <= now) {
      errors.Add("date", "Cette date est passée : choisissez une date à venir.");
    } else if (out.starts_at > now + std::chrono::days(3 * 366)) {
      errors.Add("date", "Les demandes se font au plus trois ans à l'avance.");
    }
    if (out.ends_at <= out.starts_at) {
      errors.Add("end_time", "La fin doit être après le début.");
    } else if (out.ends_at - out.starts_at < std::chrono::minutes(30)) {
      errors.Add("end_time", "Un événement dure au moins 30 minutes.");
    } else if (out.ends_at - out.starts_at > std::chrono::hours(48)) {
      errors.Add("end_time", "Un événement dure au plus 48 heures.");
    }
  }

  RequireText(errors, "place", form.place, 300);
  out.place = Trim(form.place);
  if (form.guests) {
    if (*form.guests < 1 || *form.guests > 100000) {
      errors.Add("guests", "De 1 à 100 000 invités.");
    } else {
      out.guests = static_cast<int>(*form.guests);
    }
  }
  if (form.services.size() > kBookingServicesMax) {
    errors.Add("services", "Choisissez au plus 20 prestations.");
  } else {
    std::set<long long> seen;
    for (long long id : form.services) {
      if (std::find(offer.services.begin(), offer.services.end(), id) == offer.services.end()) {
        errors.Add("services", "Une prestation choisie n'est pas proposée.");
        break;
      }
      if (seen.insert(id).second) out.services.push_back(id);
    }
  }
  if (form.budget_cents && (*form.budget_cents < 0 || *form.budget_cents > 1'000'000'000)) {
    errors.Add("budget_cents", "Un budget de 0 à 10 000 000 €.");
  } else {
    out.budget_cents = form.budget_cents;
  }
  CleanText(errors, "message", form.message, kBookingMessageMax);
  out.message = form.message;

  RequireText(errors, "name", form.name, 120);
  out.name = Trim(form.name);
  out.email = ToLowerAscii(Trim(form.email));
  if (out.email.empty()) {
    errors.Add("email", "Indiquez votre adresse e-mail.");
  } else if (!IsPlausibleEmail(out.email)) {
    errors.Add("email", "Cette adresse e-mail n'est pas valide.");
  }
  if (Trim(form.phone).empty()) {
    errors.Add("phone", "Indiquez un numéro de téléphone.");
  } else if (auto phone = NormalizePhone(form.phone)) {
    out.phone = *phone;
  } else {
    errors.Add("phone", "Numéro invalide : 06 12 34 56 78 ou +44 20 7946 0958.");
  }
  if (!form.consent) {
    errors.Add("consent", "Acceptez d'être recontacté pour que la demande puisse être traitée.");
  }
  if (!errors.empty()) return Fail(errors.ToError());
  return out;
}

std::string BookingReference(long long sequence) { return fmt::format("DEM-{:05d}", sequence); }

bool LooksFree(const TimeRange& window, const BookingCapacity& capacity) {
  const TimeRange widened{window.start - capacity.travel_buffer,
                          window.end + capacity.travel_buffer};
  std::set<long long> busy;
  int unstaffed = 0;
  for (const auto& m : capacity.missions) {
    if (!HoldsResources(m.status) || !Overlaps(widened, m.when)) continue;
    bool staffed = false;
    for (long long user : m.crew) {
      if (std::find(capacity.performers.begin(), capacity.performers.end(), user) !=
          capacity.performers.end()) {
        busy.insert(user);
        staffed = true;
      }
    }
    if (!staffed) ++unstaffed;
  }
  bool away = false;
  for (const auto& off : capacity.days_off) {
    if (Overlaps(window, off.when)) {
      busy.insert(off.user);
      away = true;
    }
  }
  // A one-person business: its one person is away or already on a mission.
  if (capacity.performers.empty()) return !away && unstaffed == 0;
  int performers = 0;
  for (long long p : capacity.performers) {
    if (busy.count(p) == 0) ++performers;
  }
  return performers - unstaffed >= 1;
}

}  // namespace planify::domain
