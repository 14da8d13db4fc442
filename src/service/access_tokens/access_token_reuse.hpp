#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/ports/oidc_provider.hpp"
#include "domain/secret.hpp"
#include "util/bounded_lru.hpp"

namespace mytoken {

// What an access token was obtained for: one refresh-token record (= token family) and the exact scopes and
// audiences sent to the OP (order and duplicates do not matter).
struct AccessTokenReuseKey {
  int64_t rt_id = 0;
  std::vector<std::string> scopes;
  std::vector<std::string> audiences;
};

// Access tokens obtained from the OP, kept for reuse (providers[].access_token_reuse, docs/access_token_reuse.md).
// Each is sealed under its family key with the entry's key as associated data, so this memory alone reveals no
// access token and only a request that unwrapped the family key (i.e. holds a valid mytoken of the family) can
// open an entry. Per process, bounded (least recently used go first), thread-safe.
class AccessTokenReuseCache {
 public:
  explicit AccessTokenReuseCache(size_t capacity) : entries_(capacity) {}

  // The cached answer for `key` if it still has at least `min_lifetime` seconds at `now`; its expires_in is what
  // is left. nullopt otherwise (and an expired entry is dropped).
  std::optional<OpTokenResponse> find(const AccessTokenReuseKey& key, const Secret& family_key, int64_t now,
                                      int64_t min_lifetime);
  // Keeps `tokens` (access token, type, scope, lifetime; never the refresh or ID token) if the OP said how long
  // the access token lives.
  void remember(const AccessTokenReuseKey& key, const Secret& family_key, const OpTokenResponse& tokens, int64_t now);

 private:
  struct Entry {
    std::string sealed_access_token;
    std::string token_type;
    std::string scope;
    int64_t expires_at = 0;
  };

  BoundedLru<Entry> entries_;
};

}  // namespace mytoken
