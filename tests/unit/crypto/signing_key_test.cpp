// tests/unit/crypto/signing_key_test.cpp (mirrors src/crypto/signing_key.cpp, jws_signature.cpp, jws_alg.cpp)
#include <gtest/gtest.h>
#include <openssl/hmac.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>
#include <thread>
#include <vector>

#include "crypto/encoding.hpp"
#include "crypto/jws.hpp"
#include "jws_test_support.hpp"

namespace mytoken {
namespace {

using test::cached_key;
using test::compact;
using test::segment;

constexpr std::string_view kTyp = "MT+JWT";
constexpr std::string_view kPayload = R"({"jti":"8a0b8f2e-3c1d-4e5f-9a6b-7c8d9e0f1a2b","seq_no":1})";

std::string header_for(JwsAlg alg, std::string_view typ = kTyp) {
  return R"({"alg":")" + std::string(jws_alg_name(alg)) + R"(","typ":")" + std::string(typ) + R"("})";
}

std::vector<std::string> split(const std::string& token) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot; (dot = token.find('.', start)) != std::string::npos; start = dot + 1) {
    parts.push_back(token.substr(start, dot - start));
  }
  parts.push_back(token.substr(start));
  return parts;
}

void expect_rejected(const SigningKey& key, const std::string& token, std::string_view reason) {
  const auto got = key.verify(token, kTyp);
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().error, "invalid_token");
  EXPECT_EQ(got.error().status, 401);
  EXPECT_EQ(got.error().description, reason);
  if (!token.empty()) {
    EXPECT_EQ(got.error().description.find(token), std::string::npos);
    EXPECT_EQ(got.error().log_detail.find(token), std::string::npos);
  }
}

TEST(JwsAlgName, RoundTripsEveryAllowedAlg) {
  for (const JwsAlg alg : test::kAllAlgs) EXPECT_EQ(jws_alg_from_name(jws_alg_name(alg)), alg);
}

TEST(JwsAlgName, KnowsNoNoneNoHmacAndIsCaseSensitive) {  // design §4
  EXPECT_FALSE(jws_alg_from_name("none").has_value());
  EXPECT_FALSE(jws_alg_from_name("HS256").has_value());
  EXPECT_FALSE(jws_alg_from_name("es256").has_value());
  EXPECT_FALSE(jws_alg_from_name("").has_value());
}

class SigningKeyEveryAlg : public ::testing::TestWithParam<JwsAlg> {};

TEST_P(SigningKeyEveryAlg, VerifiesWhatItSigns) {
  const SigningKey& key = cached_key(GetParam());
  EXPECT_EQ(key.alg(), GetParam());
  const std::string token = key.sign(kTyp, kPayload);
  const auto got = key.verify(token, kTyp);
  ASSERT_TRUE(got.has_value()) << got.error().description;
  EXPECT_EQ(*got, kPayload);
}

TEST_P(SigningKeyEveryAlg, WritesExactlyAlgAndTypInTheHeader) {  // spec §4.1
  const auto parts = split(cached_key(GetParam()).sign(kTyp, kPayload));
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(base64url_decode(parts[0]), header_for(GetParam()));
  EXPECT_EQ(base64url_decode(parts[1]), kPayload);
}

TEST_P(SigningKeyEveryAlg, WritesSignaturesOfTheJwsLength) {  // RFC 7518 §3.4: ECDSA as R||S
  const auto sig = base64url_decode(split(cached_key(GetParam()).sign(kTyp, kPayload))[2]);
  ASSERT_TRUE(sig.has_value());
  const std::map<JwsAlg, size_t> expected = {
      {JwsAlg::kES256, 64}, {JwsAlg::kES384, 96}, {JwsAlg::kES512, 132}, {JwsAlg::kEdDSA, 64}};
  const auto it = expected.find(GetParam());
  EXPECT_EQ(sig->size(), it != expected.end() ? it->second : 256u);  // RSA-2048
}

