#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "domain/ports/store.hpp"
#include "support/must.hpp"

// The store contract suite (style note item 12): every TEST_P in tests/contract/store_contract*_test.cpp runs
// against each backend instantiated in store_contract_test.cpp. Tests use only the Store port.
namespace mytoken::store_contract {

using StoreFactory = std::unique_ptr<Store> (*)();

using test::must;

// A user and a refresh-token record, the parents every token row needs.
struct Family {
  int64_t user_id = 0;
  int64_t rt_id = 0;
};

// Creates a user `sub` and a refresh-token record in `tx`.
inline Family new_family(Transaction& tx, const std::string& sub = "alice") {
  return Family{.user_id = must(tx.users().upsert(sub, "https://op.example")),
                .rt_id = must(tx.refresh_tokens().insert("rt-ciphertext-" + sub))};
}

// A plausible token row of `family`.
inline TokenRow token_row(const std::string& id, const Family& family, std::optional<std::string> parent = std::nullopt,
                          int64_t created = 1000) {
  TokenRow row;
  row.mom_id = MomId{id};
  row.parent = parent ? std::optional<MomId>(MomId{*parent}) : std::nullopt;
  row.name = "token " + id;
  row.created = created;
  row.ip_created = "192.0.2.1";
  row.user_id = family.user_id;
  row.rt_id = family.rt_id;
  row.capabilities_json = R"(["AT"])";
  row.restrictions_json = "[]";
  return row;
}

// Rows with only the fields most tests care about (designated initializers would trip
// -Wmissing-field-initializers on the members without defaults).
inline EventRow event_row(const std::string& mom_id, const std::string& event, int64_t time, std::string comment = {}) {
  EventRow row;
  row.mom_id = MomId{mom_id};
  row.event = event;
  row.time = time;
  row.comment = std::move(comment);
  row.ip = "192.0.2.7";
  row.user_agent = "mytoken-cli/1";
  return row;
}

inline AccessTokenRow access_token_row(const std::string& mom_id, int64_t created) {
  AccessTokenRow row;
  row.mom_id = MomId{mom_id};
  row.created = created;
  return row;
}

inline ProxyTokenRow proxy_token_row(const std::string& id, ProxyTokenRow::Kind kind, int64_t expires_at = 0,
                                     std::optional<std::string> mom_id = std::nullopt) {
  ProxyTokenRow row;
  row.id = id;
  row.kind = kind;
  row.mom_id = mom_id ? std::optional<MomId>(MomId{*mom_id}) : std::nullopt;
  row.created = 100;
  row.expires_at = expires_at;
  return row;
}

// Runs `attempt` (one write transaction each) from `threads` threads at once; returns how many took the row.
inline int race(Store& store, int threads, const std::function<Result<bool>(Transaction&)>& attempt) {
  std::atomic<int> won{0};
  std::atomic<int> errors{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      while (!go.load()) {
        std::this_thread::yield();
      }
      auto tx = store.begin(TxMode::kWrite);
      if (!tx) {
        ++errors;
        return;
      }
      const auto took = attempt(**tx);
      if (!took || !(*tx)->commit()) {
        ++errors;
      } else if (*took) {
        ++won;
      }
    });
  }
  go = true;
  for (auto& thread : pool) {
    thread.join();
  }
  EXPECT_EQ(errors.load(), 0);
  return won.load();
}

// The suite's only fixture: each backend is instantiated once for it in store_contract_test.cpp. A factory
// returns nullptr when its backend is not available on this machine (PostgreSQL outside CI): the test skips.
class StoreContract : public ::testing::TestWithParam<StoreFactory> {
 protected:
  void SetUp() override {
    if (!store_)
      GTEST_SKIP() << "store backend not available here (no PostgreSQL server; see scripts/pg-test-server.sh)";
  }
  std::unique_ptr<Transaction> begin(TxMode mode = TxMode::kWrite) { return must(store_->begin(mode)); }

  std::unique_ptr<Store> store_ = GetParam()();
};

}  // namespace mytoken::store_contract
