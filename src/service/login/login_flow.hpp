#pragma once

#include <cstdint>
#include <string>

#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "service/common/service_context.hpp"
#include "service/login/login_request.hpp"
#include "service/minting/mytoken_response.hpp"

namespace mytoken {

// POST API/token/my grant_type=oidc_flow (spec §5.2), native flow with polling code.
struct StartedLogin {
  std::string consent_uri;
  Secret polling_code;
  int64_t expires_in = 0;
  int64_t interval = 0;
};
// The oidc_flow request as sent (decoded by http/decoders/login_request_decoding.hpp, which refuses other
// oidc_flow and client_type values).
struct StartLoginRequest {
  LoginRequestEdits edits;
  std::string response_type = "token";
  int64_t max_token_len = 0;
  std::string application_name;  // cut to 100 bytes
};
Result<StartedLogin> start_login(const ServiceContext& ctx, const StartLoginRequest& request,
                                 const CallerContext& caller);

// The consent code is looked up under the guessing limits of polling and transfer codes (429 too_many_requests);
// an unknown or expired code is 404 not_found, one already approved 409 (a decision is taken once).
// GET /c/{code}: the pending request, for the consent page.
Result<LoginRequest> show_consent(const ServiceContext& ctx, const Secret& consent_code, const CallerContext& caller);

// POST /c/{code} with the user's (edited) choices: returns the OP authorization URL (spec §5.3). The login then
// issues exactly this request; a second decision, also a racing one, is refused with 409. `decision` is the
// decoded body or the 400 its decoding gave: that 400 is returned only for a code that is pending (the code's
// 404/409/429 come first, and the guessing limits count every attempt).
Result<std::string> approve_consent(const ServiceContext& ctx, const Secret& consent_code,
                                    const Result<LoginRequestEdits>& decision, const CallerContext& caller);
// POST /c/{code} with an empty body: the user declined; returns the page to send the browser to.
Result<std::string> decline_consent(const ServiceContext& ctx, const Secret& consent_code, const CallerContext& caller);

// GET /redirect (spec §5.3): exchanges the code, creates the mytoken and hands it to the polling code.
// Returns the page to redirect the browser to (303). Errors are rendered as HTML by the caller.
struct OpCallback {
  Secret code;
  Secret state;
  std::string error;  // the OP's error parameter, if any
  std::string error_description;
};
Result<std::string> complete_login(const ServiceContext& ctx, const OpCallback& callback, const CallerContext& caller);

// POST API/token/my grant_type=polling_code (spec §5.4, with slow_down of spec §21 item 2).
Result<MytokenResponse> poll_login(const ServiceContext& ctx, const Secret& polling_code, const CallerContext& caller);

}  // namespace mytoken
