// JWS sign/verify (src/crypto/jws.hpp). Baseline of every algorithm: ES256 on the same payload.
#include <benchmark/benchmark.h>

#include <string>

#include "baseline.hpp"
#include "fixtures.hpp"

namespace mytoken::bench {
namespace {

constexpr std::string_view kSmallPayload = R"({"sub":"bench","iat":1767225600})";

void BM_Sign(benchmark::State& state, JwsAlg alg) {
  const SigningKey key = generate_key(alg);
  for (auto _ : state) {
    benchmark::DoNotOptimize(key.sign(kMytokenTyp, kSmallPayload));
  }
}

void BM_Verify(benchmark::State& state, JwsAlg alg) {
  const SigningKey key = generate_key(alg);
  const std::string jws = key.sign(kMytokenTyp, kSmallPayload);
  if (!key.verify(jws, kMytokenTyp)) state.SkipWithError("own signature does not verify");
  for (auto _ : state) {
    benchmark::DoNotOptimize(key.verify(jws, kMytokenTyp));
  }
}

// The server's hot path: a presented mytoken (full payload, default alg ES512, typ MT+JWT).
void BM_VerifyMytoken(benchmark::State& state, JwsAlg alg) {
  const SigningKey key = generate_key(alg);
  const std::string jws = key.sign(kMytokenTyp, sample_payload());
  if (!key.verify(jws, kMytokenTyp)) state.SkipWithError("own signature does not verify");
  state.counters["jws_bytes"] = static_cast<double>(jws.size());
  for (auto _ : state) {
    benchmark::DoNotOptimize(key.verify(jws, kMytokenTyp));
  }
}

BENCHMARK_CAPTURE(BM_Sign, ES256, JwsAlg::kES256);
BENCHMARK_CAPTURE(BM_Sign, ES512, JwsAlg::kES512);
BENCHMARK_CAPTURE(BM_Sign, EdDSA, JwsAlg::kEdDSA);
BENCHMARK_CAPTURE(BM_Verify, ES256, JwsAlg::kES256);
BENCHMARK_CAPTURE(BM_Verify, ES512, JwsAlg::kES512);
BENCHMARK_CAPTURE(BM_Verify, EdDSA, JwsAlg::kEdDSA);
BENCHMARK_CAPTURE(BM_VerifyMytoken, ES512, JwsAlg::kES512);
BENCHMARK_CAPTURE(BM_VerifyMytoken, EdDSA, JwsAlg::kEdDSA);

const bool kBaselines[] = {
    compare_with("BM_Sign/ES512", "BM_Sign/ES256"),
    compare_with("BM_Sign/EdDSA", "BM_Sign/ES256"),
    compare_with("BM_Verify/ES512", "BM_Verify/ES256"),
    compare_with("BM_Verify/EdDSA", "BM_Verify/ES256"),
    // The payload's share: the same key verifying a 33-byte payload.
    compare_with("BM_VerifyMytoken/ES512", "BM_Verify/ES512"),
    compare_with("BM_VerifyMytoken/EdDSA", "BM_Verify/EdDSA"),
};

}  // namespace
}  // namespace mytoken::bench
