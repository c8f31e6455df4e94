// References across organisations, on SQLite and on PostgreSQL: store::OwnedIds resolves an id
// only in its own organisation, the API refuses another organisation's id (or an id of nothing)
// with 422 naming the field before any write, the composite keys of migration 0015 make the
// database refuse such a row by itself, and the migration keeps every row, or stops and names
// the rows that point across organisations.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "http/auth_fixture.hpp"
#include "store/accounts_repository.hpp"
#include "store/billing_repository.hpp"
#include "store/catalogue_repository.hpp"
#include "store/clients_repository.hpp"
#include "store/document_files_repository.hpp"
#include "store/migrations.hpp"
#include "store/missions_repository.hpp"
#include "store/owned_ids.hpp"
#include "store/planning_repository.hpp"
#include "store/sql_split.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;
using store::Owned;

constexpr const char* kNow = "2026-11-25T09:00:00.000Z";
constexpr long long kMissing = 987654321;

std::string BackendName(const ::testing::TestParamInfo<store::Dialect>& param) {
  return param.param == store::Dialect::kSqlite ? "SQLite" : "PostgreSQL";
}

// One organisation with a row in every table that migration 0015 gives a composite key.
struct Seeded {
  OrganizationId org;
  long long owner = 0;
  long long client = 0;
  long long venue = 0;
  long long site = 0;
  long long item = 0;
  long long mission = 0;
  long long article = 0;
  long long rule = 0;
  long long quote = 0;
  long long invoice = 0;
  long long deposit = 0;
  long long credit_note = 0;
  long long payment = 0;
  long long file = 0;  // a document file (the quote's PDF)
};

domain::BillingLine Line(const Seeded& s) {
  domain::BillingLine line;
  line.kind = domain::LineKind::kRental;
  line.description = "Location enceinte";
  line.unit = "unit";
  line.unit_price_cents = 5000;
  line.net_cents = 5000;
  line.catalogue_item_id = s.article;
  line.equipment_item_id = s.item;
  return line;
}

