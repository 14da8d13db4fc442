#pragma once

#include <string>
#include <string_view>

#include "domain/provider_policy.hpp"
#include "domain/restrictions.hpp"
#include "service/common/service_context.hpp"

namespace mytoken {

// The policy configured for `issuer` (an empty one if none).
const ProviderPolicy& provider_policy_of(const ServiceContext& ctx, std::string_view issuer);
// The provider's mytokens_max_lifetime (0 = unlimited).
int64_t provider_max_lifetime(const ServiceContext& ctx, std::string_view issuer);

// Restrictions named by a policy: restriction template names or a JSON text of clauses, resolved with
// ctx.templates (spec §13.1) and parsed against `now` and the caller's address. A bad entry is the operator's
// mistake: internal error (logged), not the user's.
Result<Restrictions> policy_restrictions(const ServiceContext& ctx, const std::string& text, int64_t now,
                                         std::string_view caller_ip);

// Spec §5.3 step 6: the enforced restrictions of the user's claims tighten `requested`; a user no mapping
// admits gets 403 access_denied with the operator's help HTML.
Result<void> apply_enforced_restrictions(const ServiceContext& ctx, std::string_view issuer,
                                         const boost::json::object& claims, Restrictions& requested, int64_t now,
                                         std::string_view caller_ip);

}  // namespace mytoken
