// The legacy import (issue 23, docs/legacy-import.md) on SQLite and PostgreSQL: the sample
// database the legacy app produced comes across with every row accounted for, its accounts sign
// in with their legacy passwords through the API, its printed labels resolve, a second run
// imports nothing, a dry run writes nothing, and an interrupted run goes on where it stopped.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <fstream>

#include "app/legacy/legacy_import.hpp"
#include "http/auth_fixture.hpp"
#include "store/organizations_repository.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

const std::filesystem::path kSample =
    std::filesystem::path(PLANIFY_SOURCE_DIR) / "tests" / "legacy" / "sample-legacy.db";

class LegacyImport : public AuthFixture, public ::testing::WithParamInterface<store::Dialect> {
 protected:
  void SetUp() override {
    auto url = BackendUrl(GetParam() == store::Dialect::kPostgres, dir_);
    if (!url) GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    database_url_ = *url;
    AuthFixture::SetUp();
  }

  app::LegacyImportRequest Request() {
    app::LegacyImportRequest request;
    request.source = kSample;
    request.now = clock_.Now();
    return request;
  }

  app::LegacyImportReport Import(const app::LegacyImportRequest& request) {
    auto report = app::ImportLegacy(*db_, request);
    EXPECT_TRUE(report) << report.error().message;
    return report ? *report : app::LegacyImportReport{};
  }

  static const app::LegacyTableReport& Table(const app::LegacyImportReport& report,
                                             const std::string& name) {
    for (const auto& t : report.tables) {
      if (t.table == name) return t;
    }
    static const app::LegacyTableReport kNone;
    ADD_FAILURE() << "no table " << name << " in the report";
    return kNone;
  }

  static void ExpectEveryRowAccountedFor(const app::LegacyImportReport& report) {
    for (const auto& t : report.tables) {
      EXPECT_EQ(t.read, t.imported + t.merged + t.skipped + t.dropped + t.later) << t.table;
    }
  }

  // What the organisation holds, table by table: the same after any number of runs.
  std::map<std::string, long long> Holdings(OrganizationId org) {
    std::map<std::string, long long> counts;
    auto lease = db_->Acquire();
    for (const char* table :
         {"memberships", "clients", "client_contacts", "storage_sites", "equipment_items",
          "missions", "mission_crew", "mission_equipment", "equipment_movements", "equipment_out",
          "maintenance_records", "legacy_id_map"}) {
      long long n = 0;
      **lease << std::string("SELECT count(*) FROM ") + table + " WHERE organization_id = :org",
          soci::use(org.value), soci::into(n);
      counts[table] = n;
    }
    long long users = 0;
    **lease << "SELECT count(*) FROM users", soci::into(users);
    counts["users (platform)"] = users;
    return counts;
  }
};

