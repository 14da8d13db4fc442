#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "service/access_tokens/access_token_reuse.hpp"
#include "service/common/service_context.hpp"
#include "service/minting/mytoken_response.hpp"
#include "util/keyed_mutex.hpp"

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
  explicit IssueAccessToken(const ServiceContext& ctx);
  Result<AccessTokenResponse> run(const AccessTokenRequest& request, const CallerContext& caller) const;

 private:
  Result<OpTokenResponse> refresh_at_op(OidcProvider& provider, const AccessTokenReuseKey& request,
                                        const Secret& family_key) const;
  // The reuse options of `provider`, or nullptr when access tokens are not reused for it.
  const AccessTokenReuseOptions* reuse_options(const OidcProvider& provider) const;

  static constexpr size_t kReusableAccessTokens = 4096;  // ~1–2 KiB each

  const ServiceContext& ctx_;
  mutable KeyedMutex refresh_locks_;
  mutable AccessTokenReuseCache reusable_access_tokens_{kReusableAccessTokens};
  // What each provider does with refresh tokens, learnt from its answers. Refreshes of one family are serialised
  // unless the provider is known to keep them (or reuse is on), so with an OP that keeps refresh tokens
  // concurrent requests of one mytoken do not queue behind each other's OP round trip. Seen rotating once, a
  // provider is treated as rotating for good: parallel use of a rotated-away refresh token can make an OP with
  // reuse detection revoke the whole grant.
  enum class RefreshTokenPolicy { kUnknown, kKeeps, kRotates };
  mutable std::map<const OidcProvider*, std::atomic<RefreshTokenPolicy>> refresh_token_policies_;
};

}  // namespace mytoken
