#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace mytoken {

// An IPv6 address; IPv4 addresses are held IPv4-mapped (::ffff:a.b.c.d), so one CIDR list covers both families.
using IpBytes = std::array<std::uint8_t, 16>;

// Parses "1.2.3.4", "2001:db8::1", "::ffff:1.2.3.4", "[2001:db8::1]" and "fe80::1%eth0" (the zone is dropped).
std::optional<IpBytes> parse_ip(std::string_view text);
// Canonical text: dotted quad for IPv4 and IPv4-mapped addresses, RFC 5952 form for IPv6.
std::string format_ip(const IpBytes& ip);

// The proxies whose X-Forwarded-For is believed (design §4 "Client IP"). Immutable after parse; thread-safe.
class TrustedProxies {
 public:
  TrustedProxies() = default;  // trusts nobody

  // Entries are CIDRs ("10.0.0.0/8", "2001:db8::/32") or single addresses. A CIDR not aligned to its network is
  // normalised to the network (spec §21, item 10). Fails with invalid_request naming the bad entry.
  static Result<TrustedProxies> parse(const std::vector<std::string>& entries);

  bool contains(const IpBytes& ip) const;
  bool empty() const { return networks_.empty(); }

 private:
  struct Network {
    IpBytes address;
    int prefix;  // 0..128, in IPv6 bits
  };
  std::vector<Network> networks_;
};

// The client address of a request that arrived from `peer` (the socket's remote address).
// If the peer is not a trusted proxy, that is the peer. Otherwise the X-Forwarded-For hops (all header values in
// order, joined by ","; empty if absent) are walked from the right, skipping trusted proxies; the first untrusted
// hop is the client. If every hop is trusted, the left-most one is. A hop that is not an IP address (a spoofed or
// broken entry) stops the walk, and the last trusted address seen is returned. The result is canonical text
// (format_ip); an unparsable peer is returned unchanged.
std::string resolve_client_ip(std::string_view peer, std::string_view x_forwarded_for, const TrustedProxies& trusted);

}  // namespace mytoken
