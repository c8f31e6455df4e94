#include "domain/crew_profiles.hpp"

#include <algorithm>
#include <iterator>

#include "domain/booking.hpp"
#include "domain/missions.hpp"
#include "domain/validation.hpp"

namespace planify::domain {

Result<CrewProfileInput> ValidateCrewProfile(CrewProfileInput input) {
  FieldErrors errors;
  RequireText(errors, "display_name", input.display_name, 120);
  input.display_name = Trim(input.display_name);
  input.email = ToLowerAscii(Trim(input.email));
  // ASCII only: the stored address must equal its lower-case form in both databases, and
  // PostgreSQL's lower() also folds accented letters.
  const bool ascii = std::all_of(input.email.begin(), input.email.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (!input.email.empty() &&
      (input.email.size() > 254 || !ascii || !IsPlausibleEmail(input.email))) {
    errors.Add("email", "Adresse e-mail invalide.");
  }
  input.phone = Trim(input.phone);
  if (!input.phone.empty()) {
    if (auto phone = NormalizePhone(input.phone)) {
      input.phone = *phone;
    } else {
      errors.Add("phone", "Numéro de téléphone invalide.");
    }
  }
  if (std::find(std::begin(kCrewPositions), std::end(kCrewPositions), input.position) ==
      std::end(kCrewPositions)) {
    errors.Add("position", "dj, technician, assistant, driver ou other.");
  }
  CleanText(errors, "notes", input.notes, 2000);
  if (!errors.empty()) return Fail(errors.ToError());
  return input;
}

}  // namespace planify::domain
