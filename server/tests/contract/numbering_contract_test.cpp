// Gap-free numbering under concurrency, on SQLite and on a real PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <thread>

#include "store/accounts_repository.hpp"
#include "store/migrations.hpp"
#include "store/numbering_repository.hpp"
#include "support/test_support.hpp"

namespace planify {
namespace {

using store::Dialect;

class NumberingContract : public ::testing::TestWithParam<Dialect> {
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
    other_ = repo.InsertOrganization("Autre", "autre", "2026-11-25T10:00:00.000Z")->id;
  }

  // Takes a number in its own write transaction; commits unless told not to.
  long long Take(OrganizationId org, const std::string& type, int year, bool commit = true) {
    auto number = store::WithLease(*db_, [&](store::Lease& lease) -> Result<long long> {
      store::WriteTransaction tx(lease);
      long long n =
          store::NumberingRepository(lease).Next(org, type, year, "2026-11-25T10:00:00.000Z");
      if (commit) tx.Commit();
      return n;
    });
    EXPECT_TRUE(number);
    return number ? *number : -1;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  OrganizationId org_;
  OrganizationId other_;
};

TEST_P(NumberingContract, TwoHundredConcurrentIssuersGetTwoHundredConsecutiveNumbers) {
  constexpr int kIssuers = 200;
  std::vector<long long> numbers;
  std::mutex guard;
  std::vector<std::thread> threads;
  threads.reserve(kIssuers);
  for (int i = 0; i < kIssuers; ++i) {
    threads.emplace_back([&] {
      long long n = Take(org_, "invoice", 2026);
      std::lock_guard lock(guard);
      numbers.push_back(n);
    });
  }
  for (auto& t : threads) t.join();
  std::sort(numbers.begin(), numbers.end());
  ASSERT_EQ(numbers.size(), static_cast<std::size_t>(kIssuers));
  for (int i = 0; i < kIssuers; ++i) EXPECT_EQ(numbers[i], i + 1) << "at " << i;
  auto lease = db_->Acquire();
  EXPECT_EQ(store::NumberingRepository(*lease).Last(org_, "invoice", 2026), kIssuers);
}

TEST_P(NumberingContract, SeriesArePerOrganisationTypeAndYearAndARollbackLeavesNoGap) {
  EXPECT_EQ(Take(org_, "invoice", 2026), 1);
  EXPECT_EQ(Take(org_, "invoice", 2026, /*commit=*/false), 2);
  EXPECT_EQ(Take(org_, "invoice", 2026), 2) << "the rolled-back number is taken again";
  EXPECT_EQ(Take(org_, "quote", 2026), 1);
  EXPECT_EQ(Take(org_, "invoice", 2027), 1);
  EXPECT_EQ(Take(other_, "invoice", 2026), 1);
  auto lease = db_->Acquire();
  EXPECT_EQ(store::NumberingRepository(*lease).Last(org_, "credit_note", 2026), 0);
}

std::string DialectName(const ::testing::TestParamInfo<Dialect>& info) {
  return info.param == Dialect::kSqlite ? "SQLite" : "PostgreSQL";
}

INSTANTIATE_TEST_SUITE_P(Backends, NumberingContract,
                         ::testing::Values(Dialect::kSqlite, Dialect::kPostgres), DialectName);

}  // namespace
}  // namespace planify
