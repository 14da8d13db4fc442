#include "domain/rotation.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace mytoken {
namespace {

Result<std::optional<Rotation>> parse(std::string_view json_text) {
  return parse_rotation(boost::json::parse(json_text));
}

TEST(ParseRotation, NullIsNoRotation) {
  const auto r = parse("null");
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->has_value());
}

TEST(ParseRotation, ReadsAllMembers) {  // spec §9
  const auto r = parse(R"({"on_AT":true,"on_other":false,"lifetime":86400,"auto_revoke":true,"include":"daily"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(**r, (Rotation{.on_AT = true, .on_other = false, .lifetime = 86400, .auto_revoke = true}));
}

TEST(ParseRotation, EmptyObjectIsEmptyRotation) {
  const auto r = parse("{}");
  ASSERT_TRUE(r && r->has_value());
  EXPECT_TRUE((*r)->empty());
}

TEST(ParseRotation, RejectsWrongTypes) {
  for (const auto* bad : {"true", "[]", R"({"on_AT":1})", R"({"on_other":"yes"})", R"({"auto_revoke":null})",
                          R"({"lifetime":-1})", R"({"lifetime":"1d"})", R"({"lifetime":1.5})"}) {
    const auto r = parse(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().status, 400);
    EXPECT_EQ(r.error().error, "invalid_request");
  }
}

TEST(RotationToJson, OmitsFalseAndZeroMembers) {
  EXPECT_EQ(
      boost::json::serialize(rotation_to_json({.on_AT = true, .on_other = false, .lifetime = 0, .auto_revoke = false})),
      R"({"on_AT":true})");
  EXPECT_EQ(
      boost::json::serialize(rotation_to_json({.on_AT = true, .on_other = true, .lifetime = 60, .auto_revoke = true})),
      R"({"on_AT":true,"on_other":true,"lifetime":60,"auto_revoke":true})");
  EXPECT_EQ(boost::json::serialize(rotation_to_json({})), "{}");
}

}  // namespace
}  // namespace mytoken
