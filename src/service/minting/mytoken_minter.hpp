#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/event_type.hpp"
#include "domain/mom_id.hpp"
#include "domain/mytoken_claims.hpp"
#include "domain/ports/store.hpp"
#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "service/common/service_context.hpp"
#include "service/minting/mytoken_response.hpp"

namespace mytoken {

// What a new mytoken is made of (spec §4.1); the rest (jti, times, sub) is derived when it is minted.
struct MytokenSpec {
  std::string oidc_sub;
  std::string oidc_iss;
  std::string name;
  Capabilities capabilities;
  Restrictions restrictions;
  std::optional<Rotation> rotation;
  int64_t auth_time = 0;
};

struct MintedMytoken {
  Secret jwt;
  MytokenClaims claims;
  MomId mom_id;
};

// Builds and signs a new JWT mytoken. Pure apart from the injected clock and randomness.
MintedMytoken mint_mytoken(const ServiceContext& ctx, const MytokenSpec& spec);
// The same token with seq_no + 1 and fresh iat/nbf (spec §9); exp = now + lifetime, never beyond the
// restriction-derived expiry (spec §21 item 11).
MintedMytoken rotate_mytoken(const ServiceContext& ctx, const MytokenClaims& current);

// Stores a minted token of a family: the token row and its wrap of the family key. `tx` must be a write tx.
Result<void> store_mytoken(Transaction& tx, const ServiceContext& ctx, const MintedMytoken& token, int64_t user_id,
                           int64_t rt_id, const Secret& family_key, const std::optional<MomId>& parent,
                           const CallerContext& caller);

MytokenResponse mytoken_response(const MintedMytoken& token, int64_t now);

// Appends an event of `type` (stored under its spec §10 wire name) for a token.
Result<void> record_event(Transaction& tx, const MomId& id, EventType type, std::string comment, int64_t now,
                          const CallerContext& caller);

}  // namespace mytoken
