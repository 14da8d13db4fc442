#include "client/mytoken_request.hpp"

namespace mytoken::client {

boost::json::object MytokenRequest::to_json() const {
  boost::json::object o = base;
  if (include) o["include"] = *include;
  if (restrictions) o["restrictions"] = *restrictions;
  if (!capabilities.empty()) {
    boost::json::array caps;
    for (const auto& c : capabilities) caps.emplace_back(c);
    o["capabilities"] = std::move(caps);
  }
  if (rotation) o["rotation"] = *rotation;
  if (!name.empty()) o["name"] = name;
  if (!response_type.empty()) o["response_type"] = response_type;
  if (!application_name.empty()) o["application_name"] = application_name;
  if (!oidc_issuer.empty()) o["oidc_issuer"] = oidc_issuer;
  return o;
}

}  // namespace mytoken::client
