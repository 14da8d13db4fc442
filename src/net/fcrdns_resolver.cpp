#include "net/fcrdns_resolver.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <array>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "net/lookup_cache.hpp"
#include "util/strings.hpp"

namespace mytoken {
namespace {

// An address in the form getaddrinfo returns it, for comparing the forward answer with the client.
struct Address {
  int family = AF_UNSPEC;
  std::array<unsigned char, 16> bytes{};
  bool operator==(const Address&) const = default;
};

std::optional<Address> parse_address(const std::string& text) {
  Address a;
  if (inet_pton(AF_INET, text.c_str(), a.bytes.data()) == 1) {
    a.family = AF_INET;
    return a;
  }
  if (inet_pton(AF_INET6, text.c_str(), a.bytes.data()) == 1) {
    a.family = AF_INET6;
    return a;
  }
  return std::nullopt;
}

std::string normalise(std::string name) {
  if (!name.empty() && name.back() == '.') name.pop_back();
  return ascii_lower(name);
}

std::optional<std::string> reverse_name(const Address& address) {
  sockaddr_storage storage{};
  socklen_t length = 0;
  if (address.family == AF_INET) {
    auto* sin = reinterpret_cast<sockaddr_in*>(&storage);
    sin->sin_family = AF_INET;
    std::memcpy(&sin->sin_addr, address.bytes.data(), 4);
    length = sizeof(sockaddr_in);
  } else {
    auto* sin6 = reinterpret_cast<sockaddr_in6*>(&storage);
    sin6->sin6_family = AF_INET6;
    std::memcpy(&sin6->sin6_addr, address.bytes.data(), 16);
    length = sizeof(sockaddr_in6);
  }
  char host[NI_MAXHOST] = {};
  if (getnameinfo(reinterpret_cast<sockaddr*>(&storage), length, host, sizeof host, nullptr, 0, NI_NAMEREQD) != 0) {
    return std::nullopt;
  }
  return normalise(host);
}

bool resolves_to(const std::string& name, const Address& address) {
  addrinfo hints{};
  hints.ai_family = address.family;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* result = nullptr;
  if (getaddrinfo(name.c_str(), nullptr, &hints, &result) != 0) return false;
  bool found = false;
  for (addrinfo* ai = result; ai != nullptr && !found; ai = ai->ai_next) {
    Address candidate;
    candidate.family = ai->ai_family;
    if (ai->ai_family == AF_INET) {
      std::memcpy(candidate.bytes.data(), &reinterpret_cast<sockaddr_in*>(ai->ai_addr)->sin_addr, 4);
    } else if (ai->ai_family == AF_INET6) {
      std::memcpy(candidate.bytes.data(), &reinterpret_cast<sockaddr_in6*>(ai->ai_addr)->sin6_addr, 16);
    }
    found = candidate == address;
  }
  freeaddrinfo(result);
  return found;
}

class FcrdnsResolver final : public HostResolver {
 public:
  explicit FcrdnsResolver(const ResolverOptions& options)
      : cache_(options.cache_entries,
               std::chrono::duration_cast<std::chrono::steady_clock::duration>(options.cache_ttl)) {}

  std::vector<std::string> confirmed_names(std::string_view ip) override {
    const std::string key(ip);
    return cache_.get(key, [&] { return lookup(key); });
  }

 private:
  static std::vector<std::string> lookup(const std::string& ip) {
    const auto address = parse_address(ip);
    if (!address) return {};
    const auto name = reverse_name(*address);
    // getnameinfo answers with the numeric form when a PTR record names something unparsable; that is no name.
    if (!name || name->empty() || parse_address(*name)) return {};
    if (!resolves_to(*name, *address)) return {};
    return {*name};
  }

  net_internal::LookupCache<std::vector<std::string>> cache_;
};

}  // namespace

std::unique_ptr<HostResolver> make_fcrdns_resolver(const ResolverOptions& options) {
  return std::make_unique<FcrdnsResolver>(options);
}

}  // namespace mytoken
