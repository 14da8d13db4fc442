#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mytoken {

// Host names of a client address for `hosts` restrictions (spec §6.2 with §21 item 10).
class HostResolver {
 public:
  HostResolver() = default;
  HostResolver(const HostResolver&) = delete;
  HostResolver& operator=(const HostResolver&) = delete;
  virtual ~HostResolver() = default;
  // The names whose reverse (PTR) lookup gives `ip` AND whose forward lookup contains `ip` again
  // (forward-confirmed reverse DNS), lower case without trailing dot. Empty if none or on any failure.
  // Thread-safe; may block on DNS.
  virtual std::vector<std::string> confirmed_names(std::string_view ip) = 0;
};

}  // namespace mytoken
