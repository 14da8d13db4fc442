#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Internal to src/domain: the entries of a clause's `hosts` list (spec §6.1, §6.2, §21 item 10).
namespace mytoken::domain_internal {

struct IpAddress {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};  // IPv4 uses the first 4

  int bits() const { return v6 ? 128 : 32; }
  bool operator==(const IpAddress&) const = default;
};

// An IPv4 or IPv6 literal (no zone id); an IPv4-mapped IPv6 address becomes the IPv4 address, so a client seen
// on a dual-stack socket matches IPv4 entries. nullopt if `text` is not an address.
std::optional<IpAddress> parse_ip(std::string_view text);
std::string format_ip(const IpAddress& ip);

struct HostEntry {
  enum class Kind { kIp, kCidr, kName, kWildcard };
  Kind kind = Kind::kName;
  IpAddress ip;      // kIp: the address; kCidr: the network address (host bits cleared)
  int prefix = 0;    // kCidr
  std::string name;  // kName: lower case, no trailing dot; kWildcard: the suffix after "*."
};

// Strict parse of a request value: an IP, a CIDR with a valid prefix length (normalised to its network,
// spec §21 item 10), a host name of valid DNS labels or "*.<host name>". nullopt if invalid.
std::optional<HostEntry> parse_host_entry(std::string_view text);
// Lenient reading of a stored entry (possibly from an older server): never fails; anything that is not an IP
// or CIDR is a name, and a legacy "*suffix" is read as "*.suffix" (whole labels only, spec §21 item 10).
HostEntry interpret_host_entry(std::string_view text);
std::string format_host_entry(const HostEntry& entry);

// Lower case, trailing dot removed: the form host names are compared in.
std::string normalise_host_name(std::string_view name);

// Does `name` (normalised) match a kName/kWildcard entry? A wildcard matches whole labels only:
// "*.example.com" matches "a.example.com", not "example.com" or "evilexample.com".
bool name_matches(const HostEntry& entry, std::string_view name);
// Is `ip` inside a kIp/kCidr entry?
bool ip_matches(const HostEntry& entry, const IpAddress& ip);

}  // namespace mytoken::domain_internal
