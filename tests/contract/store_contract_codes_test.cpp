#include <atomic>
#include <string>

#include "contract/store_contract.hpp"

namespace mytoken::store_contract {
namespace {

ProxyTokenRow polling_code(const std::string& id, int64_t expires_at) {
  return proxy_token_row(id, ProxyTokenRow::Kind::kPollingCode, expires_at);
}

PendingLoginRow pending_login(const std::string& consent, int64_t expires_at) {
  return PendingLoginRow{.consent_code_hash = consent,
                         .state_hash = "state-" + consent,
                         .polling_code_hash = std::nullopt,
                         .request_json = R"({"grant_type":"oidc_flow"})",
                         .consent_sealed = "sealed-c",
                         .state_sealed = "sealed-s",
                         .consented = false,
                         .created = 100,
                         .expires_at = expires_at};
}

// --- Proxy tokens (short tokens, transfer codes, polling codes) -----------------------------------------------

TEST_P(StoreContract, ProxyTokenRoundTripsEveryField) {
  auto tx = begin();
  must(tx->tokens().insert(token_row("t", new_family(*tx))));
  const ProxyTokenRow row{.id = "code-hash",
                          .kind = ProxyTokenRow::Kind::kTransferCode,
                          .jwt_ciphertext = "jwt-cipher",
                          .mom_id = MomId{"t"},
                          .created = 100,
                          .expires_at = 400,
                          .consent_declined = true,
                          .revoke_mytoken = true,
                          .response_type = "auto",
                          .max_token_len = 512,
                          .last_polled = 150};
  must(tx->proxy_tokens().insert(row));
  const auto found = must(tx->proxy_tokens().find("code-hash"));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, row.id);
  EXPECT_EQ(found->kind, row.kind);
  EXPECT_EQ(found->jwt_ciphertext, row.jwt_ciphertext);
  EXPECT_EQ(found->mom_id, row.mom_id);
  EXPECT_EQ(found->created, 100);
  EXPECT_EQ(found->expires_at, 400);
  EXPECT_TRUE(found->consent_declined);
  EXPECT_TRUE(found->revoke_mytoken);
  EXPECT_EQ(found->response_type, "auto");
  EXPECT_EQ(found->max_token_len, 512);
  EXPECT_EQ(found->last_polled, 150);

