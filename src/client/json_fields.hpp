#pragma once

#include <algorithm>
#include <boost/json/object.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

namespace mytoken::client {

// A numeric member of a server answer as an integer; 0 if absent or not a number. Lenient on purpose: the
// client shows what a server sent and must not fail on an unexpected number type.
inline int64_t int_member(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return 0;
  if (v->is_int64()) return v->get_int64();
  constexpr auto kMax = std::numeric_limits<int64_t>::max();
  if (v->is_uint64()) return static_cast<int64_t>(std::min<uint64_t>(v->get_uint64(), kMax));
  if (v->is_double()) {
    // Converting NaN (Boost.JSON 1.81 reads "0e310" as NaN) or a double outside int64's range is undefined
    // behaviour (found by fuzz_client_response).
    const double d = v->get_double();
    return std::isnan(d) ? 0 : static_cast<int64_t>(std::clamp(d, -9.2e18, 9.2e18));
  }
  return 0;
}

}  // namespace mytoken::client
