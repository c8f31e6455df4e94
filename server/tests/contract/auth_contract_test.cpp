// Accounts and sessions: the same behaviour on SQLite and on a real PostgreSQL.
#include <gtest/gtest.h>

#include "app/accounts/members.hpp"
#include "app/auth/auth_service.hpp"
#include "integrations/crypto/sodium.hpp"
#include "store/accounts_repository.hpp"
#include "store/api_tokens_repository.hpp"
#include "store/clients_repository.hpp"
#include "store/migrations.hpp"
#include "store/organizations_repository.hpp"
#include "support/test_support.hpp"

namespace planify {
namespace {

using store::Dialect;

constexpr const char* kPassword = "un mot de passe solide";

class AuthContract : public ::testing::TestWithParam<Dialect> {
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
    owner_ = Seed(repo, "owner@sono.fr", "owner");
    dj_ = Seed(repo, "dj@sono.fr", "dj");
  }

  UserId Seed(store::AccountsRepository& repo, const std::string& email, const std::string& role) {
    auto user = repo.InsertUser(email, email.substr(0, email.find('@')), hasher_.Hash(kPassword),
                                "2026-11-25T10:00:00.000Z");
    repo.InsertMembership(org_, user->id, role, "2026-11-25T10:00:00.000Z");
    return user->id;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  app::FixedClock clock_{*domain::ParseIsoUtc("2026-11-25T14:00:00.000Z")};
  integrations::SodiumPasswordHasher hasher_{/*fast=*/true};
  OrganizationId org_;
  UserId owner_;
  UserId dj_;
};

TEST_P(AuthContract, SignInSessionsAndRevocation) {
  app::AuthService auth(*db_, clock_, hasher_);
  app::RequestMeta meta{"203.0.113.9", "Firefox", "req-1", ""};
  auto first = auth.SignInWithPassword("Owner@Sono.fr ", kPassword, meta);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->principal.role, domain::Role::kOwner);
  EXPECT_EQ(first->principal.organization, org_);
  auto second = auth.SignInWithPassword("owner@sono.fr", kPassword, meta);
  ASSERT_TRUE(second);

  auto who = auth.AuthenticateSession(second->token);
  ASSERT_TRUE(who) << who.error().message;
  EXPECT_EQ(who->user, owner_);
  EXPECT_EQ(who->csrf_token, second->csrf_token);
  auto sessions = auth.ListSessions(*who);
  ASSERT_TRUE(sessions);
  ASSERT_EQ(sessions->size(), 2u);
  EXPECT_EQ(sessions->at(0).ip, "203.0.113.9");

  // Sliding expiry writes last-seen; the session lives on.
  clock_.Set(clock_.Now() + std::chrono::hours(24 * 10));
  ASSERT_TRUE(auth.AuthenticateSession(second->token));
  clock_.Set(clock_.Now() + std::chrono::hours(24 * 10));
  ASSERT_TRUE(auth.AuthenticateSession(second->token));
  EXPECT_FALSE(auth.AuthenticateSession(first->token)) << "idle 20 days";

  ASSERT_TRUE(auth.ChangePassword(*who, kPassword, "nouveau secret 2026", meta));
  auto third = auth.SignInWithPassword("owner@sono.fr", "nouveau secret 2026", meta);
  ASSERT_TRUE(third);
  EXPECT_TRUE(auth.AuthenticateSession(second->token));
  ASSERT_TRUE(auth.SignOut(*who));
  EXPECT_FALSE(auth.AuthenticateSession(second->token));
  EXPECT_TRUE(auth.AuthenticateSession(third->token));
}

TEST_P(AuthContract, FailuresAreThrottledPerIpAndAudited) {
  app::AuthService auth(*db_, clock_, hasher_);
  for (int i = 0; i < 10; ++i) {
    auto res =
        auth.SignInWithPassword("dj@sono.fr", "mauvais mot de passe", {"198.51.100.1", "", "", ""});
    ASSERT_FALSE(res);
    EXPECT_EQ(res.error().code, ErrorCode::kUnauthenticated);
  }
  auto blocked = auth.SignInWithPassword("dj@sono.fr", kPassword, {"198.51.100.1", "", "", ""});
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, ErrorCode::kRateLimited);
  EXPECT_GT(blocked.error().retry_after_seconds, 0);
  EXPECT_TRUE(auth.SignInWithPassword("dj@sono.fr", kPassword, {"198.51.100.2", "", "", ""}));

