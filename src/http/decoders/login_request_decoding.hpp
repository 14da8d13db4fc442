#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string_view>

#include "domain/result.hpp"
#include "service/login/login_flow.hpp"
#include "service/login/login_request.hpp"

namespace mytoken {

// The user-editable members of a mytoken request (spec §5.1, §5.3): oidc_issuer, name (at most 100 characters),
// capabilities, restrictions (times resolved against `now`, host "this" = `caller_ip`) and rotation. The body of
// a consent decision (POST /c/{code}) is exactly this. Absent or null members are not given (a null rotation is
// given: it removes the rotation). 400 invalid_request on wrong types or invalid values.
Result<LoginRequestEdits> decode_login_request_edits(const boost::json::object& body, int64_t now,
                                                     std::string_view caller_ip);

// A grant_type=oidc_flow request (spec §5.2), after template resolution: oidc_flow must be "authorization_code"
// if given (else 400 invalid_grant "Unsupported oidc_flow"), client_type "web" is refused (400, spec §21), then
// the edits as above, then response_type, max_token_len (a non-negative int64) and application_name (cut to 100
// bytes). Checked in this order; the first failure is the answer.
Result<StartLoginRequest> decode_start_login_request(const boost::json::object& body, int64_t now,
                                                     std::string_view caller_ip);

}  // namespace mytoken
