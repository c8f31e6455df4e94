// The legacy documents: quotes (with their signatures), invoices, credit notes, payments, the
// numbering sequences and the pricing grid (docs/legacy-import.md, docs/data-model.md §4).
// The amounts the legacy app issued are kept as issued; lines are rebuilt from its formula and
// any difference is a line and a note, never a silent change.

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "app/auth/auth_service.hpp"
#include "app/legacy/legacy_importer.hpp"
#include "domain/images.hpp"
#include "domain/legacy_values.hpp"
#include "domain/local_time.hpp"
#include "domain/pricing.hpp"
#include "domain/validation.hpp"
#include "store/billing_repository.hpp"
#include "store/catalogue_repository.hpp"
#include "store/document_files_repository.hpp"
#include "store/emails_repository.hpp"
#include "store/online_payments_repository.hpp"
#include "store/organizations_repository.hpp"

namespace planify::app::legacy {

namespace {

// Beyond what a real document carries (10⁹ €; 10,000 h): refused, so no sum overflows.
constexpr long long kMaxLegacyCents = 100'000'000'000LL;
constexpr long long kMaxLegacyHoursMilli = 10'000'000LL;
// The legacy app took drawn signatures up to 500 KiB decoded (b.4): its data URL, in base64.
constexpr std::size_t kMaxSignatureUrl = std::size_t{700} * 1024;
// A numbering sequence (PostgreSQL's INTEGER, and room to go on).
constexpr long long kMaxSequence = 999'999'999LL;

std::string Money(long long cents) {
  const long long whole = (cents < 0 ? -cents : cents);
  std::string text = std::to_string(whole / 100) + ",";
  const long long rest = whole % 100;
  text += static_cast<char>('0' + rest / 10);
  text += static_cast<char>('0' + rest % 10);
  return (cents < 0 ? "-" : "") + text + " €";
}

// The calendar day in Paris of an instant ("2026-11-24").
std::string ParisDay(domain::Timestamp at) {
  const auto local = at + domain::UtcOffset(kParis, at);
  return domain::FormatIsoDate(
      std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(local)});
}

// A legacy DATE column as stored ("2026-12-31", or a datetime whose day is kept).
std::string Day(const LegacyRow& row, const std::string& column) {
  auto text = row.Text(column);
  if (!text) return "";
  auto local = domain::ParseLegacyLocalTime(*text);
  if (!local) return "";
  return domain::FormatIsoDate(
      std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(*local)});
}

std::string Lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Digits only ("123 456 789" → "123456789").
std::string Digits(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

// The text of the legacy rich-text body (a sanitised HTML subset): tags dropped, blocks as
// lines, the common entities decoded.
std::string HtmlText(const std::string& html) {
  std::string out;
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] == '<') {
      const auto end = html.find('>', i);
      if (end == std::string::npos) {  // a "<" that opens no tag: text
        out.append(html, i, std::string::npos);
        break;
      }
      const std::string tag = Lower(html.substr(i + 1, end - i - 1));
      if (tag.rfind("br", 0) == 0 || tag == "/p" || tag == "/div" || tag == "/li" ||
          tag.rfind("/h", 0) == 0) {
        out += '\n';
      } else if (tag.rfind("li", 0) == 0) {
        out += "• ";
      }
      i = end;
      continue;
    }
    if (html[i] == '&') {
      static const std::pair<const char*, const char*> kEntities[] = {
          {"&amp;", "&"},    {"&lt;", "<"},     {"&gt;", ">"},     {"&quot;", "\""},
          {"&#39;", "'"},    {"&apos;", "'"},   {"&nbsp;", " "},   {"&eacute;", "é"},
          {"&egrave;", "è"}, {"&agrave;", "à"}, {"&ccedil;", "ç"}, {"&euro;", "€"}};
      bool decoded = false;
      for (const auto& [entity, text] : kEntities) {
        const std::string_view e(entity);
        if (html.compare(i, e.size(), e) == 0) {
          out += text;
          i += e.size() - 1;
          decoded = true;
          break;
        }
      }
      if (decoded) continue;
    }
    out += html[i];
  }
  // Blank lines collapsed, each line trimmed.
  std::string clean;
  std::size_t start = 0;
  bool blank = true;
  while (start <= out.size()) {
    auto end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    const std::string line = domain::Trim(out.substr(start, end - start));
    if (!line.empty()) {
      if (!clean.empty()) clean += blank ? "\n\n" : "\n";
      clean += line;
      blank = false;
    } else {
      blank = true;
    }
    start = end + 1;
  }
  return clean;
}

// "data:image/png;base64,…" → the image bytes; nullopt when it is not an image data URL.
std::optional<std::string> DataUrlImage(const std::string& url) {
  const auto comma = url.find(',');
  if (url.rfind("data:image/", 0) != 0 || comma == std::string::npos ||
      url.substr(0, comma).find(";base64") == std::string::npos) {
    return std::nullopt;
  }
  auto bytes = store::Base64Decode(url.substr(comma + 1));
  if (!bytes || bytes->empty()) return std::nullopt;
  return bytes;
}

// A legacy payment mode (folded) as Planify's method; nullopt when unknown.
std::optional<std::string> PaymentMethod(const std::string& mode) {
  static const std::map<std::string, std::string> kMethods = {{"stripe", "card"},
                                                              {"carte", "card"},
                                                              {"virement", "bank_transfer"},
                                                              {"especes", "cash"},
                                                              {"cheque", "cheque"}};
  auto found = kMethods.find(mode);
  if (found == kMethods.end()) return std::nullopt;
  return found->second;
}

// A PNG header (IHDR) of at most 4096 × 4096 pixels, or a JPEG (never drawn: PDFs take PNG).
bool SmallPicture(const std::string& bytes) {
  if (bytes.rfind("\xFF\xD8\xFF", 0) == 0) return true;
  if (bytes.size() < 24 || bytes.rfind("\x89PNG\r\n\x1A\n", 0) != 0 ||
      bytes.compare(12, 4, "IHDR") != 0) {
    return false;
  }
  auto be32 = [&](std::size_t at) {
    unsigned long value = 0;
    for (std::size_t i = 0; i < 4; ++i)
      value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
    return value;
  };
  const unsigned long width = be32(16);
  const unsigned long height = be32(20);
  return width >= 1 && width <= 4096 && height >= 1 && height <= 4096;
}

}  // namespace

std::string Importer::LinkHash(const std::string& table, long long id, const std::string& token) {
  const std::string planify_table = table == "devis" ? "quotes" : "invoices";
  std::string hash = HashToken(token);
  store::LegacyImportRepository repo(*lease_);
  if (repo.PublicTokenTaken(planify_table, hash)) {
    // The same legacy file imported into another organisation: one of them keeps the link;
    // this one's is a hash no token gives (a new link goes with the next e-mail).
    for (int n = 0; n == 0 || repo.PublicTokenTaken(planify_table, hash); ++n) {
      hash = HashToken(token + "#" + std::to_string(org_.value) + "#" + std::to_string(id) + "#" +
                       std::to_string(n));
    }
    Note("warning", table, id, table == "devis" ? "signature_token" : "payment_token", std::nullopt,
         request_.create_accounts
             ? "Lien déjà repris par un autre import de cette base : ce lien mène à l'autre "
               "organisation, un nouveau lien sera envoyé avec le prochain e-mail."
             : "Ancien lien déjà utilisé : un nouveau lien sera envoyé avec le prochain e-mail.");
  }
  return hash;
}

