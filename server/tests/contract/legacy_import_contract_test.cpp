// The legacy import (issue 23, docs/legacy-import.md) on SQLite and PostgreSQL: the sample
// database the legacy app produced comes across with every row accounted for, its accounts sign
// in with their legacy passwords through the API, its printed labels resolve, a second run
// imports nothing, a dry run writes nothing, and an interrupted run goes on where it stopped.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <fstream>

#include "app/legacy/legacy_import.hpp"
#include "http/auth_fixture.hpp"
#include "store/document_files_repository.hpp"
#include "store/emails_repository.hpp"
#include "store/files_repository.hpp"
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

  // Every row of every table has an outcome, and every sum of money reconciles: legacy =
  // imported + not imported, plus the differences of rows that each carry a note.
  static void ExpectEveryRowAccountedFor(const app::LegacyImportReport& report) {
    for (const auto& t : report.tables) {
      EXPECT_EQ(t.read, t.imported + t.merged + t.skipped + t.dropped + t.later) << t.table;
      EXPECT_EQ(t.later, 0) << t.table << ": every table is imported or dropped by design";
    }
    EXPECT_EQ(report.totals.size(), 5U);
    for (const auto& total : report.totals) {
      if (total.differing == 0) {
        EXPECT_EQ(total.legacy_cents, total.imported_cents + total.skipped_cents) << total.name;
      }
    }
  }

  static const app::LegacyTotal& Total(const app::LegacyImportReport& report,
                                       const std::string& name) {
    for (const auto& t : report.totals) {
      if (t.name == name) return t;
    }
    static const app::LegacyTotal kNone;
    ADD_FAILURE() << "no total " << name;
    return kNone;
  }

  // What the organisation holds, table by table: the same after any number of runs.
  std::map<std::string, long long> Holdings(OrganizationId org) {
    std::map<std::string, long long> counts;
    auto lease = db_->Acquire();
    for (const char* table : {"memberships",
                              "clients",
                              "client_contacts",
                              "storage_sites",
                              "equipment_items",
                              "missions",
                              "mission_crew",
                              "mission_equipment",
                              "equipment_movements",
                              "equipment_out",
                              "maintenance_records",
                              "legacy_id_map",
                              "quotes",
                              "quote_lines",
                              "signatures",
                              "invoices",
                              "invoice_lines",
                              "credit_notes",
                              "payments",
                              "document_sequences",
                              "pricing_rules"}) {
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

  // Documents: original numbers, statuses and amounts, to the cent.
  EXPECT_EQ(Table(report, "devis").imported, 6);
  EXPECT_EQ(Table(report, "factures").imported, 4);
  EXPECT_EQ(Table(report, "paiements").imported, 1);
  EXPECT_EQ(Table(report, "document_sequences").imported, 2);
  EXPECT_EQ(Total(report, "Devis TTC").legacy_cents, 477840);
  EXPECT_EQ(Total(report, "Devis TTC").imported_cents, 477840);
  EXPECT_EQ(Total(report, "Factures TTC").imported_cents, 306720);
  EXPECT_EQ(Total(report, "Factures payé").imported_cents, 201504);
  EXPECT_EQ(Total(report, "Paiements").imported_cents, 108000);
  for (const auto& total : report.totals) EXPECT_EQ(total.differing, 0) << total.name;
  auto invoices = Json(Send("GET", "/api/v1/invoices?limit=50", &owner));
  std::map<std::string, json> by_number;
  for (const auto& i : invoices["items"]) by_number[i["number"].get<std::string>()] = i;
  ASSERT_EQ(by_number.size(), 4U) << invoices.dump();
  EXPECT_EQ(by_number["FAC-2026-0001"]["status"], "issued");
  EXPECT_EQ(by_number["FAC-2026-0002"]["status"], "partially_paid");
  EXPECT_EQ(by_number["FAC-2026-0003"]["status"], "paid");
  EXPECT_EQ(by_number["AUDIT-FAC-001"]["total_gross_cents"], 108000);
  // What the legacy app counted as paid without a payment row is a "reprise" payment: paid is
  // the sum of the payments.
  auto paid = Json(
      Send("GET",
           "/api/v1/invoices/" + std::to_string(by_number["FAC-2026-0002"]["id"].get<long long>()),
           &owner));
  EXPECT_EQ(paid["paid_cents"], 21504) << paid.dump();
  // The lines rebuilt from the legacy formula add up to the issued amount.
  long long lines = 0;
  for (const auto& line : paid["lines"]) lines += line["net_cents"].get<long long>();
  EXPECT_EQ(lines, 44800);
  // The signed quote keeps its signature (image and the evidence the legacy app had).
  auto quotes = Json(Send("GET", "/api/v1/quotes?limit=50", &owner));
  long long signed_id = 0;
  for (const auto& q : quotes["items"]) {
    if (q["number"] == "DEV-2026-0003") signed_id = q["id"].get<long long>();
  }
  ASSERT_GT(signed_id, 0) << quotes.dump();
  auto signed_quote = Json(Send("GET", "/api/v1/quotes/" + std::to_string(signed_id), &owner));
  EXPECT_EQ(signed_quote["status"], "accepted");
  EXPECT_EQ(signed_quote["signature"]["evidence"], "legacy_partial") << signed_quote.dump();
  EXPECT_EQ(signed_quote["signature"]["ip_address"], "127.0.0.1");
  {
    auto lease = db_->Acquire();
    std::string image;
    **lease << "SELECT image_base64 FROM signatures WHERE organization_id = :org",
        soci::use(org.value), soci::into(image);
    auto png = store::Base64Decode(image);
    ASSERT_TRUE(png);
    EXPECT_EQ(png->substr(1, 3), "PNG") << "the drawn signature's image, decoded";
    // The numbering goes on after the highest legacy number of the year.
    long long last = 0;
    **lease << "SELECT last_number FROM document_sequences WHERE organization_id = :org AND "
               "document_type = 'invoice' AND year = 2026",
        soci::use(org.value), soci::into(last);
    EXPECT_EQ(last, 3);
  }

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
    INSERT INTO devis (id, numero, client_nom, client_email, client_professionnel, client_siren,
      client_id, prestation_titre, date_prestation, heure_debut, heure_fin, lieu, tarif_horaire,
      duree_heures, montant_ht, taux_tva, montant_tva, montant_ttc, remise_pourcentage,
      remise_montant, frais_transport, frais_materiel, statut, date_creation, tva_incluse,
      est_signe, signature_image, signature_date, signature_ip, acompte_requis,
      acompte_pourcentage, acompte_montant, acompte_paye, date_paiement_acompte, prestation_id,
      signature_token)
    VALUES (1, 'DEV-2024-0007', 'Mairie', 'Contact@Mairie.FR', 1, '123 456 782', 1, 'Bal',
            '2024-03-30', '22:00:00', '04:00:00', 'Salle', 100.0, 6.0, 540.0, 20.0, 108.0,
            648.0, 10.0, 25.0, 0.0, 0.0, 'Accepté', '2024-03-02 08:00:00.5', 1, 1,
            'data:image/jpeg;base64,/9j/4AAQSkZJRg==', '2024-03-03 09:00:00', '10.0.0.3', 1,
            30.0, 194.4, 1, '2024-03-03 10:00:00', 1, 'Zq0yJ3kV9s2WmB7xR4tL8nC1pF6hD5gA0eK2uY7iQ3o'),
           (2, 'DEV-2024-0009', 'Mairie', NULL, 0, NULL, 1, 'Sans TVA', '2024-04-01', '10:00',
            '12:00', 'Ici', 50.0, 2.0, 100.0, 20.0, 20.0, 120.0, 0, 0, 0, 0, 'bizarre',
            '2024-03-05', 0, 0, NULL, NULL, NULL, 1, 0, 30.0, 1, NULL, NULL, NULL),
           (3, 'DEV-1999-0003', 'Mairie', NULL, 0, NULL, 1, 'Virgule', '2024-04-01', '10:00',
            '12:00', 'Ici', 50.0, 2.0, '585,00', 20.0, 117.0, 702.0, 0, 0, 0, 0, 'envoye',
            '2024-03-05', 1, 0, NULL, NULL, NULL, 0, 0, 0, 0, NULL, NULL, NULL);
    INSERT INTO factures (id, numero, client_nom, client_id, prestation_titre, date_prestation,
      heure_debut, heure_fin, lieu, tarif_horaire, duree_heures, montant_ht, taux_tva,
      montant_tva, montant_ttc, montant_paye, statut, date_creation, date_echeance, devis_id,
      prestation_id, payment_token)
    VALUES (1, 'FAC-2024-0012', 'Mairie', 1, 'Bal', '2024-03-30', '22:00:00', '04:00:00',
            'Salle', 100.0, 6.0, 545.0, 20.0, 109.0, 654.0, 0.0, 'En retard',
            '2024-04-01 08:00:00', '2024-05-01', 1, 1, 'Pn5rT8wE2yU4iO6pA9sD1fG3hJ5kL7zX0cV2bN4mQ6w');
    INSERT INTO avoirs (id, numero, facture_id, date_creation, montant_ht, taux_tva, montant_tva,
      montant_ttc, motif, statut)
    VALUES (1, 'AV-2024-0002', 1, '2024-04-10 08:00:00', 100.0, 20.0, 20.0, 120.0, NULL, 'emis'),
           (2, 'AV-2024-0003', 77, '2024-04-11 08:00:00', 10.0, 20.0, 2.0, 12.0, 'x', 'emis');
    INSERT INTO paiements (id, numero, montant, type_paiement, statut, metadata,
      payment_metadata, facture_id)
    VALUES (1, 'PAY-1', 10.0, 'facture', 'reussi', '{}', '{"reference": "VIR-1"}', 1);
    INSERT INTO paiements (id, numero, montant, type_paiement, mode_paiement, statut,
      payment_metadata, devis_id, stripe_payment_intent_id, date_paiement)
    VALUES (2, 'PAY-2024-0005', 194.4, 'acompte', 'stripe', 'reussi',
            '{"session_id": "cs_1", "amount_total": 19439}', 1, 'pi_1', '2024-03-03 10:00:00');
    INSERT INTO paiements (id, numero, montant, type_paiement, mode_paiement, statut,
      payment_metadata, facture_id, date_paiement, derniere_erreur)
    VALUES (3, 'PAY-2024-0006', 10.0, 'facture', 'stripe', 'annule',
            '{"amount_total": 1e300, "nested": {"a": [[[1]]]}, "rejete_par": 1}', 1,
            '2024-04-02 10:00:00', 'Rejeté par un administrateur');
    INSERT INTO document_sequences (id, prefix, year, last_number)
    VALUES (1, 'DEV', 2024, 8), (2, 'FAC', 2024, 12), (3, 'XYZ', 2024, 3);
    UPDATE parametres_entreprise SET logo_path = 'logo_ab12cd34.png',
      signature_entreprise_path = 'tampon_ab12cd34.png';
    UPDATE users SET photo_profil = 'uploads/profiles/1_ab12cd34.png' WHERE id = 1;
    UPDATE users SET photo_profil = 'uploads/profiles/2_link.png' WHERE id = 2;
    UPDATE paiements SET justificatif_path = 'uploads/justificatifs/justif_ab12cd34_virement.pdf'
      WHERE id = 1;
    UPDATE paiements SET justificatif_path = 'uploads/../../outside.pdf' WHERE id = 2;
    INSERT INTO grille_tarifaire (id, nom, type_evenement, tarif_horaire_base,
      majoration_weekend, frais_deplacement_par_km, actif, date_creation)
    VALUES (1, 'Mariage', 'mariage', 120.0, 20.0, 0.455, 0, CURRENT_TIMESTAMP);
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
  // The legacy static/ directory: a logo, a photo, a payment's proof; a photo that is a link
  // out of the directory and a proof whose path climbs out of it are refused.
  const auto files = dir_.path() / "static";
  const std::string png = *store::Base64Decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJg"
      "gg==");
  const std::string pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
  auto write = [](const std::filesystem::path& path, const std::string& bytes) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
  };
  write(files / "uploads" / "logo_ab12cd34.png", png);
  write(files / "uploads" / "profiles" / "1_ab12cd34.png", png);
  write(files / "uploads" / "justificatifs" / "justif_ab12cd34_virement.pdf", pdf);
  write(dir_.path() / "outside.png", png);
  write(dir_.path() / "outside.pdf", pdf);
  std::filesystem::create_symlink(dir_.path() / "outside.png",
                                  files / "uploads" / "profiles" / "2_link.png");
  auto request = Request();
  request.source = file;
  request.files_dir = files;
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

  // Documents of an older database: every difference from what the legacy app stored is a
  // note, and the sums reconcile: legacy = imported + not imported + those differences.
  EXPECT_EQ(Table(report, "devis").imported, 2);
  EXPECT_EQ(Table(report, "devis").skipped, 1) << "'585,00' is no amount: never read as 0";
  EXPECT_EQ(Table(report, "factures").imported, 1);
  EXPECT_EQ(Table(report, "avoirs").imported, 1);
  EXPECT_EQ(Table(report, "avoirs").skipped, 1) << "its invoice is not in the file";
  EXPECT_EQ(Table(report, "paiements").imported, 3);
  EXPECT_EQ(Table(report, "document_sequences").imported, 2);
  EXPECT_EQ(Table(report, "document_sequences").skipped, 1) << "an unknown series";
  EXPECT_EQ(Table(report, "grille_tarifaire").imported, 1);
  const auto& quotes_total = Total(report, "Devis TTC");
  EXPECT_EQ(quotes_total.legacy_cents, 64800 + 12000 + 70200);
  EXPECT_EQ(quotes_total.skipped_cents, 70200);
  EXPECT_EQ(quotes_total.imported_cents, 64800 + 10000) << "shown without VAT: 100 €, not 120 €";
  EXPECT_EQ(quotes_total.differing, 1);
  const auto& credits = Total(report, "Avoirs TTC");
  EXPECT_EQ(credits.legacy_cents, 13200);
  EXPECT_EQ(credits.imported_cents, 12000);
  EXPECT_EQ(credits.skipped_cents, 1200);
  const auto& payments_total = Total(report, "Paiements");
  EXPECT_EQ(payments_total.imported_cents, 1000 + 19439 + 1000) << "what Stripe charged (q1)";
  EXPECT_EQ(payments_total.differing, 1);
  auto noted = [&](const std::string& table, long long id, const std::string& column) {
    for (const auto& n : report.notes) {
      if (n.table == table && n.legacy_id == id && n.column == column) return true;
    }
    return false;
  };
  EXPECT_TRUE(noted("devis", 2, "tva_incluse"));
  EXPECT_TRUE(noted("devis", 2, "statut")) << "an unknown status";
  EXPECT_TRUE(noted("devis", 1, "signature_image")) << "a JPEG signature: not on the PDFs";
  EXPECT_TRUE(noted("paiements", 2, "montant"));
  EXPECT_TRUE(noted("factures", 1, "montant_ht")) << "545 € issued, 600 € by the formula";
  EXPECT_TRUE(noted("document_sequences", 1, "last_number")) << "DEV 8 behind DEV-2024-0009";
  EXPECT_TRUE(noted("devis", 3, "numero")) << "1999: before any series Planify numbers";
  // A rejected payment keeps who rejected it, when and why; it counts in no paid amount.
  std::string rejected_at;
  std::string failure;
  soci::indicator rejected_ind = soci::i_null;
  **lease << "SELECT rejected_at, failure_reason FROM payments WHERE organization_id = :org AND "
             "number = 'PAY-2024-0006'",
      soci::use(org.value), soci::into(rejected_at, rejected_ind), soci::into(failure);
  EXPECT_EQ(rejected_ind, soci::i_ok);
  EXPECT_EQ(failure, "Rejeté par un administrateur");

  long long quote_net = 0;
  long long quote_vat = 0;
  std::string quote_status;
  std::string method;
  **lease << "SELECT total_net_cents, total_vat_cents, status, acceptance_method FROM quotes "
             "WHERE organization_id = :org AND number = 'DEV-2024-0007'",
      soci::use(org.value), soci::into(quote_net), soci::into(quote_vat), soci::into(quote_status),
      soci::into(method);
  EXPECT_EQ(quote_net, 54000);
  EXPECT_EQ(quote_vat, 10800) << "VAT charged before the franchise: kept";
  EXPECT_EQ(quote_status, "accepted");
  EXPECT_EQ(method, "signature");
  long long discount = 0;
  **lease << "SELECT net_cents FROM quote_lines l JOIN quotes q ON q.id = l.document_id WHERE "
             "q.organization_id = :org AND q.number = 'DEV-2024-0007' AND l.kind = 'discount'",
      soci::use(org.value), soci::into(discount);
  EXPECT_EQ(discount, -6000) << "the percentage wins over the amount";
  // The invoice: 545 € issued stands (a line carries the −55 € difference), its payment and
  // credit note make it partially paid.
  long long gross = 0;
  long long paid = 0;
  long long credited = 0;
  std::string invoice_status;
  **lease << "SELECT total_gross_cents, amount_paid_cents, amount_credited_cents, status FROM "
             "invoices WHERE organization_id = :org AND number = 'FAC-2024-0012'",
      soci::use(org.value), soci::into(gross), soci::into(paid), soci::into(credited),
      soci::into(invoice_status);
  EXPECT_EQ(gross, 65400);
  EXPECT_EQ(paid, 1000) << "the payment row wins over montant_paye = 0";
  EXPECT_EQ(credited, 12000);
  EXPECT_EQ(invoice_status, "partially_paid") << "'En retard' is computed, not a status";
  long long adjustment = 0;
  **lease << "SELECT SUM(l.net_cents) FROM invoice_lines l JOIN invoices i ON i.id = "
             "l.document_id WHERE i.organization_id = :org AND i.number = 'FAC-2024-0012'",
      soci::use(org.value), soci::into(adjustment);
  EXPECT_EQ(adjustment, 54500);
  // A deposit paid on a quote with no payment row gets a "reprise" payment held on the quote.
  long long deposit = 0;
  std::string provider;
  **lease << "SELECT amount_cents, provider FROM payments WHERE organization_id = :org AND "
             "number = 'REPRISE-DEV-2024-0009'",
      soci::use(org.value), soci::into(deposit), soci::into(provider);
  EXPECT_EQ(deposit, 3000);
  EXPECT_EQ(provider, "legacy");
  // Sequences: after the highest number issued, the counter's or the documents'.
  auto last = [&](const char* type) {
    long long n = -1;
    **lease << "SELECT last_number FROM document_sequences WHERE organization_id = :org AND "
               "document_type = :type AND year = 2024",
        soci::use(org.value), soci::use(std::string(type)), soci::into(n);
    return n;
  };
  EXPECT_EQ(last("quote"), 9);
  EXPECT_EQ(last("invoice"), 12);
  EXPECT_EQ(last("credit_note"), 3) << "a number once issued is never issued again";
  EXPECT_EQ(last("payment"), 6);
  // The quote's and the invoice's links already sent keep working.
  const std::string quote_token = "Zq0yJ3kV9s2WmB7xR4tL8nC1pF6hD5gA0eK2uY7iQ3o";
  const std::string invoice_token = "Pn5rT8wE2yU4iO6pA9sD1fG3hJ5kL7zX0cV2bN4mQ6w";
  auto page = Send("GET", "/api/v1/public/quotes/" + quote_token, nullptr);
  EXPECT_EQ(page->status, 200) << page->body;
  auto hop = Send("GET", "/signer-devis/" + quote_token, nullptr);
  EXPECT_EQ(hop->status, 302);
  EXPECT_EQ(hop->get_header_value("Location"), "/p/devis/" + quote_token);
  hop = Send("GET", "/pay/invoice/1?token=" + invoice_token, nullptr);
  EXPECT_EQ(hop->get_header_value("Location"), "/p/facture/" + invoice_token);
  EXPECT_EQ(Send("GET", "/api/v1/public/invoices/" + invoice_token, nullptr)->status, 200);
  EXPECT_EQ(Send("GET", "/pay/invoice/1?token=%0d%0aSet-Cookie:x", nullptr)->status, 404)
      << "only a token's shape is passed on";
  std::string archived;
  soci::indicator archived_ind = soci::i_null;
  long long per_km = 0;
  **lease << "SELECT archived_at, travel_per_km_cents FROM pricing_rules WHERE organization_id = "
             ":org",
      soci::use(org.value), soci::into(archived, archived_ind), soci::into(per_km);
  EXPECT_EQ(archived_ind, soci::i_ok) << "inactive in the legacy grid";
  EXPECT_EQ(per_km, 46);

  // Files: the logo, the admin's photo, the proof under its uploaded name; nothing from outside.
  EXPECT_TRUE(store::FilesRepository(*lease).LogoOf(org));
  long long patron = 0;
  long long tech = 0;
  **lease << "SELECT id FROM users WHERE username = 'patron'", soci::into(patron);
  **lease << "SELECT id FROM users WHERE email = 'tech@variante.fr'", soci::into(tech);
  EXPECT_TRUE(store::FilesRepository(*lease).AvatarOf(UserId{patron}));
  EXPECT_FALSE(store::FilesRepository(*lease).AvatarOf(UserId{tech})) << "a link out of static/";
  EXPECT_TRUE(noted("users", 2, "photo_profil"));
  EXPECT_TRUE(noted("paiements", 2, "justificatif_path")) << "a path climbing out of static/";
  long long proof_payment = 0;
  **lease << "SELECT id FROM payments WHERE organization_id = :org AND number = 'PAY-1'",
      soci::use(org.value), soci::into(proof_payment);
  auto proof = store::DocumentFilesRepository(*lease).PaymentProofOf(org, proof_payment);
  ASSERT_TRUE(proof);
  EXPECT_EQ(proof->filename, "virement.pdf");
  EXPECT_EQ(proof->content_type, "application/pdf");
  long long outside_proofs = 0;
  **lease << "SELECT count(*) FROM payment_proofs WHERE organization_id = :org",
      soci::use(org.value), soci::into(outside_proofs);
  EXPECT_EQ(outside_proofs, 1);

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

