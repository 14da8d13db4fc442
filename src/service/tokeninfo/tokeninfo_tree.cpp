#include "service/tokeninfo/tokeninfo_tree.hpp"

#include <boost/json/array.hpp>

#include "domain/capabilities.hpp"
#include "service/tokeninfo/tokeninfo_other_use.hpp"

namespace mytoken {

Result<SubtokenTree> subtoken_tree(const ServiceContext& ctx, const Secret& mytoken, const CallerContext& caller) {
  SubtokenTree result;
  auto update = run_tokeninfo_other_use(ctx, mytoken, {capability::kTokeninfoSubtokens}, caller,
                                        [&](Transaction& tx, const PresentedToken& token) -> Result<EventType> {
                                          auto rows = tx.tokens().of_user(token.row.user_id);
                                          if (!rows) return rows.error();
                                          auto tree = token_subtree(*rows, token.mom_id);
                                          if (!tree)
                                            return ApiError::invalid_token();  // revoked since it was validated
                                          result.tree = std::move(*tree);
                                          return EventType::kTokeninfoSubtokens;
                                        });
  if (!update) return update.error();
  result.token_update = std::move(*update);
  return result;
}

Result<MytokenList> list_mytokens(const ServiceContext& ctx, const Secret& mytoken, const CallerContext& caller) {
  MytokenList result;
  auto update = run_tokeninfo_other_use(ctx, mytoken, {capability::kManageList}, caller,
                                        [&](Transaction& tx, const PresentedToken& token) -> Result<EventType> {
                                          auto rows = tx.tokens().of_user(token.row.user_id);
                                          if (!rows) return rows.error();
                                          result.forest = token_forest(*rows);
                                          return EventType::kTokeninfoListMytokens;
                                        });
  if (!update) return update.error();
  result.token_update = std::move(*update);
  return result;
}

boost::json::object to_json(const TokenTreeNode& node) {
  const TokenRow& t = node.token;
  boost::json::object token{{"mom_id", t.mom_id.value}, {"name", t.name}, {"created", t.created}};
  if (t.expires_at > 0) token["expires_at"] = t.expires_at;
  token["ip"] = t.ip_created;
  boost::json::object out{{"token", std::move(token)}};
  if (!node.children.empty()) {
    boost::json::array children;
    for (const auto& child : node.children) children.emplace_back(to_json(child));
    out["children"] = std::move(children);
  }
  return out;
}

boost::json::object to_json(const SubtokenTree& tree) {
  boost::json::object out{{"mytokens", to_json(tree.tree)}};
  if (tree.token_update) out["token_update"] = to_json(*tree.token_update);
  return out;
}

boost::json::object to_json(const MytokenList& list) {
  boost::json::array forest;
  for (const auto& root : list.forest) forest.emplace_back(to_json(root));
  boost::json::object out{{"mytokens", std::move(forest)}};
  if (list.token_update) out["token_update"] = to_json(*list.token_update);
  return out;
}

}  // namespace mytoken
