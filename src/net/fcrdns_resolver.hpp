#pragma once

#include <chrono>
#include <memory>

#include "domain/ports/host_resolver.hpp"

namespace mytoken {

struct ResolverOptions {
  std::chrono::seconds cache_ttl{300};  // positive and negative answers alike
  size_t cache_entries = 4096;
};

// Forward-confirmed reverse DNS over the system resolver (getnameinfo / getaddrinfo, so /etc/hosts counts):
// the PTR name of an address is accepted only if it resolves back to that address (spec §21 item 10; the
// reference trusts PTR records alone, which whoever controls the reverse zone can set to any name).
std::unique_ptr<HostResolver> make_fcrdns_resolver(const ResolverOptions& options);

}  // namespace mytoken
