// Fuzz entry: restriction parsing with the time syntax (spec §6.1), the stored form, and Tighten (spec §6.5):
// a sub-token's restrictions and capabilities must never allow what its parent's do not.
#include <boost/json/parse.hpp>
#include <limits>
#include <set>

#include "domain/capabilities.hpp"
#include "domain/restrictions.hpp"
#include "fuzz_entries.hpp"

namespace mytoken::fuzz {
namespace {

namespace json = boost::json;
constexpr int64_t kNow = 1767225600;  // 2026-01-01
constexpr std::string_view kCallerIp = "192.0.2.7";
constexpr size_t kMaxProbedClauses = 16;  // keeps the use-time probe of one input in the microseconds

// A fixed world for the matching rules: some addresses have forward-confirmed names and countries.
MatchEnvironment fixed_world() {
  MatchEnvironment env;
  env.host_names_of = [](std::string_view ip) -> std::vector<std::string> {
    if (ip == "127.0.0.1") return {"localhost"};
    if (ip == "192.0.2.7") return {"host.example.com"};
    if (ip == "10.1.2.3") return {"a.b.example.org", "mail.example.com"};
    return {};
  };
  env.country_of = [](std::string_view ip) -> std::optional<std::string> {
    if (ip == "192.0.2.7") return "DE";
    if (ip == "10.1.2.3" || ip == "2001:db8::7") return "FR";
    return std::nullopt;
  };
  return env;
}

// Parses a request-form restriction value and checks what every accepted value must satisfy.
std::optional<Restrictions> parse_checked(const json::value& v) {
  auto parsed = parse_restrictions(v, kNow, kCallerIp);
  if (!parsed) {
    fuzz_check(parsed.error().status == 400 && parsed.error().error == "invalid_request",
               "bad restrictions not rejected as 400 invalid_request");
    return std::nullopt;
  }
  for (const auto& c : *parsed) {
    fuzz_check(!c.empty(), "empty clause kept");
    fuzz_check(clause_hash(c) == clause_hash(c), "clause_hash is not deterministic");
  }
  const auto stored = restrictions_from_json(restrictions_to_json(*parsed));
  fuzz_check(stored.has_value() && *stored == *parsed, "restrictions change in the stored/JWT form");
  return std::move(*parsed);
}

// The stored form reads verbatim and writes back to the same clauses.
void check_stored_form(const json::value& v) {
  const auto stored = restrictions_from_json(v);
  if (!stored) return;
  const auto again = restrictions_from_json(restrictions_to_json(*stored));
  fuzz_check(again.has_value() && *again == *stored, "stored restrictions change when written back");
}

// Requests to probe both restriction sets with: edge times, addresses with and without names and countries,
// and every single scope/audience mentioned.
struct Probes {
  std::set<int64_t> times{0, kNow, std::numeric_limits<int64_t>::max()};
  std::set<std::string> ips{"127.0.0.1", "192.0.2.7", "10.1.2.3", "203.0.113.9", "::1", "2001:db8::7"};
  std::set<std::string> scopes, audiences;

  void add(const Restrictions& r) {
    for (const auto& c : r) {
      for (const int64_t t : {c.nbf, c.exp}) {
        if (t > 0) times.insert({t - 1, t, t + 1});
      }
      for (const auto& h : c.hosts) ips.insert(h.substr(0, h.find('/')));
      scopes.insert(c.scopes.begin(), c.scopes.end());
      audiences.insert(c.audiences.begin(), c.audiences.end());
    }
  }
};

UsageRequest probe(UsageRequest::Kind kind, int64_t now, std::string ip, std::vector<std::string> scopes = {},
                   std::vector<std::string> audiences = {}) {
  UsageRequest q;
  q.kind = kind;
  q.now = now;
  q.client_ip = std::move(ip);
  q.scopes = std::move(scopes);
  q.audiences = std::move(audiences);
  return q;
}

void check_never_wider(const Restrictions& parent, const Restrictions& child, const Probes& probes) {
  const MatchEnvironment env = fixed_world();  // no usages consumed yet
  const auto allowed = [&](const Restrictions& r, const UsageRequest& q) {
    return r.empty() || select_clause(r, q, env).has_value();
  };
  const auto check = [&](const UsageRequest& q) {
    if (allowed(child, q)) fuzz_check(allowed(parent, q), "the sub-token allows a request its parent refuses");
  };
  for (const auto kind : {UsageRequest::Kind::kAccessToken, UsageRequest::Kind::kOther}) {
    for (const int64_t t : probes.times) {
      for (const auto& ip : probes.ips) check(probe(kind, t, ip));
    }
  }
  constexpr auto kAT = UsageRequest::Kind::kAccessToken;
  for (const auto& s : probes.scopes) check(probe(kAT, kNow, std::string(kCallerIp), {s}));
  for (const auto& a : probes.audiences) check(probe(kAT, kNow, std::string(kCallerIp), {}, {a}));
}

void check_tighten(const Restrictions& parent, const Restrictions& requested) {
  MatchEnvironment env = fixed_world();
  env.usages_of = [](const std::string&) { return UsageCounts{.at = 1, .other = 1}; };
  const Tightened child = tighten(parent, requested, env);
  if (parent.empty()) return;
  for (const auto& c : child.restrictions) {
    const bool within = std::any_of(parent.begin(), parent.end(),
                                    [&](const RestrictionClause& p) { return clause_is_tighter(c, p, env); });
    fuzz_check(within, "a tightened clause is not within any parent clause");
  }
  if (parent.size() + child.restrictions.size() > kMaxProbedClauses) return;
  Probes probes;
  probes.add(parent);
  probes.add(child.restrictions);
  check_never_wider(parent, child.restrictions, probes);
}

void check_capabilities(const json::value& parent_json, const json::value& requested_json) {
  const auto parent = parse_capabilities(parent_json);
  const auto requested = parse_capabilities(requested_json);
  if (!parent || !requested) return;
  const Capabilities child = tighten_capabilities(*parent, *requested);
  for (const auto& c : child) fuzz_check(has_capability(*parent, c), "a sub-token capability its parent lacks");
}

void check_max_lifetime(Restrictions r) {
  constexpr int64_t kMaxLifetime = 3600;
  apply_max_lifetime(r, kNow, kMaxLifetime);
  for (const auto& c : r) fuzz_check(c.exp > 0 && c.exp <= kNow + kMaxLifetime, "max lifetime not applied");
}

}  // namespace

// Input: a JSON document. An array [parent, requested, parent capabilities, requested capabilities] is also a
// Tighten case; any other document is one restriction value. Text that is not JSON is a time string.
void fuzz_restrictions(Input data) {
  const std::string_view text = as_text(data);
  boost::system::error_code ec;
  const json::value doc = json::parse(text, ec);
  if (ec) {
    (void)parse_restriction_time(json::string(text), kNow);
    return;
  }
  if (const auto t = parse_restriction_time(doc, kNow)) fuzz_check(*t >= 0, "negative restriction time");
  check_stored_form(doc);
  const auto whole = parse_checked(doc);
  if (whole) check_max_lifetime(*whole);
  if (!doc.is_array() || doc.get_array().size() < 2) return;
  const auto& parts = doc.get_array();
  const auto parent = parse_checked(parts[0]);
  const auto requested = parse_checked(parts[1]);
  if (parent && requested) check_tighten(*parent, *requested);
  if (parts.size() >= 4) check_capabilities(parts[2], parts[3]);
}

}  // namespace mytoken::fuzz
