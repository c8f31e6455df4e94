#include "domain/notifications.hpp"

#include <array>

#include "domain/terminology.hpp"

namespace planify::domain {

namespace {

using enum NotificationKind;
constexpr NotificationPreference kQuiet{true, EmailDelivery::kOff, false};
constexpr NotificationPreference kUrgent{true, EmailDelivery::kOff, true};
// The assignment e-mail the crew already receives (docs/reminders.md) is this kind's e-mail.
constexpr NotificationPreference kAssigned{true, EmailDelivery::kImmediate, true};

constexpr std::array<NotificationKindInfo, 11> kKinds = {{
    {kMissionAssigned, "mission_assigned", std::nullopt, kAssigned,
     "Affectation à [[une mission]]"},
    {kMissionMoved, "mission_moved", std::nullopt, kUrgent, "[[Mission]] déplacé[[e]]"},
    {kMissionCanceled, "mission_canceled", std::nullopt, kUrgent, "[[Mission]] annulé[[e]]"},
    {kQuoteSigned, "quote_signed", Permission::kQuotesManage, kQuiet, "Devis signé"},
    {kQuoteDeclined, "quote_declined", Permission::kQuotesManage, kQuiet, "Devis refusé"},
    {kInvoicePaid, "invoice_paid", Permission::kInvoicesManage, kQuiet, "Facture payée"},
    {kPaymentFailed, "payment_failed", Permission::kInvoicesManage, kUrgent,
     "Paiement en ligne échoué ou contesté"},
    {kBookingRequest, "booking_request", Permission::kBookingsManage, kUrgent,
     "Demande de réservation"},
    {kEquipmentLate, "equipment_late", Permission::kEquipmentManage, kQuiet,
     "Matériel non rendu à temps"},
    {kMaintenanceDue, "maintenance_due", Permission::kEquipmentManage, kQuiet,
     "Contrôle ou entretien à faire"},
    {kJobFailed, "job_failed", Permission::kJobsManage, kQuiet, "Tâche automatique en échec"},
}};

std::string Fact(const std::map<std::string, std::string>& facts, const std::string& key) {
  auto it = facts.find(key);
  return it == facts.end() ? std::string() : it->second;
}

}  // namespace

std::span<const NotificationKindInfo> AllNotificationKinds() { return kKinds; }

const NotificationKindInfo& InfoOf(NotificationKind kind) {
  return kKinds[static_cast<std::size_t>(kind)];
}

std::string_view NotificationKindName(NotificationKind kind) { return InfoOf(kind).name; }

std::optional<NotificationKind> ParseNotificationKind(std::string_view name) {
  for (const auto& info : kKinds) {
    if (info.name == name) return info.kind;
  }
  return std::nullopt;
}

std::string_view EmailDeliveryName(EmailDelivery delivery) {
  switch (delivery) {
    case EmailDelivery::kImmediate:
      return "immediate";
    case EmailDelivery::kDigest:
      return "digest";
    case EmailDelivery::kOff:
      break;
  }
  return "off";
}

std::optional<EmailDelivery> ParseEmailDelivery(std::string_view name) {
  if (name == "off") return EmailDelivery::kOff;
  if (name == "immediate") return EmailDelivery::kImmediate;
  if (name == "digest") return EmailDelivery::kDigest;
  return std::nullopt;
}

bool MayReceive(Role role, NotificationKind kind) {
  const auto& info = InfoOf(kind);
  if (!info.audience) return true;  // crew kinds go to the mission's own crew
  return Allows(role, *info.audience);
}

NotificationText RenderNotification(NotificationKind kind,
                                    const std::map<std::string, std::string>& facts,
                                    const Terms& terms, std::string_view locale) {
  struct Wording {
    std::string_view title_fr, body_fr, title_en, body_en;
  };
  // {name} is a fact; the wording alone carries the organisation's tokens, so a client's text
  // holding "[[mission]]" is shown as typed.
  static constexpr std::array<Wording, 11> kWording = {{
      {"[[Nouvelle]] [[mission]] : {title}",
       "Vous êtes affecté(e) [[à la mission]] « {title} » le {when}.", "New [[mission]]: {title}",
       "You are assigned to « {title} » on {when}."},
      {"[[Mission]] déplacé[[e]] : {title}", "« {title} » a lieu désormais le {when}.",
       "[[Mission]] moved: {title}", "« {title} » now takes place on {when}."},
      {"[[Mission]] annulé[[e]] : {title}", "« {title} » du {when} est annulé[[e]].{reason}",
       "[[Mission]] canceled: {title}", "« {title} » on {when} is canceled.{reason}"},
      {"Devis {number} signé", "{client} a signé le devis {number} ({amount}).",
       "Quote {number} signed", "{client} signed quote {number} ({amount})."},
      {"Devis {number} refusé", "{client} a refusé le devis {number}.{reason}",
       "Quote {number} declined", "{client} declined quote {number}.{reason}"},
      {"Facture {number} payée", "La facture {number} de {client} est réglée ({amount}).",
       "Invoice {number} paid", "Invoice {number} of {client} is settled ({amount})."},
      {"Paiement en ligne échoué",
       "Le paiement en ligne de {amount} pour {number} a échoué.{reason}", "Online payment failed",
       "The online payment of {amount} for {number} failed.{reason}"},
      {"Nouvelle demande de réservation", "{name} demande une date : {when}.",
       "New booking request", "{name} asks for {when}."},
      {"Matériel en retard : {name}", "{name} devait revenir le {when}.", "Equipment late: {name}",
       "{name} was due back on {when}."},
      {"Contrôle à faire : {name}", "{name} : contrôle prévu le {when}.", "Check due: {name}",
       "{name}: check due on {when}."},
      {"Tâche automatique en échec", "La tâche « {name} » a échoué après ses essais.{reason}",
       "Background task failed", "The task « {name} » failed after its retries.{reason}"},
  }};
  const bool en = locale == "en";
  const Wording& w = kWording[static_cast<std::size_t>(kind)];
  const auto fill = [&](std::string_view wording) {
    const std::string text = ApplyTerms(wording, terms, en ? "en" : "fr");
    std::string out;
    out.reserve(text.size() + 64);
    for (std::size_t i = 0; i < text.size(); ++i) {
      const std::size_t close = text[i] == '{' ? text.find('}', i) : std::string::npos;
      if (close == std::string::npos) {
        out.push_back(text[i]);
        continue;
      }
      const std::string key = text.substr(i + 1, close - i - 1);
      const std::string value = Fact(facts, key);
      if (key == "reason") {
        if (!value.empty()) out += (en ? " Reason: " : " Motif : ") + value;
      } else {
        out += value;
      }
      i = close;
    }
    return out;
  };
  return NotificationText{fill(en ? w.title_en : w.title_fr), fill(en ? w.body_en : w.body_fr)};
}

std::string NotificationPath(std::string_view subject_type, std::string_view subject_id) {
  const std::string id(subject_id);
  if (subject_type == "mission") return "/missions/" + id;
  if (subject_type == "quote") return "/devis/" + id;
  if (subject_type == "invoice") return "/factures/" + id;
  if (subject_type == "booking_request") return "/demandes/" + id;
  if (subject_type == "equipment") return "/materiel/" + id;
  if (subject_type == "job") return "/administration";
  return "/notifications";
}

}  // namespace planify::domain
