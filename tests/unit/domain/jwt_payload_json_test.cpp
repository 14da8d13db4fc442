#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <random>

#include "domain/mytoken_claims.hpp"

namespace mytoken {
namespace {

std::string base64url(std::string_view in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (const char c : in) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 0x3f];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 0x3f];
  return out;
}

boost::json::object named(std::string name) {
  boost::json::object o;
  o["ver"] = "0.7";
  o["name"] = std::move(name);
  o["seq_no"] = 1;
  return o;
}

std::string payload_of_name(std::string name) { return serialize_jwt_payload(named(std::move(name))); }

TEST(Base64urlTestHelper, MatchesRfc4648Vectors) {
  EXPECT_EQ(base64url("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64url("fo"), "Zm8");
  EXPECT_EQ(base64url("\xfb\xff"), "-_8");
}

TEST(SerializeJwtPayload, EscapesUrlUnsafeBytes) {  // spec §21 item 20
  EXPECT_EQ(payload_of_name("a?b~c<>&\x7f"),
            R"({"ver":"0.7","name":"a\u003fb\u007ec\u003c\u003e\u0026\u007f","seq_no":1})");
}

TEST(SerializeJwtPayload, EscapesNonAsciiWithSurrogatePairs) {
  EXPECT_EQ(payload_of_name("ü€😀"), R"({"ver":"0.7","name":"\u00fc\u20ac\ud83d\ude00","seq_no":1})");
}

TEST(SerializeJwtPayload, EscapesControlCharactersAndQuotes) {
  EXPECT_EQ(payload_of_name(std::string("\"\\\n\r\t\x01\x1f", 7)),
            R"({"ver":"0.7","name":"\"\\\n\r\t\u0001\u001f","seq_no":1})");
}

TEST(SerializeJwtPayload, ReplacesInvalidUtf8) {
  // lone continuation byte, truncated sequence, overlong '/', UTF-16 surrogate encoded in UTF-8
  EXPECT_EQ(payload_of_name("a\x80"
                            "b\xe2\x82"
                            "c\xc0\xaf"
                            "d\xed\xa0\x80"),
            R"({"ver":"0.7","name":"a\ufffdb\ufffd\ufffdc\ufffd\ufffdd\ufffd\ufffd\ufffd","seq_no":1})");
}

TEST(SerializeJwtPayload, ParsesBackToTheSameValue) {
  const std::string name = "a?b~c<>&ü€😀\x7f\n";
  const auto back = boost::json::parse(payload_of_name(name));
  EXPECT_EQ(back.at("name").as_string(), name);
}

TEST(SerializeJwtPayload, IsAsciiOnly) {
  for (const unsigned char c : payload_of_name("ü€😀\xff")) EXPECT_LT(c, 0x7f);
}

TEST(SerializeJwtPayload, Base64urlNeverContainsDashOrUnderscore) {
  // Each name is tried at three offsets so every byte lands in every position of a base64 triple.
  const std::vector<std::string> fixed = {"a?b~c<>&ü€😀", "???", "~~~", ">>>", "\x7f\x7f\x7f", "ÿþý", "😀😀😀"};
  std::mt19937 rng(20261101);  // fixed seed: reproducible
  std::uniform_int_distribution<int> length(0, 40);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> ascii(0x20, 0x7f);
  std::vector<std::string> names = fixed;
  for (int i = 0; i < 3000; ++i) {
    std::string s;
    const int n = length(rng);
    for (int k = 0; k < n; ++k) s += static_cast<char>(i % 2 == 0 ? byte(rng) : ascii(rng));
    names.push_back(std::move(s));
  }
  for (const auto& name : names) {
    for (const auto* pad : {"", "x", "xy"}) {
      const auto encoded = base64url(payload_of_name(pad + name));
      ASSERT_EQ(encoded.find_first_of("-_"), std::string::npos) << testing::PrintToString(name);
    }
  }
}

TEST(SerializeJwtPayload, FullClaimsAreUrlSafe) {
  MytokenClaims c;
  c.iss = "https://mytoken.example.com/~user?x=1&y=2";
  c.name = "Grüße ~ <script>";
  c.capabilities = {"AT"};
  const auto encoded = base64url(serialize_jwt_payload(claims_to_json(c)));
  EXPECT_EQ(encoded.find_first_of("-_"), std::string::npos);
}

}  // namespace
}  // namespace mytoken
