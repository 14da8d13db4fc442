#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mytoken {

// providers[].enforced_restrictions (spec §5.3 step 6, §16): restrictions a user's claims impose on every
// mytoken they create through the authorization code flow.
struct EnforcedRestrictions {
  bool enabled = false;
  std::string claim;               // looked up in the user's claims (ID token, then userinfo)
  bool forbid_on_default = false;  // no mapping matches → 403
  std::string default_template;    // no mapping matches and not forbidden; "" = no enforcement
  std::string help_html;           // operator HTML shown on the 403 page
  // claim value → template: restriction template names or a JSON text of clauses; "" = no enforcement. Config order.
  std::vector<std::pair<std::string, std::string>> mapping;
};

// A provider's policy for new mytokens from the authorization code flow (its mytokens_max_lifetime is kept apart,
// in ServiceOptions, as sub-tokens need it too).
struct ProviderPolicy {
  // Restrictions (template names or JSON text) given to an oidc_flow request that names none; "" = none.
  std::string default_restrictions;
  EnforcedRestrictions enforced;
};

// The template that applies to a user with `claims`: the first mapping key that equals the claim (a string) or
// is contained in it (an array of strings), else the default; nullopt = forbidden. "" = nothing enforced.
std::optional<std::string> enforced_template_for(const EnforcedRestrictions& policy, const boost::json::object& claims);

}  // namespace mytoken
