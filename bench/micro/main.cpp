// micro_benchmarks: Google Benchmark's usual console table, followed by the ratio of every benchmark to its
// same-run baseline (see baseline.hpp). All Google Benchmark flags work (--benchmark_filter, ..._min_time).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "baseline.hpp"

namespace {

// Remembers the CPU time per iteration of every plain run while the console reporter prints as usual.
class RecordingReporter : public benchmark::ConsoleReporter {
 public:
  // Colour only on a terminal, so a redirected table stays plain text.
  RecordingReporter() : ConsoleReporter(isatty(fileno(stdout)) ? OO_ColorTabular : OO_Tabular) {}

  // With --benchmark_repetitions the mean of the repetitions counts, else the single run.
  void ReportRuns(const std::vector<Run>& reports) override {
    for (const auto& run : reports) {
      if (run.error_occurred) continue;
      const double ns = run.GetAdjustedCPUTime() / benchmark::GetTimeUnitMultiplier(run.time_unit) * 1e9;
      const std::string name = run.run_name.str();
      if (run.run_type == Run::RT_Aggregate && run.aggregate_name == "mean") {
        cpu_ns_[name] = ns;
        from_mean_.insert(name);
      } else if (run.run_type == Run::RT_Iteration && !from_mean_.contains(name)) {
        cpu_ns_[name] = ns;
      }
    }
    ConsoleReporter::ReportRuns(reports);
  }
  const std::map<std::string, double>& cpu_ns() const { return cpu_ns_; }

 private:
  std::map<std::string, double> cpu_ns_;
  std::set<std::string> from_mean_;
};

void print_ratios(const std::map<std::string, double>& cpu_ns) {
  bool header = false;
  for (const auto& [name, baseline] : mytoken::bench::baselines()) {
    const auto it = cpu_ns.find(name);
    const auto base = cpu_ns.find(baseline);
    if (it == cpu_ns.end() || base == cpu_ns.end() || base->second <= 0) continue;  // filtered out
    if (!header) {
      std::printf("\n%-44s %-40s %8s\n", "Benchmark", "same-run baseline", "CPU x");
      std::printf("%s\n", std::string(94, '-').c_str());
      header = true;
    }
    std::printf("%-44s %-40s %8.2f\n", name.c_str(), baseline.c_str(), it->second / base->second);
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RecordingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  print_ratios(reporter.cpu_ns());
  benchmark::Shutdown();
  return 0;
}
