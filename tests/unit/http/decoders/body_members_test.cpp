#include "http/decoders/body_members.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace mytoken {
namespace {

boost::json::object object(std::string_view json) { return boost::json::parse(json).as_object(); }

TEST(BodyMembers, MemberIsNullptrWhenAbsentOrNull) {
  const auto body = object(R"({"a":null,"b":0})");
  EXPECT_EQ(member(body, "a"), nullptr);
  EXPECT_EQ(member(body, "c"), nullptr);
  ASSERT_NE(member(body, "b"), nullptr);
  EXPECT_EQ(member(body, "b")->as_int64(), 0);
}

TEST(BodyMembers, StringMembers) {
  const auto body = object(R"({"s":"x","e":"","n":null,"i":1})");
  EXPECT_EQ(*string_member(body, "s"), "x");
  EXPECT_EQ(*string_member(body, "n"), "");
  EXPECT_EQ(*string_member(body, "absent"), "");
  EXPECT_EQ(*optional_string_member(body, "e"), std::optional<std::string>(""));
  EXPECT_EQ(*optional_string_member(body, "n"), std::nullopt);
  auto wrong = string_member(body, "i");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().status, 400);
  EXPECT_EQ(wrong.error().error, "invalid_request");
  EXPECT_EQ(wrong.error().description, "i must be a string");
  auto wrong_optional = optional_string_member(body, "i");
  ASSERT_FALSE(wrong_optional);
  EXPECT_EQ(wrong_optional.error().description, "i must be a string");
}

TEST(BodyMembers, BoolMembersAcceptFormStrings) {
  const auto body =
      object(R"({"t":true,"f":false,"s1":"1","strue":"true","s0":"0","sfalse":"false","se":"","x":"yes","n":2})");
  for (auto key : {"t", "s1", "strue"}) EXPECT_TRUE(*bool_member(body, key)) << key;
  for (auto key : {"f", "s0", "sfalse", "se", "absent"}) EXPECT_FALSE(*bool_member(body, key)) << key;
  for (auto key : {"x", "n"}) {
    auto r = bool_member(body, key);
    ASSERT_FALSE(r) << key;
    EXPECT_EQ(r.error().description, std::string(key) + " must be a boolean");
  }
}

TEST(BodyMembers, WordListsAreStringsOrArraysOfStrings) {
  const auto body = object(R"({"s":"a  b","a":["a b","c"],"bad":["a",1],"n":5})");
  EXPECT_EQ(*word_list_member(body, "s"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(*word_list_member(body, "a"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(word_list_member(body, "absent")->empty());
  EXPECT_EQ(word_list_member(body, "bad").error().description, "bad must hold strings");
  EXPECT_EQ(word_list_member(body, "n").error().description, "n must be a string or an array of strings");
}

}  // namespace
}  // namespace mytoken
