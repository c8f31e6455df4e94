#include "integrations/email/templates.hpp"

#include "domain/terminology.hpp"

#include <kainjow/mustache.hpp>

#include <map>
#include <regex>

namespace planify::integrations {

namespace {

namespace mst = kainjow::mustache;

struct Localized {
  std::string subject;
  std::string heading;
  std::string body;    // mustache; HTML paragraphs (escaped values)
  std::string text;    // mustache; plain text
  std::string button;  // label of the call to action ("" for none)
};

struct Template {
  std::vector<std::string> required;  // variables the template needs
  std::string action_url_key;         // the variable holding the button's URL ("" for none)
  Localized fr;
  Localized en;
};

// The catalogue. Bodies stay short: the important fact first, one call to action, and the
// same content in the text part for clients that do not show HTML.
const std::map<std::string, Template>& Catalogue() {
  static const std::map<std::string, Template> kCatalogue = {
      {"auth.magic_link",
       {{"recipient_name", "link_url", "expires_minutes"},
        "link_url",
        {"Votre lien de connexion à {{organization_name}}", "Connexion",
         "<p>Bonjour {{recipient_name}},</p><p>Cliquez sur le bouton ci-dessous pour vous "
         "connecter. "
         "Ce lien ne sert qu'une fois et expire dans {{expires_minutes}} minutes.</p>"
         "<p>Si vous n'avez rien demandé, ignorez cet e-mail.</p>",
         "Bonjour {{recipient_name}},\n\nPour vous connecter, ouvrez ce lien (valable une fois, "
         "{{expires_minutes}} minutes) :\n{{link_url}}\n\nSi vous n'avez rien demandé, ignorez cet "
         "e-mail.",
         "Me connecter"},
        {"Your sign-in link for {{organization_name}}", "Sign in",
         "<p>Hello {{recipient_name}},</p><p>Click the button below to sign in. The link works "
         "once "
         "and expires in {{expires_minutes}} minutes.</p><p>If you did not ask for it, ignore this "
         "e-mail.</p>",
         "Hello {{recipient_name}},\n\nTo sign in, open this link (single use, {{expires_minutes}} "
         "minutes):\n{{link_url}}\n\nIf you did not ask for it, ignore this e-mail.",
         "Sign in"}}},
      {"auth.invitation",
       {{"recipient_name", "inviter_name", "role", "link_url"},
        "link_url",
        {"{{inviter_name}} vous invite à rejoindre {{organization_name}} sur Planify", "Invitation",
         "<p>Bonjour {{recipient_name}},</p><p>{{inviter_name}} vous invite à rejoindre "
         "<strong>{{organization_name}}</strong> sur Planify en tant que {{role}}.</p>",
         "Bonjour {{recipient_name}},\n\n{{inviter_name}} vous invite à rejoindre "
         "{{organization_name}} "
         "sur Planify en tant que {{role}}.\nAccepter l'invitation : {{link_url}}",
         "Accepter l'invitation"},
        {"{{inviter_name}} invites you to join {{organization_name}} on Planify", "Invitation",
         "<p>Hello {{recipient_name}},</p><p>{{inviter_name}} invites you to join "
         "<strong>{{organization_name}}</strong> on Planify as {{role}}.</p>",
         "Hello {{recipient_name}},\n\n{{inviter_name}} invites you to join {{organization_name}} "
         "on "
         "Planify as {{role}}.\nAccept the invitation: {{link_url}}",
         "Accept the invitation"}}},
      {"auth.password_reset",
       {{"recipient_name", "link_url", "expires_minutes"},
        "link_url",
        {"Réinitialisation de votre mot de passe", "Nouveau mot de passe",
         "<p>Bonjour {{recipient_name}},</p><p>Pour choisir un nouveau mot de passe, utilisez le "
         "bouton "
         "ci-dessous (valable {{expires_minutes}} minutes). Vos autres sessions seront "
         "fermées.</p>",
         "Bonjour {{recipient_name}},\n\nPour choisir un nouveau mot de passe (lien valable "
         "{{expires_minutes}} minutes) :\n{{link_url}}",
         "Choisir un mot de passe"},
        {"Reset your password", "New password",
         "<p>Hello {{recipient_name}},</p><p>Use the button below to choose a new password (valid "
         "for "
         "{{expires_minutes}} minutes). Your other sessions will be signed out.</p>",
         "Hello {{recipient_name}},\n\nTo choose a new password (link valid for "
         "{{expires_minutes}} "
         "minutes):\n{{link_url}}",
         "Choose a password"}}},
      {"booking.received",
       {{"client_name", "reference", "event_type", "starts_at", "venue", "services"},
        "",
        {"Votre demande {{reference}} — {{organization_name}}", "Demande bien reçue",
         "<p>Bonjour {{client_name}},</p><p>Nous avons bien reçu votre demande "
         "<strong>{{reference}}</strong> : {{event_type}}, le {{starts_at}}, à {{venue}} "
         "(prestations : {{services}}).</p><p>Nous revenons vers vous très vite avec une réponse "
         "et, si la date nous convient, un devis à signer en ligne. Répondez à cet e-mail pour "
         "ajouter une précision.</p>",
         "Bonjour {{client_name}},\n\nNous avons bien reçu votre demande {{reference}} : "
         "{{event_type}}, le {{starts_at}}, à {{venue}} (prestations : {{services}}).\n\nNous "
         "revenons vers vous très vite avec une réponse et, si la date nous convient, un devis à "
         "signer en ligne.",
         ""},
        {"Your request {{reference}} — {{organization_name}}", "Request received",
         "<p>Hello {{client_name}},</p><p>We have received your request "
         "<strong>{{reference}}</strong>: {{event_type}}, on {{starts_at}}, at {{venue}} "
         "(services: {{services}}).</p><p>We will get back to you shortly and, if the date suits "
         "us, send a quote you can sign online. Reply to this e-mail to add anything.</p>",
         "Hello {{client_name}},\n\nWe have received your request {{reference}}: "
         "{{event_type}}, on {{starts_at}}, at {{venue}} (services: {{services}}).\n\nWe will "
         "get back to you shortly and, if the date suits us, send a quote you can sign online.",
         ""}}},
      {"booking.received.staff",
       {{"client_name", "reference", "event_type", "starts_at", "venue", "services", "availability",
         "request_url"},
        "request_url",
        {"Nouvelle demande {{reference}} : {{event_type}} le {{starts_at}}", "Nouvelle demande",
         "<p>{{client_name}} demande <strong>{{event_type}}</strong> le {{starts_at}} à "
         "{{venue}} (prestations : {{services}}). Au planning, la date semble "
         "{{availability}}.</p>",
         "{{client_name}} demande {{event_type}} le {{starts_at}} à {{venue}} (prestations : "
         "{{services}}). Au planning, la date semble {{availability}}.\n{{request_url}}",
         "Ouvrir la demande"},
        {"New request {{reference}}: {{event_type}} on {{starts_at}}", "New request",
         "<p>{{client_name}} asks for <strong>{{event_type}}</strong> on {{starts_at}} at "
         "{{venue}} (services: {{services}}). On the planning, the date looks "
         "{{availability}}.</p>",
         "{{client_name}} asks for {{event_type}} on {{starts_at}} at {{venue}} (services: "
         "{{services}}). On the planning, the date looks {{availability}}.\n{{request_url}}",
         "Open the request"}}},
      {"booking.reply",
       {{"client_name", "reference", "message", "sender_name"},
        "",
        {"Votre demande {{reference}} — {{organization_name}}", "Notre réponse",
         "<p>Bonjour {{client_name}},</p><p style=\"white-space:pre-wrap\">{{message}}</p>"
         "<p>{{sender_name}}</p>",
         "Bonjour {{client_name}},\n\n{{message}}\n\n{{sender_name}}", ""},
        {"Your request {{reference}} — {{organization_name}}", "Our answer",
         "<p>Hello {{client_name}},</p><p style=\"white-space:pre-wrap\">{{message}}</p>"
         "<p>{{sender_name}}</p>",
         "Hello {{client_name}},\n\n{{message}}\n\n{{sender_name}}", ""}}},
      {"booking.declined",
       {{"client_name", "reference", "starts_at", "reason"},
        "",
        {"Votre demande {{reference}} — {{organization_name}}", "Merci pour votre demande",
         "<p>Bonjour {{client_name}},</p><p>Merci d'avoir pensé à nous pour le {{starts_at}}. "
         "Nous ne pourrons malheureusement pas donner suite à votre demande "
         "<strong>{{reference}}</strong> :</p><p style=\"white-space:pre-wrap\">{{reason}}</p>"
         "<p>Nous vous souhaitons un très bel événement.</p>",
         "Bonjour {{client_name}},\n\nMerci d'avoir pensé à nous pour le {{starts_at}}. Nous ne "
         "pourrons malheureusement pas donner suite à votre demande {{reference}} :\n{{reason}}"
         "\n\nNous vous souhaitons un très bel événement.",
         ""},
        {"Your request {{reference}} — {{organization_name}}", "Thank you for your request",
         "<p>Hello {{client_name}},</p><p>Thank you for thinking of us for {{starts_at}}. "
         "Unfortunately we cannot take on your request <strong>{{reference}}</strong>:</p>"
         "<p style=\"white-space:pre-wrap\">{{reason}}</p><p>We wish you a wonderful "
         "event.</p>",
         "Hello {{client_name}},\n\nThank you for thinking of us for {{starts_at}}. "
         "Unfortunately we cannot take on your request {{reference}}:\n{{reason}}\n\nWe wish "
         "you a wonderful event.",
         ""}}},
      {"booking.proposed",
       {{"recipient_name", "reference", "event_type", "starts_at", "venue", "request_url"},
        "request_url",
        {"Date proposée : {{event_type}} le {{starts_at}}", "Une date pour vous",
         "<p>Bonjour {{recipient_name}},</p><p>La demande <strong>{{reference}}</strong> vous est "
         "proposée : {{event_type}} le {{starts_at}}, à {{venue}}. Confirmez ou refusez la "
         "date.</p>",
         "Bonjour {{recipient_name}},\n\nLa demande {{reference}} vous est proposée : "
         "{{event_type}} le {{starts_at}}, à {{venue}}.\nConfirmer ou refuser : {{request_url}}",
         "Répondre"},
        {"Date offered: {{event_type}} on {{starts_at}}", "A date for you",
         "<p>Hello {{recipient_name}},</p><p>Request <strong>{{reference}}</strong> is offered to "
         "you: {{event_type}} on {{starts_at}}, at {{venue}}. Confirm or refuse the date.</p>",
         "Hello {{recipient_name}},\n\nRequest {{reference}} is offered to you: {{event_type}} "
         "on {{starts_at}}, at {{venue}}.\nConfirm or refuse: {{request_url}}",
         "Answer"}}},
      {"rating.request",
       {{"client_name", "event_type", "starts_at", "rating_url"},
        "rating_url",
        {"Comment s'est passé votre événement ? — {{organization_name}}", "Votre avis compte",
         "<p>Bonjour {{client_name}},</p><p>Merci de nous avoir fait confiance pour votre "
         "{{event_type}} du {{starts_at}}. Une minute pour nous dire comment cela s'est passé ? "
         "Votre note nous aide à nous améliorer et à être choisis par d'autres.</p>"
         "<p>Le lien reste valable 30 jours.</p>",
         "Bonjour {{client_name}},\n\nMerci de nous avoir fait confiance pour votre "
         "{{event_type}} du {{starts_at}}. Une minute pour nous dire comment cela s'est passé ?\n"
         "{{rating_url}}\n\nLe lien reste valable 30 jours.",
         "Donner mon avis"},
        {"How was your event? — {{organization_name}}", "Your opinion matters",
         "<p>Hello {{client_name}},</p><p>Thank you for trusting us with your {{event_type}} on "
         "{{starts_at}}. One minute to tell us how it went? Your rating helps us improve and "
         "helps others choose us.</p><p>The link is valid for 30 days.</p>",
         "Hello {{client_name}},\n\nThank you for trusting us with your {{event_type}} on "
         "{{starts_at}}. One minute to tell us how it went?\n{{rating_url}}\n\nThe link is "
         "valid for 30 days.",
         "Rate the event"}}},
      {"rating.bad.staff",
       {{"client_name", "event_type", "stars", "comment", "mission_url"},
        "mission_url",
        {"Note de {{stars}}/5 : {{event_type}}", "[[Un client]] est déçu",
         "<p>{{client_name}} a noté {{event_type}} <strong>{{stars}}/5</strong>.</p>"
         "<p style=\"white-space:pre-wrap\">{{comment}}</p><p>Un appel rapide peut tout "
         "changer.</p>",
         "{{client_name}} a noté {{event_type}} {{stars}}/5.\n{{comment}}\n{{mission_url}}",
         "Voir [[la mission]]"},
        {"Rated {{stars}}/5: {{event_type}}", "[[A client]] is disappointed",
         "<p>{{client_name}} rated {{event_type}} <strong>{{stars}}/5</strong>.</p>"
         "<p style=\"white-space:pre-wrap\">{{comment}}</p><p>A quick call can change "
         "everything.</p>",
         "{{client_name}} rated {{event_type}} {{stars}}/5.\n{{comment}}\n{{mission_url}}",
         "View [[the mission]]"}}},
      {"client.space",
       {{"client_name", "space_url", "expires_on"},
        "space_url",
        {"Votre espace [[client]] — {{organization_name}}", "Votre espace [[client]]",
         "<p>Bonjour {{client_name}},</p><p>Retrouvez vos devis (à signer en ligne), vos factures "
         "(à télécharger ou régler), vos prochains événements et un moyen de nous écrire, sans mot "
         "de passe.</p><p>Le lien est personnel et reste valable jusqu'au {{expires_on}}.</p>",
         "Bonjour {{client_name}},\n\nRetrouvez vos devis, vos factures, vos prochains "
         "événements et un moyen de nous écrire, sans mot de passe :\n{{space_url}}\n\nLe lien "
         "est personnel et reste valable jusqu'au {{expires_on}}.",
         "Ouvrir mon espace"},
        {"Your [[client]] space — {{organization_name}}", "Your [[client]] space",
         "<p>Hello {{client_name}},</p><p>Find your quotes (to sign online), your invoices (to "
         "download or pay), your upcoming events and a way to write to us, without a "
         "password.</p><p>The link is personal and valid until {{expires_on}}.</p>",
         "Hello {{client_name}},\n\nFind your quotes, invoices, upcoming events and a way to "
         "write to us, without a password:\n{{space_url}}\n\nThe link is personal and valid "
         "until {{expires_on}}.",
         "Open my space"}}},
      {"client.message.staff",
       {{"client_name", "message", "client_url"},
        "client_url",
        {"Message de {{client_name}} (espace [[client]])", "[[Un client]] vous écrit",
         "<p>{{client_name}} vous a écrit depuis son espace [[client]] :</p>"
         "<p style=\"white-space:pre-wrap\">{{message}}</p>",
         "{{client_name}} vous a écrit depuis son espace [[client]] :\n\n{{message}}\n\n"
         "{{client_url}}",
         "Voir [[le client]]"},
        {"Message from {{client_name}} ([[client]] space)", "[[A client]] writes to you",
         "<p>{{client_name}} wrote from their [[client]] space:</p>"
         "<p style=\"white-space:pre-wrap\">{{message}}</p>",
         "{{client_name}} wrote from their [[client]] space:\n\n{{message}}\n\n{{client_url}}",
         "View [[the client]]"}}},
      {"quote.sent",
       {{"client_name", "quote_number", "total_ttc", "valid_until", "sign_url"},
        "sign_url",
        {"Devis {{quote_number}} — {{organization_name}}", "Votre devis",
         "<p>Bonjour {{client_name}},</p><p>Voici le devis <strong>{{quote_number}}</strong> d'un "
         "montant de <strong>{{total_ttc}} TTC</strong>, valable jusqu'au {{valid_until}}. Vous "
         "pouvez "
         "le consulter et le signer en ligne.</p>",
         "Bonjour {{client_name}},\n\nVoici le devis {{quote_number}} ({{total_ttc}} TTC), valable "
         "jusqu'au {{valid_until}}.\nConsulter et signer : {{sign_url}}",
         "Consulter et signer"},
        {"Quote {{quote_number}} — {{organization_name}}", "Your quote",
         "<p>Hello {{client_name}},</p><p>Here is quote <strong>{{quote_number}}</strong> for "
         "<strong>{{total_ttc}} incl. VAT</strong>, valid until {{valid_until}}. You can read and "
         "sign it online.</p>",
         "Hello {{client_name}},\n\nHere is quote {{quote_number}} ({{total_ttc}} incl. VAT), "
         "valid "
         "until {{valid_until}}.\nRead and sign: {{sign_url}}",
         "Read and sign"}}},
      {"quote.followup",
       {{"client_name", "quote_number", "total_ttc", "valid_until", "sign_url"},
        "sign_url",
        {"Votre devis {{quote_number}} — {{organization_name}}", "Votre devis vous attend",
         "<p>Bonjour {{client_name}},</p><p>Avez-vous pu consulter le devis "
         "<strong>{{quote_number}}</strong> ({{total_ttc}} TTC) ? Il reste valable jusqu'au "
         "{{valid_until}} et se signe en ligne en deux minutes. Une question, un ajustement ? "
         "Répondez simplement à cet e-mail.</p>",
         "Bonjour {{client_name}},\n\nAvez-vous pu consulter le devis {{quote_number}} "
         "({{total_ttc}} TTC) ? Il reste valable jusqu'au {{valid_until}}.\nConsulter et signer : "
         "{{sign_url}}\n\nUne question, un ajustement ? Répondez simplement à cet e-mail.",
         "Consulter et signer"},
        {"Your quote {{quote_number}} — {{organization_name}}", "Your quote is waiting",
         "<p>Hello {{client_name}},</p><p>Have you had a chance to read quote "
         "<strong>{{quote_number}}</strong> ({{total_ttc}} incl. VAT)? It is valid until "
         "{{valid_until}} and takes two minutes to sign online. A question, a change? Just reply "
         "to this e-mail.</p>",
         "Hello {{client_name}},\n\nHave you had a chance to read quote {{quote_number}} "
         "({{total_ttc}} incl. VAT)? It is valid until {{valid_until}}.\nRead and sign: "
         "{{sign_url}}\n\nA question, a change? Just reply to this e-mail.",
         "Read and sign"}}},
      {"quote.expiring",
       {{"client_name", "quote_number", "total_ttc", "valid_until", "days_left", "sign_url"},
        "sign_url",
        {"Le devis {{quote_number}} expire le {{valid_until}}", "Dernier rappel",
         "<p>Bonjour {{client_name}},</p><p>Le devis <strong>{{quote_number}}</strong> "
         "({{total_ttc}} TTC) n'est plus valable que {{days_left}} jour(s), jusqu'au "
         "{{valid_until}}. Pour réserver la date aux conditions prévues, signez-le en ligne avant "
         "cette échéance.</p>",
         "Bonjour {{client_name}},\n\nLe devis {{quote_number}} ({{total_ttc}} TTC) n'est plus "
         "valable que {{days_left}} jour(s), jusqu'au {{valid_until}}.\nConsulter et signer : "
         "{{sign_url}}",
         "Consulter et signer"},
        {"Quote {{quote_number}} expires on {{valid_until}}", "Last reminder",
         "<p>Hello {{client_name}},</p><p>Quote <strong>{{quote_number}}</strong> "
         "({{total_ttc}} incl. VAT) is valid for {{days_left}} more day(s), until "
         "{{valid_until}}. To book the date on these terms, sign it online before then.</p>",
         "Hello {{client_name}},\n\nQuote {{quote_number}} ({{total_ttc}} incl. VAT) is valid "
         "for {{days_left}} more day(s), until {{valid_until}}.\nRead and sign: {{sign_url}}",
         "Read and sign"}}},
      {"quote.signed.client",
       {{"client_name", "quote_number", "signed_at"},
        "",
        {"Devis {{quote_number}} signé — merci !", "Devis signé",
         "<p>Bonjour {{client_name}},</p><p>Nous avons bien reçu votre signature du devis "
         "<strong>{{quote_number}}</strong> le {{signed_at}}. Le document signé est joint.</p>",
         "Bonjour {{client_name}},\n\nNous avons bien reçu votre signature du devis "
         "{{quote_number}} "
         "le {{signed_at}}. Le document signé est joint.",
         ""},
        {"Quote {{quote_number}} signed — thank you!", "Quote signed",
         "<p>Hello {{client_name}},</p><p>We received your signature of quote "
         "<strong>{{quote_number}}</strong> on {{signed_at}}. The signed document is attached.</p>",
         "Hello {{client_name}},\n\nWe received your signature of quote {{quote_number}} on "
         "{{signed_at}}. The signed document is attached.",
         ""}}},
      {"quote.signed.staff",
       {{"client_name", "quote_number", "signed_at", "quote_url"},
        "quote_url",
        {"{{client_name}} a signé le devis {{quote_number}}", "Devis signé",
         "<p>{{client_name}} a signé le devis <strong>{{quote_number}}</strong> le "
         "{{signed_at}}.</p>",
         "{{client_name}} a signé le devis {{quote_number}} le {{signed_at}}.\n{{quote_url}}",
         "Ouvrir le devis"},
        {"{{client_name}} signed quote {{quote_number}}", "Quote signed",
         "<p>{{client_name}} signed quote <strong>{{quote_number}}</strong> on {{signed_at}}.</p>",
         "{{client_name}} signed quote {{quote_number}} on {{signed_at}}.\n{{quote_url}}",
         "Open the quote"}}},
      {"equipment.checks_due",
       {{"count", "items_summary", "list_url"},
        "list_url",
        {"Contrôles de matériel à faire ({{count}})", "Contrôles à faire",
         "<p>{{count}} matériel(s) arrivent à leur contrôle périodique ou l'ont dépassé : "
         "{{items_summary}}.</p>",
         "{{count}} matériel(s) arrivent à leur contrôle périodique ou l'ont dépassé : "
         "{{items_summary}}.\n{{list_url}}",
         "Voir les contrôles"},
        {"Equipment checks due ({{count}})", "Checks due",
         "<p>{{count}} item(s) reach or are past their periodic check: {{items_summary}}.</p>",
         "{{count}} item(s) reach or are past their periodic check: {{items_summary}}.\n"
         "{{list_url}}",
         "See the checks"}}},
      {"invoice.sent",
       {{"client_name", "invoice_number", "total_ttc", "amount_due", "due_date", "payment_text",
         "pay_url"},
        "pay_url",
        {"Facture {{invoice_number}} — {{organization_name}}", "Votre facture",
         "<p>Bonjour {{client_name}},</p><p>Veuillez trouver ci-joint la facture "
         "<strong>{{invoice_number}}</strong> d'un montant de <strong>{{total_ttc}} TTC</strong>. "
         "Reste à régler : <strong>{{amount_due}}</strong> avant le {{due_date}}. Vous pouvez la "
         "payer en ligne par carte.</p><p>{{payment_text}}</p>",
         "Bonjour {{client_name}},\n\nVeuillez trouver ci-joint la facture {{invoice_number}} "
         "({{total_ttc}} TTC). Reste à régler : {{amount_due}} avant le {{due_date}}.\n"
         "Payer en ligne : {{pay_url}}\n\n{{payment_text}}",
         "Payer en ligne"},
        {"Invoice {{invoice_number}} — {{organization_name}}", "Your invoice",
         "<p>Hello {{client_name}},</p><p>Please find attached invoice "
         "<strong>{{invoice_number}}</strong> for <strong>{{total_ttc}} incl. VAT</strong>. "
         "Amount due: <strong>{{amount_due}}</strong> by {{due_date}}. You can pay it online by "
         "card.</p><p>{{payment_text}}</p>",
         "Hello {{client_name}},\n\nPlease find attached invoice {{invoice_number}} "
         "({{total_ttc}} incl. VAT). Amount due: {{amount_due}} by {{due_date}}.\n"
         "Pay online: {{pay_url}}\n\n{{payment_text}}",
         "Pay online"}}},
      {"invoice.issued",
       {{"client_name", "invoice_number", "total_ttc", "amount_due", "due_date", "payment_text"},
        "",
        {"Facture {{invoice_number}} — {{organization_name}}", "Votre facture",
         "<p>Bonjour {{client_name}},</p><p>Veuillez trouver ci-joint la facture "
         "<strong>{{invoice_number}}</strong> d'un montant de <strong>{{total_ttc}} TTC</strong>. "
         "Reste à régler : <strong>{{amount_due}}</strong> avant le {{due_date}}.</p>"
         "<p>{{payment_text}}</p>",
         "Bonjour {{client_name}},\n\nVeuillez trouver ci-joint la facture {{invoice_number}} "
         "({{total_ttc}} TTC). Reste à régler : {{amount_due}} avant le {{due_date}}.\n\n"
         "{{payment_text}}",
         ""},
        {"Invoice {{invoice_number}} — {{organization_name}}", "Your invoice",
         "<p>Hello {{client_name}},</p><p>Please find attached invoice "
         "<strong>{{invoice_number}}</strong> for <strong>{{total_ttc}} incl. VAT</strong>. "
         "Amount due: <strong>{{amount_due}}</strong> by {{due_date}}.</p><p>{{payment_text}}</p>",
         "Hello {{client_name}},\n\nPlease find attached invoice {{invoice_number}} "
         "({{total_ttc}} incl. VAT). Amount due: {{amount_due}} by {{due_date}}.\n\n"
         "{{payment_text}}",
         ""}}},
      {"payment.received",
       {{"client_name", "invoice_number", "amount", "paid_at"},
        "",
        {"Paiement reçu — facture {{invoice_number}}", "Merci pour votre paiement",
         "<p>Bonjour {{client_name}},</p><p>Nous avons reçu votre paiement de "
         "<strong>{{amount}}</strong> "
         "le {{paid_at}} pour la facture {{invoice_number}}. Merci !</p>",
         "Bonjour {{client_name}},\n\nNous avons reçu votre paiement de {{amount}} le {{paid_at}} "
         "pour "
         "la facture {{invoice_number}}. Merci !",
         ""},
        {"Payment received — invoice {{invoice_number}}", "Thank you for your payment",
         "<p>Hello {{client_name}},</p><p>We received your payment of <strong>{{amount}}</strong> "
         "on "
         "{{paid_at}} for invoice {{invoice_number}}. Thank you!</p>",
         "Hello {{client_name}},\n\nWe received your payment of {{amount}} on {{paid_at}} for "
         "invoice "
         "{{invoice_number}}. Thank you!",
         ""}}},
      {"payment.reminder",
       {{"client_name", "invoice_number", "amount_due", "due_date", "pay_url"},
        "pay_url",
        {"Rappel : facture {{invoice_number}} à régler", "Rappel de paiement",
         "<p>Bonjour {{client_name}},</p><p>Sauf erreur de notre part, la facture "
         "<strong>{{invoice_number}}</strong> ({{amount_due}} restant dû) arrivait à échéance le "
         "{{due_date}}. Si vous l'avez déjà réglée, merci d'ignorer ce message.</p>",
         "Bonjour {{client_name}},\n\nSauf erreur de notre part, la facture {{invoice_number}} "
         "({{amount_due}} restant dû) arrivait à échéance le {{due_date}}.\nPayer en ligne : "
         "{{pay_url}}",
         "Régler la facture"},
        {"Reminder: invoice {{invoice_number}} is due", "Payment reminder",
         "<p>Hello {{client_name}},</p><p>Unless we are mistaken, invoice "
         "<strong>{{invoice_number}}</strong> "
         "({{amount_due}} outstanding) was due on {{due_date}}. If you have already paid, please "
         "ignore "
         "this message.</p>",
         "Hello {{client_name}},\n\nUnless we are mistaken, invoice {{invoice_number}} "
         "({{amount_due}} "
         "outstanding) was due on {{due_date}}.\nPay online: {{pay_url}}",
         "Pay the invoice"}}},
      {"payment.received.staff",
       {{"client_name", "invoice_number", "amount", "paid_at", "invoice_url"},
        "invoice_url",
        {"Paiement en ligne reçu : {{amount}} — {{invoice_number}}", "Paiement reçu",
         "<p>{{client_name}} a payé <strong>{{amount}}</strong> en ligne le {{paid_at}} "
         "({{invoice_number}}). Le paiement est enregistré sur la facture.</p>",
         "{{client_name}} a payé {{amount}} en ligne le {{paid_at}} ({{invoice_number}}). Le "
         "paiement est enregistré sur la facture.\n{{invoice_url}}",
         "Voir la facture"},
        {"Online payment received: {{amount}} — {{invoice_number}}", "Payment received",
         "<p>{{client_name}} paid <strong>{{amount}}</strong> online on {{paid_at}} "
         "({{invoice_number}}). The payment is recorded on the invoice.</p>",
         "{{client_name}} paid {{amount}} online on {{paid_at}} ({{invoice_number}}). The payment "
         "is recorded on the invoice.\n{{invoice_url}}",
         "View the invoice"}}},
      {"payment.reminder.upcoming",
       {{"client_name", "invoice_number", "amount_due", "due_date", "pay_url"},
        "pay_url",
        {"Échéance proche : facture {{invoice_number}}", "Petit rappel",
         "<p>Bonjour {{client_name}},</p><p>La facture <strong>{{invoice_number}}</strong> "
         "({{amount_due}} restant dû) arrive à échéance le {{due_date}}. Si le règlement est déjà "
         "parti, merci d'ignorer ce message.</p>",
         "Bonjour {{client_name}},\n\nLa facture {{invoice_number}} ({{amount_due}} restant dû) "
         "arrive à échéance le {{due_date}}.\nPayer en ligne : {{pay_url}}",
         "Voir et régler la facture"},
        {"Due soon: invoice {{invoice_number}}", "A friendly reminder",
         "<p>Hello {{client_name}},</p><p>Invoice <strong>{{invoice_number}}</strong> "
         "({{amount_due}} outstanding) is due on {{due_date}}. If you have already paid, please "
         "ignore this message.</p>",
         "Hello {{client_name}},\n\nInvoice {{invoice_number}} ({{amount_due}} outstanding) is "
         "due on {{due_date}}.\nPay online: {{pay_url}}",
         "View and pay the invoice"}}},
      {"payment.reminder.firm",
       {{"client_name", "invoice_number", "amount_due", "due_date", "days_late", "pay_url"},
        "pay_url",
        {"Deuxième rappel : facture {{invoice_number}} impayée", "Facture en retard",
         "<p>Bonjour {{client_name}},</p><p>Malgré notre précédent rappel, la facture "
         "<strong>{{invoice_number}}</strong>, échue le {{due_date}}, reste impayée "
         "({{amount_due}}, {{days_late}} jours de retard). Merci de procéder à son règlement dès "
         "que possible.</p>",
         "Bonjour {{client_name}},\n\nMalgré notre précédent rappel, la facture "
         "{{invoice_number}}, échue le {{due_date}}, reste impayée ({{amount_due}}, "
         "{{days_late}} jours de retard).\nPayer en ligne : {{pay_url}}",
         "Régler la facture"},
        {"Second reminder: invoice {{invoice_number}} unpaid", "Invoice overdue",
         "<p>Hello {{client_name}},</p><p>Despite our previous reminder, invoice "
         "<strong>{{invoice_number}}</strong>, due on {{due_date}}, is still unpaid "
         "({{amount_due}}, {{days_late}} days late). Please pay it as soon as possible.</p>",
         "Hello {{client_name}},\n\nDespite our previous reminder, invoice {{invoice_number}}, "
         "due on {{due_date}}, is still unpaid ({{amount_due}}, {{days_late}} days late).\n"
         "Pay online: {{pay_url}}",
         "Pay the invoice"}}},
      {"payment.reminder.formal",
       {{"client_name", "invoice_number", "amount_due", "due_date", "days_late", "penalties_text",
         "pay_url"},
        "pay_url",
        {"Mise en demeure : facture {{invoice_number}}", "Mise en demeure de payer",
         "<p>Bonjour {{client_name}},</p><p>La facture <strong>{{invoice_number}}</strong>, échue "
         "le {{due_date}}, demeure impayée à ce jour ({{amount_due}}, {{days_late}} jours de "
         "retard) malgré nos relances. Nous vous mettons en demeure de la régler sous huit "
         "jours.</p><p>{{penalties_text}}</p>",
         "Bonjour {{client_name}},\n\nLa facture {{invoice_number}}, échue le {{due_date}}, "
         "demeure impayée ({{amount_due}}, {{days_late}} jours de retard) malgré nos relances. "
         "Nous vous mettons en demeure de la régler sous huit jours.\n\n{{penalties_text}}\n\n"
         "Payer en ligne : {{pay_url}}",
         "Régler la facture"},
        {"Formal notice: invoice {{invoice_number}}", "Formal notice to pay",
         "<p>Hello {{client_name}},</p><p>Invoice <strong>{{invoice_number}}</strong>, due on "
         "{{due_date}}, is still unpaid ({{amount_due}}, {{days_late}} days late) despite our "
         "reminders. We formally ask you to pay it within eight days.</p><p>{{penalties_text}}</p>",
         "Hello {{client_name}},\n\nInvoice {{invoice_number}}, due on {{due_date}}, is still "
         "unpaid ({{amount_due}}, {{days_late}} days late) despite our reminders. We formally ask "
         "you to pay it within eight days.\n\n{{penalties_text}}\n\nPay online: {{pay_url}}",
         "Pay the invoice"}}},
      {"mission.assigned",
       {{"recipient_name", "mission_title", "starts_at", "venue", "mission_url"},
        "mission_url",
        {"[[Nouvelle]] [[mission]] : {{mission_title}} le {{starts_at}}",
         "[[Nouvelle]] [[mission]]",
         "<p>Bonjour {{recipient_name}},</p><p>Vous êtes affecté(e) [[à la mission]] "
         "<strong>{{mission_title}}</strong> le {{starts_at}} ({{venue}}).</p>",
         "Bonjour {{recipient_name}},\n\nVous êtes affecté(e) [[à la mission]] {{mission_title}} "
         "le {{starts_at}} ({{venue}}).\n{{mission_url}}",
         "Voir [[la mission]]"},
        {"New [[mission]]: {{mission_title}} on {{starts_at}}", "New [[mission]]",
         "<p>Hello {{recipient_name}},</p><p>You are assigned to "
         "<strong>{{mission_title}}</strong> "
         "on {{starts_at}} ({{venue}}).</p>",
         "Hello {{recipient_name}},\n\nYou are assigned to {{mission_title}} on {{starts_at}} "
         "({{venue}}).\n{{mission_url}}",
         "View [[the mission]]"}}},
      // Notifications (docs/notifications.md): the text is made by domain::RenderNotification
      // and arrives whole, so one template serves every kind.
      {"notification.single",
       {{"recipient_name", "title", "body", "link_url"},
        "link_url",
        {"{{title}}", "{{title}}", "<p>Bonjour {{recipient_name}},</p><p>{{body}}</p>",
         "Bonjour {{recipient_name}},\n\n{{body}}\n{{link_url}}\n\nVos préférences de "
         "notification se règlent dans Planify, page Notifications.",
         "Ouvrir"},
        {"{{title}}", "{{title}}", "<p>Hello {{recipient_name}},</p><p>{{body}}</p>",
         "Hello {{recipient_name}},\n\n{{body}}\n{{link_url}}\n\nChoose what you hear about on "
         "Planify's Notifications page.",
         "Open"}}},
      {"notification.digest",
       {{"recipient_name", "count", "items", "link_url"},
        "link_url",
        {"Votre résumé : {{count}} notification(s)", "Ce qui s'est passé",
         "<p>Bonjour {{recipient_name}},</p><ul>{{#items}}<li><a href=\"{{link_url}}\">"
         "<strong>{{title}}</strong></a><br>{{body}}</li>{{/items}}</ul>",
         "Bonjour {{recipient_name}},\n\n{{#items}}- {{title}} : {{body}}\n  {{link_url}}\n"
         "{{/items}}\nToutes vos notifications : {{link_url}}",
         "Voir mes notifications"},
        {"Your digest: {{count}} notification(s)", "What happened",
         "<p>Hello {{recipient_name}},</p><ul>{{#items}}<li><a href=\"{{link_url}}\">"
         "<strong>{{title}}</strong></a><br>{{body}}</li>{{/items}}</ul>",
         "Hello {{recipient_name}},\n\n{{#items}}- {{title}}: {{body}}\n  {{link_url}}\n"
         "{{/items}}\nAll your notifications: {{link_url}}",
         "See my notifications"}}},
      {"mission.reminder",
       {{"recipient_name", "mission_title", "starts_at", "venue", "mission_url"},
        "mission_url",
        {"Demain : {{mission_title}}", "C'est demain",
         "<p>Bonjour {{recipient_name}},</p><p>Rappel : <strong>{{mission_title}}</strong> "
         "commence "
         "le {{starts_at}} ({{venue}}).</p>",
         "Bonjour {{recipient_name}},\n\nRappel : {{mission_title}} commence le {{starts_at}} "
         "({{venue}}).\n{{mission_url}}",
         "Voir [[la mission]]"},
        {"Tomorrow: {{mission_title}}", "Tomorrow",
         "<p>Hello {{recipient_name}},</p><p>Reminder: <strong>{{mission_title}}</strong> starts "
         "on "
         "{{starts_at}} ({{venue}}).</p>",
         "Hello {{recipient_name}},\n\nReminder: {{mission_title}} starts on {{starts_at}} "
         "({{venue}}).\n{{mission_url}}",
         "View [[the mission]]"}}},
  };
  return kCatalogue;
}

// Table layout and inline styles: what Gmail, Outlook and Apple Mail all render the same way.
constexpr const char* kLayout = R"(<!doctype html>
<html lang="{{locale}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{subject}}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:8px;font-family:Arial,Helvetica,sans-serif;color:#1f2937;">
<tr><td style="padding:20px 28px;border-bottom:3px solid {{brand_color}};">{{#logo_url}}<img src="{{logo_url}}" alt="{{organization_name}}" height="40" style="display:block;height:40px;border:0;">{{/logo_url}}{{^logo_url}}<span style="font-size:18px;font-weight:bold;color:{{brand_color}};">{{organization_name}}</span>{{/logo_url}}</td></tr>
<tr><td style="padding:28px 28px 8px 28px;"><h1 style="margin:0 0 16px 0;font-size:20px;line-height:1.3;">{{heading}}</h1>
<div style="font-size:15px;line-height:1.6;">{{{body}}}</div></td></tr>
{{#action_url}}<tr><td style="padding:8px 28px 24px 28px;"><a href="{{action_url}}" style="display:inline-block;background:{{brand_color}};color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 20px;border-radius:6px;">{{action_label}}</a>
<p style="font-size:12px;color:#6b7280;margin:12px 0 0 0;word-break:break-all;">{{action_url}}</p></td></tr>{{/action_url}}
<tr><td style="padding:16px 28px;border-top:1px solid #e5e7eb;font-size:12px;color:#6b7280;">{{organization_name}}</td></tr>
</table></td></tr></table></body></html>)";

mst::data ToData(const nlohmann::json& value) {
  if (value.is_object()) {
    mst::data d;
    for (const auto& [key, v] : value.items()) d.set(key, ToData(v));
    return d;
  }
  if (value.is_array()) {
    mst::data list{mst::data::type::list};
    for (const auto& v : value) list.push_back(ToData(v));
    return list;
  }
  if (value.is_boolean())
    return value.get<bool>() ? mst::data{mst::data::type::bool_true}
                             : mst::data{mst::data::type::bool_false};
  if (value.is_string()) return mst::data{value.get<std::string>()};
  if (value.is_null()) return mst::data{mst::data::type::bool_false};
  return mst::data{value.dump()};
}

// `html`: values are HTML-escaped; otherwise (subject, text part) they go in as they are.
Result<std::string> Render(const std::string& text, const mst::data& data, bool html) {
  mst::mustache tmpl{text};
  if (!tmpl.is_valid()) return Fail(ErrorCode::kInternal, "template: " + tmpl.error_message());
  if (html) {
    // &#39; rather than the library's &apos;, which HTML 4 mail clients (old Outlook) show as is.
    tmpl.set_custom_escape([](const std::string& s) {
      std::string out;
      out.reserve(s.size());
      for (char c : s) {
        switch (c) {
          case '&':
            out += "&amp;";
            break;
          case '<':
            out += "&lt;";
            break;
          case '>':
            out += "&gt;";
            break;
          case '"':
            out += "&quot;";
            break;
          case '\'':
            out += "&#39;";
            break;
          default:
            out.push_back(c);
        }
      }
      return out;
    });
  } else {
    tmpl.set_custom_escape([](const std::string& s) { return s; });
  }
  return tmpl.render(data);
}

}  // namespace

std::vector<std::string> EmailTemplateNames() {
  std::vector<std::string> out;
  for (const auto& [name, t] : Catalogue()) out.push_back(name);
  return out;
}

Result<RenderedEmail> RenderEmailTemplate(const std::string& name, const std::string& locale,
                                          const EmailBranding& branding,
                                          const nlohmann::json& data) {
  auto it = Catalogue().find(name);
  if (it == Catalogue().end()) return Fail(ErrorCode::kNotFound, "unknown e-mail template " + name);
  if (locale != "fr" && locale != "en")
    return Fail(ErrorCode::kNotFound, "unknown locale " + locale);
  const Template& t = it->second;
  const Localized& l = locale == "fr" ? t.fr : t.en;
  if (!data.is_object()) return Fail(ErrorCode::kValidation, "template data must be an object");
  std::vector<FieldError> missing;
  for (const auto& key : t.required) {
    if (!data.contains(key) || data[key].is_null() ||
        (data[key].is_string() && data[key].get<std::string>().empty())) {
      missing.push_back({key, "required by template " + name});
    }
  }
  if (!missing.empty()) return Fail(ErrorCode::kValidation, "missing template variables", missing);

  static const std::regex kColor("^#[0-9a-fA-F]{6}$");
  nlohmann::json merged = data;
  merged["organization_name"] =
      branding.organization_name.empty() ? "Planify" : branding.organization_name;
  merged["brand_color"] =
      std::regex_match(branding.brand_color, kColor) ? branding.brand_color : "#4f46e5";
  // Sections treat any string as true: absent values must be null (false), not "".
  if (branding.logo_url.rfind("https://", 0) == 0) {
    merged["logo_url"] = branding.logo_url;
  } else {
    merged["logo_url"] = nullptr;
  }
  merged["locale"] = locale;
  const mst::data values = ToData(merged);

  // The organisation's word for a mission goes into the template, never into the values (a
  // client's text holding "[[mission]]" stays as typed).
  const auto term = [&](const std::string& s) {
    return domain::ApplyTerms(s, branding.terms, locale);
  };
  RenderedEmail out;
  auto subject = Render(term(l.subject), values, false);
  auto heading = Render(term(l.heading), values, true);
  auto body = Render(term(l.body), values, true);
  auto text = Render(term(l.text), values, false);
  if (!subject || !heading || !body || !text)
    return Fail(ErrorCode::kInternal, "template " + name + " does not parse");
  out.subject = *subject;
  out.text = *text + "\n\n-- \n" + merged["organization_name"].get<std::string>() + "\n";

  nlohmann::json layout = merged;
  layout["subject"] = out.subject;
  layout["heading"] = *heading;
  layout["body"] = *body;
  if (t.action_url_key.empty()) {
    layout["action_url"] = nullptr;
  } else {
    layout["action_url"] = data[t.action_url_key];
  }
  layout["action_label"] = term(l.button);
  auto html = Render(kLayout, ToData(layout), true);
  if (!html) return Fail(std::move(html).error());
  out.html = *html;
  return out;
}

nlohmann::json EmailTemplateSample() {
  nlohmann::json sample = {
      {"recipient_name", "Inès Moreau"},
      {"count", "2"},
      {"items_summary", "Lyre Beam 230 (2026-11-30), Machine à fumée (2026-12-02)"},
      {"list_url", "https://planify.example.fr/materiel?controles=1"},
      {"client_name", "Mairie de Villeurbanne"},
      {"inviter_name", "Greg Nizery"},
      {"role", "technicien"},
      {"link_url", "https://planify.example.fr/connexion/lien?t=3f9a1c2b"},
      {"expires_minutes", "15"},
      {"quote_number", "DEV-2026-0042"},
      {"invoice_number", "FAC-2026-0117"},
      {"total_ttc", "2 340,00 €"},
      {"amount", "1 170,00 €"},
      {"amount_due", "1 170,00 €"},
      {"valid_until", "25/12/2026"},
      {"due_date", "10/12/2026"},
      {"payment_text", "Règlement par virement : IBAN FR76 3000 6000 0112 3456 7890 189."},
      {"signed_at", "25/11/2026 à 18:42"},
      {"paid_at", "26/11/2026"},
      {"days_late", "30"},
      {"days_left", "3"},
      {"penalties_text",
       "En application de l'article L441-10 du Code de commerce, des pénalités de retard au taux "
       "de 10 % l'an courent depuis l'échéance, ainsi qu'une indemnité forfaitaire de 40 € pour "
       "frais de recouvrement."},
      {"sign_url", "https://planify.example.fr/d/q/8c1e5"},
      {"pay_url", "https://planify.example.fr/d/i/77ab2"},
      {"quote_url", "https://planify.example.fr/devis/42"},
      {"invoice_url", "https://planify.example.fr/factures/117"},
      {"mission_title", "Mariage Durand — soirée dansante"},
      {"starts_at", "samedi 12/12/2026 à 19:00"},
      {"venue", "Château de Montplaisir, Lyon"},
      {"mission_url", "https://planify.example.fr/missions/118"},
      {"reference", "DEM-00042"},
      {"event_type", "Mariage"},
      {"services", "Animation DJ soirée, Éclairage d'ambiance"},
      {"availability", "libre"},
      {"request_url", "https://planify.example.fr/demandes/42"},
      {"message", "Bonjour Camille,\nLe 12 juin nous convient. Pouvez-vous préciser l'heure ?"},
      {"sender_name", "Greg Nizery"},
      {"reason", "Nous sommes déjà pris ce soir-là."},
      {"rating_url", "https://planify.example.fr/noter/4be0c1"},
      {"stars", "2"},
      {"comment", "Le son était trop fort pendant le dîner."},
      {"space_url", "https://planify.example.fr/espace-client/9d2f7a"},
      {"expires_on", "03/01/2027"},
      {"client_url", "https://planify.example.fr/clients/42"},
      {"title", "Devis DEV-2026-0042 signé"},
      {"body", "Mairie de Villeurbanne a signé le devis DEV-2026-0042 (2 340,00 €)."},
      {"items",
       {{{"title", "Devis DEV-2026-0042 signé"},
         {"body", "Mairie de Villeurbanne a signé le devis DEV-2026-0042 (2 340,00 €)."},
         {"link_url", "https://planify.example.fr/devis/42"}},
        {{"title", "Facture FAC-2026-0117 payée"},
         {"body", "La facture FAC-2026-0117 de Mairie de Villeurbanne est réglée (1 170,00 €)."},
         {"link_url", "https://planify.example.fr/factures/117"}}}}};
  return sample;
}

}  // namespace planify::integrations
