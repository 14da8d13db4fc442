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

// A resolver that knows one forward-confirmed name per address.
MatchEnvironment names(std::map<std::string, std::vector<std::string>> table) {
  return {.host_names_of =
              [table](std::string_view ip) {
                const auto it = table.find(std::string(ip));
                return it == table.end() ? std::vector<std::string>{} : it->second;
              },
          .country_of = {},
          .usages_of = {}};
}

TEST(HostAllowed, MatchesEqualIp) {
  EXPECT_TRUE(host_allowed({"192.0.2.1"}, "192.0.2.1", {}));
  EXPECT_FALSE(host_allowed({"192.0.2.1"}, "192.0.2.2", {}));
}

TEST(HostAllowed, MatchesCidrContainment) {
  EXPECT_TRUE(host_allowed({"192.0.2.0/24"}, "192.0.2.77", {}));
  EXPECT_FALSE(host_allowed({"192.0.2.0/24"}, "192.0.3.1", {}));
  EXPECT_TRUE(host_allowed({"0.0.0.0/0"}, "203.0.113.9", {}));
}

TEST(HostAllowed, StoredNonAlignedCidrMeansItsNetwork) {  // spec §21 item 10
  EXPECT_TRUE(host_allowed({"192.168.0.12/24"}, "192.168.0.99", {}));
}

TEST(HostAllowed, SupportsIpv6) {
  EXPECT_TRUE(host_allowed({"2001:db8::/32"}, "2001:db8:aa::1", {}));
  EXPECT_TRUE(host_allowed({"2001:db8::1"}, "2001:0db8:0:0::1", {}));
  EXPECT_FALSE(host_allowed({"2001:db8::/32"}, "2001:db9::1", {}));
  EXPECT_FALSE(host_allowed({"0.0.0.0/0"}, "2001:db8::1", {}));
}

TEST(HostAllowed, Ipv4MappedClientMatchesIpv4Entries) {
  EXPECT_TRUE(host_allowed({"192.0.2.0/24"}, "::ffff:192.0.2.5", {}));
}

TEST(HostAllowed, MatchesHostNameThroughConfirmedNames) {
  const auto env = names({{"192.0.2.1", {"Laptop.Example.COM."}}});
  EXPECT_TRUE(host_allowed({"laptop.example.com"}, "192.0.2.1", env));
  EXPECT_FALSE(host_allowed({"laptop.example.com"}, "192.0.2.2", env));
}

TEST(HostAllowed, HostNamesNeverMatchWithoutResolver) {
  EXPECT_FALSE(host_allowed({"laptop.example.com", "*.example.com"}, "192.0.2.1", {}));
}

TEST(HostAllowed, WildcardMatchesWholeLabelsOnly) {  // spec §21 item 10
  const auto env = names({{"192.0.2.1", {"a.example.com"}},
                          {"192.0.2.2", {"example.com"}},
                          {"192.0.2.3", {"evilexample.com"}},
                          {"192.0.2.4", {"b.a.example.com"}}});
  EXPECT_TRUE(host_allowed({"*.example.com"}, "192.0.2.1", env));
  EXPECT_FALSE(host_allowed({"*.example.com"}, "192.0.2.2", env));
  EXPECT_FALSE(host_allowed({"*.example.com"}, "192.0.2.3", env));
  EXPECT_TRUE(host_allowed({"*.example.com"}, "192.0.2.4", env));
}

TEST(HostAllowed, LegacyWildcardWithoutDotAlsoMatchesWholeLabelsOnly) {
  const auto env = names({{"192.0.2.1", {"www.kit.edu"}}, {"192.0.2.2", {"evilkit.edu"}}});
  EXPECT_TRUE(host_allowed({"*kit.edu"}, "192.0.2.1", env));
  EXPECT_FALSE(host_allowed({"*kit.edu"}, "192.0.2.2", env));
}

TEST(HostAllowed, InvalidClientIpMatchesNothing) { EXPECT_FALSE(host_allowed({"0.0.0.0/0"}, "unknown", {})); }

UsageRequest at_request(int64_t now = 100) {
  return {
      .kind = UsageRequest::Kind::kAccessToken, .now = now, .client_ip = "192.0.2.1", .scopes = {}, .audiences = {}};
}
UsageRequest other_request(int64_t now = 100) {
  return {.kind = UsageRequest::Kind::kOther, .now = now, .client_ip = "192.0.2.1", .scopes = {}, .audiences = {}};
}

TEST(SelectClause, FirstAllowingClauseWins) {
  EXPECT_EQ(select_clause(restrictions(R"([{"exp":50},{"exp":200},{}])"), at_request(), {}), 1u);
}

TEST(SelectClause, ChecksNbfAndExpInclusively) {
  const auto r = restrictions(R"([{"nbf":100,"exp":100}])");
  EXPECT_EQ(select_clause(r, at_request(100), {}), 0u);
  EXPECT_EQ(select_clause(r, at_request(99), {}), std::nullopt);
  EXPECT_EQ(select_clause(r, at_request(101), {}), std::nullopt);
}

TEST(SelectClause, ChecksHosts) {
  EXPECT_EQ(select_clause(restrictions(R"([{"hosts":["192.0.2.9"]},{"hosts":["192.0.2.0/24"]}])"), at_request(), {}),
            1u);
  EXPECT_EQ(select_clause(restrictions(R"([{"hosts":["198.51.100.0/24"]}])"), at_request(), {}), std::nullopt);
}

