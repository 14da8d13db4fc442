#include "domain/token_tree.hpp"

#include <gtest/gtest.h>

namespace mytoken {
namespace {

TokenRow row(std::string id, std::optional<std::string> parent = std::nullopt) {
  TokenRow r;
  r.mom_id = MomId{std::move(id)};
  if (parent) r.parent = MomId{*parent};
  return r;
}

// r1 ─┬─ a ── a1
//     └─ b
// r2
const std::vector<TokenRow> kRows = {row("r1"), row("a", "r1"), row("r2"), row("a1", "a"), row("b", "r1")};

std::vector<std::string> ids(const std::vector<MomId>& v) {
  std::vector<std::string> out;
  for (const auto& id : v) out.push_back(id.value);
  return out;
}

TEST(TokenForest, RootsInCreationOrderWithTheirSubtrees) {  // spec §10 list_mytokens
  const auto forest = token_forest(kRows);
  ASSERT_EQ(forest.size(), 2u);
  EXPECT_EQ(forest[0].token.mom_id.value, "r1");
  EXPECT_EQ(forest[1].token.mom_id.value, "r2");
  ASSERT_EQ(forest[0].children.size(), 2u);
  EXPECT_EQ(forest[0].children[0].token.mom_id.value, "a");
  EXPECT_EQ(forest[0].children[1].token.mom_id.value, "b");
  ASSERT_EQ(forest[0].children[0].children.size(), 1u);
  EXPECT_EQ(forest[0].children[0].children[0].token.mom_id.value, "a1");
  EXPECT_TRUE(forest[1].children.empty());
}

TEST(TokenForest, TokenWhoseParentIsMissingIsARoot) {
  const auto forest = token_forest({row("x", "gone"), row("y", "x")});
  ASSERT_EQ(forest.size(), 1u);
  EXPECT_EQ(forest[0].children.at(0).token.mom_id.value, "y");
}

TEST(TokenForest, SurvivesAParentCycle) {
  const auto forest = token_forest({row("x", "y"), row("y", "x"), row("z")});
  ASSERT_EQ(forest.size(), 1u);
  EXPECT_EQ(forest[0].token.mom_id.value, "z");
}

TEST(TokenSubtree, RootedAtTheToken) {  // spec §10 subtokens
  const auto tree = token_subtree(kRows, MomId{"a"});
  ASSERT_TRUE(tree);
  EXPECT_EQ(tree->token.mom_id.value, "a");
  ASSERT_EQ(tree->children.size(), 1u);
  EXPECT_EQ(tree->children[0].token.mom_id.value, "a1");
  EXPECT_FALSE(token_subtree(kRows, MomId{"unknown"}));
}

TEST(IsSelfOrDescendant, ATokenIsItsOwnDescendant) {  // spec §12.1
  EXPECT_TRUE(is_self_or_descendant(kRows, MomId{"a"}, MomId{"a"}));
}

TEST(IsSelfOrDescendant, WalksUpTheWholeChain) {
  EXPECT_TRUE(is_self_or_descendant(kRows, MomId{"r1"}, MomId{"a1"}));
  EXPECT_TRUE(is_self_or_descendant(kRows, MomId{"a"}, MomId{"a1"}));
}

TEST(IsSelfOrDescendant, ParentsSiblingsAndStrangersAreNot) {
  EXPECT_FALSE(is_self_or_descendant(kRows, MomId{"a1"}, MomId{"a"}));
  EXPECT_FALSE(is_self_or_descendant(kRows, MomId{"a"}, MomId{"b"}));
  EXPECT_FALSE(is_self_or_descendant(kRows, MomId{"r1"}, MomId{"r2"}));
  EXPECT_FALSE(is_self_or_descendant(kRows, MomId{"r1"}, MomId{"not-among-rows"}));
}

TEST(IsSelfOrDescendant, TerminatesOnACycle) {
  EXPECT_FALSE(is_self_or_descendant({row("x", "y"), row("y", "x")}, MomId{"z"}, MomId{"x"}));
}

TEST(DescendantsOf, AllBelowWithoutItself) {
  EXPECT_EQ(ids(descendants_of(kRows, MomId{"r1"})), (std::vector<std::string>{"a", "a1", "b"}));
  EXPECT_TRUE(descendants_of(kRows, MomId{"r2"}).empty());
  EXPECT_TRUE(descendants_of(kRows, MomId{"unknown"}).empty());
}

}  // namespace
}  // namespace mytoken