TEST_P(SigningKeyEveryAlg, RejectsTamperedPayloadAndSignature) {
  const SigningKey& key = cached_key(GetParam());
  const auto parts = split(key.sign(kTyp, kPayload));
  const std::string other_payload = segment(R"({"jti":"8a0b8f2e-3c1d-4e5f-9a6b-7c8d9e0f1a2b","seq_no":2})");
  expect_rejected(key, parts[0] + "." + other_payload + "." + parts[2], "token signature invalid");
  std::string sig = *base64url_decode(parts[2]);
  sig[sig.size() / 2] ^= 0x01;
  expect_rejected(key, parts[0] + "." + parts[1] + "." + base64url_encode(sig), "token signature invalid");
  expect_rejected(key, parts[0] + "." + parts[1] + ".", "token signature invalid");
}

TEST_P(SigningKeyEveryAlg, RejectsTokenOfAnotherKeyWithTheSameAlg) {
  expect_rejected(cached_key(GetParam()), cached_key(GetParam(), 1).sign(kTyp, kPayload), "token signature invalid");
}

TEST_P(SigningKeyEveryAlg, RejectsAlgNone) {
  expect_rejected(cached_key(GetParam()), compact(R"({"alg":"none","typ":"MT+JWT"})", kPayload, ""),
                  "token alg not accepted");
}

TEST_P(SigningKeyEveryAlg, RejectsWrongOrMissingTyp) {
  const SigningKey& key = cached_key(GetParam());
  expect_rejected(key, key.sign("JWT", kPayload), "token typ mismatch");
  expect_rejected(key, key.sign("mt+jwt", kPayload), "token typ mismatch");  // exact comparison
  EXPECT_TRUE(key.verify(key.sign("JWT", kPayload), "JWT").has_value());
}

INSTANTIATE_TEST_SUITE_P(AllAlgs, SigningKeyEveryAlg, ::testing::ValuesIn(test::kAllAlgs),
                         [](const auto& info) { return std::string(jws_alg_name(info.param)); });

TEST(SigningKeyVerify, RejectsOtherAlgsThanThePinnedOne) {  // design §4
  const SigningKey& es256 = cached_key(JwsAlg::kES256);
  for (const JwsAlg alg : test::kAllAlgs) {
    if (alg == JwsAlg::kES256) continue;
    expect_rejected(es256, cached_key(alg).sign(kTyp, kPayload), "token alg not accepted");
  }
}

TEST(SigningKeyVerify, RejectsHs256SignedWithThePublicKey) {  // the classic alg-confusion attack
  const SigningKey& key = cached_key(JwsAlg::kRS256);
  const auto pkey = test::load_private_key(test::cached_rsa_key_file());
  const std::vector<std::string> secrets = {test::public_pem(pkey.get()), boost::json::serialize(key.public_jwk())};
  for (const auto& secret : secrets) {
    const std::string input = segment(R"({"alg":"HS256","typ":"MT+JWT"})") + "." + segment(kPayload);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &mac_len);
    const std::string token = input + "." + base64url_encode(std::string(reinterpret_cast<char*>(mac), mac_len));
    expect_rejected(key, token, "token alg not accepted");
  }
}

TEST(SigningKeyVerify, RejectsRs256TokenForAPs256KeyOfTheSameRsaKey) {
  const SigningKey& rs = cached_key(JwsAlg::kRS256);
  const SigningKey& ps = cached_key(JwsAlg::kPS256);
  ASSERT_EQ(rs.public_jwk().at("n"), ps.public_jwk().at("n"));
  expect_rejected(ps, rs.sign(kTyp, kPayload), "token alg not accepted");
  expect_rejected(rs, ps.sign(kTyp, kPayload), "token alg not accepted");
}

