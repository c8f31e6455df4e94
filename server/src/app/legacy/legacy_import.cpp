#include "app/legacy/legacy_import.hpp"
#include "app/legacy/legacy_importer.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

#include "app/auth/auth_service.hpp"
#include "domain/booking.hpp"
#include "domain/clients.hpp"
#include "domain/crew_profiles.hpp"
#include "domain/legacy_values.hpp"
#include "domain/local_time.hpp"
#include "domain/missions.hpp"
#include "domain/organization_settings.hpp"
#include "domain/ratings.hpp"
#include "domain/resources.hpp"
#include "domain/terminology.hpp"
#include "domain/validation.hpp"
#include "integrations/crypto/fernet.hpp"
#include "integrations/crypto/sodium.hpp"
#include "integrations/legacy/legacy_db.hpp"
#include "integrations/legacy/python_literal.hpp"
#include "store/accounts_repository.hpp"
#include "store/booking_repository.hpp"
#include "store/categories_repository.hpp"
#include "store/clients_repository.hpp"
#include "store/crew_profiles_repository.hpp"
#include "store/logistics_repository.hpp"
#include "store/missions_repository.hpp"
#include "store/organizations_repository.hpp"
#include "store/planning_repository.hpp"
#include "store/ratings_repository.hpp"

namespace planify::app {

namespace legacy {

// Every legacy table, in import order, and what this version does with it.
enum class Plan { kImport, kDrop, kLater };
struct TableStep {
  const char* table;
  Plan plan;
  const char* why;  // for kDrop and kLater: the note the report carries
};
constexpr TableStep kSteps[] = {
    {"parametres_entreprise", Plan::kImport, ""},
    {"users", Plan::kImport, ""},
    {"djs", Plan::kImport, ""},
    {"locals", Plan::kImport, ""},
    {"clients", Plan::kImport, ""},
    {"client_contacts", Plan::kImport, ""},  // with their client
    {"materiels", Plan::kImport, ""},
    {"prestations", Plan::kImport, ""},
    {"materiel_presta", Plan::kImport, ""},  // with their mission
    {"mouvements_materiel", Plan::kImport, ""},
    {"reservations_client", Plan::kImport, ""},
    {"devis", Plan::kImport, ""},
    {"factures", Plan::kImport, ""},
    {"avoirs", Plan::kImport, ""},
    {"paiements", Plan::kImport, ""},
    {"document_sequences", Plan::kImport, ""},  // after the documents, from their numbers too
    {"grille_tarifaire", Plan::kImport, ""},
    {"prestation_ratings", Plan::kImport, ""},
    {"audit_log", Plan::kImport, ""},
    {"sync_config", Plan::kDrop,
     "Synchronisation hors ligne de l'ancienne application : sans objet dans Planify (le "
     "serveur est la seule source)."},
    {"sync_change_log", Plan::kDrop,
     "Journal technique de la synchronisation : sans objet dans Planify."},
    {"sync_conflicts", Plan::kDrop, "Conflits de synchronisation : sans objet dans Planify."},
    {"sync_incoming_log", Plan::kDrop,
     "Journal de réception de la synchronisation : sans objet dans Planify."},
};

std::string Utf8Prefix(const std::string& text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (chars == max_chars) return text.substr(0, i);
      ++chars;
    }
  }
  return text;
}

std::string FileSha256(const std::filesystem::path& path) {
  integrations::Sha256Stream sha;
  std::ifstream in(path, std::ios::binary);
  std::string chunk(1 << 16, '\0');
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    sha.Update(std::string_view(chunk.data(), static_cast<std::size_t>(in.gcount())));
  }
  return sha.Hex();
}

nlohmann::json CountsJson(const LegacyTableReport& t) {
  return {{"read", t.read},       {"imported", t.imported}, {"merged", t.merged},
          {"skipped", t.skipped}, {"dropped", t.dropped},   {"later", t.later}};
}

void CountsFromJson(const std::string& text, LegacyTableReport& t) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return;
  t.read = j.value("read", 0LL);
  t.imported = j.value("imported", 0LL);
  t.merged = j.value("merged", 0LL);
  t.skipped = j.value("skipped", 0LL);
  t.dropped = j.value("dropped", 0LL);
  t.later = j.value("later", 0LL);
}

LegacyTableReport& Importer::Counts(const std::string& table) {
  auto& t = counts_[table];
  t.table = table;
  dirty_.insert(table);
  return t;
}

void Importer::Tally(const std::string& table, Outcome outcome, std::size_t rows) {
  auto& c = Counts(table);
  const auto n = static_cast<long long>(rows);
  c.read += n;
  (outcome == Outcome::kImported ? c.imported
   : outcome == Outcome::kMerged ? c.merged
                                 : c.skipped) += n;
}

void Importer::Note(const std::string& severity, const std::string& table,
                    std::optional<long long> id, const std::string& column,
                    std::optional<std::string> raw, const std::string& message) {
  // A raw value is quoted, not kept whole (a legacy text can be megabytes).
  if (raw && raw->size() > 500) *raw = Utf8Prefix(*raw, 500) + "…";
  store::LegacyNoteRow note{table, id, severity, column, std::move(raw), message};
  store::LegacyImportRepository(*lease_).AddNote(import_, note);
}

void Importer::Commit() {
  if (request_.dry_run) return;  // one transaction for the whole dry run, rolled back
  tx_->Commit();
  tx_.reset();
  tx_.emplace(*lease_);
}

void Importer::Checkpoint(const std::string& table, long long last_id, bool done) {
  store::LegacyImportRepository repo(*lease_);
  auto& step = steps_[table];
  step.table = table;
  step.last_legacy_id = last_id;
  step.done = done;
  for (const auto& name : dirty_) {
    auto& s = steps_[name];
    s.table = name;
    if (name != table && done) s.done = true;  // companions end with their table
    s.counts = CountsJson(counts_[name]).dump();
    repo.SaveStep(import_, s);
  }
  dirty_.clear();
  in_batch_ = 0;
  Commit();
}

void Importer::Progress(const std::string& table, long long done) {
  if (request_.progress) request_.progress(table, done, legacy_.Count(table));
}

Result<void> Importer::Table(const std::string& table,
                             const std::function<Outcome(const LegacyRow&, long long)>& row) {
  auto& step = steps_[table];
  if (step.done) {
    Progress(table, legacy_.Count(table));
    return {};
  }
  long long done = 0;
  long long last = step.last_legacy_id;
  auto walked = legacy_.ForEach(table, [&](const LegacyRow& r) -> Result<void> {
    ++done;
    const long long id = r.Int("id").value_or(done);
    if (id <= step.last_legacy_id) return {};
    auto& counts = Counts(table);
    ++counts.read;
    switch (row(r, id)) {
      case Outcome::kImported:
        ++Counts(table).imported;
        break;
      case Outcome::kMerged:
        ++Counts(table).merged;
        break;
      case Outcome::kSkipped:
        ++Counts(table).skipped;
        break;
    }
    last = id;
    if (++in_batch_ >= request_.batch_rows) {
      Checkpoint(table, last, false);
      Progress(table, done);
    }
    return {};
  });
  if (!walked) return walked;
  Counts(table);
  Checkpoint(table, last, true);
  Progress(table, done);
  return {};
}

std::optional<long long> Importer::Mapped(const std::string& table,
                                          std::optional<long long> legacy_id) {
  if (!legacy_id) return std::nullopt;
  auto& known = mapped_[table];
  if (auto it = known.find(*legacy_id); it != known.end()) return it->second;
  if (fresh_) return std::nullopt;  // everything mapped so far was mapped by this run
  auto found = store::LegacyImportRepository(*lease_).Mapped(org_, table, *legacy_id);
  if (found) known.emplace(*legacy_id, *found);
  return found;
}

void Importer::MapId(const std::string& table, long long legacy_id, long long new_id) {
  store::LegacyImportRepository(*lease_).Map(org_, table, legacy_id, new_id);
  mapped_[table][legacy_id] = new_id;
}

std::string Importer::Stamp(const LegacyRow& row, const std::string& column,
                            const std::string& table, long long id) {
  auto text = row.Text(column);
  if (!text) return now_;
  if (auto at = domain::LegacyInstant(*text, "UTC")) return domain::FormatIsoUtc(*at);
  Note("warning", table, id, column, *text, "Date illisible : remplacée par la date de l'import.");
  return now_;
}

bool Importer::TestRow(const std::string& table, long long id, const std::string& label) {
  if (!domain::IsLegacyTestLabel(label)) return false;
  if (request_.skip_test_data) {
    Note("info", table, id, "", label, "Donnée de test (--skip-test-data) : non importée.");
    return true;
  }
  Note("info", table, id, "", label, "Donnée de test importée (--skip-test-data pour l'écarter).");
  return false;
}

// ---------------------------------------------------------------------------------------------
// parametres_entreprise → the organisation's settings

std::optional<std::string> Importer::Secret(const LegacyRow& row, const std::string& column,
                                            const std::string& table, long long id) {
  auto value = row.Text(column);
  if (!value) return std::nullopt;
  if (value->rfind("enc:", 0) != 0) return value;
  if (!request_.encryption_key) {
    Note("warning", table, id, column, std::nullopt,
         "Valeur chiffrée (enc:) et clé de l'ancienne application non fournie "
         "(--encryption-key-file) : laissée vide, à ressaisir.");
    return std::nullopt;
  }
  auto plain = integrations::FernetDecrypt(value->substr(4), *request_.encryption_key);
  if (!plain) {
    Note("warning", table, id, column, std::nullopt,
         plain.error().code == ErrorCode::kForbidden
             ? "Valeur chiffrée illisible avec la clé fournie (mauvaise clé ?) : laissée vide, à "
               "ressaisir."
             : "Valeur chiffrée abîmée : laissée vide, à ressaisir.");
    return std::nullopt;
  }
  return domain::Trim(*plain);
}

namespace {

std::string Compact(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '.' && c != '-') out += c;
  }
  return out;
}

// "10 000 €", "10 000,50 EUR", "1500" → cents; nullopt when not a plain amount.
std::optional<long long> ShareCapitalCents(const std::string& text) {
  std::string digits;
  bool comma = false;
  int decimals = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      if (comma) {
        if (++decimals > 2) return std::nullopt;
      }
      digits += c;
    } else if ((c == ',' || c == '.') && !comma && i + 3 >= text.size()) {
      comma = true;
    } else if (c == ' ' || c == '.' || static_cast<unsigned char>(c) >= 0x80 || c == 'E' ||
               c == 'U' || c == 'R') {
      continue;  // spaces, thousands dots, NBSP, "€", "EUR"
    } else {
      return std::nullopt;
    }
  }
  if (digits.empty() || digits.size() > 15) return std::nullopt;
  long long cents = std::stoll(digits);
  for (int d = decimals; d < 2; ++d) cents *= 10;
  return cents;
}

}  // namespace

