// Missions and the conflict check: the same behaviour on SQLite and on a real PostgreSQL,
// including concurrent saves that must not both pass the check.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "app/documents/catalogue_service.hpp"
#include "app/equipment/inventory_service.hpp"
#include "app/equipment/logistics_service.hpp"
#include "app/planning/calendar_feeds_service.hpp"
#include "app/planning/calendar_sync_service.hpp"
#include "app/planning/missions_service.hpp"
#include "app/planning/resources_service.hpp"
#include "domain/icalendar.hpp"
#include "domain/local_time.hpp"
#include "integrations/crypto/secret_box.hpp"
#include "integrations/crypto/sodium.hpp"
#include "integrations/google/google_calendar.hpp"
#include "store/accounts_repository.hpp"
#include "store/calendar_connections_repository.hpp"
#include "store/migrations.hpp"
#include "store/organizations_repository.hpp"
#include "support/fake_google.hpp"
#include "support/test_support.hpp"

namespace planify {
namespace {

using store::Dialect;

class PlanningContract : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    auto url = testing::BackendUrl(GetParam() == Dialect::kPostgres, dir_);
    if (!url) GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    db_ = std::move(*store::Database::Open(*store::ParseDatabaseUrl(*url)));
    auto lease = db_->Acquire();
    ASSERT_TRUE(store::Migrate(*lease, store::EmbeddedMigrations(db_->dialect()),
                               "2026-11-25T10:00:00.000Z"));
    store::AccountsRepository repo(*lease);
    org_ = repo.InsertOrganization("Sono Pro", "sono-pro", "2026-11-25T10:00:00.000Z")->id;
    owner_ = Member(repo, "owner@sono.fr", "owner", domain::Role::kOwner);
    greg_ = Member(repo, "greg@sono.fr", "dj", domain::Role::kDj);
    lea_ = Member(repo, "lea@sono.fr", "dj", domain::Role::kDj);
  }

  app::Principal Member(store::AccountsRepository& repo, const std::string& email,
                        const std::string& role, domain::Role parsed) {
    auto user =
        repo.InsertUser(email, email.substr(0, email.find('@')), "", "2026-11-25T10:00:00.000Z");
    repo.InsertMembership(org_, user->id, role, "2026-11-25T10:00:00.000Z");
    app::Principal p;
    p.user = user->id;
    p.display_name = email.substr(0, email.find('@'));
    p.organization = org_;
    p.role = parsed;
    return p;
  }

  static domain::Timestamp At(const char* iso) { return *domain::ParseApiInstant(iso); }

  domain::MissionInput Mission(const char* title, const char* from, const char* to,
                               const app::Principal& dj, long long item = 0, int quantity = 0) {
    domain::MissionInput m;
    m.title = title;
    m.starts_at = At(from);
    m.ends_at = At(to);
    m.crew = {{dj.user.value, "dj", "", true}};
    if (item != 0) m.equipment = {{item, quantity}};
    return m;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  app::FixedClock clock_{*domain::ParseIsoUtc("2026-11-25T14:00:00.000Z")};
  app::RequestMeta meta_{"203.0.113.9", "Firefox", "req-1", ""};
  OrganizationId org_;
  app::Principal owner_;
  app::Principal greg_;
  app::Principal lea_;
};

TEST_P(PlanningContract, MissionsConflictsCalendarAndHistory) {
  app::MissionsService missions(*db_, clock_);
  app::ResourcesService resources(*db_, clock_);
  domain::EquipmentInput speakers;
  speakers.name = "Enceinte";
  speakers.quantity_owned = 4;
  auto item = resources.CreateEquipment(owner_, meta_, speakers);
  ASSERT_TRUE(item) << item.error().message;

  auto defs = missions.ReplaceFields(owner_, meta_, {{"ambiance", "Ambiance", "text", {}, false}});
  ASSERT_TRUE(defs);
  auto wedding = Mission("Mariage", "2027-06-12T18:00:00+02:00", "2027-06-13T02:00:00+02:00", greg_,
                         item->id, 3);
  wedding.custom_fields = {{"ambiance", "Guinguette « chic »"}};
  auto first = missions.Create(owner_, meta_, wedding, "");
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->row.mission.custom_fields.at("ambiance"), "Guinguette « chic »");
  EXPECT_EQ(domain::FormatIsoUtc(first->row.mission.starts_at), "2027-06-12T16:00:00.000Z");

