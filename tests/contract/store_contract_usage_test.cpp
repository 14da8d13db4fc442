#include <atomic>
#include <thread>
#include <vector>

#include "contract/store_contract.hpp"

namespace mytoken::store_contract {
namespace {

using Kind = UsageRepository::Kind;

const MomId kToken{"t"};

// A committed token "t" for the usage rows to belong to.
void insert_token(Store& store) {
  auto tx = must(store.begin(TxMode::kWrite));
  must(tx->tokens().insert(token_row(kToken.value, new_family(*tx))));
  must(tx->commit());
}

TEST_P(StoreContract, TryConsumeCountsUpToTheLimit) {
  insert_token(*store_);
  auto tx = begin();
  EXPECT_TRUE(must(tx->usages().try_consume(kToken, "h", R"({"usages_AT":2})", Kind::kAT, 2)));
  EXPECT_TRUE(must(tx->usages().try_consume(kToken, "h", R"({"usages_AT":2})", Kind::kAT, 2)));
  EXPECT_FALSE(must(tx->usages().try_consume(kToken, "h", R"({"usages_AT":2})", Kind::kAT, 2)));
  const auto counts = must(tx->usages().counts(kToken, "h"));
  EXPECT_EQ(counts.at, 2);
  EXPECT_EQ(counts.other, 0);
}

TEST_P(StoreContract, TryConsumeCountsKindsAndClausesSeparately) {
  insert_token(*store_);
  auto tx = begin();
  EXPECT_TRUE(must(tx->usages().try_consume(kToken, "h1", "{}", Kind::kAT, 1)));
  EXPECT_TRUE(must(tx->usages().try_consume(kToken, "h1", "{}", Kind::kOther, 1)));
  EXPECT_FALSE(must(tx->usages().try_consume(kToken, "h1", "{}", Kind::kOther, 1)));
  EXPECT_TRUE(must(tx->usages().try_consume(kToken, "h2", "{}", Kind::kAT, 1)));
  const auto h1 = must(tx->usages().counts(kToken, "h1"));
  EXPECT_EQ(h1.at, 1);
  EXPECT_EQ(h1.other, 1);
  EXPECT_EQ(must(tx->usages().counts(kToken, "h2")).at, 1);
}

TEST_P(StoreContract, TryConsumeWithoutLimitAlwaysSucceedsAndCounts) {
  insert_token(*store_);
  auto tx = begin();
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(must(tx->usages().try_consume(kToken, "h", "{}", Kind::kOther, std::nullopt)));
  }
  EXPECT_EQ(must(tx->usages().counts(kToken, "h")).other, 5);
}

TEST_P(StoreContract, TryConsumeWithZeroLimitFails) {
  insert_token(*store_);
  auto tx = begin();
  EXPECT_FALSE(must(tx->usages().try_consume(kToken, "h", "{}", Kind::kAT, 0)));
  EXPECT_EQ(must(tx->usages().counts(kToken, "h")).at, 0);
}

TEST_P(StoreContract, ReleaseGivesBackAUsageButNeverGoesBelowZero) {
  insert_token(*store_);
  auto tx = begin();
  EXPECT_TRUE(must(tx->usages().try_consume(kToken, "h", "{}", Kind::kAT, 1)));
  EXPECT_TRUE(must(tx->usages().try_consume(kToken, "h", "{}", Kind::kOther, std::nullopt)));
  must(tx->usages().release(kToken, "h", Kind::kAT));
  EXPECT_EQ(must(tx->usages().counts(kToken, "h")).at, 0);
  EXPECT_EQ(must(tx->usages().counts(kToken, "h")).other, 1);  // the other kind is untouched
  must(tx->usages().release(kToken, "h", Kind::kAT));
  must(tx->usages().release(kToken, "unknown", Kind::kAT));
  EXPECT_EQ(must(tx->usages().counts(kToken, "h")).at, 0);
  EXPECT_TRUE(must(tx->usages().try_consume(kToken, "h", "{}", Kind::kAT, 1)));  // released usage is reusable
}

TEST_P(StoreContract, CountsOfAnUnknownClauseAreZero) {
  auto tx = begin(TxMode::kRead);
  const auto counts = must(tx->usages().counts(MomId{"nobody"}, "h"));
  EXPECT_EQ(counts.at, 0);
  EXPECT_EQ(counts.other, 0);
}

TEST_P(StoreContract, ConcurrentTryConsumeGrantsExactlyTheLimit) {  // design §4: exact limits under races
  insert_token(*store_);
  constexpr int kThreads = 8;
  constexpr int kAttempts = 20;
  constexpr int64_t kLimit = 10;
  std::atomic<int> granted{0};
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kAttempts; ++i) {
        auto tx = store_->begin(TxMode::kWrite);
        if (!tx) {
          ++errors;
          continue;
        }
        const auto consumed = (*tx)->usages().try_consume(kToken, "h", "{}", Kind::kAT, kLimit);
        if (!consumed || !(*tx)->commit()) {
          ++errors;
        } else if (*consumed) {
          ++granted;
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(granted.load(), kLimit);
  auto tx = begin(TxMode::kRead);
  EXPECT_EQ(must(tx->usages().counts(kToken, "h")).at, kLimit);
}

}  // namespace
}  // namespace mytoken::store_contract
