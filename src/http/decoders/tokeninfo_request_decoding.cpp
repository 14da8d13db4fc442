#include "http/decoders/tokeninfo_request_decoding.hpp"

#include <utility>

#include "http/decoders/body_members.hpp"
#include "http/decoders/presented_mytoken.hpp"

namespace mytoken {
namespace {

Result<std::optional<std::vector<std::string>>> mom_ids_of(const boost::json::object& body) {
  const auto* v = member(body, "mom_ids");
  if (v == nullptr) return std::optional<std::vector<std::string>>();
  if (!v->is_array()) return ApiError::invalid_request("mom_ids must be an array of strings");
  std::vector<std::string> ids;
  for (const auto& id : v->get_array()) {
    if (!id.is_string() || id.get_string().empty()) {
      return ApiError::invalid_request("mom_ids must be an array of strings");
    }
    ids.emplace_back(id.get_string());
  }
  return std::optional<std::vector<std::string>>(std::move(ids));
}

}  // namespace

Result<TokeninfoRequest> decode_tokeninfo_request(const HttpRequest& request, const boost::json::object& body) {
  TokeninfoRequest r;
  auto action = string_member(body, "action");
  if (!action) return action.error();
  if (action->empty()) return ApiError::invalid_request("required parameter 'action' missing");
  r.action = std::move(*action);
  auto token = presented_mytoken(request, body);
  if (!token) return token.error();
  r.mytoken = std::move(*token);
  if (r.action == "event_history") {
    auto ids = mom_ids_of(body);
    if (!ids) return ids.error();
    r.mom_ids = std::move(*ids);
  }
  return r;
}

}  // namespace mytoken
