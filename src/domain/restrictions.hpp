#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/restriction_clause.hpp"
#include "domain/result.hpp"

namespace mytoken {

// --- Parsing and encoding (spec §6.1) -------------------------------------------------------------------

// Parses the `restrictions` member of a request: a clause object or an array of clause objects. Time strings
// ("+1d12h", "+3600", "1767225600", "YYYY-MM-DD HH:MM" in UTC) are resolved against `now`; the host value
// "this" (case-insensitive) becomes `caller_ip`. Empty clauses are dropped. Validates types, country codes
// (two letters, upper-cased), CIDRs and non-negative usages; an error is 400 invalid_request naming the key.
// At most kMaxRestrictionsBytes of encoded restrictions (a token carries them; base64url makes them 4/3 larger, and
// a token must fit the 64 KiB request body it is presented in), else 400 "restrictions too large".
inline constexpr size_t kMaxRestrictionsBytes = 16 * 1024;
Result<Restrictions> parse_restrictions(const boost::json::value& json, int64_t now, std::string_view caller_ip);

// Parses a time value of a restriction (`nbf`/`exp`): integer unix time or one of the strings above.
Result<int64_t> parse_restriction_time(const boost::json::value& json, int64_t now);

// Parses stored/JWT restrictions (already canonical: integers only, no "this"). Values are kept verbatim (the
// clause hash depends on them); null or [] = unrestricted. Wrong types → invalid_token "malformed restrictions"
// (a caller reading the store maps that to internal).
Result<Restrictions> restrictions_from_json(const boost::json::value& json);

// Canonical JSON of one clause: members in the order nbf, exp, scope, audience, hosts, geoip_allow,
// geoip_disallow, usages_AT, usages_other; empty ones omitted (spec §6.4). Also the JWT form.
boost::json::object clause_to_json(const RestrictionClause& clause);
boost::json::array restrictions_to_json(const Restrictions& restrictions);

// Identifies a clause for usage counting: base64std(SHA-512(canonical JSON)) (spec §6.4).
std::string clause_hash(const RestrictionClause& clause);

// --- Derived token times (spec §4.1, §6.5) --------------------------------------------------------------
int64_t restrictions_exp(const Restrictions& r);  // max exp; 0 if any clause has none or r is empty
int64_t restrictions_nbf(const Restrictions& r);  // min nbf; 0 if any clause has none or r is empty

// --- Use-time matching (spec §6.2, §6.3) ----------------------------------------------------------------

// What the caller asks for and where it comes from. Injected lookups keep the rules pure.
struct UsageRequest {
  enum class Kind { kAccessToken, kOther };
  Kind kind = Kind::kOther;
  int64_t now = 0;
  std::string client_ip;
  std::vector<std::string> scopes;     // requested (AT only); empty = none requested
  std::vector<std::string> audiences;  // requested (AT only)
};

struct UsageCounts {
  int64_t at = 0;
  int64_t other = 0;
};

// Environment of the matching rules. Every function may be empty (then: host names never match, country
// unknown → geo clauses with an allow list fail, disallow lists pass).
struct MatchEnvironment {
  // Forward-confirmed host names of an IP (design §4).
  std::function<std::vector<std::string>(std::string_view ip)> host_names_of;
  // ISO-3166 alpha-2 country of an IP, upper case; nullopt if unknown.
  std::function<std::optional<std::string>(std::string_view ip)> country_of;
  // Usages already consumed through a clause of this token, keyed by clause_hash().
  std::function<UsageCounts(const std::string& clause_hash)> usages_of;
};

// True if the client IP matches one host entry (IP equality, CIDR containment, host name, "*.suffix" on whole
// labels). Non-aligned CIDRs are normalised to their network (spec §21 item 10).
bool host_allowed(const std::vector<std::string>& hosts, std::string_view client_ip, const MatchEnvironment& env);

// The index of the clause used for the request (spec §6.3), or nullopt if none allows it. Not called for an
// unrestricted token (empty restrictions): the caller treats that as "allowed, nothing counted".
std::optional<size_t> select_clause(const Restrictions& restrictions, const UsageRequest& request,
                                    const MatchEnvironment& env);

// Why select_clause found no clause: per clause the first check it failed ("time", "hosts", "geoip",
// "usages_AT", "usages_other", "scope", "audience"), each name once, in clause order. Empty if one passes.
std::vector<std::string_view> refusal_reasons(const Restrictions& restrictions, const UsageRequest& request,
                                              const MatchEnvironment& env);

// --- Sub-token derivation (spec §6.5) -------------------------------------------------------------------
struct Tightened {
  Restrictions restrictions;
  bool ok;  // false: a requested clause was dropped
};
// R ⊑ P: "R is at least as tight as P". Host-vs-IP containment may use env.host_names_of.
bool clause_is_tighter(const RestrictionClause& r, const RestrictionClause& p, const MatchEnvironment& env);
// Whole clauses are kept or dropped, never clipped; usage budgets consumed in request order.
// A parent clause's budget is its limit minus env.usages_of(its hash), if set (spec §21 item 4). If no requested
// clause is kept (empty request: ok; all dropped: !ok), the result is the parent's clauses with those budgets.
Tightened tighten(const Restrictions& parent, const Restrictions& requested, const MatchEnvironment& env);

// Applies a provider's maximum mytoken lifetime (spec §6.5 last paragraph); returns true if it changed anything.
bool apply_max_lifetime(Restrictions& restrictions, int64_t now, int64_t max_lifetime);

}  // namespace mytoken