std::string Importer::StatusOf(const LegacyRow& row, const std::string& table, long long id,
                               domain::LegacyEntity entity, const char* absent,
                               const char* fallback, const char* unknown) {
  const std::string raw = row.Text("statut").value_or(absent);
  if (auto status = domain::LegacyStatus(entity, raw)) return std::string(*status);
  Note("warning", table, id, "statut", raw, unknown);
  return fallback;
}

std::string Importer::FreeNumber(const std::string& base, long long id) {
  store::LegacyImportRepository repo(*lease_);
  std::string number = base;
  for (int n = 1; repo.NumberTaken("payments", org_, number); ++n) {
    number = base + "-" + std::to_string(id) + (n == 1 ? "" : "-" + std::to_string(n));
  }
  return number;
}

bool Importer::Franchise() {
  if (!franchise_) {
    auto stored = store::OrganizationsRepository(*lease_).LoadSettings(org_);
    franchise_ = stored && stored->settings.vat_regime == domain::VatRegime::kFranchise;
  }
  return *franchise_;
}

// What quotes and invoices share.
bool Importer::Document(const LegacyRow& row, const std::string& table, long long id,
                        store::DocumentRecord& doc) {
  store::LegacyImportRepository repo(*lease_);
  const std::string number = row.Text("numero").value_or("");
  const std::string planify_table = table == "devis" ? "quotes" : "invoices";
  if (number.empty()) {
    Note("error", table, id, "numero", row.Raw("numero"), "Document sans numéro : non importé.");
    return false;
  }
  if (TestRow(table, id, number)) return false;
  if (repo.NumberTaken(planify_table, org_, number)) {
    Note("error", table, id, "numero", number,
         "Numéro déjà utilisé par un document de l'organisation : non importé (deux documents ne "
         "peuvent porter le même numéro).");
    return false;
  }
  // An amount that is there but unreadable ("585,00") or beyond any real document stops the
  // document: a figure silently taken as 0 would change what was issued.
  bool unreadable = false;
  auto cents = [&](const char* column, long long fallback) -> long long {
    auto value = row.Real(column);
    if (!value) {
      if (row.Has(column) && !row.IsNull(column)) {
        Note("error", table, id, column, row.Raw(column), "Montant illisible.");
        unreadable = true;
      }
      return fallback;
    }
    auto c = domain::LegacyEurosToCents(*value);
    if (!c || *c > kMaxLegacyCents || *c < -kMaxLegacyCents) {
      Note("error", table, id, column, row.Raw(column), "Montant illisible ou hors limites.");
      unreadable = true;
      return 0;
    }
    return *c;
  };
  auto decimal = [&](const char* column, int places, long long fallback) -> long long {
    auto value = row.Real(column);
    if (!value) return fallback;
    return domain::LegacyDecimal(*value, places).value_or(fallback);
  };
  doc.number = number;
  doc.client_id = Mapped("clients", row.Int("client_id"));
  if (row.Int("client_id") && !doc.client_id) {
    Note("warning", table, id, "client_id", row.Raw("client_id"),
         "Client introuvable ou non importé : document sans fiche client (son nom reste).");
  }
  doc.mission_id = Mapped("prestations", row.Int("prestation_id"));
  if (row.Int("prestation_id") && !doc.mission_id) {
    Note("warning", table, id, "prestation_id", row.Raw("prestation_id"),
         "Mission introuvable ou non importée : document sans mission.");
  }
  // The client as the document named it then (a snapshot, not today's client file).
  auto& client = doc.client;
  client.name = Utf8Prefix(row.Text("client_nom").value_or("Client"), 200);
  const std::string siren = Digits(row.Text("client_siren").value_or(""));
  const bool business = row.Bool("client_professionnel", false) || !siren.empty();
  client.kind = business ? domain::ClientKind::kCompany : domain::ClientKind::kIndividual;
  if (business) {
    if (siren.size() == 9) {
      client.siren = siren;
    } else if (!siren.empty()) {
      Note("warning", table, id, "client_siren", row.Raw("client_siren"),
           "SIREN du client invalide : gardé dans les notes du client du document.");
      client.notes = "SIREN indiqué : " + *row.Text("client_siren");
    }
    if (auto vat = row.Text("client_tva")) {
      std::string compact;
      for (char c : *vat) {
        if (c != ' ') compact += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
      client.vat_number = compact;
    }
  }
  if (auto address = row.Text("client_adresse"))
    client.billing = domain::SplitLegacyAddress(*address);
  if (auto delivery = row.Text("adresse_livraison")) {
    client.service = domain::SplitLegacyAddress(*delivery);
  }
  doc.client_email = Lower(row.Text("client_email").value_or(""));
  if (!doc.client_email.empty() || row.Text("client_telephone")) {
    domain::ClientContact contact;
    contact.name = client.name;
    contact.email = doc.client_email;
    contact.phone = row.Text("client_telephone").value_or("");
    contact.primary = true;
    client.contacts.push_back(contact);
  }
  // What was written.
  auto& content = doc.content;
  content.title = Utf8Prefix(row.Text("prestation_titre").value_or(number), 200);
  std::string description = row.Text("prestation_description").value_or("");
  auto mention = [&](const std::string& line) {
    description += (description.empty() ? "" : "\n") + line;
  };
  if (auto nature = row.Text("nature_operation")) mention("Nature de l'opération : " + *nature);
  if (row.Bool("tva_sur_debits", false)) mention("TVA acquittée sur les débits.");
  content.description = description;
  content.venue_text = row.Text("lieu").value_or("");
  content.purchase_order_ref = row.Text("numero_bon_commande").value_or("");
  content.operation_category = "services";
  // The service's time, a Paris wall clock; an end at or before the start is the next day.
  auto at = [&](const char* time, int days) -> std::optional<domain::Timestamp> {
    auto local = domain::ParseLegacyLocalTime(row.Text("date_prestation").value_or("") + " " +
                                              row.Text(time).value_or(""));
    if (!local) return std::nullopt;
    return domain::FromLocal(
        kParis, std::chrono::floor<std::chrono::seconds>(*local) + std::chrono::days{days});
  };
  auto start = at("heure_debut", 0);
  auto end = at("heure_fin", 0);
  if (start && end && *end <= *start) end = at("heure_fin", 1);
  if (start && end) {
    doc.service_starts_at = domain::FormatIsoUtc(*start);
    doc.service_ends_at = domain::FormatIsoUtc(*end);
  } else if (row.Text("date_prestation")) {
    Note("info", table, id, "date_prestation",
         row.Raw("date_prestation") + " " + row.Raw("heure_debut") + "–" + row.Raw("heure_fin"),
         "Horaires de la prestation illisibles : document sans dates de prestation.");
  }
  // Money: what was issued stands (q2); the lines are rebuilt from the legacy formula.
  const long long net = cents("montant_ht", 0);
  long long gross = cents("montant_ttc", net);
  const long long stored_vat = cents("montant_tva", gross - net);
  int rate = static_cast<int>(std::clamp<long long>(decimal("taux_tva", 2, 2000), 0, 10000));
  if (table == "devis" && !row.Bool("tva_incluse", true)) {
    // Shown and sent without VAT (b.2): imported as the client saw it.
    Note("warning", table, id, "tva_incluse", "0",
         "Devis présenté sans TVA : repris à 0 % (" + Money(net) +
             " TTC). L'ancienne application stockait aussi " + Money(stored_vat) + " de TVA et " +
             Money(gross) + " TTC.");
    rate = 0;
    gross = net;
  } else if (gross - net != stored_vat) {
    // One cent is the rounding of three unrounded legacy figures (q1): said, not a warning.
    Note(std::llabs(gross - net - stored_vat) <= 1 ? "info" : "warning", table, id, "montant_tva",
         row.Raw("montant_tva"),
         "TVA stockée (" + Money(stored_vat) + ") différente de TTC − HT (" + Money(gross - net) +
             ") : TTC − HT retenu, le TTC émis ne change pas.");
  }
  domain::LegacyPricing pricing;
  pricing.title = content.title;
  pricing.hourly_cents = cents("tarif_horaire", 0);
  pricing.hours_milli = decimal("duree_heures", 3, 0);
  pricing.travel_cents = cents("frais_transport", 0);
  pricing.equipment_cents = cents("frais_materiel", 0);
  pricing.discount_bp =
      static_cast<int>(std::clamp<long long>(decimal("remise_pourcentage", 2, 0), 0, 10000));
  pricing.discount_cents = cents("remise_montant", 0);
  pricing.vat_rate_bp = rate;
  if (pricing.hours_milli < 0 || pricing.hours_milli > kMaxLegacyHoursMilli) {
    Note("error", table, id, "duree_heures", row.Raw("duree_heures"), "Durée hors limites.");
    unreadable = true;
  }
  if (unreadable) {
    Note("error", table, id, "", number, "Document non importé : montants illisibles.");
    return false;
  }
  if (net < 0 || gross < net) {
    Note("error", table, id, "montant_ttc", row.Raw("montant_ht") + " / " + row.Raw("montant_ttc"),
         "Montants négatifs ou TTC inférieur au HT : document non importé.");
    return false;
  }
  // A franchise organisation's document at 0 % is under the franchise; one that charged VAT
  // (issued before the franchise, or by mistake) was issued under the standard rules.
  doc.vat_regime = Franchise() && rate == 0 && gross == net ? "franchise" : "standard";
  if (rate == 0 && gross != net) {
    Note("warning", table, id, "taux_tva", row.Raw("taux_tva"),
         "Taux de TVA à 0 % mais " + Money(gross - net) + " de TVA émise : taux à vérifier.");
  } else if (std::llabs(gross - net - domain::DivideRounded(net * rate, 10000)) > 1) {
    Note("warning", table, id, "taux_tva", row.Raw("taux_tva"),
         "TVA émise (" + Money(gross - net) + ") différente du taux appliqué au HT : à vérifier.");
  } else if (rate == 0 && !Franchise() && net > 0 && row.Bool("tva_incluse", true)) {
    Note("warning", table, id, "taux_tva", row.Raw("taux_tva"),
         "TVA à 0 % hors franchise : mention d'exonération à vérifier.");
  }
  auto lines = domain::RebuildLegacyLines(pricing, net);
  if (lines.adjustment_cents != 0) {
    Note(std::llabs(lines.adjustment_cents) <= 1 ? "info" : "warning", table, id, "montant_ht",
         row.Raw("montant_ht"),
         "Lignes recalculées (" + Money(lines.recomputed_net_cents) +
             " HT) différentes du montant émis (" + Money(net) +
             " HT) : le montant émis est gardé, l'écart est une ligne « Ajustement de reprise ».");
  }
  content.lines = std::move(lines.lines);
  doc.net_cents = net;
  doc.gross_cents = gross;
  doc.vat_cents = gross - net;
  if (net != 0 || gross != 0) doc.vat.push_back({rate, net, 0, gross - net});
  doc.created_by = Mapped("users", row.Int("createur_id"));
  for (const char* column : {"stripe_payment_link"}) {
    if (row.Text(column)) {
      Note("info", table, id, column, row.Raw(column),
           "Lien de paiement de l'ancienne application : inutilisé, non repris.");
    }
  }
  return true;
}

// devis → quotes, quote_lines, signatures
Outcome Importer::Quote(const LegacyRow& row, long long id) {
  if (Mapped("devis", id)) return Outcome::kMerged;
  store::QuoteRecord quote;
  if (!Document(row, "devis", id, quote)) return Outcome::kSkipped;
  const std::string raw_status = row.Text("statut").value_or("brouillon");
  auto status = domain::LegacyStatus(domain::LegacyEntity::kQuote, raw_status);
  if (!status) {
    status = row.Text("date_envoi") ? "sent" : "draft";
    Note("warning", "devis", id, "statut", raw_status,
         std::string("Statut inconnu : ") + (*status == "sent" ? "envoyé." : "brouillon."));
  }
  const bool signed_quote = row.Bool("est_signe", false) || row.Text("signature_image");
  quote.status = std::string(*status);
  if (signed_quote && quote.status != "accepted") {
    Note("warning", "devis", id, "statut", raw_status,
         "Devis signé mais pas au statut accepté : statut gardé, signature reprise.");
  }
  const std::string created = Stamp(row, "date_creation", "devis", id);
  quote.created_at = created;
  if (quote.status != "draft") {
    if (auto t = domain::ParseIsoUtc(created)) quote.issue_date = ParisDay(*t);
  }
  quote.valid_until = Day(row, "date_validite");
  if (row.Text("date_envoi")) quote.sent_at = Stamp(row, "date_envoi", "devis", id);
  if (row.Text("date_acceptation")) quote.accepted_at = Stamp(row, "date_acceptation", "devis", id);
  if (row.Text("date_annulation")) quote.cancelled_at = Stamp(row, "date_annulation", "devis", id);
  if (quote.status == "accepted") {
    quote.acceptance_method = signed_quote                      ? "signature"
                              : row.Bool("acompte_paye", false) ? "payment"
                                                                : "manual";
    if (quote.accepted_at.empty()) quote.accepted_at = created;
  }
  if (quote.status == "sent" && quote.sent_at.empty()) quote.sent_at = created;
  if (quote.status == "declined") quote.declined_at = created;
  if (quote.status == "expired") quote.expired_at = created;
  if (quote.status == "cancelled" && quote.cancelled_at.empty()) quote.cancelled_at = created;
  if (row.Bool("acompte_requis", false)) {
    quote.deposit_kind = "acompte";
    if (auto pct = row.Real("acompte_pourcentage")) {
      quote.deposit_bp = static_cast<int>(
          std::clamp<long long>(domain::LegacyDecimal(*pct, 2).value_or(0), 0, 10000));
    }
    if (auto amount = row.Real("acompte_montant")) {
      quote.deposit_cents = std::max(0LL, domain::LegacyEurosToCents(*amount).value_or(0));
    }
    if (quote.deposit_cents > quote.gross_cents) {
      Note("warning", "devis", id, "acompte_montant", row.Raw("acompte_montant"),
           "Acompte supérieur au total du devis repris (" + Money(quote.gross_cents) +
               ") : ramené à ce total.");
      quote.deposit_cents = quote.gross_cents;
    }
  }
  if (auto body = row.Text("contenu_html")) quote.content.terms = HtmlText(*body);
  // The link already sent keeps working (its token is stored hashed), for 90 days.
  if (auto token = row.Text("signature_token")) {
    quote.public_token_hash = LinkHash("devis", id, *token);
    quote.public_token_expires_at = domain::FormatIsoUtc(request_.now + std::chrono::days{90});
    if (request_.cipher != nullptr) quote.public_token_sealed = request_.cipher->Seal(*token);
  }
  for (const char* column : {"payment_token", "stripe_payment_intent_id"}) {
    if (row.Text(column)) {
      Note("info", "devis", id, column, row.Raw(column),
           "Colonne jamais écrite par l'ancienne application pour un devis : non reprise.");
    }
  }
  const long long saved = store::BillingRepository(*lease_).InsertQuote(org_, quote, created);
  if (signed_quote) {
    store::SignatureRecord signature;
    signature.quote_id = saved;
    signature.method = "drawn";
    signature.evidence = "legacy_partial";  // no signer name, user agent or document hash (b.4)
    signature.ip_address = row.Text("signature_ip").value_or("");
    if (auto image = row.Text("signature_image")) {
      auto bytes = image->size() <= kMaxSignatureUrl ? DataUrlImage(*image) : std::nullopt;
      if (bytes && !domain::InspectImage(*bytes)) {
        // Kept as the client signed it when it is still a small picture (a damaged checksum,
        // which the legacy app never checked); anything else is not kept.
        if (SmallPicture(*bytes)) {
          Note("warning", "devis", id, "signature_image", Utf8Prefix(*image, 40),
               "Image de signature abîmée : gardée telle que signée, elle peut manquer sur les "
               "PDF.");
        } else {
          bytes.reset();
        }
      }
      if (bytes) {
        signature.image_png = *bytes;
        if (bytes->rfind("\x89PNG", 0) != 0) {
          Note("warning", "devis", id, "signature_image", Utf8Prefix(*image, 40),
               "Signature dans un autre format que PNG : gardée, mais absente des PDF.");
        }
      } else {
        Note("warning", "devis", id, "signature_image", Utf8Prefix(*image, 200),
             "Image de signature illisible : signature reprise sans image.");
      }
    } else {
      Note("warning", "devis", id, "signature_image", std::nullopt,
           "Devis marqué signé sans image de signature.");
    }
    if (row.Text("signature_date")) {
      signature.signed_at = Stamp(row, "signature_date", "devis", id);
    } else {
      signature.signed_at = quote.accepted_at.empty() ? created : quote.accepted_at;
      Note("warning", "devis", id, "signature_date", std::nullopt,
           "Date de signature absente : date d'acceptation (ou de création) retenue.");
    }
    store::DocumentFilesRepository(*lease_).InsertSignature(org_, signature, created);
  }
  if (auto booking = booking_by_quote_.find(id); booking != booking_by_quote_.end()) {
    if (auto request = Mapped("reservations_client", booking->second)) {
      store::LegacyImportRepository(*lease_).LinkBookingQuote(org_, *request, saved);
    }
  }
  MapId("devis", id, saved);
  return Outcome::kImported;
}

// factures → invoices, invoice_lines
Outcome Importer::Invoice(const LegacyRow& row, long long id) {
  if (Mapped("factures", id)) return Outcome::kMerged;
  store::InvoiceRecord invoice;
  if (!Document(row, "factures", id, invoice)) return Outcome::kSkipped;
  store::BillingRepository billing(*lease_);
  invoice.status = StatusOf(row, "factures", id, domain::LegacyEntity::kInvoice, "brouillon",
                            "issued", "Statut inconnu : émise.");
  invoice.kind = "standard";  // the legacy app issued no deposit invoices (b.6)
  invoice.quote_id = Mapped("devis", row.Int("devis_id"));
  if (row.Int("devis_id") && !invoice.quote_id) {
    Note("warning", "factures", id, "devis_id", row.Raw("devis_id"),
         "Devis introuvable ou non importé : facture sans devis.");
  }
  if (invoice.quote_id && invoice.status != "cancelled" &&
      billing.HasStandardInvoice(org_, *invoice.quote_id)) {
    Note("warning", "factures", id, "devis_id", row.Raw("devis_id"),
         "Le devis a déjà une facture : celle-ci est reprise sans lien vers lui.");
    invoice.quote_id.reset();
  }
  const std::string created = Stamp(row, "date_creation", "factures", id);
  invoice.created_at = created;
  if (invoice.status != "draft") {
    invoice.issued_at = created;
    if (auto t = domain::ParseIsoUtc(created)) invoice.issue_date = ParisDay(*t);
  }
  invoice.due_date = Day(row, "date_echeance");
  if (!invoice.issue_date.empty() && !invoice.due_date.empty()) {
    auto issue = domain::ParseLegacyLocalTime(invoice.issue_date);
    auto due = domain::ParseLegacyLocalTime(invoice.due_date);
    if (issue && due) {
      invoice.payment_terms_days = static_cast<int>(std::clamp<long long>(
          std::chrono::floor<std::chrono::days>(*due - *issue).count(), 0, 365));
    }
  }
  invoice.paid_on = Day(row, "date_paiement");  // a Paris calendar day already (date.today())
  if (row.Text("date_envoi")) invoice.sent_at = Stamp(row, "date_envoi", "factures", id);
  if (row.Text("date_annulation")) {
    invoice.cancelled_at = Stamp(row, "date_annulation", "factures", id);
  } else if (invoice.status == "cancelled") {
    invoice.cancelled_at = created;
  }
  if (auto paid = row.Real("montant_paye")) {
    invoice.paid_cents =
        std::clamp<long long>(domain::LegacyEurosToCents(*paid).value_or(0), 0, kMaxLegacyCents);
  }
  if (invoice.status == "draft" && invoice.paid_cents > 0) {
    Note("warning", "factures", id, "montant_paye", row.Raw("montant_paye"),
         "Brouillon avec un montant payé : le montant payé vient de ses paiements.");
    invoice.paid_cents = 0;
  }
  if (invoice.paid_cents > invoice.gross_cents) {
    Note("warning", "factures", id, "montant_paye", row.Raw("montant_paye"),
         "Montant payé supérieur au total de la facture : trop-perçu à vérifier.");
  }
  if (invoice.status == "cancelled" && invoice.paid_cents > 0) {
    Note("warning", "factures", id, "montant_paye", row.Raw("montant_paye"),
         "Facture annulée avec " + Money(invoice.paid_cents) +
             " encaissés : remboursement ou avoir à vérifier.");
  }
  std::string notes = row.Text("notes").value_or("");
  if (auto terms = row.Text("conditions_paiement")) {
    notes += (notes.empty() ? "" : "\n") + std::string("Conditions de paiement : ") + *terms;
  }
  if (auto wished = row.Text("mode_paiement_souhaite")) {
    static const std::map<std::string, std::string> kWished = {
        {"stripe", "carte bancaire (paiement en ligne)"},
        {"virement", "virement"},
        {"especes", "espèces"}};
    auto found = kWished.find(domain::FoldLegacyEnum(*wished));
    notes += (notes.empty() ? "" : "\n") + std::string("Mode de paiement souhaité : ") +
             (found != kWished.end() ? found->second : *wished);
  }
  invoice.content.terms = notes;
  if (auto token = row.Text("payment_token")) {
    invoice.public_token_hash = LinkHash("factures", id, *token);
    if (request_.cipher != nullptr) invoice.public_token_sealed = request_.cipher->Seal(*token);
  }
  const bool deposit_fields =
      row.Bool("acompte_requis", false) || row.Bool("acompte_paye", false) ||
      row.Real("acompte_pourcentage").value_or(0) != 0 ||
      row.Real("acompte_montant").value_or(0) != 0 || row.Text("date_paiement_acompte");
  if (deposit_fields) {
    Note("warning", "factures", id, "acompte_montant",
         row.Raw("acompte_requis") + " / " + row.Raw("acompte_pourcentage") + " / " +
             row.Raw("acompte_montant") + " / " + row.Raw("acompte_paye"),
         "Champs d'acompte de facture (jamais utilisés par l'ancienne application) : non repris.");
  }
  // The Stripe id is a copy of its payment's; checked when payments are in (Settle).
  const long long saved = billing.InsertInvoice(org_, invoice, created);
  MapId("factures", id, saved);
  return Outcome::kImported;
}

// avoirs → credit_notes, credit_note_lines
Outcome Importer::CreditNote(const LegacyRow& row, long long id) {
  if (Mapped("avoirs", id)) return Outcome::kMerged;
  store::LegacyImportRepository repo(*lease_);
  const std::string number = row.Text("numero").value_or("");
  if (number.empty()) {
    Note("error", "avoirs", id, "numero", row.Raw("numero"), "Avoir sans numéro : non importé.");
    return Outcome::kSkipped;
  }
  if (TestRow("avoirs", id, number)) return Outcome::kSkipped;
  auto invoice_id = Mapped("factures", row.Int("facture_id"));
  store::BillingRepository billing(*lease_);
  auto invoice = invoice_id ? billing.FindInvoice(org_, *invoice_id) : std::nullopt;
  if (!invoice) {
    Note("error", "avoirs", id, "facture_id", row.Raw("facture_id"),
         "Avoir d'une facture introuvable ou non importée : non importé (un avoir cite sa "
         "facture).");
    return Outcome::kSkipped;
  }
  if (repo.NumberTaken("credit_notes", org_, number)) {
    Note("error", "avoirs", id, "numero", number,
         "Numéro déjà utilisé par un avoir de l'organisation : non importé.");
    return Outcome::kSkipped;
  }
  auto cents = [&](const char* column) {
    return domain::LegacyEurosToCents(row.Real(column).value_or(0)).value_or(0);
  };
  const long long gross = cents("montant_ttc");
  long long net = cents("montant_ht");
  if (gross <= 0 || gross > kMaxLegacyCents) {
    Note("error", "avoirs", id, "montant_ttc", row.Raw("montant_ttc"),
         "Avoir d'un montant nul ou négatif : non importé.");
    return Outcome::kSkipped;
  }
  if (net < 0 || net > gross) {
    Note("warning", "avoirs", id, "montant_ht", row.Raw("montant_ht"),
         "Montant HT incohérent avec le TTC : avoir repris sans TVA (HT = TTC).");
    net = gross;
  }
  if (gross - net != cents("montant_tva")) {
    Note("warning", "avoirs", id, "montant_tva", row.Raw("montant_tva"),
         "TVA stockée différente de TTC − HT (" + Money(gross - net) + ") : TTC − HT retenu.");
  }
  const int rate = static_cast<int>(std::clamp<long long>(
      domain::LegacyDecimal(row.Real("taux_tva").value_or(0), 2).value_or(0), 0, 10000));
  store::CreditNoteRecord note;
  note.number = number;
  note.invoice_id = invoice->id;
  note.client_id = invoice->client_id;
  note.client = invoice->client;
  note.vat_regime = invoice->vat_regime;
  std::string reason = row.Text("motif").value_or("");
  if (reason.empty()) {
    reason = "(motif non renseigné)";
    Note("warning", "avoirs", id, "motif", std::nullopt, "Avoir sans motif.");
  }
  note.reason = Utf8Prefix(reason, 500);
  if (note.reason != reason) {
    Note("info", "avoirs", id, "motif", reason, "Motif de plus de 500 caractères : raccourci.");
  }
  note.status = StatusOf(row, "avoirs", id, domain::LegacyEntity::kCreditNote, "emis", "issued",
                         "Statut inconnu : émis.");
  note.full_credit = gross >= invoice->gross_cents;
  note.net_cents = net;
  note.vat_cents = gross - net;
  note.gross_cents = gross;
  note.vat.push_back({rate, net, 0, gross - net});
  domain::BillingLine line;
  line.kind = domain::LineKind::kService;
  line.description = Utf8Prefix("Avoir sur facture " + invoice->number + " — " + reason, 2000);
  line.unit = "flat";
  line.quantity_milli = 1000;
  line.unit_price_cents = net;
  line.vat_rate_bp = rate;
  line.net_cents = net;
  note.lines.push_back(line);
  note.settlement = "deduct";
  const std::string created = Stamp(row, "date_creation", "avoirs", id);
  note.issued_at = created;
  if (auto t = domain::ParseIsoUtc(created)) note.issue_date = ParisDay(*t);
  note.created_by = Mapped("users", row.Int("createur_id"));
  note.created_at = created;
  if (invoice->status == "draft" || invoice->status == "cancelled") {
    Note("warning", "avoirs", id, "facture_id", invoice->number,
         "Avoir d'une facture " +
             std::string(invoice->status == "draft" ? "brouillon" : "annulée") + " : à vérifier.");
  }
  if (note.status == "issued" && invoice->credited_cents + gross > invoice->gross_cents) {
    Note("warning", "avoirs", id, "montant_ttc", row.Raw("montant_ttc"),
         "Avoirs au-delà du total de la facture " + invoice->number + " (" +
             Money(invoice->gross_cents) + ") : repris tels qu'émis, à vérifier.");
  }
  const long long saved = billing.InsertCreditNote(org_, note, created);
  if (note.status == "issued") repo.AddInvoiceCredit(org_, invoice->id, gross);
  MapId("avoirs", id, saved);
  return Outcome::kImported;
}

// paiements → payments (+ payment_refunds)
Outcome Importer::Payment(const LegacyRow& row, long long id) {
  if (Mapped("paiements", id)) return Outcome::kMerged;
  store::LegacyImportRepository repo(*lease_);
  store::BillingRepository billing(*lease_);
  std::string number = row.Text("numero").value_or("");
  if (number.empty()) number = "PAY-ANCIEN-" + std::to_string(id);
  if (TestRow("paiements", id, number)) return Outcome::kSkipped;
  store::PaymentRecord payment;
  payment.number = number;
  if (auto invoice = Mapped("factures", row.Int("facture_id"))) {
    payment.invoice_id = *invoice;
  } else if (row.Int("facture_id")) {
    Note("warning", "paiements", id, "facture_id", row.Raw("facture_id"),
         "Facture introuvable ou non importée.");
  }
  payment.quote_id = Mapped("devis", row.Int("devis_id"));
  if (row.Int("devis_id") && !payment.quote_id) {
    Note("warning", "paiements", id, "devis_id", row.Raw("devis_id"),
         "Devis introuvable ou non importé.");
  }
  if (payment.invoice_id == 0 && !payment.quote_id) {
    Note("error", "paiements", id, "facture_id",
         row.Raw("facture_id") + " / " + row.Raw("devis_id"),
         "Paiement sans facture ni devis importé : non importé.");
    return Outcome::kSkipped;
  }
  // The metadata, under either name (q19): manual entries and Stripe sessions.
  nlohmann::json meta = nlohmann::json::object();
  for (const char* column : {"payment_metadata", "metadata"}) {
    auto text = row.Text(column);
    if (!text) continue;
    auto parsed = text->size() <= std::size_t{64} * 1024
                      ? nlohmann::json::parse(*text, nullptr, false)
                      : nlohmann::json();
    if (parsed.is_object()) {
      // Its flat values only (references, ids, amounts): nothing nested is read.
      for (auto& item : parsed.items()) {
        if (!item.value().is_structured()) meta[item.key()] = std::move(item.value());
      }
    } else {
      Note("warning", "paiements", id, column, *text, "Métadonnées illisibles : gardées ici.");
    }
  }
  auto amount = domain::LegacyEurosToCents(row.Real("montant").value_or(0)).value_or(0);
  const std::string mode = domain::FoldLegacyEnum(row.Text("mode_paiement").value_or(""));
  if (mode == "stripe" && meta.contains("amount_total") &&
      meta["amount_total"].is_number_integer()) {
    const auto charged = meta["amount_total"].get<long long>();
    if (charged <= 0 || charged > kMaxLegacyCents) {
      Note("warning", "paiements", id, "payment_metadata", meta["amount_total"].dump(),
           "Montant Stripe hors limites : montant de l'ancienne application retenu.");
    } else if (charged != amount) {
      Note("info", "paiements", id, "montant", row.Raw("montant"),
           "Montant débité par Stripe (" + Money(charged) + ") retenu.");
      amount = charged;
    }
  }
  if (amount <= 0 || amount > kMaxLegacyCents) {
    Note("error", "paiements", id, "montant", row.Raw("montant"),
         "Paiement d'un montant nul, négatif ou hors limites : non importé.");
    return Outcome::kSkipped;
  }
  if (repo.NumberTaken("payments", org_, number)) {
    Note("error", "paiements", id, "numero", number,
         "Numéro déjà utilisé par un paiement de l'organisation : non importé.");
    return Outcome::kSkipped;
  }
  payment.amount_cents = amount;
  payment.provider = mode == "stripe" ? "stripe" : "manual";
  auto method = PaymentMethod(mode);
  payment.method = method.value_or("other");
  if (!mode.empty() && !method) {
    Note("warning", "paiements", id, "mode_paiement", row.Raw("mode_paiement"),
         "Mode de paiement inconnu : « autre ».");
  }
  if (auto intent = row.Text("stripe_payment_intent_id")) {
    if (billing.FindProviderPayment(org_, payment.provider, *intent)) {
      Note("warning", "paiements", id, "stripe_payment_intent_id", *intent,
           "Paiement Stripe déjà présent dans l'organisation : identifiant Stripe non repris.");
    } else {
      payment.provider_payment_id = *intent;
    }
  }
  payment.status = StatusOf(row, "paiements", id, domain::LegacyEntity::kPayment, "en_attente",
                            "pending", "Statut inconnu : en attente.");
  const std::string created = Stamp(row, "date_creation", "paiements", id);
  payment.created_at = created;
  const std::string paid_at =
      row.Text("date_paiement") ? Stamp(row, "date_paiement", "paiements", id) : "";
  const std::string when = paid_at.empty() ? created : paid_at;
  if (auto t = domain::ParseIsoUtc(when)) payment.received_on = ParisDay(*t);
  auto user = [&](const char* key) -> std::optional<long long> {
    if (!meta.contains(key) || !meta[key].is_number_integer()) return std::nullopt;
    return Mapped("users", meta[key].get<long long>());
  };
  payment.recorded_by = Mapped("users", row.Int("createur_id"));
  if (!payment.recorded_by) payment.recorded_by = user("saisi_par");
  if (payment.status == "succeeded") {
    payment.succeeded_at = when;
    if (payment.provider == "manual") {
      payment.validated_at = when;
      payment.validated_by = user("valide_par");
    }
  }
  if (payment.status == "rejected") {
    payment.rejected_at = when;
    payment.rejected_by = user("rejete_par");
  }
  payment.failure_reason = row.Text("derniere_erreur").value_or("");
  payment.recorded_ip = row.Text("client_ip").value_or("");
  if (meta.contains("reference") && meta["reference"].is_string()) {
    payment.reference = meta["reference"].get<std::string>();
  } else if (meta.contains("session_id") && meta["session_id"].is_string()) {
    payment.reference = meta["session_id"].get<std::string>();
  } else if (auto session = row.Text("stripe_checkout_session_id")) {
    payment.reference = *session;
  }
  std::string proof;
  if (meta.contains("justificatif") && meta["justificatif"].is_string()) {
    proof = meta["justificatif"].get<std::string>();
  }
  if (auto comment = row.Text("commentaire")) {
    proof += (proof.empty() ? "" : "\n") + std::string("Commentaire : ") + *comment;
  }
  payment.proof_text = proof;
  const long long refunded = std::clamp<long long>(
      domain::LegacyEurosToCents(row.Real("montant_rembourse").value_or(0)).value_or(0), 0, amount);
  payment.refunded_cents = refunded;
  const long long saved = billing.InsertPayment(org_, payment, created);
  if (refunded > 0 || !payment.rejected_at.empty()) {
    payment.id = saved;  // the columns the insert leaves to later changes
    billing.SavePayment(org_, payment, created);
  }
  if (refunded > 0) {
    store::RefundRow refund;
    refund.payment_id = saved;
    refund.amount_cents = refunded;
    refund.reason = row.Text("raison_remboursement").value_or("");
    refund.status = "succeeded";
    refund.idempotency_key = "legacy-" + std::to_string(org_.value) + "-" + std::to_string(id);
    const std::string refunded_at =
        row.Text("date_remboursement") ? Stamp(row, "date_remboursement", "paiements", id) : when;
    store::OnlinePaymentsRepository(*lease_).InsertRefund(org_, refund, refunded_at);
  }
  if (auto file = row.Text("justificatif_path")) ImportProof(id, saved, *file);
  MapId("paiements", id, saved);
  return Outcome::kImported;
}

// grille_tarifaire → pricing_rules
Outcome Importer::PricingRule(const LegacyRow& row, long long id) {
  if (Mapped("grille_tarifaire", id)) return Outcome::kMerged;
  // A column an older database lacks (or NULL) takes the legacy ORM default.
  auto cents = [&](const char* column, double fallback) {
    return std::max(0LL,
                    domain::LegacyEurosToCents(row.Real(column).value_or(fallback)).value_or(0));
  };
  auto bp = [&](const char* column) {
    return static_cast<int>(std::clamp<long long>(
        domain::LegacyDecimal(row.Real(column).value_or(0), 2).value_or(0), 0, 30000));
  };
  domain::PricingRule rule;
  rule.name = Utf8Prefix(row.Text("nom").value_or("Tarif " + std::to_string(id)), 100);
  rule.event_type = row.Text("type_evenement").value_or("");
  rule.hourly_rate_cents = cents("tarif_horaire_base", 100.0);
  rule.minimum_minutes = static_cast<int>(std::clamp<long long>(
      domain::LegacyDecimal(row.Real("duree_minimum").value_or(4.0) * 60, 0).value_or(0), 0,
      48LL * 60));
  rule.weekend_surcharge_bp = bp("majoration_weekend");
  rule.holiday_surcharge_bp = bp("majoration_jour_ferie");
  rule.night_surcharge_bp = bp("majoration_nuit");
  rule.travel_base_cents = cents("frais_deplacement_base", 50.0);
  rule.travel_per_km_cents = cents("frais_deplacement_par_km", 0.5);
  if (auto per_km = domain::LegacyDecimal(row.Real("frais_deplacement_par_km").value_or(0.5), 4);
      per_km && *per_km % 100 != 0) {
    Note("info", "grille_tarifaire", id, "frais_deplacement_par_km",
         row.Raw("frais_deplacement_par_km"),
         "Tarif kilométrique plus fin que le centime : arrondi au centime.");
  }
  rule.free_km = static_cast<int>(std::clamp<long long>(
      domain::LegacyDecimal(row.Real("distance_gratuite_km").value_or(30.0), 0).value_or(0), 0,
      2000));
  auto valid = domain::ValidatePricingRule(rule);
  if (!valid) {
    Note("error", "grille_tarifaire", id, "", rule.name,
         "Tarif non importé : " + valid.error().message);
    return Outcome::kSkipped;
  }
  store::CatalogueRepository catalogue(*lease_);
  const std::string created = Stamp(row, "date_creation", "grille_tarifaire", id);
  const long long saved = catalogue.InsertRule(org_, *valid, created);
  if (!row.Bool("actif", true)) catalogue.SetRuleArchived(org_, saved, true, now_);
  if (auto description = row.Text("description")) {
    Note("info", "grille_tarifaire", id, "description", *description,
         "Description du tarif : la grille de Planify n'en a pas, gardée ici.");
  }
  MapId("grille_tarifaire", id, saved);
  return Outcome::kImported;
}

Result<void> Importer::Settle() {
  store::LegacyImportRepository repo(*lease_);
  store::BillingRepository billing(*lease_);
  auto invoices = legacy_.ForEach("factures", [&](const LegacyRow& row) -> Result<void> {
    const long long id = row.Int("id").value_or(0);
    auto mapped = Mapped("factures", id);
    if (!mapped) return {};
    auto invoice = billing.FindInvoice(org_, *mapped);
    if (!invoice || invoice->status == "draft") return {};
    long long paid = repo.SucceededPayments(org_, invoice->id);
    // What the legacy app counted as paid without a payment row (a status changed by hand,
    // seeds): one legacy payment for the difference, so paid = Σ payments holds.
    if (paid < invoice->paid_cents) {
      store::PaymentRecord payment;
      payment.number = "REPRISE-" + invoice->number;
      payment.invoice_id = invoice->id;
      payment.provider = "legacy";
      payment.method = PaymentMethod(domain::FoldLegacyEnum(row.Text("mode_paiement").value_or("")))
                           .value_or("other");
      payment.status = "succeeded";
      payment.amount_cents = invoice->paid_cents - paid;
      payment.reference = row.Text("reference_paiement").value_or("");
      payment.proof_text = "Montant payé selon l'ancienne application, sans paiement enregistré.";
      payment.received_on = invoice->paid_on.empty() ? invoice->issue_date : invoice->paid_on;
      if (payment.received_on.empty()) payment.received_on = ParisDay(request_.now);
      payment.succeeded_at = now_;
      if (auto local = domain::ParseLegacyLocalTime(payment.received_on)) {
        payment.succeeded_at = domain::FormatIsoUtc(domain::FromLocal(
            kParis, std::chrono::floor<std::chrono::seconds>(*local) + std::chrono::hours{12}));
      }
      payment.number = FreeNumber(payment.number, id);
      (void)billing.InsertPayment(org_, payment, now_);
      Note("warning", "factures", id, "montant_paye", row.Raw("montant_paye"),
           Money(payment.amount_cents) +
               " comptés comme payés sans paiement enregistré : un paiement « reprise » " +
               payment.number + " les porte.");
      paid = invoice->paid_cents;
    } else if (paid > invoice->paid_cents) {
      Note("warning", "factures", id, "montant_paye", row.Raw("montant_paye"),
           "Paiements réussis (" + Money(paid) + ") au-delà du montant payé stocké (" +
               Money(invoice->paid_cents) + ") : le total des paiements est retenu.");
    }
    if (auto intent = row.Text("stripe_payment_intent_id");
        intent && !billing.FindProviderPayment(org_, "stripe", *intent)) {
      Note("warning", "factures", id, "stripe_payment_intent_id", *intent,
           "Paiement Stripe cité par la facture mais absent des paiements de l'ancienne base.");
    }
    std::string status = invoice->status;
    if (status != "cancelled") {
      status = paid + invoice->credited_cents >= invoice->gross_cents ? "paid"
               : paid > 0                                             ? "partially_paid"
                                                                      : "issued";
      if (status != invoice->status) {
        Note("info", "factures", id, "statut", row.Raw("statut"),
             "Statut recalculé d'après les paiements et avoirs : " + status + ".");
      }
    }
    std::string paid_on = invoice->paid_on;
    if (status == "paid" && paid_on.empty()) {
      paid_on = invoice->issue_date;
      for (const auto& p : billing.PaymentsOf(org_, invoice->id)) {
        if (p.status == "succeeded" && p.received_on > paid_on) paid_on = p.received_on;
      }
    }
    if (status != "paid") paid_on.clear();
    if (paid != invoice->paid_cents || status != invoice->status || paid_on != invoice->paid_on) {
      repo.SettleInvoice(org_, invoice->id, status, paid, paid_on);
    }
    return {};
  });
  if (!invoices) return invoices;
  // Deposits paid online on a quote (acompte_paye, set by Stripe only) with no payment row.
  auto quotes = legacy_.ForEach("devis", [&](const LegacyRow& row) -> Result<void> {
    const long long id = row.Int("id").value_or(0);
    if (!row.Bool("acompte_paye", false)) return {};
    auto mapped = Mapped("devis", id);
    if (!mapped || repo.QuotePayments(org_, *mapped) > 0) return {};
    auto quote = billing.FindQuote(org_, *mapped);
    if (!quote || quote->deposit_cents <= 0) {
      Note("warning", "devis", id, "acompte_paye", "1",
           "Acompte marqué payé sans montant d'acompte : aucun paiement créé.");
      return {};
    }
    store::PaymentRecord payment;
    payment.number = "REPRISE-" + quote->number;
    payment.quote_id = quote->id;
    payment.provider = "legacy";
    payment.method = "card";
    payment.status = "succeeded";
    payment.amount_cents = quote->deposit_cents;
    payment.proof_text =
        "Acompte payé en ligne selon l'ancienne application, sans paiement "
        "enregistré.";
    payment.succeeded_at =
        row.Text("date_paiement_acompte") ? Stamp(row, "date_paiement_acompte", "devis", id) : now_;
    if (auto t = domain::ParseIsoUtc(payment.succeeded_at)) payment.received_on = ParisDay(*t);
    payment.number = FreeNumber(payment.number, id);
    (void)billing.InsertPayment(org_, payment, now_);
    Note("warning", "devis", id, "acompte_paye", "1",
         "Acompte payé sans paiement enregistré : un paiement « reprise » " + payment.number +
             " de " + Money(payment.amount_cents) + " le porte.");
    return {};
  });
  if (!quotes) return quotes;
  Counts("#settle");
  Checkpoint("#settle", 0, true);
  return {};
}

Result<void> Importer::Sequences() {
  // The highest number of each series and year, from every legacy document (imported or not:
  // a number once issued is never issued again).
  std::map<std::pair<std::string, int>, long long> highest;
  static const std::map<std::string, std::string> kTypes = {
      {"DEV", "quote"}, {"FAC", "invoice"}, {"AV", "credit_note"}, {"PAY", "payment"}};
  for (const char* table : {"devis", "factures", "avoirs", "paiements"}) {
    auto read = legacy_.ForEach(table, [&](const LegacyRow& row) -> Result<void> {
      auto number = domain::ParseLegacyNumber(row.Text("numero").value_or(""));
      if (!number || kTypes.count(number->prefix) == 0) return {};
      if (number->year < 2000 || number->year > 9999 || number->sequence > kMaxSequence) {
        Note("warning", table, row.Int("id"), "numero", row.Raw("numero"),
             "Numéro hors des séries de Planify (année ou rang) : la numérotation ne le suit pas.");
        return {};
      }
      auto& h = highest[{number->prefix, number->year}];
      h = std::max(h, number->sequence);
      return {};
    });
    if (!read) return read;
  }
  auto rows = legacy_.ForEach("document_sequences", [&](const LegacyRow& row) -> Result<void> {
    auto& c = Counts("document_sequences");
    ++c.read;
    const std::string prefix = row.Text("prefix").value_or("");
    auto year = row.Int("year");
    auto last = row.Int("last_number");
    if (kTypes.count(prefix) == 0 || !year || *year < 2000 || *year > 9999 || !last || *last < 0 ||
        *last > kMaxSequence) {
      ++c.skipped;
      Note("warning", "document_sequences", row.Int("id"), "prefix",
           prefix + " " + row.Raw("year") + " " + row.Raw("last_number"),
           "Série de numérotation inconnue ou illisible : non reprise.");
      return {};
    }
    auto& h = highest[{prefix, static_cast<int>(*year)}];
    if (h > *last) {
      Note("warning", "document_sequences", row.Int("id"), "last_number", row.Raw("last_number"),
           "Compteur en retard sur le plus grand numéro émis (" + std::to_string(h) +
               ") : la numérotation reprend après celui-ci.");
    }
    h = std::max(h, *last);
    ++c.imported;
    return {};
  });
  if (!rows) return rows;
  store::LegacyImportRepository repo(*lease_);
  for (const auto& [series, last] : highest) {
    repo.RaiseSequence(org_, kTypes.at(series.first), series.second, last, now_);
  }
  Counts("document_sequences");
  Counts("#sequences");
  Checkpoint("#sequences", 0, true);
  return {};
}

void Importer::Totals() {
  store::LegacyImportRepository repo(*lease_);
  struct Sum {
    const char* name;
    const char* table;
    const char* column;
    const char* imported;
  };
  static constexpr Sum kSums[] = {{"Devis TTC", "devis", "montant_ttc", "quotes.gross"},
                                  {"Factures TTC", "factures", "montant_ttc", "invoices.gross"},
                                  {"Factures payé", "factures", "montant_paye", "invoices.paid"},
                                  {"Avoirs TTC", "avoirs", "montant_ttc", "credit_notes.gross"},
                                  {"Paiements", "paiements", "montant", "payments.amount"}};
  for (const auto& sum : kSums) {
    if (!legacy_.HasTable(sum.table)) continue;
    const auto imported = repo.ImportedAmounts(org_, sum.imported);
    LegacyTotal total;
    total.name = sum.name;
    total.table = sum.table;
    (void)legacy_.ForEach(sum.table, [&](const LegacyRow& row) -> Result<void> {
      const long long cents =
          domain::LegacyEurosToCents(row.Real(sum.column).value_or(0)).value_or(0);
      total.legacy_cents += cents;
      auto found = imported.find(row.Int("id").value_or(0));
      if (found == imported.end()) {
        total.skipped_cents += cents;
        return {};
      }
      total.imported_cents += found->second;
      if (found->second != cents) ++total.differing;
      return {};
    });
    report_.totals.push_back(total);
  }
}

}  // namespace planify::app::legacy
