// The decoders of the requests whose members go to the services as they are: access token, revocation,
// tokeninfo, and the presented mytoken they share.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <stdexcept>
#include <string>

#include "http/decoders/access_token_request_decoding.hpp"
#include "http/decoders/presented_mytoken.hpp"
#include "http/decoders/revocation_request_decoding.hpp"
#include "http/decoders/tokeninfo_request_decoding.hpp"
#include "support/must.hpp"

namespace mytoken {
namespace {

using test::must;

boost::json::object object(std::string_view json) { return boost::json::parse(json).as_object(); }

HttpRequest with_headers(std::initializer_list<std::pair<std::string, std::string>> headers) {
  HttpRequest r;
  r.method = "POST";
  for (const auto& h : headers) r.headers.push_back(h);
  return r;
}

void expect_error(const ApiError& e, std::string_view error, std::string_view description, std::string_view input) {
  EXPECT_EQ(e.status, 400) << input;
  EXPECT_EQ(e.error, error) << input;
  EXPECT_EQ(e.description, description) << input;
}

// --- presented mytoken (spec §1.3) --------------------------------------------------------------------------

TEST(PresentedMytoken, BodyThenExtraKeysThenBearerThenCookie) {
  const auto both = with_headers({{"authorization", "Bearer from-bearer"}, {"cookie", "mytoken=from-cookie"}});
  EXPECT_EQ(must(presented_mytoken(both, object(R"({"mytoken":"from-body","refresh_token":"rt"})"), {"refresh_token"})),
            Secret("from-body"));
  EXPECT_EQ(must(presented_mytoken(both, object(R"({"mytoken":"","refresh_token":"rt"})"), {"refresh_token"})),
            Secret("rt"));
  EXPECT_EQ(must(presented_mytoken(both, object(R"({"refresh_token":"rt"})"))), Secret("from-bearer"))
      << "extra keys count only where the endpoint names them";
  EXPECT_EQ(must(presented_mytoken(with_headers({{"cookie", "mytoken=from-cookie"}}), object("{}"))),
            Secret("from-cookie"));
  EXPECT_TRUE(must(presented_mytoken(with_headers({}), object("{}"))).empty());
}

TEST(PresentedMytoken, NonStringMembersAreA400) {
  auto r = presented_mytoken(with_headers({}), object(R"({"mytoken":1})"));
  ASSERT_FALSE(r);
  expect_error(r.error(), "invalid_request", "mytoken must be a string", "mytoken");
  auto extra = presented_mytoken(with_headers({}), object(R"({"refresh_token":{}})"), {"refresh_token"});
  ASSERT_FALSE(extra);
  expect_error(extra.error(), "invalid_request", "refresh_token must be a string", "refresh_token");
}

// --- access token (spec §6) ---------------------------------------------------------------------------------

TEST(DecodeAccessTokenRequest, ReadsEveryMember) {
  auto r = must(decode_access_token_request(
      with_headers({}), object(R"({"grant_type":"mytoken","mytoken":"mt","oidc_issuer":"https://op.example",
          "scope":"openid profile","audience":["a b"],"resource":"c","comment":"ci job"})")));
  EXPECT_EQ(r.mytoken, Secret("mt"));
  EXPECT_EQ(r.oidc_issuer, "https://op.example");
  EXPECT_EQ(r.scopes, (std::vector<std::string>{"openid", "profile"}));
  EXPECT_EQ(r.audiences, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(r.comment, "ci job");
}

TEST(DecodeAccessTokenRequest, OAuthFormSpelling) {  // spec §21 item 17
  auto r = must(decode_access_token_request(
      with_headers({}),
      object(R"({"grant_type":"refresh_token","refresh_token":"mt","issuer":"form","oidc_issuer":"json"})")));
  EXPECT_EQ(r.mytoken, Secret("mt"));
  EXPECT_EQ(r.oidc_issuer, "form");
}

TEST(DecodeAccessTokenRequest, RefusesOtherGrantTypes) {
  for (const char* bad : {R"({})", R"({"grant_type":"password"})"}) {
    auto r = decode_access_token_request(with_headers({}), object(bad));
    ASSERT_FALSE(r) << bad;
    expect_error(r.error(), "invalid_grant", "Unsupported grant_type", bad);
  }
}

TEST(DecodeAccessTokenRequest, WrongTypesAreA400) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"grant_type":5})", "grant_type must be a string"},
      {R"({"grant_type":"mytoken","issuer":5})", "issuer must be a string"},
      {R"({"grant_type":"mytoken","scope":5})", "scope must be a string or an array of strings"},
      {R"({"grant_type":"mytoken","resource":[5]})", "resource must hold strings"},
      {R"({"grant_type":"mytoken","comment":[]})", "comment must be a string"},
  };
  for (const auto& [bad, description] : cases) {
    auto r = decode_access_token_request(with_headers({}), object(bad));
    ASSERT_FALSE(r) << bad;
    expect_error(r.error(), "invalid_request", description, bad);
  }
}

