#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/jws.hpp"
#include "crypto/server_secret.hpp"
#include "crypto/signing_key_ring.hpp"
#include "domain/access_token_reuse_options.hpp"
#include "domain/ports/audit_log.hpp"
#include "domain/ports/clock.hpp"
#include "domain/ports/oidc_provider.hpp"
#include "domain/ports/random.hpp"
#include "domain/ports/store.hpp"
#include "domain/provider_policy.hpp"
#include "domain/restrictions.hpp"
#include "service/common/oidc_providers.hpp"
#include "service/common/service_counters.hpp"
#include "service/rate_limits/code_rate_limit_options.hpp"

namespace mytoken {

class ServerTemplates;  // service/server_templates.hpp

class VerifiedTokenCache;
class RequestRateLimiter;

struct ServiceOptions {
  std::string issuer;  // ISS, no trailing slash
  size_t consent_code_len = 8;
  size_t polling_code_len = 8;
  int64_t polling_code_lifetime = 300;
  int64_t polling_interval = 5;
  int64_t pending_login_lifetime = 600;
  bool short_tokens_enabled = true;    // spec §4.5
  size_t short_token_len = 64;         // ≥ 32: shorter strings are never looked up as short tokens (spec §4.3)
  bool transfer_codes_enabled = true;  // spec §4.6: length and lifetime are those of polling codes
  CodeRateLimitOptions code_rate_limit{};
  // providers[].mytokens_max_lifetime by configured issuer (s; absent or 0 = unlimited), spec §6.5 last paragraph.
  std::map<std::string, int64_t, std::less<>> mytokens_max_lifetime{};
  // providers[].access_token_reuse by configured issuer; absent = off.
  std::map<std::string, AccessTokenReuseOptions, std::less<>> access_token_reuse{};
  // providers[].default_restrictions / enforced_restrictions by configured issuer (spec §5.3 step 6); absent = none.
  std::map<std::string, ProviderPolicy, std::less<>> provider_policies{};
  bool audit_hash_users = false;  // audit.hash_users: audit records name users by a keyed hash (docs/audit.md)
};

// Who is calling: recorded with events and used for host restrictions.
struct CallerContext {
  std::string ip;
  std::string user_agent;
};

// Everything a use case needs. main() owns every referenced object; they outlive all use cases.
struct ServiceContext {
  Store& store;
  const OidcProviders& providers;
  const SigningKeyRing& signing_keys;
  const ServerSecret& secret;
  const Clock& clock;
  Random& random;
  ServiceCounters& counters;   // what went wrong without failing a request (for /metrics)
  MatchEnvironment match_env;  // DNS and geo-IP lookups; usages_of is bound per request
  ServiceOptions options;
  VerifiedTokenCache* verified_tokens = nullptr;  // optional: skips re-verifying signatures of known tokens
  RequestRateLimiter* request_limits = nullptr;   // optional: per-token request limit (docs/rate_limits.md)
  // Optional: the templates requests and provider policies name (spec §13); API/pt writes through it.
  ServerTemplates* templates = nullptr;
  AuditLog* audit = nullptr;  // optional: security events as audit records (docs/audit.md); null = off
};

// Purpose labels of keyed hashes and derived keys (design §4). Changing one invalidates stored data.
namespace purpose {
inline constexpr std::string_view kConsentCode = "consent-code";
inline constexpr std::string_view kState = "oidc-state";
inline constexpr std::string_view kPollingCode = "polling-code";
inline constexpr std::string_view kKeyWrap = "mytoken-key-wrap";
inline constexpr std::string_view kShortToken = "short-token";         // lookup hash and JWT key of a short token
inline constexpr std::string_view kTransferCode = "transfer-code";     // lookup hash and sealing key of a transfer code
inline constexpr std::string_view kCodeRateLimit = "code-rate-limit";  // opaque keys of rate-limit counters
inline constexpr std::string_view kRequestRateLimit = "request-rate-limit";  // keys of request-limit counters
inline constexpr std::string_view kAuditUser = "audit-user";                 // pseudonyms of users in the audit log
}  // namespace purpose

}  // namespace mytoken