TEST_P(LegacyImport, TheSampleComesAcrossAndItsAccountsSignIn) {
  auto report = Import(Request());
  ASSERT_GT(report.organization.value, 0);
  EXPECT_EQ(report.organization_name, "Planify Labs");
  {
    auto lease = db_->Acquire();
    auto settings = store::OrganizationsRepository(*lease).LoadSettings(report.organization);
    ASSERT_TRUE(settings);
    EXPECT_EQ(settings->settings.address_line1, "12 Rue de la Paix");
    EXPECT_EQ(settings->settings.postal_code, "75002");
    EXPECT_EQ(settings->settings.brand_color, "#667eea");
    EXPECT_EQ(settings->settings.siret, "") << "its SIRET fails the Luhn check: reported";
  }
  EXPECT_FALSE(report.already_imported);

  // Every row of every table is accounted for.
  ASSERT_EQ(report.tables.size(), 23U);
  ExpectEveryRowAccountedFor(report);
  EXPECT_EQ(Table(report, "users").read, 9);
  EXPECT_EQ(Table(report, "users").imported, 9);
  EXPECT_EQ(Table(report, "djs").merged, 3) << "each DJ is the member of its login";
  EXPECT_EQ(Table(report, "clients").imported, 20);
  EXPECT_EQ(Table(report, "client_contacts").imported, 7);
  EXPECT_EQ(Table(report, "locals").imported, 8);
  EXPECT_EQ(Table(report, "materiels").imported, 27);
  EXPECT_EQ(Table(report, "prestations").imported, 18);
  EXPECT_EQ(Table(report, "materiel_presta").read, 57);
  EXPECT_EQ(Table(report, "materiel_presta").imported, 57) << "one held by a booking request";
  EXPECT_EQ(Table(report, "reservations_client").imported, 8);
  EXPECT_EQ(Table(report, "mouvements_materiel").imported, 3);
  EXPECT_EQ(Table(report, "sync_change_log").dropped, 173);

  const auto org = report.organization;
  auto held = Holdings(org);
  EXPECT_EQ(held["memberships"], 9);
  EXPECT_EQ(held["clients"], 20);
  EXPECT_EQ(held["missions"], 19) << "18 missions and the draft holding a request's gear";
  EXPECT_EQ(held["equipment_items"], 27);
  EXPECT_EQ(held["equipment_out"], 3) << "three check-outs of mission 2 never returned";
  EXPECT_EQ(held["maintenance_records"], 4) << "three in maintenance, one out of order";

  // Booking requests keep their legacy numbers, statuses and links.
  {
    auto lease = db_->Acquire();
    std::string status;
    long long linked = 0;
    **lease << "SELECT status, CASE WHEN mission_id IS NULL THEN 0 ELSE 1 END FROM "
               "booking_requests WHERE organization_id = :org AND reference = 'AUDIT-RES-004'",
        soci::use(org.value), soci::into(status), soci::into(linked);
    EXPECT_EQ(status, "won");
    EXPECT_EQ(linked, 1) << "confirmed: its mission";
    **lease << "SELECT status FROM booking_requests WHERE organization_id = :org AND "
               "reference = 'RES-20261124-001'",
        soci::use(org.value), soci::into(status);
    EXPECT_EQ(status, "new");
  }

  // Legacy passwords (werkzeug pbkdf2 hashes) sign in, by login or by e-mail.
  auto owner = SignIn("gnizery", "greg12345");
  ASSERT_FALSE(owner.session.empty());
  (void)SignIn("lea.tech@test.com", "test12345");
  EXPECT_EQ(SignInRaw("manager_01", "wrong password")->status, 401);
  auto me = Json(Send("GET", "/api/v1/auth/session", &owner));
  EXPECT_EQ(me["organization"]["name"], "Planify Labs") << me.dump();
  EXPECT_EQ(me["role"], "owner") << "the lowest-id active admin owns the new organisation";

  // A label printed by the legacy app resolves to the imported item.
  auto label = Send("GET",
                    "/api/v1/equipment/lookup?code=http%3A%2F%2F192.168.1.20%3A5000%2Fmateriels%"
                    "2Fscan%2Fselection%2F17",
                    &owner);
  ASSERT_EQ(label->status, 200) << label->body;
  EXPECT_EQ(Json(label)["name"], "Enceinte JBL PRX815W");

  // Paris wall clocks to UTC; an end before the start on one date is the next day (20:00–02:00).
  auto missions = Json(Send("GET", "/api/v1/missions?limit=100", &owner));
  ASSERT_EQ(missions["total"], 19) << missions.dump();
  bool seen_overnight = false;
  for (const auto& m : missions["items"]) {
    if (m["title"] == "Famille Dupont") {
      seen_overnight = true;
      EXPECT_EQ(m["starts_at"], "2026-12-09T15:00:00.000Z");
      EXPECT_EQ(m["ends_at"], "2026-12-10T00:00:00.000Z");
      EXPECT_EQ(m["status"], "planned");
    }
    if (m["title"] == "TEST RETOUR (terminée)") {
      EXPECT_EQ(m["status"], "completed");
    }
    if (m["title"] == "Audit Client 4") {
      EXPECT_EQ(m["status"], "canceled");
    }
  }
  EXPECT_TRUE(seen_overnight);

  // Test rows are imported and listed.
  int test_rows = 0;
  for (const auto& n : report.notes) {
    test_rows += n.message.find("Donnée de test importée") != std::string::npos ? 1 : 0;
  }
  EXPECT_GT(test_rows, 10);
}

