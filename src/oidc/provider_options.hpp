#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "domain/access_token_reuse_options.hpp"
#include "domain/provider_policy.hpp"

namespace mytoken {

// One `providers[]` entry of the configuration (spec §16).
struct ProviderOptions {
  std::string issuer;  // exactly as configured; discovery at <issuer>/.well-known/openid-configuration
  std::string name;
  std::string client_id;
  std::string client_secret;
  std::vector<std::string> scopes;                      // requested by default and advertised
  bool use_rfc8707 = true;                              // audiences as one `resource` parameter each
  std::string audience_request_parameter = "audience";  // legacy mode
  bool space_separate_auds = false;                     // legacy mode: one space-joined value
  int64_t mytokens_max_lifetime = 0;                    // seconds, 0 = unlimited
  std::chrono::milliseconds timeout{10000};             // whole OP request
  AccessTokenReuseOptions access_token_reuse{};
  std::string default_restrictions{};  // template names or JSON clauses for oidc_flow requests without restrictions
  EnforcedRestrictions enforced_restrictions{};
};

}  // namespace mytoken
