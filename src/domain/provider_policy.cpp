#include "domain/provider_policy.hpp"

namespace mytoken {
namespace {

bool claim_has(const boost::json::value& claim, const std::string& wanted) {
  if (claim.is_string()) return claim.as_string() == wanted;
  if (!claim.is_array()) return false;
  for (const auto& e : claim.as_array()) {
    if (e.is_string() && e.as_string() == wanted) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> enforced_template_for(const EnforcedRestrictions& policy,
                                                 const boost::json::object& claims) {
  if (!policy.enabled) return std::string();
  if (const auto* claim = claims.if_contains(policy.claim)) {
    for (const auto& [value, template_name] : policy.mapping) {
      if (claim_has(*claim, value)) return template_name;
    }
  }
  if (policy.forbid_on_default) return std::nullopt;
  return policy.default_template;
}

}  // namespace mytoken
