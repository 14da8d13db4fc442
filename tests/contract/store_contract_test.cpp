#include "contract/store_contract.hpp"

#include "support/temp_sqlite_store.hpp"
#include "support/test_postgres.hpp"

namespace mytoken::store_contract {
namespace {

// --- Transactions -------------------------------------------------------------------------------------------

TEST_P(StoreContract, UncommittedTransactionLeavesNoTrace) {
  {
    auto tx = begin();
    const auto family = new_family(*tx);
    must(tx->tokens().insert(token_row("t1", family)));
    // dropped without commit()
  }
  auto tx = begin(TxMode::kRead);
  EXPECT_FALSE(must(tx->tokens().find(MomId{"t1"})).has_value());
  EXPECT_FALSE(must(tx->refresh_tokens().find(1)).has_value());
}

TEST_P(StoreContract, CommitPersists) {
  {
    auto tx = begin();
    const auto family = new_family(*tx);
    must(tx->tokens().insert(token_row("t1", family)));
    must(tx->commit());
  }
  auto tx = begin(TxMode::kRead);
  EXPECT_TRUE(must(tx->tokens().find(MomId{"t1"})).has_value());
}

TEST_P(StoreContract, SecondCommitFails) {
  auto tx = begin();
  must(tx->commit());
  const auto again = tx->commit();
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().status, 500);
}

TEST_P(StoreContract, ManySequentialTransactionsReuseConnections) {
  for (int i = 0; i < 40; ++i) {
    auto tx = begin(i % 2 == 0 ? TxMode::kWrite : TxMode::kRead);
    if (i % 3 == 0) {
      must(tx->commit());
    }
  }
  auto tx = begin();
  EXPECT_GT(must(tx->users().upsert("bob", "https://op.example")), 0);
}

TEST_P(StoreContract, FailedStatementIsInternalErrorThatEchoesNoValue) {
  auto tx = begin();
  const auto family = new_family(*tx);
  auto row = token_row("duplicate-id-value", family);
  row.capabilities_json = R"(["secret-looking-value"])";
  must(tx->tokens().insert(row));
  const auto again = tx->tokens().insert(row);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().error, "internal_server_error");
  EXPECT_EQ(again.error().status, 500);
  const auto& detail = again.error().log_detail;
  EXPECT_TRUE(detail.starts_with("sqlite ") || detail.starts_with("postgres ")) << detail;  // names the backend
  EXPECT_EQ(again.error().log_detail.find("duplicate-id-value"), std::string::npos);
  EXPECT_EQ(again.error().log_detail.find("secret-looking-value"), std::string::npos);
  EXPECT_EQ(again.error().description.find("duplicate-id-value"), std::string::npos);
}

// --- Users ----------------------------------------------------------------------------------------------------

TEST_P(StoreContract, UpsertUserReturnsTheSameIdForTheSameSubjectAndIssuer) {
  auto tx = begin();
  const auto alice = must(tx->users().upsert("alice", "https://op.example"));
  const auto alice_elsewhere = must(tx->users().upsert("alice", "https://other.example"));
  EXPECT_EQ(must(tx->users().upsert("alice", "https://op.example")), alice);
  EXPECT_NE(alice_elsewhere, alice);
}

// --- Tokens ---------------------------------------------------------------------------------------------------

