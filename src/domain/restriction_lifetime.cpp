// Derived token times and the provider's maximum lifetime (declared in restrictions.hpp), spec §4.1, §6.5.
#include <algorithm>

#include "domain/restrictions.hpp"

namespace mytoken {

int64_t restrictions_exp(const Restrictions& r) {
  int64_t exp = 0;
  for (const auto& c : r) {
    if (c.exp == 0) return 0;  // one clause without expiry keeps the token alive
    exp = std::max(exp, c.exp);
  }
  return exp;
}

int64_t restrictions_nbf(const Restrictions& r) {
  if (r.empty()) return 0;
  int64_t nbf = r.front().nbf;
  for (const auto& c : r) {
    if (c.nbf == 0) return 0;  // one clause usable now makes the token usable now
    nbf = std::min(nbf, c.nbf);
  }
  return nbf;
}

bool apply_max_lifetime(Restrictions& restrictions, int64_t now, int64_t max_lifetime) {
  if (max_lifetime <= 0) return false;
  const int64_t limit = now + max_lifetime;
  if (restrictions.empty()) {
    restrictions.push_back(RestrictionClause{.exp = limit});
    return true;
  }
  bool changed = false;
  for (auto& c : restrictions) {
    if (c.exp == 0 || c.exp > limit) {
      c.exp = limit;
      changed = true;
    }
  }
  return changed;
}

}  // namespace mytoken
