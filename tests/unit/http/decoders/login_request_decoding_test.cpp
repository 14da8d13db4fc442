#include "http/decoders/login_request_decoding.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <stdexcept>
#include <string>

#include "domain/restrictions.hpp"
#include "support/must.hpp"

namespace mytoken {
namespace {

using test::must;

boost::json::object object(std::string_view json) { return boost::json::parse(json).as_object(); }
Result<LoginRequestEdits> edits(std::string_view json) {
  return decode_login_request_edits(object(json), 1000, "192.0.2.1");
}
Result<StartLoginRequest> start(std::string_view json) {
  return decode_start_login_request(object(json), 1000, "192.0.2.1");
}
Restrictions clauses(std::string_view json) { return must(restrictions_from_json(boost::json::parse(json))); }

void expect_invalid_request(const ApiError& e, std::string_view description, std::string_view input) {
  EXPECT_EQ(e.status, 400) << input;
  EXPECT_EQ(e.error, "invalid_request") << input;
  if (!description.empty()) {
    EXPECT_EQ(e.description, description) << input;
  }
}

TEST(DecodeLoginRequestEdits, ReadsEveryMember) {
  auto e = must(edits(R"({"oidc_issuer":"https://op.example","name":"laptop","capabilities":["AT","tokeninfo"],
      "restrictions":[{"exp":"+1h","hosts":["this"]}],"rotation":{"on_AT":true},"grant_type":"oidc_flow"})"));
  EXPECT_EQ(e.oidc_issuer, "https://op.example");
  EXPECT_EQ(e.name, "laptop");
  EXPECT_EQ(e.capabilities, (Capabilities{"AT", "tokeninfo"}));
  EXPECT_EQ(e.restrictions, clauses(R"([{"exp":4600,"hosts":["192.0.2.1"]}])"));
  EXPECT_TRUE(e.rotation_given);
  EXPECT_EQ(e.rotation, (Rotation{.on_AT = true}));
}

TEST(DecodeLoginRequestEdits, AbsentAndNullMembersAreNotGiven) {
  for (const char* json : {"{}", R"({"oidc_issuer":null,"name":null,"capabilities":null,"restrictions":null})"}) {
    auto e = must(edits(json));
    EXPECT_FALSE(e.oidc_issuer) << json;
    EXPECT_FALSE(e.name) << json;
    EXPECT_FALSE(e.capabilities) << json;
    EXPECT_FALSE(e.restrictions) << json;
    EXPECT_FALSE(e.rotation_given) << json;
  }
}

TEST(DecodeLoginRequestEdits, EmptyValuesAreGiven) {
  auto e = must(edits(R"({"name":"","restrictions":[]})"));
  EXPECT_EQ(e.name, "");
  EXPECT_EQ(e.restrictions, Restrictions{});
}

TEST(DecodeLoginRequestEdits, NullRotationIsGivenAndRemovesIt) {
  auto e = must(edits(R"({"rotation":null})"));
  EXPECT_TRUE(e.rotation_given);
  EXPECT_FALSE(e.rotation);
}

TEST(DecodeLoginRequestEdits, WrongTypesAndInvalidValuesAreA400) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"oidc_issuer":5})", "oidc_issuer must be a string"},
      {R"({"name":true})", "name must be a string"},
      {R"({"capabilities":{}})", ""},
      {R"({"capabilities":[]})", "capabilities must not be empty"},
      {R"({"capabilities":["AT","fly"]})", ""},
      {R"({"restrictions":"x"})", ""},
      {R"({"restrictions":[{"hosts":["10.0.0.0/33"]}]})", ""},
      {R"({"rotation":"x"})", ""},
      {R"({"rotation":[]})", ""},
  };
  for (const auto& [bad, description] : cases) {
    auto e = edits(bad);
    ASSERT_FALSE(e) << bad;
    expect_invalid_request(e.error(), description, bad);
  }
  auto long_name = edits("{\"name\":\"" + std::string(101, 'x') + "\"}");
  ASSERT_FALSE(long_name);
  expect_invalid_request(long_name.error(), "name must not exceed 100 characters", "long name");
  EXPECT_TRUE(edits("{\"name\":\"" + std::string(100, 'x') + "\"}"));
}

TEST(DecodeStartLoginRequest, ReadsTheEditsAndTheResponseMembers) {
  auto r = must(start(R"({"grant_type":"oidc_flow","oidc_flow":"authorization_code","client_type":"native",
      "oidc_issuer":"https://op.example","name":"n","response_type":"short_token","max_token_len":40,
      "application_name":"agent"})"));
  EXPECT_EQ(r.edits.oidc_issuer, "https://op.example");
  EXPECT_EQ(r.edits.name, "n");
  EXPECT_EQ(r.response_type, "short_token");
  EXPECT_EQ(r.max_token_len, 40);
  EXPECT_EQ(r.application_name, "agent");
}

TEST(DecodeStartLoginRequest, Defaults) {
  auto r = must(start(R"({"response_type":null,"max_token_len":null,"application_name":null})"));
  EXPECT_EQ(r.response_type, "token");
  EXPECT_EQ(r.max_token_len, 0);
  EXPECT_EQ(r.application_name, "");
  EXPECT_EQ(must(start(R"({"response_type":""})")).response_type, "") << "a given response_type is kept as sent";
}

TEST(DecodeStartLoginRequest, ApplicationNameIsCutTo100Bytes) {
  EXPECT_EQ(must(start("{\"application_name\":\"" + std::string(150, 'a') + "\"}")).application_name,
            std::string(100, 'a'));
}

TEST(DecodeStartLoginRequest, OnlyTheAuthorizationCodeFlow) {
  for (const char* bad : {R"({"oidc_flow":"device"})", R"({"oidc_flow":5})"}) {
    auto r = start(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().status, 400) << bad;
    EXPECT_EQ(r.error().error, "invalid_grant") << bad;
    EXPECT_EQ(r.error().description, "Unsupported oidc_flow") << bad;
  }
}

TEST(DecodeStartLoginRequest, WrongMembersAreA400) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"client_type":"web"})", "client_type=web is not supported by this server; use a native client"},
      {R"({"client_type":1})", "client_type must be a string"},
      {R"({"name":1})", "name must be a string"},
      {R"({"response_type":1})", "response_type must be a string"},
      {R"({"max_token_len":-1})", "max_token_len must be a non-negative integer"},
      {R"({"max_token_len":18446744073709551615})", "max_token_len must be a non-negative integer"},
      {R"({"max_token_len":"9"})", "max_token_len must be a non-negative integer"},
      {R"({"application_name":{}})", "application_name must be a string"},
  };
  for (const auto& [bad, description] : cases) {
    auto r = start(bad);
    ASSERT_FALSE(r) << bad;
    expect_invalid_request(r.error(), description, bad);
  }
}

TEST(DecodeStartLoginRequest, TheFirstFailureIsTheAnswer) {  // the order the members were always checked in
  auto flow_first = start(R"({"oidc_flow":"device","client_type":"web","name":1})");
  ASSERT_FALSE(flow_first);
  EXPECT_EQ(flow_first.error().description, "Unsupported oidc_flow");
  auto client_type_before_edits = start(R"({"client_type":"web","name":1})");
  ASSERT_FALSE(client_type_before_edits);
  EXPECT_EQ(client_type_before_edits.error().description,
            "client_type=web is not supported by this server; use a native client");
  auto edits_before_response_members = start(R"({"name":1,"max_token_len":-1})");
  ASSERT_FALSE(edits_before_response_members);
  EXPECT_EQ(edits_before_response_members.error().description, "name must be a string");
}

}  // namespace
}  // namespace mytoken
