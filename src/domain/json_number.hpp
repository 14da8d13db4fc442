#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <limits>
#include <optional>

// Internal to src/domain.
namespace mytoken::domain_internal {

// The value as int64 if it is a JSON integer that fits; doubles ("1.0", "1e3") are not integers here.
inline std::optional<int64_t> json_int64(const boost::json::value& v) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return static_cast<int64_t>(v.get_uint64());
  }
  return std::nullopt;
}

}  // namespace mytoken::domain_internal
