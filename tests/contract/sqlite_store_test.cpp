#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <fstream>
#include <string_view>
#include <thread>
#include <vector>

#include "contract/store_contract.hpp"
#include "store/sqlite/schema.hpp"
#include "store/sqlite/sqlite_store_internal.hpp"
#include "support/temp_sqlite_store.hpp"

// SQLite-specific behaviour of open_sqlite_store; the shared semantics are in the StoreContract suite.
namespace mytoken::store_contract {
namespace {

unsigned mode_of(const std::filesystem::path& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

TEST(SqliteStore, CreatesPrivateDirectoryAndFile) {
  test::TempStoreDir dir;
  const auto file = dir.path() / "state" / "db" / "mytoken.sqlite";
  auto store = open_sqlite_store({.file = file});
  ASSERT_TRUE(store) << store.error().log_detail;
  EXPECT_EQ(mode_of(file.parent_path()), 0700u);
  EXPECT_EQ(mode_of(file), 0600u);
}

TEST(SqliteStore, ReopeningKeepsTheData) {
  test::TempStoreDir dir;
  const SqliteOptions options{.file = dir.path() / "mytoken.sqlite"};
  int64_t rt_id = 0;
  {
    auto store = must(open_sqlite_store(options));
    auto tx = must(store->begin(TxMode::kWrite));
    rt_id = must(tx->refresh_tokens().insert("cipher"));
    must(tx->commit());
  }
  auto store = must(open_sqlite_store(options));
  auto tx = must(store->begin(TxMode::kRead));
  const auto found = must(tx->refresh_tokens().find(rt_id));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->ciphertext, "cipher");
}

TEST(SqliteStore, RefusesADatabaseWrittenByANewerBinary) {
  test::TempStoreDir dir;
  const SqliteOptions options{.file = dir.path() / "mytoken.sqlite"};
  std::vector<std::string_view> newer(sqlite::schema_migrations().begin(), sqlite::schema_migrations().end());
  newer.emplace_back("");  // a future migration; an empty script still bumps the version
  ASSERT_TRUE(sqlite::open_sqlite_store_with(options, newer));

  const auto refused = open_sqlite_store(options);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 500);
  EXPECT_NE(refused.error().log_detail.find("newer"), std::string::npos) << refused.error().log_detail;
}

TEST(SqliteStore, NotADatabaseFileIsAnInternalError) {
  test::TempStoreDir dir;
  const auto file = dir.path() / "mytoken.sqlite";
  std::ofstream(file) << "this is not an SQLite database, just a long enough line of plain text to be read";
  const auto store = open_sqlite_store({.file = file});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().error, "internal_server_error");
  EXPECT_EQ(store.error().log_detail.rfind("sqlite ", 0), 0u) << store.error().log_detail;
}

TEST(SqliteStore, ConcurrentOpenersOfANewFileAllSucceed) {
  test::TempStoreDir dir;
  const SqliteOptions options{.file = dir.path() / "mytoken.sqlite"};
  std::atomic<int> opened{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      if (open_sqlite_store(options)) {
        ++opened;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(opened.load(), 4);
}

TEST(SqliteStore, LockWaitBeyondTheBusyTimeoutIsAnInternalError) {
  test::TempStoreDir dir;
  const auto file = dir.path() / "mytoken.sqlite";
  auto holder = must(open_sqlite_store({.file = file}));
  auto impatient = must(open_sqlite_store({.file = file, .busy_timeout = std::chrono::milliseconds(20)}));
  auto held = must(holder->begin(TxMode::kWrite));  // holds the write lock

  const auto blocked = impatient->begin(TxMode::kWrite);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().status, 500);
  EXPECT_NE(blocked.error().log_detail.find("busy"), std::string::npos) << blocked.error().log_detail;

  held.reset();  // releases the lock; the impatient store's connection is usable again
  auto tx = impatient->begin(TxMode::kWrite);
  ASSERT_TRUE(tx) << tx.error().log_detail;
  EXPECT_TRUE(must((*tx)->refresh_tokens().insert("cipher")) > 0);
}

TEST(SqliteStore, ReadTransactionDoesNotBlockAWriter) {  // WAL: readers and one writer run side by side
  test::TempStoreDir dir;
  auto store = must(open_sqlite_store({.file = dir.path() / "mytoken.sqlite"}));
  auto reader = must(store->begin(TxMode::kRead));
  EXPECT_FALSE(must(reader->refresh_tokens().find(1)).has_value());  // starts the read snapshot
  auto writer = must(store->begin(TxMode::kWrite));
  const auto id = must(writer->refresh_tokens().insert("cipher"));
  must(writer->commit());
  EXPECT_FALSE(must(reader->refresh_tokens().find(id)).has_value());  // the snapshot is stable
}

TEST(SqliteStore, SmallPoolServesMoreThreadsThanConnections) {
  test::TempStoreDir dir;
  auto store = must(open_sqlite_store({.file = dir.path() / "mytoken.sqlite", .pool_size = 2}));
  std::atomic<int> committed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        auto tx = store->begin(i % 2 == 0 ? TxMode::kWrite : TxMode::kRead);
        if (tx && (*tx)->refresh_tokens().insert("cipher") && (*tx)->commit()) {
          ++committed;
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(committed.load(), 80);
}

TEST(SqliteStore, InMemoryDatabaseWorksWithOneConnection) {
  auto store = must(open_sqlite_store({.file = ":memory:"}));
  int64_t id = 0;
  {
    auto tx = must(store->begin(TxMode::kWrite));
    id = must(tx->refresh_tokens().insert("cipher"));
    must(tx->commit());
  }
  auto tx = must(store->begin(TxMode::kRead));
  EXPECT_TRUE(must(tx->refresh_tokens().find(id)).has_value());
  EXPECT_FALSE(std::filesystem::exists(":memory:"));
}

}  // namespace
}  // namespace mytoken::store_contract
