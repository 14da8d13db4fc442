// Sub-token restrictions (declared in restrictions.hpp), spec §6.5 with the §21 items 4 and 10 fixes.
#include <algorithm>

#include "domain/host_entry.hpp"
#include "domain/restrictions.hpp"
#include "util/strings.hpp"

namespace mytoken {
namespace {

using domain_internal::HostEntry;

bool subset(const std::vector<std::string>& r, const std::vector<std::string>& p) {
  return std::all_of(r.begin(), r.end(),
                     [&](const std::string& x) { return std::find(p.begin(), p.end(), x) != p.end(); });
}

std::vector<std::string> upper_all(const std::vector<std::string>& v) {
  std::vector<std::string> out;
  out.reserve(v.size());
  for (const auto& s : v) out.push_back(ascii_upper(s));
  return out;
}

// "if P restricts this key, R must restrict it too, to a subset"
bool narrows(const std::vector<std::string>& r, const std::vector<std::string>& p) {
  return p.empty() || (!r.empty() && subset(r, p));
}

bool within_limit(const std::optional<int64_t>& r, const std::optional<int64_t>& p) {
  return !p || (r && *r <= *p);  // absent = unlimited
}

// Is the host entry `r` covered by the entry `p`? spec §6.5: IP ⊂ IP/CIDR; CIDR ⊂ CIDR iff contained with a
// mask at least as long; host ⊂ host with whole-label wildcard rules; IP ⊂ host name via the IP's (forward-
// confirmed) names; a name is never inside an IP or CIDR (that would need a forward lookup we do not make).
bool entry_within(const HostEntry& r, const HostEntry& p, const MatchEnvironment& env) {
  using Kind = HostEntry::Kind;
  const bool single_ip = r.kind == Kind::kIp || (r.kind == Kind::kCidr && r.prefix == r.ip.bits());
  if (single_ip) {
    if (p.kind == Kind::kIp || p.kind == Kind::kCidr) return domain_internal::ip_matches(p, r.ip);
    if (!env.host_names_of) return false;
    const auto names = env.host_names_of(domain_internal::format_ip(r.ip));
    return std::any_of(names.begin(), names.end(), [&](const std::string& n) {
      return domain_internal::name_matches(p, domain_internal::normalise_host_name(n));
    });
  }
  switch (r.kind) {
    case Kind::kCidr:
      return p.kind == Kind::kCidr && r.prefix >= p.prefix && domain_internal::ip_matches(p, r.ip);
    case Kind::kName:
      return domain_internal::name_matches(p, r.name);
    case Kind::kWildcard:
      // "*.a.example.com" ⊂ "*.example.com" and "*.example.com" ⊂ "*.example.com"
      return p.kind == Kind::kWildcard && (r.name == p.name || domain_internal::name_matches(p, r.name));
    case Kind::kIp:
      break;
  }
  return false;
}

bool hosts_within(const std::vector<std::string>& r, const std::vector<std::string>& p, const MatchEnvironment& env) {
  if (p.empty()) return true;
  if (r.empty()) return false;
  std::vector<HostEntry> parent;
  parent.reserve(p.size());
  for (const auto& s : p) parent.push_back(domain_internal::interpret_host_entry(s));
  return std::all_of(r.begin(), r.end(), [&](const std::string& s) {
    const HostEntry entry = domain_internal::interpret_host_entry(s);
    return std::any_of(parent.begin(), parent.end(), [&](const HostEntry& pe) { return entry_within(entry, pe, env); });
  });
}

}  // namespace

bool clause_is_tighter(const RestrictionClause& r, const RestrictionClause& p, const MatchEnvironment& env) {
  if (r.nbf < p.nbf) return false;
  if (p.exp != 0 && (r.exp == 0 || r.exp > p.exp)) return false;
  if (!narrows(r.scopes, p.scopes) || !narrows(r.audiences, p.audiences)) return false;
  if (!hosts_within(r.hosts, p.hosts, env)) return false;
  // Country codes are compared case-insensitively: stored tokens of other servers may carry "de".
  if (!narrows(upper_all(r.geoip_allow), upper_all(p.geoip_allow))) return false;
  if (!subset(upper_all(p.geoip_disallow), upper_all(r.geoip_disallow))) return false;
  return within_limit(r.usages_AT, p.usages_AT) && within_limit(r.usages_other, p.usages_other);
}

Tightened tighten(const Restrictions& parent, const Restrictions& requested, const MatchEnvironment& env) {
  if (parent.empty()) return {requested, true};
  // The budget: parent clauses whose usage limits are what is left of them (spec §21 item 4), so a child
  // cannot be given usages the parent has already spent.
  Restrictions budget = parent;
  if (env.usages_of) {
    for (auto& b : budget) {
      if (!b.usages_AT && !b.usages_other) continue;
      const UsageCounts used = env.usages_of(clause_hash(b));
      if (b.usages_AT) b.usages_AT = std::max<int64_t>(0, *b.usages_AT - used.at);
      if (b.usages_other) b.usages_other = std::max<int64_t>(0, *b.usages_other - used.other);
    }
  }
  Restrictions kept;
  for (const auto& r : requested) {
    const auto p = std::find_if(budget.begin(), budget.end(),
                                [&](const RestrictionClause& b) { return clause_is_tighter(r, b, env); });
    if (p == budget.end()) continue;  // dropped, never clipped
    if (r.usages_AT && p->usages_AT) *p->usages_AT -= *r.usages_AT;
    if (r.usages_other && p->usages_other) *p->usages_other -= *r.usages_other;
    kept.push_back(r);
  }
  // Nothing kept (an empty request inherits, or every clause was dropped): the child gets the parent's clauses,
  // with usage limits cut to what the parent has left (spec §21 item 4; without usages_of that is the parent).
  if (kept.empty()) return {std::move(budget), requested.empty()};
  const bool ok = kept.size() == requested.size();
  return {std::move(kept), ok};
}

}  // namespace mytoken
