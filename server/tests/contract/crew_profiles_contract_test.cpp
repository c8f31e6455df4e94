// Crew profiles without an account (issue 23): planned, conflict-checked and shown like members,
// scoped to their organisation, and handed over to the member they become.
#include <gtest/gtest.h>

#include "app/planning/crew_profiles_service.hpp"
#include "app/planning/missions_service.hpp"
#include "domain/crew_profiles.hpp"
#include "domain/local_time.hpp"
#include "store/accounts_repository.hpp"
#include "store/calendar_connections_repository.hpp"
#include "store/migrations.hpp"
#include "support/test_support.hpp"

namespace planify {
namespace {

using store::Dialect;

class CrewProfilesContract : public ::testing::TestWithParam<Dialect> {
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
    other_org_ = repo.InsertOrganization("Autre", "autre", "2026-11-25T10:00:00.000Z")->id;
    owner_ = Member(repo, org_, "owner@sono.fr", "owner", domain::Role::kOwner);
    lea_ = Member(repo, org_, "lea@sono.fr", "dj", domain::Role::kDj);
    stranger_ = Member(repo, other_org_, "boss@autre.fr", "owner", domain::Role::kOwner);
  }

  static app::Principal Member(store::AccountsRepository& repo, OrganizationId org,
                               const std::string& email, const std::string& role,
                               domain::Role parsed) {
    auto user =
        repo.InsertUser(email, email.substr(0, email.find('@')), "", "2026-11-25T10:00:00.000Z");
    repo.InsertMembership(org, user->id, role, "2026-11-25T10:00:00.000Z");
    app::Principal p;
    p.user = user->id;
    p.email = email;
    p.display_name = email.substr(0, email.find('@'));
    p.organization = org;
    p.role = parsed;
    return p;
  }

  static domain::MissionInput Mission(const char* title, const char* from, const char* to,
                                      std::vector<long long> crew) {
    domain::MissionInput m;
    m.title = title;
    m.starts_at = *domain::ParseApiInstant(from);
    m.ends_at = *domain::ParseApiInstant(to);
    for (long long c : crew) m.crew.push_back({c, "dj", "", m.crew.empty()});
    return m;
  }

  static domain::CrewProfileInput Profile(const char* name, const char* email, const char* phone) {
    domain::CrewProfileInput p;
    p.display_name = name;
    p.email = email;
    p.phone = phone;
    p.position = "technician";
    return p;
  }

  long long CrewLines(long long mission, const char* column) {
    long long n = 0;
    auto lease = db_->Acquire();
    **lease << std::string("SELECT count(*) FROM mission_crew WHERE mission_id = :m AND ") +
                   column + " IS NOT NULL",
        soci::use(mission), soci::into(n);
    return n;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  app::FixedClock clock_{*domain::ParseIsoUtc("2026-11-25T14:00:00.000Z")};
  app::RequestMeta meta_{"203.0.113.9", "Firefox", "req-1", ""};
  OrganizationId org_;
  OrganizationId other_org_;
  app::Principal owner_;
  app::Principal lea_;
  app::Principal stranger_;
};

TEST_P(CrewProfilesContract, AProfileIsPlannedConflictCheckedAndScopedToItsOrganization) {
  app::CrewProfilesService profiles(*db_, clock_);
  app::MissionsService missions(*db_, clock_);

  auto refused = profiles.Create(owner_, meta_, Profile("  ", "pas-une-adresse", "appelle-moi"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kValidation);
  EXPECT_EQ(refused.error().fields.size(), 3u) << "display_name, email, phone";

  auto lina =
      profiles.Create(owner_, meta_, Profile("Lina Freelance", " Lina@Free.FR ", "06 12 34 56 78"));
  ASSERT_TRUE(lina) << lina.error().message;
  EXPECT_EQ(lina->profile.email, "lina@free.fr");
  EXPECT_EQ(lina->profile.phone, "+33612345678");
  EXPECT_EQ(lina->user, 0);
  const long long crew_id = domain::ProfileCrewId(lina->id);

  // Planned with a member; the mission shows her name.
  auto wedding = missions.Create(owner_, meta_,
                                 Mission("Mariage", "2027-06-12T18:00:00+02:00",
                                         "2027-06-13T02:00:00+02:00", {lea_.user.value, crew_id}),
                                 "");
  ASSERT_TRUE(wedding) << wedding.error().message;
  ASSERT_EQ(wedding->row.mission.crew.size(), 2u);
  EXPECT_EQ(wedding->row.crew_names.at(crew_id), "Lina Freelance");
  EXPECT_EQ(CrewLines(wedding->row.id, "crew_profile_id"), 1);

  // The same evening elsewhere: her conflict names her and blocks the save.
  auto after =
      Mission("After", "2027-06-13T01:00:00+02:00", "2027-06-13T05:00:00+02:00", {crew_id});
  auto busy = missions.Create(owner_, meta_, after, "");
  ASSERT_FALSE(busy);
  EXPECT_EQ(busy.error().code, ErrorCode::kConflict);
  app::PlanCheck check;
  check.starts_at = after.starts_at;
  check.ends_at = after.ends_at;
  check.crew = {crew_id};
  auto conflicts = missions.Check(owner_, check);
  ASSERT_TRUE(conflicts) << conflicts.error().message;
  ASSERT_EQ(conflicts->size(), 1u);
  EXPECT_EQ((*conflicts)[0].conflict.kind, domain::Conflict::Kind::kCrewBusy);
  EXPECT_EQ((*conflicts)[0].conflict.resource, crew_id);
  EXPECT_NE((*conflicts)[0].message.find("Lina Freelance est déjà sur"), std::string::npos)
      << (*conflicts)[0].message;

  // On the calendar with her name, and counted in the profiles list.
  store::MissionFilter june;
  june.from = "2027-06-01T00:00:00.000Z";
  june.to = "2027-07-01T00:00:00.000Z";
  std::vector<std::string> names;
  auto rest = missions.Calendar(owner_, june, [&](const store::CalendarMission& m) {
    for (const auto& c : m.crew) {
      if (c.user == crew_id) names.push_back(c.name);
    }
  });
  ASSERT_TRUE(rest);
  EXPECT_EQ(names, std::vector<std::string>{"Lina Freelance"});
  auto listed = profiles.List(owner_, false);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].upcoming_missions, 1);

