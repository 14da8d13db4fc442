#include "service/minting/mint_subtoken.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <limits>

#include "http/decoders/subtoken_request_decoding.hpp"
#include "service/common/presented_token.hpp"
#include "unit/service/subtoken_test_context.hpp"

namespace mytoken {
namespace {

using test::must;

Restrictions clauses(std::string_view json) { return must(restrictions_from_json(boost::json::parse(json))); }

// --- the use case ------------------------------------------------------------------------------------------

class MintSubtokenTest : public test::TreeTest {
 protected:
  Result<MytokenResponse> sub(const Secret& parent, std::string_view json) {
    auto request = must(decode_subtoken_request(boost::json::parse(json).as_object(), clock_.now(), kCaller.ip));
    request.parent = parent;
    return mint_subtoken(ctx_, request, kCaller);
  }
  std::vector<std::string> events_of(const MomId& id) {
    auto tx = must(store_->begin(TxMode::kRead));
    std::vector<std::string> out;
    for (const auto& e : must(tx->events().of_token(id))) out.push_back(e.event + ":" + e.comment);
    return out;
  }
  UsageCounts usages(const MomId& id, const RestrictionClause& c) {
    auto tx = must(store_->begin(TxMode::kRead));
    return must(tx->usages().counts(id, clause_hash(c)));
  }
};

TEST_F(MintSubtokenTest, CreatesATighterChildBelowTheParent) {  // spec §5.5
  const auto parent = login({"AT", "tokeninfo", "create_mytoken"}, clauses(R"([{"scope":"a b","usages_AT":50}])"));
  auto child = must(sub(parent.jwt, R"({"name":"job","capabilities":["AT","settings"],
      "restrictions":[{"scope":"a","usages_AT":20,"exp":"+3d"}]})"));
  EXPECT_EQ(child.capabilities, Capabilities{"AT"});
  EXPECT_EQ(child.restrictions, clauses(R"([{"exp":1800259200,"scope":"a","usages_AT":20}])"));
  EXPECT_EQ(child.expires_in, 259200);
  EXPECT_EQ(child.token_update, nullptr);

  auto presented = must(validate_mytoken(ctx_, child.mytoken));
  EXPECT_EQ(presented.claims.oidc_sub, "alice");
  EXPECT_EQ(presented.claims.auth_time, parent.claims.auth_time);
  EXPECT_EQ(presented.claims.seq_no, 1);
  EXPECT_EQ(presented.row.parent, parent.mom_id);
  const auto parent_row = must(validate_mytoken(ctx_, parent.jwt)).row;
  EXPECT_EQ(presented.row.rt_id, parent_row.rt_id) << "one refresh token per family (spec §12.1)";
  EXPECT_EQ(presented.row.user_id, parent_row.user_id);

  // The child's own key wrap opens the family key with the child's JWT only.
  auto tx = must(store_->begin(TxMode::kRead));
  const auto wrapped = must(tx->key_wraps().find(child.mom_id));
  ASSERT_TRUE(wrapped);
  EXPECT_EQ(must(unwrap_family_key(secret_, child.mytoken, child.mom_id, *wrapped)), family_key_);
  EXPECT_FALSE(unwrap_family_key(secret_, parent.jwt, child.mom_id, *wrapped));

  EXPECT_EQ(events_of(child.mom_id),
            (std::vector<std::string>{"inherited_RT:Got RT from parent", "created:Used grant_type mytoken"}));
  EXPECT_EQ(events_of(parent.mom_id), std::vector<std::string>{"MT_created:Created MT job"});
}

TEST_F(MintSubtokenTest, InheritsCapabilitiesAndRemainingUsages) {  // spec §8.3, §21 item 4
  const auto parent = login({"AT", "create_mytoken"}, clauses(R"([{"usages_AT":10}])"));
  {
    auto tx = must(store_->begin(TxMode::kWrite));
    for (int i = 0; i < 4; ++i) {
      must(tx->usages().try_consume(parent.mom_id, clause_hash(parent.claims.restrictions[0]), "{}",
                                    UsageRepository::Kind::kAT, 10));
    }
    must(tx->commit());
  }
  auto child = must(sub(parent.jwt, "{}"));
  EXPECT_EQ(child.capabilities, (Capabilities{"AT", "create_mytoken"}));
  EXPECT_EQ(child.restrictions, clauses(R"([{"usages_AT":6}])"));
  auto too_many = sub(parent.jwt, R"({"restrictions":[{"usages_AT":7}],"error_on_restrictions":true})");
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().description, "requested restrictions are not subset of original restrictions");
}

TEST_F(MintSubtokenTest, CountsTheParentsOtherUsageAndRotatesItOnOther) {
  const auto parent = login({"AT", "create_mytoken"}, clauses(R"([{"usages_other":2}])"), Rotation{.on_other = true});
  auto first = must(sub(parent.jwt, R"({"capabilities":["AT"]})"));
  ASSERT_NE(first.token_update, nullptr);
  EXPECT_EQ(usages(parent.mom_id, parent.claims.restrictions[0]).other, 1);
  auto stale = sub(parent.jwt, "{}");
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().status, 401) << "the rotated-away parent is no longer valid";
  must(sub(first.token_update->mytoken, R"({"capabilities":["AT"]})"));
  auto third = sub(parent.jwt, "{}");
  ASSERT_FALSE(third);
}

