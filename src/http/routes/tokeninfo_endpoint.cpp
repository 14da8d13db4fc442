#include "http/request_decoding.hpp"
#include "http/responses.hpp"
#include "http/routes/endpoints.hpp"
#include "http/routes/route_helpers.hpp"
#include "service/introspect.hpp"

namespace mytoken {
HttpResponse handle_tokeninfo(const RouteDeps& deps, HttpRequest& request) {
  auto body = decode_body(request, /*form_capable=*/false);
  if (!body) return error_response(body.error());
  auto action = string_member(*body, "action");
  if (!action) return error_response(action.error());
  // spec §21 item 6: a missing action is an error, not an implicit introspection.
  if (action->empty()) return error_response(ApiError::invalid_request("required parameter 'action' missing"));
  if (*action != "introspect") {
    return error_response(ApiError::invalid_request("unsupported action '" + *action + "'"));
  }
  auto token = presented_mytoken(request, *body);
  if (!token) return error_response(token.error());
  auto result = introspect(deps.ctx, *token, caller_of(request));
  if (!result) return error_response(result.error());
  return json_response(*result);
}

}  // namespace mytoken
