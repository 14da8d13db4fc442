#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "client/api_client.hpp"
#include "client/client_error.hpp"
#include "client/mytoken_response.hpp"
#include "client/server_metadata.hpp"
#include "client/unverified_jwt.hpp"
#include "crypto/encoding.hpp"

namespace mytoken::client {
namespace {

std::string jwt(const std::string& header, const std::string& payload) {
  return base64url_encode(header) + "." + base64url_encode(payload) + "." + base64url_encode("signature");
}

TEST(UnverifiedJwt, ReadsThePayload) {
  const auto p = unverified_jwt_payload(jwt(R"({"alg":"ES512"})", R"({"iss":"https://mt.example"})"));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->at("iss").as_string(), "https://mt.example");
}

TEST(UnverifiedJwt, RejectsNonJwts) {
  EXPECT_FALSE(unverified_jwt_payload("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMN"));  // a short token
  EXPECT_FALSE(unverified_jwt_payload("a.b"));
  EXPECT_FALSE(unverified_jwt_payload(jwt("{}", "{}") + ".extra"));
  EXPECT_FALSE(unverified_jwt_payload(jwt("[]", "{}")));
  EXPECT_FALSE(unverified_jwt_payload(jwt("{}", "not json")));
  EXPECT_FALSE(unverified_jwt_payload(base64url_encode("{}") + "." + base64url_encode("{}") + "."));
  EXPECT_FALSE(unverified_jwt_payload(base64url_encode("{}") + "=." + base64url_encode("{}") + ".AAAA"));
}

TEST(ClientError, ServerErrorObject) {
  const auto e = error_from_reply(403, R"({"error":"usage_restricted","error_description":"nope"})");
  EXPECT_EQ(e.error, "usage_restricted");
  EXPECT_EQ(e.status, 403);
  EXPECT_EQ(describe(e), "usage_restricted: nope");
  EXPECT_EQ(describe(error_from_reply(428, R"({"error":"authorization_pending"})")), "authorization_pending");
}

TEST(ClientError, NonJsonErrorBody) {
  const auto e = error_from_reply(502, "<html>Bad Gateway</html>");
  EXPECT_EQ(describe(e), "http_error: the server answered HTTP 502");
  EXPECT_FALSE(is_network_error(e));
  EXPECT_TRUE(is_network_error(network_error("Could not connect")));
}

TEST(MytokenResponse, TokenUpdateIsTakenOut) {
  auto answer = boost::json::parse(R"({"mytoken":"child","mytoken_type":"token","mom_id":"m","expires_in":60,)"
                                   R"("token_update":{"mytoken":"rotated","mytoken_type":"token"}})")
                    .as_object();
  const auto r = parse_mytoken_response(answer);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->mytoken, "child");
  EXPECT_EQ(r->expires_in, 60);
  ASSERT_TRUE(r->token_update);
  EXPECT_EQ(r->token_update->mytoken, "rotated");
  EXPECT_FALSE(r->json.contains("token_update"));
}

TEST(MytokenResponse, TransferCodeOrNothing) {
  const auto tc = parse_mytoken_response(
      boost::json::parse(R"({"mytoken_type":"transfer_code","transfer_code":"abcDEF","expires_in":300})").as_object());
  ASSERT_TRUE(tc);
  EXPECT_EQ(tc->transfer_code, "abcDEF");
  EXPECT_FALSE(parse_mytoken_response(boost::json::parse(R"({"mytoken_type":"token"})").as_object()));
}

TEST(PollingStart, NeedsConsentUriAndCode) {
  const auto s = parse_polling_start(
      boost::json::parse(R"({"consent_uri":"https://x/c/a","polling_code":"p","expires_in":300,"interval":5})")
          .as_object());
  ASSERT_TRUE(s);
  EXPECT_EQ(s->interval, 5);
  EXPECT_FALSE(parse_polling_start(boost::json::parse(R"({"consent_uri":"https://x/c/a"})").as_object()));
}

TEST(ServerMetadata, ParsesWhatTheClientUses) {
  const auto m = parse_server_metadata(
      R"({"issuer":"https://mt","mytoken_endpoint":"https://mt/api/v0/token/my",)"
      R"("providers_supported":[{"issuer":"https://op","name":"OP","scopes_supported":["openid"]}],)"
      R"("mytoken_endpoint_grant_types_supported":["oidc_flow","mytoken"],"response_types_supported":["token"],)"
      R"("tokeninfo_endpoint_actions_supported":["introspect"]})");
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->supports_grant_type("mytoken"));
  EXPECT_FALSE(m->supports_grant_type("transfer_code"));
  EXPECT_TRUE(m->supports_tokeninfo_action("introspect"));
  EXPECT_FALSE(m->supports_response_type("short_token"));
  ASSERT_EQ(m->providers.size(), 1u);
  EXPECT_EQ(m->providers[0].name, "OP");
  EXPECT_TRUE(m->token_transfer_endpoint.empty());
  EXPECT_FALSE(parse_server_metadata(R"({"issuer":"https://mt"})"));
  EXPECT_FALSE(parse_server_metadata("not json"));
}

TEST(DiscoveryUrl, InsertsTheSlash) {
  EXPECT_EQ(discovery_url("https://mt"), "https://mt/.well-known/mytoken-configuration");
  EXPECT_EQ(discovery_url("https://mt/"), "https://mt/.well-known/mytoken-configuration");
}

TEST(MytokenRequest, UnsetMembersAreNotSent) {
  MytokenRequest r;
  EXPECT_EQ(boost::json::serialize(r.to_json()), "{}");
  r.base = boost::json::parse(R"({"include":"p","name":"from-profile"})").as_object();
  r.name = "n";
  r.capabilities = {"AT"};
  EXPECT_EQ(boost::json::serialize(r.to_json()), R"({"include":"p","name":"n","capabilities":["AT"]})");
}

TEST(JoinWithSpaces, SkipsEmpty) { EXPECT_EQ(join_with_spaces({"a", "", "b"}), "a b"); }

}  // namespace
}  // namespace mytoken::client
