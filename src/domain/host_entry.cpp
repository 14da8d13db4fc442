#include "domain/host_entry.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>

#include "util/strings.hpp"

namespace mytoken::domain_internal {
namespace {

// RFC 1123 labels: letters, digits, '-', not at either end, 1–63 characters; at most 253 in all. The last
// label must not be all digits, so that a malformed IP ("300.1.1.1") is not accepted as a name.
bool is_valid_host_name(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  size_t start = 0;
  bool last_all_digits = false;
  while (start <= name.size()) {
    const size_t dot = std::min(name.find('.', start), name.size());
    const std::string_view label = name.substr(start, dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    last_all_digits = true;
    for (const char c : label) {
      const auto u = static_cast<unsigned char>(c);
      if (!std::isalnum(u) && c != '-') return false;
      if (!std::isdigit(u)) last_all_digits = false;
    }
    start = dot + 1;
  }
  return !last_all_digits;
}

void clear_host_bits(IpAddress& ip, int prefix) {
  for (int i = 0; i < 16; ++i) {
    const int keep = std::clamp(prefix - 8 * i, 0, 8);
    ip.bytes[static_cast<size_t>(i)] &= static_cast<uint8_t>(0xff00 >> keep);
  }
}

std::optional<HostEntry> parse_cidr(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto ip = parse_ip(text.substr(0, slash));
  const std::string_view len = text.substr(slash + 1);
  if (!ip || len.empty() || len.size() > 3) return std::nullopt;
  int prefix = -1;
  const auto [end, ec] = std::from_chars(len.data(), len.data() + len.size(), prefix);
  if (ec != std::errc{} || end != len.data() + len.size() || prefix < 0 || prefix > ip->bits()) return std::nullopt;
  clear_host_bits(*ip, prefix);  // spec §21 item 10: a non-aligned CIDR means its network
  return HostEntry{.kind = HostEntry::Kind::kCidr, .ip = *ip, .prefix = prefix, .name = {}};
}

}  // namespace

std::optional<IpAddress> parse_ip(std::string_view text) {
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  const std::string s(text);
  IpAddress ip;
  if (inet_pton(AF_INET, s.c_str(), ip.bytes.data()) == 1) return ip;
  if (inet_pton(AF_INET6, s.c_str(), ip.bytes.data()) != 1) return std::nullopt;
  static constexpr uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(ip.bytes.data(), kMappedPrefix, sizeof kMappedPrefix) == 0) {
    IpAddress v4;
    std::copy_n(ip.bytes.begin() + 12, 4, v4.bytes.begin());
    return v4;
  }
  ip.v6 = true;
  return ip;
}

std::string format_ip(const IpAddress& ip) {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(ip.v6 ? AF_INET6 : AF_INET, ip.bytes.data(), buf, sizeof buf);
  return buf;
}

std::string normalise_host_name(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return ascii_lower(name);
}

std::optional<HostEntry> parse_host_entry(std::string_view text) {
  if (auto ip = parse_ip(text)) return HostEntry{.kind = HostEntry::Kind::kIp, .ip = *ip, .prefix = 0, .name = {}};
  if (text.find('/') != std::string_view::npos) return parse_cidr(text);
  const bool wildcard = text.starts_with("*.");
  std::string name = normalise_host_name(wildcard ? text.substr(2) : text);
  if (!is_valid_host_name(name)) return std::nullopt;
  return HostEntry{.kind = wildcard ? HostEntry::Kind::kWildcard : HostEntry::Kind::kName,
                   .ip = {},
                   .prefix = 0,
                   .name = std::move(name)};
}

HostEntry interpret_host_entry(std::string_view text) {
  if (auto ip = parse_ip(text)) return HostEntry{.kind = HostEntry::Kind::kIp, .ip = *ip, .prefix = 0, .name = {}};
  if (auto cidr = parse_cidr(text)) return *cidr;
  if (text.starts_with("*")) {
    text.remove_prefix(1);
    if (text.starts_with(".")) text.remove_prefix(1);
    return HostEntry{.kind = HostEntry::Kind::kWildcard, .ip = {}, .prefix = 0, .name = normalise_host_name(text)};
  }
  return HostEntry{.kind = HostEntry::Kind::kName, .ip = {}, .prefix = 0, .name = normalise_host_name(text)};
}

std::string format_host_entry(const HostEntry& entry) {
  switch (entry.kind) {
    case HostEntry::Kind::kIp:
      return format_ip(entry.ip);
    case HostEntry::Kind::kCidr:
      return format_ip(entry.ip) + "/" + std::to_string(entry.prefix);
    case HostEntry::Kind::kName:
      return entry.name;
    case HostEntry::Kind::kWildcard:
      return "*." + entry.name;
  }
  return {};
}

bool name_matches(const HostEntry& entry, std::string_view name) {
  if (entry.kind == HostEntry::Kind::kName) return !name.empty() && name == entry.name;
  if (entry.kind != HostEntry::Kind::kWildcard || entry.name.empty()) return false;
  // Whole labels only (spec §21 item 10): the name must end with ".<suffix>".
  return name.size() > entry.name.size() && name.ends_with(entry.name) &&
         name[name.size() - entry.name.size() - 1] == '.';
}

bool ip_matches(const HostEntry& entry, const IpAddress& ip) {
  if (entry.kind == HostEntry::Kind::kIp) return entry.ip == ip;
  if (entry.kind != HostEntry::Kind::kCidr || entry.ip.v6 != ip.v6) return false;
  IpAddress network = ip;
  clear_host_bits(network, entry.prefix);
  return network == entry.ip;
}

}  // namespace mytoken::domain_internal
