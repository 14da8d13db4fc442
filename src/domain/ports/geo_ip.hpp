#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mytoken {

// Country of a client address for `geoip_allow` / `geoip_disallow` restrictions (spec §6.2, §21 item 10).
class GeoIp {
 public:
  GeoIp() = default;
  GeoIp(const GeoIp&) = delete;
  GeoIp& operator=(const GeoIp&) = delete;
  virtual ~GeoIp() = default;
  // ISO-3166 alpha-2 code in upper case, or nullopt if unknown. Thread-safe.
  virtual std::optional<std::string> country_of(std::string_view ip) = 0;
};

}  // namespace mytoken