const std::vector<domain::CustomFieldDefinition>& Importer::Definitions() {
  if (!definitions_) definitions_ = store::PlanningRepository(*lease_).FieldDefinitions(org_);
  return *definitions_;
}

// custom_fields_prestation: [{"key","label","type","required","options",…}] → the
// organisation's mission fields (when it has none of its own).
void Importer::ImportFieldDefinitions(const std::string& json, long long id) {
  auto parsed = nlohmann::json::parse(json, nullptr, false);
  if (!parsed.is_array()) {
    Note("warning", "parametres_entreprise", id, "custom_fields_prestation", json,
         "Définitions de champs illisibles : non reprises (les valeurs restent dans les notes).");
    return;
  }
  std::vector<domain::CustomFieldDefinition> definitions;
  for (const auto& item : parsed) {
    if (!item.is_object()) continue;
    domain::CustomFieldDefinition d;
    d.key = item.value("key", "");
    d.label = item.value("label", d.key);
    const std::string type = item.value("type", "text");
    d.type = type == "number" || type == "textarea" || type == "select" || type == "date" ? type
                                                                                          : "text";
    d.required = item.value("required", false);
    if (item.contains("options") && item["options"].is_array()) {
      for (const auto& o : item["options"]) {
        if (o.is_string()) d.options.push_back(o.get<std::string>());
      }
    }
    definitions.push_back(std::move(d));
  }
  auto valid = domain::ValidateFieldDefinitions(definitions);
  if (!valid) {
    Note("warning", "parametres_entreprise", id, "custom_fields_prestation", json,
         "Définitions de champs refusées (" + valid.error().message +
             ") : non reprises (les valeurs restent dans les notes des missions).");
    return;
  }
  store::PlanningRepository planning(*lease_);
  if (!planning.FieldDefinitions(org_).empty()) {
    Note("info", "parametres_entreprise", id, "custom_fields_prestation", json,
         "L'organisation a déjà ses champs de mission : ceux de l'ancienne application ne les "
         "remplacent pas.");
    return;
  }
  planning.ReplaceFieldDefinitions(org_, *valid, now_);
  definitions_.reset();
}

Outcome Importer::Settings(const LegacyRow& row, long long id) {
  store::LegacyImportRepository repo(*lease_);
  if (Mapped("parametres_entreprise", id)) return Outcome::kMerged;
  if (repo.Mapped(org_, "parametres_entreprise", 0)) {
    Note("warning", "parametres_entreprise", id, "", std::nullopt,
         "Deuxième ligne de réglages (l'ancienne application ne lisait que la première) : "
         "ignorée.");
    return Outcome::kSkipped;
  }
  store::OrganizationsRepository organizations(*lease_);
  auto stored = organizations.LoadSettings(org_);
  if (!stored) return Outcome::kSkipped;
  domain::OrganizationSettings s = stored->settings;
  const domain::OrganizationSettings defaults;
  // Into an organisation that has its own settings, only what it left empty is filled.
  auto fill = [&](std::string& field, const std::string& fallback,
                  const std::optional<std::string>& value) {
    if (value && (new_organization_ || field == fallback)) field = *value;
  };
  fill(s.legal_name, defaults.legal_name, row.Text("nom_entreprise"));
  fill(s.legal_form, defaults.legal_form, row.Text("forme_juridique"));
  if (auto siret = row.Text("siret")) {
    std::string digits = Compact(*siret);
    if (digits.size() == 14) {
      fill(s.siret, defaults.siret, digits);
    } else if (digits.size() == 9) {
      fill(s.siren, defaults.siren, digits);
    } else {
      Note("warning", "parametres_entreprise", id, "siret", *siret,
           "SIRET de la mauvaise longueur : laissé vide, à corriger dans les réglages.");
    }
  }
  if (auto vat = row.Text("tva_intracommunautaire")) {
    std::string upper = domain::ToLowerAscii(Compact(*vat));
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    fill(s.vat_number, defaults.vat_number, upper);
  }
  if (auto city = row.Text("rcs_ville")) {
    std::string rcs = "RCS " + *city;
    if (auto number = row.Text("numero_rcs")) rcs += " " + *number;
    fill(s.rcs, defaults.rcs, rcs);
  }
  if (auto capital = row.Text("capital_social")) {
    if (auto cents = ShareCapitalCents(*capital)) {
      if (new_organization_ || !s.share_capital_cents) s.share_capital_cents = cents;
    } else {
      Note("warning", "parametres_entreprise", id, "capital_social", *capital,
           "Capital social illisible : laissé vide, à saisir dans les réglages.");
    }
  }
  const auto address = domain::SplitLegacyAddress(row.Text("adresse").value_or(""));
  fill(s.address_line1, defaults.address_line1,
       address.line1.empty() ? std::nullopt : std::optional(address.line1));
  fill(s.address_line2, defaults.address_line2,
       address.line2.empty() ? std::nullopt : std::optional(address.line2));
  fill(s.postal_code, defaults.postal_code,
       row.Text("code_postal")       ? row.Text("code_postal")
       : address.postal_code.empty() ? std::nullopt
                                     : std::optional(address.postal_code));
  fill(s.city, defaults.city,
       row.Text("ville")      ? row.Text("ville")
       : address.city.empty() ? std::nullopt
                              : std::optional(address.city));
  if (auto email = row.Text("email")) fill(s.email, defaults.email, domain::ToLowerAscii(*email));
  fill(s.phone, defaults.phone, row.Text("telephone"));
  fill(s.website, defaults.website, row.Text("site_web"));
  fill(s.brand_color, defaults.brand_color, row.Text("couleur_principale"));
  if (row.Bool("tva_non_applicable", false) && new_organization_) {
    s.vat_regime = domain::VatRegime::kFranchise;
  }
  fill(s.early_payment_discount, defaults.early_payment_discount, row.Text("escompte"));
  if (auto words = row.Text("terminology_profile")) {
    if (domain::IsTerminology(*words)) {
      fill(s.terminology, defaults.terminology, words);
    } else {
      Note("info", "parametres_entreprise", id, "terminology_profile", *words,
           "Vocabulaire inconnu : « missions ».");
    }
  }
  auto iban = Secret(row, "rib_iban", "parametres_entreprise", id);
  auto bic = Secret(row, "rib_bic", "parametres_entreprise", id);
  if ((iban || bic) && request_.cipher == nullptr) {
    Note("warning", "parametres_entreprise", id, "rib_iban", std::nullopt,
         "Coordonnées bancaires non reprises sans la clé du serveur : à ressaisir.");
    iban.reset();
    bic.reset();
  }
  if (iban && (new_organization_ || stored->bank_details_sealed.empty())) {
    s.iban = Compact(*iban);
    s.bic = bic ? Compact(*bic) : "";
  }
  for (const char* column : {"rib_titulaire", "rib_banque"}) {
    if (auto value = Secret(row, column, "parametres_entreprise", id)) {
      Note("info", "parametres_entreprise", id, column, *value,
           "Gardé dans ce rapport (Planify imprime l'IBAN et le BIC, pas le titulaire ni la "
           "banque).");
    }
  }
  // Values the checks refuse are left empty one by one, each said in the report.
  auto valid = domain::ValidateOrganizationSettings(s);
  for (int pass = 0; !valid && pass < 4; ++pass) {
    for (const auto& f : valid.error().fields) {
      if (f.field == "share_capital_cents") {
        Note("warning", "parametres_entreprise", id, "capital_social", row.Text("capital_social"),
             f.message + " Laissé vide.");
        s.share_capital_cents.reset();
        continue;
      }
      std::string* field = f.field == "siren"           ? &s.siren
                           : f.field == "siret"         ? &s.siret
                           : f.field == "vat_number"    ? &s.vat_number
                           : f.field == "iban"          ? &s.iban
                           : f.field == "bic"           ? &s.bic
                           : f.field == "email"         ? &s.email
                           : f.field == "phone"         ? &s.phone
                           : f.field == "website"       ? &s.website
                           : f.field == "brand_color"   ? &s.brand_color
                           : f.field == "postal_code"   ? &s.postal_code
                           : f.field == "legal_form"    ? &s.legal_form
                           : f.field == "rcs"           ? &s.rcs
                           : f.field == "address_line1" ? &s.address_line1
                           : f.field == "address_line2" ? &s.address_line2
                           : f.field == "city"          ? &s.city
                           : f.field == "legal_name"    ? &s.legal_name
                                                        : nullptr;
      if (field == nullptr) continue;
      const bool secret = f.field == "iban" || f.field == "bic";
      Note("warning", "parametres_entreprise", id, f.field,
           secret ? std::nullopt : std::optional(*field), f.message + " Laissé vide.");
      *field = f.field == "brand_color" ? defaults.brand_color : "";
    }
    valid = domain::ValidateOrganizationSettings(s);
  }
  if (!valid) {
    Note("error", "parametres_entreprise", id, "", std::nullopt,
         "Réglages non repris : " + valid.error().message);
    return Outcome::kSkipped;
  }
  std::string sealed = stored->bank_details_sealed;
  std::string last4 = stored->iban_last4;
  if (!valid->iban.empty() && request_.cipher != nullptr) {
    sealed =
        request_.cipher->Seal(nlohmann::json{{"iban", valid->iban}, {"bic", valid->bic}}.dump());
    last4 = valid->iban.substr(valid->iban.size() - 4);
  }
  organizations.SaveSettings(org_, *valid, sealed, last4, now_);
  const auto hours = [&](const char* column) -> std::optional<int> {
    auto h = row.Real(column);
    if (!h || *h < 0 || *h > 24 * 14) return std::nullopt;
    return static_cast<int>(std::lround(*h * 60));
  };
  if (new_organization_) {
    repo.SetEquipmentBuffers(org_, hours("materiel_sortie_avant_heures").value_or(720),
                             hours("materiel_retour_apres_heures").value_or(720));
  }
  if (row.Text("stripe_secret_key") || row.Text("stripe_public_key")) {
    Note("warning", "parametres_entreprise", id, "stripe_secret_key", std::nullopt,
         "Paiement en ligne Stripe : à reconnecter dans Paramètres → Paiements (les clés ne sont "
         "pas reprises).");
  }
  if (auto logo = row.Text("logo_path")) ImportLogo(id, *logo);
  if (auto stamp = row.Text("signature_entreprise_path")) {
    Note("info", "parametres_entreprise", id, "signature_entreprise_path", *stamp,
         "Tampon ou signature de l'entreprise : Planify n'en imprime pas encore, non repris (le "
         "fichier reste dans le dossier de l'ancienne application).");
  }
  if (auto fields = row.Text("custom_fields_prestation"); fields && *fields != "[]") {
    ImportFieldDefinitions(*fields, id);
  }
  for (const char* column :
       {"google_maps_api_key", "groq_api_key", "google_client_secret", "public_api_token"}) {
    if (row.Text(column)) {
      Note("info", "parametres_entreprise", id, column, std::nullopt,
           "Clé de l'ancienne application non reprise (Planify a la sienne ou n'en a pas "
           "besoin).");
    }
  }
  Note("info", "parametres_entreprise", id, "", std::nullopt,
       "Apparence (thème, police, CSS, modules, menus) : Planify a la sienne ; non reprise.");
  MapId("parametres_entreprise", 0, org_.value);
  MapId("parametres_entreprise", id, org_.value);
  return new_organization_ ? Outcome::kImported : Outcome::kMerged;
}

