// tests/unit/crypto/hashing_test.cpp (mirrors src/crypto/hashing.cpp)
#include "crypto/hashing.hpp"

#include <gtest/gtest.h>

#include "crypto/encoding.hpp"

namespace mytoken {
namespace {

TEST(SubjectHash, MatchesSpecExample) {  // spec §4.1
  EXPECT_EQ(subject_hash("user123", "https://op.example.org"), "69G2T13j+rJ5EL4546afzp8CBFInreQDJN2RXOtUFoQ=");
}

TEST(MomIdFromJti, MatchesSpecExample) {  // spec §4.2
  const auto id = mom_id_from_jti("8a0b8f2e-3c1d-4e5f-9a6b-7c8d9e0f1a2b");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->value, "Y/pimscH5OQZzu+mZlvkAvX5Y01t4WiL5Td4uwiRgDpkIh3BveUyh1NAQKuzrGedKoUlG4zVNMXheYLWF7HReg==");
  EXPECT_EQ(id->value.size(), 88u);
}

TEST(MomIdFromJti, HashesTheRawBytesSoHexCaseDoesNotMatter) {
  EXPECT_EQ(mom_id_from_jti("8A0B8F2E-3C1D-4E5F-9A6B-7C8D9E0F1A2B"),
            mom_id_from_jti("8a0b8f2e-3c1d-4e5f-9a6b-7c8d9e0f1a2b"));
}

TEST(MomIdFromJti, RejectsNonCanonicalText) {
  EXPECT_FALSE(mom_id_from_jti("").has_value());
  EXPECT_FALSE(mom_id_from_jti("8a0b8f2e3c1d4e5f9a6b7c8d9e0f1a2b").has_value());
  EXPECT_FALSE(mom_id_from_jti("{8a0b8f2e-3c1d-4e5f-9a6b-7c8d9e0f1a2b}").has_value());
  EXPECT_FALSE(mom_id_from_jti("urn:uuid:8a0b8f2e-3c1d-4e5f-9a6b-7c8d9e0f1a2b").has_value());
  EXPECT_FALSE(mom_id_from_jti("8a0b8f2e-3c1d-4e5f-9a6b-7c8d9e0f1a2g").has_value());
  EXPECT_FALSE(mom_id_from_jti("8a0b8f2e-3c1d-4e5f9-a6b-7c8d9e0f1a2b").has_value());
  EXPECT_FALSE(mom_id_from_jti("8a0b8f2e-3c1d-4e5f-9a6b-7c8d9e0f1a2b ").has_value());
}

TEST(Sha, MatchesKnownDigests) {  // FIPS 180-2 "abc"
  EXPECT_EQ(base64_encode(sha256("abc")), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  EXPECT_EQ(sha512("abc").size(), 64u);
  EXPECT_EQ(base64_encode(sha512("abc")).substr(0, 16), "3a81oZNherrMQXNJ");
}

TEST(PkceChallenge, MatchesRfc7636AppendixB) {
  EXPECT_EQ(pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(ConstantTimeEqual, ComparesContentAndLength) {
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
}

}  // namespace
}  // namespace mytoken
