#include "cli/mytoken_request_flags.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "cli/failure.hpp"

namespace mytoken::cli {
namespace {

constexpr int64_t kNow = 1'700'000'000;

std::string request_json(const MytokenRequestFlags& flags, const ClientConfig& config = {}) {
  std::vector<std::string> warnings;
  return boost::json::serialize(build_mytoken_request(flags, config, "laptop", "/home/u", kNow, warnings).to_json());
}

TEST(MytokenRequestFlags, TokenTypes) {
  EXPECT_EQ(response_type_for("token"), "token");
  EXPECT_EQ(response_type_for("short"), "short_token");
  EXPECT_EQ(response_type_for("transfer"), "transfer_code");
  EXPECT_EQ(response_type_for("short_token"), "short_token");
}

TEST(MytokenRequestFlags, CapabilitiesFromListsAndJson) {
  EXPECT_EQ(parse_capability_flags({"AT tokeninfo", R"(["create_mytoken","AT"])", "\"settings\""}),
            (std::vector<std::string>{"AT", "tokeninfo", "create_mytoken", "settings"}));
  EXPECT_EQ(parse_capability_flags({"@default AT"}), (std::vector<std::string>{"@default", "AT"}));
  EXPECT_THROW(parse_capability_flags({"[1]"}), Failure);
}

TEST(MytokenRequestFlags, RotationFlagsAloneMakeARotation) {
  RotationFlags f;
  f.on_at = true;
  f.lifetime = 60;
  EXPECT_EQ(boost::json::serialize(*build_rotation(f, "/h")), R"({"on_AT":true,"lifetime":60})");
  EXPECT_FALSE(build_rotation({}, "/h"));
}

TEST(MytokenRequestFlags, RotationJsonAndTemplates) {
  RotationFlags json;
  json.rotation = R"({"on_other":true})";
  json.auto_revoke = true;
  EXPECT_EQ(boost::json::serialize(*build_rotation(json, "/h")), R"({"on_other":true,"auto_revoke":true})");
  RotationFlags names;
  names.rotation = "daily at";
  EXPECT_EQ(boost::json::serialize(*build_rotation(names, "/h")), R"({"include":["daily","at"]})");
}

TEST(MytokenRequestFlags, NamePrefix) {
  EXPECT_EQ(prefixed_token_name("job", "<hostname>", "laptop"), "laptop:job");
  EXPECT_EQ(prefixed_token_name("job", "ci-<hostname>", "runner"), "ci-runner:job");
  EXPECT_EQ(prefixed_token_name("job", "", "laptop"), "job");
  EXPECT_EQ(prefixed_token_name("", "<hostname>", "laptop"), "");
}

TEST(MytokenRequestFlags, DefaultsFromTheConfig) {
  MytokenRequestFlags f;
  f.name = "n";
  EXPECT_EQ(request_json(f), R"({"capabilities":["AT","tokeninfo"],"name":"laptop:n","response_type":"token",)"
                             R"("application_name":"mytoken client on laptop"})");
}

TEST(MytokenRequestFlags, ExampleOfTheSpec) {
  // cli spec §8.6: mytoken MT -n job1 --exp +7d -s openid -s storage.read:/ --usages-AT 10 --ip 192.0.2.0/24
  MytokenRequestFlags f;
  f.name = "job1";
  f.restrictions.exp = "+7d";
  f.restrictions.scopes = {"openid", "storage.read:/"};
  f.restrictions.usages_at = 10;
  f.restrictions.hosts = {"192.0.2.0/24"};
  f.capabilities = {"AT"};
  EXPECT_EQ(request_json(f), R"({"restrictions":[{"exp":1700604800,"scope":"openid storage.read:/",)"
                             R"("hosts":["192.0.2.0/24"],"usages_AT":10}],"capabilities":["AT"],"name":"laptop:job1",)"
                             R"("response_type":"token","application_name":"mytoken client on laptop"})");
}

TEST(MytokenRequestFlags, ProfileJsonIsTheBaseAndKeepsItsResponseType) {
  MytokenRequestFlags f;
  f.profile = R"({"include":"agent","response_type":"short_token"})";
  EXPECT_EQ(request_json(f), R"({"include":"agent","response_type":"short_token",)"
                             R"("application_name":"mytoken client on laptop"})");
  f.token_type = "transfer";
  EXPECT_EQ(request_json(f), R"({"include":"agent","response_type":"transfer_code",)"
                             R"("application_name":"mytoken client on laptop"})");
}

TEST(MytokenRequestFlags, ProfileNames) {
  MytokenRequestFlags f;
  f.profile = "a b";
  EXPECT_EQ(request_json(f), R"({"include":["a","b"],"response_type":"token",)"
                             R"("application_name":"mytoken client on laptop"})");
}

}  // namespace
}  // namespace mytoken::cli
