#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <map>

#include "domain/restrictions.hpp"

namespace mytoken {
namespace {

Restrictions restrictions(std::string_view json_text) {
  auto r = restrictions_from_json(boost::json::parse(json_text));
  EXPECT_TRUE(r) << json_text;
  return r ? *r : Restrictions{};
}

RestrictionClause clause(std::string_view json_text) { return restrictions(json_text).at(0); }

bool tighter(std::string_view r, std::string_view p, const MatchEnvironment& env = {}) {
  return clause_is_tighter(clause(r), clause(p), env);
}

const Restrictions kThreeScopes = restrictions(
    R"([{"scope":"a b c","exp":500},{"scope":"a","exp":1000},{"scope":"d","exp":50}])");  // spec §6.5 rows 3–7

// --- spec §6.5 worked examples ---------------------------------------------------------------------------

TEST(Tighten, UnrestrictedParentGivesRequested) {  // row 1
  const auto requested = restrictions(R"([{"scope":"a b c","exp":100}])");
  const auto got = tighten({}, requested, {});
  EXPECT_EQ(got.restrictions, requested);
  EXPECT_TRUE(got.ok);
}

TEST(Tighten, UnrestrictedParentGivesAllRequestedClauses) {  // row 2
  const auto requested = restrictions(R"([{"scope":"a b c","exp":100},{"scope":"d","exp":100}])");
  const auto got = tighten({}, requested, {});
  EXPECT_EQ(got.restrictions, requested);
  EXPECT_TRUE(got.ok);
}

TEST(Tighten, EmptyRequestInheritsParent) {  // row 3
  const auto got = tighten(kThreeScopes, {}, {});
  EXPECT_EQ(got.restrictions, kThreeScopes);
  EXPECT_TRUE(got.ok);
}

TEST(Tighten, KeepsClauseTighterThanFirstParentClause) {  // row 4
  const auto requested = restrictions(R"([{"scope":"a b c","exp":100}])");
  const auto got = tighten(kThreeScopes, requested, {});
  EXPECT_EQ(got.restrictions, requested);
  EXPECT_TRUE(got.ok);
}

TEST(Tighten, KeepsClausesTighterThanDifferentParentClauses) {  // row 5
  const auto requested = restrictions(R"([{"scope":"a b c","exp":100},{"scope":"d","exp":50}])");
  const auto got = tighten(kThreeScopes, requested, {});
  EXPECT_EQ(got.restrictions, requested);
  EXPECT_TRUE(got.ok);
}

TEST(Tighten, AllowsSplittingOneParentClauseIntoTwo) {  // row 6
  const auto parent = restrictions(R"([{"scope":"a b c","exp":500}])");
  const auto requested = restrictions(R"([{"scope":"a c","exp":100},{"scope":"b","exp":50}])");
  const auto got = tighten(parent, requested, {});
  EXPECT_EQ(got.restrictions, requested);
  EXPECT_TRUE(got.ok);
}

TEST(Tighten, DropsClauseWiderThanEveryParentClause) {  // row 7
  const auto got = tighten(kThreeScopes, restrictions(R"([{"scope":"a b c d","exp":100}])"), {});
  EXPECT_EQ(got.restrictions, kThreeScopes);
  EXPECT_FALSE(got.ok);
}

TEST(Tighten, DropsClauseThatWouldMergeTwoParentClauses) {  // row 8
  const auto parent = restrictions(R"([{"scope":"a b c","exp":500},{"scope":"d","exp":50}])");
  const auto got = tighten(parent, restrictions(R"([{"scope":"a b c d","exp":50}])"), {});
  EXPECT_EQ(got.restrictions, parent);
  EXPECT_FALSE(got.ok);
}

TEST(Tighten, DropsClauseWithMoreUsagesThanParent) {  // row 9
  const auto parent = restrictions(R"([{"usages_AT":10}])");
  const auto got = tighten(parent, restrictions(R"([{"usages_AT":11}])"), {});
  EXPECT_EQ(got.restrictions, parent);
  EXPECT_FALSE(got.ok);
}

TEST(Tighten, ConsumesParentUsageBudgetInRequestOrder) {  // row 10: budget 10 → 6 → 2
  const auto parent = restrictions(R"([{"usages_AT":10}])");
  const auto got = tighten(parent, restrictions(R"([{"usages_AT":4},{"usages_AT":4},{"usages_AT":4}])"), {});
  EXPECT_EQ(got.restrictions, restrictions(R"([{"usages_AT":4},{"usages_AT":4}])"));
  EXPECT_FALSE(got.ok);
}

TEST(Tighten, KeepsClausesThatExactlyUseUpTheBudget) {  // row 11
  const auto requested = restrictions(R"([{"usages_AT":5},{"usages_AT":3},{"usages_AT":2}])");
  const auto got = tighten(restrictions(R"([{"usages_AT":10}])"), requested, {});
  EXPECT_EQ(got.restrictions, requested);
  EXPECT_TRUE(got.ok);
}

// --- spec §21 item 4: the budget is what the parent has left ---------------------------------------------

MatchEnvironment used(const RestrictionClause& c, UsageCounts counts) {
  std::map<std::string, UsageCounts> table{{clause_hash(c), counts}};
  return {.host_names_of = {}, .country_of = {}, .usages_of = [table](const std::string& hash) {
            const auto it = table.find(hash);
            return it == table.end() ? UsageCounts{} : it->second;
          }};
}

TEST(Tighten, ParentBudgetExcludesUsagesAlreadySpent) {
  const auto parent = restrictions(R"([{"usages_AT":10,"usages_other":5}])");
  const auto env = used(parent[0], {.at = 7, .other = 5});
  const auto too_many = tighten(parent, restrictions(R"([{"usages_AT":4}])"), env);
  // Dropped: the child falls back to the parent's clause, but only with what the parent has left.
  EXPECT_EQ(too_many.restrictions, restrictions(R"([{"usages_AT":3,"usages_other":0}])"));
  EXPECT_FALSE(too_many.ok);
  const auto fits = tighten(parent, restrictions(R"([{"usages_AT":3,"usages_other":0}])"), env);
  EXPECT_TRUE(fits.ok);
  const auto other = tighten(parent, restrictions(R"([{"usages_AT":1,"usages_other":1}])"), env);
  EXPECT_FALSE(other.ok);
}

TEST(Tighten, InheritingChildGetsTheParentsRemainingUsages) {
  const auto parent = restrictions(R"([{"scope":"a","usages_AT":10},{"scope":"b","exp":50}])");
  const auto got = tighten(parent, {}, used(parent[0], {.at = 4, .other = 9}));
  EXPECT_EQ(got.restrictions, restrictions(R"([{"scope":"a","usages_AT":6},{"scope":"b","exp":50}])"));
  EXPECT_TRUE(got.ok);
}

TEST(Tighten, ExhaustedParentClauseIsInheritedWithZeroUsages) {  // never more powerful than the parent
  const auto parent = restrictions(R"([{"usages_AT":2}])");
  const auto got = tighten(parent, {}, used(parent[0], {.at = 5, .other = 0}));
  EXPECT_EQ(got.restrictions, restrictions(R"([{"usages_AT":0}])"));
}

TEST(Tighten, UnlimitedChildOfLimitedParentIsDropped) {
  const auto parent = restrictions(R"([{"usages_other":5}])");
  EXPECT_FALSE(tighten(parent, restrictions(R"([{"exp":10}])"), {}).ok);
}

TEST(Tighten, FallsThroughToLaterParentClauseWhenBudgetOfFirstIsUsedUp) {
  const auto parent = restrictions(R"([{"usages_AT":2},{"usages_AT":5}])");
  const auto requested = restrictions(R"([{"usages_AT":2},{"usages_AT":4}])");
  const auto got = tighten(parent, requested, {});
  EXPECT_EQ(got.restrictions, requested);
  EXPECT_TRUE(got.ok);
}

// --- spec §6.5 clause comparisons R ⊑ P ------------------------------------------------------------------

TEST(ClauseIsTighter, EmptyIsTighterThanEmpty) { EXPECT_TRUE(tighter("[{}]", "[{}]")); }
TEST(ClauseIsTighter, EmptyIsNotTighterThanScoped) { EXPECT_FALSE(tighter("[{}]", R"([{"scope":"some"}])")); }
TEST(ClauseIsTighter, ScopedIsTighterThanEmpty) { EXPECT_TRUE(tighter(R"([{"scope":"some"}])", "[{}]")); }
TEST(ClauseIsTighter, EarlierNbfIsNotTighter) { EXPECT_FALSE(tighter(R"([{"nbf":50}])", R"([{"nbf":100}])")); }
TEST(ClauseIsTighter, LaterNbfIsTighter) { EXPECT_TRUE(tighter(R"([{"nbf":100}])", R"([{"nbf":50}])")); }
TEST(ClauseIsTighter, EarlierExpIsTighter) { EXPECT_TRUE(tighter(R"([{"exp":50}])", R"([{"exp":100}])")); }
TEST(ClauseIsTighter, LaterExpIsNotTighter) { EXPECT_FALSE(tighter(R"([{"exp":100}])", R"([{"exp":50}])")); }
TEST(ClauseIsTighter, NoExpIsNotTighterThanExp) { EXPECT_FALSE(tighter("[{}]", R"([{"exp":50}])")); }
TEST(ClauseIsTighter, MoreScopesAreNotTighter) {
  EXPECT_FALSE(tighter(R"([{"scope":"some scope"}])", R"([{"scope":"some"}])"));
}
TEST(ClauseIsTighter, FewerScopesAreTighter) {
  EXPECT_TRUE(tighter(R"([{"scope":"some"}])", R"([{"scope":"some scope"}])"));
}
TEST(ClauseIsTighter, DifferentScopesAreNotTighter) {
  EXPECT_FALSE(tighter(R"([{"scope":"some scope"}])", R"([{"scope":"some other"}])"));
}
TEST(ClauseIsTighter, IpInParentIpListIsTighter) {
  EXPECT_TRUE(tighter(R"([{"hosts":["192.168.0.12"]}])", R"([{"hosts":["192.168.0.12","192.168.0.14"]}])"));
}
TEST(ClauseIsTighter, IpListIsNotTighterThanOneOfItsIps) {
  EXPECT_FALSE(tighter(R"([{"hosts":["192.168.0.12","192.168.0.14"]}])", R"([{"hosts":["192.168.0.12"]}])"));
}
// Upstream's "[192.168.0.12/24] ⊑ [.12,.14] ✓ (treated as .12)": we store that entry as the plain IP the
// reference meant, so the comparison is made on clause objects holding .12 directly.
TEST(ClauseIsTighter, SingleIpOfUpstreamNonAlignedCidrIsTighter) {
  RestrictionClause r;
  r.hosts = {"192.168.0.12"};
  RestrictionClause p;
  p.hosts = {"192.168.0.12", "192.168.0.14"};
  EXPECT_TRUE(clause_is_tighter(r, p, {}));
}
// Ours: a non-aligned CIDR is normalised to its network at parse time (spec §21 item 10), so it is the whole /24
// and no longer fits into two single addresses.
TEST(ClauseIsTighter, NonAlignedCidrIsNormalisedToItsNetwork) {
  const auto requested = parse_restrictions(boost::json::parse(R"({"hosts":["192.168.0.12/24"]})"), 0, "");
  ASSERT_TRUE(requested);
  EXPECT_EQ(requested->at(0).hosts, (std::vector<std::string>{"192.168.0.0/24"}));
  EXPECT_FALSE(clause_is_tighter(requested->at(0), clause(R"([{"hosts":["192.168.0.12","192.168.0.14"]}])"), {}));
  EXPECT_TRUE(clause_is_tighter(requested->at(0), clause(R"([{"hosts":["192.168.0.0/24"]}])"), {}));
}
TEST(ClauseIsTighter, IpInParentCidrIsTighter) {
  EXPECT_TRUE(tighter(R"([{"hosts":["192.168.0.12"]}])", R"([{"hosts":["192.168.0.0/24"]}])"));
}
TEST(ClauseIsTighter, SmallerCidrInsideLargerIsTighter) {
  EXPECT_TRUE(tighter(R"([{"hosts":["192.168.0.0/24"]}])", R"([{"hosts":["192.168.0.0/16"]}])"));
}
TEST(ClauseIsTighter, LargerCidrIsNotTighterThanSmaller) {
  EXPECT_FALSE(tighter(R"([{"hosts":["192.168.0.0/16"]}])", R"([{"hosts":["192.168.0.0/24"]}])"));
}
TEST(ClauseIsTighter, CidrOutsideParentCidrIsNotTighter) {
  EXPECT_FALSE(tighter(R"([{"hosts":["193.168.0.0/24"]}])", R"([{"hosts":["192.168.0.0/16"]}])"));
}
TEST(ClauseIsTighter, HostUnderParentWildcardIsTighter) {
  EXPECT_TRUE(tighter(R"([{"hosts":["test.example.com"]}])", R"([{"hosts":["*.example.com"]}])"));
}
TEST(ClauseIsTighter, WildcardIsNotTighterThanHostUnderIt) {
  EXPECT_FALSE(tighter(R"([{"hosts":["*.example.com"]}])", R"([{"hosts":["test.example.com"]}])"));
}
TEST(ClauseIsTighter, NarrowerWildcardIsTighter) {
  EXPECT_TRUE(tighter(R"([{"hosts":["*.test.example.com"]}])", R"([{"hosts":["*.example.com"]}])"));
}
TEST(ClauseIsTighter, HostOutsideParentWildcardIsNotTighter) {
  EXPECT_FALSE(tighter(R"([{"hosts":["test.other.com"]}])", R"([{"hosts":["*.example.com"]}])"));
}
TEST(ClauseIsTighter, WildcardMatchesWholeLabelsOnly) {
  EXPECT_FALSE(tighter(R"([{"hosts":["evilexample.com"]}])", R"([{"hosts":["*.example.com"]}])"));
  EXPECT_FALSE(tighter(R"([{"hosts":["example.com"]}])", R"([{"hosts":["*.example.com"]}])"));
}
TEST(ClauseIsTighter, WildcardIsNeverInsideAnIp) {
  EXPECT_FALSE(tighter(R"([{"hosts":["*.example.com"]}])", R"([{"hosts":["192.0.2.1","192.0.2.0/24"]}])"));
}
TEST(ClauseIsTighter, IpIsInsideHostNameThroughItsConfirmedNames) {
  const MatchEnvironment env{.host_names_of =
                                 [](std::string_view ip) {
                                   return ip == "192.0.2.1" ? std::vector<std::string>{"Node1.Example.com."}
                                                            : std::vector<std::string>{};
                                 },
                             .country_of = {},
                             .usages_of = {}};
  EXPECT_TRUE(tighter(R"([{"hosts":["192.0.2.1"]}])", R"([{"hosts":["*.example.com"]}])", env));
  EXPECT_TRUE(tighter(R"([{"hosts":["192.0.2.1"]}])", R"([{"hosts":["node1.example.com"]}])", env));
  EXPECT_FALSE(tighter(R"([{"hosts":["192.0.2.2"]}])", R"([{"hosts":["*.example.com"]}])", env));
  EXPECT_FALSE(tighter(R"([{"hosts":["192.0.2.1"]}])", R"([{"hosts":["*.example.com"]}])"));  // no lookup
}
TEST(ClauseIsTighter, Ipv6CidrContainment) {
  EXPECT_TRUE(tighter(R"([{"hosts":["2001:db8:1::/48","2001:db8::5"]}])", R"([{"hosts":["2001:db8::/32"]}])"));
  EXPECT_FALSE(tighter(R"([{"hosts":["2001:db9::/48"]}])", R"([{"hosts":["2001:db8::/32"]}])"));
}
TEST(ClauseIsTighter, NoHostsIsNotTighterThanHosts) { EXPECT_FALSE(tighter("[{}]", R"([{"hosts":["192.0.2.1"]}])")); }
TEST(ClauseIsTighter, LargerGeoAllowListIsNotTighter) {
  EXPECT_FALSE(tighter(R"([{"geoip_allow":["de","us"]}])", R"([{"geoip_allow":["de"]}])"));
}
TEST(ClauseIsTighter, SmallerGeoAllowListIsTighter) {
  EXPECT_TRUE(tighter(R"([{"geoip_allow":["de"]}])", R"([{"geoip_allow":["de","us"]}])"));
}
TEST(ClauseIsTighter, LargerGeoDisallowListIsTighter) {
  EXPECT_TRUE(tighter(R"([{"geoip_disallow":["de","us"]}])", R"([{"geoip_disallow":["de"]}])"));
}
TEST(ClauseIsTighter, SmallerGeoDisallowListIsNotTighter) {
  EXPECT_FALSE(tighter(R"([{"geoip_disallow":["de"]}])", R"([{"geoip_disallow":["de","us"]}])"));
}
TEST(ClauseIsTighter, NoGeoDisallowListIsNotTighterThanOne) {
  EXPECT_FALSE(tighter("[{}]", R"([{"geoip_disallow":["jp","us"]}])"));
}
TEST(ClauseIsTighter, MoreUsagesAreNotTighter) {
  EXPECT_FALSE(tighter(R"([{"usages_AT":20}])", R"([{"usages_AT":10}])"));
}
TEST(ClauseIsTighter, FewerUsagesAreTighter) { EXPECT_TRUE(tighter(R"([{"usages_AT":10}])", R"([{"usages_AT":20}])")); }
TEST(ClauseIsTighter, UnlimitedUsagesAreNotTighterThanLimited) {
  EXPECT_FALSE(tighter("[{}]", R"([{"usages_AT":20}])"));
}
TEST(ClauseIsTighter, TighterOnEveryKeyIsTighter) {
  EXPECT_TRUE(tighter(R"([{"scope":"a","usages_AT":20,"usages_other":20}])",
                      R"([{"scope":"a b","usages_AT":50,"usages_other":100}])"));
}
TEST(ClauseIsTighter, MixedUsagesAreTighterNeitherWay) {
  EXPECT_FALSE(tighter(R"([{"usages_AT":100,"usages_other":50}])", R"([{"usages_AT":50,"usages_other":100}])"));
  EXPECT_FALSE(tighter(R"([{"usages_AT":50,"usages_other":100}])", R"([{"usages_AT":100,"usages_other":50}])"));
}
TEST(ClauseIsTighter, EqualClausesAreTighter) {
  const auto* c = R"([{"nbf":10,"exp":20,"scope":"a b","audience":["x"],"hosts":["10.0.0.0/8"],)"
                  R"("geoip_allow":["DE"],"geoip_disallow":["US"],"usages_AT":3,"usages_other":4}])";
  EXPECT_TRUE(tighter(c, c));
}
TEST(ClauseIsTighter, EarlierNbfWithEverythingElseEqualIsNotTighter) {
  EXPECT_FALSE(tighter(R"([{"nbf":500,"exp":1000,"scope":"a"}])", R"([{"nbf":700,"exp":1000,"scope":"a"}])"));
}
TEST(ClauseIsTighter, AudiencesMustBeASubset) {
  EXPECT_TRUE(tighter(R"([{"audience":["x"]}])", R"([{"audience":["x","y"]}])"));
  EXPECT_FALSE(tighter(R"([{"audience":["x","z"]}])", R"([{"audience":["x","y"]}])"));
  EXPECT_FALSE(tighter("[{}]", R"([{"audience":["x"]}])"));
}

}  // namespace
}  // namespace mytoken
