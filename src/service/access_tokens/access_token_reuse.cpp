#include "service/access_tokens/access_token_reuse.hpp"

#include <algorithm>

#include "crypto/server_secret.hpp"

namespace mytoken {
namespace {

// Length-prefixed, so no choice of scope or audience strings can make two different requests share a key.
void append_sorted_set(std::string& out, std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  out += std::to_string(items.size()) + ';';
  for (const auto& item : items) out += std::to_string(item.size()) + ':' + item;
}

std::string cache_key(const AccessTokenReuseKey& key) {
  std::string out = std::to_string(key.rt_id) + '|';
  append_sorted_set(out, key.scopes);
  out += '|';
  append_sorted_set(out, key.audiences);
  return out;
}

}  // namespace

std::optional<OpTokenResponse> AccessTokenReuseCache::find(const AccessTokenReuseKey& key, const Secret& family_key,
                                                           int64_t now, int64_t min_lifetime) {
  const std::string k = cache_key(key);
  auto entry = entries_.get(k);
  if (!entry) return std::nullopt;
  if (entry->expires_at - now < std::max<int64_t>(min_lifetime, 1)) {
    if (entry->expires_at <= now) entries_.erase(k);
    return std::nullopt;
  }
  auto access_token = open_sealed(family_key.reveal(), entry->sealed_access_token, k);
  if (!access_token) return std::nullopt;
  OpTokenResponse tokens;
  tokens.access_token = Secret(std::move(*access_token));
  tokens.token_type = entry->token_type;
  tokens.scope = entry->scope;
  tokens.expires_in = entry->expires_at - now;
  return tokens;
}

void AccessTokenReuseCache::remember(const AccessTokenReuseKey& key, const Secret& family_key,
                                     const OpTokenResponse& tokens, int64_t now) {
  if (tokens.expires_in <= 0 || tokens.access_token.empty()) return;
  const std::string k = cache_key(key);
  entries_.put(k, Entry{seal(family_key.reveal(), tokens.access_token.reveal(), k), tokens.token_type, tokens.scope,
                        now + tokens.expires_in});
}

}  // namespace mytoken
