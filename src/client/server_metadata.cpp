#include "client/server_metadata.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>

#include "client/client_error.hpp"

namespace mytoken::client {
namespace {

std::string string_member(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::vector<std::string> string_list(const boost::json::object& o, std::string_view key) {
  std::vector<std::string> out;
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_array()) return out;
  for (const auto& e : v->get_array()) {
    if (e.is_string()) out.emplace_back(e.get_string());
  }
  return out;
}

bool contains(const std::vector<std::string>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

bool ServerMetadata::supports_grant_type(std::string_view g) const { return contains(mytoken_grant_types, g); }
bool ServerMetadata::supports_response_type(std::string_view t) const { return contains(response_types, t); }
bool ServerMetadata::supports_tokeninfo_action(std::string_view a) const { return contains(tokeninfo_actions, a); }

std::string discovery_url(std::string_view server_url) {
  std::string url(server_url);
  if (!url.ends_with('/')) url += '/';
  return url + ".well-known/mytoken-configuration";
}

Result<ServerMetadata> parse_server_metadata(std::string_view body) {
  boost::system::error_code ec;
  auto json = boost::json::parse(body, ec);
  if (ec || !json.is_object()) return invalid_response(200, "the discovery document is not a JSON object");
  ServerMetadata m;
  m.document = std::move(json.get_object());
  const auto& o = m.document;
  m.issuer = string_member(o, "issuer");
  m.access_token_endpoint = string_member(o, "access_token_endpoint");
  m.mytoken_endpoint = string_member(o, "mytoken_endpoint");
  m.tokeninfo_endpoint = string_member(o, "tokeninfo_endpoint");
  m.revocation_endpoint = string_member(o, "revocation_endpoint");
  m.token_transfer_endpoint = string_member(o, "token_transfer_endpoint");
  m.profiles_endpoint = string_member(o, "profiles_endpoint");
  m.mytoken_grant_types = string_list(o, "mytoken_endpoint_grant_types_supported");
  m.response_types = string_list(o, "response_types_supported");
  m.tokeninfo_actions = string_list(o, "tokeninfo_endpoint_actions_supported");
  m.restriction_claims = string_list(o, "restriction_claims_supported");
  m.version = string_member(o, "version");
  if (const auto* p = o.if_contains("providers_supported"); p != nullptr && p->is_array()) {
    for (const auto& e : p->get_array()) {
      if (!e.is_object()) continue;
      ProviderInfo info{string_member(e.get_object(), "issuer"), string_member(e.get_object(), "name"),
                        string_list(e.get_object(), "scopes_supported")};
      if (!info.issuer.empty()) m.providers.push_back(std::move(info));
    }
  }
  if (m.issuer.empty() || m.mytoken_endpoint.empty()) {
    return invalid_response(200, "the discovery document lacks issuer or mytoken_endpoint");
  }
  return m;
}

}  // namespace mytoken::client