  // Same DJ overnight; then the gear on Sunday morning inside the return buffer.
  auto overlap = missions.Create(
      owner_, meta_,
      Mission("After", "2027-06-13T01:00:00+02:00", "2027-06-13T05:00:00+02:00", greg_), "");
  ASSERT_FALSE(overlap);
  EXPECT_EQ(overlap.error().code, ErrorCode::kConflict);
  auto brunch = missions.Create(owner_, meta_,
                                Mission("Brunch", "2027-06-13T09:00:00+02:00",
                                        "2027-06-13T13:00:00+02:00", lea_, item->id, 2),
                                "");
  ASSERT_FALSE(brunch);
  EXPECT_EQ(brunch.error().fields.at(0).field, "equipment");

  // Lea's own mission elsewhere in time; crew lists only their own.
  auto leas = missions.Create(
      owner_, meta_,
      Mission("Gala", "2027-06-20T19:00:00+02:00", "2027-06-20T23:30:00+02:00", lea_, item->id, 4),
      "");
  ASSERT_TRUE(leas) << leas.error().message;
  store::MissionFilter june;
  june.from = "2027-06-01T00:00:00.000Z";
  june.to = "2027-07-01T00:00:00.000Z";
  EXPECT_EQ(missions.List(owner_, june)->total, 2);
  auto own = missions.List(lea_, june);
  ASSERT_EQ(own->items.size(), 1u);
  EXPECT_EQ(own->items[0].id, leas->row.id);
  EXPECT_EQ(own->items[0].crew_names.at(lea_.user.value), "lea");
  EXPECT_FALSE(missions.Get(lea_, first->row.id));
  store::MissionFilter july = june;
  july.from = "2027-07-01T00:00:00.000Z";
  july.to = "2027-08-01T00:00:00.000Z";
  EXPECT_EQ(missions.List(owner_, july)->total, 0);
  // Overlap with the range edge: a mission ending inside the range is in it.
  store::MissionFilter sunday = june;
  sunday.from = "2027-06-12T23:00:00.000Z";
  sunday.to = "2027-06-14T00:00:00.000Z";
  EXPECT_EQ(missions.List(owner_, sunday)->total, 1);

  // Moving Lea's gala onto the wedding collides on gear; moving it away works.
  auto onto = missions.Reschedule(owner_, meta_, leas->row.id, At("2027-06-12T20:00:00+02:00"),
                                  At("2027-06-12T23:00:00+02:00"), "");
  ASSERT_FALSE(onto);
  auto moved = missions.Reschedule(owner_, meta_, leas->row.id, At("2027-06-27T19:00:00+02:00"),
                                   At("2027-06-27T23:30:00+02:00"), "");
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(moved->row.sequence, 1);

  // Days off block, through the same engine.
  domain::UnavailabilityInput off;
  off.starts_at = At("2027-07-01T00:00:00+02:00");
  off.ends_at = At("2027-07-10T00:00:00+02:00");
  off.reason = "Congés";
  ASSERT_TRUE(resources.AddUnavailability(greg_, meta_, off));
  auto holiday = missions.Create(
      owner_, meta_,
      Mission("Fête", "2027-07-04T18:00:00+02:00", "2027-07-04T23:00:00+02:00", greg_), "");
  ASSERT_FALSE(holiday);
  EXPECT_EQ(
      resources.Unavailability(owner_, "2027-07-01T00:00:00.000Z", "2027-08-01T00:00:00.000Z", 0)
          ->size(),
      1u);

