#include "util/keyed_mutex.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mytoken {
namespace {

// True once `done` is ready. The deadline only turns a deadlock into a failure (ASSERT before join: the joinable
// thread then ends the binary instead of hanging it); a passing test never waits on it.
bool finishes(std::future<void>& done) { return done.wait_for(std::chrono::seconds(30)) == std::future_status::ready; }

TEST(KeyedMutex, OneKeyHasOneHolderAtATime) {
  KeyedMutex locks;
  std::atomic<int> holders = 0;
  std::atomic<int> most_holders = 0;
  int64_t unguarded_sum = 0;  // a data race (TSan) and a lost update if the guard did not exclude
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        KeyedMutex::Guard guard(locks, 7);
        const int now_holding = ++holders;
        int seen = most_holders.load();
        while (now_holding > seen && !most_holders.compare_exchange_weak(seen, now_holding)) {
        }
        unguarded_sum = unguarded_sum + 1;
        --holders;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(most_holders.load(), 1);
  EXPECT_EQ(unguarded_sum, 4 * 500);
}

TEST(KeyedMutex, AWaiterGetsTheKeyAfterTheHolderReleasesIt) {
  KeyedMutex locks;
  std::mutex order_mutex;
  std::vector<std::string> order;
  auto note = [&](std::string what) {
    std::lock_guard lock(order_mutex);
    order.push_back(std::move(what));
  };
  std::promise<void> waiter_started;
  std::promise<void> waiter_done;
  auto done = waiter_done.get_future();
  std::thread waiter;
  {
    KeyedMutex::Guard held(locks, 7);
    waiter = std::thread([&] {
      waiter_started.set_value();
      KeyedMutex::Guard guard(locks, 7);
      note("waiter acquired");
      waiter_done.set_value();
    });
    waiter_started.get_future().wait();
    note("holder releases");
  }
  ASSERT_TRUE(finishes(done));
  waiter.join();
  EXPECT_EQ(order, (std::vector<std::string>{"holder releases", "waiter acquired"}));
}

TEST(KeyedMutex, DifferentKeysDoNotBlockEachOther) {
  KeyedMutex locks;
  std::promise<void> other_key_done;
  auto done = other_key_done.get_future();
  std::thread other;
  bool finished = false;
  {
    KeyedMutex::Guard held(locks, 1);
    other = std::thread([&] {
      KeyedMutex::Guard guard(locks, 2);
      other_key_done.set_value();
    });
    finished = finishes(done);  // while key 1 is still held
  }
  other.join();
  EXPECT_TRUE(finished);
}

// Entries exist only while held: a released key can be taken again, by this thread or another.
TEST(KeyedMutex, AReleasedKeyCanBeTakenAgain) {
  KeyedMutex locks;
  { KeyedMutex::Guard first(locks, 3); }
  std::promise<void> retaken;
  auto done = retaken.get_future();
  std::thread again([&] {
    { KeyedMutex::Guard same_key(locks, 3); }
    KeyedMutex::Guard once_more(locks, 3);
    retaken.set_value();
  });
  ASSERT_TRUE(finishes(done));
  again.join();
}

}  // namespace
}  // namespace mytoken