  app::MembersService members(*db_, clock_);
  app::Principal admin;
  admin.user = owner_;
  admin.organization = org_;
  admin.role = domain::Role::kOwner;
  store::AuditFilter filter;
  filter.action_prefix = "auth.sign_in_failed";
  filter.limit = 4;
  auto page1 = members.ListAudit(admin, filter);
  ASSERT_TRUE(page1);
  ASSERT_EQ(page1->size(), 4u);
  EXPECT_EQ(page1->front().actor, dj_);
  EXPECT_NE(page1->front().details_json.find("wrong_password"), std::string::npos);
  filter.before_id = page1->back().id;
  filter.limit = 50;
  auto rest = members.ListAudit(admin, filter);
  ASSERT_TRUE(rest);
  EXPECT_EQ(rest->size(), 6u);
  filter = {};
  filter.to = "2026-11-25T13:00:00.000Z";
  EXPECT_TRUE(members.ListAudit(admin, filter)->empty());
  filter.to.clear();
  filter.from = "2026-11-25T14:00:00.000Z";
  filter.actor = dj_;
  EXPECT_EQ(members.ListAudit(admin, filter)->size(), 11u);  // 10 failures + 1 success

  auto lease = db_->Acquire();
  store::AuthRepository repo(*lease);
  // The IP bucket keeps its 10 failures; the success cleared the account bucket.
  EXPECT_EQ(repo.PurgeRateEvents("2026-11-25T15:00:00.000Z"), 10);
}

TEST_P(AuthContract, RoleChangesKeepAnOwner) {
  app::MembersService members(*db_, clock_);
  app::Principal owner;
  owner.user = owner_;
  owner.organization = org_;
  owner.role = domain::Role::kOwner;
  auto promoted = members.ChangeRole(owner, dj_, "manager", {});
  ASSERT_TRUE(promoted) << promoted.error().message;
  EXPECT_EQ(promoted->role, "manager");
  auto last = members.ChangeRole(owner, owner_, "admin", {});
  ASSERT_FALSE(last);
  EXPECT_EQ(last.error().code, ErrorCode::kConflict);
  app::Principal manager = owner;
  manager.user = dj_;
  manager.role = domain::Role::kAdmin;
  auto not_owner = members.ChangeRole(manager, owner_, "admin", {});
  ASSERT_FALSE(not_owner);
  EXPECT_EQ(not_owner.error().code, ErrorCode::kForbidden);
  ASSERT_TRUE(members.Remove(owner, dj_, {}));
  auto gone = members.List(owner);
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->size(), 1u);
}

