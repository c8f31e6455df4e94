#include "domain/setup.hpp"

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

  auto password_chars = Utf8Length(request.owner_password);
  if (!password_chars) {
    errors.Add("owner_password", "Le texte doit être encodé en UTF-8.");
  } else if (*password_chars < kMinPasswordChars) {
    errors.Add("owner_password", "Le mot de passe doit contenir au moins " +
                                     std::to_string(kMinPasswordChars) + " caractères.");
  } else if (request.owner_password.size() > kMaxPasswordBytes) {
    errors.Add("owner_password", "Le mot de passe est trop long.");
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