// ---------------------------------------------------------------------------------------------
// users → users + memberships

std::string MemberRole(const std::string& legacy) {
  const std::string folded = domain::FoldLegacyEnum(legacy);
  if (folded == "admin" || folded == "administrateur") return "admin";
  if (folded == "manager") return "manager";
  if (folded == "dj" || folded == "prestataire") return "dj";
  if (folded == "technicien" || folded == "technician") return "technician";
  return "";
}

Outcome Importer::User(const LegacyRow& row, long long id) {
  store::LegacyImportRepository repo(*lease_);
  if (Mapped("users", id) || Mapped("users.profile", id)) return Outcome::kMerged;
  std::string email = domain::ToLowerAscii(row.Text("email").value_or(""));
  if (!domain::IsPlausibleEmail(email)) {
    Note("warning", "users", id, "email", row.Raw("email"),
         "Adresse e-mail absente ou invalide : le compte reçoit une adresse de remplacement "
         "(connexion par identifiant ; à corriger dans Paramètres → Membres).");
    email = "legacy-user-" + std::to_string(id) + "@import.invalid";
  }
  std::string role = MemberRole(row.Text("role").value_or("dj"));
  if (role.empty()) {
    Note("warning", "users", id, "role", row.Raw("role"), "Rôle inconnu : technicien.");
    role = "technician";
  }
  const bool active = row.Bool("actif", true);
  if (new_organization_ && role == "admin" && active && owner_candidate_ == id) role = "owner";
  if (!request_.create_accounts) return UserAsProfile(row, id, email, role);

  Outcome outcome = Outcome::kImported;
  std::optional<long long> user = repo.UserByEmail(email);
  if (user) {
    outcome = Outcome::kMerged;
    Note("info", "users", id, "email", email,
         "Un compte Planify existe déjà avec cette adresse : il est rattaché à l'organisation "
         "(son mot de passe Planify reste le sien).");
  } else {
    std::string name =
        domain::Trim(row.Text("prenom").value_or("") + " " + row.Text("nom").value_or(""));
    std::optional<std::string> username = row.Text("username");
    if (username) username = domain::ToLowerAscii(*username);
    if (name.empty()) name = username.value_or(email);
    if (auto chars = domain::Utf8Length(name); !chars || *chars > 120) {
      Note("warning", "users", id, "nom", name, "Nom de plus de 120 caractères : raccourci.");
      name = Utf8Prefix(name, 120);
    }
    if (username && repo.UserByUsername(*username)) {
      Note("warning", "users", id, "username", *username,
           "Identifiant déjà pris sur ce serveur : connexion par e-mail seulement.");
      username.reset();
    }
    std::optional<std::string> disabled;
    if (!active) {
      disabled = now_;
      Note("info", "users", id, "actif", "0", "Compte désactivé dans l'ancienne application.");
    }
    std::optional<std::string> last;
    if (auto text = row.Text("derniere_connexion")) {
      if (auto at = domain::LegacyInstant(*text, "UTC")) last = domain::FormatIsoUtc(*at);
    }
    auto hash = row.Text("password_hash");
    if (!hash) {
      Note("info", "users", id, "password_hash", std::nullopt,
           "Pas de mot de passe : la personne en choisit un avec « mot de passe oublié ».");
    }
    user = repo.InsertUser(email, name, username, hash, disabled, last,
                           Stamp(row, "date_creation", "users", id));
  }
  if (auto photo = row.Text("photo_profil")) {
    ImportAvatar(id, *user, outcome == Outcome::kImported, *photo);
  }
  for (const char* column :
       {"telephone", "bio", "adresse", "ville", "code_postal", "date_naissance"}) {
    if (auto value = row.Text(column)) {
      Note("info", "users", id, column, *value,
           "Donnée de profil gardée dans ce rapport (pas encore de champ dans Planify).");
    }
  }
  if (auto existing = repo.MembershipRole(org_, *user)) {
    if (outcome == Outcome::kImported) outcome = Outcome::kMerged;
  } else {
    repo.InsertMembership(org_, *user, role, Stamp(row, "date_creation", "users", id));
  }
  MapId("users", id, *user);
  return outcome;
}

// A legacy user from the browser's import (request_.create_accounts false): the member of
// this organisation with the same address, else a crew profile (mapped "users.profile").
Outcome Importer::UserAsProfile(const LegacyRow& row, long long id, const std::string& email,
                                const std::string& role) {
  store::LegacyImportRepository repo(*lease_);
  const bool real_address = email.find("@import.invalid") == std::string::npos;
  if (auto user = real_address ? repo.UserByEmail(email) : std::nullopt) {
    if (repo.MembershipRole(org_, *user)) {
      Note("info", "users", id, "email", email,
           "Déjà membre de l'organisation : la personne garde son compte Planify.");
      MapId("users", id, *user);
      return Outcome::kMerged;
    }
  }
  domain::CrewProfileInput profile;
  std::string name =
      domain::Trim(row.Text("prenom").value_or("") + " " + row.Text("nom").value_or(""));
  if (name.empty()) name = row.Text("username").value_or("Utilisateur " + std::to_string(id));
  profile.display_name = Utf8Prefix(domain::Trim(name), 120);
  if (profile.display_name.empty()) profile.display_name = "Utilisateur " + std::to_string(id);
  if (real_address) profile.email = email;
  profile.position = role == "technician" ? "technician" : "dj";
  auto valid = domain::ValidateCrewProfile(profile);
  if (!valid) {
    profile.email.clear();
    valid = domain::ValidateCrewProfile(profile);
  }
  if (!valid) {
    Note("error", "users", id, "nom", row.Raw("nom"), "Utilisateur illisible : non importé.");
    return Outcome::kSkipped;
  }
  const long long created = store::CrewProfilesRepository(*lease_).Insert(org_, *valid, now_);
  MapId("users.profile", id, created);
  Note("info", "users", id, "email",
       real_address ? std::optional<std::string>(email) : std::nullopt,
       "Import depuis le navigateur : pas de compte créé ni rattaché (le mot de passe de "
       "l'ancienne application n'est pas repris). Repris comme profil sans compte (Équipe → "
       "Profils sans compte) : invitez la personne, ses missions deviennent les siennes.");
  return Outcome::kImported;
}

// A legacy user's crew id: their member, or the crew profile the browser's import made.
std::optional<long long> Importer::UserCrew(std::optional<long long> legacy_user) {
  if (auto user = Mapped("users", legacy_user)) return user;
  if (auto profile = Mapped("users.profile", legacy_user)) return domain::ProfileCrewId(*profile);
  return std::nullopt;
}

// djs → the member they are; a DJ without an account → a crew profile (planned, not signing in)
Outcome Importer::Dj(const LegacyRow& row, long long id) {
  if (Mapped("djs", id) || Mapped("djs.profile", id)) return Outcome::kMerged;
  if (row.Text("google_calendar_id") || row.Text("google_refresh_token")) {
    Note("info", "djs", id, "google_calendar_id", std::nullopt,
         "Agenda Google de l'ancienne application non repris : la personne se reconnecte dans "
         "Planify (Paramètres → Agenda).");
  }
  auto user = Mapped("users", row.Int("user_id"));
  if (!user) {
    // Their login became a crew profile (the browser's import): the same person.
    if (auto profile = Mapped("users.profile", row.Int("user_id"))) {
      MapId("djs.profile", id, *profile);
      return Outcome::kMerged;
    }
    if (row.Int("user_id")) {
      Note("warning", "djs", id, "user_id", row.Raw("user_id"),
           "Compte lié introuvable ou non importé : prestataire repris comme profil sans compte.");
    }
    return DjProfile(row, id);
  }
  if (auto notes = row.Text("notes")) {
    Note("info", "djs", id, "notes", *notes, "Notes du prestataire gardées dans ce rapport.");
  }
  MapId("djs", id, *user);
  return Outcome::kMerged;
}

// A DJ without a login: a crew profile with the name, the contact (an e-mail or a phone number
// in one free-text column) and the notes. The legacy id is mapped under "djs.profile".
Outcome Importer::DjProfile(const LegacyRow& row, long long id) {
  domain::CrewProfileInput profile;
  profile.display_name = Utf8Prefix(domain::Trim(row.Text("nom").value_or("")), 120);
  if (profile.display_name.empty()) profile.display_name = "Prestataire " + std::to_string(id);
  if (TestRow("djs", id, profile.display_name)) return Outcome::kSkipped;
  const std::string contact = domain::Trim(row.Text("contact").value_or(""));
  std::string unplaced;
  if (contact.find('@') != std::string::npos &&
      domain::IsPlausibleEmail(domain::ToLowerAscii(contact))) {
    profile.email = domain::ToLowerAscii(contact);
  } else if (auto phone = domain::NormalizePhone(contact)) {
    profile.phone = *phone;
  } else if (!contact.empty()) {
    unplaced = "Contact : " + contact;
  }
  std::string notes = row.Text("notes").value_or("");
  if (!unplaced.empty()) notes = notes.empty() ? unplaced : unplaced + "\n" + notes;
  profile.notes = Utf8Prefix(notes, 2000);
  if (profile.notes.size() < notes.size()) {
    Note("warning", "djs", id, "notes", std::nullopt,
         "Notes de plus de 2 000 caractères : raccourcies.");
  }
  auto valid = domain::ValidateCrewProfile(profile);
  if (!valid) {
    // A refused value (an address longer than allowed, a name the checks refuse) is left out.
    for (const auto& field : valid.error().fields) {
      Note("warning", "djs", id, field.field, std::nullopt,
           field.message + " Valeur laissée vide.");
      if (field.field == "email") profile.email.clear();
      if (field.field == "phone") profile.phone.clear();
      if (field.field == "notes") profile.notes.clear();
    }
    valid = domain::ValidateCrewProfile(profile);
    if (!valid) {
      Note("error", "djs", id, "nom", row.Raw("nom"), "Prestataire illisible : non importé.");
      return Outcome::kSkipped;
    }
  }
  long long created = store::CrewProfilesRepository(*lease_).Insert(org_, *valid, now_);
  MapId("djs.profile", id, created);
  Note("info", "djs", id, "user_id", std::nullopt,
       "Prestataire sans compte : repris comme profil d'équipe (Équipe → Profils sans compte), "
       "à inviter pour qu'il se connecte.");
  return Outcome::kImported;
}

// The crew id (domain/crew_profiles.hpp) of a legacy DJ: their member, or their crew profile.
std::optional<long long> Importer::DjCrew(std::optional<long long> legacy_dj) {
  if (auto user = Mapped("djs", legacy_dj)) return user;
  if (auto profile = Mapped("djs.profile", legacy_dj)) return domain::ProfileCrewId(*profile);
  return std::nullopt;
}

