#include "service/login/login_request.hpp"

#include "domain/restrictions.hpp"

namespace mytoken {

boost::json::object to_json(const LoginRequest& r) {
  boost::json::object o;
  o["oidc_issuer"] = r.oidc_issuer;
  o["capabilities"] = capabilities_to_json(r.capabilities);
  o["restrictions"] = restrictions_to_json(r.restrictions);
  if (r.rotation) o["rotation"] = rotation_to_json(*r.rotation);
  o["name"] = r.name;
  o["response_type"] = r.response_type;
  o["max_token_len"] = r.max_token_len;
  o["application_name"] = r.application_name;
  return o;
}

Result<LoginRequest> login_request_from_json(const boost::json::object& o) {
  LoginRequest r;
  auto bad = [] { return ApiError::internal("stored login request is malformed"); };
  try {
    r.oidc_issuer = o.at("oidc_issuer").as_string();
    auto caps = parse_capabilities(o.at("capabilities"));
    if (!caps) return bad();
    r.capabilities = std::move(*caps);
    auto restrictions = restrictions_from_json(o.at("restrictions"));
    if (!restrictions) return bad();
    r.restrictions = std::move(*restrictions);
    if (auto it = o.find("rotation"); it != o.end()) {
      auto rotation = parse_rotation(it->value());
      if (!rotation) return bad();
      r.rotation = *rotation;
    }
    r.name = o.at("name").as_string();
    r.response_type = o.at("response_type").as_string();
    r.max_token_len = o.at("max_token_len").as_int64();
    r.application_name = o.at("application_name").as_string();
  } catch (const std::exception&) {
    return bad();
  }
  return r;
}

void apply_edits(LoginRequest& r, const LoginRequestEdits& edits) {
  if (edits.oidc_issuer) r.oidc_issuer = *edits.oidc_issuer;
  if (edits.name) r.name = *edits.name;
  if (edits.capabilities) r.capabilities = *edits.capabilities;
  if (r.capabilities.empty()) r.capabilities = {"AT", "tokeninfo"};  // spec §5.2 step 2
  if (edits.restrictions) r.restrictions = *edits.restrictions;
  if (edits.rotation_given) r.rotation = edits.rotation;
}

}  // namespace mytoken
