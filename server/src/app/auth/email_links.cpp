#include "app/auth/email_links.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "app/auth/rate_limits.hpp"
#include "app/email/email_service.hpp"
#include "app/organization/organization_service.hpp"
#include "app/planning/crew_profiles_service.hpp"
#include "domain/validation.hpp"
#include "integrations/crypto/sodium.hpp"
#include "store/accounts_repository.hpp"

namespace planify::app {

namespace {

using domain::FormatIsoUtc;

constexpr std::size_t kTokenBytes = 32;

bool WellFormedToken(const std::string& token) {
  return token.size() == kTokenBytes * 2 && std::all_of(token.begin(), token.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Unexpected LinkExpired() {
  return Fail(ErrorCode::kUnauthenticated,
              "Ce lien n'est plus valable (déjà utilisé ou expiré) : demandez-en un nouveau.");
}

Unexpected NoInvitation() {
  return Fail(ErrorCode::kNotFound, "Invitation introuvable, expirée ou déjà acceptée.");
}

Result<std::string> CleanEmail(const std::string& raw) {
  std::string email = domain::ToLowerAscii(domain::Trim(raw));
  if (email.empty()) {
    return Fail(ErrorCode::kValidation, "Adresse e-mail manquante.",
                {{"email", "Ce champ est obligatoire."}});
  }
  if (!domain::IsPlausibleEmail(email)) {
    return Fail(ErrorCode::kValidation, "Adresse e-mail invalide.",
                {{"email", "Adresse e-mail invalide."}});
  }
  return email;
}

InvitationView ToView(const store::InvitationRow& row) {
  return {row.id,         row.organization_name, row.email, row.role, row.invited_by_name,
          row.created_at, row.expires_at,        false};
}

}  // namespace

std::string EmailLinksService::Link(const std::string& path, const std::string& token) const {
  return public_url_ + path + token;
}

Result<void> EmailLinksService::SendLink(const std::string& raw_email, const std::string& purpose,
                                         std::chrono::minutes lifetime,
                                         const std::string& template_name, const std::string& path,
                                         const RequestMeta& meta) {
  auto email = CleanEmail(raw_email);
  if (!email) return Fail(std::move(email).error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::AuthRepository repo(lease);
    const domain::Timestamp now = clock_.Now();
    const std::string stamp = FormatIsoUtc(now);
    if (auto limited = EnforceRate(repo, domain::kEmailLinksPerIp, meta.ip, now); !limited) {
      return limited;
    }
    if (auto limited = EnforceRate(repo, domain::kEmailLinksPerAccount, *email, now); !limited) {
      return limited;
    }
    store::WriteTransaction tx(lease);
    // Counted whether or not the account exists, so the limit reveals nothing either.
    CountRate(repo, domain::kEmailLinksPerIp, meta.ip, stamp);
    CountRate(repo, domain::kEmailLinksPerAccount, *email, stamp);
    auto user = repo.FindUserByLogin(*email);
    if (user && user->email == *email && !user->disabled) {
      std::string token = integrations::RandomHex(kTokenBytes);
      repo.InsertAuthToken(purpose, HashToken(token), user->id, *email, meta.ip, stamp,
                           FormatIsoUtc(now + lifetime));
      auto memberships = repo.MembershipsOf(user->id);
      std::optional<OrganizationId> organization;
      integrations::EmailBranding branding{"Planify", "", "", {}};
      if (!memberships.empty()) {
        organization = memberships.front().organization;
        branding = OrganizationBranding(lease, *organization, public_url_);
      }
      nlohmann::json data = {{"recipient_name", user->display_name},
                             {"link_url", Link(path, token)},
                             {"expires_minutes", std::to_string(lifetime.count())}};
      auto queued = QueueTemplatedEmail(lease, organization, template_name, user->locale, branding,
                                        data, *email, user->display_name, stamp);
      if (!queued) return Fail(std::move(queued).error());
      Principal subject;
      subject.user = user->id;
      subject.display_name = user->display_name;
      subject.organization = organization;
      Audit(repo, subject, meta, "auth.link_sent", "user", std::to_string(user->id.value),
            nlohmann::json{{"purpose", purpose}}.dump(), stamp);
    }
    tx.Commit();
    return {};
  });
}

Result<void> EmailLinksService::RequestMagicLink(const std::string& email,
                                                 const RequestMeta& meta) {
  return SendLink(email, "magic_link", kMagicLinkLifetime, "auth.magic_link",
                  "/connexion/lien?jeton=", meta);
}

Result<void> EmailLinksService::RequestPasswordReset(const std::string& email,
                                                     const RequestMeta& meta) {
  return SendLink(email, "password_reset", kResetLifetime, "auth.password_reset",
                  "/mot-de-passe/nouveau?jeton=", meta);
}

Result<IssuedSession> EmailLinksService::ConsumeMagicLink(const std::string& token,
                                                          const RequestMeta& meta) {
  if (!WellFormedToken(token)) return LinkExpired();
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<IssuedSession> {
    store::AuthRepository repo(lease);
    const std::string now = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    auto user = repo.ConsumeAuthToken("magic_link", HashToken(token), now);
    if (!user) return LinkExpired();
    repo.MarkEmailVerified(*user, now);
    auto session = auth_.OpenSessionIn(lease, *user, std::nullopt, meta, "magic_link");
    if (!session) return session;
    tx.Commit();
    return session;
  });
}

Result<IssuedSession> EmailLinksService::CompletePasswordReset(const std::string& token,
                                                               const std::string& new_password,
                                                               const RequestMeta& meta) {
  if (auto problem = domain::PasswordProblem(new_password)) {
    return Fail(ErrorCode::kValidation, "Le nouveau mot de passe ne convient pas.",
                {{"new_password", *problem}});
  }
  if (!WellFormedToken(token)) return LinkExpired();
  const std::string hash = hasher_.Hash(new_password);
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<IssuedSession> {
    store::AuthRepository repo(lease);
    const std::string now = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    auto user_id = repo.ConsumeAuthToken("password_reset", HashToken(token), now);
    if (!user_id) return LinkExpired();
    auto user = repo.FindUserById(*user_id);
    if (!user) return LinkExpired();
    if (auto problem = domain::PasswordProblem(new_password, user->email)) {
      return Fail(ErrorCode::kValidation, "Le nouveau mot de passe ne convient pas.",
                  {{"new_password", *problem}});  // rolled back: the link stays usable
    }
    repo.UpdatePasswordHash(*user_id, hash, now, true);
    repo.MarkEmailVerified(*user_id, now);
    long long revoked = repo.RevokeSessionsOf(*user_id, 0, now);
    auto session = auth_.OpenSessionIn(lease, *user_id, std::nullopt, meta, "password_reset");
    if (!session) return session;
    Audit(repo, session->principal, meta, "auth.password_reset", "user",
          std::to_string(user_id->value), nlohmann::json{{"sessions_revoked", revoked}}.dump(),
          now);
    tx.Commit();
    return session;
  });
}

