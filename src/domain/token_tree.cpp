#include "domain/token_tree.hpp"

#include <map>
#include <set>

namespace mytoken {
namespace {

using ChildIndex = std::map<std::string, std::vector<const TokenRow*>>;  // parent mom_id → children

ChildIndex index_children(const std::vector<TokenRow>& rows) {
  ChildIndex index;
  for (const auto& row : rows) {
    if (row.parent) index[row.parent->value].push_back(&row);
  }
  return index;
}

// Depth-first; `seen` guards against a corrupt store with a parent cycle.
TokenTreeNode build(const TokenRow& row, const ChildIndex& index, std::set<std::string>& seen) {
  TokenTreeNode node{row, {}};
  seen.insert(row.mom_id.value);
  if (auto it = index.find(row.mom_id.value); it != index.end()) {
    for (const TokenRow* child : it->second) {
      if (!seen.contains(child->mom_id.value)) node.children.push_back(build(*child, index, seen));
    }
  }
  return node;
}

void collect(const TokenTreeNode& node, std::vector<MomId>& out) {
  for (const auto& child : node.children) {
    out.push_back(child.token.mom_id);
    collect(child, out);
  }
}

}  // namespace

std::vector<TokenTreeNode> token_forest(const std::vector<TokenRow>& rows) {
  std::set<std::string> ids;
  for (const auto& row : rows) ids.insert(row.mom_id.value);
  const ChildIndex index = index_children(rows);
  std::set<std::string> seen;
  std::vector<TokenTreeNode> forest;
  for (const auto& row : rows) {
    if (!row.parent || !ids.contains(row.parent->value)) forest.push_back(build(row, index, seen));
  }
  return forest;
}

std::optional<TokenTreeNode> token_subtree(const std::vector<TokenRow>& rows, const MomId& root) {
  for (const auto& row : rows) {
    if (row.mom_id == root) {
      std::set<std::string> seen;
      return build(row, index_children(rows), seen);
    }
  }
  return std::nullopt;
}

bool is_self_or_descendant(const std::vector<TokenRow>& rows, const MomId& ancestor, const MomId& target) {
  std::map<std::string, const TokenRow*> by_id;
  for (const auto& row : rows) by_id[row.mom_id.value] = &row;
  auto it = by_id.find(target.value);
  // At most rows.size() steps up: a longer walk means a cycle.
  for (size_t steps = 0; it != by_id.end() && steps <= rows.size(); ++steps) {
    if (it->second->mom_id == ancestor) return true;
    if (!it->second->parent) return false;
    it = by_id.find(it->second->parent->value);
  }
  return false;
}

std::vector<MomId> descendants_of(const std::vector<TokenRow>& rows, const MomId& root) {
  std::vector<MomId> out;
  if (auto tree = token_subtree(rows, root)) collect(*tree, out);
  return out;
}

}  // namespace mytoken
