#include "domain/email.hpp"

#include "domain/validation.hpp"

namespace planify::domain {

namespace {

bool HasLineBreak(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

}  // namespace

Result<EmailDraft> ValidateEmailDraft(EmailDraft draft) {
  FieldErrors errors;
  draft.to_address = ToLowerAscii(Trim(draft.to_address));
  if (!IsPlausibleEmail(draft.to_address)) errors.Add("to_address", "Adresse e-mail invalide.");
  if (HasLineBreak(draft.to_name) || draft.to_name.size() > 200) {
    errors.Add("to_name", "Nom de destinataire invalide.");
  }
  if (Trim(draft.from_name).empty() || HasLineBreak(draft.from_name) ||
      draft.from_name.size() > 200) {
    errors.Add("from_name", "Nom d'expéditeur invalide.");
  }
  if (draft.reply_to && !IsPlausibleEmail(*draft.reply_to)) {
    errors.Add("reply_to", "Adresse de réponse invalide.");
  }
  if (Trim(draft.subject).empty() || HasLineBreak(draft.subject) || draft.subject.size() > 998) {
    errors.Add("subject", "Objet invalide.");
  }
  if (draft.html.empty()) errors.Add("html", "Le contenu HTML est obligatoire.");
  if (draft.text.empty()) errors.Add("text", "Le contenu texte est obligatoire.");
  std::size_t total = 0;
  for (const auto& a : draft.attachments) {
    total += a.content.size();
    if (a.filename.empty() || HasLineBreak(a.filename) ||
        a.filename.find('/') != std::string::npos) {
      errors.Add("attachments", "Nom de pièce jointe invalide.");
    }
  }
  if (total > kMaxEmailAttachmentBytes)
    errors.Add("attachments", "Pièces jointes trop volumineuses.");
  if (!errors.empty()) return Fail(errors.ToError("E-mail invalide."));
  return draft;
}

namespace {

int Rank(std::string_view status) {
  if (status == "queued") return 0;
  if (status == "sent") return 1;
  if (status == "delivery_delayed") return 2;
  if (status == "delivered") return 3;
  if (status == "bounced" || status == "complained") return 4;
  return -1;  // failed: we never handed it over; events cannot apply
}

}  // namespace

std::optional<std::string> EmailStatusAfterEvent(std::string_view current,
                                                 std::string_view event_type) {
  std::string next;
  if (event_type == "email.sent") {
    next = "sent";
  } else if (event_type == "email.delivered") {
    next = "delivered";
  } else if (event_type == "email.delivery_delayed") {
    next = "delivery_delayed";
  } else if (event_type == "email.bounced") {
    next = "bounced";
  } else if (event_type == "email.complained") {
    next = "complained";
  } else {
    return std::nullopt;
  }
  const int from = Rank(current);
  if (from < 0 || Rank(next) <= from) return std::nullopt;
  return next;
}

}  // namespace planify::domain