// `password_hash` lets the owner (owner@<tag>.fr) sign in.
Seeded SeedEverything(store::Lease& lease, const std::string& tag,
                      const std::string& password_hash = "") {
  Seeded s;
  store::AccountsRepository accounts(lease);
  s.org = accounts.InsertOrganization("Sono " + tag, "sono-" + tag, kNow)->id;
  s.owner =
      accounts.InsertUser("owner@" + tag + ".fr", "Owner " + tag, password_hash, kNow)->id.value;
  accounts.InsertMembership(s.org, UserId{s.owner}, "owner", kNow);
  domain::ClientInput client;
  client.name = "Mariage " + tag;
  client.contacts = {{"Jeanne", "", "jeanne@" + tag + ".fr", "", true}};
  // The client and its contact with the columns of migration 0008, for the same reason as the
  // equipment below.
  {
    long long org = s.org.value;
    std::string name = client.name;
    std::string email = client.contacts[0].email;
    std::string search = "mariage " + tag + " jeanne " + email;
    std::string now = kNow;
    *lease << "INSERT INTO clients (organization_id, kind, name, search_text, created_at, "
              "updated_at) VALUES (:org, 'individual', :name, :search, :now, :now2) RETURNING id",
        soci::use(org, "org"), soci::use(name, "name"), soci::use(search, "search"),
        soci::use(now, "now"), soci::use(now, "now2"), soci::into(s.client);
    *lease << "INSERT INTO client_contacts (organization_id, client_id, position, name, email, "
              "is_primary, created_at) VALUES (:org, :client, 0, 'Jeanne', :email, 1, :now)",
        soci::use(org, "org"), soci::use(s.client, "client"), soci::use(email, "email"),
        soci::use(now, "now");
  }
  domain::PlaceInput place;
  place.name = "Château " + tag;
  s.venue = store::PlacesRepository(lease, store::PlaceKind::kVenue).Insert(s.org, place, kNow);
  s.site =
      store::PlacesRepository(lease, store::PlaceKind::kStorageSite).Insert(s.org, place, kNow);
  // Written with the columns of migration 0009: this seed also runs on older schemas
  // (KeysMigration), which the repository's newest columns are not in.
  {
    long long org = s.org.value;
    std::string name = "Enceinte " + tag;
    std::string search = "enceinte " + tag;
    std::string now = kNow;
    *lease << "INSERT INTO equipment_items (organization_id, name, storage_site_id, "
              "quantity_owned, search_text, created_at, updated_at) VALUES (:org, :name, :site, 4, "
              ":search, :now, :now2) RETURNING id",
        soci::use(org, "org"), soci::use(name, "name"), soci::use(s.site, "site"),
        soci::use(search, "search"), soci::use(now, "now"), soci::use(now, "now2"),
        soci::into(s.item);
  }
  domain::MissionInput mission;
  mission.title = "Mariage " + tag;
  mission.client = s.client;
  mission.venue = s.venue;
  mission.starts_at = *domain::ParseIsoUtc("2027-06-12T16:00:00.000Z");
  mission.ends_at = *domain::ParseIsoUtc("2027-06-13T00:00:00.000Z");
  mission.equipment = {{s.item, 2}};
  s.mission = store::MissionsRepository(lease).Insert(s.org, mission, UserId{s.owner}, kNow);
  {
    // The crew line with the columns of migration 0009 (0045 added crew profiles).
    long long org = s.org.value;
    std::string now = kNow;
    *lease << "INSERT INTO mission_crew (organization_id, mission_id, user_id, position, is_lead, "
              "created_at) VALUES (:org, :mission, :user, 'dj', 1, :now)",
        soci::use(org, "org"), soci::use(s.mission, "mission"), soci::use(s.owner, "user"),
        soci::use(now, "now");
  }
  store::CatalogueRepository catalogue(lease);
  domain::CatalogueItemInput article;
  article.name = "Location enceinte " + tag;
  article.equipment_item = s.item;
  s.article = catalogue.InsertItem(s.org, article, kNow);
  domain::PricingRule rule;
  rule.name = "Mariage " + tag;
  s.rule = catalogue.InsertRule(s.org, rule, kNow);

  store::BillingRepository billing(lease);
  // Quotes, invoices and payments with the columns of migration 0012, for the same reason as
  // the equipment above (0024 and 0026 added columns the repository writes).
  const auto insert_lines = [&](const std::string& table, long long id) {
    long long org = s.org.value;
    *lease << "INSERT INTO " + table +
                  " (organization_id, document_id, position, kind, catalogue_item_id, "
                  "equipment_item_id, description, unit, quantity_milli, unit_price_cents, "
                  "vat_rate_bp, net_cents) VALUES (:org, :id, 0, 'rental', :article, :item, "
                  "'Location enceinte', 'unit', 1000, 5000, 2000, 5000)",
        soci::use(org, "org"), soci::use(id, "id"), soci::use(s.article, "article"),
        soci::use(s.item, "item");
  };
  {
    long long org = s.org.value;
    std::string now = kNow;
    std::string title = "Devis " + tag;
    *lease << "INSERT INTO quotes (organization_id, status, mission_id, client_id, title, "
              "client_name, client_is_business, client_snapshot, vat_regime, total_net_cents, "
              "total_vat_cents, total_gross_cents, created_at, updated_at) VALUES (:org, "
              "'draft', :mission, :client, :title, :name, 0, '{}', 'standard', 5000, 1000, 6000, "
              ":now, :now2) RETURNING id",
        soci::use(org, "org"), soci::use(s.mission, "mission"), soci::use(s.client, "client"),
        soci::use(title, "title"), soci::use(client.name, "name"), soci::use(now, "now"),
        soci::use(now, "now2"), soci::into(s.quote);
    insert_lines("quote_lines", s.quote);
  }
  const auto insert_invoice = [&](const std::string& kind, const std::string& title) {
    long long org = s.org.value;
    long long id = 0;
    std::string now = kNow;
    *lease << "INSERT INTO invoices (organization_id, kind, status, quote_id, mission_id, "
              "client_id, title, client_name, client_is_business, client_snapshot, vat_regime, "
              "total_net_cents, total_vat_cents, total_gross_cents, created_at, updated_at) "
              "VALUES (:org, :kind, 'draft', :quote, :mission, :client, :title, :name, 0, '{}', "
              "'standard', 5000, 1000, 6000, :now, :now2) RETURNING id",
        soci::use(org, "org"), soci::use(kind, "kind"), soci::use(s.quote, "quote"),
        soci::use(s.mission, "mission"), soci::use(s.client, "client"), soci::use(title, "title"),
        soci::use(client.name, "name"), soci::use(now, "now"), soci::use(now, "now2"),
        soci::into(id);
    insert_lines("invoice_lines", id);
    return id;
  };
  s.invoice = insert_invoice("standard", "Facture " + tag);
  s.deposit = insert_invoice("deposit", "Acompte " + tag);
  store::DepositLink link;
  link.deposit_invoice_id = s.deposit;
  billing.LinkDeposit(s.org, s.invoice, link, kNow);
  store::CreditNoteRecord note;
  note.number = "AV-" + tag;
  note.invoice_id = s.invoice;
  note.client_id = s.client;
  note.client = client;
  note.vat_regime = "standard";
  note.reason = "Geste commercial";
  note.net_cents = 5000;
  note.vat_cents = 1000;
  note.gross_cents = 6000;
  note.lines = {Line(s)};
  note.issue_date = "2026-11-25";
  note.issued_at = kNow;
  s.credit_note = billing.InsertCreditNote(s.org, note, kNow);
  {
    long long org = s.org.value;
    std::string number = "PAY-" + tag;
    std::string now = kNow;
    *lease
        << "INSERT INTO payments (organization_id, number, invoice_id, provider, method, "
           "status, amount_cents, received_on, created_at, updated_at) VALUES (:org, :number, "
           ":invoice, 'manual', 'cash', 'pending', 1000, '2026-11-25', :now, :now2) RETURNING id",
        soci::use(org, "org"), soci::use(number, "number"), soci::use(s.invoice, "invoice"),
        soci::use(now, "now"), soci::use(now, "now2"), soci::into(s.payment);
  }
  store::DocumentFilesRepository files(lease);
  files.SetPaymentProof(s.org, s.payment, "preuve.png", "image/png", "\x89PNG", kNow);
  s.file = files.Insert(s.org, "quote", s.quote, "sent", "devis.pdf", "%PDF-1.7", kNow);
  files.SetPdf(s.org, "quotes", s.quote, s.file);
  files.SetPdf(s.org, "invoices", s.invoice, s.file);
  files.SetPdf(s.org, "credit_notes", s.credit_note, s.file);
  store::SignatureRecord signature;
  signature.quote_id = s.quote;
  signature.signer_name = "Jeanne";
  signature.signed_at = kNow;
  signature.document_file_id = s.file;
  signature.signed_file_id = s.file;
  files.InsertSignature(s.org, signature, kNow);
  return s;
}

