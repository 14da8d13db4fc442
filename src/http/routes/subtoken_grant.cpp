// POST API/token/my with grant_type=mytoken or its OAuth alias refresh_token (spec §5.5).
#include "http/decoders/subtoken_request_decoding.hpp"
#include "http/request_decoding.hpp"
#include "http/responses.hpp"
#include "http/routes/endpoints.hpp"
#include "http/routes/route_helpers.hpp"

namespace mytoken {

HttpResponse handle_subtoken_grant(const RouteDeps& deps, HttpRequest& request, const boost::json::object& body) {
  const auto caller = caller_of(request);
  auto parsed = decode_subtoken_request(body, deps.ctx.clock.now(), caller.ip);
  if (!parsed) return error_response(parsed.error());
  auto parent = presented_mytoken(request, body);
  if (!parent) return error_response(parent.error());
  parsed->parent = std::move(*parent);
  auto minted = mint_subtoken(deps.ctx, *parsed, caller);
  if (!minted) return error_response(minted.error());
  auto response = json_response(to_json(*minted));
  response.log_mom_id = minted->mom_id.value;
  return response;
}

}  // namespace mytoken
