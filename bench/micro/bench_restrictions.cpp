// Restriction matching (select_clause) and sub-token derivation (tighten), src/domain/restrictions.hpp, on
// the 3-clause list of fixtures.cpp. No DNS or geo-IP: the environment's lookups are empty (as in tests).
#include <benchmark/benchmark.h>

#include "baseline.hpp"
#include "fixtures.hpp"

namespace mytoken::bench {
namespace {

MatchEnvironment environment() {
  MatchEnvironment env;
  env.usages_of = [](const std::string&) { return UsageCounts{.at = 1, .other = 0}; };
  return env;
}

// An access-token request that only the third clause allows, so all three are evaluated.
UsageRequest request_for_third_clause() {
  return UsageRequest{.kind = UsageRequest::Kind::kAccessToken,
                      .now = kNow,
                      .client_ip = "203.0.113.9",
                      .scopes = {"openid", "storage.write"},
                      .audiences = {"https://storage.example.org"}};
}

void run_select_clause(benchmark::State& state, const Restrictions& restrictions, size_t expected) {
  const MatchEnvironment env = environment();
  const UsageRequest request = request_for_third_clause();
  if (select_clause(restrictions, request, env) != expected) state.SkipWithError("unexpected clause chosen");
  for (auto _ : state) {
    benchmark::DoNotOptimize(select_clause(restrictions, request, env));
  }
}

// Baseline: the matching clause alone (one clause evaluated instead of three).
void BM_SelectClause_OneClause(benchmark::State& state) {
  run_select_clause(state, Restrictions{three_clause_restrictions().at(2)}, 0);
}

void BM_SelectClause_ThreeClauses(benchmark::State& state) { run_select_clause(state, three_clause_restrictions(), 2); }

// Every parent clause requested again, each a little tighter (later nbf, earlier exp, fewer scopes/usages).
Restrictions tighter_request() {
  Restrictions r = three_clause_restrictions();
  for (auto& clause : r) {
    clause.nbf = kNow;
    clause.exp -= 3600;
    clause.scopes.pop_back();
    if (clause.usages_AT) *clause.usages_AT /= 2;
    if (clause.usages_other) *clause.usages_other /= 2;
  }
  return r;
}

void BM_Tighten_ThreeClauses(benchmark::State& state) {
  const Restrictions parent = three_clause_restrictions();
  const Restrictions requested = tighter_request();
  const MatchEnvironment env = environment();
  const Tightened probe = tighten(parent, requested, env);
  if (!probe.ok || probe.restrictions.size() != 3) state.SkipWithError("a requested clause was dropped");
  for (auto _ : state) {
    benchmark::DoNotOptimize(tighten(parent, requested, env));
  }
}

// Baseline: what tighten must do at least, copying the requested clauses into a result.
void BM_Tighten_CopyBaseline(benchmark::State& state) {
  const Restrictions requested = tighter_request();
  for (auto _ : state) {
    Restrictions copy = requested;
    benchmark::DoNotOptimize(copy);
  }
}

BENCHMARK(BM_SelectClause_OneClause);
BENCHMARK(BM_SelectClause_ThreeClauses);
BENCHMARK(BM_Tighten_CopyBaseline);
BENCHMARK(BM_Tighten_ThreeClauses);

const bool kBaselines[] = {
    compare_with("BM_SelectClause_ThreeClauses", "BM_SelectClause_OneClause"),
    compare_with("BM_Tighten_ThreeClauses", "BM_Tighten_CopyBaseline"),
};

}  // namespace
}  // namespace mytoken::bench
