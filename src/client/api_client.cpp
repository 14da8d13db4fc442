#include "client/api_client.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <iterator>

#include "client/client_error.hpp"
#include "util/strings.hpp"

namespace mytoken::client {
namespace {

ApiError unsupported(std::string_view feature) {
  return {"unsupported_by_server", "the server does not support " + std::string(feature), 501, {}};
}

}  // namespace

std::string join_with_spaces(const std::vector<std::string>& parts) {
  std::vector<std::string> given;
  std::copy_if(parts.begin(), parts.end(), std::back_inserter(given), [](const std::string& p) { return !p.empty(); });
  return join(given, " ");
}

ApiClient::ApiClient(HttpTransport& http, ServerMetadata metadata) : http_(&http), metadata_(std::move(metadata)) {}

Result<ApiClient> ApiClient::discover(HttpTransport& http, std::string_view server_url) {
  auto reply = http.get(discovery_url(server_url));
  if (!reply) return std::move(reply).error();
  if (reply->status < 200 || reply->status >= 300) return error_from_reply(reply->status, reply->body);
  auto metadata = parse_server_metadata(reply->body);
  if (!metadata) return std::move(metadata).error();
  return ApiClient(http, std::move(*metadata));
}

Result<boost::json::object> ApiClient::post(const std::string& endpoint, std::string_view feature,
                                            const boost::json::object& body) {
  if (endpoint.empty()) return unsupported(feature);
  auto reply = http_->post_json(endpoint, boost::json::serialize(body));
  if (!reply) return std::move(reply).error();
  if (reply->status < 200 || reply->status >= 300) return error_from_reply(reply->status, reply->body);
  if (reply->body.find_first_not_of(" \t\r\n") == std::string::npos) return boost::json::object{};
  boost::system::error_code ec;
  auto json = boost::json::parse(reply->body, ec);
  if (ec || !json.is_object()) return invalid_response(reply->status, "the server's answer is not a JSON object");
  return std::move(json.get_object());
}

Result<boost::json::value> ApiClient::profiles(std::string_view path) {
  if (metadata_.profiles_endpoint.empty()) return unsupported("server profiles");
  const auto url = path.empty() ? metadata_.profiles_endpoint : metadata_.profiles_endpoint + "/" + std::string(path);
  auto reply = http_->get(url);
  if (!reply) return std::move(reply).error();
  if (reply->status < 200 || reply->status >= 300) return error_from_reply(reply->status, reply->body);
  boost::system::error_code ec;
  auto json = boost::json::parse(reply->body, ec);
  if (ec || !json.is_array()) return invalid_response(reply->status, "the server's answer is not a JSON array");
  return json;
}

Result<PollingStart> ApiClient::start_oidc_flow(const MytokenRequest& request) {
  auto body = request.to_json();
  body["grant_type"] = "oidc_flow";
  body["oidc_flow"] = "authorization_code";
  body["client_type"] = "native";
  body["redirect_uri"] = "";
  auto answer = post(metadata_.mytoken_endpoint, "the mytoken endpoint", body);
  if (!answer) return std::move(answer).error();
  return parse_polling_start(*answer);
}

Result<MytokenResponse> ApiClient::poll_oidc_flow(std::string_view polling_code) {
  boost::json::object body{{"grant_type", "polling_code"}, {"polling_code", polling_code}};
  auto answer = post(metadata_.mytoken_endpoint, "the mytoken endpoint", body);
  if (!answer) return std::move(answer).error();
  return parse_mytoken_response(std::move(*answer));
}

Result<MytokenResponse> ApiClient::create_subtoken(std::string_view parent, const MytokenRequest& request) {
  auto body = request.to_json();
  body["grant_type"] = "mytoken";
  body["mytoken"] = parent;
  body["error_on_restrictions"] = true;
  auto answer = post(metadata_.mytoken_endpoint, "the mytoken endpoint", body);
  if (!answer) return std::move(answer).error();
  return parse_mytoken_response(std::move(*answer));
}

Result<MytokenResponse> ApiClient::exchange_transfer_code(std::string_view code) {
  boost::json::object body{{"grant_type", "transfer_code"}, {"transfer_code", code}};
  auto answer = post(metadata_.mytoken_endpoint, "the mytoken endpoint", body);
  if (!answer) return std::move(answer).error();
  return parse_mytoken_response(std::move(*answer));
}

Result<MytokenResponse> ApiClient::create_transfer_code(std::string_view mytoken) {
  boost::json::object body{{"mytoken", mytoken}};
  auto answer = post(metadata_.token_transfer_endpoint, "transfer codes", body);
  if (!answer) return std::move(answer).error();
  return parse_mytoken_response(std::move(*answer));
}

Result<AccessTokenResponse> ApiClient::access_token(const AccessTokenRequest& request) {
  boost::json::object body{{"grant_type", "mytoken"}, {"mytoken", request.mytoken}};
  if (const auto scope = join_with_spaces(request.scopes); !scope.empty()) body["scope"] = scope;
  if (const auto aud = join_with_spaces(request.audiences); !aud.empty()) body["audience"] = aud;
  if (!request.comment.empty()) body["comment"] = request.comment;
  auto answer = post(metadata_.access_token_endpoint, "the access token endpoint", body);
  if (!answer) return std::move(answer).error();
  AccessTokenResponse r;
  r.token_update = take_token_update(*answer);
  if (const auto* at = answer->if_contains("access_token"); at != nullptr && at->is_string()) {
    r.access_token = at->get_string();
  }
  r.json = std::move(*answer);
  // With a token_update the answer is returned even without an access token: the rotated mytoken must reach
  // the caller, which stores it and then reports the missing access token.
  if (r.access_token.empty() && !r.token_update) return invalid_response(200, "server returned empty access token");
  return r;
}

Result<RevokeResponse> ApiClient::revoke(const RevokeRequest& request) {
  boost::json::object body{{"token", request.token}};
  if (!request.mom_id.empty()) body["mom_id"] = request.mom_id;
  if (request.recursive) body["recursive"] = true;
  auto answer = post(metadata_.revocation_endpoint, "token revocation", body);
  if (!answer) return std::move(answer).error();
  return RevokeResponse{take_token_update(*answer)};
}

Result<TokeninfoResponse> ApiClient::tokeninfo(std::string_view action, std::string_view mytoken,
                                               const std::vector<std::string>& mom_ids) {
  if (!metadata_.tokeninfo_endpoint.empty() && !metadata_.tokeninfo_actions.empty() &&
      !metadata_.supports_tokeninfo_action(action)) {
    return unsupported("the tokeninfo action " + std::string(action));
  }
  boost::json::object body{{"action", action}, {"mytoken", mytoken}};
  if (!mom_ids.empty()) {
    boost::json::array ids;
    for (const auto& id : mom_ids) ids.emplace_back(id);
    body["mom_ids"] = std::move(ids);
  }
  auto answer = post(metadata_.tokeninfo_endpoint, "tokeninfo", body);
  if (!answer) return std::move(answer).error();
  TokeninfoResponse r;
  r.token_update = take_token_update(*answer);
  r.json = std::move(*answer);
  return r;
}

}  // namespace mytoken::client
