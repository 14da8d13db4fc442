#pragma once

// Pieces of the Prometheus text exposition format 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format).

#include <string>
#include <string_view>
#include <vector>

namespace mytoken::metrics {

// HELP text: backslash and line feed escaped (\\, \n).
std::string escape_help(std::string_view text);
// A label value: backslash, double quote and line feed escaped (\\, \", \n).
std::string escape_label_value(std::string_view value);
// A sample value: integers without exponent or fraction, others in the shortest exact form; +Inf, -Inf, NaN.
std::string format_value(double value);
// `{a="x",b="y"}`, or "" without labels. `extra_name`/`extra_value` (if not empty) come last (a histogram's le).
std::string format_labels(const std::vector<std::string>& names, const std::vector<std::string>& values,
                          std::string_view extra_name = {}, std::string_view extra_value = {});

// [a-zA-Z_:][a-zA-Z0-9_:]* for metric names; label names as well but without ':' and not starting with "__".
bool valid_metric_name(std::string_view name);
bool valid_label_name(std::string_view name);

}  // namespace mytoken::metrics
