#include "http/decoders/revocation_request_decoding.hpp"

#include <utility>

#include "http/decoders/body_members.hpp"
#include "http/request_decoding.hpp"

namespace mytoken {

Result<RevocationRequest> decode_revocation_request(const HttpRequest& request, const boost::json::object& body) {
  RevokeRequest r;
  auto token = string_member(body, "token");
  if (!token) return token.error();
  r.token = Secret(std::move(*token));
  if (r.token.empty()) {
    if (auto c = cookie(request, "mytoken")) r.token = Secret(std::string(*c));
  }
  auto recursive = bool_member(body, "recursive");
  if (!recursive) return recursive.error();
  r.recursive = *recursive;
  auto issuer = string_member(body, "oidc_issuer");
  if (!issuer) return issuer.error();
  r.oidc_issuer = std::move(*issuer);
  auto mom_id = string_member(body, "mom_id");
  if (!mom_id) return mom_id.error();
  if (mom_id->empty()) return RevocationRequest(std::move(r));
  return RevocationRequest(
      RevokeByMomIdRequest{std::move(r.token), MomId{std::move(*mom_id)}, r.recursive, std::move(r.oidc_issuer)});
}

}  // namespace mytoken
