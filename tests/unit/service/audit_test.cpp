#include "service/common/audit.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#include "service/common/presented_token.hpp"
#include "service/rotation/token_rotation.hpp"
#include "unit/service/service_test_context.hpp"

namespace mytoken {
namespace {

using test::must;

const CallerContext kCaller{"192.0.2.9", "test"};

class RecordingAuditLog final : public AuditLog {
 public:
  void record(const AuditRecord& r) override { records.push_back(r); }
  std::vector<AuditRecord> records;
};

class AuditTest : public test::ServiceTest {
 protected:
  void SetUp() override { ctx_.audit = &log_; }
  RecordingAuditLog log_;
};

TEST_F(AuditTest, RecordsNameTheTokenByMomIdAndTheUserByIssuerAndSubject) {
  const auto token = new_family_token(std::nullopt);
  audit_token(ctx_, AuditEvent::kAccessTokenIssued, token.mom_id, token.claims, kCaller.ip, "scope: x");
  ASSERT_EQ(log_.records.size(), 1U);
  const auto& r = log_.records[0];
  EXPECT_EQ(r.mom_id, token.mom_id.value);
  EXPECT_EQ(r.iss, "https://op.example");
  EXPECT_EQ(r.sub, "alice");
  EXPECT_EQ(r.client_ip, "192.0.2.9");
}

TEST_F(AuditTest, HashedUsersAreAKeyedHashOfIssuerAndSubject) {
  ctx_.options.audit_hash_users = true;
  const auto token = new_family_token(std::nullopt);
  audit_token(ctx_, AuditEvent::kRevoked, token.mom_id, token.claims, kCaller.ip);
  audit_token(ctx_, AuditEvent::kRevoked, token.mom_id, token.claims, kCaller.ip);
  MytokenClaims other_op = token.claims;
  other_op.oidc_iss = "https://other-op.example";
  audit_token(ctx_, AuditEvent::kRevoked, token.mom_id, other_op, kCaller.ip);
  ASSERT_EQ(log_.records.size(), 3U);
  const auto& hashed = log_.records[0].sub;
  EXPECT_EQ(hashed.find("alice"), std::string::npos);
  EXPECT_EQ(hashed, log_.records[1].sub);  // the same user reads the same
  EXPECT_NE(hashed, log_.records[2].sub);  // the same sub at another OP is another user
  EXPECT_EQ(log_.records[0].iss, "https://op.example");
  std::string material = "https://op.example";
  material += '\0';
  material += "alice";
  EXPECT_EQ(hashed, secret_.lookup_hash(purpose::kAuditUser, material));
  const auto other_key = ServerSecret::from_bytes(std::string(32, 'z'));
  EXPECT_NE(hashed, other_key.lookup_hash(purpose::kAuditUser, material));  // keyed: not guessable without it
}

TEST_F(AuditTest, OnlyTooManyRequestsCountsAsRateLimited) {
  EXPECT_EQ(audit_if_rate_limited(ctx_, ApiError::internal("db"), nullptr, nullptr, "::1", "x").status, 500);
  EXPECT_TRUE(log_.records.empty());
  EXPECT_EQ(audit_if_rate_limited(ctx_, ApiError::too_many_requests(3), nullptr, nullptr, "::1", "limit").status, 429);
  ASSERT_EQ(log_.records.size(), 1U);
  EXPECT_EQ(log_.records[0].event, AuditEvent::kRateLimited);
  EXPECT_EQ(log_.records[0].detail, "limit");
  EXPECT_TRUE(log_.records[0].mom_id.empty());
}

TEST_F(AuditTest, ReuseOfASupersededTokenIsRecordedAfterTheRevocation) {
  const auto token = new_family_token(Rotation{.on_AT = true, .auto_revoke = true});
  auto presented = must(validate_mytoken(ctx_, token.jwt, kCaller));
  auto tx = must(store_->begin(TxMode::kWrite));
  auto update = must(rotate_if_due(*tx, ctx_, presented, UseKind::kAccessToken, kCaller));
  must(tx->commit());
  ASSERT_NE(update, nullptr);
  EXPECT_FALSE(validate_mytoken(ctx_, token.jwt, kCaller));  // the old JWT again
  ASSERT_EQ(log_.records.size(), 1U);
  EXPECT_EQ(log_.records[0].event, AuditEvent::kReuseDetected);
  EXPECT_EQ(log_.records[0].mom_id, token.mom_id.value);
  EXPECT_EQ(log_.records[0].client_ip, kCaller.ip);
  EXPECT_NE(log_.records[0].detail.find("revoked"), std::string::npos);
  EXPECT_FALSE(validate_mytoken(ctx_, update->mytoken, kCaller));  // ... and the successor went with it
}

TEST_F(AuditTest, WithoutAnAuditLogNothingHappens) {
  ctx_.audit = nullptr;
  const auto token = new_family_token(std::nullopt);
  audit_token(ctx_, AuditEvent::kLogin, token.mom_id, token.claims, kCaller.ip);
  EXPECT_TRUE(log_.records.empty());
}

}  // namespace
}  // namespace mytoken
