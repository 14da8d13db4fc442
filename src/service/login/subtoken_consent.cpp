#include "service/login/subtoken_consent.hpp"

#include "service/common/presented_token.hpp"

namespace mytoken {

Result<LoginRequest> prepare_subtoken_consent(const ServiceContext& ctx, const SubtokenRequest& request,
                                              const CallerContext& caller) {
  if (request.oidc_issuer.empty()) return ApiError::invalid_request("required parameter 'oidc_issuer' missing");
  auto parent = validate_mytoken(ctx, request.parent, caller);
  if (!parent) return parent.error();
  auto derived = derive_subtoken(ctx, *parent, request, caller);
  if (!derived) return derived.error();
  LoginRequest page;
  page.oidc_issuer = parent->claims.oidc_iss;
  page.capabilities = std::move(derived->capabilities);
  page.restrictions = std::move(derived->restrictions);
  page.rotation = request.rotation;
  page.name = request.name;
  page.response_type = request.response_type;
  page.max_token_len = request.max_token_len;
  page.application_name = request.application_name;
  return page;
}

}  // namespace mytoken
