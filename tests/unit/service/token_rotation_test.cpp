#include "service/rotation/token_rotation.hpp"

#include <gtest/gtest.h>

#include "service/common/presented_token.hpp"
#include "service/minting/family_key.hpp"
#include "service/minting/token_representation.hpp"
#include "service/transfer/short_token.hpp"
#include "unit/service/service_test_context.hpp"

namespace mytoken {
namespace {

using test::must;

const CallerContext kCaller{"192.0.2.1", "test"};

class TokenRotationTest : public test::ServiceTest {
 protected:
  // One use of `presented` in its own write transaction, committed; the token_update or nullptr.
  std::shared_ptr<MytokenResponse> use(const Secret& presented, UseKind kind) {
    auto token = must(validate_mytoken(ctx_, presented));
    auto tx = must(store_->begin(TxMode::kWrite));
    auto update = must(rotate_if_due(*tx, ctx_, token, kind, kCaller));
    must(tx->commit());
    return update;
  }
  int status_of(const Secret& presented) {
    auto r = validate_mytoken(ctx_, presented);
    return r ? 200 : r.error().status;
  }
  Result<Secret> unwrap_with(const Secret& jwt, const MomId& id) {
    auto tx = must(store_->begin(TxMode::kRead));
    auto wrapped = must(tx->key_wraps().find(id));
    if (!wrapped) return ApiError::internal("no key wrap");
    return unwrap_family_key(secret_, jwt, id, *wrapped);
  }
  // A short token for `token`, as a login with response_type short_token hands out.
  Secret short_token_for(const MintedMytoken& token) {
    auto tx = must(store_->begin(TxMode::kWrite));
    auto response = must(present_mytoken(*tx, ctx_, token, TokenRepresentation::kShortToken, clock_.now()));
    must(tx->commit());
    return response.mytoken;
  }
};

TEST_F(TokenRotationTest, RotatesOnTheConfiguredUseOnly) {
  const auto token = new_family_token(Rotation{.on_AT = true});
  EXPECT_EQ(use(token.jwt, UseKind::kOther), nullptr);
  EXPECT_EQ(status_of(token.jwt), 200);
  const auto other = new_family_token(Rotation{.on_other = true});
  EXPECT_EQ(use(other.jwt, UseKind::kAccessToken), nullptr);
  EXPECT_NE(use(other.jwt, UseKind::kOther), nullptr);
  EXPECT_EQ(use(new_family_token(std::nullopt).jwt, UseKind::kAccessToken), nullptr);
}

TEST_F(TokenRotationTest, RotatedTokenHasNextSeqNoAndTheOldOneIsNeverAcceptedAgain) {  // spec §9
  const auto token = new_family_token(Rotation{.on_AT = true});
  clock_.advance(10);
  const auto update = use(token.jwt, UseKind::kAccessToken);
  ASSERT_NE(update, nullptr);
  EXPECT_EQ(update->mytoken_type, "token");
  EXPECT_EQ(update->mom_id, token.mom_id);
  const auto rotated = must(validate_mytoken(ctx_, update->mytoken));
  EXPECT_EQ(rotated.claims.seq_no, 2);
  EXPECT_EQ(rotated.claims.jti, token.claims.jti);
  EXPECT_EQ(rotated.claims.iat, clock_.now());
  EXPECT_EQ(status_of(token.jwt), 401);
  // The new token rotates again; neither older one comes back.
  const auto again = use(update->mytoken, UseKind::kAccessToken);
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(must(validate_mytoken(ctx_, again->mytoken)).claims.seq_no, 3);
  EXPECT_EQ(status_of(token.jwt), 401);
  EXPECT_EQ(status_of(update->mytoken), 401);
}

TEST_F(TokenRotationTest, OldTokenCannotUnwrapTheFamilyKeyAfterRotation) {  // spec §12.4, design §4
  const auto token = new_family_token(Rotation{.on_AT = true});
  EXPECT_EQ(must(unwrap_with(token.jwt, token.mom_id)), family_key_);
  const auto update = use(token.jwt, UseKind::kAccessToken);
  ASSERT_NE(update, nullptr);
  EXPECT_FALSE(unwrap_with(token.jwt, token.mom_id));
  EXPECT_EQ(must(unwrap_with(update->mytoken, token.mom_id)), family_key_);
}

TEST_F(TokenRotationTest, OfTwoConcurrentUsesOnlyOneRotates) {
  const auto token = new_family_token(Rotation{.on_AT = true});
  // Both requests validated the same token before either committed.
  const auto first = must(validate_mytoken(ctx_, token.jwt));
  const auto second = must(validate_mytoken(ctx_, token.jwt));
  std::shared_ptr<MytokenResponse> update;
  {
    auto tx = must(store_->begin(TxMode::kWrite));
    update = must(rotate_if_due(*tx, ctx_, first, UseKind::kAccessToken, kCaller));
    must(tx->commit());
  }
  ASSERT_NE(update, nullptr);
  auto tx = must(store_->begin(TxMode::kWrite));
  EXPECT_EQ(must(rotate_if_due(*tx, ctx_, second, UseKind::kAccessToken, kCaller)), nullptr);
  must(tx->commit());
  EXPECT_EQ(must(validate_mytoken(ctx_, update->mytoken)).claims.seq_no, 2);  // the winner's token stays valid
}

TEST_F(TokenRotationTest, ShortTokenRotatesToANewShortToken) {  // spec §4.5, §9
  const auto token = new_family_token(Rotation{.on_AT = true});
  const auto short_token = short_token_for(token);
  EXPECT_EQ(short_token.reveal().size(), 64u);
  const auto presented = must(validate_mytoken(ctx_, short_token));
  EXPECT_EQ(presented.representation, "short_token");
  const auto update = use(short_token, UseKind::kAccessToken);
  ASSERT_NE(update, nullptr);
  EXPECT_EQ(update->mytoken_type, "short_token");
  EXPECT_EQ(update->mytoken.reveal().size(), 64u);
  EXPECT_NE(update->mytoken, short_token);
  const auto rotated = must(validate_mytoken(ctx_, update->mytoken));
  EXPECT_EQ(rotated.representation, "short_token");
  EXPECT_EQ(rotated.claims.seq_no, 2);
  EXPECT_EQ(status_of(short_token), 401);  // its row keeps the stale JWT
}

TEST_F(TokenRotationTest, ReuseOfASupersededTokenWithAutoRevokeRevokesTheToken) {  // spec §4.3 step 4
  const auto token = new_family_token(Rotation{.on_AT = true, .auto_revoke = true});
  const auto short_token = short_token_for(token);
  const auto update = use(short_token, UseKind::kAccessToken);
  ASSERT_NE(update, nullptr);
  EXPECT_EQ(status_of(update->mytoken), 200);
  EXPECT_EQ(status_of(short_token), 401);      // reuse of the old short token ...
  EXPECT_EQ(status_of(update->mytoken), 401);  // ... revoked the token itself
  auto tx = must(store_->begin(TxMode::kRead));
  EXPECT_FALSE(must(tx->tokens().find(token.mom_id)).has_value());
}

TEST_F(TokenRotationTest, WithoutAutoRevokeReuseIsRefusedButHarmless) {
  const auto token = new_family_token(Rotation{.on_AT = true});
  const auto update = use(token.jwt, UseKind::kAccessToken);
  ASSERT_NE(update, nullptr);
  EXPECT_EQ(status_of(token.jwt), 401);
  EXPECT_EQ(status_of(update->mytoken), 200);
}

TEST_F(TokenRotationTest, RotationLifetimeEndsAnUnusedToken) {  // spec §9 "lifetime"
  const auto token = new_family_token(Rotation{.on_AT = true, .lifetime = 100});
  EXPECT_EQ(token.claims.exp, clock_.now() + 100);
  clock_.advance(50);
  const auto update = use(token.jwt, UseKind::kAccessToken);
  ASSERT_NE(update, nullptr);
  EXPECT_EQ(must(validate_mytoken(ctx_, update->mytoken)).claims.exp, clock_.now() + 100);
  clock_.advance(101);
  EXPECT_EQ(status_of(update->mytoken), 401);
}

TEST_F(TokenRotationTest, ShortTokensAreTooShortBelow32Characters) {  // spec §4.3 step 1
  auto r = validate_mytoken(ctx_, Secret(std::string(31, 'a')));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().description, "token not valid");
  auto unknown = validate_mytoken(ctx_, Secret(std::string(64, 'a')));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().status, 401);
  EXPECT_EQ(unknown.error().error, "invalid_token");
}

}  // namespace
}  // namespace mytoken
