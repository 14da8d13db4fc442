#include "http/decoders/subtoken_request_decoding.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <limits>
#include <stdexcept>
#include <string>

#include "domain/restrictions.hpp"
#include "support/must.hpp"

namespace mytoken {
namespace {

using test::must;

Result<SubtokenRequest> decode(std::string_view json, int64_t now = 1000) {
  return decode_subtoken_request(boost::json::parse(json).as_object(), now, "192.0.2.1");
}

Restrictions clauses(std::string_view json) { return must(restrictions_from_json(boost::json::parse(json))); }

TEST(DecodeSubtokenRequest, ReadsEveryMember) {
  auto r = must(decode(R"({"oidc_issuer":"https://op.example","name":"job","capabilities":"AT tokeninfo",
      "restrictions":{"exp":"+1d12h","hosts":["this"],"usages_AT":20},"rotation":{"on_AT":true},
      "response_type":"short_token","max_token_len":100,"error_on_restrictions":true,"application_name":"ci"})"));
  EXPECT_EQ(r.oidc_issuer, "https://op.example");
  EXPECT_EQ(r.name, "job");
  EXPECT_EQ(r.capabilities, (Capabilities{"AT", "tokeninfo"}));
  EXPECT_EQ(r.restrictions, clauses(R"([{"exp":130600,"hosts":["192.0.2.1"],"usages_AT":20}])"));
  EXPECT_EQ(r.rotation, (Rotation{.on_AT = true}));
  EXPECT_EQ(r.response_type, "short_token");
  EXPECT_EQ(r.max_token_len, 100);
  EXPECT_TRUE(r.error_on_restrictions);
  EXPECT_EQ(r.application_name, "ci");
  EXPECT_TRUE(r.parent.empty()) << "the presented mytoken is the handler's to find";
}

TEST(DecodeSubtokenRequest, EverythingIsOptional) {
  auto r = must(decode(R"({"grant_type":"mytoken","include":"x","tags":["a"]})"));  // unknown members ignored
  EXPECT_TRUE(r.oidc_issuer.empty());
  EXPECT_TRUE(r.capabilities.empty());
  EXPECT_TRUE(r.restrictions.empty());
  EXPECT_FALSE(r.rotation);
  EXPECT_EQ(r.response_type, "token");
  EXPECT_EQ(r.max_token_len, 0);
  EXPECT_FALSE(r.error_on_restrictions);
}

TEST(DecodeSubtokenRequest, NullMembersAreNotGiven) {
  auto r = must(decode(R"({"name":null,"response_type":null,"max_token_len":null,"error_on_restrictions":null,
      "capabilities":null,"restrictions":null,"rotation":null})"));
  EXPECT_TRUE(r.name.empty());
  EXPECT_EQ(r.response_type, "token");
  EXPECT_TRUE(r.capabilities.empty());
  EXPECT_FALSE(r.rotation);
}

TEST(DecodeSubtokenRequest, EmptyResponseTypeMeansToken) {  // spec §4.4
  EXPECT_EQ(must(decode(R"({"response_type":""})")).response_type, "token");
}

TEST(DecodeSubtokenRequest, HugeMaxTokenLenIsClamped) {
  EXPECT_EQ(must(decode(R"({"max_token_len":18446744073709551615})")).max_token_len,
            std::numeric_limits<int64_t>::max());
}

TEST(DecodeSubtokenRequest, WrongTypesAreA400WithTheMembersName) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"oidc_issuer":false})", "oidc_issuer must be a string"},
      {R"({"name":7})", "name must be a string"},
      {R"({"application_name":[]})", "application_name must be a string"},
      {R"({"response_type":1})", "response_type must be a string"},
      {R"({"max_token_len":-3})", "max_token_len must be a non-negative integer"},
      {R"({"max_token_len":1.5})", "max_token_len must be a non-negative integer"},
      {R"({"max_token_len":"5"})", "max_token_len must be a non-negative integer"},
      {R"({"error_on_restrictions":"yes"})", "error_on_restrictions must be a boolean"},
  };
  for (const auto& [bad, description] : cases) {
    auto r = decode(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().status, 400) << bad;
    EXPECT_EQ(r.error().error, "invalid_request") << bad;
    EXPECT_EQ(r.error().description, description) << bad;
  }
}

TEST(DecodeSubtokenRequest, InvalidValuesAreA400) {
  for (const char* bad :
       {R"({"capabilities":["AT","fly"]})", R"({"capabilities":5})", R"({"restrictions":[{"hosts":["10.0.0.0/33"]}]})",
        R"({"restrictions":[{"hosts":["a b"]}]})", R"({"restrictions":[{"geoip_allow":["DEU"]}]})",
        R"({"restrictions":[{"exp":"+1x"}]})", R"({"restrictions":[{"usages_AT":-1}]})",
        R"({"restrictions":"template"})", R"({"rotation":{"lifetime":"1d"}})"}) {
    auto r = decode(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().status, 400) << bad;
    EXPECT_EQ(r.error().error, "invalid_request") << bad;
  }
}

TEST(DecodeSubtokenRequest, NamesAreAtMost100Characters) {
  EXPECT_TRUE(decode("{\"name\":\"" + std::string(100, 'x') + "\"}"));
  auto r = decode("{\"name\":\"" + std::string(101, 'x') + "\"}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().description, "name must not exceed 100 characters");
}

}  // namespace
}  // namespace mytoken
