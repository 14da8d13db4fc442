#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/http_transport.hpp"
#include "client/mytoken_request.hpp"
#include "client/mytoken_response.hpp"
#include "client/server_metadata.hpp"
#include "domain/result.hpp"

namespace mytoken::client {

struct AccessTokenRequest {
  std::string mytoken;
  std::vector<std::string> scopes;     // joined with spaces into `scope`; empty = not sent
  std::vector<std::string> audiences;  // joined with spaces into `audience`; empty = not sent
  std::string comment;
};

struct AccessTokenResponse {
  std::string access_token;  // empty only if token_update is set (see ApiClient::access_token)
  boost::json::object json;  // without token_update
  std::optional<TokenUpdate> token_update;
};

struct RevokeRequest {
  std::string token;
  std::string mom_id;  // empty = revoke `token` itself
  bool recursive = false;
};

struct RevokeResponse {
  std::optional<TokenUpdate> token_update;
};

// Any tokeninfo answer (server spec §10), kept as JSON: renderers pick what they show.
struct TokeninfoResponse {
  boost::json::object json;  // without token_update
  std::optional<TokenUpdate> token_update;
};

// Tokeninfo actions (server spec §10).
namespace tokeninfo_action {
inline constexpr std::string_view kIntrospect = "introspect";
inline constexpr std::string_view kEventHistory = "event_history";
inline constexpr std::string_view kSubtokens = "subtokens";
inline constexpr std::string_view kListMytokens = "list_mytokens";
}  // namespace tokeninfo_action

// A typed client of the mytoken HTTP API v0 for one server, built from its discovery document. Used by the CLI
// and by tests. Server error objects come back as ApiError (see client_error.hpp); a feature whose endpoint the
// server does not advertise is `unsupported_by_server` (status 501) without a request being sent.
// Holds a non-owning pointer to the transport, which must outlive the client.
class ApiClient {
 public:
  ApiClient(HttpTransport& http, ServerMetadata metadata);

  // GET <url>/.well-known/mytoken-configuration and build a client from it.
  static Result<ApiClient> discover(HttpTransport& http, std::string_view server_url);

  const ServerMetadata& metadata() const { return metadata_; }

  // grant_type=oidc_flow, native client with polling (server spec §5.2).
  Result<PollingStart> start_oidc_flow(const MytokenRequest& request);
  // grant_type=polling_code (§5.4); "authorization_pending"/"slow_down" are ApiErrors the caller loops on.
  Result<MytokenResponse> poll_oidc_flow(std::string_view polling_code);
  // grant_type=mytoken with error_on_restrictions (§5.5, cli spec §7.3).
  Result<MytokenResponse> create_subtoken(std::string_view parent, const MytokenRequest& request);
  // grant_type=transfer_code (§5.6).
  Result<MytokenResponse> exchange_transfer_code(std::string_view code);
  // POST token_transfer_endpoint (§5.6).
  Result<MytokenResponse> create_transfer_code(std::string_view mytoken);
  Result<AccessTokenResponse> access_token(const AccessTokenRequest& request);
  Result<RevokeResponse> revoke(const RevokeRequest& request);
  Result<TokeninfoResponse> tokeninfo(std::string_view action, std::string_view mytoken,
                                      const std::vector<std::string>& mom_ids = {});
  // GET profiles_endpoint[/<path>] (server spec §13.2): `path` is "" (the groups) or "<group>/<kind>".
  Result<boost::json::value> profiles(std::string_view path);

 private:
  // POSTs `body` to `endpoint`; a 2xx answer must be a JSON object (an empty body counts as {}).
  Result<boost::json::object> post(const std::string& endpoint, std::string_view feature,
                                   const boost::json::object& body);

  HttpTransport* http_;
  ServerMetadata metadata_;
};

// A string as sent for a list flag: the non-empty elements joined by single spaces.
std::string join_with_spaces(const std::vector<std::string>& parts);

}  // namespace mytoken::client