// Row count and sum of ids of every table migration 0015 rebuilds or keys.
std::map<std::string, std::string> Census(store::Lease& lease) {
  std::map<std::string, std::string> out;
  for (const char* table : {"clients",
                            "venues",
                            "storage_sites",
                            "document_files",
                            "client_contacts",
                            "equipment_items",
                            "missions",
                            "mission_crew",
                            "mission_equipment",
                            "catalogue_items",
                            "quotes",
                            "invoices",
                            "invoice_deposit_links",
                            "credit_notes",
                            "quote_lines",
                            "invoice_lines",
                            "credit_note_lines",
                            "payments",
                            "signatures",
                            "payment_proofs"}) {
    long long n = 0;
    long long sum = 0;
    *lease << std::string("SELECT count(*), COALESCE(sum(id), 0) FROM ") + table, soci::into(n),
        soci::into(sum);
    out[table] = std::to_string(n) + " rows, ids " + std::to_string(sum);
  }
  return out;
}

// ---- store::OwnedIds and the API, on a migrated database behind a real server.

class OwnershipContract : public AuthFixture, public ::testing::WithParamInterface<store::Dialect> {
 protected:
  void SetUp() override {
    auto url = BackendUrl(GetParam() == store::Dialect::kPostgres, dir_);
    if (!url) GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    database_url_ = *url;
    AuthFixture::SetUp();
    auto lease = db_->Acquire();
    a_ = SeedEverything(*lease, "a");
    b_ = SeedEverything(*lease, "b", hasher_.Hash(kPassword));
  }

  Seeded a_;
  Seeded b_;
};

