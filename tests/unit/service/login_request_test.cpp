#include "service/login/login_request.hpp"

#include <gtest/gtest.h>

namespace mytoken {
namespace {

LoginRequest stored() {
  LoginRequest r;
  r.oidc_issuer = "https://op.example";
  r.name = "laptop";
  r.capabilities = {"AT", "create_mytoken"};
  r.rotation = Rotation{.on_AT = true};
  return r;
}

TEST(ApplyEdits, MembersNotGivenKeepTheirValue) {
  auto r = stored();
  apply_edits(r, LoginRequestEdits{});
  EXPECT_EQ(r.oidc_issuer, "https://op.example");
  EXPECT_EQ(r.name, "laptop");
  EXPECT_EQ(r.capabilities, (Capabilities{"AT", "create_mytoken"}));
  EXPECT_EQ(r.rotation, (Rotation{.on_AT = true}));
}

TEST(ApplyEdits, GivenMembersReplaceTheirValue) {
  auto r = stored();
  LoginRequestEdits edits;
  edits.oidc_issuer = "https://other.example";
  edits.name = "";
  edits.capabilities = Capabilities{"tokeninfo"};
  edits.rotation_given = true;  // a null rotation
  apply_edits(r, edits);
  EXPECT_EQ(r.oidc_issuer, "https://other.example");
  EXPECT_EQ(r.name, "");
  EXPECT_EQ(r.capabilities, Capabilities{"tokeninfo"});
  EXPECT_FALSE(r.rotation);
}

TEST(ApplyEdits, NoCapabilitiesMeansATAndTokeninfo) {  // spec §5.2 step 2
  LoginRequest fresh;
  apply_edits(fresh, LoginRequestEdits{});
  EXPECT_EQ(fresh.capabilities, (Capabilities{"AT", "tokeninfo"}));
  auto r = stored();
  LoginRequestEdits no_capabilities;
  no_capabilities.capabilities = Capabilities{};
  apply_edits(r, no_capabilities);
  EXPECT_EQ(r.capabilities, (Capabilities{"AT", "tokeninfo"}));
}

}  // namespace
}  // namespace mytoken
