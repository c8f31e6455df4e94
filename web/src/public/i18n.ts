// The public pages speak the visitor's language: French unless the browser prefers English.

const fr = {
  loading: "Chargement…",
  notFound: "Cette page de réservation n'existe pas ou n'est plus ouverte.",
  loadError: "La page n'a pas pu être chargée. Vérifiez votre connexion puis réessayez.",
  retry: "Réessayer",
  switchLanguage: "English",
  eventSection: "Votre événement",
  contactSection: "Vos coordonnées",
  servicesSection: "Prestations souhaitées",
  eventType: "Type d'événement",
  chooseType: "Choisissez…",
  date: "Date",
  startTime: "Début",
  endTime: "Fin",
  endsNextDay: "Se termine le lendemain.",
  place: "Lieu",
  placeHint: "Salle, ville ou adresse",
  guests: "Nombre d'invités",
  budget: "Budget (€, facultatif)",
  message: "Votre message",
  characters: "caractères",
  name: "Nom et prénom",
  email: "E-mail",
  phone: "Téléphone",
  phoneHint: "06 12 34 56 78 ou +44 20 7946 0958",
  consent:
    "J'accepte d'être recontacté au sujet de cette demande. Mes coordonnées ne servent qu'à y répondre.",
  optional: "facultatif",
  send: "Envoyer la demande",
  sending: "Envoi…",
  checking: "Vérification de la date…",
  free: "Cette date semble libre.",
  busy: "Cette date semble déjà prise.",
  alternatives: "Dates proches libres :",
  noAlternative: "Écrivez-nous quand même : nous vous proposerons une solution.",
  sentTitle: "Demande envoyée",
  sentBody:
    "Merci ! Votre demande {reference} est bien arrivée. Un e-mail de confirmation vient de vous être envoyé ; nous revenons vers vous très vite.",
  another: "Faire une autre demande",
  fixFields: "Vérifiez les champs signalés.",
  required: "Ce champ est obligatoire.",
  invalidEmail: "Cette adresse e-mail n'est pas valide.",
  invalidPhone: "Numéro invalide : 06 12 34 56 78 ou +44 20 7946 0958.",
  invalidBudget: "Un montant en euros, par exemple 1500 ou 1 500,50.",
  invalidGuests: "De 1 à 100 000 invités.",
  tooLong: "Au plus {max} caractères.",
  endBeforeStart: "La fin doit être après le début.",
  consentRequired: "Acceptez d'être recontacté pour que la demande puisse être traitée.",
  tooMany: "Trop de demandes d'un coup. Réessayez dans quelques minutes.",
  expired: "Le formulaire a expiré : rechargez la page.",
  networkError: "La demande n'est pas partie. Vérifiez votre connexion puis réessayez.",
  poweredBy: "Réservation en ligne par Planify",
  ratingTitle: "Votre avis sur {event}",
  ratingIntro: "Une minute pour dire comment s'est passé votre événement du {date}.",
  ratingOverall: "Votre note",
  ratingCrew: "Et l'équipe ? (facultatif)",
  ratingNone: "Sans note",
  ratingStars: "{count} sur 5",
  ratingComment: "Un commentaire (facultatif)",
  ratingConsent:
    "J'accepte que ma note et mon commentaire soient affichés sur la page de réservation, avec mon prénom et le type d'événement.",
  ratingSend: "Envoyer ma note",
  ratingThanks: "Merci pour votre note !",
  ratingAlready: "Merci, votre note est déjà enregistrée.",
  ratingUnknown: "Ce lien de notation n'existe pas.",
  ratingExpired: "Ce lien de notation a expiré.",
  ratingOverallRequired: "Choisissez une note de 1 à 5 étoiles.",
  reviewsTitle: "Avis de clients",
  reviewsAverage: "{average}/5 d'après {count} avis de clients",
};

export type Messages = typeof fr;
export type MessageKey = keyof Messages;

const en: Messages = {
  loading: "Loading…",
  notFound: "This booking page does not exist or is no longer open.",
  loadError: "The page could not be loaded. Check your connection and try again.",
  retry: "Try again",
  switchLanguage: "Français",
  eventSection: "Your event",
  contactSection: "Your details",
  servicesSection: "Services you would like",
  eventType: "Type of event",
  chooseType: "Choose…",
  date: "Date",
  startTime: "Start",
  endTime: "End",
  endsNextDay: "Ends the next day.",
  place: "Place",
  placeHint: "Venue, town or address",
  guests: "Number of guests",
  budget: "Budget (€, optional)",
  message: "Your message",
  characters: "characters",
  name: "Full name",
  email: "E-mail",
  phone: "Phone",
  phoneHint: "+44 20 7946 0958 or 06 12 34 56 78",
  consent: "I agree to be contacted about this request. My details are used only to answer it.",
  optional: "optional",
  send: "Send the request",
  sending: "Sending…",
  checking: "Checking the date…",
  free: "This date looks free.",
  busy: "This date looks already taken.",
  alternatives: "Nearby free dates:",
  noAlternative: "Write to us anyway: we will suggest something.",
  sentTitle: "Request sent",
  sentBody:
    "Thank you! Your request {reference} has arrived. A confirmation e-mail is on its way; we will get back to you shortly.",
  another: "Make another request",
  fixFields: "Please check the fields marked.",
  required: "This field is required.",
  invalidEmail: "This e-mail address is not valid.",
  invalidPhone: "Invalid number: +44 20 7946 0958 or 06 12 34 56 78.",
  invalidBudget: "An amount in euros, for example 1500 or 1,500.50.",
  invalidGuests: "From 1 to 100,000 guests.",
  tooLong: "At most {max} characters.",
  endBeforeStart: "The end must come after the start.",
  consentRequired: "Please agree to be contacted so that we can answer.",
  tooMany: "Too many requests at once. Please try again in a few minutes.",
  expired: "The form has expired: please reload the page.",
  networkError: "The request was not sent. Check your connection and try again.",
  poweredBy: "Online booking by Planify",
  ratingTitle: "Your opinion on {event}",
  ratingIntro: "One minute to tell us how your event on {date} went.",
  ratingOverall: "Your rating",
  ratingCrew: "And the team? (optional)",
  ratingNone: "No rating",
  ratingStars: "{count} out of 5",
  ratingComment: "A comment (optional)",
  ratingConsent:
    "I agree that my rating and comment be shown on the booking page, with my first name and the type of event.",
  ratingSend: "Send my rating",
  ratingThanks: "Thank you for your rating!",
  ratingAlready: "Thank you, your rating is already recorded.",
  ratingUnknown: "This rating link does not exist.",
  ratingExpired: "This rating link has expired.",
  ratingOverallRequired: "Choose a rating from 1 to 5 stars.",
  reviewsTitle: "Client reviews",
  reviewsAverage: "{average}/5 from {count} client reviews",
};

export type Locale = "fr" | "en";

export function preferredLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const code = language.toLowerCase().slice(0, 2);
    if (code === "fr") return "fr";
    if (code === "en") return "en";
  }
  return "fr";
}

export function translator(locale: Locale) {
  const messages = locale === "en" ? en : fr;
  return (key: MessageKey, values: Record<string, string | number> = {}): string =>
    messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}

export type Translate = ReturnType<typeof translator>;
