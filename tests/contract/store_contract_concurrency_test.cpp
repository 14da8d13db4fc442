#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "contract/store_contract.hpp"

// Races between transactions, as they happen between the worker threads of one mytokend or between several
// mytokend instances on one PostgreSQL database (design §4: every invariant holds across instances).
namespace mytoken::store_contract {
namespace {

Family insert_family_with_token(Store& store, const std::string& id) {
  auto tx = must(store.begin(TxMode::kWrite));
  const auto family = new_family(*tx);
  must(tx->tokens().insert(token_row(id, family)));
  must(tx->commit());
  return family;
}

TEST_P(StoreContract, ConcurrentReplacesOfARefreshTokenHaveOneWinner) {  // OP refresh-token rotation (design §3)
  const auto family = insert_family_with_token(*store_, "t");
  EXPECT_EQ(race(*store_, 12,
                 [&](Transaction& tx) { return tx.refresh_tokens().replace(family.rt_id, 1, "rotated-by-someone"); }),
            1);
  auto tx = begin(TxMode::kRead);
  const auto record = must(tx->refresh_tokens().find(family.rt_id));
  ASSERT_TRUE(record);
  EXPECT_EQ(record->version, 2);
  EXPECT_EQ(record->ciphertext, "rotated-by-someone");
}

TEST_P(StoreContract, ConcurrentAdvancesOfASeqNoHaveOneWinner) {  // mytoken rotation and reuse detection
  insert_family_with_token(*store_, "t");
  EXPECT_EQ(race(*store_, 12, [](Transaction& tx) { return tx.tokens().advance_seq_no(MomId{"t"}, 1, 500); }), 1);
  auto tx = begin(TxMode::kRead);
  EXPECT_EQ(must(tx->tokens().find(MomId{"t"}))->seq_no, 2);
}

TEST_P(StoreContract, CommittedRemovalIsVisibleToTheNextTransaction) {  // revocation takes effect at once
  insert_family_with_token(*store_, "t");
  {
    auto tx = begin();
    must(tx->tokens().remove(MomId{"t"}, /*recursive=*/true));
    must(tx->commit());
  }
  auto tx = begin(TxMode::kRead);
  EXPECT_FALSE(must(tx->tokens().find(MomId{"t"})).has_value());
}

// A sub-token minted (on another instance) while its parent is being revoked: whichever way the two
// transactions interleave, the sub-token must not survive as a new root of the revoked tree.
TEST_P(StoreContract, RecursiveRemoveAlsoDeletesAChildCommittedWhileItWaited) {
  const auto family = insert_family_with_token(*store_, "root");
  {
    auto tx = begin();
    must(tx->tokens().insert(token_row("mid", family, "root")));
    must(tx->commit());
  }
  std::promise<void> inserted;
  std::atomic<bool> minted{false};
  std::thread minter([&] {
    auto tx = store_->begin(TxMode::kWrite);
    if (!tx || !(*tx)->tokens().insert(token_row("late-child", family, "mid"))) {
      inserted.set_value();
      return;
    }
    inserted.set_value();
    // Not synchronisation: gives the revocation time to start and wait for us, the interleaving under test.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    minted = static_cast<bool>((*tx)->commit());
  });
  inserted.get_future().wait();
  {
    auto tx = begin();  // SQLite: waits for the minter's write lock; PostgreSQL: remove() waits for its row lock
    must(tx->tokens().remove(MomId{"root"}, /*recursive=*/true));
    must(tx->commit());
  }
  minter.join();
  EXPECT_TRUE(minted.load());
  auto tx = begin(TxMode::kRead);
  for (const auto* id : {"root", "mid", "late-child"}) {
    EXPECT_FALSE(must(tx->tokens().find(MomId{id})).has_value()) << id;
  }
}

// An AT request (or any use) that holds its token while a revocation starts: the revocation waits, so the
// rows the request writes for the token never meet a missing token (a foreign-key failure, issue 13 item 3).
TEST_P(StoreContract, RemovalWhileItWaitedForAHeldTokenLetsTheHolderFinish) {
  insert_family_with_token(*store_, "t");
  std::promise<void> held;
  std::atomic<bool> committed{false};
  std::thread user([&] {
    auto tx = store_->begin(TxMode::kWrite);
    if (!tx || !(*tx)->tokens().hold(MomId{"t"})) {
      held.set_value();
      return;
    }
    held.set_value();
    // Not synchronisation: gives the revocation time to start and wait for us, the interleaving under test.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    committed = (*tx)->events().append(event_row("t", "AT_created", 600)) && (*tx)->commit();
  });
  held.get_future().wait();
  {
    auto tx = begin();  // SQLite: waits for the user's write lock; PostgreSQL: remove() waits for its key share
    must(tx->tokens().remove(MomId{"t"}, /*recursive=*/true));
    must(tx->commit());
  }
  user.join();
  EXPECT_TRUE(committed.load());
  auto tx = begin();
  EXPECT_EQ(must(tx->tokens().hold(MomId{"t"})), std::nullopt);
  EXPECT_TRUE(must(tx->events().of_token(MomId{"t"})).empty());
}

TEST_P(StoreContract, ParallelUsersOfOneSubjectGetOneId) {  // two instances logging in the same user at once
  std::atomic<int64_t> first_id{0};
  std::atomic<int> mismatches{0};
  EXPECT_EQ(race(*store_, 8,
                 [&](Transaction& tx) -> Result<bool> {
                   auto id = tx.users().upsert("carol", "https://op.example");
                   if (!id) return std::move(id).error();
                   int64_t expected = 0;
                   if (!first_id.compare_exchange_strong(expected, *id) && expected != *id) ++mismatches;
                   return true;
                 }),
            8);
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace mytoken::store_contract
