// parse_restriction_time (declared in restrictions.hpp): the time forms a client may send for nbf/exp.
#include <charconv>
#include <chrono>
#include <cstdint>
#include <limits>
#include <string_view>

#include "domain/json_number.hpp"
#include "domain/restrictions.hpp"

namespace mytoken {
namespace {

using Int128 = __int128;  // durations are summed in nanoseconds; "+200y" already exceeds int64 nanoseconds
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<int64_t> to_int64(std::string_view s) {
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// Units of spec §6.1: ns, us/µs (also the Greek μ Go accepts), ms, s, m, h, d = 24h, w = 7d, y = 365d.
// Longer spellings first so "ms" is not read as "m" followed by "s".
struct Unit {
  std::string_view name;
  int64_t nanoseconds;
};
constexpr Unit kUnits[] = {
    {"ns", 1},
    {"us", 1'000},
    {"\xc2\xb5s", 1'000},  // U+00B5 micro sign
    {"\xce\xbcs", 1'000},  // U+03BC Greek mu
    {"ms", 1'000'000},
    {"s", 1'000'000'000},
    {"m", 60'000'000'000},
    {"h", 3'600'000'000'000},
    {"d", 86'400'000'000'000},
    {"w", 604'800'000'000'000},
    {"y", 31'536'000'000'000'000},
};

// "1d12h", "1.5h", "90m30s": one or more <number>[.<fraction>]<unit>. Result in whole seconds (truncated).
std::optional<int64_t> parse_duration_seconds(std::string_view s) {
  if (s.empty()) return std::nullopt;
  Int128 total_ns = 0;
  while (!s.empty()) {
    size_t i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    const std::string_view whole = s.substr(0, i);
    std::string_view fraction;
    if (i < s.size() && s[i] == '.') {
      const size_t start = ++i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
      fraction = s.substr(start, i - start);
    }
    if ((whole.empty() && fraction.empty()) || whole.size() > 18 || fraction.size() > 18) return std::nullopt;
    s.remove_prefix(i);
    const Unit* unit = nullptr;
    for (const auto& u : kUnits) {
      if (s.starts_with(u.name)) {
        unit = &u;
        break;
      }
    }
    if (unit == nullptr) return std::nullopt;
    s.remove_prefix(unit->name.size());
    Int128 scale = 1;
    for (size_t k = 0; k < fraction.size(); ++k) scale *= 10;
    total_ns += Int128{whole.empty() ? 0 : *to_int64(whole)} * unit->nanoseconds;
    if (!fraction.empty()) total_ns += Int128{*to_int64(fraction)} * unit->nanoseconds / scale;
    if (total_ns > Int128{kMax} * 1'000'000'000) return std::nullopt;
  }
  return static_cast<int64_t>(total_ns / 1'000'000'000);
}

// "YYYY-MM-DD HH:MM". Spec §6.1 says server-local time; we read it as UTC so the result does not depend on the
// host's time zone (the domain is pure) and is the same on every instance of a cluster.
std::optional<int64_t> parse_utc_minute(std::string_view s) {
  if (s.size() != 16 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':') return std::nullopt;
  const auto field = [&](size_t pos, size_t len) -> std::optional<int64_t> {
    const auto part = s.substr(pos, len);
    return all_digits(part) ? to_int64(part) : std::nullopt;
  };
  const auto y = field(0, 4), mo = field(5, 2), d = field(8, 2), h = field(11, 2), mi = field(14, 2);
  if (!y || !mo || !d || !h || !mi || *h > 23 || *mi > 59) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{static_cast<int>(*y)},
                                         std::chrono::month{static_cast<unsigned>(*mo)},
                                         std::chrono::day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  const int64_t days = std::chrono::sys_days{date}.time_since_epoch().count();
  const int64_t t = days * 86'400 + *h * 3'600 + *mi * 60;
  if (t < 0) return std::nullopt;
  return t;
}

ApiError bad_time() {
  return ApiError::invalid_request(
      "expected a unix time, \"+<seconds>\", \"+<duration>\" (e.g. \"+1d12h\") or \"YYYY-MM-DD HH:MM\" (UTC)");
}

}  // namespace

Result<int64_t> parse_restriction_time(const boost::json::value& json, int64_t now) {
  if (const auto v = domain_internal::json_int64(json)) {
    if (*v < 0) return bad_time();
    return *v;
  }
  if (!json.is_string()) return bad_time();
  const std::string_view s = json.get_string();
  if (all_digits(s)) {
    const auto v = to_int64(s);
    if (!v) return bad_time();
    return *v;
  }
  if (s.starts_with("+")) {
    const std::string_view rest = s.substr(1);
    const auto seconds = all_digits(rest) ? to_int64(rest) : parse_duration_seconds(rest);
    if (!seconds || *seconds > kMax - now) return bad_time();
    return now + *seconds;
  }
  if (const auto t = parse_utc_minute(s)) return *t;
  return bad_time();
}

}  // namespace mytoken
