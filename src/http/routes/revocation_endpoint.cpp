#include "http/decoders/revocation_request_decoding.hpp"
#include "http/request_decoding.hpp"
#include "http/responses.hpp"
#include "http/routes/endpoints.hpp"
#include "http/routes/route_helpers.hpp"

namespace mytoken {

HttpResponse handle_revoke(const RouteDeps& deps, HttpRequest& request) {
  auto body = decode_body(request, /*form_capable=*/true);
  if (!body) return error_response(body.error());
  auto decoded = decode_revocation_request(request, *body);
  if (!decoded) return error_response(decoded.error());
  if (auto* by_mom_id = std::get_if<RevokeByMomIdRequest>(&*decoded)) {  // spec §11 B
    auto update = revoke_by_mom_id(deps.ctx, *by_mom_id, caller_of(request));
    if (!update) return error_response(update.error());
    if (!*update) return empty_response(204);
    return json_response(boost::json::object{{"token_update", to_json(**update)}});  // spec §1.6
  }
  if (auto result = revoke_token(deps.ctx, std::get<RevokeRequest>(*decoded), caller_of(request)); !result) {
    return error_response(result.error());
  }
  return empty_response(204);
}

}  // namespace mytoken
