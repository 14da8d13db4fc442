#include "domain/mytoken_claims.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "domain/restrictions.hpp"

namespace mytoken {
namespace {

MytokenClaims full_claims() {
  MytokenClaims c;
  c.iss = "https://mytoken.example.com";
  c.sub = "69G2T13j+rJ5EL4546afzp8CBFInreQDJN2RXOtUFoQ=";
  c.aud = c.iss;
  c.jti = "8a0b8f2e-3c1d-4e5f-9a6b-7c8d9e0f1a2b";
  c.seq_no = 1;
  c.iat = 1735689600;
  c.nbf = 1735689600;
  c.exp = 1767225600;
  c.auth_time = 1735689600;
  c.name = "laptop";
  c.oidc_sub = "user123";
  c.oidc_iss = "https://op.example.org";
  c.capabilities = {"AT", "tokeninfo"};
  c.restrictions = {{.exp = 1767225600, .scopes = {"openid", "profile"}, .hosts = {"192.0.2.0/24"}, .usages_AT = 100}};
  c.rotation = Rotation{.on_AT = true, .on_other = false, .lifetime = 86400, .auto_revoke = true};
  return c;
}

TEST(ClaimsToJson, UsesStableMemberOrder) {  // spec §4.1
  EXPECT_EQ(boost::json::serialize(claims_to_json(full_claims())),
            R"({"ver":"0.7","token_type":"mytoken","iss":"https://mytoken.example.com",)"
            R"("sub":"69G2T13j+rJ5EL4546afzp8CBFInreQDJN2RXOtUFoQ=","seq_no":1,"name":"laptop",)"
            R"("aud":"https://mytoken.example.com","oidc_sub":"user123","oidc_iss":"https://op.example.org",)"
            R"("restrictions":[{"exp":1767225600,"scope":"openid profile","hosts":["192.0.2.0/24"],"usages_AT":100}],)"
            R"("capabilities":["AT","tokeninfo"],"rotation":{"on_AT":true,"lifetime":86400,"auto_revoke":true},)"
            R"("exp":1767225600,"nbf":1735689600,"iat":1735689600,"auth_time":1735689600,)"
            R"("jti":"8a0b8f2e-3c1d-4e5f-9a6b-7c8d9e0f1a2b"})");
}

TEST(ClaimsToJson, OmitsOptionalMembers) {
  MytokenClaims c = full_claims();
  c.name.clear();
  c.exp = 0;
  c.auth_time = 0;
  c.restrictions.clear();
  c.rotation.reset();
  const auto o = claims_to_json(c);
  for (const auto* key : {"name", "exp", "auth_time", "restrictions", "rotation"}) EXPECT_FALSE(o.contains(key)) << key;
  EXPECT_TRUE(o.contains("capabilities"));
}

TEST(ClaimsFromJson, RoundTrips) {
  const auto c = full_claims();
  const auto back = claims_from_json(claims_to_json(c));
  ASSERT_TRUE(back);
  EXPECT_EQ(boost::json::serialize(claims_to_json(*back)), boost::json::serialize(claims_to_json(c)));
  EXPECT_EQ(back->restrictions, c.restrictions);
  EXPECT_EQ(back->rotation, c.rotation);
}

TEST(ClaimsFromJson, ReadsSpecExamplePayload) {  // spec §4.1
  const auto back = claims_from_json(boost::json::parse(R"(
    {"ver":"0.7","token_type":"mytoken","iss":"https://mytoken.example.com",
     "sub":"69G2T13j+rJ5EL4546afzp8CBFInreQDJN2RXOtUFoQ=","seq_no":1,"name":"laptop",
     "aud":"https://mytoken.example.com","oidc_sub":"user123","oidc_iss":"https://op.example.org",
     "capabilities":["AT","tokeninfo"],"exp":1767225600,"nbf":1735689600,"iat":1735689600,"auth_time":1735689600,
     "jti":"8a0b8f2e-3c1d-4e5f-9a6b-7c8d9e0f1a2b",
     "restrictions":[{"exp":1767225600,"scope":"openid profile","hosts":["192.0.2.0/24"],"usages_AT":100}],
     "rotation":{"on_AT":true,"lifetime":86400,"auto_revoke":true}})")
                                         .as_object());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->oidc_sub, "user123");
  EXPECT_EQ(back->restrictions.size(), 1u);
  EXPECT_EQ(back->rotation->lifetime, 86400);
}

TEST(ClaimsFromJson, OptionalMembersMayBeAbsent) {
  MytokenClaims c = full_claims();
  c.name.clear();
  c.exp = 0;
  c.auth_time = 0;
  c.restrictions.clear();
  c.rotation.reset();
  const auto back = claims_from_json(claims_to_json(c));
  ASSERT_TRUE(back);
  EXPECT_FALSE(back->rotation);
  EXPECT_TRUE(back->restrictions.empty());
}

TEST(ClaimsFromJson, RejectsWrongTypesAndMissingClaims) {
  const auto base = claims_to_json(full_claims());
  const std::vector<std::pair<std::string, boost::json::value>> changes = {
      {"seq_no", "1"}, {"iat", 1.5},           {"exp", "soon"},
      {"jti", 5},      {"capabilities", "AT"}, {"restrictions", 3},
      {"rotation", 1}, {"name", false},        {"capabilities", boost::json::array{1}},
      {"nbf", -1},
  };
  for (const auto& [key, value] : changes) {
    auto o = base;
    o[key] = value;
    const auto r = claims_from_json(o);
    ASSERT_FALSE(r) << key;
    EXPECT_EQ(r.error().error, "invalid_token");
    EXPECT_EQ(r.error().description, "malformed token claims");
  }
  for (const auto* key : {"ver", "iss", "sub", "aud", "jti", "seq_no", "iat", "nbf", "oidc_sub", "oidc_iss"}) {
    auto o = base;
    o.erase(key);
    EXPECT_FALSE(claims_from_json(o)) << key;
  }
}

}  // namespace
}  // namespace mytoken
