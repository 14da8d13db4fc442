#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>

#include "domain/result.hpp"

namespace mytoken {

// Token rotation policy (spec §9).
struct Rotation {
  bool on_AT = false;  // NOLINT(readability-identifier-naming): wire name
  bool on_other = false;
  int64_t lifetime = 0;  // seconds; 0 = none
  bool auto_revoke = false;

  bool empty() const { return !on_AT && !on_other && lifetime == 0 && !auto_revoke; }
  bool operator==(const Rotation&) const = default;
};

// Parses a request's `rotation` (object or null). null → nullopt; an object → a Rotation, which may be empty()
// (unknown members such as `include` are ignored). Wrong types → 400 invalid_request.
Result<std::optional<Rotation>> parse_rotation(const boost::json::value& json);
boost::json::object rotation_to_json(const Rotation& r);  // false/0 members omitted

}  // namespace mytoken
