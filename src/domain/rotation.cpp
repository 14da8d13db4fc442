#include "domain/rotation.hpp"

#include <boost/json/object.hpp>
#include <string>

#include "domain/json_number.hpp"

namespace mytoken {

Result<std::optional<Rotation>> parse_rotation(const boost::json::value& json) {
  if (json.is_null()) return std::optional<Rotation>{};
  if (!json.is_object()) return ApiError::invalid_request("rotation must be an object");
  Rotation r;
  for (const auto& member : json.get_object()) {
    const std::string_view key = member.key();
    const auto& v = member.value();
    if (key == "on_AT" || key == "on_other" || key == "auto_revoke") {
      if (!v.is_bool()) return ApiError::invalid_request("rotation '" + std::string(key) + "' must be a boolean");
      (key == "on_AT" ? r.on_AT : key == "on_other" ? r.on_other : r.auto_revoke) = v.get_bool();
    } else if (key == "lifetime") {
      const auto n = domain_internal::json_int64(v);
      if (!n || *n < 0) return ApiError::invalid_request("rotation 'lifetime' must be a non-negative integer");
      r.lifetime = *n;
    }
    // Other keys (`include` templates) are ignored (spec §9).
  }
  return std::optional<Rotation>{r};
}

boost::json::object rotation_to_json(const Rotation& r) {
  boost::json::object o;
  if (r.on_AT) o["on_AT"] = true;
  if (r.on_other) o["on_other"] = true;
  if (r.lifetime != 0) o["lifetime"] = r.lifetime;
  if (r.auto_revoke) o["auto_revoke"] = true;
  return o;
}

}  // namespace mytoken
