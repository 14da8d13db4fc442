#include "service/common/discovery.hpp"

namespace mytoken {
namespace {
boost::json::array strings(std::initializer_list<std::string_view> values) {
  boost::json::array a;
  for (auto v : values) a.emplace_back(v);
  return a;
}
}  // namespace

boost::json::object discovery_document(const ServiceOptions& options, const OidcProviders& providers,
                                       std::string_view signing_alg, const DiscoveryFeatures& features) {
  const std::string api = options.issuer + "/api/v0";
  boost::json::object d;
  d["issuer"] = options.issuer;
  d["access_token_endpoint"] = api + "/token/access";
  d["token_endpoint"] = api + "/token/access";
  d["mytoken_endpoint"] = api + "/token/my";
  if (features.tokeninfo_introspect) d["tokeninfo_endpoint"] = api + "/tokeninfo";
  if (features.token_revocation) d["revocation_endpoint"] = api + "/token/revoke";
  if (features.transfer_codes) d["token_transfer_endpoint"] = api + "/token/transfer";
  if (features.server_profiles) d["profiles_endpoint"] = api + "/pt";
  d["jwks_uri"] = options.issuer + "/jwks";
  boost::json::array supported;
  for (const auto& p : providers.all()) {
    boost::json::object entry{{"issuer", p->issuer()}};
    if (!p->name().empty()) entry["name"] = p->name();
    boost::json::array scopes;
    for (const auto& s : p->scopes()) scopes.emplace_back(s);
    entry["scopes_supported"] = std::move(scopes);
    supported.emplace_back(std::move(entry));
  }
  d["providers_supported"] = std::move(supported);
  d["token_signing_alg_value"] = signing_alg;
  if (features.tokeninfo_introspect) {
    d["tokeninfo_endpoint_actions_supported"] = strings({"introspect", "event_history", "subtokens", "list_mytokens"});
  }
  d["access_token_endpoint_grant_types_supported"] = strings({"mytoken"});
  boost::json::array grants = strings({"oidc_flow", "mytoken"});  // spec §3.1 order
  if (features.transfer_codes) grants.emplace_back("transfer_code");
  grants.emplace_back("polling_code");
  d["mytoken_endpoint_grant_types_supported"] = std::move(grants);
  d["mytoken_endpoint_oidc_flows_supported"] = strings({"authorization_code"});
  d["response_types_supported"] = strings({"token"});
  if (features.short_tokens) d["response_types_supported"].as_array().emplace_back("short_token");
  if (features.transfer_codes) d["response_types_supported"].as_array().emplace_back("transfer_code");
  d["restriction_claims_supported"] = strings(
      {"nbf", "exp", "scope", "audience", "hosts", "geoip_allow", "geoip_disallow", "usages_AT", "usages_other"});
  d["version"] = MYTOKEN_VERSION;
  return d;
}

}  // namespace mytoken
