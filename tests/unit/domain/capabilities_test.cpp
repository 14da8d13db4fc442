#include "domain/capabilities.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace mytoken {
namespace {

// spec §8.2 examples
TEST(HasCapability, ParentGrantsChild) { EXPECT_TRUE(has_capability({"settings"}, "settings:grants")); }
TEST(HasCapability, ChildDoesNotGrantParent) { EXPECT_FALSE(has_capability({"settings:grants"}, "settings")); }
TEST(HasCapability, WriteGrantsRead) { EXPECT_TRUE(has_capability({"settings:grants"}, "read@settings:grants")); }
TEST(HasCapability, ReadDoesNotGrantWrite) {
  EXPECT_FALSE(has_capability({"read@settings:grants"}, "settings:grants"));
}
TEST(HasCapability, ParentGrantsReadOfChild) { EXPECT_TRUE(has_capability({"settings"}, "read@settings:grants")); }
TEST(HasCapability, EmptySetGrantsNothing) { EXPECT_FALSE(has_capability({}, "AT")); }
TEST(HasCapability, EmptyNameIsNeverGranted) {
  EXPECT_FALSE(has_capability({"AT", "settings"}, ""));
  EXPECT_FALSE(has_capability({"settings"}, "read@"));
}
TEST(HasCapability, ReadParentGrantsReadOfChild) {
  EXPECT_TRUE(has_capability({"read@settings"}, "read@settings:email"));
  EXPECT_FALSE(has_capability({"read@settings"}, "settings:email"));
}
TEST(HasCapability, MatchesWholePathComponents) {
  EXPECT_FALSE(has_capability({"tokeninfo"}, "tokeninfoX"));
  EXPECT_FALSE(has_capability({"token"}, "tokeninfo:introspect"));
  EXPECT_TRUE(has_capability({"AT"}, "AT"));
}

TEST(IsKnownCapability, KnowsSpecList) {  // spec §8.1
  for (const auto* c : {"AT",
                        "create_mytoken",
                        "tokeninfo",
                        "tokeninfo:introspect",
                        "tokeninfo:history",
                        "tokeninfo:subtokens",
                        "tokeninfo:notify",
                        "manage_mytokens",
                        "manage_mytokens:list",
                        "manage_mytokens:revoke",
                        "manage_mytokens:history",
                        "manage_mytokens:notify",
                        "read@manage_mytokens:notify",
                        "settings",
                        "read@settings",
                        "settings:grants",
                        "read@settings:grants",
                        "settings:grants:ssh",
                        "read@settings:grants:ssh",
                        "settings:email",
                        "read@settings:email",
                        "read@tokeninfo"}) {
    EXPECT_TRUE(is_known_capability(c)) << c;
  }
}
TEST(IsKnownCapability, RejectsGarbage) {
  for (const auto* c : {"", "at", "read@", "read@read@settings", "settings:", ":settings", "settings:foo", "AT ",
                        "tokeninfo:introspect:x", "write@settings"}) {
    EXPECT_FALSE(is_known_capability(c)) << c;
  }
}

// spec §8.3
TEST(TightenCapabilities, EmptyRequestKeepsParent) {
  EXPECT_EQ(tighten_capabilities({"AT", "tokeninfo"}, {}), (Capabilities{"AT", "tokeninfo"}));
}
TEST(TightenCapabilities, EmptyParentGrantsNothing) { EXPECT_EQ(tighten_capabilities({}, {"x"}), Capabilities{}); }
TEST(TightenCapabilities, KeepsOnlyGrantedOnes) {
  EXPECT_EQ(tighten_capabilities({"some", "values"}, {"some", "different"}), (Capabilities{"some"}));
}
TEST(TightenCapabilities, IdenticalStaysIdentical) {
  EXPECT_EQ(tighten_capabilities({"AT", "create_mytoken"}, {"AT", "create_mytoken"}),
            (Capabilities{"AT", "create_mytoken"}));
}
TEST(TightenCapabilities, ParentGivesChildCapabilityInRequestOrder) {
  EXPECT_EQ(tighten_capabilities({"tokeninfo", "AT"}, {"AT", "tokeninfo:introspect", "settings"}),
            (Capabilities{"AT", "tokeninfo:introspect"}));
}

Result<Capabilities> parse(std::string_view json_text) { return parse_capabilities(boost::json::parse(json_text)); }

TEST(ParseCapabilities, AcceptsArray) {
  EXPECT_EQ(*parse(R"(["AT","tokeninfo","AT"])"), (Capabilities{"AT", "tokeninfo"}));
}
TEST(ParseCapabilities, AcceptsSpaceSeparatedString) {
  EXPECT_EQ(*parse(R"(" AT  read@settings ")"), (Capabilities{"AT", "read@settings"}));
}
TEST(ParseCapabilities, EmptyArrayIsEmpty) { EXPECT_TRUE(parse("[]")->empty()); }
TEST(ParseRequestedCapabilities, RefusesAnExplicitEmptyList) {
  const auto empty = parse_requested_capabilities(boost::json::parse("[]"));
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().description, "capabilities must not be empty");
  EXPECT_EQ(parse_requested_capabilities(boost::json::parse(R"(["AT"])"))->size(), 1u);
}

TEST(ParseCapabilities, RejectsUnknownNames) {
  const auto r = parse(R"(["AT","fly"])");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, 400);
  EXPECT_EQ(r.error().error, "invalid_request");
  EXPECT_EQ(r.error().description, "unknown capability 'fly'");
}
TEST(ParseCapabilities, RejectsWrongTypes) {
  for (const auto* bad : {"5", "null", "{}", R"(["AT",1])"}) {
    const auto r = parse(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().status, 400);
  }
}

TEST(CapabilitiesToJson, KeepsOrder) {
  EXPECT_EQ(boost::json::serialize(capabilities_to_json({"tokeninfo", "AT"})), R"(["tokeninfo","AT"])");
}

}  // namespace
}  // namespace mytoken
