#include "store/postgres/postgres_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string_view>
#include <thread>
#include <vector>

#include "contract/store_contract.hpp"
#include "store/postgres/postgres_store_internal.hpp"
#include "store/postgres/schema.hpp"
#include "support/test_postgres.hpp"

// PostgreSQL-specific behaviour of open_postgres_store: migrations, reconnection, bounded waits. The shared
// semantics are in the StoreContract suite.
namespace mytoken::store_contract {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

class PostgresStore : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test::test_postgres_url()) GTEST_SKIP() << "no PostgreSQL server here (see scripts/pg-test-server.sh)";
    schema_ = std::make_unique<test::TestPgSchema>();
  }
  PostgresOptions options() const { return {.url = schema_->url(), .pool_size = 4}; }

  std::unique_ptr<test::TestPgSchema> schema_;
};

TEST_F(PostgresStore, ReopeningKeepsTheData) {
  int64_t rt_id = 0;
  {
    auto store = must(open_postgres_store(options()));
    auto tx = must(store->begin(TxMode::kWrite));
    rt_id = must(tx->refresh_tokens().insert("cipher"));
    must(tx->commit());
  }
  auto store = must(open_postgres_store(options()));
  auto tx = must(store->begin(TxMode::kRead));
  const auto found = must(tx->refresh_tokens().find(rt_id));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->ciphertext, "cipher");
}

TEST_F(PostgresStore, InstancesStartingAtOnceMigrateOnce) {  // pg_advisory_xact_lock
  std::atomic<int> opened{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      if (auto store = open_postgres_store(options())) {
        ++opened;
      } else {
        ADD_FAILURE() << store.error().log_detail;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(opened.load(), 6);
  EXPECT_TRUE(migrate_postgres_database(options()));  // nothing left to do: still fine
}

TEST_F(PostgresStore, MigrateOnlyPreparesTheSchemaForAStoreThatDoesNotMigrate) {  // `mytokend migrate`
  auto unmigrated = options();
  unmigrated.migrate = false;
  {
    auto store = must(open_postgres_store(unmigrated));
    auto tx = must(store->begin(TxMode::kWrite));
    EXPECT_FALSE(tx->refresh_tokens().insert("cipher"));  // no tables yet
  }
  ASSERT_TRUE(migrate_postgres_database(options()));
  auto store = must(open_postgres_store(unmigrated));
  auto tx = must(store->begin(TxMode::kWrite));
  EXPECT_GT(must(tx->refresh_tokens().insert("cipher")), 0);
}

TEST_F(PostgresStore, RefusesADatabaseWrittenByANewerBinary) {
  std::vector<std::string_view> newer(postgres::schema_migrations().begin(), postgres::schema_migrations().end());
  newer.emplace_back("");  // a future migration; an empty script still bumps the version
  ASSERT_TRUE(postgres::open_postgres_store_with(options(), newer));

  const auto refused = open_postgres_store(options());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 500);
  EXPECT_NE(refused.error().log_detail.find("newer"), std::string::npos) << refused.error().log_detail;
}

TEST_F(PostgresStore, ReconnectsWhenTheServerDroppedEveryConnection) {
  auto store = must(open_postgres_store(options()));
  {
    std::vector<std::unique_ptr<Transaction>> open;  // fill the pool, so that every pooled connection dies
    for (int i = 0; i < 4; ++i) open.push_back(must(store->begin(TxMode::kRead)));
  }
  EXPECT_GE(schema_->terminate_connections(), 4);
  for (int i = 0; i < 6; ++i) {  // more than the pool: each dead connection is found, dropped and replaced
    auto tx = store->begin(TxMode::kWrite);
    ASSERT_TRUE(tx) << tx.error().log_detail;
    EXPECT_GT(must((*tx)->refresh_tokens().insert("cipher")), 0);
    must((*tx)->commit());
  }
}

TEST_F(PostgresStore, ConnectionDroppedInsideATransactionIsACleanErrorAndNothingIsApplied) {
  auto store = must(open_postgres_store(options()));
  {
    auto tx = must(store->begin(TxMode::kWrite));
    must(tx->refresh_tokens().insert("half-done"));
    schema_->terminate_connections();
    std::this_thread::sleep_for(milliseconds(100));  // the backend exits asynchronously after the signal
    const auto failed = tx->refresh_tokens().insert("second");
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().status, 500);
    EXPECT_FALSE(tx->commit());
  }
  auto tx = must(store->begin(TxMode::kRead));  // a new connection
  EXPECT_FALSE(must(tx->refresh_tokens().find(1)).has_value());
}

TEST_F(PostgresStore, UnreachableServerFailsWithinTheRetryTime) {
  const auto started = steady_clock::now();
  const auto store = open_postgres_store({.url = "postgresql://mytoken@127.0.0.1:1/mytoken",
                                          .connect_timeout = std::chrono::seconds(1),
                                          .retry_for = milliseconds(300)});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().status, 500);
  EXPECT_EQ(store.error().log_detail.rfind("postgres connect", 0), 0u) << store.error().log_detail;
  EXPECT_LT(steady_clock::now() - started, std::chrono::seconds(5));
}

TEST_F(PostgresStore, BeginGivesUpWhenThePoolStaysExhausted) {
  auto store = must(open_postgres_store({.url = schema_->url(), .pool_size = 1, .retry_for = milliseconds(200)}));
  auto held = must(store->begin(TxMode::kWrite));
  const auto blocked = store->begin(TxMode::kWrite);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().status, 500);
  held.reset();
  EXPECT_TRUE(store->begin(TxMode::kWrite));
}

TEST_F(PostgresStore, AStatementErrorAbortsTheWholeTransaction) {  // never half-applied
  auto store = must(open_postgres_store(options()));
  auto tx = must(store->begin(TxMode::kWrite));
  const auto family = new_family(*tx);
  must(tx->tokens().insert(token_row("t", family)));
  EXPECT_FALSE(tx->tokens().insert(token_row("t", family)));  // duplicate key
  EXPECT_FALSE(tx->commit());
  tx.reset();
  auto check = must(store->begin(TxMode::kRead));
  EXPECT_FALSE(must(check->tokens().find(MomId{"t"})).has_value());
}

}  // namespace
}  // namespace mytoken::store_contract
