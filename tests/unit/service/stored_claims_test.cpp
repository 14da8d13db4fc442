#include "service/minting/stored_claims.hpp"

#include <gtest/gtest.h>

namespace mytoken {
namespace {

MytokenClaims sample_claims() {
  MytokenClaims c;
  c.capabilities = {"AT", "tokeninfo"};
  RestrictionClause clause;
  clause.exp = 2000;
  clause.scopes = {"openid", "storage.read"};
  clause.usages_AT = 5;
  c.restrictions = {clause};
  c.rotation = Rotation{.on_AT = true, .lifetime = 3600};
  return c;
}

TEST(PowerClaims, TheClaimsARowWasStoredFromMatchIt) {
  TokenRow row;
  copy_power_claims(row, sample_claims());
  EXPECT_TRUE(power_claims_match(row, sample_claims()));
  EXPECT_EQ(row.capabilities_json, R"(["AT","tokeninfo"])");
}

TEST(PowerClaims, AnyWiderOrOtherClaimDoesNotMatch) {
  TokenRow row;
  copy_power_claims(row, sample_claims());
  auto more_capabilities = sample_claims();
  more_capabilities.capabilities.push_back("create_mytoken");
  EXPECT_FALSE(power_claims_match(row, more_capabilities));
  auto unrestricted = sample_claims();
  unrestricted.restrictions.clear();
  EXPECT_FALSE(power_claims_match(row, unrestricted));
  auto more_usages = sample_claims();
  more_usages.restrictions[0].usages_AT = 6;
  EXPECT_FALSE(power_claims_match(row, more_usages));
  auto no_rotation = sample_claims();
  no_rotation.rotation.reset();
  EXPECT_FALSE(power_claims_match(row, no_rotation));
}

}  // namespace
}  // namespace mytoken
