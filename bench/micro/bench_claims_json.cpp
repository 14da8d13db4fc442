// Mytoken claims JSON encode (claims_to_json + serialize_jwt_payload) and decode (parse + claims_from_json),
// src/domain/mytoken_claims.hpp. Baselines: Boost.JSON's own serialize and a bare parse of the same bytes.
#include <benchmark/benchmark.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "baseline.hpp"
#include "fixtures.hpp"

namespace mytoken::bench {
namespace {

void BM_ClaimsToJson(benchmark::State& state) {
  const MytokenClaims claims = sample_claims();
  for (auto _ : state) {
    benchmark::DoNotOptimize(claims_to_json(claims));
  }
}

// Baseline of encode: the same object tree, serialised by boost::json::serialize (no ASCII escaping).
void BM_ClaimsEncode_BoostSerialize(benchmark::State& state) {
  const MytokenClaims claims = sample_claims();
  for (auto _ : state) {
    benchmark::DoNotOptimize(boost::json::serialize(claims_to_json(claims)));
  }
}

void BM_ClaimsEncode(benchmark::State& state) {
  const MytokenClaims claims = sample_claims();
  state.counters["payload_bytes"] = static_cast<double>(sample_payload().size());
  for (auto _ : state) {
    benchmark::DoNotOptimize(serialize_jwt_payload(claims_to_json(claims)));
  }
}

// Baseline of decode: parsing the bytes into a boost::json::value, nothing more.
void BM_ClaimsDecode_BareParse(benchmark::State& state) {
  const std::string payload = sample_payload();
  for (auto _ : state) {
    benchmark::DoNotOptimize(boost::json::parse(payload));
  }
}

void BM_ClaimsDecode(benchmark::State& state) {
  const std::string payload = sample_payload();
  const auto probe = claims_from_json(boost::json::parse(payload).as_object());
  if (!probe || probe->restrictions != three_clause_restrictions()) state.SkipWithError("round trip differs");
  for (auto _ : state) {
    const boost::json::value json = boost::json::parse(payload);
    benchmark::DoNotOptimize(claims_from_json(json.as_object()));
  }
}

BENCHMARK(BM_ClaimsToJson);
BENCHMARK(BM_ClaimsEncode_BoostSerialize);
BENCHMARK(BM_ClaimsEncode);
BENCHMARK(BM_ClaimsDecode_BareParse);
BENCHMARK(BM_ClaimsDecode);

const bool kBaselines[] = {
    compare_with("BM_ClaimsEncode", "BM_ClaimsEncode_BoostSerialize"),
    compare_with("BM_ClaimsDecode", "BM_ClaimsDecode_BareParse"),
};

}  // namespace
}  // namespace mytoken::bench
