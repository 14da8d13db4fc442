#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "domain/restrictions.hpp"

namespace mytoken {
namespace {

constexpr int64_t kNow = 1'700'000'000;

Result<Restrictions> parse(std::string_view json_text, std::string_view caller_ip = "203.0.113.7") {
  return parse_restrictions(boost::json::parse(json_text), kNow, caller_ip);
}

Restrictions ok(std::string_view json_text) {
  auto r = parse(json_text);
  EXPECT_TRUE(r) << json_text << ": " << (r ? "" : r.error().description);
  return r ? *r : Restrictions{};
}

void expect_invalid(std::string_view json_text, std::string_view mentions = {}) {
  const auto r = parse(json_text);
  ASSERT_FALSE(r) << json_text;
  EXPECT_EQ(r.error().error, "invalid_request");
  EXPECT_EQ(r.error().status, 400);
  if (!mentions.empty()) {
    EXPECT_NE(r.error().description.find(mentions), std::string::npos) << r.error().description;
  }
}

TEST(ParseRestrictions, AcceptsSingleClauseObject) {
  const auto r = ok(R"({"exp":100,"scope":"a b"})");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].exp, 100);
  EXPECT_EQ(r[0].scopes, (std::vector<std::string>{"a", "b"}));
}

TEST(ParseRestrictions, AcceptsArrayOfClauses) {
  const auto r = ok(R"([{"exp":100},{"nbf":50}])");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].nbf, 50);
}

TEST(ParseRestrictions, RejectsOtherShapes) {
  expect_invalid("5", "restrictions must be");
  expect_invalid(R"("exp")", "restrictions must be");
  expect_invalid(R"([{"exp":1}, 3])", "restrictions must be");
  expect_invalid("null", "restrictions must be");
}

std::string clauses_with_scope_lengths(size_t clauses, size_t scope_len) {
  std::string text = "[";
  for (size_t i = 0; i < clauses; ++i) {
    text += (i ? ",{\"scope\":\"" : "{\"scope\":\"") + std::string(scope_len, 'a') + std::to_string(i) + "\"}";
  }
  return text + "]";
}

// A token carries its restrictions; one too large to be presented again is refused when it is asked for.
TEST(ParseRestrictions, RefusesRestrictionsLargerThanATokenCanCarry) {
  EXPECT_EQ(ok(clauses_with_scope_lengths(100, 100)).size(), 100u);  // ~12 KiB encoded
  expect_invalid(clauses_with_scope_lengths(2500, 1), "restrictions too large");
  expect_invalid("{\"scope\":\"" + std::string(kMaxRestrictionsBytes, 's') + "\"}", "restrictions too large");
}

TEST(ParseRestrictions, DropsEmptyClauses) {
  const auto r = ok(R"([{},{"include":["x"]},{"exp":5}])");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].exp, 5);
}

TEST(ParseRestrictions, IgnoresUnknownKeysAndNulls) {
  const auto r = ok(R"({"include":"tmpl","future_key":{"a":1},"exp":null,"scope":"a"})");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].exp, 0);
}

TEST(ParseRestrictions, ResolvesTimeStrings) {
  const auto r = ok(R"({"nbf":"+1h","exp":"2026-01-01 00:00"})");
  EXPECT_EQ(r[0].nbf, kNow + 3600);
  EXPECT_EQ(r[0].exp, 1767225600);
}

TEST(ParseRestrictions, BadTimeNamesTheKey) { expect_invalid(R"({"exp":"soon"})", "'exp'"); }

TEST(ParseRestrictions, ScopeIsSplitAndDeduplicated) {
  EXPECT_EQ(ok(R"({"scope":"  openid profile  openid "})")[0].scopes, (std::vector<std::string>{"openid", "profile"}));
}

TEST(ParseRestrictions, ScopeMustBeString) { expect_invalid(R"({"scope":["a"]})", "'scope'"); }