// locals → storage sites
Outcome Importer::Local(const LegacyRow& row, long long id) {
  if (auto done = Mapped("locals", id)) return Outcome::kMerged;
  const std::string name = row.Text("nom").value_or("Dépôt " + std::to_string(id));
  if (TestRow("locals", id, name)) return Outcome::kSkipped;
  domain::PlaceInput place;
  place.name = Utf8Prefix(name, 200);
  place.address = domain::SplitLegacyAddress(row.Text("adresse").value_or(""));
  auto valid = domain::ValidatePlace(place);
  if (!valid) {
    place.notes = row.Text("adresse").value_or("");
    place.address = {};
    Note("warning", "locals", id, "adresse", row.Raw("adresse"),
         "Adresse non découpée (" + valid.error().message + ") : gardée dans les notes du dépôt.");
    valid = domain::ValidatePlace(place);
    if (!valid) {
      Note("error", "locals", id, "", name, "Dépôt non importé : " + valid.error().message);
      return Outcome::kSkipped;
    }
  }
  const long long site =
      store::PlacesRepository(*lease_, store::PlaceKind::kStorageSite).Insert(org_, *valid, now_);
  MapId("locals", id, site);
  return Outcome::kImported;
}

// clients (+ client_contacts) → clients, de-duplicated like the clients page
Outcome Importer::Client(const LegacyRow& row, long long id) {
  store::LegacyImportRepository repo(*lease_);
  const auto& contacts = contacts_by_client_[id];
  auto count_contacts = [&](Outcome outcome) {
    Tally("client_contacts", outcome, contacts.size());
  };
  if (Mapped("clients", id)) {
    count_contacts(Outcome::kMerged);
    return Outcome::kMerged;
  }
  const std::string name = row.Text("nom").value_or("Client " + std::to_string(id));
  if (TestRow("clients", id, name)) {
    count_contacts(Outcome::kSkipped);
    return Outcome::kSkipped;
  }
  domain::ClientInput input;
  input.name = name;
  input.notes = row.Text("notes").value_or("");
  if (company_client_[id]) input.kind = domain::ClientKind::kCompany;
  if (auto it = siren_by_client_.find(id);
      it != siren_by_client_.end() && input.kind == domain::ClientKind::kCompany) {
    input.siren = it->second;
  }
  std::string categories = row.Text("categories").value_or("");
  for (std::size_t at = 0; at <= categories.size();) {
    std::size_t comma = categories.find(',', at);
    if (comma == std::string::npos) comma = categories.size();
    std::string tag = domain::Trim(categories.substr(at, comma - at));
    bool seen = tag.empty();
    for (const auto& t : input.tags)
      seen = seen || domain::FoldForSearch(t) == domain::FoldForSearch(tag);
    if (!seen) input.tags.push_back(tag);
    at = comma + 1;
  }
  for (const auto& c : contacts) {
    domain::ClientContact contact;
    contact.name = c.Text("nom").value_or("");
    contact.email = c.Text("email").value_or("");
    contact.phone = c.Text("telephone").value_or("");
    contact.role = c.Text("role").value_or("");
    input.contacts.push_back(contact);
  }
  // Values the checks refuse are left out one by one, each said in the report.
  auto valid = domain::ValidateClient(input);
  for (int pass = 0; !valid && pass < 4; ++pass) {
    for (const auto& f : valid.error().fields) {
      const auto& field = f.field;
      std::string raw;
      if (field.rfind("contacts[", 0) == 0) {
        const std::size_t index = std::stoul(field.substr(9));
        if (index >= input.contacts.size()) continue;
        auto& contact = input.contacts[index];
        const long long contact_id = contacts[index].Int("id").value_or(0);
        const std::string part = field.substr(field.find("].") + 2);
        std::string* value = part == "email"   ? &contact.email
                             : part == "phone" ? &contact.phone
                             : part == "role"  ? &contact.role
                                               : &contact.name;
        raw = *value;
        if (part == "name" && raw.empty()) {
          Note("warning", "client_contacts", contact_id, "", std::nullopt,
               "Contact sans nom, e-mail ni téléphone : ignoré.");
          input.contacts.erase(input.contacts.begin() + static_cast<long>(index));
          break;
        }
        *value = part == "name" ? Utf8Prefix(raw, 120) : part == "role" ? Utf8Prefix(raw, 80) : "";
        Note("warning", "client_contacts", contact_id, part, raw,
             f.message + (part == "name" || part == "role" ? " Raccourci." : " Laissé vide."));
      } else if (field == "siren" || field == "siret" || field == "vat_number" || field == "kind") {
        Note("warning", "clients", id, field, input.siren, f.message + " Identifiant laissé vide.");
        input.siren.clear();
        input.siret.clear();
        input.vat_number.clear();
      } else if (field == "tags") {
        Note("warning", "clients", id, "categories", categories,
             f.message + " Étiquettes laissées vides.");
        input.tags.clear();
      } else if (field == "name") {
        Note("warning", "clients", id, "nom", input.name, f.message + " Raccourci.");
        input.name = Utf8Prefix(input.name, 200);
        if (domain::Trim(input.name).empty()) input.name = "Client " + std::to_string(id);
      }
    }
    valid = domain::ValidateClient(input);
  }
  if (!valid) {
    Note("error", "clients", id, "", name, "Client non importé : " + valid.error().message);
    count_contacts(Outcome::kSkipped);
    return Outcome::kSkipped;
  }
  store::ClientsRepository clients(*lease_);
  // The same client twice (the legacy app created clients by heuristics, quirk d.9): a shared
  // e-mail or SIREN folds it into the first; a shared phone alone is only pointed out.
  for (const auto& dup : clients.FindDuplicates(org_, *valid, 0)) {
    if (dup.reason == "phone") {
      Note("info", "clients", id, "telephone", name,
           "Même téléphone que « " + dup.name + " » : doublon possible, gardé à part.");
      continue;
    }
    std::string kept;
    for (const auto& c : valid->contacts) {
      kept += (kept.empty() ? "" : " ; ") + c.name + " " + c.email + " " + c.phone;
    }
    std::string raw = name;
    if (!kept.empty()) raw += " — " + kept;
    std::string message = "Fusionné avec « " + dup.name + " » (même ";
    message += dup.reason == "email" ? "e-mail" : "SIREN";
    message += ").";
    Note("info", "clients", id, dup.reason == "email" ? "email" : "siren", raw, message);
    MapId("clients", id, dup.id);
    count_contacts(Outcome::kMerged);
    return Outcome::kMerged;
  }
  const std::string created = Stamp(row, "created_at", "clients", id);
  const long long client = clients.Insert(org_, *valid, created);
  repo.SetDates("clients", org_, client, created, Stamp(row, "updated_at", "clients", id));
  MapId("clients", id, client);
  count_contacts(Outcome::kImported);
  return Outcome::kImported;
}

// materiels → equipment items; the legacy id kept so printed labels resolve
Outcome Importer::Item(const LegacyRow& row, long long id) {
  if (Mapped("materiels", id)) return Outcome::kMerged;
  const std::string name = row.Text("nom").value_or("Matériel " + std::to_string(id));
  if (TestRow("materiels", id, name)) return Outcome::kSkipped;
  domain::EquipmentInput item;
  item.name = Utf8Prefix(name, 200);
  item.category = Utf8Prefix(row.Text("categorie").value_or(""), 60);
  item.storage_site = Mapped("locals", row.Int("local_id"));
  if (!item.storage_site && row.Int("local_id")) {
    Note("warning", "materiels", id, "local_id", row.Raw("local_id"),
         "Dépôt introuvable dans l'ancienne base : matériel sans dépôt.");
  }
  const long long quantity = row.Int("quantite").value_or(1);
  item.quantity_owned = static_cast<int>(std::clamp<long long>(quantity, 0, 100000));
  if (item.quantity_owned != quantity) {
    Note("warning", "materiels", id, "quantite", row.Raw("quantite"),
         "Quantité hors de 0 à 100 000 : ramenée à " + std::to_string(item.quantity_owned) + ".");
  }
  const std::string raw_status = row.Text("statut").value_or("disponible");
  auto status = domain::LegacyStatus(domain::LegacyEntity::kEquipment, raw_status);
  if (!status) {
    Note("info", "materiels", id, "statut", raw_status, "Statut inconnu : disponible.");
  } else if (domain::FoldLegacyEnum(raw_status) == "hors_service") {
    Note("info", "materiels", id, "statut", raw_status,
         "Hors service : en maintenance dans Planify (à vérifier avant de le prêter).");
  }
  item.status = domain::ParseEquipmentStatus(status.value_or("available"))
                    .value_or(domain::EquipmentStatus::kAvailable);
  if (auto price = row.Real("prix_location")) {
    if (auto cents = domain::LegacyEurosToCents(*price); cents && *cents >= 0) {
      item.rental_price_cents = *cents;
    } else {
      Note("warning", "materiels", id, "prix_location", row.Raw("prix_location"),
           "Prix de location illisible ou négatif : 0.");
    }
  }
  item.notes = row.Text("notes_technicien").value_or("");
  if (auto serial = row.Text("numero_serie"); serial && serial != row.Text("code_barre")) {
    item.notes += (item.notes.empty() ? "" : "\n") + std::string("N° de série : ") + *serial;
  }
  item.barcode = row.Text("code_barre").value_or("");
  auto valid = domain::ValidateEquipment(item);
  if (!valid && !item.barcode.empty()) {
    Note("warning", "materiels", id, "code_barre", item.barcode,
         "Code-barres refusé (" + valid.error().message + ") : gardé dans les notes.");
    item.notes += (item.notes.empty() ? "" : "\n") + std::string("Code-barres : ") + item.barcode;
    item.barcode.clear();
    valid = domain::ValidateEquipment(item);
  }
  if (!valid) {
    Note("error", "materiels", id, "", name, "Matériel non importé : " + valid.error().message);
    return Outcome::kSkipped;
  }
  store::LogisticsRepository logistics(*lease_);
  store::EquipmentRepository items(*lease_);
  if (!valid->barcode.empty() && items.FindByBarcode(org_, valid->barcode)) {
    Note("warning", "materiels", id, "code_barre", valid->barcode,
         "Code-barres déjà porté par un autre matériel : gardé dans les notes.");
    valid->notes +=
        (valid->notes.empty() ? "" : "\n") + std::string("Code-barres : ") + valid->barcode;
    valid->barcode.clear();
  }
  if (!valid->category.empty()) {
    store::CategoriesRepository categories(*lease_);
    if (!categories.FindByName(org_, valid->category)) {
      (void)categories.Insert(org_, valid->category, 0, now_);
    }
  }
  const long long equipment = items.Insert(org_, *valid, now_);
  if (valid->status == domain::EquipmentStatus::kMaintenance) {
    store::NewMaintenance record;
    record.item = equipment;
    record.kind = "other";
    record.quantity = std::max(1, valid->quantity_owned);
    record.description = "Repris de l'ancienne application (statut « " + raw_status + " »)";
    record.now = Stamp(row, "derniere_maintenance", "materiels", id);
    (void)logistics.OpenMaintenance(org_, record);
  }
  MapId("materiels", id, equipment);
  return Outcome::kImported;
}

