#include "domain/restriction_clause.hpp"

namespace mytoken {

bool RestrictionClause::empty() const {
  return nbf == 0 && exp == 0 && scopes.empty() && audiences.empty() && hosts.empty() && geoip_allow.empty() &&
         geoip_disallow.empty() && !usages_AT && !usages_other;
}

}  // namespace mytoken