Result<InvitationView> EmailLinksService::Invite(const Principal& actor,
                                                 const std::string& raw_email,
                                                 const std::string& role, const RequestMeta& meta) {
  domain::FieldErrors errors;
  auto email = CleanEmail(raw_email);
  if (!email) errors.Add("email", email.error().fields.front().message);
  auto target = domain::ParseRole(role);
  if (!target || *target == domain::Role::kOwner) {
    errors.Add("role", "Choisissez admin, manager, dj ou technician.");
  }
  if (!errors.empty()) return Fail(errors.ToError());
  if (!domain::CanAssignRole(*actor.role, *target)) {
    return Fail(ErrorCode::kForbidden, "Vous ne pouvez pas attribuer ce rôle.");
  }
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<InvitationView> {
    store::AuthRepository repo(lease);
    const domain::Timestamp now = clock_.Now();
    const std::string stamp = FormatIsoUtc(now);
    std::string inviter_key = std::to_string(actor.user.value);
    if (auto limited = EnforceRate(repo, domain::kInvitationsPerUser, inviter_key, now); !limited) {
      return Fail(std::move(limited).error());
    }
    store::WriteTransaction tx(lease);
    auto existing = repo.FindUserByLogin(*email);
    if (existing && existing->email == *email &&
        repo.FindMember(*actor.organization, existing->id)) {
      return Fail(ErrorCode::kConflict, "Cette personne fait déjà partie de l'équipe.",
                  {{"email", "Déjà membre de l'organisation."}});
    }
    auto organization = store::AccountsRepository(lease).FindOrganization(*actor.organization);
    if (!organization) return Fail(ErrorCode::kNotFound, "Organisation introuvable.");
    std::string token = integrations::RandomHex(kTokenBytes);
    std::string expires = FormatIsoUtc(now + kInvitationLifetime);
    long long id = repo.InsertInvitation(*actor.organization, *email, role, HashToken(token),
                                         actor.user, stamp, expires);
    CountRate(repo, domain::kInvitationsPerUser, inviter_key, stamp);
    const std::string locale = actor.locale == "en" ? "en" : "fr";
    integrations::EmailBranding branding =
        OrganizationBranding(lease, *actor.organization, public_url_);
    // The technician role in the organisation's word ("régisseur"…).
    const std::string role_label =
        *target == domain::Role::kTechnician
            ? domain::ApplyTerms(locale == "en" ? "[[technician]]" : "[[technicien]]",
                                 branding.terms, locale)
            : std::string(domain::RoleLabel(*target, locale));
    nlohmann::json data = {{"recipient_name", existing ? existing->display_name : *email},
                           {"inviter_name", actor.display_name},
                           {"role", role_label},
                           {"link_url", Link("/invitation?jeton=", token)}};
    auto queued =
        QueueTemplatedEmail(lease, actor.organization, "auth.invitation", locale, branding, data,
                            *email, existing ? existing->display_name : "", stamp);
    if (!queued) return Fail(std::move(queued).error());
    Audit(repo, actor, meta, "members.invited", "invitation", std::to_string(id),
          nlohmann::json{{"email", *email}, {"role", role}}.dump(), stamp);
    tx.Commit();
    return InvitationView{
        id, organization->name, *email, role, actor.display_name, stamp, expires, false};
  });
}

