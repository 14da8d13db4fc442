#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "domain/mom_id.hpp"
#include "domain/mytoken_claims.hpp"
#include "domain/result.hpp"
#include "util/bounded_lru.hpp"

namespace mytoken {

// Mytoken JWTs whose signature this server has verified, keyed by SHA-256 of their bytes: a token presented
// again skips the signature check and the claims decoding (ES512 verification is ~0.5 ms, most of a token-local
// request). Only the signature work is cached: the time claims, the database row (revocation, rotation) and
// everything else are still checked on every use. Equal digests mean equal bytes, so an entry can never vouch
// for a token it was not computed from. Bounded; thread-safe.
class VerifiedTokenCache {
 public:
  struct Entry {
    MytokenClaims claims;
    MomId mom_id;
  };

  explicit VerifiedTokenCache(size_t capacity);

  // The cached entry of `jwt`, or else verify() (→ Result<Entry>), remembered only when it succeeds. An entry
  // made under another `key_generation` (SigningKeyRing::generation) is verified again: its key may be retired.
  template <class Verify>
  Result<Entry> get_or_verify(std::string_view jwt, uint64_t key_generation, Verify&& verify) {
    const std::string key = digest(jwt);
    auto& shard = shard_of(key);
    if (auto hit = shard.get(key); hit && (*hit)->key_generation == key_generation) return (*hit)->entry;
    auto verified = verify();
    if (verified) shard.put(key, std::make_shared<const Cached>(Cached{*verified, key_generation}));
    return verified;
  }

  size_t size() const;

 private:
  static constexpr size_t kShards = 16;  // spreads the lock of a hot cache over the worker threads
  struct Cached {
    Entry entry;
    uint64_t key_generation;
  };
  using Shard = BoundedLru<std::shared_ptr<const Cached>>;

  static std::string digest(std::string_view jwt);
  Shard& shard_of(const std::string& key) { return *shards_[static_cast<unsigned char>(key[0]) % kShards]; }

  std::array<std::unique_ptr<Shard>, kShards> shards_;
};

}  // namespace mytoken
