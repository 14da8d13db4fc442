#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "http/http_types.hpp"

namespace mytoken {

// POST API/tokeninfo (spec §7): the action and the presented mytoken; `mom_ids` only for event_history.
struct TokeninfoRequest {
  std::string action;  // introspect, event_history, subtokens, list_mytokens, or one the handler refuses
  Secret mytoken;
  std::optional<std::vector<std::string>> mom_ids;  // event_history: absent or null = the token's own history
};

// A missing `action` is 400 "required parameter 'action' missing" (spec §21 item 6: not an implicit
// introspection); `mom_ids` must be an array of non-empty strings. Wrong types are 400 invalid_request.
Result<TokeninfoRequest> decode_tokeninfo_request(const HttpRequest& request, const boost::json::object& body);

}  // namespace mytoken