Result<std::vector<InvitationView>> EmailLinksService::OpenInvitations(const Principal& actor) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<std::vector<InvitationView>> {
    auto rows = store::AuthRepository(lease).OpenInvitations(*actor.organization,
                                                             FormatIsoUtc(clock_.Now()));
    std::vector<InvitationView> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(ToView(row));
    return out;
  });
}

Result<void> EmailLinksService::RevokeInvitation(const Principal& actor, long long id,
                                                 const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::AuthRepository repo(lease);
    const std::string now = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    if (!repo.RevokeInvitation(*actor.organization, id, now)) return NoInvitation();
    Audit(repo, actor, meta, "members.invitation_revoked", "invitation", std::to_string(id), "{}",
          now);
    tx.Commit();
    return {};
  });
}

Result<InvitationView> EmailLinksService::LookupInvitation(const std::string& token) {
  if (!WellFormedToken(token)) return NoInvitation();
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<InvitationView> {
    store::AuthRepository repo(lease);
    auto row = repo.FindOpenInvitation(HashToken(token), FormatIsoUtc(clock_.Now()));
    if (!row) return NoInvitation();
    InvitationView view = ToView(*row);
    auto user = repo.FindUserByLogin(row->email);
    view.account_exists = user && user->email == row->email;
    return view;
  });
}

