#include "http/decoders/access_token_request_decoding.hpp"
#include "http/request_decoding.hpp"
#include "http/responses.hpp"
#include "http/routes/endpoints.hpp"
#include "http/routes/route_helpers.hpp"

namespace mytoken {

HttpResponse handle_access_token(const RouteDeps& deps, HttpRequest& request) {
  auto body = decode_body(request, /*form_capable=*/true);
  if (!body) return error_response(body.error());
  auto decoded = decode_access_token_request(request, *body);
  if (!decoded) return error_response(decoded.error());
  auto result = deps.issue_access_token.run(*decoded, caller_of(request));
  if (!result) return error_response(result.error());
  boost::json::object out{{"access_token", result->access_token.reveal()},
                          {"token_type", result->token_type},
                          {"expires_in", result->expires_in}};
  if (!result->scope.empty()) out["scope"] = result->scope;
  if (!result->audience.empty()) {
    boost::json::array auds;
    for (const auto& a : result->audience) auds.emplace_back(a);
    out["audience"] = std::move(auds);
  }
  if (result->token_update) {
    out["token_update"] = to_json(*result->token_update);
    // spec §21: OAuth clients such as oidc-agent keep only a top-level refresh_token.
    out["refresh_token"] = result->token_update->mytoken.reveal();
  }
  return json_response(out);
}

}  // namespace mytoken
