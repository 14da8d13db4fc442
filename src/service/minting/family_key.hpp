#pragma once

#include <string>

#include "crypto/server_secret.hpp"
#include "domain/mom_id.hpp"
#include "domain/ports/store.hpp"
#include "domain/result.hpp"
#include "domain/secret.hpp"

namespace mytoken {

// The data key K of a token family encrypts its refresh token; every mytoken of the family holds K wrapped
// under a key derived from its own JWT and the server pepper (design §4, spec §12.2). So a database copy
// alone cannot unwrap K, and a rotated-away JWT cannot either (its wrap is replaced).
std::string wrap_family_key(const ServerSecret& secret, const Secret& jwt, const MomId& id, const Secret& key);
Result<Secret> unwrap_family_key(const ServerSecret& secret, const Secret& jwt, const MomId& id,
                                 const std::string& wrapped);

std::string seal_refresh_token(const Secret& key, const Secret& refresh_token);
Result<Secret> open_refresh_token(const Secret& key, const std::string& sealed);

// The refresh token of a token's family, opened with that token's JWT: its key wrap, the family key, the
// refresh-token record `rt_id`. An empty Secret if the token has no wrap or the record is gone; an error if
// the JWT cannot unwrap the key (e.g. a rotated-away JWT) or the record does not open.
Result<Secret> open_family_refresh_token(Transaction& tx, const ServerSecret& secret, const Secret& jwt,
                                         const MomId& id, int64_t rt_id);

}  // namespace mytoken
