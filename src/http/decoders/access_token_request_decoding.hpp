#pragma once

#include <boost/json/object.hpp>

#include "domain/result.hpp"
#include "http/http_types.hpp"
#include "service/access_tokens/issue_access_token.hpp"

namespace mytoken {

// POST API/token/access (spec §6): grant_type must be "mytoken" or "refresh_token" (else 400
// unsupported_grant_type); the mytoken is `mytoken`, then `refresh_token`, then Bearer, then cookie. `issuer`
// (form) wins over `oidc_issuer` (JSON) when both are given (spec §21 item 17); `scope`, and `audience` followed
// by its RFC 8707 alias `resource`, are space-separated strings or arrays of them. Wrong types are 400
// invalid_request.
Result<AccessTokenRequest> decode_access_token_request(const HttpRequest& request, const boost::json::object& body);

}  // namespace mytoken
