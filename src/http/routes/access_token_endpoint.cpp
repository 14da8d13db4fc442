#include "http/request_decoding.hpp"
#include "http/responses.hpp"
#include "http/routes/endpoints.hpp"
#include "http/routes/route_helpers.hpp"

namespace mytoken {
namespace {

Result<AccessTokenRequest> decode_access_token_request(const HttpRequest& request, const boost::json::object& body) {
  auto grant = string_member(body, "grant_type");
  if (!grant) return grant.error();
  if (*grant != "mytoken" && *grant != "refresh_token") return ApiError::unsupported_grant_type();
  AccessTokenRequest r;
  auto token = presented_mytoken(request, body, {"refresh_token"});
  if (!token) return token.error();
  r.mytoken = std::move(*token);
  // spec §21 item 17: `issuer` (form) and `oidc_issuer` (JSON); `resource` (RFC 8707) aliases `audience`.
  for (auto key : {"oidc_issuer", "issuer"}) {
    auto issuer = string_member(body, key);
    if (!issuer) return issuer.error();
    if (!issuer->empty()) r.oidc_issuer = std::move(*issuer);
  }
  auto scopes = word_list_member(body, "scope");
  if (!scopes) return scopes.error();
  r.scopes = std::move(*scopes);
  for (auto key : {"audience", "resource"}) {
    auto audiences = word_list_member(body, key);
    if (!audiences) return audiences.error();
    r.audiences.insert(r.audiences.end(), audiences->begin(), audiences->end());
  }
  auto comment = string_member(body, "comment");
  if (!comment) return comment.error();
  r.comment = std::move(*comment);
  return r;
}

}  // namespace

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
