#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mytoken {

// One clause of a mytoken's restrictions (spec §6.1). All keys must hold for the clause to allow a request.
// Times are unix seconds; 0 means "not set". Empty vectors mean "not restricted by this key".
// Every member has a default initializer so designated initializers may name only some (-Wextra).
struct RestrictionClause {
  int64_t nbf = 0;
  int64_t exp = 0;
  std::vector<std::string> scopes{};     // wire: "scope", one space-separated string
  std::vector<std::string> audiences{};  // wire: "audience"
  std::vector<std::string> hosts{};      // IPs, CIDRs, host names, "*.suffix"
  std::vector<std::string> geoip_allow{};
  std::vector<std::string> geoip_disallow{};
  std::optional<int64_t> usages_AT{};     // NOLINT(readability-identifier-naming): wire name
  std::optional<int64_t> usages_other{};  // absent = unlimited

  bool empty() const;
  bool operator==(const RestrictionClause&) const = default;
};

using Restrictions = std::vector<RestrictionClause>;  // a disjunction; empty = unrestricted

}  // namespace mytoken