// prestations (+ materiel_presta) → missions with their crew and equipment lines
Outcome Importer::Mission(const LegacyRow& row, long long id) {
  store::LegacyImportRepository repo(*lease_);
  const auto& lines = lines_by_mission_[id];
  auto count_lines = [&](Outcome outcome) { Tally("materiel_presta", outcome, lines.size()); };
  if (Mapped("prestations", id)) {
    count_lines(Outcome::kMerged);
    return Outcome::kMerged;
  }
  const std::string client_text = row.Text("client").value_or("");
  if (TestRow("prestations", id, client_text)) {
    count_lines(Outcome::kSkipped);
    return Outcome::kSkipped;
  }
  // A Paris wall clock, `days` later than written.
  auto at = [&](const char* date, const char* time, const char* fallback,
                int days) -> std::optional<domain::Timestamp> {
    auto local = domain::ParseLegacyLocalTime(row.Text(date).value_or("") + " " +
                                              row.Text(time).value_or(fallback));
    if (!local) return std::nullopt;
    return domain::FromLocal(
        kParis, std::chrono::floor<std::chrono::seconds>(*local) + std::chrono::days{days});
  };
  auto start = at("date_debut", "heure_debut", "20:00:00", 0);
  auto end = at("date_fin", "heure_fin", "02:00:00", 0);
  if (!start || !end) {
    Note("error", "prestations", id, "date_debut",
         row.Raw("date_debut") + " " + row.Raw("heure_debut") + " → " + row.Raw("date_fin") + " " +
             row.Raw("heure_fin"),
         "Dates illisibles : mission non importée.");
    count_lines(Outcome::kSkipped);
    return Outcome::kSkipped;
  }
  // 20:00–02:00 on one date (quirk d.4): the next day's wall clock (a DST change in the night
  // makes it 23 or 25 hours later, not 24).
  if (*end <= *start) end = at("date_fin", "heure_fin", "02:00:00", 1);
  domain::MissionInput mission;
  auto title = title_by_mission_.find(id);
  mission.title = Utf8Prefix(title != title_by_mission_.end() ? title->second
                             : client_text.empty()            ? "Mission " + std::to_string(id)
                                                              : client_text,
                             200);
  mission.starts_at = *start;
  mission.ends_at = *end;
  mission.address = row.Text("lieu").value_or("");
  mission.notes = row.Text("notes").value_or("");
  mission.client = Mapped("clients", row.Int("client_id"));
  if (!mission.client) {
    if (row.Int("client_id")) {
      Note("warning", "prestations", id, "client_id", row.Raw("client_id"),
           "Client introuvable ou non importé : mission sans fiche client.");
    }
    std::string contact = client_text;
    for (const char* column : {"client_telephone", "client_email"}) {
      if (auto v = row.Text(column)) contact += (contact.empty() ? "" : ", ") + *v;
    }
    if (!contact.empty()) {
      mission.notes += (mission.notes.empty() ? "" : "\n") + std::string("Client : ") + contact;
    }
  }
  // Custom values: into the fields the organisation defines (from the legacy definitions);
  // keys without a definition, and values their field refuses, stay readable in the notes.
  std::string unplaced;
  if (auto fields = row.Text("custom_fields"); fields && *fields != "{}" && *fields != "null") {
    auto parsed = nlohmann::json::parse(*fields, nullptr, false);
    if (parsed.is_object()) {
      const auto& definitions = Definitions();
      for (const auto& item : parsed.items()) {
        const std::string& key = item.key();
        const auto& value = item.value();
        std::string text = value.is_string() ? value.get<std::string>() : value.dump();
        bool defined = false;
        for (const auto& d : definitions) defined = defined || d.key == key;
        if (domain::Trim(text).empty()) continue;
        if (defined) {
          mission.custom_fields[key] = text;
        } else {
          unplaced.append("\n").append(key).append(" : ").append(text);
        }
      }
    } else {
      unplaced = "\n" + *fields;
    }
    if (!unplaced.empty()) {
      Note("info", "prestations", id, "custom_fields", *fields,
           "Champs personnalisés sans définition : gardés dans les notes de la mission.");
    }
  }
  if (auto dj = DjCrew(row.Int("dj_id"))) {
    mission.crew.push_back({*dj, "dj", "", true});
  } else {
    Note("warning", "prestations", id, "dj_id", row.Raw("dj_id"),
         "Prestataire principal introuvable ou non importé : mission sans lui.");
  }
  if (auto tech = UserCrew(row.Int("technicien_id"))) {
    bool twice = false;
    for (const auto& c : mission.crew) twice = twice || c.user == *tech;
    if (!twice) mission.crew.push_back({*tech, "technician", "", false});
  } else if (row.Int("technicien_id")) {
    Note("warning", "prestations", id, "technicien_id", row.Raw("technicien_id"),
         "Technicien introuvable ou non importé : mission sans lui.");
  }
  std::map<long long, int> gear;
  for (const auto& line : lines) {
    const long long line_id = line.Int("id").value_or(0);
    auto item = Mapped("materiels", line.Int("materiel_id"));
    if (!item) {
      Note("warning", "materiel_presta", line_id, "materiel_id", line.Raw("materiel_id"),
           "Matériel introuvable ou non importé : ligne ignorée.");
      continue;
    }
    const long long quantity = line.Int("quantite").value_or(1);
    if (quantity <= 0) {
      Note("warning", "materiel_presta", line_id, "quantite", line.Raw("quantite"),
           "Quantité nulle ou négative : ligne ignorée.");
      continue;
    }
    if (gear.count(*item) != 0) {
      Note("info", "materiel_presta", line_id, "materiel_id", line.Raw("materiel_id"),
           "Même matériel deux fois sur la mission : quantités additionnées.");
    }
    gear[*item] += static_cast<int>(std::min<long long>(quantity, 100000));
  }
  for (const auto& [item, quantity] : gear) mission.equipment.push_back({item, quantity});

  const std::string raw_status = row.Text("statut").value_or("planifiee");
  auto status = domain::LegacyStatus(domain::LegacyEntity::kMission, raw_status);
  if (!status) {
    Note("warning", "prestations", id, "statut", raw_status, "Statut inconnu : planifiée.");
  }
  const auto final_status = domain::ParseMissionStatus(status.value_or("planned"))
                                .value_or(domain::MissionStatus::kPlanned);
  mission.status = final_status == domain::MissionStatus::kConfirmed
                       ? domain::MissionStatus::kConfirmed
                       : domain::MissionStatus::kPlanned;
  // A field made required after a mission was saved does not refuse the old mission.
  auto definitions = Definitions();
  for (auto& d : definitions) d.required = false;
  auto valid = domain::ValidateMission(mission, definitions);
  if (!valid && !mission.custom_fields.empty()) {
    for (const auto& [key, text] : mission.custom_fields) {
      unplaced.append("\n").append(key).append(" : ").append(text);
    }
    Note("warning", "prestations", id, "custom_fields", row.Raw("custom_fields"),
         "Valeurs refusées par leurs champs (" + valid.error().message +
             ") : gardées dans les notes de la mission.");
    mission.custom_fields.clear();
    valid = domain::ValidateMission(mission, definitions);
  }
  if (valid && !unplaced.empty()) {
    valid->notes +=
        (valid->notes.empty() ? "" : "\n") + std::string("Champs personnalisés :") + unplaced;
    valid = domain::ValidateMission(*valid, definitions);
  }
  if (!valid) {
    Note("error", "prestations", id, "", mission.title,
         "Mission non importée : " + valid.error().message);
    count_lines(Outcome::kSkipped);
    return Outcome::kSkipped;
  }
  auto creator = Mapped("users", row.Int("createur_id"));
  const std::string created = Stamp(row, "date_creation", "prestations", id);
  const long long saved =
      store::MissionsRepository(*lease_).Insert(org_, *valid, UserId{creator.value_or(0)}, created);
  repo.SetMissionStatus(org_, saved, std::string(domain::MissionStatusName(final_status)));
  // A creator who became a crew profile (the browser's import) has no account to name.
  if (!creator && !Mapped("users.profile", row.Int("createur_id"))) {
    Note("warning", "prestations", id, "createur_id", row.Raw("createur_id"),
         "Créateur introuvable ou non importé.");
  }
  repo.SetDates("missions", org_, saved, created,
                Stamp(row, "date_modification", "prestations", id));
  if (row.Text("google_calendar_event_id")) {
    Note("info", "prestations", id, "google_calendar_event_id", std::nullopt,
         "Événement Google de l'ancienne application : reconnecter l'agenda peut le doubler.");
  }
  MapId("prestations", id, saved);
  // Lines left out were said above; every other line is on the mission.
  for (const auto& line : lines) {
    auto& c = Counts("materiel_presta");
    ++c.read;
    auto item = Mapped("materiels", line.Int("materiel_id"));
    if (!item || line.Int("quantite").value_or(1) <= 0) {
      ++c.skipped;
    } else {
      ++c.imported;
    }
  }
  return Outcome::kImported;
}

// mouvements_materiel → the movement journal, and what is still out with its mission
Outcome Importer::Movement(const LegacyRow& row, long long id) {
  if (Mapped("mouvements_materiel", id)) return Outcome::kMerged;
  auto item = Mapped("materiels", row.Int("materiel_id"));
  if (!item) {
    Note("error", "mouvements_materiel", id, "materiel_id", row.Raw("materiel_id"),
         "Matériel introuvable ou non importé : mouvement non importé.");
    return Outcome::kSkipped;
  }
  auto mission = Mapped("prestations", row.Int("prestation_id"));
  if (!mission) {
    Note("warning", "mouvements_materiel", id, "prestation_id", row.Raw("prestation_id"),
         "Sortie ou retour sans mission importée : mouvement non importé.");
    return Outcome::kSkipped;
  }
  const std::string kind = domain::FoldLegacyEnum(row.Text("type_mouvement").value_or(""));
  if (kind != "sortie" && kind != "retour") {
    Note("warning", "mouvements_materiel", id, "type_mouvement", row.Raw("type_mouvement"),
         "Type de mouvement inconnu : non importé.");
    return Outcome::kSkipped;
  }
  const long long quantity = row.Int("quantite").value_or(1);
  if (quantity <= 0 || quantity > 100000) {
    Note("warning", "mouvements_materiel", id, "quantite", row.Raw("quantite"),
         "Quantité invalide : non importé.");
    return Outcome::kSkipped;
  }
  store::LogisticsRepository logistics(*lease_);
  store::NewMovement movement;
  movement.item = *item;
  movement.mission = mission;
  movement.kind =
      kind == "sortie" ? domain::MovementKind::kCheckOut : domain::MovementKind::kReturn;
  movement.quantity = static_cast<int>(quantity);
  movement.occurred_at = Stamp(row, "date_mouvement", "mouvements_materiel", id);
  movement.user = Mapped("users", row.Int("utilisateur_id"));
  movement.notes = row.Text("notes").value_or("");
  const long long saved = logistics.Record(org_, movement, movement.occurred_at);
  const int out = logistics.OutWith(org_, *mission, *item);
  const int delta = kind == "sortie" ? movement.quantity : -std::min(out, movement.quantity);
  if (delta != 0) logistics.MoveOut(org_, *mission, *item, delta, movement.occurred_at);
  MapId("mouvements_materiel", id, saved);
  return Outcome::kImported;
}

