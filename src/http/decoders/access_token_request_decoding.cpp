#include "http/decoders/access_token_request_decoding.hpp"

#include "http/decoders/body_members.hpp"
#include "http/decoders/presented_mytoken.hpp"

namespace mytoken {

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

}  // namespace mytoken