  // Another organisation neither sees nor assigns her.
  auto hidden = profiles.Get(stranger_, lina->id);
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(profiles.List(stranger_, true)->empty());
  auto theirs = missions.Create(
      stranger_, meta_,
      Mission("Chez eux", "2027-07-12T18:00:00+02:00", "2027-07-12T23:00:00+02:00", {crew_id}), "");
  ASSERT_FALSE(theirs);
  EXPECT_EQ(theirs.error().fields.at(0).field, "crew[0].profile_id");
  EXPECT_FALSE(profiles.Update(stranger_, meta_, lina->id, Profile("X", "", "")));

  // Archived: kept where she already is, refused on a new mission.
  ASSERT_TRUE(profiles.SetArchived(owner_, meta_, lina->id, true));
  EXPECT_TRUE(profiles.List(owner_, false)->empty());
  auto gala = missions.Create(
      owner_, meta_,
      Mission("Gala", "2027-06-20T19:00:00+02:00", "2027-06-20T23:00:00+02:00", {crew_id}), "");
  ASSERT_FALSE(gala);
  EXPECT_EQ(gala.error().fields.at(0).field, "crew[0].profile_id");
  auto kept = wedding->row.mission;
  kept.title = "Mariage Dupont";
  auto edited = missions.Update(owner_, meta_, wedding->row.id, kept, "");
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_EQ(edited->row.mission.crew.size(), 2u);
  ASSERT_TRUE(profiles.SetArchived(owner_, meta_, lina->id, false));
}

TEST_P(CrewProfilesContract, LinkingAProfileMovesItsMissionsToTheMember) {
  app::CrewProfilesService profiles(*db_, clock_);
  app::MissionsService missions(*db_, clock_);
  auto lina = profiles.Create(owner_, meta_, Profile("Lina", "lina@free.fr", ""));
  ASSERT_TRUE(lina);
  const long long crew_id = domain::ProfileCrewId(lina->id);
  auto alone = missions.Create(
      owner_, meta_,
      Mission("Solo", "2027-06-12T18:00:00+02:00", "2027-06-12T23:00:00+02:00", {crew_id}), "");
  auto both = missions.Create(owner_, meta_,
                              Mission("Duo", "2027-06-14T18:00:00+02:00",
                                      "2027-06-14T23:00:00+02:00", {lea_.user.value, crew_id}),
                              "");
  auto led = missions.Create(owner_, meta_,
                             Mission("Gala", "2027-06-16T18:00:00+02:00",
                                     "2027-06-16T23:00:00+02:00", {crew_id, lea_.user.value}),
                             "");
  ASSERT_TRUE(alone && both && led);
  // Lea's Google calendar is connected: her calendar gets the missions she takes over.
  auto syncs = [this] {
    auto lease = db_->Acquire();
    long long queued = 0;
    **lease << "SELECT count(*) FROM jobs WHERE type = 'calendar.sync'", soci::into(queued);
    return queued;
  };
  {
    auto lease = db_->Acquire();
    EXPECT_GT(store::CalendarConnectionsRepository(*lease).Insert(
                  org_, lea_.user, "personal", "lea@gmail.com", "primary", "sealed",
                  "2026-11-25T14:00:00.000Z"),
              0);
  }
  const long long syncs_before = syncs();

  auto not_member = profiles.Link(owner_, meta_, lina->id, stranger_.user);
  ASSERT_FALSE(not_member);
  EXPECT_EQ(not_member.error().fields.at(0).field, "user_id");
  auto linked = profiles.Link(owner_, meta_, lina->id, lea_.user);
  ASSERT_TRUE(linked) << linked.error().message;
  EXPECT_EQ(linked->user, lea_.user.value);
  EXPECT_EQ(linked->user_name, "lea");
  EXPECT_EQ(syncs(), syncs_before + 1) << "a sync of the connected calendar is queued";
  EXPECT_EQ(CrewLines(alone->row.id, "crew_profile_id"), 0);
  EXPECT_EQ(CrewLines(alone->row.id, "user_id"), 1) << "Solo is now Lea's";
  EXPECT_EQ(CrewLines(both->row.id, "user_id"), 1) << "Lea once on Duo";
  EXPECT_EQ(CrewLines(both->row.id, "crew_profile_id"), 0);
  auto gala = missions.Get(owner_, led->row.id);
  ASSERT_EQ(gala->row.mission.crew.size(), 1u);
  EXPECT_TRUE(gala->row.mission.crew[0].lead) << "Lea leads the mission Lina led";
  auto solo = missions.Get(lea_, alone->row.id);
  ASSERT_TRUE(solo) << "the member now sees the mission as hers";

  // Linked: not listed as open, not edited, not linked again, not assigned any more.
  EXPECT_TRUE(profiles.List(owner_, false)->empty());
  EXPECT_EQ(profiles.List(owner_, true)->size(), 1u);
  EXPECT_EQ(profiles.Link(owner_, meta_, lina->id, lea_.user).error().code, ErrorCode::kConflict);
  EXPECT_EQ(profiles.Update(owner_, meta_, lina->id, Profile("Lina", "", "")).error().code,
            ErrorCode::kConflict);
  auto again = missions.Create(
      owner_, meta_,
      Mission("Encore", "2027-06-20T18:00:00+02:00", "2027-06-20T23:00:00+02:00", {crew_id}), "");
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().fields.at(0).message.find("choisissez le membre lea"), std::string::npos)
      << again.error().fields.at(0).message;