// reservations_client → booking requests (the gear a pending request holds on a draft mission)
Outcome Importer::Booking(const LegacyRow& row, long long id) {
  store::LegacyImportRepository repo(*lease_);
  const auto& lines = lines_by_booking_[id];
  auto count_lines = [&](long long imported, long long skipped, long long merged) {
    auto& c = Counts("materiel_presta");
    c.read += imported + skipped + merged;
    c.imported += imported;
    c.skipped += skipped;
    c.merged += merged;
  };
  if (Mapped("reservations_client", id)) {
    count_lines(0, 0, static_cast<long long>(lines.size()));
    return Outcome::kMerged;
  }
  const std::string number = row.Text("numero").value_or("RES-" + std::to_string(id));
  if (TestRow("reservations_client", id, number)) {
    count_lines(0, static_cast<long long>(lines.size()), 0);
    return Outcome::kSkipped;
  }
  auto local = domain::ParseLegacyLocalTime(row.Text("date_souhaitee").value_or("") + " " +
                                            row.Text("heure_souhaitee").value_or("20:00:00"));
  if (!local) {
    Note("error", "reservations_client", id, "date_souhaitee", row.Raw("date_souhaitee"),
         "Date souhaitée illisible : demande non importée.");
    count_lines(0, static_cast<long long>(lines.size()), 0);
    return Outcome::kSkipped;
  }
  domain::BookingRequestData data;
  data.starts_at = domain::FromLocal(kParis, std::chrono::floor<std::chrono::seconds>(*local));
  // duree_heures is declared INTEGER and holds REAL values (quirk d.5).
  const double hours = std::clamp(row.Real("duree_heures").value_or(4.0), 0.5, 48.0);
  data.ends_at = data.starts_at + std::chrono::minutes(std::lround(hours * 60));
  data.event_type = Utf8Prefix(row.Text("type_prestation").value_or(""), 100);
  data.place = row.Text("adresse").value_or("");
  if (auto guests = row.Int("nb_invites"); guests && *guests > 0) {
    data.guests = static_cast<int>(std::min<long long>(*guests, 100000));
  }
  if (auto price = row.Real("prix_prestation"); price && *price > 0) {
    data.budget_cents = domain::LegacyEurosToCents(*price);
  }
  data.message = row.Text("demandes_speciales").value_or("");
  auto venue_type = row.Text("type_lieu");
  if (venue_type &&
      domain::FoldLegacyEnum(*venue_type) != domain::FoldLegacyEnum(data.event_type)) {
    data.message +=
        (data.message.empty() ? "" : "\n") + std::string("Type de lieu : ") + *venue_type;
  }
  for (const auto& [column, label] : {std::pair{"manager_notes", "Notes du responsable : "},
                                      std::pair{"dj_notes", "Notes du prestataire : "}}) {
    if (auto notes = row.Text(column))
      data.message += (data.message.empty() ? "" : "\n") + std::string(label) + *notes;
  }
  data.name = Utf8Prefix(row.Text("nom").value_or("?"), 200);
  data.email = domain::ToLowerAscii(row.Text("email").value_or(""));
  const std::string phone = row.Text("telephone").value_or("");
  data.phone = domain::NormalizePhone(phone).value_or(phone);
  data.locale = "fr";
  store::BookingRepository bookings(*lease_);
  auto saved = bookings.Insert(org_, data, {}, false,
                               Stamp(row, "date_creation", "reservations_client", id));

  const std::string raw_status = row.Text("statut").value_or("en_attente");
  auto status = domain::LegacyStatus(domain::LegacyEntity::kBooking, raw_status);
  if (!status) {
    Note("warning", "reservations_client", id, "statut", raw_status, "Statut inconnu : nouvelle.");
  }
  store::LegacyBookingLinks links;
  links.reference = number;
  links.search_text = domain::FoldForSearch(number + " " + data.name + " " + data.email + " " +
                                            data.place + " " + data.event_type);
  links.status = std::string(status.value_or("new"));
  links.client = std::nullopt;
  links.mission = Mapped("prestations", row.Int("prestation_id"));
  links.proposed_user = Mapped("djs", row.Int("dj_id"));
  if (!links.proposed_user && Mapped("djs.profile", row.Int("dj_id"))) {
    Note("info", "reservations_client", id, "dj_id", row.Raw("dj_id"),
         "Prestataire proposé sans compte : la demande ne le nomme pas (il est dans Équipe → "
         "Profils sans compte).");
  }
  links.accepted_by = Mapped("users", row.Int("manager_id"));
  if (auto at = row.Text("date_confirmation"))
    links.accepted_at = Stamp(row, "date_confirmation", "reservations_client", id);
  if (row.Int("prestation_id") && !links.mission) {
    Note("warning", "reservations_client", id, "prestation_id", row.Raw("prestation_id"),
         "Mission liée introuvable ou non importée : demande sans mission.");
  }
  // Its quote (devis_id) is linked when the quote is imported, after.
  // Gear a pending request holds: on a draft mission for the requested window, so it stays
  // visible and counted; the request points at it.
  long long held = 0;
  long long left_out = 0;
  if (!lines.empty()) {
    std::map<long long, int> gear;
    for (const auto& line : lines) {
      auto item = Mapped("materiels", line.Int("materiel_id"));
      const long long quantity = line.Int("quantite").value_or(1);
      if (!item || quantity <= 0) {
        Note("warning", "materiel_presta", line.Int("id"), "materiel_id", line.Raw("materiel_id"),
             "Matériel introuvable, non importé ou quantité nulle : ligne ignorée.");
        ++left_out;
        continue;
      }
      gear[*item] += static_cast<int>(std::min<long long>(quantity, 100000));
      ++held;
    }
    if (!links.mission && !gear.empty()) {
      domain::MissionInput mission;
      mission.title = Utf8Prefix("Demande " + number + " — " + data.name, 200);
      mission.status = domain::MissionStatus::kDraft;
      mission.starts_at = data.starts_at;
      mission.ends_at = data.ends_at;
      mission.address = data.place;
      mission.notes =
          "Matériel retenu pour la demande de réservation " + number + " (ancienne application).";
      for (const auto& [item, quantity] : gear) mission.equipment.push_back({item, quantity});
      auto valid = domain::ValidateMission(mission, {});
      if (valid) {
        links.mission = store::MissionsRepository(*lease_).Insert(org_, *valid, UserId{0}, now_);
        Note("info", "reservations_client", id, "", number,
             "Matériel retenu par la demande : sur une mission brouillon « " + mission.title +
                 " ».");
      } else {
        Note("warning", "reservations_client", id, "", number,
             "Matériel retenu non repris : " + valid.error().message);
        left_out += held;
        held = 0;
      }
    } else if (links.mission) {
      Note("info", "reservations_client", id, "", number,
           "Lignes de matériel de la demande : la mission liée a déjà le sien.");
      count_lines(0, left_out, held);
      held = 0;
      left_out = 0;
    }
  }
  count_lines(held, left_out, 0);
  repo.SetBookingLegacy(org_, saved.id, links);
  MapId("reservations_client", id, saved.id);
  return Outcome::kImported;
}

// audit_log → the audit log (details: a Python repr(), read by a parser, never evaluated)
Outcome Importer::Audit(const LegacyRow& row, long long id) {
  store::LegacyImportRepository repo(*lease_);
  if (Mapped("audit_log", id)) return Outcome::kMerged;
  struct Entity {
    std::string name;          // in actions: "quote.created"
    std::string table;         // Planify's, as entity_type
    std::string legacy_table;  // where its legacy id maps from
  };
  static const std::map<std::string, Entity> kEntities = {
      {"devis", {"quote", "quotes", "devis"}},
      {"facture", {"invoice", "invoices", "factures"}},
      {"notation", {"rating", "ratings", "prestation_ratings"}},
      {"mouvement", {"equipment_movement", "equipment_movements", "mouvements_materiel"}},
      {"prestation", {"mission", "missions", "prestations"}},
      {"client", {"client", "clients", "clients"}},
      {"materiel", {"equipment", "equipment_items", "materiels"}},
      {"reservation", {"booking_request", "booking_requests", "reservations_client"}}};
  static const std::map<std::string, std::string> kVerbs = {
      {"creation", "created"},   {"modification", "updated"},      {"annulation", "cancelled"},
      {"envoi", "sent"},         {"paiement", "payment_recorded"}, {"avoir", "credit_note_issued"},
      {"suppression", "deleted"}};
  const std::string raw_entity = domain::FoldLegacyEnum(row.Text("entite_type").value_or(""));
  const std::string raw_action = domain::FoldLegacyEnum(row.Text("action").value_or(""));
  auto entity = kEntities.find(raw_entity);
  auto verb = kVerbs.find(raw_action);
  const std::string entity_name =
      entity != kEntities.end() ? entity->second.name : "legacy_" + raw_entity;
  store::LegacyAuditEntry entry;
  entry.action = entity_name + "." + (verb != kVerbs.end() ? verb->second : "legacy_" + raw_action);
  entry.entity_type = entity != kEntities.end() ? entity->second.table : entity_name;
  nlohmann::json details = nlohmann::json::object();
  if (auto text = row.Text("details")) {
    auto parsed = integrations::ParsePythonLiteral(*text);
    if (parsed && parsed->is_object()) {
      details = *parsed;
    } else if (parsed) {
      details = {{"value", *parsed}};
    } else {
      details = {{"raw", *text}};
      Note("info", "audit_log", id, "details", *text,
           "Détails illisibles (" + parsed.error().message + ") : gardés en texte.");
    }
  }
  details["source"] = "legacy_import";
  if (auto legacy_entity = row.Int("entite_id")) {
    std::optional<long long> target;
    if (entity != kEntities.end()) target = Mapped(entity->second.legacy_table, legacy_entity);
    if (target) {
      entry.entity_id = std::to_string(*target);
    } else {
      details["legacyEntityId"] = *legacy_entity;
    }
  }
  if (auto label = row.Text("entite_nom")) details["label"] = *label;
  entry.details = details.dump();
  entry.actor_user = Mapped("users", row.Int("user_id"));
  entry.actor_label = Utf8Prefix(row.Text("user_nom").value_or(""), 200);
  entry.ip = Utf8Prefix(row.Text("ip_address").value_or(""), 64);
  entry.created_at = Stamp(row, "date_action", "audit_log", id);
  const long long saved = repo.InsertAudit(org_, entry);
  MapId("audit_log", id, saved);
  return Outcome::kImported;
}

