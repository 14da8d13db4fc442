#include "http/decoders/tokeninfo_request_decoding.hpp"
#include "http/request_decoding.hpp"
#include "http/responses.hpp"
#include "http/routes/endpoints.hpp"
#include "http/routes/route_helpers.hpp"
#include "service/tokeninfo/introspect.hpp"
#include "service/tokeninfo/tokeninfo_event_history.hpp"
#include "service/tokeninfo/tokeninfo_tree.hpp"

namespace mytoken {
namespace {

template <class T>
HttpResponse respond(const Result<T>& result) {
  if (!result) return error_response(result.error());
  return json_response(to_json(*result));
}

}  // namespace

HttpResponse handle_tokeninfo(const RouteDeps& deps, HttpRequest& request) {
  auto body = decode_body(request, /*form_capable=*/false);
  if (!body) return error_response(body.error());
  auto decoded = decode_tokeninfo_request(request, *body);
  if (!decoded) return error_response(decoded.error());
  const auto& action = decoded->action;
  const auto caller = caller_of(request);
  if (action == "introspect") {
    auto result = introspect(deps.ctx, decoded->mytoken, caller);
    if (!result) return error_response(result.error());
    return json_response(*result);
  }
  if (action == "event_history") {
    return respond(
        event_history(deps.ctx, EventHistoryRequest{std::move(decoded->mytoken), std::move(decoded->mom_ids)}, caller));
  }
  if (action == "subtokens") return respond(subtoken_tree(deps.ctx, decoded->mytoken, caller));
  if (action == "list_mytokens") return respond(list_mytokens(deps.ctx, decoded->mytoken, caller));
  return error_response(ApiError::invalid_request("unsupported action '" + action + "'"));
}

}  // namespace mytoken
