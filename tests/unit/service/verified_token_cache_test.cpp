#include "service/common/verified_token_cache.hpp"

#include <gtest/gtest.h>

#include "service/common/presented_token.hpp"
#include "service_test_context.hpp"

namespace mytoken::test {
namespace {

VerifiedTokenCache::Entry entry_with_jti(std::string jti) {
  VerifiedTokenCache::Entry e;
  e.claims.jti = std::move(jti);
  return e;
}

TEST(VerifiedTokenCache, VerifiesOnceThenAnswersFromTheCache) {
  VerifiedTokenCache cache(16);
  int verifications = 0;
  auto verify = [&]() -> Result<VerifiedTokenCache::Entry> {
    ++verifications;
    return entry_with_jti("jti-1");
  };
  ASSERT_TRUE(cache.get_or_verify("header.payload.sig", 0, verify));
  auto again = cache.get_or_verify("header.payload.sig", 0, verify);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->claims.jti, "jti-1");
  EXPECT_EQ(verifications, 1);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(VerifiedTokenCache, FailuresAreNeverRemembered) {
  VerifiedTokenCache cache(16);
  int verifications = 0;
  auto reject = [&]() -> Result<VerifiedTokenCache::Entry> {
    ++verifications;
    return ApiError::invalid_token("bad signature");
  };
  EXPECT_FALSE(cache.get_or_verify("forged", 0, reject));
  EXPECT_FALSE(cache.get_or_verify("forged", 0, reject));
  EXPECT_EQ(verifications, 2);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(VerifiedTokenCache, ADifferentByteIsADifferentToken) {
  VerifiedTokenCache cache(16);
  auto ok = [] { return Result<VerifiedTokenCache::Entry>(entry_with_jti("jti-1")); };
  ASSERT_TRUE(cache.get_or_verify("header.payload.sig", 0, ok));
  int verifications = 0;
  auto reject = [&]() -> Result<VerifiedTokenCache::Entry> {
    ++verifications;
    return ApiError::invalid_token("bad signature");
  };
  EXPECT_FALSE(cache.get_or_verify("header.payload.siG", 0, reject));
  EXPECT_EQ(verifications, 1);
}

TEST(VerifiedTokenCache, VerifiesAgainAfterTheSigningKeysChanged) {  // a retired key's tokens must fail
  VerifiedTokenCache cache(16);
  int verifications = 0;
  auto verify = [&]() -> Result<VerifiedTokenCache::Entry> {
    ++verifications;
    if (verifications > 1) return ApiError::invalid_token("token signature invalid");
    return entry_with_jti("jti-1");
  };
  ASSERT_TRUE(cache.get_or_verify("header.payload.sig", 0, verify));
  EXPECT_TRUE(cache.get_or_verify("header.payload.sig", 0, verify));
  EXPECT_FALSE(cache.get_or_verify("header.payload.sig", 1, verify));
  EXPECT_EQ(verifications, 2);
}

// Through validate_mytoken: the cache skips only the signature work, the store is still asked.
class CachedValidation : public ServiceTest {
 protected:
  CachedValidation() { ctx_.verified_tokens = &cache_; }
  VerifiedTokenCache cache_{64};
};

TEST_F(CachedValidation, RevokedTokenIsRejectedAlthoughItsSignatureIsCached) {
  auto token = new_family_token(std::nullopt);
  ASSERT_TRUE(validate_mytoken(ctx_, token.jwt));
  ASSERT_EQ(cache_.size(), 1u);
  {
    auto tx = must(store_->begin(TxMode::kWrite));
    must(tx->tokens().remove(token.mom_id, /*recursive=*/true));
    must(tx->commit());
  }
  auto again = validate_mytoken(ctx_, token.jwt);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().error, "invalid_token");
}

TEST_F(CachedValidation, TamperedCopyOfACachedTokenIsRejected) {
  auto token = new_family_token(std::nullopt);
  ASSERT_TRUE(validate_mytoken(ctx_, token.jwt));
  std::string forged = token.jwt.reveal_string();
  char& c = forged[forged.size() - 10];  // inside the signature, away from base64url's padding bits
  c = c == 'A' ? 'B' : 'A';
  EXPECT_FALSE(validate_mytoken(ctx_, Secret(forged)));
  EXPECT_TRUE(validate_mytoken(ctx_, token.jwt));
}

}  // namespace
}  // namespace mytoken::test