// prestation_ratings → mission ratings (the link's token hashed: a pending link keeps working)
Outcome Importer::Rating(const LegacyRow& row, long long id) {
  store::LegacyImportRepository repo(*lease_);
  if (Mapped("prestation_ratings", id)) return Outcome::kMerged;
  auto mission = Mapped("prestations", row.Int("prestation_id"));
  if (!mission) {
    Note("error", "prestation_ratings", id, "prestation_id", row.Raw("prestation_id"),
         "Mission introuvable ou non importée : évaluation non importée.");
    return Outcome::kSkipped;
  }
  if (repo.MissionRated(org_, *mission)) {
    Note("warning", "prestation_ratings", id, "prestation_id",
         "dj " + row.Raw("rating_dj") + ", technicien " + row.Raw("rating_technicien") + ", " +
             row.Text("commentaire").value_or(""),
         "Deuxième évaluation de la même mission : gardée dans ce rapport (Planify en garde une "
         "par mission).");
    return Outcome::kSkipped;
  }
  auto token = row.Text("token");
  const std::string email = domain::ToLowerAscii(row.Text("client_email").value_or(""));
  if (!token || email.empty()) {
    Note("error", "prestation_ratings", id, token ? "client_email" : "token", std::nullopt,
         "Évaluation sans lien ou sans destinataire : non importée.");
    return Outcome::kSkipped;
  }
  store::RatingRow rating;
  rating.mission_id = *mission;
  rating.email = email;
  const std::string name = row.Text("client_nom").value_or("");
  rating.first_name = Utf8Prefix(name.substr(0, name.find(' ')), 100);
  rating.requested_at = Stamp(row, "created_at", "prestation_ratings", id);
  if (auto expires = row.Text("token_expires_at")) {
    rating.expires_at = Stamp(row, "token_expires_at", "prestation_ratings", id);
  } else {
    auto requested = domain::ParseIsoUtc(rating.requested_at);
    rating.expires_at = domain::FormatIsoUtc(*requested + std::chrono::days{30});
  }
  store::RatingsRepository ratings(*lease_);
  std::string hash = HashToken(*token);
  if (repo.RatingTokenTaken(hash)) {  // the same legacy file imported into another organisation
    // The page's report says nothing of other organisations (the command's operator sees all).
    Note("warning", "prestation_ratings", id, "token", std::nullopt,
         request_.create_accounts
             ? "Lien d'évaluation déjà repris dans une autre organisation : celui-ci ne s'ouvre "
               "plus."
             : "Lien d'évaluation déjà utilisé : celui-ci ne s'ouvre plus.");
    hash = HashToken(*token + "#" + std::to_string(org_.value) + "#" + std::to_string(id));
  }
  const long long saved = ratings.Insert(org_, rating, hash);
  if (row.Text("submitted_at")) {
    domain::RatingInput answer;
    auto stars = [&](const char* column) -> std::optional<int> {
      auto value = row.Int(column);
      if (!value) return std::nullopt;
      if (*value < 1 || *value > 5) {
        Note("warning", "prestation_ratings", id, column, row.Raw(column),
             "Note hors de 1 à 5 : non reprise.");
        return std::nullopt;
      }
      return static_cast<int>(*value);
    };
    auto dj = stars("rating_dj");
    auto tech = stars("rating_technicien");
    answer.overall = dj ? dj : tech;
    if (auto user = Mapped("djs", row.Int("dj_id")); user && dj) {
      answer.crew.push_back({*user, *dj});
    } else if (dj && Mapped("djs.profile", row.Int("dj_id"))) {
      Note("info", "prestation_ratings", id, "rating_dj", row.Raw("rating_dj"),
           "Note d'un prestataire sans compte : gardée comme note globale de la mission.");
    }
    if (auto user = Mapped("users", row.Int("technicien_id")); user && tech) {
      bool twice = false;
      for (const auto& c : answer.crew) twice = twice || c.user == *user;
      if (!twice) answer.crew.push_back({*user, *tech});
    }
    answer.comment = row.Text("commentaire").value_or("");
    if (!answer.overall) {
      Note("warning", "prestation_ratings", id, "rating_dj", row.Raw("rating_dj"),
           "Évaluation envoyée sans note valable : gardée comme non répondue.");
    } else {
      (void)ratings.Submit(org_, saved, answer, Utf8Prefix(row.Text("ip_address").value_or(""), 64),
                           Utf8Prefix(row.Text("user_agent").value_or(""), 255),
                           Stamp(row, "submitted_at", "prestation_ratings", id));
    }
  }
  MapId("prestation_ratings", id, saved);
  return Outcome::kImported;
}

// ---------------------------------------------------------------------------------------------

Result<void> Importer::Preload() {
  for (const auto& [table, ids] :
       {std::pair{"clients", &legacy_clients_}, std::pair{"prestations", &legacy_missions_},
        std::pair{"reservations_client", &legacy_bookings_}}) {
    auto read = legacy_.ForEach(table, [ids = ids](const LegacyRow& r) -> Result<void> {
      if (auto id = r.Int("id")) ids->insert(*id);
      return {};
    });
    if (!read) return read;
  }
  auto contacts = legacy_.ForEach("client_contacts", [&](const LegacyRow& r) -> Result<void> {
    if (auto client = r.Int("client_id")) contacts_by_client_[*client].push_back(r);
    return {};
  });
  if (!contacts) return contacts;
  auto lines = legacy_.ForEach("materiel_presta", [&](const LegacyRow& r) -> Result<void> {
    if (auto mission = r.Int("prestation_id")) {
      lines_by_mission_[*mission].emplace_back(r);
    } else if (auto booking = r.Int("reservation_id")) {
      lines_by_booking_[*booking].emplace_back(r);
    }
    return {};
  });
  if (!lines) return lines;
  auto bookings = legacy_.ForEach("reservations_client", [&](const LegacyRow& r) -> Result<void> {
    if (auto quote = r.Int("devis_id"); quote && r.Int("id"))
      booking_by_quote_[*quote] = *r.Int("id");
    return {};
  });
  if (!bookings) return bookings;
  for (const char* table : {"devis", "factures"}) {
    auto read = legacy_.ForEach(table, [&](const LegacyRow& r) -> Result<void> {
      auto client = r.Int("client_id");
      if (client && (r.Bool("client_professionnel", false) || r.Text("client_siren"))) {
        company_client_[*client] = true;
        if (auto siren = r.Text("client_siren")) {
          std::string digits;
          for (char c : *siren) {
            if (c >= '0' && c <= '9') digits += c;
          }
          if (digits.size() >= 9) siren_by_client_[*client] = digits.substr(0, 9);
        }
      }
      if (std::string(table) == "devis") {
        auto mission = r.Int("prestation_id");
        auto title = r.Text("prestation_titre");
        if (mission && title && title_by_mission_.count(*mission) == 0) {
          title_by_mission_[*mission] = *title;
        }
      }
      return {};
    });
    if (!read) return read;
  }
  return {};
}

Result<void> Importer::Orphans() {
  auto contacts = legacy_.ForEach("client_contacts", [&](const LegacyRow& r) -> Result<void> {
    auto client = r.Int("client_id");
    if (client && legacy_clients_.count(*client) != 0) return {};
    auto& t = Counts("client_contacts");
    ++t.read;
    ++t.skipped;
    Note("error", "client_contacts", r.Int("id"), "client_id", r.Raw("client_id"),
         "Contact d'un client absent de l'ancienne base : non importé.");
    return {};
  });
  if (!contacts) return contacts;
  auto lines = legacy_.ForEach("materiel_presta", [&](const LegacyRow& r) -> Result<void> {
    auto mission = r.Int("prestation_id");
    if (mission && legacy_missions_.count(*mission) != 0) return {};
    if (!mission && r.Int("reservation_id") &&
        legacy_bookings_.count(*r.Int("reservation_id")) != 0) {
      return {};  // counted with its booking request
    }
    auto& t = Counts("materiel_presta");
    ++t.read;
    ++t.skipped;
    Note("error", "materiel_presta", r.Int("id"), "prestation_id", r.Raw("prestation_id"),
         "Ligne de matériel sans mission ni demande dans l'ancienne base : non importée.");
    return {};
  });
  if (!lines) return lines;
  Counts("#orphans");
  Checkpoint("#orphans", 0, true);
  return {};
}

void Importer::SyncWarnings(const std::string& table) {
  long long unsent = 0;
  long long open = 0;
  (void)legacy_.ForEach(table, [&](const LegacyRow& r) -> Result<void> {
    const std::string status = domain::FoldLegacyEnum(r.Text("status").value_or(""));
    if (table == "sync_config" && r.Bool("enabled", false)) {
      Note("warning", table, r.Int("id"), "enabled", r.Text("server_url").value_or(""),
           "Cette installation envoyait ses changements à un serveur de synchronisation (dernier "
           "envoi réussi : " +
               r.Text("last_success_at").value_or("jamais") +
               ") : des données peuvent s'y trouver qui ne sont pas dans ce fichier.");
    }
    if (table == "sync_change_log" && (status == "pending" || status == "failed")) ++unsent;
    if (table == "sync_conflicts" && status == "open") ++open;
    return {};
  });
  if (unsent > 0) {
    Note("info", table, std::nullopt, "status", std::to_string(unsent),
         std::to_string(unsent) +
             " changement(s) jamais envoyé(s) au serveur de synchronisation : ils sont dans ce "
             "fichier, donc importés avec leurs tables.");
  }
  if (open > 0) {
    Note("warning", table, std::nullopt, "status", std::to_string(open),
         std::to_string(open) +
             " conflit(s) de synchronisation jamais résolu(s) : vérifier les fiches concernées "
             "après l'import.");
  }
}

