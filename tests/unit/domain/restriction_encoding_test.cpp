#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "domain/restrictions.hpp"

namespace mytoken {
namespace {

TEST(ClauseToJson, UsesCanonicalMemberOrder) {  // spec §6.4
  const RestrictionClause c{.nbf = 1,
                            .exp = 2,
                            .scopes = {"a", "b"},
                            .audiences = {"x"},
                            .hosts = {"10.0.0.0/8"},
                            .geoip_allow = {"DE"},
                            .geoip_disallow = {"US"},
                            .usages_AT = 3,
                            .usages_other = 4};
  EXPECT_EQ(boost::json::serialize(clause_to_json(c)),
            R"({"nbf":1,"exp":2,"scope":"a b","audience":["x"],"hosts":["10.0.0.0/8"],"geoip_allow":["DE"],)"
            R"("geoip_disallow":["US"],"usages_AT":3,"usages_other":4})");
}

TEST(ClauseToJson, OmitsEmptyMembersButKeepsZeroUsages) {
  const RestrictionClause c{.usages_AT = 0};
  EXPECT_EQ(boost::json::serialize(clause_to_json(c)), R"({"usages_AT":0})");
  EXPECT_EQ(boost::json::serialize(clause_to_json(RestrictionClause{})), "{}");
}

TEST(ClauseHash, MatchesReferenceServer) {  // spec §6.4
  const RestrictionClause c{.nbf = 1599939600, .exp = 1599948600, .hosts = {"192.168.0.31"}, .usages_AT = 11};
  EXPECT_EQ(boost::json::serialize(clause_to_json(c)),
            R"({"nbf":1599939600,"exp":1599948600,"hosts":["192.168.0.31"],"usages_AT":11})");
  EXPECT_EQ(clause_hash(c), "umVWTDmDgo2NLCgUWFtTn4G8PfjUZYTMxJ5QJGGo4ZNFOno76ggNdQcPhDsfWfYMy79n6oxnwiahbvHZUuI96w==");
}

TEST(ClauseHash, DiffersWhenAnyValueDiffers) {
  const RestrictionClause a{.usages_AT = 11};
  const RestrictionClause b{.usages_AT = 12};
  EXPECT_NE(clause_hash(a), clause_hash(b));
  EXPECT_EQ(clause_hash(a).size(), 88u);
}

TEST(RestrictionsToJson, KeepsClauseOrder) {
  const Restrictions r{{.exp = 5}, {.nbf = 3}};
  EXPECT_EQ(boost::json::serialize(restrictions_to_json(r)), R"([{"exp":5},{"nbf":3}])");
}

}  // namespace
}  // namespace mytoken
