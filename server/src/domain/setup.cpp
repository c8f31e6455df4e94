#include "domain/setup.hpp"

#include "domain/auth.hpp"
#include "domain/validation.hpp"

namespace planify::domain {

Result<ValidSetup> ValidateSetup(const SetupRequest& request) {
  FieldErrors errors;
  RequireText(errors, "organization_name", request.organization_name, 200);
  RequireText(errors, "owner_display_name", request.owner_display_name, 120);

  std::string email = ToLowerAscii(Trim(request.owner_email));
  if (email.empty()) {
    errors.Add("owner_email", "Ce champ est obligatoire.");
  } else if (!IsPlausibleEmail(email)) {
    errors.Add("owner_email", "Adresse e-mail invalide.");
  }

  if (auto problem = PasswordProblem(request.owner_password, email)) {
    errors.Add("owner_password", *problem);
  }

  std::string name = Trim(request.organization_name);
  std::string slug = Slugify(name);
  if (errors.empty() && slug.empty()) {
    errors.Add("organization_name", "Le nom doit contenir au moins une lettre ou un chiffre.");
  }
  if (!errors.empty()) return Fail(errors.ToError());

  return ValidSetup{std::move(name), std::move(slug), std::move(email),
                    Trim(request.owner_display_name), request.owner_password};
}

}  // namespace planify::domain
