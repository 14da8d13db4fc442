#include "net/maxmind_geoip.hpp"

#include <arpa/inet.h>
#include <maxminddb.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string_view>

#include "net/lookup_cache.hpp"
#include "util/strings.hpp"

namespace mytoken {
namespace {

struct Range {
  std::array<uint8_t, 16> prefix;
  int bits;
};

bool in_range(const uint8_t* address, const Range& range) {
  for (int i = 0; i < range.bits; ++i) {
    const uint8_t mask = static_cast<uint8_t>(0x80 >> (i % 8));
    if ((address[i / 8] & mask) != (range.prefix[static_cast<size_t>(i / 8)] & mask)) return false;
  }
  return true;
}

constexpr Range kV4Ranges[] = {
    {{10}, 8},         // RFC 1918
    {{172, 16}, 12},   // RFC 1918
    {{192, 168}, 16},  // RFC 1918
    {{127}, 8},        // loopback
    {{169, 254}, 16},  // link-local
    {{100, 64}, 10},   // RFC 6598 shared address space (CGNAT)
};
constexpr Range kV6Ranges[] = {
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128},  // ::1
    {{0xfc}, 7},                                              // unique local
    {{0xfe, 0x80}, 10},                                       // link-local
};

std::optional<std::string> country_code(const char* text, size_t size) {
  if (size != 2) return std::nullopt;
  const std::string_view code(text, size);
  if (!std::all_of(code.begin(), code.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) {
    return std::nullopt;
  }
  return ascii_upper(code);
}

class MaxmindGeoIp final : public GeoIp {
 public:
  explicit MaxmindGeoIp(const GeoIpOptions& options)
      : home_country_(options.home_country),
        cache_(options.cache_entries,
               std::chrono::duration_cast<std::chrono::steady_clock::duration>(options.cache_ttl)) {}
  ~MaxmindGeoIp() override {
    if (open_) MMDB_close(&db_);
  }

  Result<void> open(const std::filesystem::path& file) {
    const int status = MMDB_open(file.c_str(), MMDB_MODE_MMAP, &db_);
    if (status != MMDB_SUCCESS) {
      return ApiError::invalid_request("geo-IP database " + file.string() + ": " + MMDB_strerror(status));
    }
    open_ = true;
    return {};
  }

  std::optional<std::string> country_of(std::string_view ip) override {
    const std::string key(ip);
    return cache_.get(key, [&] { return lookup(key); });
  }

 private:
  std::optional<std::string> lookup(const std::string& ip) {
    if (is_non_public_address(ip)) {
      if (home_country_.empty()) return std::nullopt;
      return home_country_;
    }
    if (!open_) return std::nullopt;
    int gai_error = 0, mmdb_error = MMDB_SUCCESS;
    // MMDB_s is read-only after MMDB_open, so concurrent lookups are safe (libmaxminddb documentation).
    MMDB_lookup_result_s result = MMDB_lookup_string(&db_, ip.c_str(), &gai_error, &mmdb_error);
    if (gai_error != 0 || mmdb_error != MMDB_SUCCESS || !result.found_entry) return std::nullopt;
    // Where a user is (country) before where the address block is registered (registered_country).
    for (const char* field : {"country", "registered_country"}) {
      MMDB_entry_data_s data{};
      if (MMDB_get_value(&result.entry, &data, field, "iso_code", nullptr) != MMDB_SUCCESS) continue;
      if (data.has_data && data.type == MMDB_DATA_TYPE_UTF8_STRING) {
        if (auto code = country_code(data.utf8_string, data.data_size)) return code;
      }
    }
    return std::nullopt;
  }

  std::string home_country_;
  MMDB_s db_{};
  bool open_ = false;
  net_internal::LookupCache<std::optional<std::string>> cache_;
};

}  // namespace

bool is_non_public_address(std::string_view ip) {
  const std::string text(ip);
  std::array<uint8_t, 16> bytes{};
  if (inet_pton(AF_INET, text.c_str(), bytes.data()) == 1) {
    return std::any_of(std::begin(kV4Ranges), std::end(kV4Ranges),
                       [&](const Range& r) { return in_range(bytes.data(), r); });
  }
  if (inet_pton(AF_INET6, text.c_str(), bytes.data()) != 1) return false;
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::equal(std::begin(kMapped), std::end(kMapped), bytes.begin())) {  // ::ffff:a.b.c.d
    return std::any_of(std::begin(kV4Ranges), std::end(kV4Ranges),
                       [&](const Range& r) { return in_range(bytes.data() + 12, r); });
  }
  return std::any_of(std::begin(kV6Ranges), std::end(kV6Ranges),
                     [&](const Range& r) { return in_range(bytes.data(), r); });
}

Result<std::unique_ptr<GeoIp>> open_maxmind_geoip(const GeoIpOptions& options) {
  if (!options.home_country.empty() && !country_code(options.home_country.data(), options.home_country.size())) {
    return ApiError::invalid_request("home country '" + options.home_country + "' is not a two-letter code");
  }
  GeoIpOptions normalised = options;
  if (!options.home_country.empty()) normalised.home_country = *country_code(options.home_country.data(), 2);
  auto geo = std::make_unique<MaxmindGeoIp>(normalised);
  if (!options.db_file.empty()) {
    if (auto r = geo->open(options.db_file); !r) return r.error();
  }
  return std::unique_ptr<GeoIp>(std::move(geo));
}

}  // namespace mytoken
