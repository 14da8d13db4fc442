#pragma once

#include <map>
#include <string>

// Same-run baselines (issue 3): each benchmark may name the benchmark it is compared with; main() prints the
// ratio of their CPU times per iteration after the normal table. Registered at static-initialisation time.
namespace mytoken::bench {

// Benchmark name -> name of its baseline (both as Google Benchmark prints them, arguments included).
const std::map<std::string, std::string>& baselines();
// Returns true so it can initialise a namespace-scope constant: `const bool k = compare_with("a", "b");`.
bool compare_with(const std::string& benchmark, const std::string& baseline);

}  // namespace mytoken::bench
