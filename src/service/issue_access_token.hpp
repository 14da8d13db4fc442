#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "service/keyed_mutex.hpp"
#include "service/mytoken_response.hpp"
#include "service/service_context.hpp"

namespace mytoken {

struct AccessTokenRequest {
  Secret mytoken;
  std::string oidc_issuer;  // optional; must equal the token's oidc_iss
  std::vector<std::string> scopes;
  std::vector<std::string> audiences;
  std::string comment;
};

struct AccessTokenResponse {
  Secret access_token;
  std::string token_type = "Bearer";
  int64_t expires_in = 0;
  std::string scope;
  std::vector<std::string> audience;
  std::shared_ptr<MytokenResponse> token_update;
};

// POST API/token/access (spec §7, design §3). No database transaction is open during the OP call; a usage
// reserved before it is released if the OP fails. Thread-safe; `ctx` must outlive this object.
class IssueAccessToken {
 public:
  explicit IssueAccessToken(const ServiceContext& ctx) : ctx_(ctx) {}
  Result<AccessTokenResponse> run(const AccessTokenRequest& request, const CallerContext& caller) const;

 private:
  Result<OpTokenResponse> refresh_at_op(OidcProvider& provider, int64_t rt_id, const Secret& family_key,
                                        const std::vector<std::string>& scopes,
                                        const std::vector<std::string>& audiences) const;

  const ServiceContext& ctx_;
  mutable KeyedMutex refresh_locks_;
};

}  // namespace mytoken
