#include "http/request_decoding.hpp"
#include "http/responses.hpp"
#include "http/routes/endpoints.hpp"
#include "http/routes/route_helpers.hpp"
#include "service/revoke_by_mom_id.hpp"
#include "service/revoke_token.hpp"

namespace mytoken {
HttpResponse handle_revoke(const RouteDeps& deps, HttpRequest& request) {
  auto body = decode_body(request, /*form_capable=*/true);
  if (!body) return error_response(body.error());
  RevokeRequest r;
  auto token = string_member(*body, "token");
  if (!token) return error_response(token.error());
  r.token = Secret(std::move(*token));
  if (r.token.empty()) {
    if (auto c = cookie(request, "mytoken")) r.token = Secret(std::string(*c));
  }
  auto recursive = bool_member(*body, "recursive");
  if (!recursive) return error_response(recursive.error());
  r.recursive = *recursive;
  auto issuer = string_member(*body, "oidc_issuer");
  if (!issuer) return error_response(issuer.error());
  r.oidc_issuer = std::move(*issuer);
  auto mom_id = string_member(*body, "mom_id");
  if (!mom_id) return error_response(mom_id.error());
  if (!mom_id->empty()) {  // spec §11 B: `token` authorises the revocation of another token
    auto update = revoke_by_mom_id(
        deps.ctx, RevokeByMomIdRequest{std::move(r.token), MomId{std::move(*mom_id)}, r.recursive, r.oidc_issuer},
        caller_of(request));
    if (!update) return error_response(update.error());
    if (!*update) return empty_response(204);
    return json_response(boost::json::object{{"token_update", to_json(**update)}});  // spec §1.6
  }
  if (auto result = revoke_token(deps.ctx, r, caller_of(request)); !result) return error_response(result.error());
  return empty_response(204);
}

}  // namespace mytoken
