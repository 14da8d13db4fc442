#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "service/access_tokens/issue_access_token.hpp"
#include "support/fake_oidc_provider.hpp"
#include "unit/service/subtoken_test_context.hpp"

namespace mytoken {
namespace {

using test::FakeOidcProvider;
using test::must;

// The real store until told to refuse write transactions, as a database that stops taking writes does.
class WriteRefusingStore final : public Store {
 public:
  explicit WriteRefusingStore(Store& inner) : inner_(inner) {}
  Result<std::unique_ptr<Transaction>> begin(TxMode mode) override {
    if (refuse_writes && mode == TxMode::kWrite) return ApiError::internal("test: writes refused");
    return inner_.begin(mode);
  }
  std::atomic<bool> refuse_writes = false;

 private:
  Store& inner_;
};

// ServiceCounters::usage_release_failures: a usage reserved before the OP call that the store will not give back
// is counted (for /metrics), not discarded.
class UsageReleaseCounterTest : public ::testing::Test {
 protected:
  // A stored AT-capable token of a new family whose one clause allows 5 access tokens.
  MintedMytoken token_with_usage_limit() {
    RestrictionClause clause;
    clause.usages_AT = 5;
    auto token =
        mint_mytoken(ctx_, MytokenSpec{"alice", "https://op.example", "test", {"AT"}, {clause}, {}, clock_.now()});
    auto tx = must(sqlite_->begin(TxMode::kWrite));
    const auto user = must(tx->users().upsert("alice", "https://op.example"));
    const auto rt_id = must(tx->refresh_tokens().insert(seal_refresh_token(family_key_, Secret("op-rt"))));
    must(store_mytoken(*tx, ctx_, token, user, rt_id, family_key_, std::nullopt, kCaller));
    must(tx->commit());
    return token;
  }
  Result<AccessTokenResponse> request_access_token(const MintedMytoken& token) {
    AccessTokenRequest request;
    request.mytoken = token.jwt;
    return IssueAccessToken(ctx_).run(request, kCaller);
  }
  int64_t at_usages(const MintedMytoken& token) {
    auto tx = must(sqlite_->begin(TxMode::kRead));
    return must(tx->usages().counts(token.mom_id, clause_hash(token.claims.restrictions.at(0)))).at;
  }

  const CallerContext kCaller{"192.0.2.1", "unit-test"};
  std::unique_ptr<Store> sqlite_ = test::make_temp_sqlite_store();
  WriteRefusingStore store_{*sqlite_};
  FakeOidcProvider* provider_ = nullptr;
  OidcProviders providers_ = test::one_provider(provider_);
  SigningKeyRing key_{must(SigningKey::generate(JwsAlg::kES256))};
  ServerSecret secret_ = ServerSecret::from_bytes(std::string(32, 'k'));
  test::MovableClock clock_;
  SystemRandom random_;
  ServiceCounters counters_;
  Secret family_key_{std::string(32, 'f')};
  ServiceContext ctx_{
      store_, providers_, key_, secret_, clock_, random_, counters_, MatchEnvironment{}, test::test_service_options()};
};

TEST_F(UsageReleaseCounterTest, AUsageGivenBackAfterTheOpFailedIsNotCounted) {
  const auto token = token_with_usage_limit();
  provider_->answer_refresh(ApiError::oidc_error(502, "the OP is down"));
  const auto r = request_access_token(token);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, 502);
  EXPECT_EQ(provider_->refresh_calls().size(), 1U);
  EXPECT_EQ(at_usages(token), 0);
  EXPECT_EQ(counters_.usage_release_failures.load(), 0u);
}

TEST_F(UsageReleaseCounterTest, AUsageTheStoreWillNotGiveBackIsCounted) {
  const auto token = token_with_usage_limit();
  provider_->answer_refresh(ApiError::oidc_error(502, "the OP is down"));
  provider_->close_gate();
  Result<AccessTokenResponse> r = ApiError::internal("not run");
  std::thread request([&] { r = request_access_token(token); });
  const bool arrived = provider_->wait_until_at_gate(1);
  store_.refuse_writes = true;  // the database stops taking writes while the request is at the OP
  provider_->open_gate();
  request.join();
  ASSERT_TRUE(arrived);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, 502);  // the OP's error, not the store's
  EXPECT_EQ(at_usages(token), 1);    // stays consumed
  EXPECT_EQ(counters_.usage_release_failures.load(), 1u);
}

}  // namespace
}  // namespace mytoken
