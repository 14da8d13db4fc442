#include "util/strings.hpp"

#include <gtest/gtest.h>

namespace mytoken {
namespace {

TEST(AsciiLower, LowersAsciiLettersOnly) {
  EXPECT_EQ(ascii_lower("Application/JSON; Charset=UTF-8"), "application/json; charset=utf-8");
  EXPECT_EQ(ascii_lower("\xc3\x84X"), "\xc3\x84x");  // UTF-8 bytes stay as they are
  EXPECT_EQ(ascii_lower(""), "");
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
