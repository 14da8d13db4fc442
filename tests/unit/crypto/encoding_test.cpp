// tests/unit/crypto/encoding_test.cpp (mirrors src/crypto/encoding.cpp)
#include "crypto/encoding.hpp"

#include <gtest/gtest.h>

#include <string>

namespace mytoken {
namespace {

std::string all_bytes() {
  std::string s;
  for (int i = 0; i < 256; ++i) s.push_back(static_cast<char>(i));
  return s;
}

TEST(Base64Url, EncodesRfc4648VectorsWithoutPadding) {  // RFC 4648 §10
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foob"), "Zm9vYg");
  EXPECT_EQ(base64url_encode("fooba"), "Zm9vYmE");
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
}

TEST(Base64Url, RoundTripsEveryLengthAndByte) {
  const std::string bytes = all_bytes();
  for (size_t n = 0; n <= bytes.size(); ++n) {
    const auto decoded = base64url_decode(base64url_encode(bytes.substr(0, n)));
    ASSERT_TRUE(decoded.has_value()) << n;
    EXPECT_EQ(*decoded, bytes.substr(0, n));
  }
}

TEST(Base64Url, RejectsPaddingAndForeignCharacters) {
  EXPECT_FALSE(base64url_decode("Zg==").has_value());
  EXPECT_FALSE(base64url_decode("Zm8=").has_value());
  EXPECT_FALSE(base64url_decode("+/8").has_value());  // standard alphabet
  EXPECT_FALSE(base64url_decode("Zm 9v").has_value());
  EXPECT_FALSE(base64url_decode("Zm9v\n").has_value());
  EXPECT_FALSE(base64url_decode("Zm.v").has_value());
  EXPECT_FALSE(base64url_decode(std::string("Zm\0v", 4)).has_value());
}

TEST(Base64Url, RejectsImpossibleLengthAndNonCanonicalTrailingBits) {
  EXPECT_FALSE(base64url_decode("Z").has_value());
  EXPECT_FALSE(base64url_decode("Zm9vY").has_value());
  EXPECT_TRUE(base64url_decode("Zg").has_value());
  EXPECT_FALSE(base64url_decode("Zh").has_value());   // same byte as "Zg", non-zero unused bits
  EXPECT_FALSE(base64url_decode("Zm9").has_value());  // "Zm8" is the canonical spelling
}

TEST(Base64, EncodesStandardAlphabetWithPadding) {
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("\xfb\xff"), "+/8=");
}

TEST(Base64, RoundTripsEveryLengthAndByte) {
  const std::string bytes = all_bytes();
  for (size_t n = 0; n <= bytes.size(); ++n) {
    const auto decoded = base64_decode(base64_encode(bytes.substr(0, n)));
    ASSERT_TRUE(decoded.has_value()) << n;
    EXPECT_EQ(*decoded, bytes.substr(0, n));
  }
}

TEST(Base64, RejectsMissingOrMisplacedPaddingAndUrlAlphabet) {
  EXPECT_FALSE(base64_decode("Zg").has_value());
  EXPECT_FALSE(base64_decode("Zg=").has_value());
  EXPECT_FALSE(base64_decode("Z===").has_value());
  EXPECT_FALSE(base64_decode("Zg==Zg==").has_value());
  EXPECT_FALSE(base64_decode("=Zg=").has_value());
  EXPECT_FALSE(base64_decode("-_8=").has_value());
  EXPECT_FALSE(base64_decode("Zh==").has_value());
  EXPECT_TRUE(base64_decode("").has_value());
}

}  // namespace
}  // namespace mytoken
