#pragma once

#include <cstdint>

namespace mytoken {

// providers[].access_token_reuse (docs/access_token_reuse.md): answer an AT request with an access token already
// obtained for the same token family, scopes and audiences while it has at least `min_lifetime` seconds left.
struct AccessTokenReuseOptions {
  bool enabled = false;
  int64_t min_lifetime = 60;
};

}  // namespace mytoken
