#pragma once

#include <boost/json/object.hpp>
#include <memory>
#include <vector>

#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "domain/token_tree.hpp"
#include "service/common/service_context.hpp"
#include "service/minting/mytoken_response.hpp"

namespace mytoken {

// POST API/tokeninfo action=subtokens (spec §10): the tree rooted at the presented token. Capability
// tokeninfo:subtokens; an "other" use (spec §21 item 6); event tokeninfo_subtokens.
struct SubtokenTree {
  TokenTreeNode tree;
  std::shared_ptr<MytokenResponse> token_update;
};
Result<SubtokenTree> subtoken_tree(const ServiceContext& ctx, const Secret& mytoken, const CallerContext& caller);

// POST API/tokeninfo action=list_mytokens (spec §10): all tokens of the user as a forest (roots in creation
// order). Capability manage_mytokens:list; an "other" use; event tokeninfo_list_mytokens.
struct MytokenList {
  std::vector<TokenTreeNode> forest;
  std::shared_ptr<MytokenResponse> token_update;
};
Result<MytokenList> list_mytokens(const ServiceContext& ctx, const Secret& mytoken, const CallerContext& caller);

// {"token":{"mom_id","name","created","expires_at"?,"ip"},"children"?:[...]} (spec §10: name always present,
// expires_at omitted when none, children omitted when empty).
boost::json::object to_json(const TokenTreeNode& node);
boost::json::object to_json(const SubtokenTree& tree);  // {"mytokens":{...},"token_update"?}
boost::json::object to_json(const MytokenList& list);   // {"mytokens":[...],"token_update"?}

}  // namespace mytoken
