// Use-time matching of restrictions (declared in restrictions.hpp), spec §6.2, §6.3 with the §21 item 10 fixes.
#include <algorithm>

#include "domain/host_entry.hpp"
#include "domain/restrictions.hpp"
#include "util/strings.hpp"

namespace mytoken {
namespace {

using domain_internal::HostEntry;

bool contains_all(const std::vector<std::string>& have, const std::vector<std::string>& wanted) {
  return std::all_of(wanted.begin(), wanted.end(),
                     [&](const std::string& w) { return std::find(have.begin(), have.end(), w) != have.end(); });
}

bool contains_country(const std::vector<std::string>& list, const std::string& country) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& c) { return ascii_iequals(c, country); });
}

bool time_allows(const RestrictionClause& c, int64_t now) {
  return (c.nbf == 0 || now >= c.nbf) && (c.exp == 0 || now <= c.exp);
}

// Allow list: the country must be known and listed. Disallow list: rejected only if known and listed.
bool geo_allows(const RestrictionClause& c, std::string_view ip, const MatchEnvironment& env) {
  if (c.geoip_allow.empty() && c.geoip_disallow.empty()) return true;
  const std::optional<std::string> country = env.country_of ? env.country_of(ip) : std::nullopt;
  if (!c.geoip_allow.empty() && (!country || !contains_country(c.geoip_allow, *country))) return false;
  return !(country && contains_country(c.geoip_disallow, *country));
}

bool usages_allow(const RestrictionClause& c, UsageRequest::Kind kind, const MatchEnvironment& env) {
  const auto& limit = kind == UsageRequest::Kind::kAccessToken ? c.usages_AT : c.usages_other;
  if (!limit) return true;
  const UsageCounts used = env.usages_of ? env.usages_of(clause_hash(c)) : UsageCounts{};  // no row = 0 used
  return (kind == UsageRequest::Kind::kAccessToken ? used.at : used.other) < *limit;
}

}  // namespace

bool host_allowed(const std::vector<std::string>& hosts, std::string_view client_ip, const MatchEnvironment& env) {
  const auto ip = domain_internal::parse_ip(client_ip);
  if (!ip) return false;
  std::optional<std::vector<std::string>> names;  // looked up once, and only if a name entry needs it
  for (const auto& text : hosts) {
    const HostEntry entry = domain_internal::interpret_host_entry(text);
    if (entry.kind == HostEntry::Kind::kIp || entry.kind == HostEntry::Kind::kCidr) {
      if (domain_internal::ip_matches(entry, *ip)) return true;
      continue;
    }
    if (!names) {
      names.emplace();
      if (env.host_names_of) {
        for (const auto& n : env.host_names_of(domain_internal::format_ip(*ip))) {
          names->push_back(domain_internal::normalise_host_name(n));
        }
      }
    }
    for (const auto& n : *names) {
      if (domain_internal::name_matches(entry, n)) return true;
    }
  }
  return false;
}

namespace {

// The name of the first check of clause `c` the request fails (the keys of spec §6.2), nullopt if it passes.
std::optional<std::string_view> failed_check(const RestrictionClause& c, const UsageRequest& request,
                                             const MatchEnvironment& env) {
  const bool at = request.kind == UsageRequest::Kind::kAccessToken;
  if (!time_allows(c, request.now)) return "time";
  if (!c.hosts.empty() && !host_allowed(c.hosts, request.client_ip, env)) return "hosts";
  if (!geo_allows(c, request.client_ip, env)) return "geoip";
  if (!usages_allow(c, request.kind, env)) return at ? "usages_AT" : "usages_other";
  if (at && !request.scopes.empty() && !c.scopes.empty() && !contains_all(c.scopes, request.scopes)) return "scope";
  if (at && !request.audiences.empty() && !c.audiences.empty() && !contains_all(c.audiences, request.audiences)) {
    return "audience";
  }
  return std::nullopt;
}

}  // namespace

std::optional<size_t> select_clause(const Restrictions& restrictions, const UsageRequest& request,
                                    const MatchEnvironment& env) {
  for (size_t i = 0; i < restrictions.size(); ++i) {
    if (!failed_check(restrictions[i], request, env)) return i;  // spec §6.3: the first remaining clause is used
  }
  return std::nullopt;
}

std::vector<std::string_view> refusal_reasons(const Restrictions& restrictions, const UsageRequest& request,
                                              const MatchEnvironment& env) {
  std::vector<std::string_view> reasons;
  for (const auto& clause : restrictions) {
    auto failed = failed_check(clause, request, env);
    if (!failed) return {};  // the request is allowed
    if (std::find(reasons.begin(), reasons.end(), *failed) == reasons.end()) reasons.push_back(*failed);
  }
  return reasons;
}

}  // namespace mytoken
