#include "http/client_ip.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace mytoken {
namespace {

constexpr IpBytes kMappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0};

bool is_v4_mapped(const IpBytes& ip) { return std::equal(ip.begin(), ip.begin() + 12, kMappedPrefix.begin()); }

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// Parses one X-Forwarded-For hop: an address, optionally with a port ("1.2.3.4:80", "[::1]:80").
std::optional<IpBytes> parse_hop(std::string_view hop) {
  if (auto ip = parse_ip(hop)) return ip;
  if (!hop.empty() && hop.front() == '[') {
    const auto close = hop.find(']');
    if (close != std::string_view::npos) return parse_ip(hop.substr(1, close - 1));
  }
  const auto colon = hop.find(':');
  if (colon != std::string_view::npos && hop.find(':', colon + 1) == std::string_view::npos) {
    return parse_ip(hop.substr(0, colon));  // IPv4 with port
  }
  return std::nullopt;
}

bool in_network(const IpBytes& ip, const IpBytes& network, int prefix) {
  const int full_bytes = prefix / 8;
  if (!std::equal(ip.begin(), ip.begin() + full_bytes, network.begin())) return false;
  const int rest = prefix % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (ip[full_bytes] & mask) == (network[full_bytes] & mask);
}

}  // namespace

std::optional<IpBytes> parse_ip(std::string_view text) {
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  if (const auto zone = text.find('%'); zone != std::string_view::npos) text = text.substr(0, zone);
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  char buffer[INET6_ADDRSTRLEN] = {};
  std::memcpy(buffer, text.data(), text.size());
  IpBytes ip = kMappedPrefix;
  if (text.find(':') == std::string_view::npos) {
    if (inet_pton(AF_INET, buffer, ip.data() + 12) != 1) return std::nullopt;
  } else if (inet_pton(AF_INET6, buffer, ip.data()) != 1) {
    return std::nullopt;
  }
  return ip;
}

std::string format_ip(const IpBytes& ip) {
  char buffer[INET6_ADDRSTRLEN] = {};
  if (is_v4_mapped(ip)) {
    inet_ntop(AF_INET, ip.data() + 12, buffer, sizeof buffer);
  } else {
    inet_ntop(AF_INET6, ip.data(), buffer, sizeof buffer);
  }
  return buffer;
}

Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& entries) {
  TrustedProxies proxies;
  for (const auto& entry : entries) {
    const auto invalid = [&] { return ApiError::invalid_request("invalid trusted proxy entry '" + entry + "'"); };
    const std::string_view text = trim(entry);
    const auto slash = text.find('/');
    const auto ip = parse_ip(text.substr(0, slash));
    if (!ip) return invalid();
    const bool v4 = text.substr(0, slash).find(':') == std::string_view::npos;
    int prefix = 128;
    if (slash != std::string_view::npos) {
      const auto bits = text.substr(slash + 1);
      int value = -1;
      const auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), value);
      if (ec != std::errc{} || end != bits.data() + bits.size() || bits.empty() || value < 0 ||
          value > (v4 ? 32 : 128)) {
        return invalid();
      }
      prefix = v4 ? value + 96 : value;
    }
    Network network{*ip, prefix};
    for (int bit = prefix; bit < 128; ++bit) {  // normalise to the network address
      network.address[bit / 8] &= static_cast<std::uint8_t>(~(0x80 >> (bit % 8)));
    }
    proxies.networks_.push_back(network);
  }
  return proxies;
}

bool TrustedProxies::contains(const IpBytes& ip) const {
  for (const auto& network : networks_) {
    if (in_network(ip, network.address, network.prefix)) return true;
  }
  return false;
}

std::string resolve_client_ip(std::string_view peer, std::string_view x_forwarded_for, const TrustedProxies& trusted) {
  const auto peer_ip = parse_ip(peer);
  if (!peer_ip) return std::string{peer};
  if (!trusted.contains(*peer_ip)) return format_ip(*peer_ip);
  IpBytes client = *peer_ip;
  while (!x_forwarded_for.empty()) {
    const auto comma = x_forwarded_for.rfind(',');
    const auto hop_text = trim(comma == std::string_view::npos ? x_forwarded_for : x_forwarded_for.substr(comma + 1));
    x_forwarded_for = comma == std::string_view::npos ? std::string_view{} : x_forwarded_for.substr(0, comma);
    if (hop_text.empty()) continue;  // "a,,b": empty list elements are allowed by RFC 9110
    const auto hop = parse_hop(hop_text);
    if (!hop) break;
    client = *hop;
    if (!trusted.contains(*hop)) break;
  }
  return format_ip(client);
}

}  // namespace mytoken
