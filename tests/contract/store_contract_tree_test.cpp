#include <string>
#include <vector>

#include "contract/store_contract.hpp"

namespace mytoken::store_contract {
namespace {

// Gives a token one row in every table that cascades from mytokens.
void add_companions(Transaction& tx, const std::string& id, int64_t rt_id) {
  must(tx.key_wraps().put(MomId{id}, rt_id, "wrap-" + id));
  must(tx.usages().try_consume(MomId{id}, "clause", "{}", UsageRepository::Kind::kAT, std::nullopt));
  must(tx.events().append(event_row(id, "created", 1000)));
  must(tx.access_tokens().insert(access_token_row(id, 1000)));
  must(tx.proxy_tokens().insert(proxy_token_row("short-" + id, ProxyTokenRow::Kind::kShortToken, 0, id)));
}

void expect_companions_gone(Transaction& tx, const std::string& id) {
  EXPECT_FALSE(must(tx.key_wraps().find(MomId{id})).has_value()) << id;
  EXPECT_EQ(must(tx.usages().counts(MomId{id}, "clause")).at, 0) << id;
  EXPECT_TRUE(must(tx.events().of_token(MomId{id})).empty()) << id;
  EXPECT_EQ(must(tx.access_tokens().count_of_token(MomId{id})), 0) << id;
  EXPECT_FALSE(must(tx.proxy_tokens().find("short-" + id)).has_value()) << id;
}

void expect_companions_kept(Transaction& tx, const std::string& id) {
  EXPECT_TRUE(must(tx.key_wraps().find(MomId{id})).has_value()) << id;
  EXPECT_EQ(must(tx.usages().counts(MomId{id}, "clause")).at, 1) << id;
  EXPECT_EQ(must(tx.events().of_token(MomId{id})).size(), 1u) << id;
  EXPECT_EQ(must(tx.access_tokens().count_of_token(MomId{id})), 1) << id;
  EXPECT_TRUE(must(tx.proxy_tokens().find("short-" + id)).has_value()) << id;
}

struct Tree {
  Family family;  // root -> {mid, sibling}, mid -> leaf: one RT record shared by the tree
  Family other;   // "other": a root of a second family
};

Tree build_tree(Store& store) {
  auto tx = must(store.begin(TxMode::kWrite));
  Tree tree{.family = new_family(*tx, "alice"), .other = new_family(*tx, "bob")};
  must(tx->tokens().insert(token_row("root", tree.family)));
  must(tx->tokens().insert(token_row("mid", tree.family, "root")));
  must(tx->tokens().insert(token_row("sibling", tree.family, "root")));
  must(tx->tokens().insert(token_row("leaf", tree.family, "mid")));
  must(tx->tokens().insert(token_row("other", tree.other)));
  for (const auto* id : {"root", "mid", "sibling", "leaf"}) {
    add_companions(*tx, id, tree.family.rt_id);
  }
  add_companions(*tx, "other", tree.other.rt_id);
  must(tx->commit());
  return tree;
}

bool exists(Transaction& tx, const std::string& id) { return must(tx.tokens().find(MomId{id})).has_value(); }

TEST_P(StoreContract, RecursiveRemoveDeletesSubtreeWithCompanions) {
  build_tree(*store_);
  auto tx = begin();
  EXPECT_TRUE(must(tx->tokens().remove(MomId{"mid"}, /*recursive=*/true)).empty());  // root still uses the RT
  EXPECT_FALSE(exists(*tx, "mid"));
  EXPECT_FALSE(exists(*tx, "leaf"));
  EXPECT_TRUE(exists(*tx, "root"));
  EXPECT_TRUE(exists(*tx, "sibling"));
  expect_companions_gone(*tx, "mid");
  expect_companions_gone(*tx, "leaf");
  expect_companions_kept(*tx, "root");
  expect_companions_kept(*tx, "sibling");
}

TEST_P(StoreContract, RecursiveRemoveOfRootReturnsTheOrphanedRefreshToken) {
  const auto tree = build_tree(*store_);
  auto tx = begin();
  EXPECT_EQ(must(tx->tokens().remove(MomId{"root"}, /*recursive=*/true)), std::vector<int64_t>{tree.family.rt_id});
  for (const auto* id : {"root", "mid", "sibling", "leaf"}) {
    EXPECT_FALSE(exists(*tx, id)) << id;
    expect_companions_gone(*tx, id);
  }
  EXPECT_TRUE(exists(*tx, "other"));
  expect_companions_kept(*tx, "other");
  // The caller deletes the orphaned record; the other family's record is untouched.
  must(tx->refresh_tokens().remove(tree.family.rt_id));
  EXPECT_TRUE(must(tx->refresh_tokens().find(tree.other.rt_id)).has_value());
  must(tx->commit());
}

TEST_P(StoreContract, NonRecursiveRemoveTurnsChildrenIntoRoots) {
  build_tree(*store_);
  auto tx = begin();
  EXPECT_TRUE(must(tx->tokens().remove(MomId{"root"}, /*recursive=*/false)).empty());  // children still use it
  EXPECT_FALSE(exists(*tx, "root"));
  expect_companions_gone(*tx, "root");
  for (const auto* id : {"mid", "sibling"}) {
    const auto child = must(tx->tokens().find(MomId{id}));
    ASSERT_TRUE(child) << id;
    EXPECT_FALSE(child->parent.has_value()) << id;
    expect_companions_kept(*tx, id);
  }
  const auto leaf = must(tx->tokens().find(MomId{"leaf"}));
  ASSERT_TRUE(leaf);
  ASSERT_TRUE(leaf->parent);
  EXPECT_EQ(leaf->parent->value, "mid");
  EXPECT_TRUE(must(tx->tokens().children(MomId{"root"})).empty());
}

TEST_P(StoreContract, NonRecursiveRemoveOfTheLastTokenReturnsItsRefreshToken) {
  const auto tree = build_tree(*store_);
  auto tx = begin();
  EXPECT_EQ(must(tx->tokens().remove(MomId{"other"}, /*recursive=*/false)), std::vector<int64_t>{tree.other.rt_id});
}

TEST_P(StoreContract, RemovingAnUnknownTokenChangesNothing) {
  build_tree(*store_);
  auto tx = begin();
  EXPECT_TRUE(must(tx->tokens().remove(MomId{"unknown"}, /*recursive=*/true)).empty());
  EXPECT_TRUE(must(tx->tokens().remove(MomId{"unknown"}, /*recursive=*/false)).empty());
  for (const auto* id : {"root", "mid", "sibling", "leaf", "other"}) {
    EXPECT_TRUE(exists(*tx, id)) << id;
  }
}

TEST_P(StoreContract, RemoveRolledBackKeepsTheTree) {
  build_tree(*store_);
  {
    auto tx = begin();
    must(tx->tokens().remove(MomId{"root"}, /*recursive=*/true));
  }
  auto tx = begin(TxMode::kRead);
  for (const auto* id : {"root", "mid", "sibling", "leaf"}) {
    EXPECT_TRUE(exists(*tx, id)) << id;
    expect_companions_kept(*tx, id);
  }
}

}  // namespace
}  // namespace mytoken::store_contract