TEST_P(OwnershipContract, OwnedIdsResolveAnIdOnlyInItsOrganisation) {
  auto lease = db_->Acquire();
  auto refs = [](const Seeded& s) {
    store::OwnedIds ids;
    ids.Add(Owned::kClient, "client_id", s.client)
        .Add(Owned::kVenue, "venue_id", s.venue)
        .Add(Owned::kStorageSite, "storage_site_id", s.site)
        .Add(Owned::kMission, "mission_id", s.mission)
        .Add(Owned::kMember, "crew[0].user_id", s.owner)
        .Add(Owned::kEquipmentItem, "equipment[0].item_id", s.item)
        .Add(Owned::kCatalogueItem, "lines[0].catalogue_item_id", s.article)
        .Add(Owned::kPricingRule, "pricing_rule_id", s.rule)
        .Add(Owned::kQuote, "quote_id", s.quote)
        .Add(Owned::kInvoice, "invoice_id", s.invoice)
        .Add(Owned::kCreditNote, "credit_note_id", s.credit_note)
        .Add(Owned::kPayment, "payment_id", s.payment)
        .Add(Owned::kClient, "absent", std::nullopt);
    return ids;
  };
  EXPECT_TRUE(refs(b_).Unresolved(*lease, b_.org).empty());
  EXPECT_TRUE(refs(a_).Unresolved(*lease, a_.org).empty());

  auto foreign = refs(a_).Unresolved(*lease, b_.org);
  ASSERT_EQ(foreign.size(), 12u);
  EXPECT_EQ(foreign[0].field, "client_id");
  EXPECT_EQ(foreign[4].field, "crew[0].user_id");
  EXPECT_EQ(foreign[11].field, "payment_id");

  store::OwnedIds mixed;
  mixed.Add(Owned::kCatalogueItem, "lines[0].catalogue_item_id", b_.article)
      .Add(Owned::kCatalogueItem, "lines[1].catalogue_item_id", a_.article)
      .Add(Owned::kEquipmentItem, "lines[1].equipment_item_id", kMissing)
      .Add(Owned::kEquipmentItem, "lines[2].equipment_item_id", -3);
  auto refused = mixed.Require(*lease, b_.org);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kValidation);
  ASSERT_EQ(refused.error().fields.size(), 3u);
  EXPECT_EQ(refused.error().fields[0].field, "lines[1].catalogue_item_id");
  EXPECT_EQ(refused.error().fields[0].message, "Article inconnu.");
  EXPECT_EQ(refused.error().fields[1].field, "lines[1].equipment_item_id");
  EXPECT_EQ(refused.error().fields[2].field, "lines[2].equipment_item_id");
  EXPECT_TRUE(store::OwnedIds().Require(*lease, b_.org));
}

TEST_P(OwnershipContract, ForeignOrMissingIdsAre422NamingTheFieldBeforeAnyWrite) {
  auto b = SignIn("owner@b.fr");
  auto before = [&] {
    auto lease = db_->Acquire();
    return Census(*lease);
  }();
  json quote = {{"title", "Devis"},
                {"client_id", b_.client},
                {"mission_id", a_.mission},
                {"lines",
                 {{{"description", "Animation"}, {"unit_price_cents", 10000}},
                  {{"kind", "rental"},
                   {"description", "Location"},
                   {"unit_price_cents", 5000},
                   {"catalogue_item_id", a_.article},
                   {"equipment_item_id", kMissing}}}}};
  for (const char* route : {"/api/v1/quotes", "/api/v1/invoices"}) {
    auto res = Send("POST", route, &b, quote);
    ASSERT_EQ(res->status, 422) << route << ": " << res->body;
    const json error = Json(res);
    std::vector<std::string> fields;
    for (const auto& f : error["error"]["fields"]) fields.push_back(f["field"]);
    std::sort(fields.begin(), fields.end());
    EXPECT_EQ(fields, (std::vector<std::string>{"lines[1].catalogue_item_id",
                                                "lines[1].equipment_item_id", "mission_id"}))
        << res->body;
  }
  json mission = {{"title", "Soirée"},
                  {"starts_at", "2027-09-04T18:00:00Z"},
                  {"ends_at", "2027-09-05T02:00:00Z"},
                  {"crew", {{{"user_id", b_.owner}}, {{"user_id", a_.owner}}}},
                  {"equipment", {{{"item_id", kMissing}}}}};
  auto res = Send("POST", "/api/v1/missions", &b, mission);
  ASSERT_EQ(res->status, 422) << res->body;
  auto fields = Json(res)["error"]["fields"];
  ASSERT_EQ(fields.size(), 2u) << res->body;
  EXPECT_EQ(fields[0]["field"], "crew[1].user_id");
  EXPECT_EQ(fields[1]["field"], "equipment[0].item_id");
  auto lease = db_->Acquire();
  EXPECT_EQ(Census(*lease), before);
}

