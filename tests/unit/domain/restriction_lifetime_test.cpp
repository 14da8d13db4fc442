#include <gtest/gtest.h>

#include "domain/restrictions.hpp"

namespace mytoken {
namespace {

Restrictions with_exps(std::initializer_list<int64_t> exps) {
  Restrictions r;
  for (const auto e : exps) r.push_back({.exp = e});
  return r;
}

Restrictions with_nbfs(std::initializer_list<int64_t> nbfs) {
  Restrictions r;
  for (const auto n : nbfs) r.push_back({.nbf = n});
  return r;
}

TEST(RestrictionsExp, IsNoneIfAnyClauseHasNone) {  // spec §6.5
  EXPECT_EQ(restrictions_exp(with_exps({100, 300, 0, 500})), 0);
}
TEST(RestrictionsExp, IsTheLatestClauseExp) { EXPECT_EQ(restrictions_exp(with_exps({100, 500, 300})), 500); }
TEST(RestrictionsExp, IsNoneWithoutRestrictions) { EXPECT_EQ(restrictions_exp({}), 0); }

TEST(RestrictionsNbf, IsTheEarliestClauseNbf) {  // spec §6.5
  EXPECT_EQ(restrictions_nbf(with_nbfs({100, 300, 500})), 100);
  EXPECT_EQ(restrictions_nbf(with_nbfs({300, 100, 500})), 100);
}
TEST(RestrictionsNbf, IsNoneIfAnyClauseHasNone) { EXPECT_EQ(restrictions_nbf(with_nbfs({100, 0, 500})), 0); }
TEST(RestrictionsNbf, IsNoneWithoutRestrictions) { EXPECT_EQ(restrictions_nbf({}), 0); }

TEST(ApplyMaxLifetime, AddsClauseToUnrestrictedToken) {  // spec §6.5 last paragraph
  Restrictions r;
  EXPECT_TRUE(apply_max_lifetime(r, 1000, 60));
  EXPECT_EQ(r, with_exps({1060}));
}
TEST(ApplyMaxLifetime, CapsMissingAndLateExpiries) {
  Restrictions r = with_exps({0, 2000, 1050});
  EXPECT_TRUE(apply_max_lifetime(r, 1000, 60));
  EXPECT_EQ(r, with_exps({1060, 1060, 1050}));
}
TEST(ApplyMaxLifetime, LeavesEarlyExpiriesAlone) {
  Restrictions r = with_exps({1010, 1060});
  EXPECT_FALSE(apply_max_lifetime(r, 1000, 60));
  EXPECT_EQ(r, with_exps({1010, 1060}));
}
TEST(ApplyMaxLifetime, ZeroMeansNoMaximum) {
  Restrictions r;
  EXPECT_FALSE(apply_max_lifetime(r, 1000, 0));
  EXPECT_TRUE(r.empty());
}

}  // namespace
}  // namespace mytoken
