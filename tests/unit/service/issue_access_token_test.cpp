#include "service/access_tokens/issue_access_token.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <thread>

#include "service/minting/family_key.hpp"
#include "service/revocation/revoke_token.hpp"
#include "unit/service/subtoken_test_context.hpp"

namespace mytoken {
namespace {

using test::FakeOidcProvider;
using test::must;

RestrictionClause at_usages(int64_t limit) { return RestrictionClause{.usages_AT = limit}; }

// The use case against a real SQLite store and a scripted OP (test::FakeOidcProvider). Tokens of login() hold
// the refresh token "op-rt-<user>".
class IssueAccessTokenTest : public test::TreeTest {
 protected:
  Result<AccessTokenResponse> request_at(const MintedMytoken& token) const {
    AccessTokenRequest request;
    request.mytoken = token.jwt;
    return use_case_.run(request, kCaller);
  }
  int64_t used_ats(const MintedMytoken& token, const RestrictionClause& clause) {
    auto tx = must(store_->begin(TxMode::kRead));
    return must(tx->usages().counts(token.mom_id, clause_hash(clause))).at;
  }
  int64_t rt_id_of(const MintedMytoken& token) {
    auto tx = must(store_->begin(TxMode::kRead));
    return must(tx->tokens().find(token.mom_id))->rt_id;
  }
  std::string stored_refresh_token(const MintedMytoken& token) {
    const auto rt_id = rt_id_of(token);
    auto tx = must(store_->begin(TxMode::kRead));
    return must(open_family_refresh_token(*tx, secret_, token.jwt, token.mom_id, rt_id)).reveal_string();
  }
  // As another instance of the server would: replaces the family's refresh token behind this instance's back.
  void replace_refresh_token_elsewhere(const MintedMytoken& token, const std::string& refresh_token) {
    const auto rt_id = rt_id_of(token);
    auto tx = must(store_->begin(TxMode::kWrite));
    const auto record = must(tx->refresh_tokens().find(rt_id));
    ASSERT_TRUE(record.has_value());
    ASSERT_TRUE(must(
        tx->refresh_tokens().replace(rt_id, record->version, seal_refresh_token(family_key_, Secret(refresh_token)))));
    must(tx->commit());
  }

  IssueAccessToken use_case_{ctx_};
};

TEST_F(IssueAccessTokenTest, AnswersTheOpsAccessTokenAndConsumesOneUsage) {
  const auto clause = at_usages(2);
  const auto token = login({"AT"}, {clause});
  provider_->answer_refresh(FakeOidcProvider::tokens("op-access-token"));

  const auto response = must(request_at(token));
  EXPECT_EQ(response.access_token.reveal(), "op-access-token");
  EXPECT_EQ(response.token_type, "Bearer");
  EXPECT_EQ(response.expires_in, 3600);
  EXPECT_EQ(response.token_update, nullptr);
  EXPECT_EQ(used_ats(token, clause), 1);
  const auto calls = provider_->refresh_calls();
  ASSERT_EQ(calls.size(), 1U);
  EXPECT_EQ(calls[0].refresh_token.reveal(), "op-rt-alice");
  EXPECT_EQ(stored_refresh_token(token), "op-rt-alice");  // the OP kept it
  auto tx = must(store_->begin(TxMode::kRead));
  EXPECT_EQ(must(tx->access_tokens().count_of_token(token.mom_id)), 1);
}

TEST_F(IssueAccessTokenTest, AnOpFailureReleasesTheReservedUsage) {
  const auto clause = at_usages(1);
  const auto token = login({"AT"}, {clause});
  provider_->answer_refresh(ApiError::oidc_error(400, "invalid_grant: refresh token expired"));

  const auto failed = request_at(token);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().error, "oidc_error");  // spec §15: the OP's status and "<error>[: <description>]"
  EXPECT_EQ(failed.error().status, 400);
  EXPECT_EQ(failed.error().description, "invalid_grant: refresh token expired");
  EXPECT_EQ(used_ats(token, clause), 0);
  auto tx = must(store_->begin(TxMode::kRead));
  EXPECT_EQ(must(tx->access_tokens().count_of_token(token.mom_id)), 0);
  tx.reset();

  // The single usage is still there, and it is counted: the next request after it is refused.
  provider_->answer_refresh(FakeOidcProvider::tokens("op-access-token"));
  EXPECT_EQ(must(request_at(token)).access_token.reveal(), "op-access-token");
  const auto exhausted = request_at(token);
  ASSERT_FALSE(exhausted);
  EXPECT_EQ(exhausted.error().error, "usage_restricted");
  EXPECT_EQ(provider_->refresh_calls().size(), 2U);
}

TEST_F(IssueAccessTokenTest, AnUnreachableOpIs502AndReleasesTheUsage) {
  const auto clause = at_usages(1);
  const auto token = login({"AT"}, {clause});
  // Nothing scripted: the fake answers as the adapter does for an OP it cannot reach.
  const auto failed = request_at(token);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().error, "oidc_error");
  EXPECT_EQ(failed.error().status, 502);
  EXPECT_EQ(used_ats(token, clause), 0);
}

TEST_F(IssueAccessTokenTest, ARotatedRefreshTokenIsStoredAndUsedNext) {
  const auto token = login({"AT"});
  provider_->answer_refresh(FakeOidcProvider::tokens("at-1", "op-rt-2"));
  provider_->answer_refresh(FakeOidcProvider::tokens("at-2", "op-rt-3"));
  EXPECT_EQ(must(request_at(token)).access_token.reveal(), "at-1");
  EXPECT_EQ(stored_refresh_token(token), "op-rt-2");
  EXPECT_EQ(must(request_at(token)).access_token.reveal(), "at-2");
  EXPECT_EQ(stored_refresh_token(token), "op-rt-3");
  const auto calls = provider_->refresh_calls();
  ASSERT_EQ(calls.size(), 2U);
  EXPECT_EQ(calls[1].refresh_token.reveal(), "op-rt-2");
}

