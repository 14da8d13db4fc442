// tests/unit/crypto/seal_test.cpp (mirrors src/crypto/seal.cpp; design §4)
#include <gtest/gtest.h>

#include <stdexcept>

#include "crypto/encoding.hpp"
#include "crypto/server_secret.hpp"

namespace mytoken {
namespace {

const std::string kKey(32, 'k');
constexpr std::string_view kAad = "mom_id:Y/pimscH5OQZzu";

void expect_internal(const Result<std::string>& got) {
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().status, 500);
  EXPECT_EQ(got.error().error, "internal_server_error");
}

TEST(Seal, RoundTrips) {
  for (const std::string& plaintext : {std::string(), std::string("refresh-token"), std::string(5000, '\0')}) {
    const auto opened = open_sealed(kKey, seal(kKey, plaintext, kAad), kAad);
    ASSERT_TRUE(opened.has_value()) << opened.error().log_detail;
    EXPECT_EQ(*opened, plaintext);
  }
}

TEST(Seal, IsBase64OfNonceCiphertextAndTag) {
  const std::string sealed = seal(kKey, "abc", kAad);
  EXPECT_EQ(base64_decode(sealed)->size(), 24u + 3u + 16u);
  EXPECT_NE(sealed, seal(kKey, "abc", kAad));  // a fresh random nonce each time
}

TEST(OpenSealed, FailsWithAnotherKey) {
  expect_internal(open_sealed(std::string(32, 'j'), seal(kKey, "rt", kAad), kAad));
}

TEST(OpenSealed, FailsWithAnotherAad) { expect_internal(open_sealed(kKey, seal(kKey, "rt", kAad), "mom_id:other")); }

TEST(OpenSealed, FailsWhenAnyByteIsTampered) {
  const std::string raw = *base64_decode(seal(kKey, "refresh-token", kAad));
  for (size_t i = 0; i < raw.size(); ++i) {
    std::string tampered = raw;
    tampered[i] ^= 0x01;
    expect_internal(open_sealed(kKey, base64_encode(tampered), kAad));
  }
}

TEST(OpenSealed, FailsOnTruncatedOrNonBase64Input) {
  const std::string raw = *base64_decode(seal(kKey, "refresh-token", kAad));
  expect_internal(open_sealed(kKey, base64_encode(raw.substr(0, raw.size() - 1)), kAad));
  expect_internal(open_sealed(kKey, base64_encode(raw.substr(0, 39)), kAad));
  expect_internal(open_sealed(kKey, "", kAad));
  expect_internal(open_sealed(kKey, "not base64!", kAad));
}

TEST(OpenSealed, FailsWithAKeyOfTheWrongLength) {
  const std::string sealed = seal(kKey, "rt", kAad);
  expect_internal(open_sealed(std::string(31, 'k'), sealed, kAad));
  expect_internal(open_sealed(kKey + "k", sealed, kAad));
}

TEST(Seal, RefusesAKeyOfTheWrongLength) { EXPECT_THROW(seal(std::string(16, 'k'), "rt", kAad), std::invalid_argument); }

}  // namespace
}  // namespace mytoken
