#pragma once

#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "service/common/service_context.hpp"
#include "service/minting/mytoken_response.hpp"

namespace mytoken {

// POST API/token/my grant_type=transfer_code (spec §5.6). Rate limited (code_rate_limit.hpp). Unknown or
// already used → 401 invalid_token "Bad polling or transfer code"; expired → 401 expired_token "polling or
// transfer code is expired"; a polling code → 400 invalid_request "token not valid". Otherwise the code is
// deleted — exactly once however many exchanges race — and the token comes back as it was put in: a JWT as
// mytoken_type "token", a short token as "short_token" (spec §21 item 7). No `rotation` member (spec §5.6).
Result<MytokenResponse> exchange_transfer_code(const ServiceContext& ctx, const Secret& code,
                                               const CallerContext& caller);

}  // namespace mytoken