TEST_P(AuthContract, OrganizationSettingsAndApiTokensRoundTrip) {
  auto lease = db_->Acquire();
  store::OrganizationsRepository organizations(*lease);
  auto loaded = organizations.LoadSettings(org_);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->settings.payment_terms_days, 30);
  EXPECT_FALSE(loaded->settings.share_capital_cents.has_value());
  EXPECT_EQ(loaded->settings.terminology, "missions");

  domain::OrganizationSettings s = loaded->settings;
  s.legal_name = "Sono Pro SAS";
  s.share_capital_cents = 1'000'000'00;
  s.vat_regime = domain::VatRegime::kFranchise;
  s.payment_terms_days = 45;
  s.time_zone = "Indian/Reunion";
  organizations.SaveSettings(org_, s, "v1:sealed", "0189", "2026-11-25T15:00:00.000Z");
  auto again = organizations.LoadSettings(org_);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->settings.legal_name, "Sono Pro SAS");
  EXPECT_EQ(again->settings.share_capital_cents, 1'000'000'00);
  EXPECT_EQ(again->settings.vat_regime, domain::VatRegime::kFranchise);
  EXPECT_EQ(again->settings.payment_terms_days, 45);
  EXPECT_EQ(again->settings.time_zone, "Indian/Reunion");
  EXPECT_EQ(again->bank_details_sealed, "v1:sealed");
  EXPECT_EQ(again->updated_at, "2026-11-25T15:00:00.000Z");

  store::ApiTokensRepository tokens(*lease);
  long long forever = tokens.Insert(org_, owner_, "A", "plf_1", "hash-a", "members.read",
                                    "2026-11-25T10:00:00.000Z", "");
  (void)tokens.Insert(org_, owner_, "B", "plf_2", "hash-b", "audit.read",
                      "2026-11-25T10:00:00.000Z", "2026-11-26T10:00:00.000Z");
  EXPECT_EQ(tokens.ListLive(org_, "2026-11-25T12:00:00.000Z").size(), 2u);
  EXPECT_EQ(tokens.ListLive(org_, "2026-11-27T12:00:00.000Z").size(), 1u);
  EXPECT_TRUE(tokens.FindLiveByHash("hash-a", "2030-01-01T00:00:00.000Z").has_value());
  EXPECT_FALSE(tokens.FindLiveByHash("hash-b", "2026-11-27T00:00:00.000Z").has_value());
  EXPECT_TRUE(tokens.Revoke(org_, forever, "2026-11-25T13:00:00.000Z"));
  EXPECT_FALSE(tokens.Revoke(org_, forever, "2026-11-25T13:00:00.000Z"));
  EXPECT_FALSE(tokens.FindLiveByHash("hash-a", "2026-11-25T14:00:00.000Z").has_value());
}

TEST_P(AuthContract, ClientsRoundTripSearchAndDuplicates) {
  auto lease = db_->Acquire();
  store::ClientsRepository clients(*lease);
  domain::ClientInput c;
  c.kind = domain::ClientKind::kCompany;
  c.name = "Château de la Loire";
  c.siren = "732829320";
  c.tags = {"VIP", "Mariages"};
  c.contacts = {{"Éléonore Martin", "Gérante", "eleonore@chateau.fr", "0612345678", true},
                {"Paul", "", "paul@chateau.fr", "", false}};
  long long id = clients.Insert(org_, c, "2026-11-25T10:00:00.000Z");
  auto found = clients.Find(org_, id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->client.name, "Château de la Loire");
  EXPECT_EQ(found->client.tags, (std::vector<std::string>{"VIP", "Mariages"}));
  ASSERT_EQ(found->client.contacts.size(), 2u);
  EXPECT_TRUE(found->client.contacts[0].primary);

  EXPECT_EQ(clients.List(org_, "eleonore chateau", false, 10, 0).total, 1);
  EXPECT_EQ(clients.List(org_, "paris", false, 10, 0).total, 0);
  auto page = clients.List(org_, "", false, 10, 0);
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].client.contacts.size(), 1u) << "lists carry the primary contact only";

  domain::ClientInput twin;
  twin.name = "Autre";
  twin.contacts = {{"", "", "paul@chateau.fr", "", true}};
  auto dups = clients.FindDuplicates(org_, twin, 0);
  ASSERT_EQ(dups.size(), 1u);
  EXPECT_EQ(dups[0].reason, "email");
  EXPECT_TRUE(clients.FindDuplicates(org_, twin, id).empty());

  c.contacts.pop_back();
  EXPECT_TRUE(clients.Update(org_, id, c, "2026-11-25T11:00:00.000Z"));
  EXPECT_EQ(clients.Find(org_, id)->client.contacts.size(), 1u);
  EXPECT_FALSE(
      clients.Update(OrganizationId{org_.value + 1000}, id, c, "2026-11-25T11:00:00.000Z"));
  EXPECT_TRUE(clients.SetArchived(org_, id, true, "2026-11-25T12:00:00.000Z"));
  EXPECT_EQ(clients.List(org_, "", false, 10, 0).total, 0);
  EXPECT_EQ(clients.List(org_, "", true, 10, 0).total, 1);
}

std::string DialectName(const ::testing::TestParamInfo<Dialect>& info) {
  return info.param == Dialect::kSqlite ? "SQLite" : "PostgreSQL";
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthContract,
                         ::testing::Values(Dialect::kSqlite, Dialect::kPostgres), DialectName);

}  // namespace
}  // namespace planify
