// tests/unit/crypto/system_random_test.cpp (mirrors src/crypto/system_random.cpp)
#include "crypto/system_random.hpp"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

namespace mytoken {
namespace {

TEST(SystemRandom, BytesHaveTheRequestedLengthAndDiffer) {
  SystemRandom random;
  EXPECT_EQ(random.bytes(0).size(), 0u);
  EXPECT_EQ(random.bytes(32).size(), 32u);
  EXPECT_NE(random.bytes(32), random.bytes(32));
}

TEST(SystemRandom, CodeUsesOnlyTheAlphabetAtTheRequestedLength) {  // spec §4.5
  SystemRandom random;
  const std::string code = random.code(64, kCodeAlphabet);
  EXPECT_EQ(code.size(), 64u);
  EXPECT_EQ(code.find_first_not_of(kCodeAlphabet), std::string::npos);
  EXPECT_EQ(random.code(0, kCodeAlphabet), "");
  EXPECT_EQ(random.code(5, "x"), "xxxxx");
}

TEST(SystemRandom, CodeUsesEveryLetterAboutEquallyOften) {
  SystemRandom random;
  // 50 letters x 2000 expected draws each; a fair source stays well within +-15% (about 6.7 sigma).
  const std::string s = random.code(100000, kCodeAlphabet);
  std::map<char, int> counts;
  for (const char c : s) ++counts[c];
  ASSERT_EQ(counts.size(), kCodeAlphabet.size());
  for (const auto& [c, n] : counts) {
    EXPECT_GT(n, 1700) << c;
    EXPECT_LT(n, 2300) << c;
  }
}

TEST(SystemRandom, CodeRefusesAnEmptyAlphabet) {
  SystemRandom random;
  EXPECT_THROW(random.code(8, ""), std::invalid_argument);
}

TEST(SystemRandom, Uuid4IsCanonicalLowercaseVersion4Variant1) {  // RFC 9562 §5.4
  SystemRandom random;
  const std::regex canonical("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string id = random.uuid4();
    EXPECT_TRUE(std::regex_match(id, canonical)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 200u);
}

}  // namespace
}  // namespace mytoken
