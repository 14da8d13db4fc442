#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/mom_id.hpp"
#include "domain/ports/store.hpp"
#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "service/common/service_context.hpp"

namespace mytoken {

// Short tokens (spec §4.5): a random string of ctx.options.short_token_len letters of kCodeAlphabet that stands
// for a JWT mytoken. At rest (design §4) only its keyed hash and the JWT sealed under a key derived from the short
// token and the pepper exist, so a database copy alone can neither find nor open one.

// Strings shorter than this are never short tokens (spec §4.3: "token not valid").
inline constexpr size_t kMinShortTokenLen = 32;

// Creates a short token for `jwt` (token `mom_id`) inside the write transaction `tx`.
Result<Secret> create_short_token(Transaction& tx, const ServiceContext& ctx, const Secret& jwt, const MomId& mom_id,
                                  int64_t now);

// The JWT behind `short_token`, read in `tx`; nullopt if no such short token exists. A rotated-away short token
// still resolves to its (stale) JWT, so reuse detection sees it (spec §4.5).
Result<std::optional<Secret>> find_short_token_jwt(Transaction& tx, const ServiceContext& ctx,
                                                   const Secret& short_token);

// The same in a read transaction of its own, for a presented token (spec §4.3 step 1): shorter than
// kMinShortTokenLen → 401 "token not valid"; unknown → 401 invalid_token without description.
Result<Secret> resolve_short_token(const ServiceContext& ctx, const Secret& short_token);

}  // namespace mytoken