// DJs the legacy app knew only by name and contact (djs.user_id NULL) become crew profiles:
// on their missions as the lead, conflict-checked, their contact sorted into e-mail or phone.
TEST_P(LegacyImport, DjsWithoutAnAccountBecomeCrewProfilesOnTheirMissions) {
  const auto file = dir_.path() / "freelancers.db";
  {
    std::ifstream in(std::filesystem::path(PLANIFY_SOURCE_DIR) / "tests" / "legacy" / "schema.sql");
    const std::string schema{std::istreambuf_iterator<char>(in), {}};
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    const std::string sql = schema + R"SQL(
      INSERT INTO users (id, username, email, password_hash, role, nom, prenom, actif)
      VALUES (1, 'patron', 'patron@sono.fr', NULL, 'admin', 'Durand', 'Paul', 1);
      INSERT INTO djs (id, nom, contact, notes, user_id)
      VALUES (1, 'Paul', NULL, NULL, 1),
             (2, 'Lina Freelance', '06 12 34 56 78', 'Lumières', NULL),
             (3, 'Max Sono', 'Max@Sono.FR', NULL, NULL),
             (4, 'Zoé', 'voir avec Paul', NULL, 99);
      INSERT INTO prestations (id, date_debut, date_fin, heure_debut, heure_fin, client, lieu,
        dj_id, technicien_id, createur_id, statut, date_creation)
      VALUES (1, '2024-06-01', '2024-06-01', '20:00', '23:00', 'Mairie', 'Salle', 2, 1, 1,
              'Confirmée', '2024-05-01 10:00:00'),
             (2, '2024-06-02', '2024-06-02', '20:00', '23:00', 'Club', 'Cave', 3, NULL, 1,
              'Planifiée', '2024-05-01 10:00:00');
    )SQL";
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error != nullptr ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }
  auto request = Request();
  request.source = file;
  auto report = Import(request);
  ExpectEveryRowAccountedFor(report);
  EXPECT_EQ(Table(report, "djs").merged, 1) << "Paul is the member of his login";
  EXPECT_EQ(Table(report, "djs").imported, 3) << "Lina, Max, and Zoé whose login is missing";
  EXPECT_EQ(Table(report, "prestations").imported, 2);

  auto lease = db_->Acquire();
  std::map<std::string, std::pair<std::string, std::string>> contacts;
  soci::rowset<soci::row> rows =
      ((*lease)->prepare << "SELECT display_name, email, phone, notes FROM crew_profiles "
                            "WHERE organization_id = :org",
       soci::use(report.organization.value));
  for (const auto& row : rows) {
    contacts[row.get<std::string>(0)] = {row.get<std::string>(1), row.get<std::string>(2)};
    if (row.get<std::string>(0) == "Zoé") {
      EXPECT_EQ(row.get<std::string>(3), "Contact : voir avec Paul");
    }
  }
  ASSERT_EQ(contacts.size(), 3u);
  EXPECT_EQ(contacts["Lina Freelance"], std::make_pair(std::string(), std::string("+33612345678")));
  EXPECT_EQ(contacts["Max Sono"], std::make_pair(std::string("max@sono.fr"), std::string()));
  long long lead_profiles = 0;
  long long members = 0;
  **lease << "SELECT count(*) FROM mission_crew WHERE organization_id = :org AND "
             "crew_profile_id IS NOT NULL AND is_lead = 1",
      soci::use(report.organization.value), soci::into(lead_profiles);
  **lease << "SELECT count(*) FROM mission_crew WHERE organization_id = :org AND user_id IS NOT "
             "NULL",
      soci::use(report.organization.value), soci::into(members);
  EXPECT_EQ(lead_profiles, 2) << "each mission's DJ is its lead";
  EXPECT_EQ(members, 1) << "Paul, the technician of the first";

  auto again = Import(request);
  EXPECT_TRUE(again.already_imported);
  EXPECT_EQ(Table(again, "djs").done_before, Table(again, "djs").read);
  long long profiles = 0;
  **lease << "SELECT count(*) FROM crew_profiles WHERE organization_id = :org",
      soci::use(report.organization.value), soci::into(profiles);
  EXPECT_EQ(profiles, 3);
}

std::string BackendName(const ::testing::TestParamInfo<store::Dialect>& param) {
  return param.param == store::Dialect::kPostgres ? "PostgreSQL" : "SQLite";
}

INSTANTIATE_TEST_SUITE_P(Backends, LegacyImport,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace planify::testing