TEST(ParseRestrictions, AudienceAcceptsArrayOrSingleString) {
  EXPECT_EQ(ok(R"({"audience":["x","y","x"]})")[0].audiences, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(ok(R"({"audience":"x"})")[0].audiences, (std::vector<std::string>{"x"}));
  expect_invalid(R"({"audience":[1]})", "'audience'");
  expect_invalid(R"({"audience":7})", "'audience'");
}

TEST(ParseRestrictions, HostThisBecomesCallerIpCaseInsensitively) {
  EXPECT_EQ(ok(R"({"hosts":["this"]})")[0].hosts, (std::vector<std::string>{"203.0.113.7"}));
  EXPECT_EQ(ok(R"({"hosts":["ThIs"]})")[0].hosts, (std::vector<std::string>{"203.0.113.7"}));
}

TEST(ParseRestrictions, HostThisWithoutCallerIpIsRejected) {
  const auto r = parse(R"({"hosts":["this"]})", "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, 400);
}

TEST(ParseRestrictions, NormalisesNonAlignedCidrToItsNetwork) {  // spec §21 item 10 (upstream: host .12)
  EXPECT_EQ(ok(R"({"hosts":["192.168.0.12/24"]})")[0].hosts, (std::vector<std::string>{"192.168.0.0/24"}));
  EXPECT_EQ(ok(R"({"hosts":["2001:DB8::1/32"]})")[0].hosts, (std::vector<std::string>{"2001:db8::/32"}));
}

TEST(ParseRestrictions, NormalisesAddressesAndNames) {
  EXPECT_EQ(ok(R"({"hosts":["2001:0DB8:0000::0001","Host.Example.COM.","*.Example.com","10.0.0.0/8"]})")[0].hosts,
            (std::vector<std::string>{"2001:db8::1", "host.example.com", "*.example.com", "10.0.0.0/8"}));
}

TEST(ParseRestrictions, LegacyIpKeyMeansHosts) {
  EXPECT_EQ(ok(R"({"ip":["192.0.2.1"]})")[0].hosts, (std::vector<std::string>{"192.0.2.1"}));
}

TEST(ParseRestrictions, RejectsInvalidHosts) {
  for (const auto* bad :
       {"300.1.1.1", "192.168.0.0/33", "192.168.0.0/", "192.168.0.0/x", "::/129", "exa mple.com", "-bad.com",
        "*foo.com", "a..b", "", "*.", "*", "host_name.com", "1.2.3", "ü.example.com", "fe80::1%eth0"}) {
    expect_invalid(std::string(R"({"hosts":[")") + bad + R"("]})", "hosts");
  }
  expect_invalid(R"({"hosts":"192.0.2.1"})", "'hosts'");
  expect_invalid(R"({"hosts":[1]})", "'hosts'");
}

TEST(ParseRestrictions, CountryCodesAreUpperCased) {
  const auto r = ok(R"({"geoip_allow":["de","Us"],"geoip_disallow":["jp"]})");
  EXPECT_EQ(r[0].geoip_allow, (std::vector<std::string>{"DE", "US"}));
  EXPECT_EQ(r[0].geoip_disallow, (std::vector<std::string>{"JP"}));
}

TEST(ParseRestrictions, RejectsInvalidCountryCodes) {
  expect_invalid(R"({"geoip_allow":["DEU"]})", "'geoip_allow'");
  expect_invalid(R"({"geoip_allow":["d1"]})", "'geoip_allow'");
  expect_invalid(R"({"geoip_disallow":[""]})", "'geoip_disallow'");
  expect_invalid(R"({"geoip_disallow":"DE"})", "'geoip_disallow'");
}

TEST(ParseRestrictions, UsagesMustBeNonNegativeIntegers) {
  const auto r = ok(R"({"usages_AT":0,"usages_other":3})");
  EXPECT_EQ(r[0].usages_AT, 0);
  EXPECT_EQ(r[0].usages_other, 3);
  expect_invalid(R"({"usages_AT":-1})", "'usages_AT'");
  expect_invalid(R"({"usages_other":"3"})", "'usages_other'");
  expect_invalid(R"({"usages_AT":1.5})", "'usages_AT'");
}

TEST(RestrictionsFromJson, ReadsStoredClausesVerbatim) {
  const auto r = restrictions_from_json(boost::json::parse(
      R"([{"nbf":1,"exp":2,"scope":"a b","audience":["x"],"ip":["192.168.0.12/24"],"geoip_allow":["de"],)"
      R"("usages_AT":0},{}])"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].hosts, (std::vector<std::string>{"192.168.0.12/24"}));
  EXPECT_EQ((*r)[0].geoip_allow, (std::vector<std::string>{"de"}));
  EXPECT_EQ((*r)[0].usages_AT, 0);
  EXPECT_TRUE((*r)[1].empty());
}

TEST(RestrictionsFromJson, NullAndEmptyArrayAreUnrestricted) {
  EXPECT_TRUE(restrictions_from_json(boost::json::parse("null"))->empty());
  EXPECT_TRUE(restrictions_from_json(boost::json::parse("[]"))->empty());
}

TEST(RestrictionsFromJson, RejectsWrongTypesAsInvalidToken) {
  for (const auto* bad :
       {R"([{"exp":"+1h"}])", R"([{"scope":1}])", R"([3])", R"("x")", R"([{"hosts":[1]}])", R"([{"usages_AT":-2}])"}) {
    const auto r = restrictions_from_json(boost::json::parse(bad));
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().error, "invalid_token");
  }
}

TEST(RestrictionsFromJson, RoundTripsThroughClauseToJson) {
  const auto parsed = ok(R"([{"nbf":1,"exp":2,"scope":"a b","audience":["x"],"hosts":["10.0.0.0/8"],)"
                         R"("geoip_allow":["DE"],"geoip_disallow":["US"],"usages_AT":0,"usages_other":4}])");
  const auto again = restrictions_from_json(restrictions_to_json(parsed));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, parsed);
}

}  // namespace
}  // namespace mytoken
