#pragma once

#include <string>

#include "crypto/server_secret.hpp"
#include "domain/mom_id.hpp"
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

}  // namespace mytoken