MatchEnvironment country(std::optional<std::string> c) {
  return {.host_names_of = {}, .country_of = [c](std::string_view) { return c; }, .usages_of = {}};
}

TEST(SelectClause, GeoAllowNeedsAKnownListedCountry) {
  const auto r = restrictions(R"([{"geoip_allow":["DE","FR"]}])");
  EXPECT_EQ(select_clause(r, at_request(), country("DE")), 0u);
  EXPECT_EQ(select_clause(r, at_request(), country("US")), std::nullopt);
  EXPECT_EQ(select_clause(r, at_request(), country(std::nullopt)), std::nullopt);
  EXPECT_EQ(select_clause(r, at_request(), {}), std::nullopt);
}

TEST(SelectClause, GeoDisallowRejectsOnlyKnownListedCountry) {
  const auto r = restrictions(R"([{"geoip_disallow":["DE"]}])");
  EXPECT_EQ(select_clause(r, at_request(), country("DE")), std::nullopt);
  EXPECT_EQ(select_clause(r, at_request(), country("US")), 0u);
  EXPECT_EQ(select_clause(r, at_request(), country(std::nullopt)), 0u);
}

MatchEnvironment usages(std::map<std::string, UsageCounts> table) {
  return {.host_names_of = {}, .country_of = {}, .usages_of = [table](const std::string& hash) {
            const auto it = table.find(hash);
            return it == table.end() ? UsageCounts{} : it->second;
          }};
}

TEST(SelectClause, AccessTokenUsagesMustBeBelowLimit) {
  const auto r = restrictions(R"([{"usages_AT":2},{"usages_AT":5}])");
  EXPECT_EQ(select_clause(r, at_request(), usages({{clause_hash(r[0]), {.at = 1, .other = 0}}})), 0u);
  EXPECT_EQ(select_clause(r, at_request(), usages({{clause_hash(r[0]), {.at = 2, .other = 0}}})), 1u);
  EXPECT_EQ(select_clause(r, at_request(), {}), 0u);  // never used = 0
}

TEST(SelectClause, ZeroUsagesNeverAllow) {
  EXPECT_EQ(select_clause(restrictions(R"([{"usages_AT":0}])"), at_request(), {}), std::nullopt);
}

TEST(SelectClause, OtherRequestsCountOtherUsagesOnly) {
  const auto r = restrictions(R"([{"usages_AT":0,"usages_other":1}])");
  EXPECT_EQ(select_clause(r, other_request(), {}), 0u);
  EXPECT_EQ(select_clause(r, other_request(), usages({{clause_hash(r[0]), {.at = 0, .other = 1}}})), std::nullopt);
  EXPECT_EQ(select_clause(restrictions(R"([{"usages_AT":0}])"), other_request(), {}), 0u);
}

TEST(SelectClause, AccessTokenScopesMustBeCoveredByClause) {  // spec §6.3
  const auto r = restrictions(R"([{"scope":"openid"},{"scope":"openid profile"},{}])");
  auto req = at_request();
  req.scopes = {"openid", "profile"};
  EXPECT_EQ(select_clause(r, req, {}), 1u);
  req.scopes = {"email"};
  EXPECT_EQ(select_clause(r, req, {}), 2u);  // a clause without scope allows any
  req.scopes = {};
  EXPECT_EQ(select_clause(r, req, {}), 0u);
}

TEST(SelectClause, AccessTokenAudiencesMustBeCoveredByClause) {
  const auto r = restrictions(R"([{"audience":["a"]},{"audience":["a","b"]}])");
  auto req = at_request();
  req.audiences = {"b"};
  EXPECT_EQ(select_clause(r, req, {}), 1u);
  req.audiences = {"c"};
  EXPECT_EQ(select_clause(r, req, {}), std::nullopt);
}

TEST(SelectClause, OtherRequestsIgnoreScopes) {
  auto req = other_request();
  req.scopes = {"email"};
  EXPECT_EQ(select_clause(restrictions(R"([{"scope":"openid"}])"), req, {}), 0u);
}

TEST(SelectClause, ScopeFilterAppliesAfterUsageFilter) {
  const auto r = restrictions(R"([{"scope":"a","usages_AT":1},{"scope":"a b"}])");
  auto req = at_request();
  req.scopes = {"a"};
  EXPECT_EQ(select_clause(r, req, usages({{clause_hash(r[0]), {.at = 1, .other = 0}}})), 1u);
}

TEST(RefusalReasons, NameTheFirstFailedCheckOfEachClauseOnce) {
  const auto r = restrictions(R"([{"exp":50},{"hosts":["198.51.100.1"]},{"nbf":500},{"usages_AT":0}])");
  ASSERT_EQ(select_clause(r, at_request(), {}), std::nullopt);
  const std::vector<std::string_view> expected{"time", "hosts", "usages_AT"};
  EXPECT_EQ(refusal_reasons(r, at_request(), {}), expected);
  EXPECT_TRUE(refusal_reasons(r, other_request(), {}).empty());  // usages_AT does not limit other uses
}

TEST(RefusalReasons, EmptyWhenAClauseAllowsTheRequest) {
  EXPECT_TRUE(refusal_reasons(restrictions(R"([{"exp":50},{}])"), at_request(), {}).empty());
}

}  // namespace
}  // namespace mytoken
