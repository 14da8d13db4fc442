// tests/unit/crypto/remote_jwks_test.cpp (mirrors src/crypto/remote_jwks.cpp; spec §21 item 19)
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "crypto/jws.hpp"
#include "jws_test_support.hpp"

namespace mytoken {
namespace {

using test::cached_key;
namespace json = boost::json;

constexpr std::string_view kClaims = R"({"iss":"https://op.example.org","sub":"user123","nonce":"n"})";

RemoteJwks jwks_of(std::initializer_list<json::object> keys) {
  json::array array;
  for (const auto& k : keys) array.push_back(k);
  auto parsed = RemoteJwks::parse(json::object{{"keys", array}});
  EXPECT_TRUE(parsed.has_value());
  return *parsed;
}

void expect_rejected(const Result<json::object>& got, std::string_view reason) {
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().error, "invalid_token");
  EXPECT_EQ(got.error().description, reason);
}

TEST(RemoteJwks, VerifiesRfc7515AppendixA3) {  // an ES256 token from outside this code base
  const auto jwks = RemoteJwks::parse(json::parse(R"({"keys":[{"kty":"EC","crv":"P-256",
      "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]})"));
  ASSERT_TRUE(jwks.has_value());
  const auto got = jwks->verify(
      "eyJhbGciOiJFUzI1NiJ9."
      "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
      "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q",
      {JwsAlg::kES256});
  ASSERT_TRUE(got.has_value()) << got.error().description;
  EXPECT_EQ(got->at("iss").as_string(), "joe");
  EXPECT_EQ(got->at("exp").as_int64(), 1300819380);
}

class RemoteJwksEveryAlg : public ::testing::TestWithParam<JwsAlg> {};

TEST_P(RemoteJwksEveryAlg, VerifiesTokensOfAPublishedSigningKey) {
  const SigningKey& key = cached_key(GetParam());
  const RemoteJwks jwks = jwks_of({key.public_jwk()});
  EXPECT_EQ(jwks.size(), 1u);
  const auto got = jwks.verify(key.sign("JWT", kClaims), {GetParam()});
  ASSERT_TRUE(got.has_value()) << got.error().description;
  EXPECT_EQ(*got, json::parse(kClaims).as_object());
}

TEST_P(RemoteJwksEveryAlg, RejectsAnAlgOutsideTheAllowedList) {
  const SigningKey& key = cached_key(GetParam());
  const JwsAlg other = GetParam() == JwsAlg::kRS256 ? JwsAlg::kES256 : JwsAlg::kRS256;
  expect_rejected(jwks_of({key.public_jwk()}).verify(key.sign("JWT", kClaims), {other}), "token alg not accepted");
  expect_rejected(jwks_of({key.public_jwk()}).verify(key.sign("JWT", kClaims), {}), "token alg not accepted");
}

INSTANTIATE_TEST_SUITE_P(AllAlgs, RemoteJwksEveryAlg, ::testing::ValuesIn(test::kAllAlgs),
                         [](const auto& info) { return std::string(jws_alg_name(info.param)); });

class RemoteJwksWithKid : public ::testing::Test {
 protected:
  void SetUp() override {
    jwk_ = cached_key(JwsAlg::kRS256).public_jwk();
    rsa_ = test::load_private_key(test::cached_rsa_key_file());
    ASSERT_TRUE(rsa_);
  }
  std::string token(std::string_view header) const {
    return test::sign_with_header(rsa_.get(), JwsAlg::kRS256, header, kClaims);
  }
  crypto_internal::EvpPkeyPtr rsa_;
  json::object jwk_;
};

TEST_F(RemoteJwksWithKid, ChoosesTheKeyByKid) {
  const std::string kid(jwk_.at("kid").as_string());
  const RemoteJwks jwks =
      jwks_of({cached_key(JwsAlg::kRS256, 1).public_jwk(), jwk_, cached_key(JwsAlg::kES256).public_jwk()});
  EXPECT_EQ(jwks.size(), 3u);
  EXPECT_TRUE(jwks.verify(token(R"({"alg":"RS256","kid":")" + kid + R"("})"), {JwsAlg::kRS256}).has_value());
  EXPECT_TRUE(jwks.verify(token(R"({"alg":"RS256"})"), {JwsAlg::kRS256}).has_value());  // no kid: try all
}

TEST_F(RemoteJwksWithKid, RejectsAnUnknownKid) {
  expect_rejected(jwks_of({jwk_}).verify(token(R"({"alg":"RS256","kid":"other"})"), {JwsAlg::kRS256}),
                  "no key for token");
}

TEST_F(RemoteJwksWithKid, RejectsAKidThatNamesAnotherKey) {
  const std::string other_kid(cached_key(JwsAlg::kRS256, 1).public_jwk().at("kid").as_string());
  auto other = cached_key(JwsAlg::kRS256, 1).public_jwk();
  expect_rejected(
      jwks_of({jwk_, other}).verify(token(R"({"alg":"RS256","kid":")" + other_kid + R"("})"), {JwsAlg::kRS256}),
      "token signature invalid");
}

TEST_F(RemoteJwksWithKid, HonoursTheAlgPinnedInTheJwk) {
  // The same RSA key signs PS256; the JWK says RS256, so a PS256 token must not verify with it.
  const std::string ps = test::sign_with_header(rsa_.get(), JwsAlg::kPS256, R"({"alg":"PS256"})", kClaims);
  expect_rejected(jwks_of({jwk_}).verify(ps, {JwsAlg::kRS256, JwsAlg::kPS256}), "no key for token");
  auto unpinned = jwk_;
  unpinned.erase("alg");
  EXPECT_TRUE(jwks_of({unpinned}).verify(ps, {JwsAlg::kRS256, JwsAlg::kPS256}).has_value());
}

TEST_F(RemoteJwksWithKid, RejectsAlgNoneHmacCritAndMalformedTokens) {
  const RemoteJwks jwks = jwks_of({jwk_});
  const std::vector<JwsAlg> rs256 = {JwsAlg::kRS256};
  expect_rejected(jwks.verify(test::compact(R"({"alg":"none"})", kClaims, ""), rs256), "token alg not accepted");
  expect_rejected(jwks.verify(test::compact(R"({"alg":"HS256"})", kClaims, std::string(32, 'k')), rs256),
                  "token alg not accepted");
  expect_rejected(jwks.verify(token(R"({"alg":"RS256","crit":["b64"],"b64":false})"), rs256),
                  "token header not supported");
  expect_rejected(jwks.verify("a.b", rs256), "token malformed");
  expect_rejected(jwks.verify(token(R"({"alg":"RS256"})") + "=", rs256), "token malformed");
}

TEST_F(RemoteJwksWithKid, RejectsTamperedTokensAndNonObjectPayloads) {
  const RemoteJwks jwks = jwks_of({jwk_});
  std::string t = token(R"({"alg":"RS256"})");
  t[t.size() - 5] = t[t.size() - 5] == 'A' ? 'B' : 'A';
  expect_rejected(jwks.verify(t, {JwsAlg::kRS256}), "token signature invalid");
  const std::string array_payload =
      test::sign_with_header(rsa_.get(), JwsAlg::kRS256, R"({"alg":"RS256"})", R"(["not","an","object"])");
  expect_rejected(jwks.verify(array_payload, {JwsAlg::kRS256}), "token payload is no JSON object");
}

TEST(RemoteJwksParse, SkipsKeysItCannotUseForSignatures) {
  const auto es256 = cached_key(JwsAlg::kES256).public_jwk();
  auto enc = es256;
  enc["use"] = "enc";
  auto hmac_pinned = es256;
  hmac_pinned["alg"] = "HS256";
  auto short_x = es256;
  short_x["x"] = "AAAA";
  auto off_curve = es256;
  off_curve["y"] = off_curve.at("x");
  auto unknown_curve = es256;
  unknown_curve["crv"] = "secp256k1";
  const auto jwks = RemoteJwks::parse(json::object{
      {"keys", json::array{es256, enc, hmac_pinned, short_x, off_curve, unknown_curve,
                           json::object{{"kty", "oct"}, {"k", "c2VjcmV0"}},
                           json::object{{"kty", "OKP"}, {"crv", "X25519"}, {"x", std::string(43, 'A')}},
                           json::object{{"kty", "RSA"}, {"n", "!!"}, {"e", "AQAB"}}, "not an object", 42}}});
  ASSERT_TRUE(jwks.has_value());
  EXPECT_EQ(jwks->size(), 1u);
}

TEST(RemoteJwksParse, FailsWithoutAKeysArray) {
  EXPECT_FALSE(RemoteJwks::parse(json::parse("[]")).has_value());
  EXPECT_FALSE(RemoteJwks::parse(json::parse("{}")).has_value());
  const auto got = RemoteJwks::parse(json::parse(R"({"keys":{}})"));
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().error, "oidc_error");
}

}  // namespace
}  // namespace mytoken