  auto history = missions.History(owner_, leas->row.id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ(history->at(0).action, "missions.rescheduled");
  EXPECT_EQ(history->at(1).action, "missions.created");
}

TEST_P(PlanningContract, TheCalendarAndTheDataVersionFollowEveryWrite) {
  app::MissionsService missions(*db_, clock_);
  auto version = [&] {
    auto lease = db_->Acquire();
    return store::OrganizationsRepository(*lease).DataVersion(org_);
  };
  const long long v0 = version();
  EXPECT_GT(v0, 0) << "every organisation has a version from its creation";

  // Two missions with Greg, one with Lea and Greg (Lea leads); one in July.
  auto duo = Mission("Duo", "2027-06-20T19:00:00+02:00", "2027-06-20T23:30:00+02:00", greg_);
  duo.crew = {{greg_.user.value, "technician", "", false}, {lea_.user.value, "dj", "", true}};
  // And one without crew between them: the crew rows, read alongside, skip it.
  auto bare = Mission("Repérage", "2027-06-15T10:00:00+02:00", "2027-06-15T12:00:00+02:00", greg_);
  bare.crew.clear();
  for (const auto& m :
       {Mission("Mariage", "2027-06-12T18:00:00+02:00", "2027-06-13T02:00:00+02:00", greg_), duo,
        bare, Mission("Fête", "2027-07-04T18:00:00+02:00", "2027-07-04T23:00:00+02:00", greg_)}) {
    ASSERT_TRUE(missions.Create(owner_, meta_, m, ""));
  }
  const long long v1 = version();
  EXPECT_GT(v1, v0);

  store::MissionFilter june;
  june.from = "2027-06-01T00:00:00.000Z";
  june.to = "2027-07-01T00:00:00.000Z";
  june.limit = 3000;
  // The calendar hands its missions over one at a time, in one reused structure: copied here.
  struct Cells {
    std::vector<store::CalendarMission> missions;
    bool truncated = false;
  };
  auto calendar = [&missions](const app::Principal& who, const store::MissionFilter& filter) {
    Cells cells;
    auto rest = missions.Calendar(
        who, filter, [&cells](const store::CalendarMission& m) { cells.missions.push_back(m); });
    EXPECT_TRUE(rest) << rest.error().message;
    if (rest) cells.truncated = rest->truncated;
    return cells;
  };
  auto view = calendar(owner_, june);
  const auto& cells = view.missions;
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_FALSE(view.truncated);
  EXPECT_EQ(cells[0].title, "Mariage");
  EXPECT_EQ(cells[0].starts_at, "2027-06-12T16:00:00.000Z");
  EXPECT_EQ(cells[0].ends_at, "2027-06-13T00:00:00.000Z");
  EXPECT_EQ(cells[0].status, "planned");
  ASSERT_EQ(cells[0].crew.size(), 1u);
  EXPECT_EQ(cells[0].crew[0].name, "greg");
  EXPECT_EQ(cells[1].title, "Repérage");
  EXPECT_TRUE(cells[1].crew.empty());
  EXPECT_EQ(cells[2].title, "Duo");
  ASSERT_EQ(cells[2].crew.size(), 2u);
  EXPECT_EQ(cells[2].crew[0].name, "lea") << "the lead first";
  EXPECT_TRUE(cells[2].crew[0].lead);
  EXPECT_EQ(cells[2].crew[1].position, "technician");
  // Lea sees her mission only, with its whole crew; a limit of one truncates.
  auto own = calendar(lea_, june);
  ASSERT_EQ(own.missions.size(), 1u);
  EXPECT_EQ(own.missions[0].crew.size(), 2u);
  june.limit = 1;
  auto one = calendar(owner_, june);
  ASSERT_EQ(one.missions.size(), 1u);
  EXPECT_TRUE(one.truncated);
  EXPECT_EQ(one.missions[0].crew.size(), 1u);
  EXPECT_EQ(version(), v1) << "reads leave the version alone";

  // A rolled-back write leaves it alone; a committed one moves it; a user's new name moves it.
  {
    auto lease = db_->Acquire();
    store::WriteTransaction tx(*lease);
    long long org = org_.value;
    **lease << "INSERT INTO clients (organization_id, kind, name, created_at, updated_at) VALUES "
               "(:org, 'individual', 'Brouillon', '2026-11-25T10:00:00.000Z', "
               "'2026-11-25T10:00:00.000Z')",
        soci::use(org, "org");
  }
  EXPECT_EQ(version(), v1);
  {
    auto lease = db_->Acquire();
    long long user = greg_.user.value;
    **lease << "UPDATE users SET display_name = 'Grégoire' WHERE id = :id", soci::use(user, "id");
  }
  const long long v2 = version();
  EXPECT_GT(v2, v1);
  EXPECT_EQ(calendar(owner_, june).missions[0].crew[0].name, "Grégoire");

  // Several rows in one transaction: on PostgreSQL the version moves once, at commit.
  {
    auto lease = db_->Acquire();
    store::WriteTransaction tx(*lease);
    long long org = org_.value;
    for (int i = 0; i < 3; ++i) {
      **lease << "INSERT INTO clients (organization_id, kind, name, created_at, updated_at) "
                 "VALUES (:org, 'individual', 'Client', '2026-11-25T10:00:00.000Z', "
                 "'2026-11-25T10:00:00.000Z')",
          soci::use(org, "org");
    }
    tx.Commit();
  }
  const long long v3 = version();
  EXPECT_GT(v3, v2);
  if (GetParam() == Dialect::kPostgres) {
    EXPECT_EQ(v3, v2 + 1);
  }

  // Another organisation's writes leave this one's version alone.
  {
    auto lease = db_->Acquire();
    store::AccountsRepository repo(*lease);
    auto other = repo.InsertOrganization("Autre", "autre", "2026-11-25T10:00:00.000Z")->id;
    long long org = other.value;
    **lease << "INSERT INTO clients (organization_id, kind, name, created_at, updated_at) VALUES "
               "(:org, 'individual', 'Ailleurs', '2026-11-25T10:00:00.000Z', "
               "'2026-11-25T10:00:00.000Z')",
        soci::use(org, "org");
    EXPECT_GT(store::OrganizationsRepository(*lease).DataVersion(other), 0);
  }
  EXPECT_EQ(version(), v3);
}

TEST_P(PlanningContract, ConcurrentSavesCannotBothTakeTheSameDj) {
  app::MissionsService missions(*db_, clock_);
  constexpr int kWriters = 8;
  std::atomic<int> created{0};
  std::atomic<int> refused{0};
  std::atomic<int> other{0};
  std::vector<std::thread> writers;
  for (int i = 0; i < kWriters; ++i) {
    writers.emplace_back([&, i] {
      auto m = Mission("Soirée", "2027-09-04T20:00:00+02:00", "2027-09-05T02:00:00+02:00", greg_);
      m.title += " " + std::to_string(i);
      auto r = missions.Create(owner_, meta_, m, "");
      if (r) {
        ++created;
      } else if (r.error().code == ErrorCode::kConflict) {
        ++refused;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(refused.load(), kWriters - 1);
  EXPECT_EQ(other.load(), 0);
}

TEST_P(PlanningContract, TwoPhonesScanningTheLastUnitCannotBothTakeIt) {
  app::ResourcesService resources(*db_, clock_);
  app::MissionsService missions(*db_, clock_);
  app::LogisticsService logistics(*db_, clock_, "https://planify.test");
  domain::EquipmentInput speakers;
  speakers.name = "Enceinte";
  speakers.quantity_owned = 3;
  auto item = resources.CreateEquipment(owner_, meta_, speakers);
  ASSERT_TRUE(item) << item.error().message;
  auto mission = missions.Create(
      owner_, meta_,
      Mission("Mariage", "2026-11-25T18:00:00Z", "2026-11-25T23:00:00Z", greg_, item->id, 3), "");
  ASSERT_TRUE(mission) << mission.error().message;
  ASSERT_TRUE(logistics.CheckOut(greg_, meta_, mission->row.id, {{item->id, 2}}, ""));

  // One unit left on the shelf, eight scans of it at once: one goes out, seven are refused.
  constexpr int kPhones = 8;
  auto race = [&](bool check_out) {
    std::atomic<int> moved{0};
    std::atomic<int> refused{0};
    std::atomic<int> other{0};
    std::vector<std::thread> phones;
    for (int i = 0; i < kPhones; ++i) {
      phones.emplace_back([&] {
        auto r = check_out ? logistics.CheckOut(greg_, meta_, mission->row.id, {{item->id, 1}}, "")
                           : logistics.Return(greg_, meta_, mission->row.id, {{item->id, 1}}, "");
        if (r) {
          ++moved;
        } else if (r.error().code == ErrorCode::kConflict) {
          ++refused;
        } else {
          ++other;
        }
      });
    }
    for (auto& t : phones) t.join();
    EXPECT_EQ(other.load(), 0);
    return std::pair<int, int>{moved.load(), refused.load()};
  };
  EXPECT_EQ(race(true), (std::pair<int, int>{1, kPhones - 1}));
  auto gear = logistics.Gear(owner_, mission->row.id);
  ASSERT_TRUE(gear);
  ASSERT_EQ(gear->items.size(), 1u);
  EXPECT_EQ(gear->items[0].out, 3);
  EXPECT_EQ(gear->movements.size(), 2u);

  // The same for the way back: three units out, eight returns of one, three pass.
  EXPECT_EQ(race(false), (std::pair<int, int>{3, kPhones - 3}));
  gear = logistics.Gear(owner_, mission->row.id);
  EXPECT_EQ(gear->items[0].out, 0);
  EXPECT_EQ(gear->items[0].returned_ok, 3);
}

TEST_P(PlanningContract, TheSameUnitScannedForTwoMissionsAtOnceGoesOutWithOne) {
  app::ResourcesService resources(*db_, clock_);
  app::MissionsService missions(*db_, clock_);
  app::LogisticsService logistics(*db_, clock_, "https://planify.test");
  app::InventoryService inventory(*db_, clock_, "https://planify.test");
  domain::EquipmentInput lyres;
  lyres.name = "Lyre";
  lyres.quantity_owned = 2;
  lyres.tracking = domain::Tracking::kUnit;
  auto item = resources.CreateEquipment(owner_, meta_, lyres);
  ASSERT_TRUE(item) << item.error().message;
  auto units = inventory.Units(owner_, item->id, false);
  ASSERT_TRUE(units);
  ASSERT_EQ(units->size(), 2u);
  const long long unit = units->front().id;
  long long ids[2] = {0, 0};
  for (int i = 0; i < 2; ++i) {
    auto m = missions.Create(owner_, meta_,
                             Mission(i == 0 ? "Mariage" : "Gala", "2026-11-25T18:00:00Z",
                                     "2026-11-25T23:00:00Z", i == 0 ? greg_ : lea_, item->id, 1),
                             "");
    ASSERT_TRUE(m) << m.error().message;
    ids[i] = m->row.id;
  }

  constexpr int kPhones = 8;
  std::atomic<int> moved{0};
  std::atomic<int> refused{0};
  std::atomic<int> other{0};
  std::vector<std::thread> phones;
  for (int i = 0; i < kPhones; ++i) {
    phones.emplace_back([&, i] {
      app::GearLine line;
      line.unit = unit;
      line.quantity = 1;
      auto r = logistics.CheckOut(owner_, meta_, ids[i % 2], {line}, "");
      if (r) {
        ++moved;
      } else if (r.error().code == ErrorCode::kConflict) {
        ++refused;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : phones) t.join();
  EXPECT_EQ(moved.load(), 1);
  EXPECT_EQ(refused.load(), kPhones - 1);
  EXPECT_EQ(other.load(), 0);
  auto view = inventory.Unit(owner_, unit);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->unit.status, domain::UnitStatus::kOut);
  ASSERT_TRUE(view->unit.mission);
  EXPECT_EQ(view->movements.size(), 1u);
  int out = 0;
  for (long long m : ids) {
    auto gear = logistics.Gear(owner_, m);
    ASSERT_TRUE(gear);
    for (const auto& row : gear->items) out += row.out;
    EXPECT_EQ(gear->units.size(), m == *view->unit.mission ? 1u : 0u);
  }
  EXPECT_EQ(out, 1);
}

TEST_P(PlanningContract, CatalogueAndPricingRulesRoundTrip) {
  app::CatalogueService catalogue(*db_, clock_);
  domain::CatalogueItemInput item;
  item.kind = "rental";
  item.name = "Location enceinte";
  item.sku = "LOC-ENC";
  item.unit = "day";
  item.unit_price_cents = 4500;
  item.vat_rate_bp = 2000;
  auto created = catalogue.CreateItem(owner_, item);
  ASSERT_TRUE(created) << created.error().message;
  item.name = "Autre";
  auto twin = catalogue.CreateItem(owner_, item);
  ASSERT_FALSE(twin);
  EXPECT_EQ(twin.error().fields.at(0).field, "sku");
  item.sku = "";
  ASSERT_TRUE(catalogue.CreateItem(owner_, item)) << "no reference, no clash";
  ASSERT_TRUE(catalogue.CreateItem(owner_, item)) << "several items without a reference";
  EXPECT_EQ(catalogue.ListItems(owner_, "location", "rental", false, 10, 0)->total, 1);
  EXPECT_EQ(catalogue.ListItems(owner_, "", "", false, 10, 0)->total, 3);

  domain::PricingRule rule;
  rule.name = "Soirée";
  rule.event_type = "Anniversaire";
  rule.hourly_rate_cents = 9000;
  rule.additive = true;
  rule.night_start_minutes = 23 * 60;
  auto saved = catalogue.CreateRule(owner_, rule);
  ASSERT_TRUE(saved) << saved.error().message;
  auto found = catalogue.GetRule(owner_, saved->id);
  ASSERT_TRUE(found);
  EXPECT_TRUE(found->rule.additive);
  EXPECT_EQ(found->rule.night_start_minutes, 23 * 60);
  EXPECT_EQ(found->rule.event_type, "anniversaire");
  ASSERT_TRUE(catalogue.ArchiveRule(owner_, saved->id, true));
  EXPECT_TRUE(catalogue.ListRules(owner_, false)->empty());
  EXPECT_EQ(catalogue.ListRules(owner_, true)->size(), 1u);
}

std::string DialectName(const ::testing::TestParamInfo<Dialect>& info) {
  return info.param == Dialect::kSqlite ? "SQLite" : "PostgreSQL";
}

// A member's calendar feed reads the same missions, times and cancellations on both backends;
// a write moves its tag, a revoked token finds nothing.
TEST_P(PlanningContract, CalendarFeedsPublishTheSameOnBothBackends) {
  app::MissionsService missions(*db_, clock_);
  integrations::SecretBox cipher("a contract test server secret of thirty-two characters", "feeds");
  app::CalendarFeedsService feeds(*db_, clock_, cipher, "https://planify.example.fr");
  auto wedding = missions.Create(
      owner_, meta_,
      Mission("Mariage", "2027-03-28T20:00:00+02:00", "2027-03-28T23:00:00+02:00", greg_), "");
  ASSERT_TRUE(wedding);
  ASSERT_TRUE(missions.Create(
      owner_, meta_,
      Mission("Fête", "2027-06-12T18:00:00+02:00", "2027-06-12T23:00:00+02:00", lea_), ""));
  auto party = missions.Create(
      owner_, meta_,
      Mission("Gala", "2027-07-04T18:00:00+02:00", "2027-07-04T23:00:00+02:00", greg_), "");
  ASSERT_TRUE(party);
  ASSERT_TRUE(missions.ChangeStatus(owner_, meta_, party->row.id, domain::MissionStatus::kCanceled,
                                    "Annulé", ""));

  auto feed = feeds.Create(greg_, {}, meta_);
  ASSERT_TRUE(feed) << feed.error().message;
  const std::string token =
      feed->url.substr(feed->url.rfind('/') + 1, feed->url.size() - feed->url.rfind('/') - 5);
  std::string seen_tag;
  auto first = feeds.Render(token, [&](const std::string& tag) {
    seen_tag = tag;
    return false;
  });
  ASSERT_TRUE(first) << first.error().message;
  const std::string& body = first->body;
  EXPECT_NE(body.find("UID:planify-mission-" + std::to_string(wedding->row.id) + "-" +
                      std::to_string(greg_.user.value) + "@planify.example.fr"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("DTSTART:20270328T180000Z"), std::string::npos) << body;
  EXPECT_EQ(body.find("SUMMARY:Fête"), std::string::npos) << "Lea's mission";
  EXPECT_NE(body.find("SUMMARY:Gala"), std::string::npos);
  EXPECT_NE(body.find("STATUS:CANCELLED"), std::string::npos);
  EXPECT_FALSE(first->last_modified.empty());
  // The client holds this version: nothing is built.
  auto same = feeds.Render(token, [&](const std::string& tag) { return tag == seen_tag; });
  ASSERT_TRUE(same);
  EXPECT_TRUE(same->not_modified);
  EXPECT_TRUE(same->body.empty());
  ASSERT_TRUE(missions.Reschedule(owner_, meta_, wedding->row.id, At("2027-03-28T21:00:00+02:00"),
                                  At("2027-03-28T23:30:00+02:00"), ""));
  auto moved = feeds.Render(token, [&](const std::string& tag) { return tag == seen_tag; });
  ASSERT_TRUE(moved);
  EXPECT_FALSE(moved->not_modified) << "the reschedule moved the tag";
  EXPECT_NE(moved->body.find("DTSTART:20270328T190000Z"), std::string::npos);

  ASSERT_TRUE(feeds.Revoke(greg_, feed->row.id, meta_));
  auto gone = feeds.Render(token, [](const std::string&) { return false; });
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::kNotFound);
}

// Greg's missions pushed to his Google calendar (a fake Google over real HTTP): made once, the
// same run twice changes nothing, a reschedule replaces the event, a cancellation and a crew
// change delete it, an event Greg deleted in Google comes back under a new id, and a grant
// revoked in Google marks the connection broken with the reason.
TEST_P(PlanningContract, GoogleCalendarFollowsTheMissionsOfItsMember) {
  testing::FakeGoogle google;
  integrations::GoogleCalendarOptions options;
  options.client_id = testing::FakeGoogle::kClientId;
  options.client_secret = testing::FakeGoogle::kClientSecret;
  options.token_url = google.base_url() + "/token";
  options.revoke_url = google.base_url() + "/revoke";
  options.api_base = google.base_url();
  integrations::GoogleCalendarClient provider(options);
  integrations::SecretBox cipher("a contract test server secret of thirty-two characters",
                                 "google");
  app::MissionsService missions(*db_, clock_);
  app::CalendarSyncService sync(*db_, clock_, cipher, provider, "https://planify.example.fr");

  auto tokens = provider.ExchangeCode(google.IssueCode("greg@gmail.com", "calendar.events"), "v",
                                      "https://planify.example.fr/cb");
  ASSERT_TRUE(tokens);
  long long connection = 0;
  {
    auto lease = db_->Acquire();
    connection = store::CalendarConnectionsRepository(*lease).Insert(
        org_, greg_.user, "personal", "greg@gmail.com", "primary",
        cipher.Seal(tokens->refresh_token), "2026-11-25T14:00:00.000Z");
  }
  auto wedding = missions.Create(
      owner_, meta_,
      Mission("Mariage", "2027-03-28T20:00:00+02:00", "2027-03-28T23:00:00+02:00", greg_), "");
  auto gala = missions.Create(
      owner_, meta_,
      Mission("Gala", "2027-07-04T18:00:00+02:00", "2027-07-04T23:00:00+02:00", greg_), "");
  auto party = missions.Create(
      owner_, meta_,
      Mission("Fête", "2027-06-12T18:00:00+02:00", "2027-06-12T23:00:00+02:00", greg_), "");
  ASSERT_TRUE(missions.Create(
      owner_, meta_, Mission("Bal", "2027-06-19T18:00:00+02:00", "2027-06-19T23:00:00+02:00", lea_),
      ""));
  ASSERT_TRUE(wedding && gala && party);

  auto first = sync.Sync(connection);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->pushed, 3);
  auto events = google.events("primary");
  ASSERT_EQ(events.size(), 3U) << "Greg's missions, not Lea's";
  const std::string wedding_id = domain::ExternalEventId(connection, wedding->row.id, 0);
  EXPECT_EQ(events.at(wedding_id).body["start"]["dateTime"], "2027-03-28T18:00:00.000Z");
  EXPECT_EQ(events.at(wedding_id).body["summary"], "Mariage");
  auto again = sync.Sync(connection);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->pushed, 0) << "nothing moved: nothing pushed";
  EXPECT_EQ(google.events("primary").size(), 3U);

  // Moved, canceled, Greg taken off: replaced, deleted, deleted.
  ASSERT_TRUE(missions.Reschedule(owner_, meta_, wedding->row.id, At("2027-03-28T21:00:00+02:00"),
                                  At("2027-03-28T23:30:00+02:00"), ""));
  ASSERT_TRUE(missions.ChangeStatus(owner_, meta_, gala->row.id, domain::MissionStatus::kCanceled,
                                    "Annulé", ""));
  auto lea_instead =
      Mission("Fête", "2027-06-12T18:00:00+02:00", "2027-06-12T23:00:00+02:00", lea_);
  ASSERT_TRUE(missions.Update(owner_, meta_, party->row.id, lea_instead, ""));
  {
    // Every write queued a sync of the connection, in its own transaction.
    auto lease = db_->Acquire();
    long long queued = 0;
    **lease << "SELECT count(*) FROM jobs WHERE type = 'calendar.sync'", soci::into(queued);
    EXPECT_EQ(queued, 7) << "four creations, a reschedule, a cancellation, an update";
  }
  auto third = sync.Sync(connection);
  ASSERT_TRUE(third) << third.error().message;
  EXPECT_EQ(third->pushed, 1);
  EXPECT_EQ(third->deleted, 2);
  events = google.events("primary");
  EXPECT_EQ(events.at(wedding_id).body["start"]["dateTime"], "2027-03-28T19:00:00.000Z");
  EXPECT_TRUE(events.at(domain::ExternalEventId(connection, gala->row.id, 0)).deleted);
  EXPECT_TRUE(events.at(domain::ExternalEventId(connection, party->row.id, 0)).deleted);

  // Greg is back on the party: Google keeps the deleted id, so it comes back under a new one.
  auto greg_again =
      Mission("Fête", "2027-06-12T18:00:00+02:00", "2027-06-12T23:00:00+02:00", greg_);
  ASSERT_TRUE(missions.Update(owner_, meta_, party->row.id, greg_again, ""));
  auto fourth = sync.Sync(connection);
  ASSERT_TRUE(fourth) << fourth.error().message;
  EXPECT_EQ(fourth->pushed, 1);
  EXPECT_FALSE(
      google.events("primary").at(domain::ExternalEventId(connection, party->row.id, 1)).deleted);

  // Greg removed Planify's access in his Google account.
  google.RevokeGrantOf("greg@gmail.com");
  ASSERT_TRUE(missions.Reschedule(owner_, meta_, wedding->row.id, At("2027-03-28T20:00:00+02:00"),
                                  At("2027-03-28T23:00:00+02:00"), ""));
  auto refused = sync.Sync(connection);
  ASSERT_TRUE(refused) << "a refused grant is not an error to retry";
  EXPECT_TRUE(refused->broken);
  {
    auto lease = db_->Acquire();
    auto row = store::CalendarConnectionsRepository(*lease).Find(connection);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->status, "broken");
    EXPECT_NE(row->last_error.find("reconnectez votre compte Google"), std::string::npos)
        << row->last_error;
  }
  const int requests = google.requests();
  auto idle = sync.Sync(connection);
  ASSERT_TRUE(idle);
  EXPECT_TRUE(idle->broken);
  EXPECT_EQ(google.requests(), requests) << "a broken connection does not call Google";
}

TEST_P(PlanningContract, GoogleBusyTimeBlocksAndDisconnectingCleansUp) {
  testing::FakeGoogle google;
  integrations::GoogleCalendarClient provider(integrations::GoogleCalendarClient::At(
      google.base_url(), testing::FakeGoogle::kClientId, testing::FakeGoogle::kClientSecret));
  integrations::SecretBox cipher("a contract test server secret of thirty-two characters",
                                 "google");
  app::MissionsService missions(*db_, clock_);
  app::CalendarSyncService sync(*db_, clock_, cipher, provider, "https://planify.example.fr");
  auto tokens =
      provider.ExchangeCode(google.IssueCode("greg@gmail.com", std::string(app::kScopeEvents) +
                                                                   " " + app::kScopeFreeBusy),
                            "v", "https://planify.example.fr/cb");
  ASSERT_TRUE(tokens);
  EXPECT_EQ(tokens->account_email, "greg@gmail.com");
  long long connection = 0;
  {
    auto lease = db_->Acquire();
    store::CalendarConnectionsRepository repo(*lease);
    connection = repo.Insert(org_, greg_.user, "personal", "greg@gmail.com", "primary",
                             cipher.Seal(tokens->refresh_token), "2026-11-25T14:00:00.000Z");
    repo.SetImportBusy(connection, true);
  }
  auto gig = missions.Create(
      owner_, meta_,
      Mission("Concert", "2027-03-10T20:00:00+01:00", "2027-03-10T23:00:00+01:00", greg_), "");
  ASSERT_TRUE(gig);
  // Google: the concert itself (ours), a dentist appointment, and two touching meetings.
  google.SetBusy("primary",
                 nlohmann::json::array({
                     {{"start", "2027-03-10T19:00:00Z"}, {"end", "2027-03-10T22:00:00Z"}},
                     {{"start", "2027-03-12T09:00:00Z"}, {"end", "2027-03-12T10:00:00Z"}},
                     {{"start", "2027-03-15T08:00:00Z"}, {"end", "2027-03-15T09:00:00Z"}},
                     {{"start", "2027-03-15T09:00:00Z"}, {"end", "2027-03-15T10:30:00Z"}},
                 }));
  auto read = sync.ImportBusy(connection);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(*read, 2);
  auto again = sync.ImportBusy(connection);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 2) << "replaced, not added";
  {
    auto lease = db_->Acquire();
    auto periods = store::PlanningRepository(*lease).Unavailability(
        org_, "2027-03-01T00:00:00.000Z", "2027-04-01T00:00:00.000Z", greg_.user.value);
    ASSERT_EQ(periods.size(), 2U);
    EXPECT_EQ(periods[1].source, "google");
    EXPECT_EQ(domain::FormatIsoUtc(periods[1].period.starts_at), "2027-03-15T08:00:00.000Z");
    EXPECT_EQ(domain::FormatIsoUtc(periods[1].period.ends_at), "2027-03-15T10:30:00.000Z");
  }
  // The dentist blocks a mission for Greg.
  auto refused = missions.Create(
      owner_, meta_,
      Mission("Brunch", "2027-03-12T09:30:00+01:00", "2027-03-12T12:00:00+01:00", greg_), "");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("agenda Google"), std::string::npos)
      << refused.error().message;

  ASSERT_TRUE(sync.Sync(connection));
  ASSERT_EQ(google.events("primary").size(), 1U);
  {
    auto lease = db_->Acquire();
    store::WriteTransaction tx(*lease);
    store::CalendarConnectionsRepository(*lease).MarkDisconnected(connection,
                                                                  "2026-11-25T15:00:00.000Z");
    tx.Commit();
  }
  auto cleaned = sync.Sync(connection);
  ASSERT_TRUE(cleaned) << cleaned.error().message;
  EXPECT_EQ(cleaned->deleted, 1);
  EXPECT_TRUE(google.events("primary").begin()->second.deleted);
  EXPECT_EQ(google.revoked_tokens(), std::vector<std::string>{tokens->refresh_token});
  auto lease = db_->Acquire();
  EXPECT_FALSE(store::CalendarConnectionsRepository(*lease).Find(connection));
  EXPECT_TRUE(store::PlanningRepository(*lease)
                  .Unavailability(org_, "2027-03-01T00:00:00.000Z", "2027-04-01T00:00:00.000Z",
                                  greg_.user.value)
                  .empty())
      << "the busy periods went with their connection";
}

INSTANTIATE_TEST_SUITE_P(Backends, PlanningContract,
                         ::testing::Values(Dialect::kSqlite, Dialect::kPostgres), DialectName);

}  // namespace
}  // namespace planify