TEST_P(LegacyImport, ASecondRunImportsNothingAndADryRunWritesNothing) {
  auto request = Request();
  request.dry_run = true;
  auto dry = Import(request);
  EXPECT_TRUE(dry.dry_run);
  EXPECT_EQ(Table(dry, "prestations").imported, 18) << "a dry run reports what it would do";
  {
    auto lease = db_->Acquire();
    long long orgs = 0;
    long long imports = 0;
    **lease << "SELECT count(*) FROM organizations", soci::into(orgs);
    **lease << "SELECT count(*) FROM legacy_imports", soci::into(imports);
    EXPECT_EQ(orgs, 0) << "nothing of the dry run is kept";
    EXPECT_EQ(imports, 0);
  }

  auto first = Import(Request());
  const auto after_first = Holdings(first.organization);
  auto second = Import(Request());
  EXPECT_TRUE(second.already_imported);
  EXPECT_EQ(second.organization.value, first.organization.value);
  EXPECT_EQ(Holdings(first.organization), after_first);
  for (const auto& t : second.tables) {
    EXPECT_EQ(t.done_before, t.read) << t.table << ": every row was handled by the first run";
  }
  EXPECT_EQ(Table(second, "clients").imported, 20) << "the report still says what came across";

  // Into an organisation other than the first: refused, nothing written.
  auto other = SeedOrganization("Autre agence");
  request = Request();
  request.into = other;
  auto refused = app::ImportLegacy(*db_, request);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Holdings(other)["clients"], 0);
}

TEST_P(LegacyImport, AnInterruptedRunGoesOnWhereItStopped) {
  // The reference: the same file imported in one go into a fresh database is what
  // TheSampleComesAcross checks; here the run stops in the middle of the missions.
  auto request = Request();
  request.batch_rows = 4;
  int batches = 0;
  request.progress = [&](const std::string& table, long long done, long long total) {
    if (table == "prestations" && done > 0 && done < total && ++batches == 2) {
      throw std::runtime_error("killed");  // as a kill -9 would: the open batch is lost
    }
  };
  EXPECT_THROW((void)app::ImportLegacy(*db_, request), std::runtime_error);
  long long org = 0;
  {
    auto lease = db_->Acquire();
    **lease << "SELECT organization_id FROM legacy_imports", soci::into(org);
  }
  ASSERT_GT(org, 0);
  const auto partial = Holdings(OrganizationId{org});
  EXPECT_EQ(partial.at("clients"), 20);
  EXPECT_GT(partial.at("missions"), 0);
  EXPECT_LT(partial.at("missions"), 18);
  EXPECT_EQ(partial.at("missions") % 4, 0) << "whole batches only";

  auto resumed = Import(Request());
  EXPECT_TRUE(resumed.resumed);
  const auto held = Holdings(OrganizationId{org});
  EXPECT_EQ(held.at("missions"), 19);
  EXPECT_EQ(held.at("mission_equipment"), 57);
  EXPECT_EQ(held.at("equipment_movements"), 3);
  EXPECT_EQ(held.at("memberships"), 9);
  EXPECT_EQ(Table(resumed, "prestations").imported, 18);
  EXPECT_EQ(Table(resumed, "materiel_presta").imported, 57);
  EXPECT_GT(Table(resumed, "prestations").done_before, 0);
  // No note twice: the batches that were lost wrote none.
  std::set<std::string> seen;
  for (const auto& n : resumed.notes) {
    const std::string key =
        n.table + "#" + std::to_string(n.legacy_id.value_or(-1)) + n.column + n.message;
    EXPECT_TRUE(seen.insert(key).second) << key;
  }
}