TEST_P(StoreContract, TokenRoundTripsEveryField) {
  auto tx = begin();
  const auto family = new_family(*tx);
  must(tx->tokens().insert(token_row("root", family)));
  TokenRow row = token_row("child", family, "root", 1234);
  row.seq_no = 3;
  row.name = "ünïcode name";
  row.ip_created = "2001:db8::1";
  row.expires_at = 99999;
  row.last_rotated = 1300;
  row.capabilities_json = R"(["AT","tokeninfo"])";
  row.restrictions_json = R"([{"exp":99999,"usages_AT":2}])";
  row.rotation_json = R"({"on_AT":true})";
  must(tx->tokens().insert(row));

  const auto found = must(tx->tokens().find(MomId{"child"}));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->mom_id, row.mom_id);
  EXPECT_EQ(found->seq_no, 3);
  ASSERT_TRUE(found->parent);
  EXPECT_EQ(found->parent->value, "root");
  EXPECT_EQ(found->name, row.name);
  EXPECT_EQ(found->created, 1234);
  EXPECT_EQ(found->ip_created, row.ip_created);
  EXPECT_EQ(found->user_id, family.user_id);
  EXPECT_EQ(found->rt_id, family.rt_id);
  EXPECT_EQ(found->expires_at, 99999);
  EXPECT_EQ(found->last_rotated, 1300);
  EXPECT_EQ(found->capabilities_json, row.capabilities_json);
  EXPECT_EQ(found->restrictions_json, row.restrictions_json);
  EXPECT_EQ(found->rotation_json, row.rotation_json);
  EXPECT_FALSE(must(tx->tokens().find(MomId{"root"}))->parent.has_value());
}

TEST_P(StoreContract, HoldGivesTheCurrentSeqNoOrNothing) {  // requests that race a revocation (issue 13)
  auto tx = begin();
  must(tx->tokens().insert(token_row("t", new_family(*tx))));
  EXPECT_EQ(must(tx->tokens().hold(MomId{"t"})), std::optional<int64_t>(1));
  EXPECT_TRUE(must(tx->tokens().advance_seq_no(MomId{"t"}, 1, 500)));
  EXPECT_EQ(must(tx->tokens().hold(MomId{"t"})), std::optional<int64_t>(2));
  EXPECT_EQ(must(tx->tokens().hold(MomId{"unknown"})), std::nullopt);
  must(tx->tokens().remove(MomId{"t"}, /*recursive=*/false));
  EXPECT_EQ(must(tx->tokens().hold(MomId{"t"})), std::nullopt);
}

TEST_P(StoreContract, FindUnknownTokenIsEmpty) {
  auto tx = begin(TxMode::kRead);
  EXPECT_FALSE(must(tx->tokens().find(MomId{"nope"})).has_value());
}

TEST_P(StoreContract, AdvanceSeqNoIsCompareAndSwap) {
  auto tx = begin();
  const auto family = new_family(*tx);
  must(tx->tokens().insert(token_row("t", family)));
  EXPECT_TRUE(must(tx->tokens().advance_seq_no(MomId{"t"}, 1, 500)));
  EXPECT_FALSE(must(tx->tokens().advance_seq_no(MomId{"t"}, 1, 600)));  // stale: already advanced
  EXPECT_FALSE(must(tx->tokens().advance_seq_no(MomId{"missing"}, 1, 600)));
  const auto found = must(tx->tokens().find(MomId{"t"}));
  EXPECT_EQ(found->seq_no, 2);
  EXPECT_EQ(found->last_rotated, 500);
  EXPECT_TRUE(must(tx->tokens().advance_seq_no(MomId{"t"}, 2, 700)));
  EXPECT_EQ(must(tx->tokens().find(MomId{"t"}))->seq_no, 3);
}

TEST_P(StoreContract, ChildrenListsDirectChildrenInCreationOrder) {
  auto tx = begin();
  const auto family = new_family(*tx);
  must(tx->tokens().insert(token_row("root", family)));
  must(tx->tokens().insert(token_row("b", family, "root", 2000)));
  must(tx->tokens().insert(token_row("a", family, "root", 3000)));
  must(tx->tokens().insert(token_row("grandchild", family, "b", 4000)));
  const auto children = must(tx->tokens().children(MomId{"root"}));
  ASSERT_EQ(children.size(), 2u);
  EXPECT_EQ(children[0].mom_id.value, "b");
  EXPECT_EQ(children[1].mom_id.value, "a");
  EXPECT_TRUE(must(tx->tokens().children(MomId{"grandchild"})).empty());
}