Result<void> Importer::Begin() {
  auto lease = db_.Acquire();
  if (!lease) return Fail(std::move(lease).error());
  lease_.emplace(std::move(*lease));
  tx_.emplace(*lease_);
  store::LegacyImportRepository repo(*lease_);
  report_.source_sha256 = FileSha256(request_.source);
  report_.source_name =
      request_.source_name.empty() ? request_.source.filename().string() : request_.source_name;
  report_.dry_run = request_.dry_run;
  now_ = domain::FormatIsoUtc(request_.now);

  std::string company;
  (void)legacy_.ForEach("parametres_entreprise", [&](const LegacyRow& r) -> Result<void> {
    if (company.empty()) company = r.Text("nom_entreprise").value_or("");
    return {};
  });
  // The lowest-id active admin owns a new organisation.
  (void)legacy_.ForEach("users", [&](const LegacyRow& r) -> Result<void> {
    if (!owner_candidate_ && MemberRole(r.Text("role").value_or("")) == "admin" &&
        r.Bool("actif", true)) {
      owner_candidate_ = r.Int("id");
    }
    return {};
  });

  // The same file into another organisation: the operator (the command) is told which one; an
  // organisation's page is not told about others — its import is its own (the legacy links it
  // e-mailed stay with the first import: LinkHash).
  auto earlier = repo.FindBySource(report_.source_sha256, request_.into);
  if (!earlier && request_.into && request_.create_accounts) {
    if (auto elsewhere = repo.FindBySource(report_.source_sha256)) {
      return Fail(ErrorCode::kConflict,
                  "Cette base a déjà été importée dans une autre organisation (n° " +
                      std::to_string(elsewhere->organization.value) + ").");
    }
  }
  if (earlier && !request_.into) {
    // Without --into-organization the command continues only an import that made its own
    // organisation, never one into an existing organisation (a customer's, from the page).
    auto options = nlohmann::json::parse(earlier->options, nullptr, false);
    if (!options.is_object() || !options.value("new_organization", false)) {
      return Fail(ErrorCode::kConflict, "Cette base a déjà été importée dans l'organisation n° " +
                                            std::to_string(earlier->organization.value) +
                                            " : relancez avec --into-organization " +
                                            std::to_string(earlier->organization.value) +
                                            " pour la compléter.");
    }
  }
  if (earlier) {
    org_ = earlier->organization;
    import_ = earlier->id;
    report_.resumed = earlier->status == "running";
    report_.already_imported = earlier->status == "succeeded";
    // A resumed run of an import that made its organisation still names the owner.
    auto options = nlohmann::json::parse(earlier->options, nullptr, false);
    new_organization_ = options.is_object() && options.value("new_organization", false);
    for (auto& step : repo.Steps(import_)) {
      auto& counts = counts_[step.table];
      counts.table = step.table;
      CountsFromJson(step.counts, counts);
      done_before_[step.table] = counts.read;
      steps_[step.table] = step;
    }
  } else {
    if (request_.into) {
      if (!repo.OrganizationExists(*request_.into)) {
        return Fail(ErrorCode::kNotFound, "Organisation introuvable.");
      }
      org_ = *request_.into;
    } else {
      std::string name = domain::Trim(request_.organization_name);
      if (name.empty()) name = company;
      if (name.empty()) name = "Import " + report_.source_name;
      name = Utf8Prefix(name, 200);
      std::string base = domain::Slugify(name).substr(0, 50);
      if (base.empty()) base = "import";
      store::AccountsRepository accounts(*lease_);
      for (int n = 1;; ++n) {
        const std::string slug = n == 1 ? base : base + "-" + std::to_string(n);
        auto made = accounts.InsertOrganization(name, slug, now_);
        if (made) {
          org_ = made->id;
          break;
        }
        if (n > 1000) return Fail(std::move(made).error());
      }
      new_organization_ = true;
      fresh_ = true;
    }
    nlohmann::json options = {
        {"files", request_.files_dir.has_value() || request_.files_zip != nullptr},
        {"encryption_key", request_.encryption_key.has_value()},
        {"skip_test_data", request_.skip_test_data},
        {"new_organization", new_organization_}};
    import_ = repo.InsertImport(org_, report_.source_name, report_.source_sha256, options.dump(),
                                request_.started_by, now_);
  }
  if (auto found = store::AccountsRepository(*lease_).FindOrganization(org_)) {
    report_.organization_name = found->name;
  }
  report_.organization = org_;
  report_.import_id = import_;
  Commit();
  return {};
}

Result<LegacyImportReport> Importer::Run() {
  if (auto begun = Begin(); !begun) return Fail(std::move(begun).error());
  if (!report_.already_imported) {
    if (auto loaded = Preload(); !loaded) return Fail(std::move(loaded).error());
    for (const auto& step : kSteps) {
      const std::string table = step.table;
      if (!legacy_.HasTable(table)) continue;
      if (step.plan != Plan::kImport) {
        if (steps_[table].done) continue;
        auto& t = Counts(table);
        t.read = legacy_.Count(table);
        (step.plan == Plan::kDrop ? t.dropped : t.later) = t.read;
        if (t.read > 0) {
          Note(step.plan == Plan::kDrop ? "info" : "warning", table, std::nullopt, "", std::nullopt,
               step.why);
        }
        if (table.rfind("sync_", 0) == 0) SyncWarnings(table);
        Checkpoint(table, 0, true);
        Progress(table, t.read);
        continue;
      }
      if (table == "document_sequences") continue;  // after every document, below
      if (table == "client_contacts" || table == "materiel_presta") {  // come with theirs
        if (!steps_[table].done) {
          Counts(table);
          Checkpoint(table, 0, true);
        }
        continue;
      }
      using Handler = Outcome (Importer::*)(const LegacyRow&, long long);
      static const std::map<std::string, Handler> kHandlers = {
          {"parametres_entreprise", &Importer::Settings},
          {"users", &Importer::User},
          {"djs", &Importer::Dj},
          {"locals", &Importer::Local},
          {"clients", &Importer::Client},
          {"materiels", &Importer::Item},
          {"prestations", &Importer::Mission},
          {"mouvements_materiel", &Importer::Movement},
          {"reservations_client", &Importer::Booking},
          {"devis", &Importer::Quote},
          {"factures", &Importer::Invoice},
          {"avoirs", &Importer::CreditNote},
          {"paiements", &Importer::Payment},
          {"grille_tarifaire", &Importer::PricingRule},
          {"audit_log", &Importer::Audit},
          {"prestation_ratings", &Importer::Rating}};
      auto handler = kHandlers.at(table);
      auto done =
          Table(table, [&](const LegacyRow& r, long long id) { return (this->*handler)(r, id); });
      if (!done) return Fail(std::move(done).error());
    }
    for (const auto& table : legacy_.Tables()) {
      const bool known = std::any_of(std::begin(kSteps), std::end(kSteps),
                                     [&](const auto& s) { return table == s.table; });
      if (known || steps_[table].done) continue;
      auto& t = Counts(table);
      t.read = legacy_.Count(table);
      t.skipped = t.read;
      Note("warning", table, std::nullopt, "", std::nullopt,
           "Table inconnue de l'ancienne application (ajoutée à la main ?) : non importée.");
      Checkpoint(table, 0, true);
    }
    if (!steps_["#orphans"].done) {
      if (auto orphans = Orphans(); !orphans) return Fail(std::move(orphans).error());
    }
    if (!steps_["#settle"].done) {
      if (auto settled = Settle(); !settled) return Fail(std::move(settled).error());
    }
    if (!steps_["#sequences"].done) {
      if (auto numbered = Sequences(); !numbered) return Fail(std::move(numbered).error());
    }
    const bool complete = steps_["#orphans"].done && steps_["#settle"].done &&
                          steps_["#sequences"].done &&
                          std::all_of(std::begin(kSteps), std::end(kSteps), [&](const auto& s) {
                            return !legacy_.HasTable(s.table) || steps_[s.table].done;
                          });
    if (complete) store::LegacyImportRepository(*lease_).FinishImport(import_, now_);
    Commit();
  }
  // The report: every table's tallies and every note, as the journal holds them.
  store::LegacyImportRepository repo(*lease_);
  std::map<std::string, LegacyTableReport> stored;
  for (const auto& step : repo.Steps(import_)) {
    LegacyTableReport t;
    t.table = step.table;
    CountsFromJson(step.counts, t);
    stored[step.table] = t;
  }
  // In import order, then the tables the legacy app never had.
  std::vector<std::string> order;
  for (const auto& step : kSteps) {
    if (legacy_.HasTable(step.table)) order.emplace_back(step.table);
  }
  for (const auto& table : legacy_.Tables()) {
    if (std::find(order.begin(), order.end(), table) == order.end()) order.push_back(table);
  }
  for (const auto& table : order) {
    LegacyTableReport t = stored.count(table) != 0 ? stored[table] : LegacyTableReport{};
    t.table = table;
    t.done_before = done_before_[table];
    if (stored.count(table) == 0) {  // a table this version does not know
      t.read = legacy_.Count(table);
      t.later = t.read;
    }
    report_.tables.push_back(t);
  }
  Totals();
  report_.notes = repo.Notes(import_);
  if (request_.dry_run) {
    tx_.reset();  // rolled back: nothing of the dry run is kept
  } else {
    tx_->Commit();
    tx_.reset();
  }
  return report_;
}

}  // namespace legacy

Result<LegacyImportReport> ImportLegacy(store::Database& db, const LegacyImportRequest& request) {
  auto legacy = integrations::LegacyDb::Open(request.source);
  if (!legacy) return Fail(std::move(legacy).error());
  std::optional<integrations::ZipReader> zip;
  if (request.files_zip) {
    auto opened = integrations::ZipReader::Open(request.files_zip);
    if (!opened) {
      return Fail(ErrorCode::kValidation, "Fichiers (static/) : " + opened.error().message);
    }
    zip = std::move(*opened);
  }
  legacy::Importer importer(db, request, std::move(*legacy), std::move(zip));
  try {
    return importer.Run();
  } catch (const soci::soci_error& e) {
    return store::DatabaseFailure(e);
  }
}

std::size_t LegacyImportStepCount() { return std::size(legacy::kSteps) + 3; }

nlohmann::json LegacyReportJson(const LegacyImportReport& report) {
  nlohmann::json tables = nlohmann::json::array();
  for (const auto& t : report.tables) {
    auto j = legacy::CountsJson(t);
    j["table"] = t.table;
    j["done_before"] = t.done_before;
    tables.push_back(std::move(j));
  }
  nlohmann::json totals = nlohmann::json::array();
  for (const auto& t : report.totals) {
    totals.push_back({{"name", t.name},
                      {"table", t.table},
                      {"legacy_cents", t.legacy_cents},
                      {"imported_cents", t.imported_cents},
                      {"skipped_cents", t.skipped_cents},
                      {"differing", t.differing}});
  }
  nlohmann::json notes = nlohmann::json::array();
  for (const auto& n : report.notes) {
    nlohmann::json j = {
        {"table", n.table}, {"severity", n.severity}, {"column", n.column}, {"message", n.message}};
    j["legacy_id"] = n.legacy_id ? nlohmann::json(*n.legacy_id) : nlohmann::json(nullptr);
    j["raw_value"] = n.raw ? nlohmann::json(*n.raw) : nlohmann::json(nullptr);
    notes.push_back(std::move(j));
  }
  return {{"import_id", report.import_id},
          {"organization", {{"id", report.organization.value}, {"name", report.organization_name}}},
          {"source", {{"name", report.source_name}, {"sha256", report.source_sha256}}},
          {"dry_run", report.dry_run},
          {"resumed", report.resumed},
          {"already_imported", report.already_imported},
          {"tables", tables},
          {"totals", totals},
          {"notes", notes}};
}

}  // namespace planify::app