  must(tx->proxy_tokens().insert(proxy_token_row("short", ProxyTokenRow::Kind::kShortToken)));
  EXPECT_EQ(must(tx->proxy_tokens().find("short"))->kind, ProxyTokenRow::Kind::kShortToken);
  EXPECT_FALSE(must(tx->proxy_tokens().find("short"))->mom_id.has_value());
  EXPECT_FALSE(must(tx->proxy_tokens().find("unknown")).has_value());
}

TEST_P(StoreContract, PollingCodeIsUpdatedInPlace) {
  auto tx = begin();
  must(tx->tokens().insert(token_row("t", new_family(*tx))));
  must(tx->proxy_tokens().insert(polling_code("poll", 500)));
  EXPECT_EQ(must(tx->proxy_tokens().find("poll"))->jwt_ciphertext, "");
  must(tx->proxy_tokens().set_last_polled("poll", 120));
  must(tx->proxy_tokens().set_jwt("poll", "jwt-cipher", MomId{"t"}));
  auto found = must(tx->proxy_tokens().find("poll"));
  EXPECT_EQ(found->jwt_ciphertext, "jwt-cipher");
  EXPECT_EQ(found->mom_id, MomId{"t"});
  EXPECT_EQ(found->last_polled, 120);
  EXPECT_FALSE(found->consent_declined);
  must(tx->proxy_tokens().mark_declined("poll"));
  EXPECT_TRUE(must(tx->proxy_tokens().find("poll"))->consent_declined);
}

TEST_P(StoreContract, ProxyTokenCanBeTakenOnce) {
  auto tx = begin();
  must(tx->proxy_tokens().insert(polling_code("code", 500)));
  EXPECT_TRUE(must(tx->proxy_tokens().take("code")));
  EXPECT_FALSE(must(tx->proxy_tokens().take("code")));
  EXPECT_FALSE(must(tx->proxy_tokens().find("code")).has_value());
}

TEST_P(StoreContract, ConcurrentTakesOfAProxyTokenSucceedOnce) {
  {
    auto tx = begin();
    must(tx->proxy_tokens().insert(polling_code("code", 500)));
    must(tx->commit());
  }
  EXPECT_EQ(race(*store_, 12, [](Transaction& tx) { return tx.proxy_tokens().take("code"); }), 1);
}

TEST_P(StoreContract, PurgeExpiredProxyTokensKeepsLiveAndNeverExpiringRows) {
  auto tx = begin();
  must(tx->proxy_tokens().insert(polling_code("expired", 199)));
  must(tx->proxy_tokens().insert(polling_code("expires-now", 200)));
  must(tx->proxy_tokens().insert(polling_code("live", 300)));
  must(tx->proxy_tokens().insert(proxy_token_row("short", ProxyTokenRow::Kind::kShortToken)));
  EXPECT_EQ(must(tx->proxy_tokens().purge_expired(200)), 1);
  EXPECT_FALSE(must(tx->proxy_tokens().find("expired")).has_value());
  EXPECT_TRUE(must(tx->proxy_tokens().find("expires-now")).has_value());
  EXPECT_TRUE(must(tx->proxy_tokens().find("live")).has_value());
  EXPECT_TRUE(must(tx->proxy_tokens().find("short")).has_value());
  EXPECT_EQ(must(tx->proxy_tokens().purge_expired(200)), 0);
}

// --- Pending logins -------------------------------------------------------------------------------------------

TEST_P(StoreContract, PendingLoginIsFoundByConsentCodeAndByState) {
  auto tx = begin();
  auto row = pending_login("consent", 500);
  row.polling_code_hash = "poll-hash";
  must(tx->pending_logins().insert(row));
  for (const auto& found : {must(tx->pending_logins().find_by_consent("consent")),
                            must(tx->pending_logins().find_by_state("state-consent"))}) {
    ASSERT_TRUE(found);
    EXPECT_EQ(found->consent_code_hash, "consent");
    EXPECT_EQ(found->state_hash, "state-consent");
    EXPECT_EQ(found->polling_code_hash, std::optional<std::string>("poll-hash"));
    EXPECT_EQ(found->request_json, row.request_json);
    EXPECT_EQ(found->consent_sealed, "sealed-c");
    EXPECT_EQ(found->state_sealed, "sealed-s");
    EXPECT_FALSE(found->consented);
    EXPECT_EQ(found->created, 100);
    EXPECT_EQ(found->expires_at, 500);
  }
  EXPECT_FALSE(must(tx->pending_logins().find_by_consent("state-consent")).has_value());
  EXPECT_FALSE(must(tx->pending_logins().find_by_state("consent")).has_value());
}

TEST_P(StoreContract, PendingLoginConsentIsRecordedOnce) {
  auto tx = begin();
  must(tx->pending_logins().insert(pending_login("consent", 500)));
  must(tx->pending_logins().insert(pending_login("bystander", 500)));
  EXPECT_TRUE(must(tx->pending_logins().record_consent("consent", R"({"name":"first"})")));
  EXPECT_FALSE(must(tx->pending_logins().record_consent("consent", R"({"name":"second"})")));
  EXPECT_FALSE(must(tx->pending_logins().take_undecided("consent")));  // a decided login is not declined
  EXPECT_FALSE(must(tx->pending_logins().record_consent("unknown", "{}")));
  const auto found = must(tx->pending_logins().find_by_state("state-consent"));
  ASSERT_TRUE(found);
  EXPECT_TRUE(found->consented);
  EXPECT_EQ(found->request_json, R"({"name":"first"})");
  EXPECT_EQ(found->state_sealed, "sealed-s");
  EXPECT_EQ(found->expires_at, 500);
  EXPECT_FALSE(must(tx->pending_logins().find_by_consent("bystander"))->consented);
}

TEST_P(StoreContract, UndecidedPendingLoginIsTakenOnceAndNeverAfterConsent) {
  auto tx = begin();
  must(tx->pending_logins().insert(pending_login("consent", 500)));
  EXPECT_TRUE(must(tx->pending_logins().take_undecided("consent")));
  EXPECT_FALSE(must(tx->pending_logins().take_undecided("consent")));
  EXPECT_FALSE(must(tx->pending_logins().record_consent("consent", "{}")));
  EXPECT_FALSE(must(tx->pending_logins().find_by_consent("consent")).has_value());
}

TEST_P(StoreContract, ConcurrentConsentDecisionsHaveOneWinner) {
  {
    auto tx = begin();
    must(tx->pending_logins().insert(pending_login("consent", 500)));
    must(tx->commit());
  }
  std::atomic<int> turn{0};
  EXPECT_EQ(race(*store_, 12,
                 [&turn](Transaction& tx) {
                   return turn++ % 2 == 0 ? tx.pending_logins().record_consent("consent", "{}")
                                          : tx.pending_logins().take_undecided("consent");
                 }),
            1);
}

TEST_P(StoreContract, PendingLoginCanBeTakenOnce) {
  auto tx = begin();
  must(tx->pending_logins().insert(pending_login("consent", 500)));
  EXPECT_TRUE(must(tx->pending_logins().take("consent")));
  EXPECT_FALSE(must(tx->pending_logins().take("consent")));
  EXPECT_FALSE(must(tx->pending_logins().find_by_state("state-consent")).has_value());
}

TEST_P(StoreContract, ConcurrentTakesOfAPendingLoginSucceedOnce) {
  {
    auto tx = begin();
    must(tx->pending_logins().insert(pending_login("consent", 500)));
    must(tx->commit());
  }
  EXPECT_EQ(race(*store_, 12, [](Transaction& tx) { return tx.pending_logins().take("consent"); }), 1);
}

TEST_P(StoreContract, PurgeExpiredPendingLoginsKeepsLiveRows) {
  auto tx = begin();
  must(tx->pending_logins().insert(pending_login("expired", 150)));
  must(tx->pending_logins().insert(pending_login("live", 250)));
  must(tx->pending_logins().insert(pending_login("no-expiry", 0)));
  EXPECT_EQ(must(tx->pending_logins().purge_expired(200)), 1);
  EXPECT_FALSE(must(tx->pending_logins().find_by_consent("expired")).has_value());
  EXPECT_TRUE(must(tx->pending_logins().find_by_consent("live")).has_value());
  EXPECT_TRUE(must(tx->pending_logins().find_by_consent("no-expiry")).has_value());
}

}  // namespace
}  // namespace mytoken::store_contract
