#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "domain/ports/geo_ip.hpp"
#include "domain/result.hpp"

namespace mytoken {

struct GeoIpOptions {
  std::filesystem::path db_file;  // a MaxMind DB (.mmdb) with country.iso_code; empty = no database
  std::string home_country;       // for private, loopback and link-local addresses; "" = unknown
  std::chrono::seconds cache_ttl{3600};
  size_t cache_entries = 4096;
};

// Geo-IP over libmaxminddb (spec §21 item 10: a configured .mmdb instead of upstream's IP2Location file).
// Addresses that never appear in a public database (RFC 1918, loopback, link-local, CGNAT, ULA) are the
// configured home country: upstream asks a "what is my IP" service at start-up, we ask the operator.
// Failure (start-up): the file cannot be opened or is not a MaxMind DB (invalid_request naming the file).
Result<std::unique_ptr<GeoIp>> open_maxmind_geoip(const GeoIpOptions& options);

// Is `ip` an address of a private, loopback, link-local or shared (CGNAT) range? False for non-addresses.
bool is_non_public_address(std::string_view ip);

}  // namespace mytoken
