#pragma once

#include <optional>
#include <vector>

#include "domain/mom_id.hpp"
#include "domain/ports/store.hpp"

namespace mytoken {

// The mytokens of one user as a tree (spec §12.1): every oidc_flow token is a root, sub-tokens hang below
// their parent. Pure functions over the rows of TokenRepository::of_user (creation order).
struct TokenTreeNode {
  TokenRow token;
  std::vector<TokenTreeNode> children;  // creation order
};

// All of `rows` as a forest: roots are tokens without a parent (or whose parent is not among `rows`), in
// creation order (spec §10 list_mytokens).
std::vector<TokenTreeNode> token_forest(const std::vector<TokenRow>& rows);

// The subtree rooted at `root`; nullopt if `root` is not among `rows` (spec §10 subtokens).
std::optional<TokenTreeNode> token_subtree(const std::vector<TokenRow>& rows, const MomId& root);

// Is `target` `ancestor` itself or one of its descendants? Walks up the parent chain from `target`
// (spec §12.1: a token counts as its own descendant). False if `target` is not among `rows`.
bool is_self_or_descendant(const std::vector<TokenRow>& rows, const MomId& ancestor, const MomId& target);

// The descendants of `root`, without `root` itself, in depth-first creation order.
std::vector<MomId> descendants_of(const std::vector<TokenRow>& rows, const MomId& root);

}  // namespace mytoken
