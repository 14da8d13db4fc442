// The family-key path of src/service/family_key.hpp (wrap/unwrap under a key derived from the JWT and the
// pepper) and ServerSecret::lookup_hash. Baselines: the bare AEAD with a ready key, and a bare keyed BLAKE2b.
#include <benchmark/benchmark.h>
#include <sodium.h>

#include <string>

#include "baseline.hpp"
#include "crypto/server_secret.hpp"
#include "fixtures.hpp"
#include "service/common/service_context.hpp"
#include "service/minting/family_key.hpp"

namespace mytoken::bench {
namespace {

struct FamilyKeyInputs {
  ServerSecret pepper = ServerSecret::from_bytes(std::string(32, '\x5a'));
  Secret jwt = Secret(generate_key(JwsAlg::kES512).sign(kMytokenTyp, sample_payload()));
  MomId id{"q8X1y2Z3w4V5u6T7s8R9p0O1n2M3l4K5j6I7h8G9f0E1d2C3b4A5z6Y7x8W9v0U1t2S3r4Q5p6O7n8M9l0K1jw=="};
  Secret family_key = Secret(std::string(32, '\x42'));
};

void BM_DeriveKey(benchmark::State& state) {
  const FamilyKeyInputs in;
  for (auto _ : state) {
    benchmark::DoNotOptimize(in.pepper.derive_key(purpose::kKeyWrap, in.jwt.reveal()));
  }
}

// Baseline of wrap: seal() alone with an already derived key.
void BM_Seal_ReadyKey(benchmark::State& state) {
  const FamilyKeyInputs in;
  const std::string key = in.pepper.derive_key(purpose::kKeyWrap, in.jwt.reveal());
  for (auto _ : state) {
    benchmark::DoNotOptimize(seal(key, in.family_key.reveal(), in.id.value));
  }
}

void BM_WrapFamilyKey(benchmark::State& state) {
  const FamilyKeyInputs in;
  for (auto _ : state) {
    benchmark::DoNotOptimize(wrap_family_key(in.pepper, in.jwt, in.id, in.family_key));
  }
}

// Baseline of unwrap: open_sealed() alone with an already derived key.
void BM_OpenSealed_ReadyKey(benchmark::State& state) {
  const FamilyKeyInputs in;
  const std::string key = in.pepper.derive_key(purpose::kKeyWrap, in.jwt.reveal());
  const std::string wrapped = seal(key, in.family_key.reveal(), in.id.value);
  for (auto _ : state) {
    benchmark::DoNotOptimize(open_sealed(key, wrapped, in.id.value));
  }
}

void BM_UnwrapFamilyKey(benchmark::State& state) {
  const FamilyKeyInputs in;
  const std::string wrapped = wrap_family_key(in.pepper, in.jwt, in.id, in.family_key);
  const auto probe = unwrap_family_key(in.pepper, in.jwt, in.id, wrapped);
  if (!probe || *probe != in.family_key) state.SkipWithError("unwrap does not give the key back");
  for (auto _ : state) {
    benchmark::DoNotOptimize(unwrap_family_key(in.pepper, in.jwt, in.id, wrapped));
  }
}

constexpr std::string_view kShortToken = "mQ3nV8xK2pL7wR4tY9zB6cF1";  // a short token's text

// Baseline of lookup_hash: keyed BLAKE2b-256 of the same bytes, no message assembly, no base64.
void BM_Blake2b_Bare(benchmark::State& state) {
  if (sodium_init() < 0) state.SkipWithError("libsodium does not initialise");
  const std::string pepper(32, '\x5a');
  const std::string message = std::string(purpose::kShortToken) + '\0' + std::string(kShortToken);
  unsigned char out[32];
  for (auto _ : state) {
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       reinterpret_cast<const unsigned char*>(pepper.data()), pepper.size());
    benchmark::DoNotOptimize(out);
  }
}

void BM_LookupHash(benchmark::State& state) {
  const ServerSecret pepper = ServerSecret::from_bytes(std::string(32, '\x5a'));
  for (auto _ : state) {
    benchmark::DoNotOptimize(pepper.lookup_hash(purpose::kShortToken, kShortToken));
  }
}

BENCHMARK(BM_DeriveKey);
BENCHMARK(BM_Seal_ReadyKey);
BENCHMARK(BM_WrapFamilyKey);
BENCHMARK(BM_OpenSealed_ReadyKey);
BENCHMARK(BM_UnwrapFamilyKey);
BENCHMARK(BM_Blake2b_Bare);
BENCHMARK(BM_LookupHash);

const bool kBaselines[] = {
    compare_with("BM_WrapFamilyKey", "BM_Seal_ReadyKey"),
    compare_with("BM_UnwrapFamilyKey", "BM_OpenSealed_ReadyKey"),
    compare_with("BM_LookupHash", "BM_Blake2b_Bare"),
};

}  // namespace
}  // namespace mytoken::bench