TEST_P(StoreContract, OfUserListsOnlyThatUsersTokensInCreationOrder) {
  auto tx = begin();
  const auto alice = new_family(*tx, "alice");
  const auto bob = new_family(*tx, "bob");
  must(tx->tokens().insert(token_row("a2", alice, std::nullopt, 2000)));
  must(tx->tokens().insert(token_row("b1", bob, std::nullopt, 1500)));
  must(tx->tokens().insert(token_row("a1", alice, std::nullopt, 1000)));
  const auto tokens = must(tx->tokens().of_user(alice.user_id));
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].mom_id.value, "a1");
  EXPECT_EQ(tokens[1].mom_id.value, "a2");
}

// --- Refresh tokens -------------------------------------------------------------------------------------------

TEST_P(StoreContract, RefreshTokenStartsAtVersionOne) {
  auto tx = begin();
  const auto id = must(tx->refresh_tokens().insert("cipher-1"));
  const auto found = must(tx->refresh_tokens().find(id));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->ciphertext, "cipher-1");
  EXPECT_EQ(found->version, 1);
  EXPECT_NE(must(tx->refresh_tokens().insert("cipher-2")), id);
}

TEST_P(StoreContract, ReplaceRefreshTokenIsCompareAndSwapOnVersion) {
  auto tx = begin();
  const auto id = must(tx->refresh_tokens().insert("cipher-1"));
  EXPECT_TRUE(must(tx->refresh_tokens().replace(id, 1, "cipher-2")));
  EXPECT_FALSE(must(tx->refresh_tokens().replace(id, 1, "cipher-stale")));
  EXPECT_FALSE(must(tx->refresh_tokens().replace(id + 100, 1, "cipher-x")));
  const auto found = must(tx->refresh_tokens().find(id));
  EXPECT_EQ(found->ciphertext, "cipher-2");
  EXPECT_EQ(found->version, 2);
  EXPECT_TRUE(must(tx->refresh_tokens().replace(id, 2, "cipher-3")));
  EXPECT_EQ(must(tx->refresh_tokens().find(id))->version, 3);
}

TEST_P(StoreContract, RemoveRefreshTokenDeletesIt) {
  auto tx = begin();
  const auto id = must(tx->refresh_tokens().insert("cipher"));
  must(tx->refresh_tokens().remove(id));
  EXPECT_FALSE(must(tx->refresh_tokens().find(id)).has_value());
  must(tx->refresh_tokens().remove(id));  // already gone: not an error
}

// --- Key wraps ------------------------------------------------------------------------------------------------

TEST_P(StoreContract, PutKeyWrapInsertsOrReplaces) {
  auto tx = begin();
  const auto family = new_family(*tx);
  must(tx->tokens().insert(token_row("t", family)));
  EXPECT_FALSE(must(tx->key_wraps().find(MomId{"t"})).has_value());
  must(tx->key_wraps().put(MomId{"t"}, family.rt_id, "wrap-1"));
  EXPECT_EQ(must(tx->key_wraps().find(MomId{"t"})), std::optional<std::string>("wrap-1"));
  must(tx->key_wraps().put(MomId{"t"}, family.rt_id, "wrap-2"));  // rotation re-wraps the key
  EXPECT_EQ(must(tx->key_wraps().find(MomId{"t"})), std::optional<std::string>("wrap-2"));
}

}  // namespace

// One line per backend; every TEST_P of tests/contract/store_contract*_test.cpp runs against each.
// The backend is named by the suite prefix; a fixed parameter name keeps test names stable across runs.
const auto kBackendName = [](const auto&) { return std::string("store"); };
INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract, ::testing::Values(&test::make_temp_sqlite_store), kBackendName);
INSTANTIATE_TEST_SUITE_P(Postgres, StoreContract, ::testing::Values(&test::make_test_postgres_store), kBackendName);

}  // namespace mytoken::store_contract
