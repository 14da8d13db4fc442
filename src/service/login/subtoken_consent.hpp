#pragma once

#include "domain/result.hpp"
#include "service/common/service_context.hpp"
#include "service/login/login_request.hpp"
#include "service/minting/mint_subtoken.hpp"

namespace mytoken {

// POST /c (spec §5.3, used by oidc-agent): what a sub-token request would give, for the consent page that
// oidc-agent shows before it sends the request itself. Requires `oidc_issuer` (400 "required parameter
// 'oidc_issuer' missing") and a valid parent (spec §4.3); the derivation is derive_subtoken's, so the page
// never offers more than the request would get. Nothing is counted, rotated or stored.
Result<LoginRequest> prepare_subtoken_consent(const ServiceContext& ctx, const SubtokenRequest& request,
                                              const CallerContext& caller);

}  // namespace mytoken
