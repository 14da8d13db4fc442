#include "service/revocation/revoke_by_mom_id.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "unit/service/subtoken_test_context.hpp"

namespace mytoken {
namespace {

using test::must;

class RevokeByMomIdTest : public test::TreeTest {
 protected:
  Result<std::shared_ptr<MytokenResponse>> revoke(const MintedMytoken& by, const MomId& target, bool recursive) {
    return revoke_by_mom_id(ctx_, RevokeByMomIdRequest{by.jwt, target, recursive, ""}, kCaller);
  }
};

TEST_F(RevokeByMomIdTest, ATokenRevokesItsDescendants) {  // spec §11 B
  const auto root = login({"AT"});
  const auto child = child_of(root, {"AT"});
  const auto grandchild = child_of(child, {"AT"});
  EXPECT_EQ(must(revoke(root, child.mom_id, true)), nullptr);
  EXPECT_FALSE(exists(child.mom_id));
  EXPECT_FALSE(exists(grandchild.mom_id));
  EXPECT_TRUE(exists(root.mom_id));
}

TEST_F(RevokeByMomIdTest, NonRecursiveRevocationMakesChildrenRoots) {  // spec §12.1
  const auto root = login({"AT"});
  const auto child = child_of(root, {"AT"});
  const auto grandchild = child_of(child, {"AT"});
  must(revoke(root, child.mom_id, false));
  EXPECT_FALSE(exists(child.mom_id));
  auto tx = must(store_->begin(TxMode::kRead));
  const auto row = must(tx->tokens().find(grandchild.mom_id));
  ASSERT_TRUE(row);
  EXPECT_FALSE(row->parent);
}

TEST_F(RevokeByMomIdTest, OtherTokensNeedManageMytokensRevokeAndTheSameUser) {
  const auto root = login({"AT"});
  const auto child = child_of(root, {"AT"});
  const auto sibling = login({"AT"});
  auto r = revoke(child, root.mom_id, false);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().error, "insufficient_capabilities");
  r = revoke(root, sibling.mom_id, false);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().error, "insufficient_capabilities");
  const auto manager = login({"manage_mytokens:revoke"});
  must(revoke(manager, sibling.mom_id, false));
  EXPECT_FALSE(exists(sibling.mom_id));
  const auto bob = login({"AT"}, {}, {}, "bob");
  r = revoke(manager, bob.mom_id, false);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().error, "invalid_grant");
  EXPECT_EQ(r.error().status, 403);
  EXPECT_TRUE(exists(bob.mom_id));
}

TEST_F(RevokeByMomIdTest, TheAuthorisingTokensRestrictionsAndRotationApply) {  // spec §21 item 8
  auto restricted = login({"AT"}, must(restrictions_from_json(boost::json::parse(R"([{"usages_other":0}])"))));
  const auto child = child_of(restricted, {"AT"});
  auto r = revoke(restricted, child.mom_id, false);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().error, "usage_restricted");
  EXPECT_TRUE(exists(child.mom_id));
  const auto rotating = login({"AT"}, {}, Rotation{.on_other = true});
  const auto child2 = child_of(rotating, {"AT"});
  auto update = must(revoke(rotating, child2.mom_id, false));
  ASSERT_NE(update, nullptr);
  r = revoke(rotating, rotating.mom_id, false);  // the superseded JWT
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, 401);
}

TEST_F(RevokeByMomIdTest, RevokingItselfRevokesTheFamilysRefreshTokenAtTheOp) {
  const auto solo = login({"AT"});
  EXPECT_EQ(must(revoke(solo, solo.mom_id, false)), nullptr);
  EXPECT_FALSE(exists(solo.mom_id));
  EXPECT_EQ(provider_->revocations(), 1);
}

}  // namespace
}  // namespace mytoken