// A legacy database built from the legacy schema, then changed the ways older databases differ
// (legacy-app.md d.19): columns added by ALTER missing, an extra column at the end, `metadata`
// next to `payment_metadata`, an AUTOINCREMENT table, dates in each of the three text formats
// and without the ORM (CURRENT_TIMESTAMP), NULL booleans, and an enc: IBAN made by Python's
// cryptography (the Fernet test's vector).
void BuildVariant(const std::filesystem::path& file) {
  std::ifstream in(std::filesystem::path(PLANIFY_SOURCE_DIR) / "tests" / "legacy" / "schema.sql");
  const std::string schema{std::istreambuf_iterator<char>(in), {}};
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  const std::string sql = schema + R"SQL(
    ALTER TABLE paiements ADD COLUMN metadata TEXT;
    ALTER TABLE users ADD COLUMN theme_prefere TEXT;
    CREATE TABLE prestations_old AS SELECT id, date_debut, date_fin, heure_debut, heure_fin,
      client, client_telephone, client_email, lieu, dj_id, technicien_id, createur_id, notes,
      statut, date_creation, date_modification FROM prestations;
    DROP TABLE prestations;
    ALTER TABLE prestations_old RENAME TO prestations;
    DROP TABLE locals;
    CREATE TABLE locals (id INTEGER PRIMARY KEY AUTOINCREMENT, nom TEXT NOT NULL,
      adresse TEXT NOT NULL);
    INSERT INTO parametres_entreprise (id, nom_entreprise, rib_iban, rib_bic, capital_social,
      tva_non_applicable, materiel_sortie_avant_heures, custom_fields_prestation)
    VALUES (1, 'Sono Variante', 'enc:gAAAAABlU_EAZGVmZ2hpamtsbW5vcHFycwEH__QROx4siK4Lg5vryXsPJAPuxo5L8VeCLXcjeqc3KmXE4S8e2xAwHwKTgp7xmFRq3csk4KMWQQCFQ6s3z08=',
      'AGRIFRPP', '10 000 €', 1, 6.5,
      '[{"key": "theme", "label": "Thème", "type": "select", "options": ["Disco", "Jazz"],
         "required": true, "placeholder": "…", "full_width": false},
        {"key": "invites_vip", "label": "Invités VIP", "type": "number"}]');
    INSERT INTO users (id, username, email, password_hash, role, nom, prenom, actif,
      date_creation, theme_prefere)
    VALUES (1, 'Patron', ' Patron@Variante.FR ', NULL, 'admin', 'Durand', 'Paul', NULL,
            '2024-03-01 10:00:00', 'sombre'),
           (2, 'tech', 'tech@variante.fr', NULL, 'Technicien', 'Roux', 'Ana', 0,
            '2024-03-01', NULL);
    INSERT INTO djs (id, nom, contact, user_id) VALUES (1, 'Paul', NULL, 1);
    INSERT INTO locals (nom, adresse) VALUES ('Dépôt', '3 rue Haute
69001 Lyon');
    INSERT INTO clients (id, nom, categories, created_at, updated_at)
    VALUES (1, 'Mairie', 'Public, public, ', '2024-03-02 08:00:00.5', CURRENT_TIMESTAMP);
    INSERT INTO materiels (id, nom, quantite, statut, prix_location, local_id)
    VALUES (1, 'Enceinte', 2, 'Réservé', 1.005, 1);
    ALTER TABLE prestations ADD COLUMN custom_fields TEXT;
    INSERT INTO prestations (id, date_debut, date_fin, heure_debut, heure_fin, client, lieu,
      dj_id, technicien_id, createur_id, statut, date_creation, custom_fields)
    VALUES (1, '2024-03-30', '2024-03-30', '22:00:00.000000', '04:00:00.000000', 'Mairie',
            'Salle des fêtes', 1, 2, 1, 'Confirmée', '2024-03-02T08:00:00',
            '{"theme": "Jazz", "couleur": "bleu"}');
    INSERT INTO materiel_presta (id, materiel_id, prestation_id, quantite) VALUES (1, 1, 1, NULL);
    INSERT INTO prestation_ratings (id, prestation_id, dj_id, technicien_id, client_nom,
      client_email, rating_dj, rating_technicien, commentaire, token, token_expires_at,
      created_at, submitted_at, ip_address, user_agent)
    VALUES (1, 1, 1, 2, 'Marie Curie', 'Marie@Mairie.fr', 5, 4, 'Parfait', 'tok-1',
            '2024-05-01 10:00:00', '2024-04-01 10:00:00', '2024-04-02 10:00:00', '10.0.0.9',
            'Firefox'),
           (2, 1, 1, NULL, 'Marie Curie', 'marie@mairie.fr', 3, NULL, 'Doublon', 'tok-2', NULL,
            '2024-04-03 10:00:00', NULL, NULL, NULL),
           (3, 42, 1, NULL, 'X', 'x@x.fr', 5, NULL, NULL, 'tok-3', NULL, NULL, NULL, NULL, NULL);
    INSERT INTO audit_log (id, date_action, user_id, user_nom, action, entite_type, entite_id,
      entite_nom, details, ip_address)
    VALUES (1, '2024-03-02 09:00:00.250000', 1, 'Paul Durand', 'modification', 'prestation', 1,
            'Mairie', '{''statut'': ''Confirmée'', ''ok'': True, ''motif'': None}', '10.0.0.7'),
           (2, '2024-03-02 09:05:00', NULL, NULL, 'paiement', 'facture', 99, 'FAC-2024-0001',
            'datetime.datetime(2024, 3, 2)', NULL);
    INSERT INTO paiements (id, numero, montant, type_paiement, statut, metadata,
      payment_metadata)
    VALUES (1, 'PAY-1', 10.0, 'facture', 'reussi', '{}', '{"reference": "VIR-1"}');
  )SQL";
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
      << (error != nullptr ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

TEST_P(LegacyImport, OlderSchemaVariantsImportAndEncryptedBankDetailsOpenWithTheKey) {
  const auto file = dir_.path() / "variant.db";
  BuildVariant(file);
  auto request = Request();
  request.source = file;
  request.encryption_key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  request.cipher = &cipher_;
  auto report = Import(request);
  ExpectEveryRowAccountedFor(report);
  EXPECT_EQ(Table(report, "users").imported, 2);
  EXPECT_EQ(Table(report, "prestations").imported, 1);
  EXPECT_EQ(Table(report, "materiel_presta").imported, 1);
  EXPECT_EQ(Table(report, "locals").imported, 1);
  EXPECT_EQ(Table(report, "audit_log").imported, 2);
  EXPECT_EQ(Table(report, "prestation_ratings").imported, 1);
  EXPECT_EQ(Table(report, "prestation_ratings").skipped, 2) << "a second one, a dangling one";
  const auto org = report.organization;

  auto lease = db_->Acquire();
  auto settings = store::OrganizationsRepository(*lease).LoadSettings(org);
  ASSERT_TRUE(settings);
  EXPECT_EQ(settings->settings.name, "Sono Variante");
  EXPECT_EQ(settings->iban_last4, "0189") << "the enc: IBAN opened with the legacy key";
  auto bank = cipher_.Open(settings->bank_details_sealed);
  ASSERT_TRUE(bank);
  EXPECT_EQ(json::parse(*bank)["iban"], "FR7630006000011234567890189");
  EXPECT_EQ(settings->settings.share_capital_cents, 1000000);
  EXPECT_EQ(settings->settings.vat_regime, domain::VatRegime::kFranchise);
  int prep = 0;
  **lease << "SELECT equipment_prep_minutes FROM organizations WHERE id = :id",
      soci::use(org.value), soci::into(prep);
  EXPECT_EQ(prep, 390);

  std::string email;
  std::string created;
  std::string username;
  **lease << "SELECT email, created_at, username FROM users WHERE username = 'patron'",
      soci::into(email), soci::into(created), soci::into(username);
  EXPECT_EQ(email, "patron@variante.fr");
  EXPECT_EQ(store::NormalizeTimestamp(created), "2024-03-01T10:00:00.000Z");
  std::string disabled;
  soci::indicator disabled_ind = soci::i_null;
  **lease << "SELECT disabled_at FROM users WHERE email = 'tech@variante.fr'",
      soci::into(disabled, disabled_ind);
  EXPECT_EQ(disabled_ind, soci::i_ok) << "actif = 0: the account is disabled";

  std::string tags;
  **lease << "SELECT tags FROM clients WHERE organization_id = :org", soci::use(org.value),
      soci::into(tags);
  EXPECT_EQ(json::parse(tags), json::array({"Public"})) << "split, trimmed, de-duplicated";
  long long price = 0;
  std::string status;
  **lease << "SELECT rental_price_cents, status FROM equipment_items WHERE organization_id = :org",
      soci::use(org.value), soci::into(price), soci::into(status);
  EXPECT_EQ(price, 101) << "1.005 € is 101 cents";
  EXPECT_EQ(status, "available") << "'Réservé' is the legacy normalisation to available";
  std::string city;
  **lease << "SELECT city FROM storage_sites WHERE organization_id = :org", soci::use(org.value),
      soci::into(city);
  EXPECT_EQ(city, "Lyon");

  // Custom fields: the definitions, a defined value in its field, an undefined one in the notes.
  long long definitions = 0;
  std::string fields;
  std::string notes;
  **lease << "SELECT count(*) FROM mission_field_definitions WHERE organization_id = :org",
      soci::use(org.value), soci::into(definitions);
  **lease << "SELECT custom_fields, notes FROM missions WHERE organization_id = :org",
      soci::use(org.value), soci::into(fields), soci::into(notes);
  EXPECT_EQ(definitions, 2);
  EXPECT_EQ(json::parse(fields), json({{"theme", "Jazz"}}));
  EXPECT_NE(notes.find("couleur : bleu"), std::string::npos) << notes;

  std::string starts;
  std::string ends;
  std::string mission_status;
  **lease << "SELECT starts_at, ends_at, status FROM missions WHERE organization_id = :org",
      soci::use(org.value), soci::into(starts), soci::into(ends), soci::into(mission_status);
  // 30 March 2024 22:00 in Paris is UTC+1; the end, 04:00 the next morning, is after the change
  // to summer time (UTC+2).
  EXPECT_EQ(store::NormalizeTimestamp(starts), "2024-03-30T21:00:00.000Z");
  EXPECT_EQ(store::NormalizeTimestamp(ends), "2024-03-31T02:00:00.000Z");
  EXPECT_EQ(mission_status, "confirmed");
  long long crew = 0;
  long long quantity = 0;
  **lease << "SELECT count(*) FROM mission_crew WHERE organization_id = :org", soci::use(org.value),
      soci::into(crew);
  **lease << "SELECT quantity FROM mission_equipment WHERE organization_id = :org",
      soci::use(org.value), soci::into(quantity);
  EXPECT_EQ(crew, 2);
  EXPECT_EQ(quantity, 1) << "a NULL quantity is the ORM default, 1";

  // The rating: its answer, each crew member's stars, its link still opening it.
  int overall = 0;
  std::string rating_email;
  long long stars = 0;
  **lease << "SELECT overall, email FROM mission_ratings WHERE organization_id = :org",
      soci::use(org.value), soci::into(overall), soci::into(rating_email);
  **lease << "SELECT count(*) FROM mission_rating_crew WHERE organization_id = :org",
      soci::use(org.value), soci::into(stars);
  EXPECT_EQ(overall, 5);
  EXPECT_EQ(rating_email, "marie@mairie.fr");
  EXPECT_EQ(stars, 2);
  auto link = Send("GET", "/api/v1/public/ratings/tok-1", nullptr);
  EXPECT_NE(link->status, 404) << link->body;

  // The audit log's Python repr() details read as JSON; an unmapped entity keeps its legacy id.
  std::string action;
  std::string details;
  std::string entity;
  **lease << "SELECT action, details, entity_id FROM audit_log WHERE organization_id = :org AND "
             "action = 'mission.updated'",
      soci::use(org.value), soci::into(action), soci::into(details), soci::into(entity);
  auto parsed = json::parse(details);
  EXPECT_EQ(parsed["statut"], "Confirmée");
  EXPECT_EQ(parsed["ok"], true);
  EXPECT_TRUE(parsed["motif"].is_null());
  EXPECT_EQ(parsed["source"], "legacy_import");
  EXPECT_FALSE(entity.empty()) << "the mission's Planify id";
  **lease << "SELECT details FROM audit_log WHERE organization_id = :org AND action = "
             "'invoice.payment_recorded'",
      soci::use(org.value), soci::into(details);
  parsed = json::parse(details);
  EXPECT_EQ(parsed["raw"], "datetime.datetime(2024, 3, 2)") << "a call is never evaluated";
  EXPECT_EQ(parsed["legacyEntityId"], 99);

  // Without the key, the enc: value is reported and left empty, never kept as ciphertext.
  auto other = dir_.path() / "variant-2.db";
  BuildVariant(other);
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(other.c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "UPDATE parametres_entreprise SET nom_entreprise = 'Sans clé'", nullptr,
                 nullptr, nullptr);
    sqlite3_close(db);
  }
  request.source = other;
  request.encryption_key.reset();
  auto keyless = Import(request);
  bool said = false;
  for (const auto& n : keyless.notes) {
    said = said || (n.column == "rib_iban" && n.severity == "warning" && !n.raw);
  }
  EXPECT_TRUE(said);
  auto without = store::OrganizationsRepository(*lease).LoadSettings(keyless.organization);
  EXPECT_EQ(without->bank_details_sealed, "");
}

std::string BackendName(const ::testing::TestParamInfo<store::Dialect>& param) {
  return param.param == store::Dialect::kPostgres ? "PostgreSQL" : "SQLite";
}

INSTANTIATE_TEST_SUITE_P(Backends, LegacyImport,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace planify::testing
