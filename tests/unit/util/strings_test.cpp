#include "util/strings.hpp"

#include <gtest/gtest.h>

namespace mytoken {
namespace {

TEST(AsciiLower, LowersAsciiLettersOnly) {
  EXPECT_EQ(ascii_lower("Application/JSON; Charset=UTF-8"), "application/json; charset=utf-8");
  EXPECT_EQ(ascii_lower("\xc3\x84X"), "\xc3\x84x");  // UTF-8 bytes stay as they are
  EXPECT_EQ(ascii_lower(""), "");
}

TEST(AsciiUpper, UppersAsciiLettersOnly) {
  EXPECT_EQ(ascii_upper("de-at_1"), "DE-AT_1");
  EXPECT_EQ(ascii_upper("\xc3\xa4x"), "\xc3\xa4X");  // UTF-8 bytes stay as they are
  EXPECT_EQ(ascii_upper(""), "");
}

TEST(AsciiIequals, IgnoresAsciiCaseOnly) {
  EXPECT_TRUE(ascii_iequals("Transfer-Encoding", "transfer-ENCODING"));
  EXPECT_TRUE(ascii_iequals("", ""));
  EXPECT_FALSE(ascii_iequals("chunked", "chunke"));  // a prefix is not equal
  EXPECT_FALSE(ascii_iequals("chunke", "chunked"));
  EXPECT_FALSE(ascii_iequals("this", "thi5"));
  EXPECT_FALSE(ascii_iequals("\xc3\xa4", "\xc3\x84"));  // ä and Ä: not ASCII, so not folded
  EXPECT_FALSE(ascii_iequals("@", "`"));                // neighbours of A-Z and a-z are no letters
  EXPECT_FALSE(ascii_iequals("[", "{"));
}

TEST(Join, PutsTheSeparatorBetweenEachTwoParts) {
  EXPECT_EQ(join({}, " "), "");
  EXPECT_EQ(join({"openid"}, " "), "openid");
  EXPECT_EQ(join({"openid", "profile", "email"}, " "), "openid profile email");
  EXPECT_EQ(join({"a", "b"}, ", "), "a, b");
  EXPECT_EQ(join({"a", "", "b"}, ","), "a,,b");  // empty parts are kept
  EXPECT_EQ(join({"", "a"}, ","), ",a");
  EXPECT_EQ(join({"a", "b"}, ""), "ab");
}

TEST(TrimWhitespace, RemovesSpacesTabsAndLineBreaksAtBothEnds) {
  EXPECT_EQ(trim_whitespace(" \t a b \r\n"), "a b");
  EXPECT_EQ(trim_whitespace(" \t\r\n"), "");
  EXPECT_EQ(trim_whitespace("x"), "x");
}

TEST(Utf8Length, CountsCharactersNotBytes) {
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("\xc3\xa4\xc3\xb6"), 2u);              // äö: two bytes each
  EXPECT_EQ(utf8_length("\xe2\x82\xac\xf0\x9f\x94\x91"), 2u);  // € (3 bytes) and a 4-byte emoji
}

}  // namespace
}  // namespace mytoken
