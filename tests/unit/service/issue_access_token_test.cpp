#include "service/issue_access_token.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "unit/service/service_test_context.hpp"

namespace mytoken {
namespace {

using test::must;

// The real store until told to refuse write transactions, as a database that stops taking writes does.
class WriteRefusingStore final : public Store {
 public:
  explicit WriteRefusingStore(Store& inner) : inner_(inner) {}
  Result<std::unique_ptr<Transaction>> begin(TxMode mode) override {
    if (refuse_writes && mode == TxMode::kWrite) return ApiError::internal("test: writes refused");
    return inner_.begin(mode);
  }
  bool refuse_writes = false;

 private:
  Store& inner_;
};

// An OP (https://op.example) whose token endpoint always fails; `during_refresh` runs before it answers.
class FailingRefreshProvider final : public OidcProvider {
 public:
  const std::string& issuer() const override { return issuer_; }
  const std::string& name() const override { return name_; }
  const std::vector<std::string>& scopes() const override { return scopes_; }
  Result<std::string> authorization_url(const AuthorizationParams&) override { return fail(); }
  Result<OpTokenResponse> exchange_code(const Secret&, const Secret&, const std::string&) override { return fail(); }
  Result<OpTokenResponse> refresh(const Secret&, const std::vector<std::string>&,
                                  const std::vector<std::string>&) override {
    ++refreshes;
    if (during_refresh) during_refresh();
    return fail();
  }
  Result<void> revoke_refresh_token(const Secret&) override { return fail(); }
  Result<OpIdentity> identify(const OpTokenResponse&) override { return fail(); }

  std::function<void()> during_refresh;
  int refreshes = 0;

 private:
  static ApiError fail() { return ApiError::oidc_error(502, "the OP is down"); }
  std::string issuer_ = "https://op.example";
  std::string name_;
  std::vector<std::string> scopes_{"openid"};
};

OidcProviders one_provider(FailingRefreshProvider*& out) {
  auto p = std::make_unique<FailingRefreshProvider>();
  out = p.get();
  std::vector<std::unique_ptr<OidcProvider>> list;
  list.push_back(std::move(p));
  return must(OidcProviders::create(std::move(list)));
}

class IssueAccessTokenTest : public ::testing::Test {
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
  FailingRefreshProvider* provider_ = nullptr;
  OidcProviders providers_ = one_provider(provider_);
  SigningKey key_ = must(SigningKey::generate(JwsAlg::kES256));
  ServerSecret secret_ = ServerSecret::from_bytes(std::string(32, 'k'));
  test::MovableClock clock_;
  SystemRandom random_;
  ServiceCounters counters_;
  Secret family_key_{std::string(32, 'f')};
  ServiceContext ctx_{
      store_, providers_, key_, secret_, clock_, random_, counters_, MatchEnvironment{}, test::test_service_options()};
};

TEST_F(IssueAccessTokenTest, AUsageGivenBackAfterTheOpFailedIsNotCounted) {
  const auto token = token_with_usage_limit();
  const auto r = request_access_token(token);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, 502);
  EXPECT_EQ(provider_->refreshes, 1);
  EXPECT_EQ(at_usages(token), 0);
  EXPECT_EQ(counters_.usage_release_failures.load(), 0u);
}

TEST_F(IssueAccessTokenTest, AUsageTheStoreWillNotGiveBackIsCounted) {
  const auto token = token_with_usage_limit();
  provider_->during_refresh = [this] { store_.refuse_writes = true; };
  const auto r = request_access_token(token);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, 502);  // the OP's error, not the store's
  EXPECT_EQ(at_usages(token), 1);    // stays consumed
  EXPECT_EQ(counters_.usage_release_failures.load(), 1u);
}

}  // namespace
}  // namespace mytoken