// --- revocation (spec §11) ----------------------------------------------------------------------------------

TEST(DecodeRevocationRequest, ByTokenOrByMomId) {
  auto own = must(decode_revocation_request(with_headers({}),
                                            object(R"({"token":"mt","recursive":"1","oidc_issuer":"https://op"})")));
  ASSERT_TRUE(std::holds_alternative<RevokeRequest>(own));
  const auto& by_token = std::get<RevokeRequest>(own);
  EXPECT_EQ(by_token.token, Secret("mt"));
  EXPECT_TRUE(by_token.recursive);
  EXPECT_EQ(by_token.oidc_issuer, "https://op");

  auto other = must(decode_revocation_request(with_headers({{"cookie", "mytoken=from-cookie"}}),
                                              object(R"({"mom_id":"m1","recursive":true})")));
  ASSERT_TRUE(std::holds_alternative<RevokeByMomIdRequest>(other));
  const auto& by_mom_id = std::get<RevokeByMomIdRequest>(other);
  EXPECT_EQ(by_mom_id.token, Secret("from-cookie"));
  EXPECT_EQ(by_mom_id.target.value, "m1");
  EXPECT_TRUE(by_mom_id.recursive);
}

TEST(DecodeRevocationRequest, OnlyTheCookieNotBearer) {
  auto r = must(decode_revocation_request(with_headers({{"authorization", "Bearer b"}}), object("{}")));
  EXPECT_TRUE(std::get<RevokeRequest>(r).token.empty());
}

TEST(DecodeRevocationRequest, WrongTypesAreA400) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"token":1})", "token must be a string"},
      {R"({"recursive":"yes"})", "recursive must be a boolean"},
      {R"({"oidc_issuer":[]})", "oidc_issuer must be a string"},
      {R"({"mom_id":7})", "mom_id must be a string"},
  };
  for (const auto& [bad, description] : cases) {
    auto r = decode_revocation_request(with_headers({}), object(bad));
    ASSERT_FALSE(r) << bad;
    expect_error(r.error(), "invalid_request", description, bad);
  }
}

// --- tokeninfo (spec §7) ------------------------------------------------------------------------------------

TEST(DecodeTokeninfoRequest, ReadsActionTokenAndMomIds) {
  auto r = must(decode_tokeninfo_request(with_headers({{"authorization", "Bearer mt"}}),
                                         object(R"({"action":"event_history","mom_ids":["this","children"]})")));
  EXPECT_EQ(r.action, "event_history");
  EXPECT_EQ(r.mytoken, Secret("mt"));
  EXPECT_EQ(r.mom_ids, (std::vector<std::string>{"this", "children"}));
  EXPECT_FALSE(must(decode_tokeninfo_request(with_headers({}), object(R"({"action":"event_history"})"))).mom_ids);
}

TEST(DecodeTokeninfoRequest, MomIdsCountOnlyForEventHistory) {
  auto r = must(decode_tokeninfo_request(with_headers({}), object(R"({"action":"introspect","mom_ids":5})")));
  EXPECT_EQ(r.action, "introspect");
  EXPECT_FALSE(r.mom_ids);
  EXPECT_EQ(must(decode_tokeninfo_request(with_headers({}), object(R"({"action":"fly"})"))).action, "fly")
      << "an unknown action is the handler's to refuse";
}

TEST(DecodeTokeninfoRequest, WrongMembersAreA400) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({})", "required parameter 'action' missing"},
      {R"({"action":""})", "required parameter 'action' missing"},
      {R"({"action":1})", "action must be a string"},
      {R"({"action":"introspect","mytoken":1})", "mytoken must be a string"},
      {R"({"action":"event_history","mom_ids":"m1"})", "mom_ids must be an array of strings"},
      {R"({"action":"event_history","mom_ids":["m1",""]})", "mom_ids must be an array of strings"},
      {R"({"action":"event_history","mom_ids":[1]})", "mom_ids must be an array of strings"},
  };
  for (const auto& [bad, description] : cases) {
    auto r = decode_tokeninfo_request(with_headers({}), object(bad));
    ASSERT_FALSE(r) << bad;
    expect_error(r.error(), "invalid_request", description, bad);
  }
}

}  // namespace
}  // namespace mytoken
