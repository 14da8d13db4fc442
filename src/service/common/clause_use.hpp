#pragma once

#include <memory>
#include <optional>
#include <string>

#include "domain/ports/store.hpp"
#include "domain/restrictions.hpp"
#include "domain/result.hpp"
#include "service/common/presented_token.hpp"
#include "service/common/service_context.hpp"
#include "service/minting/mytoken_response.hpp"

namespace mytoken {

// The restriction clause a request goes through (spec §6.3) and its usage-counter key (spec §6.4).
struct UsedClause {
  RestrictionClause clause;
  std::string hash;
};

// Selects the clause for a use of `token` (spec §6.3). nullopt for an unrestricted token (nothing is counted);
// 403 usage_restricted if no clause allows the request. Reads usage counters in its own read transaction and
// may resolve host names, so it runs before any write transaction is opened.
Result<std::optional<UsedClause>> select_used_clause(const ServiceContext& ctx, const PresentedToken& token,
                                                     const UsageRequest& request);

// Consumes one usage of `kind` through the clause inside `tx` (exact across threads and instances: a
// conditional update). 403 usage_restricted if a concurrent request took the last one. No-op for nullopt.
Result<void> consume_usage(Transaction& tx, const PresentedToken& token, const std::optional<UsedClause>& used,
                           UsageRepository::Kind kind);

// An "other" use (spec §6.3: sub-token creation, tokeninfo history/subtokens/list, transfer, revocation by
// mom_id): selects the clause for the caller. Call before opening the write transaction.
Result<std::optional<UsedClause>> authorize_other_use(const ServiceContext& ctx, const PresentedToken& token,
                                                      const CallerContext& caller);
// Inside the operation's write transaction: consumes the usages_other and rotates the token if its policy says
// on_other (spec §9). Returns the token_update or nullptr.
Result<std::shared_ptr<MytokenResponse>> commit_other_use(Transaction& tx, const ServiceContext& ctx,
                                                          const PresentedToken& token,
                                                          const std::optional<UsedClause>& used,
                                                          const CallerContext& caller);

}  // namespace mytoken
