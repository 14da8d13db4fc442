#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/capabilities.hpp"
#include "domain/restriction_clause.hpp"
#include "domain/result.hpp"
#include "domain/rotation.hpp"
#include "domain/secret.hpp"
#include "service/common/clause_use.hpp"
#include "service/common/presented_token.hpp"
#include "service/common/service_context.hpp"
#include "service/minting/mytoken_response.hpp"

namespace mytoken {

// POST API/token/my grant_type=mytoken (alias refresh_token), spec §5.5: a sub-token of a presented mytoken.
// Decoded from the request by http/decoders/subtoken_request_decoding.hpp.
struct SubtokenRequest {
  Secret parent;                     // the presented mytoken (body `mytoken`, Bearer or cookie)
  std::string oidc_issuer;           // optional; must equal the parent's oidc_iss exactly
  Restrictions restrictions;         // empty = inherit the parent's
  Capabilities capabilities;         // empty = inherit the parent's
  std::optional<Rotation> rotation;  // as requested, not constrained by the parent (spec §9, §21 item 12)
  std::string name;
  std::string response_type = "token";
  int64_t max_token_len = 0;
  bool error_on_restrictions = false;
  std::string application_name;
};

// What a sub-token of `parent` would be (spec §5.5 from the capability check to TightenCapabilities).
struct DerivedSubtoken {
  std::optional<UsedClause> used;  // the parent's clause this "other" use goes through
  Restrictions restrictions;
  Capabilities capabilities;
};

// The checks and derivations of spec §5.5 that need no write: capability create_mytoken (403), a clause that
// allows an "other" use (403 usage_restricted), the issuer (400), the provider's maximum lifetime, Tighten with
// the parent's remaining usages as budget (spec §21 item 4) and TightenCapabilities. 400 with
// error_on_restrictions if a requested clause was dropped or cut by the maximum lifetime; 400 if no capability
// remains or the token would already be expired.
Result<DerivedSubtoken> derive_subtoken(const ServiceContext& ctx, const PresentedToken& parent,
                                        const SubtokenRequest& request, const CallerContext& caller);

// The whole use case: validates the parent (spec §4.3), derives the child, mints it and, in one write
// transaction, counts the parent's usages_other (rotating it if its policy says on_other), stores the child
// below the parent with its own wrap of the family key, and records the events `created`, `inherited_RT`
// (child) and `MT_created` (parent). A parent without refresh token → 400 invalid_token. Thread-safe.
Result<MytokenResponse> mint_subtoken(const ServiceContext& ctx, const SubtokenRequest& request,
                                      const CallerContext& caller);

}  // namespace mytoken
