// tests/unit/crypto/public_jwk_test.cpp (mirrors src/crypto/jwk.cpp; spec §3.2)
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "crypto/encoding.hpp"
#include "crypto/jwk.hpp"
#include "crypto/jws.hpp"
#include "jws_test_support.hpp"

namespace mytoken {
namespace {

using test::cached_key;

std::string str(const boost::json::object& o, std::string_view key) { return std::string(o.at(key).as_string()); }

TEST(JwkThumbprint, MatchesRfc7638Example) {  // RFC 7638 §3.1
  const auto jwk = boost::json::parse(R"({"kty":"RSA","kid":"2011-04-29","alg":"RS256",
    "n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
    "e":"AQAB"})")
                       .as_object();
  EXPECT_EQ(crypto_internal::jwk_thumbprint(jwk), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
}

TEST(JwkThumbprint, IsEmptyForIncompleteOrUnknownKeys) {
  EXPECT_EQ(crypto_internal::jwk_thumbprint(boost::json::parse(R"({"kty":"EC","crv":"P-256","x":"AA"})").as_object()),
            "");
  EXPECT_EQ(crypto_internal::jwk_thumbprint(boost::json::parse(R"({"kty":"oct","k":"AA"})").as_object()), "");
}

TEST(PublicJwk, DescribesEcKeysWithPaddedCoordinates) {
  const struct {
    JwsAlg alg;
    const char* crv;
    size_t bytes;
  } cases[] = {{JwsAlg::kES256, "P-256", 32}, {JwsAlg::kES384, "P-384", 48}, {JwsAlg::kES512, "P-521", 66}};
  for (const auto& c : cases) {
    const auto jwk = cached_key(c.alg).public_jwk();
    EXPECT_EQ(str(jwk, "kty"), "EC");
    EXPECT_EQ(str(jwk, "crv"), c.crv);
    EXPECT_EQ(base64url_decode(str(jwk, "x"))->size(), c.bytes);
    EXPECT_EQ(base64url_decode(str(jwk, "y"))->size(), c.bytes);
    EXPECT_EQ(str(jwk, "use"), "sig");
    EXPECT_EQ(str(jwk, "alg"), jws_alg_name(c.alg));
    EXPECT_EQ(str(jwk, "kid"), crypto_internal::jwk_thumbprint(jwk));
    EXPECT_FALSE(jwk.contains("d"));
    EXPECT_EQ(jwk.size(), 7u);
  }
}

TEST(PublicJwk, DescribesEd25519AsOkp) {  // RFC 8037 §2
  const auto jwk = cached_key(JwsAlg::kEdDSA).public_jwk();
  EXPECT_EQ(str(jwk, "kty"), "OKP");
  EXPECT_EQ(str(jwk, "crv"), "Ed25519");
  EXPECT_EQ(base64url_decode(str(jwk, "x"))->size(), 32u);
  EXPECT_EQ(str(jwk, "alg"), "EdDSA");
  EXPECT_EQ(str(jwk, "kid"), crypto_internal::jwk_thumbprint(jwk));
  EXPECT_EQ(jwk.size(), 6u);
}

TEST(PublicJwk, DescribesRsaKeysWithNAndE) {
  const auto jwk = cached_key(JwsAlg::kPS256).public_jwk();
  EXPECT_EQ(str(jwk, "kty"), "RSA");
  EXPECT_EQ(base64url_decode(str(jwk, "n"))->size(), 256u);
  EXPECT_EQ(str(jwk, "e"), "AQAB");
  EXPECT_EQ(str(jwk, "alg"), "PS256");
  EXPECT_EQ(str(jwk, "kid").size(), 43u);
  EXPECT_EQ(str(jwk, "kid"), crypto_internal::jwk_thumbprint(jwk));
  EXPECT_FALSE(jwk.contains("d"));
}

TEST(PublicJwk, KidDiffersBetweenKeys) {
  EXPECT_NE(str(cached_key(JwsAlg::kES256).public_jwk(), "kid"), str(cached_key(JwsAlg::kES384).public_jwk(), "kid"));
}

}  // namespace
}  // namespace mytoken
