#include "http/request_decoding.hpp"
#include "http/responses.hpp"
#include "http/routes/endpoints.hpp"
#include "http/routes/route_helpers.hpp"
#include "service/introspect.hpp"
#include "service/tokeninfo_event_history.hpp"
#include "service/tokeninfo_tree.hpp"

namespace mytoken {
namespace {

// `mom_ids` of event_history: an array of strings; absent or null = the token's own history.
Result<std::optional<std::vector<std::string>>> mom_ids_of(const boost::json::object& body) {
  auto it = body.find("mom_ids");
  if (it == body.end() || it->value().is_null()) return std::optional<std::vector<std::string>>();
  if (!it->value().is_array()) return ApiError::invalid_request("mom_ids must be an array of strings");
  std::vector<std::string> ids;
  for (const auto& v : it->value().as_array()) {
    if (!v.is_string() || v.as_string().empty())
      return ApiError::invalid_request("mom_ids must be an array of strings");
    ids.emplace_back(v.as_string());
  }
  return std::optional<std::vector<std::string>>(std::move(ids));
}

template <class T>
HttpResponse respond(const Result<T>& result) {
  if (!result) return error_response(result.error());
  return json_response(to_json(*result));
}

}  // namespace

HttpResponse handle_tokeninfo(const RouteDeps& deps, HttpRequest& request) {
  auto body = decode_body(request, /*form_capable=*/false);
  if (!body) return error_response(body.error());
  auto action = string_member(*body, "action");
  if (!action) return error_response(action.error());
  // spec §21 item 6: a missing action is an error, not an implicit introspection.
  if (action->empty()) return error_response(ApiError::invalid_request("required parameter 'action' missing"));
  auto token = presented_mytoken(request, *body);
  if (!token) return error_response(token.error());
  const auto caller = caller_of(request);
  if (*action == "introspect") {
    auto result = introspect(deps.ctx, *token, caller);
    if (!result) return error_response(result.error());
    return json_response(*result);
  }
  if (*action == "event_history") {
    auto ids = mom_ids_of(*body);
    if (!ids) return error_response(ids.error());
    return respond(event_history(deps.ctx, EventHistoryRequest{std::move(*token), std::move(*ids)}, caller));
  }
  if (*action == "subtokens") return respond(subtoken_tree(deps.ctx, *token, caller));
  if (*action == "list_mytokens") return respond(list_mytokens(deps.ctx, *token, caller));
  return error_response(ApiError::invalid_request("unsupported action '" + *action + "'"));
}

}  // namespace mytoken
