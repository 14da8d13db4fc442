#include "metrics/registry.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "metrics/text_format.hpp"

namespace mytoken::metrics {

struct CallbackSample {
  Labels values;
  std::function<double()> read;
};

struct Registry::Entry {
  std::string name;
  std::string help;
  std::string_view type;  // "counter", "gauge", "histogram"
  std::vector<std::string> label_names;
  std::unique_ptr<Family<Counter>> counters;
  std::unique_ptr<Family<Gauge>> gauges;
  std::unique_ptr<Family<Histogram>> histograms;
  std::vector<CallbackSample> callbacks;

  void render(std::string& out) const;
};

namespace {

void sample_line(std::string& out, std::string_view name, const std::string& labels, double value) {
  out += name;
  out += labels;
  out += ' ';
  out += format_value(value);
  out += '\n';
}

void render_histogram(std::string& out, const std::string& name, const std::vector<std::string>& label_names,
                      const Labels& values, const Histogram& histogram) {
  const auto s = histogram.snapshot();
  for (size_t i = 0; i <= s.bounds.size(); ++i) {
    const std::string le = i < s.bounds.size() ? format_value(s.bounds[i]) : "+Inf";
    sample_line(out, name + "_bucket", format_labels(label_names, values, "le", le),
                static_cast<double>(s.cumulative[i]));
  }
  const std::string labels = format_labels(label_names, values);
  sample_line(out, name + "_sum", labels, s.sum);
  sample_line(out, name + "_count", labels, static_cast<double>(s.cumulative.back()));
}

void check_label_names(const std::vector<std::string>& names, bool histogram) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (!valid_label_name(names[i]) || (histogram && names[i] == "le")) {
      throw std::invalid_argument("metrics: invalid label name '" + names[i] + "'");
    }
    if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) !=
        names.begin() + static_cast<std::ptrdiff_t>(i)) {
      throw std::invalid_argument("metrics: duplicate label name '" + names[i] + "'");
    }
  }
}

}  // namespace

void Registry::Entry::render(std::string& out) const {
  out += "# HELP " + name + ' ' + escape_help(help) + '\n';
  out += "# TYPE " + name + ' ' + std::string(type) + '\n';
  if (counters) {
    counters->for_each([&](const Labels& values, const Counter& c) {
      sample_line(out, name, format_labels(label_names, values), static_cast<double>(c.value()));
    });
  } else if (gauges) {
    gauges->for_each([&](const Labels& values, const Gauge& g) {
      sample_line(out, name, format_labels(label_names, values), g.value());
    });
  } else if (histograms) {
    histograms->for_each(
        [&](const Labels& values, const Histogram& h) { render_histogram(out, name, label_names, values, h); });
  } else {
    for (const auto& sample : callbacks)
      sample_line(out, name, format_labels(label_names, sample.values), sample.read());
  }
}

Registry::Registry() = default;
Registry::~Registry() = default;

Registry::Entry& Registry::add(std::string name, std::string help, std::string_view type,
                               std::vector<std::string> label_names) {
  if (!valid_metric_name(name)) throw std::invalid_argument("metrics: invalid metric name '" + name + "'");
  check_label_names(label_names, type == "histogram");
  const bool taken = std::any_of(entries_.begin(), entries_.end(), [&](const auto& e) { return e->name == name; });
  if (taken) throw std::invalid_argument("metrics: duplicate metric name '" + name + "'");
  auto entry = std::make_unique<Entry>();
  entry->name = std::move(name);
  entry->help = std::move(help);
  entry->type = type;
  entry->label_names = std::move(label_names);
  entries_.push_back(std::move(entry));
  return *entries_.back();
}

Family<Counter>& Registry::counter(std::string name, std::string help, std::vector<std::string> label_names) {
  std::lock_guard lock(mutex_);
  auto& e = add(std::move(name), std::move(help), "counter", std::move(label_names));
  e.counters = std::make_unique<Family<Counter>>(e.label_names, [] { return std::make_unique<Counter>(); });
  return *e.counters;
}

Family<Gauge>& Registry::gauge(std::string name, std::string help, std::vector<std::string> label_names) {
  std::lock_guard lock(mutex_);
  auto& e = add(std::move(name), std::move(help), "gauge", std::move(label_names));
  e.gauges = std::make_unique<Family<Gauge>>(e.label_names, [] { return std::make_unique<Gauge>(); });
  return *e.gauges;
}

Family<Histogram>& Registry::histogram(std::string name, std::string help, std::vector<double> bounds,
                                       std::vector<std::string> label_names) {
  for (size_t i = 0; i < bounds.size(); ++i) {
    if (!std::isfinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
      throw std::invalid_argument("metrics: histogram bounds must be finite and strictly increasing");
    }
  }
  std::lock_guard lock(mutex_);
  auto& e = add(std::move(name), std::move(help), "histogram", std::move(label_names));
  e.histograms = std::make_unique<Family<Histogram>>(
      e.label_names, [b = std::move(bounds)] { return std::make_unique<Histogram>(b); });
  return *e.histograms;
}

void Registry::callback(const std::string& name, const std::string& help, Type type,
                        std::vector<std::string> label_names, Labels values, std::function<double()> read) {
  if (values.size() != label_names.size()) throw std::invalid_argument("metrics: wrong number of label values");
  const std::string_view type_name = type == Type::kCounter ? "counter" : "gauge";
  std::lock_guard lock(mutex_);
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const auto& e) { return e->name == name; });
  Entry* entry = nullptr;
  if (it == entries_.end()) {
    entry = &add(name, help, type_name, std::move(label_names));
  } else {
    entry = it->get();
    const bool same = entry->counters == nullptr && entry->gauges == nullptr && entry->histograms == nullptr &&
                      entry->type == type_name && entry->label_names == label_names;
    if (!same) throw std::invalid_argument("metrics: '" + name + "' registered twice with different shapes");
  }
  entry->callbacks.push_back(CallbackSample{std::move(values), std::move(read)});
}

std::string Registry::render() const {
  std::string out;
  std::lock_guard lock(mutex_);
  for (const auto& entry : entries_) entry->render(out);
  return out;
}

}  // namespace mytoken::metrics
