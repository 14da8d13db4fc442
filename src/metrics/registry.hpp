#pragma once

// A small Prometheus registry: families of counters, gauges and histograms with fixed label names, plus
// callback samples for values kept elsewhere (atomics owned by other layers), rendered in the text exposition
// format 0.0.4. Why not prometheus-cpp: docs/decisions.md.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/metrics.hpp"

namespace mytoken::metrics {

using Labels = std::vector<std::string>;  // label values, in the order of the family's label names

// One metric family: a name, HELP text, label names and one child per label-value combination. Children live as
// long as the family and never move, so a reference from with() may be kept and used without any lock.
// Thread-safe.
template <class T>
class Family {
 public:
  Family(std::vector<std::string> label_names, std::function<std::unique_ptr<T>()> make)
      : label_names_(std::move(label_names)), make_(std::move(make)) {}

  // The child for `values` (created on first use). Takes a lock: resolve once, keep the reference.
  // Throws std::invalid_argument if the number of values differs from the number of label names.
  T& with(const Labels& values);

  const std::vector<std::string>& label_names() const { return label_names_; }
  // Calls f(values, child) for each child in label order, under the family's lock.
  template <class F>
  void for_each(F&& f) const {
    std::lock_guard lock(mutex_);
    for (const auto& [values, child] : children_) f(values, *child);
  }

 private:
  const std::vector<std::string> label_names_;
  const std::function<std::unique_ptr<T>()> make_;
  mutable std::mutex mutex_;
  std::map<Labels, std::unique_ptr<T>> children_;  // guarded by mutex_
};

template <class T>
T& Family<T>::with(const Labels& values) {
  if (values.size() != label_names_.size()) throw std::invalid_argument("metrics: wrong number of label values");
  std::lock_guard lock(mutex_);
  auto& slot = children_[values];
  if (!slot) slot = make_();
  return *slot;
}

// The registry of one process. Registration (counter(), gauge(), histogram(), callback()) normally happens at
// start-up; it throws std::invalid_argument for an invalid or duplicate name or label name (a programmer error).
// render() may run concurrently with updates and registrations. Families are kept for the registry's lifetime.
class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // `name` of a counter should end in _total (Prometheus naming); it is used exactly as given.
  Family<Counter>& counter(std::string name, std::string help, std::vector<std::string> label_names = {});
  Family<Gauge>& gauge(std::string name, std::string help, std::vector<std::string> label_names = {});
  // `bounds`: strictly increasing finite upper bounds; label name "le" is reserved.
  Family<Histogram>& histogram(std::string name, std::string help, std::vector<double> bounds,
                               std::vector<std::string> label_names = {});

  enum class Type { kCounter, kGauge };
  // A sample whose value `read` returns at scrape time (it runs under the registry's lock: keep it cheap and
  // never call back into the registry). Several calls with the same name add samples to one family; type, help
  // and label names must then agree.
  void callback(const std::string& name, const std::string& help, Type type, std::vector<std::string> label_names,
                Labels values, std::function<double()> read);

  // The text exposition format 0.0.4 (Content-Type: text/plain; version=0.0.4), families in registration order.
  std::string render() const;

 private:
  struct Entry;
  Entry& add(std::string name, std::string help, std::string_view type, std::vector<std::string> label_names);

  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Entry>> entries_;  // guarded by mutex_
};

// The Content-Type of render()'s output.
inline constexpr std::string_view kTextFormatContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace mytoken::metrics
