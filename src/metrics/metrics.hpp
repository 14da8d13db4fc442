#pragma once

// The instruments of a metrics registry (registry.hpp). No project vocabulary: what is counted is up to the caller.
// Hot-path cost: one relaxed atomic add per update (a histogram also scans its few bucket bounds). A caller
// resolves its label set once (Family::with) and keeps the returned reference.

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace mytoken::metrics {

// A monotonically increasing count. Thread-safe.
class Counter {
 public:
  void inc(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

// A value that goes up and down. Thread-safe.
class Gauge {
 public:
  void set(double v) { value_.store(v, std::memory_order_relaxed); }
  void add(double v) { value_.fetch_add(v, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Observations counted into fixed buckets (Prometheus' cumulative `le` buckets are computed when rendered).
// Thread-safe. A scrape during updates may see a bucket count and the sum from slightly different moments, as
// with every lock-free client library; _count is always the sum of the buckets.
class Histogram {
 public:
  // `bounds`: the finite upper bounds, strictly increasing (checked by the registry); +Inf is implicit.
  explicit Histogram(std::vector<double> bounds);

  void observe(double v);

  struct Snapshot {
    std::vector<double> bounds;        // finite upper bounds
    std::vector<uint64_t> cumulative;  // bounds.size() + 1 entries, the last one is +Inf (= count)
    double sum = 0;
  };
  Snapshot snapshot() const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;  // per bucket, not cumulative; bounds_.size() + 1
  std::atomic<double> sum_{0};
};

// Default latency buckets in seconds: 1 ms … 10 s.
std::vector<double> latency_buckets();

}  // namespace mytoken::metrics