// The database itself: a row of B pointing at A's row is refused, whatever the code above does.
TEST_P(OwnershipContract, CompositeKeysRefuseARowPointingIntoAnotherOrganisation) {
  auto lease = db_->Acquire();
  long long org_b = b_.org.value;
  // True when the statement fails on a foreign key ("FOREIGN KEY constraint failed" on SQLite,
  // "violates foreign key constraint" on PostgreSQL).
  auto refused = [&](const std::string& sql, long long id) {
    try {
      store::WriteTransaction tx(*lease);
      **lease << sql, soci::use(id, "id"), soci::use(org_b, "org");
      tx.Commit();
    } catch (const soci::soci_error& e) {
      std::string text = e.what();
      std::transform(text.begin(), text.end(), text.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      EXPECT_NE(text.find("foreign key"), std::string::npos) << e.what();
      return true;
    }
    return false;
  };
  EXPECT_TRUE(refused("UPDATE quote_lines SET catalogue_item_id = :id WHERE organization_id = :org",
                      a_.article));
  EXPECT_TRUE(refused(
      "UPDATE invoice_lines SET equipment_item_id = :id WHERE organization_id = :org", a_.item));
  EXPECT_TRUE(
      refused("UPDATE missions SET client_id = :id WHERE organization_id = :org", a_.client));
  EXPECT_TRUE(
      refused("UPDATE mission_crew SET mission_id = :id WHERE organization_id = :org", a_.mission));
  EXPECT_TRUE(
      refused("UPDATE payments SET invoice_id = :id WHERE organization_id = :org", a_.invoice));
  EXPECT_TRUE(refused("UPDATE quotes SET pdf_file_id = :id WHERE organization_id = :org", a_.file));
  EXPECT_TRUE(refused(
      "UPDATE equipment_items SET storage_site_id = :id WHERE organization_id = :org", a_.site));
  // The same statements with B's own ids go through, and deleting a draft still takes its lines.
  EXPECT_FALSE(refused(
      "UPDATE quote_lines SET catalogue_item_id = :id WHERE organization_id = :org", b_.article));
  long long quote = b_.quote;
  **lease << "DELETE FROM signatures WHERE quote_id = :q", soci::use(quote);
  **lease << "UPDATE invoices SET quote_id = NULL WHERE quote_id = :q", soci::use(quote);
  **lease << "DELETE FROM quotes WHERE id = :q", soci::use(quote);
  long long lines = -1;
  **lease << "SELECT count(*) FROM quote_lines WHERE document_id = :q", soci::use(quote),
      soci::into(lines);
  EXPECT_EQ(lines, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, OwnershipContract,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         BackendName);

// ---- Migration 0015 on a database that was at 0014.

class KeysMigration : public ::testing::TestWithParam<store::Dialect> {
 protected:
  void SetUp() override {
    auto url = BackendUrl(GetParam() == store::Dialect::kPostgres, dir_);
    if (!url) GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    db_ = std::move(*store::Database::Open(*store::ParseDatabaseUrl(*url)));
    known_ = store::EmbeddedMigrations(db_->dialect());
    auto it = std::find_if(known_.begin(), known_.end(),
                           [](const store::Migration& m) { return m.version == 15; });
    ASSERT_NE(it, known_.end());
    keys_ = &*it;
    auto lease = db_->Acquire();
    ASSERT_TRUE(store::Migrate(*lease, {known_.begin(), it}, kNow));
  }

  [[nodiscard]] int Version() {
    auto lease = db_->Acquire();
    auto status = store::InspectSchema(*lease, known_);
    return status ? status->database_version : -1;
  }

  TempDir dir_;
  std::unique_ptr<store::Database> db_;
  std::span<const store::Migration> known_;
  const store::Migration* keys_ = nullptr;
};

TEST_P(KeysMigration, KeepsEveryRowAndEveryColumn) {
  auto lease = db_->Acquire();
  SeedEverything(*lease, "a");
  SeedEverything(*lease, "b");
  auto before = Census(*lease);
  for (const auto& [table, census] : before) {
    EXPECT_NE(census.rfind("0 rows", 0), 0u) << table << " has no row to carry over";
  }
  auto columns = [&] {
    std::vector<std::string> out;
    if (db_->dialect() != store::Dialect::kSqlite) return out;
    for (const char* table : {"quotes", "invoices", "credit_notes", "missions", "quote_lines",
                              "payments", "signatures", "payment_proofs"}) {
      soci::rowset<soci::row> rows =
          ((*lease)->prepare << std::string("PRAGMA table_info(") + table + ")");
      for (const auto& row : rows) {
        out.push_back(std::string(table) + "." + row.get<std::string>(1) + " " +
                      row.get<std::string>(2) + (store::GetInt64(row, 3) != 0 ? " NOT NULL" : ""));
      }
    }
    return out;
  };
  auto shape = columns();
  auto keyed =
      store::Migrate(*lease, std::span<const store::Migration>(known_.data(), keys_ + 1), kNow);
  ASSERT_TRUE(keyed) << keyed.error().message;
  EXPECT_EQ(Census(*lease), before);
  EXPECT_EQ(columns(), shape) << "a rebuilt table changed its columns";
  // The later migrations too (0024 rebuilds payments and payment_proofs on SQLite).
  auto migrated = store::Migrate(*lease, known_, kNow);
  ASSERT_TRUE(migrated) << migrated.error().message;
  EXPECT_EQ(migrated->database_version, known_.back().version);
  EXPECT_EQ(Census(*lease), before);
  if (db_->dialect() == store::Dialect::kSqlite) {
    long long leftovers = -1;
    **lease << "SELECT count(*) FROM sqlite_master WHERE name LIKE 'new\\_%' ESCAPE '\\'",
        soci::into(leftovers);
    EXPECT_EQ(leftovers, 0);
    long long broken = -1;
    **lease << "SELECT count(*) FROM pragma_foreign_key_check", soci::into(broken);
    EXPECT_EQ(broken, 0);
  }
}

TEST_P(KeysMigration, StopsOnRowsPointingIntoAnotherOrganisationAndNamesThem) {
  auto lease = db_->Acquire();
  auto a = SeedEverything(*lease, "a");
  auto b = SeedEverything(*lease, "b");
  // Rows written before the keys existed: B's line and two of B's missions point into A.
  long long org_b = b.org.value;
  long long article = a.article;
  long long client = a.client;
  **lease << "UPDATE quote_lines SET catalogue_item_id = :a WHERE organization_id = :b",
      soci::use(article, "a"), soci::use(org_b, "b");
  store::MissionsRepository missions(*lease);
  domain::MissionInput extra;
  extra.title = "Deuxième";
  extra.starts_at = *domain::ParseIsoUtc("2027-07-12T16:00:00.000Z");
  extra.ends_at = *domain::ParseIsoUtc("2027-07-13T00:00:00.000Z");
  (void)missions.Insert(b.org, extra, UserId{b.owner}, kNow);
  **lease << "UPDATE missions SET client_id = :a WHERE organization_id = :b",
      soci::use(client, "a"), soci::use(org_b, "b");
  auto before = Census(*lease);

  // The statements of 0015, as the migrator runs them: the first one stops with the list.
  std::string message;
  try {
    store::WriteTransaction tx(*lease);
    for (const auto& statement : store::SplitSqlStatements(keys_->sql)) **lease << statement;
    tx.Commit();
  } catch (const soci::soci_error& e) {
    message = e.what();
  }
  message = message.substr(0, message.find("while executing"));  // SOCI appends the statement
  EXPECT_NE(message.find("migration 0015 refused"), std::string::npos) << message;
  EXPECT_NE(message.find("quote_lines.catalogue_item_id 1 row(s)"), std::string::npos) << message;
  EXPECT_NE(message.find("missions.client_id 2 row(s)"), std::string::npos) << message;
  EXPECT_EQ(message.find("invoices."), std::string::npos) << message;

  // Through the migrator: refused, nothing applied, nothing lost, and the operator (planify
  // migrate prints this message) is told which migration stopped and which rows to fix.
  auto refused = store::Migrate(*lease, known_, kNow);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("migration 0015_organization_keys failed"),
            std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find("missions.client_id 2 row(s)"), std::string::npos)
      << refused.error().message;
  EXPECT_EQ(Version(), 14);
  EXPECT_EQ(Census(*lease), before);

  // Once the references are cleared, it goes through.
  **lease << "UPDATE quote_lines SET catalogue_item_id = NULL WHERE organization_id = :b",
      soci::use(org_b, "b");
  **lease << "UPDATE missions SET client_id = NULL WHERE organization_id = :b",
      soci::use(org_b, "b");
  auto migrated = store::Migrate(*lease, known_, kNow);
  ASSERT_TRUE(migrated) << migrated.error().message;
  EXPECT_EQ(Version(), known_.back().version);
  EXPECT_EQ(Census(*lease), before);
}

INSTANTIATE_TEST_SUITE_P(Backends, KeysMigration,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace planify::testing
