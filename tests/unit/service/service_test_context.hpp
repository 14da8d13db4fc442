#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "crypto/jws.hpp"
#include "crypto/server_secret.hpp"
#include "crypto/system_random.hpp"
#include "service/common/oidc_providers.hpp"
#include "service/common/service_context.hpp"
#include "service/minting/family_key.hpp"
#include "service/minting/mytoken_minter.hpp"
#include "support/must.hpp"
#include "support/temp_sqlite_store.hpp"

// A ServiceContext over a temp SQLite store, an in-memory ES256 key, a fixed pepper and a clock the test moves,
// for the tests of use cases that need no OP (tests/unit/service).
namespace mytoken::test {

class MovableClock final : public Clock {
 public:
  int64_t now() const override { return now_; }
  void advance(int64_t seconds) { now_ += seconds; }
  int64_t now_ = 1'800'000'000;  // public on purpose: a test fixture
};

inline ServiceOptions test_service_options() {
  ServiceOptions options;
  options.issuer = "https://mytoken.example";
  return options;
}

class ServiceTest : public ::testing::Test {
 protected:
  // Mints a token of a new family (user alice) with `rotation` and stores it, as a login would.
  MintedMytoken new_family_token(std::optional<Rotation> rotation) {
    MytokenSpec spec{"alice", "https://op.example", "test", {"AT", "tokeninfo"}, {}, rotation, clock_.now()};
    auto token = mint_mytoken(ctx_, spec);
    auto tx = must(store_->begin(TxMode::kWrite));
    const auto user = must(tx->users().upsert("alice", "https://op.example"));
    const auto rt_id = must(tx->refresh_tokens().insert(seal_refresh_token(family_key_, Secret("op-refresh-token"))));
    must(store_mytoken(*tx, ctx_, token, user, rt_id, family_key_, std::nullopt, CallerContext{"192.0.2.1", "test"}));
    must(tx->commit());
    return token;
  }

  std::unique_ptr<Store> store_ = make_temp_sqlite_store();
  OidcProviders providers_;
  SigningKeyRing key_{must(SigningKey::generate(JwsAlg::kES256))};
  ServerSecret secret_ = ServerSecret::from_bytes(std::string(32, 'k'));
  MovableClock clock_;
  SystemRandom random_;
  ServiceCounters counters_;
  Secret family_key_{std::string(32, 'f')};
  ServiceContext ctx_{
      *store_, providers_, key_, secret_, clock_, random_, counters_, MatchEnvironment{}, test_service_options()};
};

}  // namespace mytoken::test
