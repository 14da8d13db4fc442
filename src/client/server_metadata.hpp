#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace mytoken::client {

struct ProviderInfo {
  std::string issuer;
  std::string name;
  std::vector<std::string> scopes_supported;
};

// The discovery document (server spec §3.1) as far as the client uses it; `document` is the whole answer
// (printed by `mytoken config`). An endpoint the server does not advertise is empty.
struct ServerMetadata {
  std::string issuer;
  std::string access_token_endpoint;
  std::string mytoken_endpoint;
  std::string tokeninfo_endpoint;
  std::string revocation_endpoint;
  std::string token_transfer_endpoint;
  std::string profiles_endpoint;  // API/pt (server spec §13.2), empty if not advertised
  std::vector<ProviderInfo> providers;
  std::vector<std::string> mytoken_grant_types;  // mytoken_endpoint_grant_types_supported
  std::vector<std::string> response_types;       // response_types_supported
  std::vector<std::string> tokeninfo_actions;    // tokeninfo_endpoint_actions_supported
  std::vector<std::string> restriction_claims;   // restriction_claims_supported
  std::string version;
  boost::json::object document;

  bool supports_grant_type(std::string_view g) const;
  bool supports_response_type(std::string_view t) const;
  bool supports_tokeninfo_action(std::string_view a) const;
};

// "<url>/.well-known/mytoken-configuration" ('/' inserted if missing; cli spec §3.2).
std::string discovery_url(std::string_view server_url);

// Parses a discovery document; `issuer` and `mytoken_endpoint` are required.
Result<ServerMetadata> parse_server_metadata(std::string_view body);

}  // namespace mytoken::client