TEST(SigningKeyVerify, RejectsEcdsaSignaturesOfTheWrongLengthOrInDer) {
  test::TempDir dir;
  const auto key = SigningKey::load_or_create(dir.path() / "key.pem", JwsAlg::kES256);
  ASSERT_TRUE(key.has_value());
  const auto parts = split(key->sign(kTyp, kPayload));
  const std::string sig = *base64url_decode(parts[2]);
  const std::string prefix = parts[0] + "." + parts[1] + ".";
  expect_rejected(*key, prefix + base64url_encode(sig.substr(0, 63)), "token signature invalid");
  expect_rejected(*key, prefix + base64url_encode(sig + '\0'), "token signature invalid");
  expect_rejected(*key, prefix + base64url_encode(std::string(1, '\0') + sig), "token signature invalid");
  // The same signature in OpenSSL's DER form is valid ECDSA but no valid JWS.
  const auto pkey = test::load_private_key(dir.path() / "key.pem");
  const std::string input = parts[0] + "." + parts[1];
  crypto_internal::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  ASSERT_EQ(EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pkey.get()), 1);
  std::string der(80, '\0');
  size_t der_len = der.size();
  ASSERT_EQ(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(der.data()), &der_len,
                           reinterpret_cast<const unsigned char*>(input.data()), input.size()),
            1);
  der.resize(der_len);
  expect_rejected(*key, prefix + base64url_encode(der), "token signature invalid");
}

TEST(SigningKeyVerify, RejectsWrongSegmentCountsPaddingAndGarbage) {
  const SigningKey& key = cached_key(JwsAlg::kES256);
  const std::string token = key.sign(kTyp, kPayload);
  const auto parts = split(token);
  expect_rejected(key, "", "token malformed");
  expect_rejected(key, "garbage", "token malformed");
  expect_rejected(key, parts[0] + "." + parts[1], "token malformed");
  expect_rejected(key, token + "." + parts[2], "token malformed");
  expect_rejected(key, token + ".", "token malformed");
  expect_rejected(key, "." + token, "token malformed");
  expect_rejected(key, token + "=", "token malformed");
  expect_rejected(key, parts[0] + "=." + parts[1] + "." + parts[2], "token malformed");
  expect_rejected(key, token + " ", "token malformed");
  expect_rejected(key, " " + token, "token malformed");
  expect_rejected(key, parts[0] + "." + parts[1] + "+/." + parts[2], "token malformed");
  expect_rejected(key, "..", "token malformed");
  expect_rejected(key, "a.b.c", "token malformed");
}

TEST(SigningKeyVerify, RejectsHeadersThatAreNoJsonObject) {
  const SigningKey& key = cached_key(JwsAlg::kES256);
  const std::string rest = "." + segment(kPayload) + "." + base64url_encode(std::string(64, 'x'));
  expect_rejected(key, segment("[\"ES256\"]") + rest, "token malformed");
  expect_rejected(key, segment("\"ES256\"") + rest, "token malformed");
  expect_rejected(key, segment("{\"alg\":\"ES256\"") + rest, "token malformed");
  expect_rejected(key, segment("not json") + rest, "token malformed");
  expect_rejected(key, segment("") + rest, "token malformed");
  expect_rejected(key, segment(R"({"alg":["ES256"],"typ":"MT+JWT"})") + rest, "token alg not accepted");
  expect_rejected(key, segment(R"({"typ":"MT+JWT"})") + rest, "token alg not accepted");
  expect_rejected(key, segment(R"({"alg":"ES256","typ":null})") + rest, "token typ mismatch");
}

TEST(SigningKeyVerify, RejectsCriticalHeaderExtensionsEvenIfSigned) {  // RFC 7515 §4.1.11
  test::TempDir dir;
  const auto key = SigningKey::load_or_create(dir.path() / "key.pem", JwsAlg::kES256);
  ASSERT_TRUE(key.has_value());
  const auto pkey = test::load_private_key(dir.path() / "key.pem");
  const std::string token = test::sign_with_header(
      pkey.get(), JwsAlg::kES256, R"({"alg":"ES256","typ":"MT+JWT","crit":["exp"],"exp":1})", kPayload);
  expect_rejected(*key, token, "token header not supported");
  // The same key with a plain header is fine: only the extension is refused.
  EXPECT_TRUE(
      key->verify(test::sign_with_header(pkey.get(), JwsAlg::kES256, header_for(JwsAlg::kES256), kPayload), kTyp)
          .has_value());
}

TEST(SigningKeyVerify, IsSafeFromManyThreads) {
  const SigningKey& key = cached_key(JwsAlg::kES256);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (!key.verify(key.sign(kTyp, kPayload), kTyp)) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace mytoken
