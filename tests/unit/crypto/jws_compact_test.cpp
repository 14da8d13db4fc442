// tests/unit/crypto/jws_compact_test.cpp (mirrors src/crypto/jws_compact.cpp; spec §21 item 9)
#include <gtest/gtest.h>

#include "crypto/jws.hpp"
#include "jws_test_support.hpp"

namespace mytoken {
namespace {

using test::compact;
using test::segment;

TEST(LooksLikeJwt, AcceptsEverySignedTokenWhateverTheSignatureLength) {  // spec §20 item 9: ES256, RSA too
  for (const JwsAlg alg : test::kAllAlgs) EXPECT_TRUE(looks_like_jwt(test::cached_key(alg).sign("MT+JWT", "{}")));
}

TEST(LooksLikeJwt, AcceptsUnsignedJwtsSoTheyFailAsJwtsNotAsShortTokens) {
  EXPECT_TRUE(looks_like_jwt(compact(R"({"alg":"none"})", "{}", "")));
}

TEST(LooksLikeJwt, RejectsShortTokensAndMalformedJwts) {
  EXPECT_FALSE(looks_like_jwt("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNOPQRSTUVWXYZabcdefghijkmnop"));
  EXPECT_FALSE(looks_like_jwt(""));
  EXPECT_FALSE(looks_like_jwt(".."));
  EXPECT_FALSE(looks_like_jwt("a.b.c"));
  EXPECT_FALSE(looks_like_jwt(segment("{}") + "." + segment("{}")));
  EXPECT_FALSE(looks_like_jwt(compact("{}", "{}", "s") + ".x"));
  EXPECT_FALSE(looks_like_jwt(segment("{}") + "=." + segment("{}") + ".AA"));
  EXPECT_FALSE(looks_like_jwt(compact("[]", "{}", "s")));
  EXPECT_FALSE(looks_like_jwt(compact("{}", "{}", "s") + "*"));
}

TEST(DecodeJwsPayloadUnverified, ReturnsThePayloadObject) {
  const auto got = decode_jws_payload_unverified(compact(R"({"alg":"RS256"})", R"({"scope":"openid","exp":5})", "sig"));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->at("scope").as_string(), "openid");
  EXPECT_EQ(got->at("exp").as_int64(), 5);
}

TEST(DecodeJwsPayloadUnverified, RejectsNonJsonPayloadsAndMalformedTokens) {
  EXPECT_FALSE(decode_jws_payload_unverified(compact(R"({"alg":"RS256"})", "opaque", "sig")).has_value());
  EXPECT_FALSE(decode_jws_payload_unverified(compact(R"({"alg":"RS256"})", "[1]", "sig")).has_value());
  EXPECT_FALSE(decode_jws_payload_unverified(compact("x", "{}", "sig")).has_value());
  EXPECT_FALSE(decode_jws_payload_unverified("opaque-access-token").has_value());
}

}  // namespace
}  // namespace mytoken
