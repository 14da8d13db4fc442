#include "domain/provider_policy.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace mytoken {
namespace {

EnforcedRestrictions policy(bool forbid) {
  EnforcedRestrictions p;
  p.enabled = true;
  p.claim = "groups";
  p.forbid_on_default = forbid;
  p.default_template = "1d";
  p.mapping = {{"admins", ""}, {"staff", "1w ip-this"}, {"students", "1d"}};
  return p;
}

boost::json::object claims(std::string_view json) { return boost::json::parse(json).as_object(); }

TEST(ProviderPolicyTest, DisabledEnforcesNothing) {
  EXPECT_EQ(enforced_template_for(EnforcedRestrictions{}, claims("{}")), std::string());
}

TEST(ProviderPolicyTest, StringAndArrayClaimsFirstMappingWins) {
  EXPECT_EQ(enforced_template_for(policy(true), claims(R"({"groups":"staff"})")), "1w ip-this");
  EXPECT_EQ(enforced_template_for(policy(true), claims(R"({"groups":["students","staff"]})")), "1w ip-this");
  EXPECT_EQ(enforced_template_for(policy(true), claims(R"({"groups":["admins","students"]})")), "");
}

TEST(ProviderPolicyTest, NoMatchForbidsOrUsesTheDefault) {
  EXPECT_EQ(enforced_template_for(policy(true), claims(R"({"groups":["guests"]})")), std::nullopt);
  EXPECT_EQ(enforced_template_for(policy(true), claims(R"({})")), std::nullopt);
  EXPECT_EQ(enforced_template_for(policy(false), claims(R"({"groups":7})")), "1d");
}

}  // namespace
}  // namespace mytoken