// Design §3: while the OP rotates, refreshes of one family run one after the other, each with the refresh token
// the previous one stored. The first request waits at the fake OP's gate; the gate opens once the second has
// reserved its usage (the test polls the store, yielding), i.e. is at the family's lock. Without the lock the
// second would read the old refresh token and reach the OP before the first stored its successor.
TEST_F(IssueAccessTokenTest, SingleFlightPerFamilyWhileTheOpRotates) {
  const auto clause = at_usages(10);
  const auto token = login({"AT"}, {clause});
  provider_->answer_refresh(FakeOidcProvider::tokens("at-1", "op-rt-2"));
  provider_->answer_refresh(FakeOidcProvider::tokens("at-2", "op-rt-3"));
  provider_->close_gate();

  std::optional<Result<AccessTokenResponse>> first, second;
  std::thread a([&] { first = request_at(token); });
  const bool first_at_op = provider_->wait_until_at_gate(1);
  std::atomic<bool> second_done = false;
  std::thread b([&] {
    second = request_at(token);
    second_done = true;
  });
  while (first_at_op && !second_done && used_ats(token, clause) < 2) std::this_thread::yield();
  provider_->open_gate();
  a.join();
  b.join();

  ASSERT_TRUE(first_at_op);
  ASSERT_TRUE(first && *first && second && *second);
  EXPECT_EQ((*first)->access_token.reveal(), "at-1");
  EXPECT_EQ((*second)->access_token.reveal(), "at-2");
  EXPECT_EQ(provider_->most_concurrent_refreshes(), 1);
  const auto calls = provider_->refresh_calls();
  ASSERT_EQ(calls.size(), 2U);
  EXPECT_EQ(calls[0].refresh_token.reveal(), "op-rt-alice");
  EXPECT_EQ(calls[1].refresh_token.reveal(), "op-rt-2");
  EXPECT_EQ(stored_refresh_token(token), "op-rt-3");
  EXPECT_EQ(used_ats(token, clause), 2);
}

// An OP whose first answer kept the refresh token gets the refreshes of a family in parallel (design §3, the
// learnt policy): both requests are at the OP at once.
TEST_F(IssueAccessTokenTest, ParallelRefreshesOnceTheOpIsSeenKeepingRefreshTokens) {
  const auto token = login({"AT"});
  provider_->answer_refresh(FakeOidcProvider::tokens("at-0"));
  must(request_at(token));
  provider_->answer_refresh(FakeOidcProvider::tokens("at-1"));
  provider_->answer_refresh(FakeOidcProvider::tokens("at-2"));
  provider_->close_gate();

  std::optional<Result<AccessTokenResponse>> first, second;
  std::thread a([&] { first = request_at(token); });
  std::thread b([&] { second = request_at(token); });
  const bool both_at_op = provider_->wait_until_at_gate(2);
  provider_->open_gate();
  a.join();
  b.join();

  EXPECT_TRUE(both_at_op);
  EXPECT_EQ(provider_->most_concurrent_refreshes(), 2);
  ASSERT_TRUE(first && *first && second && *second);
  EXPECT_EQ(stored_refresh_token(token), "op-rt-alice");
}

// Another instance replaced the family's refresh token between this request's read and its write. The
// compare-and-swap on the record's version keeps the other writer's (newer) token rather than overwriting it
// with this request's; the request still answers the access token it got, and the next request uses the
// token that was kept.
TEST_F(IssueAccessTokenTest, RaceLostOnTheRefreshTokenVersionKeepsTheNewerTokenAndAnswers) {
  const auto token = login({"AT"});
  provider_->answer_refresh(FakeOidcProvider::tokens("at-1", "op-rt-from-this-instance"));
  provider_->close_gate();

  std::optional<Result<AccessTokenResponse>> response;
  std::thread a([&] { response = request_at(token); });
  const bool at_op = provider_->wait_until_at_gate(1);
  if (at_op) replace_refresh_token_elsewhere(token, "op-rt-from-another-instance");
  provider_->open_gate();
  a.join();

  ASSERT_TRUE(at_op);
  ASSERT_TRUE(response.has_value());
  ASSERT_TRUE(*response) << response->error().error << " " << response->error().log_detail;
  EXPECT_EQ((*response)->access_token.reveal(), "at-1");
  EXPECT_EQ(stored_refresh_token(token), "op-rt-from-another-instance");

  provider_->answer_refresh(FakeOidcProvider::tokens("at-2"));
  must(request_at(token));
  const auto calls = provider_->refresh_calls();
  ASSERT_EQ(calls.size(), 2U);
  EXPECT_EQ(calls[1].refresh_token.reveal(), "op-rt-from-another-instance");
}

TEST_F(IssueAccessTokenTest, ARevokedTokenIsRefusedWithoutAskingTheOp) {
  const auto token = login({"AT"});
  must(revoke_token(ctx_, RevokeRequest{token.jwt, false, ""}, kCaller));
  provider_->answer_refresh(FakeOidcProvider::tokens("at-1"));

  const auto refused = request_at(token);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().error, "invalid_token");
  EXPECT_EQ(refused.error().status, 401);
  EXPECT_TRUE(provider_->refresh_calls().empty());
}

TEST_F(IssueAccessTokenTest, ATokenWithoutTheAtCapabilityIsRefused) {
  const auto token = login({"tokeninfo"});
  const auto refused = request_at(token);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().error, "insufficient_capabilities");
  EXPECT_TRUE(provider_->refresh_calls().empty());
}

}  // namespace
}  // namespace mytoken