Result<IssuedSession> EmailLinksService::AcceptInvitationNewAccount(const std::string& token,
                                                                    const NewAccount& account,
                                                                    const RequestMeta& meta) {
  domain::FieldErrors errors;
  domain::RequireText(errors, "display_name", account.display_name, 120);
  if (auto problem = domain::PasswordProblem(account.password)) errors.Add("password", *problem);
  if (!errors.empty()) return Fail(errors.ToError());
  if (!WellFormedToken(token)) return NoInvitation();
  const std::string hash = hasher_.Hash(account.password);
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<IssuedSession> {
    store::AuthRepository repo(lease);
    store::AccountsRepository accounts(lease);
    const std::string now = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    auto invitation = repo.FindOpenInvitation(HashToken(token), now);
    if (!invitation) return NoInvitation();
    if (auto problem = domain::PasswordProblem(account.password, invitation->email)) {
      return Fail(ErrorCode::kValidation, "Le mot de passe ne convient pas.",
                  {{"password", *problem}});
    }
    auto user =
        accounts.InsertUser(invitation->email, domain::Trim(account.display_name), hash, now);
    if (!user) {
      return Fail(ErrorCode::kConflict,
                  "Un compte existe déjà pour cette adresse : connectez-vous pour accepter.");
    }
    repo.MarkEmailVerified(user->id, now);
    accounts.InsertMembership(invitation->organization, user->id, invitation->role, now);
    if (!repo.MarkInvitationAccepted(invitation->id, user->id, now)) return NoInvitation();
    auto session =
        auth_.OpenSessionIn(lease, user->id, invitation->organization, meta, "invitation");
    if (!session) return session;
    // The crew profile planned under this address becomes the new member's (its missions too).
    if (auto linked = LinkProfilesByEmail(lease, session->principal, meta, invitation->email, now);
        !linked) {
      return Fail(linked.error());
    }
    Audit(repo, session->principal, meta, "members.invitation_accepted", "invitation",
          std::to_string(invitation->id),
          nlohmann::json{{"role", invitation->role}, {"new_account", true}}.dump(), now);
    tx.Commit();
    return session;
  });
}

Result<IssuedSession> EmailLinksService::AcceptInvitationSignedIn(const std::string& token,
                                                                  const Principal& principal,
                                                                  const RequestMeta& meta) {
  if (!WellFormedToken(token)) return NoInvitation();
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<IssuedSession> {
    store::AuthRepository repo(lease);
    const std::string now = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    auto invitation = repo.FindOpenInvitation(HashToken(token), now);
    if (!invitation) return NoInvitation();
    if (invitation->email != principal.email) {
      return Fail(ErrorCode::kForbidden,
                  "Cette invitation a été envoyée à une autre adresse que la vôtre.");
    }
    if (repo.FindMember(invitation->organization, principal.user)) {
      return Fail(ErrorCode::kConflict, "Vous faites déjà partie de cette organisation.");
    }
    store::AccountsRepository(lease).InsertMembership(invitation->organization, principal.user,
                                                      invitation->role, now);
    if (!repo.MarkInvitationAccepted(invitation->id, principal.user, now)) return NoInvitation();
    repo.SetSessionOrganization(principal.session_id, invitation->organization);
    Principal joined = principal;
    joined.organization = invitation->organization;
    joined.role = domain::ParseRole(invitation->role);
    if (auto linked = LinkProfilesByEmail(lease, joined, meta, invitation->email, now); !linked) {
      return Fail(linked.error());
    }
    Audit(repo, joined, meta, "members.invitation_accepted", "invitation",
          std::to_string(invitation->id),
          nlohmann::json{{"role", invitation->role}, {"new_account", false}}.dump(), now);
    tx.Commit();
    return IssuedSession{"", principal.csrf_token, clock_.Now(), std::move(joined)};
  });
}

}  // namespace planify::app
