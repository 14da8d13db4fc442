#include "service/access_tokens/access_token_reuse.hpp"

#include <gtest/gtest.h>

namespace mytoken {
namespace {

const Secret kFamilyKey{std::string(32, 'f')};
constexpr int64_t kNow = 1'800'000'000;

OpTokenResponse op_answer(std::string access_token, int64_t expires_in) {
  OpTokenResponse r;
  r.access_token = Secret(std::move(access_token));
  r.refresh_token = Secret("refresh-token-never-cached");
  r.token_type = "Bearer";
  r.scope = "openid storage.read";
  r.expires_in = expires_in;
  return r;
}

TEST(AccessTokenReuseCache, AnswersWithWhatIsLeftOfTheLifetime) {
  AccessTokenReuseCache cache(8);
  const AccessTokenReuseKey key{7, {"openid", "storage.read"}, {"https://a.example"}};
  cache.remember(key, kFamilyKey, op_answer("at-1", 300), kNow);
  auto hit = cache.find(key, kFamilyKey, kNow + 100, 60);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->access_token.reveal(), "at-1");
  EXPECT_EQ(hit->expires_in, 200);
  EXPECT_EQ(hit->scope, "openid storage.read");
  EXPECT_EQ(hit->token_type, "Bearer");
  EXPECT_TRUE(hit->refresh_token.empty());
}

TEST(AccessTokenReuseCache, NotWithLessThanTheMinimumLifetimeLeft) {
  AccessTokenReuseCache cache(8);
  const AccessTokenReuseKey key{7, {}, {}};
  cache.remember(key, kFamilyKey, op_answer("at-1", 300), kNow);
  EXPECT_TRUE(cache.find(key, kFamilyKey, kNow + 240, 60));
  EXPECT_FALSE(cache.find(key, kFamilyKey, kNow + 241, 60));
  EXPECT_FALSE(cache.find(key, kFamilyKey, kNow + 300, 0));  // expired: never, whatever the minimum
}

TEST(AccessTokenReuseCache, OrderAndDuplicatesOfScopesDoNotMatter) {
  AccessTokenReuseCache cache(8);
  cache.remember({7, {"openid", "storage.read"}, {"x", "y"}}, kFamilyKey, op_answer("at-1", 300), kNow);
  EXPECT_TRUE(cache.find({7, {"storage.read", "openid", "openid"}, {"y", "x"}}, kFamilyKey, kNow, 60));
}

TEST(AccessTokenReuseCache, OtherFamilyScopesOrAudiencesMiss) {
  AccessTokenReuseCache cache(8);
  cache.remember({7, {"openid"}, {"x"}}, kFamilyKey, op_answer("at-1", 300), kNow);
  EXPECT_FALSE(cache.find({8, {"openid"}, {"x"}}, kFamilyKey, kNow, 60));
  EXPECT_FALSE(cache.find({7, {"openid", "profile"}, {"x"}}, kFamilyKey, kNow, 60));
  EXPECT_FALSE(cache.find({7, {"openid"}, {}}, kFamilyKey, kNow, 60));
  EXPECT_FALSE(cache.find({7, {}, {"x"}}, kFamilyKey, kNow, 60));
}

TEST(AccessTokenReuseCache, JoinedStringsCannotImpersonateAnotherRequest) {
  AccessTokenReuseCache cache(8);
  cache.remember({7, {"a", "b"}, {}}, kFamilyKey, op_answer("at-1", 300), kNow);
  EXPECT_FALSE(cache.find({7, {"a b"}, {}}, kFamilyKey, kNow, 60));
  EXPECT_FALSE(cache.find({7, {"1:a1:b"}, {}}, kFamilyKey, kNow, 60));
  EXPECT_FALSE(cache.find({7, {"a"}, {"b"}}, kFamilyKey, kNow, 60));
}

TEST(AccessTokenReuseCache, OnlyTheFamilyKeyOpensAnEntry) {
  AccessTokenReuseCache cache(8);
  const AccessTokenReuseKey key{7, {}, {}};
  cache.remember(key, kFamilyKey, op_answer("at-1", 300), kNow);
  EXPECT_FALSE(cache.find(key, Secret(std::string(32, 'g')), kNow, 60));
}

TEST(AccessTokenReuseCache, AnswerWithoutLifetimeIsNotKept) {
  AccessTokenReuseCache cache(8);
  const AccessTokenReuseKey key{7, {}, {}};
  cache.remember(key, kFamilyKey, op_answer("at-1", 0), kNow);
  EXPECT_FALSE(cache.find(key, kFamilyKey, kNow, 0));
}

}  // namespace
}  // namespace mytoken
