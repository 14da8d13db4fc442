#include "service/common/verified_token_cache.hpp"

#include "crypto/hashing.hpp"

namespace mytoken {

VerifiedTokenCache::VerifiedTokenCache(size_t capacity) {
  const size_t per_shard = (capacity + kShards - 1) / kShards;
  for (auto& shard : shards_) shard = std::make_unique<Shard>(per_shard);
}

std::string VerifiedTokenCache::digest(std::string_view jwt) { return sha256(jwt); }

size_t VerifiedTokenCache::size() const {
  size_t total = 0;
  for (const auto& shard : shards_) total += shard->size();
  return total;
}

}  // namespace mytoken