TEST_F(MintSubtokenTest, RefusesWithoutCapabilityOrUsableClauseAndStoresNothing) {
  const auto plain = login({"AT", "tokeninfo"});
  const int64_t before = count_alices_tokens();
  auto r = sub(plain.jwt, "{}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().error, "insufficient_capabilities");
  const auto restricted = login({"create_mytoken"}, clauses(R"([{"hosts":["198.51.100.1"]}])"));
  r = sub(restricted.jwt, "{}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().error, "usage_restricted");
  EXPECT_EQ(count_alices_tokens(), before + 1);  // only the login of `restricted`
}

TEST_F(MintSubtokenTest, ChecksIssuerCapabilitiesAndExpiry) {
  const auto parent = login({"AT", "create_mytoken"});
  auto r = sub(parent.jwt, R"({"oidc_issuer":"https://other.example"})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().description, "token not for specified issuer");
  EXPECT_TRUE(sub(parent.jwt, R"({"oidc_issuer":"https://op.example"})"));
  r = sub(parent.jwt, R"({"capabilities":["manage_mytokens"]})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().description, "mytoken to be issued cannot have any of the requested capabilities");
  r = sub(parent.jwt, R"({"restrictions":[{"exp":1000}]})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().description, "token would already be expired");
}

TEST_F(MintSubtokenTest, HugeRotationLifetimeSaturatesInsteadOfOverflowing) {  // found by test_hostile_input.sh
  const auto parent = login({"AT", "create_mytoken"});
  auto child = must(sub(parent.jwt, R"({"rotation":{"on_AT":true,"lifetime":9223372036854775807}})"));
  const auto presented = must(validate_mytoken(ctx_, child.mytoken));
  EXPECT_EQ(presented.claims.exp, std::numeric_limits<int64_t>::max());
}

TEST_F(MintSubtokenTest, AppliesTheProvidersMaximumLifetime) {  // spec §6.5 last paragraph
  ctx_.options.mytokens_max_lifetime["https://op.example"] = 3600;
  const auto parent = login({"AT", "create_mytoken"});
  auto inherited = must(sub(parent.jwt, "{}"));
  EXPECT_EQ(inherited.restrictions, clauses(R"([{"exp":1800003600}])"));
  auto r = sub(parent.jwt, R"({"restrictions":[{"exp":"+2h"}],"error_on_restrictions":true})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().description, "requested restrictions do not respect maximum mytoken lifetime");
  auto clipped = must(sub(parent.jwt, R"({"restrictions":[{"exp":"+2h"}]})"));
  EXPECT_EQ(clipped.restrictions, clauses(R"([{"exp":1800003600}])"));
}

TEST_F(MintSubtokenTest, ChildOfARevokedParentIsRefused) {
  const auto parent = login({"AT", "create_mytoken"});
  auto tx = must(store_->begin(TxMode::kWrite));
  must(tx->tokens().remove(parent.mom_id, true));
  must(tx->commit());
  auto r = sub(parent.jwt, "{}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, 401);
}

}  // namespace
}  // namespace mytoken