  // Lea's account deleted later (the key goes NULL, linked_at stays): the profile is history,
  // not an open profile again.
  {
    auto lease = db_->Acquire();
    **lease << "UPDATE crew_profiles SET user_id = NULL WHERE id = :id", soci::use(lina->id);
  }
  EXPECT_TRUE(profiles.List(owner_, false)->empty()) << "not listed as open";
  EXPECT_EQ(profiles.Link(owner_, meta_, lina->id, lea_.user).error().code, ErrorCode::kConflict);
  EXPECT_EQ(profiles.Update(owner_, meta_, lina->id, Profile("Lina", "", "")).error().code,
            ErrorCode::kConflict);
  auto after = missions.Create(
      owner_, meta_,
      Mission("Après", "2027-06-22T18:00:00+02:00", "2027-06-22T23:00:00+02:00", {crew_id}), "");
  ASSERT_FALSE(after);
  EXPECT_NE(after.error().fields.at(0).message.find("supprimé depuis"), std::string::npos)
      << after.error().fields.at(0).message;
}

TEST_P(CrewProfilesContract, AProfileIsErasedAtThePersonsRequestAndItsMissionsKeepALine) {
  app::CrewProfilesService profiles(*db_, clock_);
  app::MissionsService missions(*db_, clock_);
  auto input = Profile("Noé Secret", "noe.secret@free.fr", "+33611223344");
  input.notes = "Allergique aux arachides";
  auto noe = profiles.Create(owner_, meta_, input);
  ASSERT_TRUE(noe);
  auto gig = missions.Create(owner_, meta_,
                             Mission("Soirée", "2027-06-12T18:00:00+02:00",
                                     "2027-06-12T23:00:00+02:00", {domain::ProfileCrewId(noe->id)}),
                             "");
  ASSERT_TRUE(gig);

  auto wrong = profiles.Erase(owner_, meta_, noe->id, "Noé");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().fields.at(0).field, "confirm_name");
  EXPECT_EQ(profiles.Erase(stranger_, meta_, noe->id, "Noé Secret").error().code,
            ErrorCode::kNotFound)
      << "another organisation's profile";

  auto erased = profiles.Erase(owner_, meta_, noe->id, " Noé Secret ");
  ASSERT_TRUE(erased) << erased.error().message;
  EXPECT_TRUE(erased->erased);
  EXPECT_TRUE(erased->archived);
  EXPECT_EQ(erased->profile.display_name, "Intervenant effacé n° " + std::to_string(noe->id));
  {
    // Nothing of the person left in the profile's row, nor in the audit trail of the erasure.
    auto lease = db_->Acquire();
    std::string email;
    std::string phone;
    std::string notes;
    std::string name;
    **lease << "SELECT display_name, email, phone, notes FROM crew_profiles WHERE id = :id",
        soci::use(noe->id), soci::into(name), soci::into(email), soci::into(phone),
        soci::into(notes);
    EXPECT_EQ(name.find("Secret"), std::string::npos);
    EXPECT_TRUE(email.empty() && phone.empty() && notes.empty());
    std::string details;
    const std::string entity = std::to_string(noe->id);
    **lease << "SELECT details FROM audit_log WHERE action = 'crew_profiles.erased' AND "
               "entity_id = :id",
        soci::use(entity), soci::into(details);
    EXPECT_EQ(details, "{}");
  }
  EXPECT_TRUE(profiles.List(owner_, false)->empty()) << "archived: not open";
  auto all = profiles.List(owner_, true);
  ASSERT_TRUE(all) << all.error().message;
  ASSERT_EQ(all->size(), 1u) << "listed with the archived ones";
  EXPECT_TRUE((*all)[0].erased);
  // The mission keeps its crew line (the work happened), under the new name.
  auto kept = missions.Get(owner_, gig->row.id);
  ASSERT_TRUE(kept);
  ASSERT_EQ(kept->row.mission.crew.size(), 1u);
  EXPECT_EQ(kept->row.mission.crew[0].user, domain::ProfileCrewId(noe->id));

  // Final: not erased twice, not restored, edited, linked or planned again.
  EXPECT_EQ(profiles.Erase(owner_, meta_, noe->id, erased->profile.display_name).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(profiles.SetArchived(owner_, meta_, noe->id, false).error().code, ErrorCode::kConflict);
  EXPECT_EQ(profiles.Update(owner_, meta_, noe->id, Profile("Noé", "", "")).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(profiles.Link(owner_, meta_, noe->id, lea_.user).error().code, ErrorCode::kConflict);
  EXPECT_FALSE(
      missions.Create(owner_, meta_,
                      Mission("Encore", "2027-06-20T18:00:00+02:00", "2027-06-20T23:00:00+02:00",
                              {domain::ProfileCrewId(noe->id)}),
                      ""))
      << "archived: not on new missions";
}

TEST_P(CrewProfilesContract, AnAcceptedInvitationLinksTheProfilesPlannedUnderItsAddress) {
  app::CrewProfilesService profiles(*db_, clock_);
  app::MissionsService missions(*db_, clock_);
  auto max = profiles.Create(owner_, meta_, Profile("Max", "max@sono.fr", ""));
  auto other = profiles.Create(owner_, meta_, Profile("Autre Max", "", ""));
  ASSERT_TRUE(max && other);
  auto gig = missions.Create(owner_, meta_,
                             Mission("Soirée", "2027-06-12T18:00:00+02:00",
                                     "2027-06-12T23:00:00+02:00", {domain::ProfileCrewId(max->id)}),
                             "");
  ASSERT_TRUE(gig);
  app::Principal joined;
  {
    auto lease = db_->Acquire();
    store::AccountsRepository repo(*lease);
    joined = Member(repo, org_, "max@sono.fr", "dj", domain::Role::kDj);
    store::WriteTransaction tx(*lease);
    auto linked =
        app::LinkProfilesByEmail(*lease, joined, meta_, "max@sono.fr", "2026-11-25T14:00:00.000Z");
    ASSERT_TRUE(linked) << linked.error().message;
    EXPECT_EQ(*linked, 1);
    tx.Commit();
  }
  EXPECT_EQ(profiles.Get(owner_, max->id)->user, joined.user.value);
  EXPECT_EQ(profiles.Get(owner_, other->id)->user, 0) << "no address, no link";
  auto seen = missions.Get(joined, gig->row.id);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->row.mission.crew.at(0).user, joined.user.value);
}

std::string BackendName(const ::testing::TestParamInfo<Dialect>& info) {
  return info.param == Dialect::kSqlite ? "SQLite" : "PostgreSQL";
}

INSTANTIATE_TEST_SUITE_P(Backends, CrewProfilesContract,
                         ::testing::Values(Dialect::kSqlite, Dialect::kPostgres), BackendName);

}  // namespace
}  // namespace planify
