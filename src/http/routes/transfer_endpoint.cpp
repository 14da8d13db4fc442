#include "http/request_decoding.hpp"
#include "http/responses.hpp"
#include "http/routes/endpoints.hpp"
#include "http/routes/route_helpers.hpp"
#include "service/transfer/transfer_code_creation.hpp"

namespace mytoken {

// POST API/token/transfer (spec §5.6): {"mytoken": ...} (or Bearer/cookie) → a transfer code for it.
HttpResponse handle_transfer(const RouteDeps& deps, HttpRequest& request) {
  if (!deps.ctx.options.transfer_codes_enabled) return error_response(ApiError::not_found(request.path));
  auto body = decode_body(request, /*form_capable=*/false);
  if (!body) return error_response(body.error());
  auto token = presented_mytoken(request, *body);
  if (!token) return error_response(token.error());
  auto created = create_transfer_code_for_token(deps.ctx, *token, caller_of(request));
  if (!created) return error_response(created.error());
  boost::json::object out{{"mytoken_type", "transfer_code"},
                          {"transfer_code", created->code.code.reveal()},
                          {"expires_in", created->code.expires_in}};
  if (created->token_update) out["token_update"] = to_json(*created->token_update);
  return json_response(out);
}

}  // namespace mytoken
