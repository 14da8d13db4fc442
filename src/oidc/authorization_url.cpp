#include "oidc/authorization_url.hpp"

#include <algorithm>
#include <boost/url/encode.hpp>
#include <boost/url/param.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <boost/url/url.hpp>
#include <string>
#include <utility>

#include "crypto/encoding.hpp"
#include "util/strings.hpp"

namespace mytoken::oidc_internal {

namespace {

constexpr std::string_view kOfflineAccess = "offline_access";
constexpr std::string_view kOpenid = "openid";

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::vector<std::string> unique_non_empty(const std::vector<std::string>& list) {
  std::vector<std::string> out;
  for (const auto& item : list) {
    if (!item.empty() && !contains(out, item)) out.push_back(item);
  }
  return out;
}

// Strict percent-encoding for URL query values: only unreserved characters stay literal.
std::string query_encode(std::string_view value) { return boost::urls::encode(value, boost::urls::unreserved_chars); }

}  // namespace

bool is_google(std::string_view issuer) {
  if (issuer.ends_with('/')) issuer.remove_suffix(1);
  return issuer == kGoogleIssuer;
}

std::vector<std::string> authorization_scopes(const std::vector<std::string>& scopes,
                                              const std::vector<std::string>& configured, bool google) {
  std::vector<std::string> out = unique_non_empty(scopes.empty() ? configured : scopes);
  if (!google && !contains(out, kOfflineAccess)) out.emplace_back(kOfflineAccess);
  if (!contains(out, kOpenid)) out.emplace_back(kOpenid);
  return out;
}

std::string refresh_scope(const std::vector<std::string>& scopes, bool google) {
  std::vector<std::string> out = unique_non_empty(scopes);
  if (out.empty()) return {};
  if (!google && !contains(out, kOfflineAccess)) out.emplace_back(kOfflineAccess);
  return join(out, " ");
}

FormParams audience_params(const ProviderOptions& options, const std::vector<std::string>& audiences) {
  const std::vector<std::string> auds = unique_non_empty(audiences);
  FormParams out;
  if (auds.empty()) return out;
  if (options.use_rfc8707) {
    for (const auto& aud : auds) out.emplace_back("resource", aud);
  } else if (options.space_separate_auds) {
    out.emplace_back(options.audience_request_parameter, join(auds, " "));
  } else {
    for (const auto& aud : auds) out.emplace_back(options.audience_request_parameter, aud);
  }
  return out;
}

Result<std::string> build_authorization_url(std::string_view authorization_endpoint, const ProviderOptions& options,
                                            const AuthorizationParams& params) {
  auto parsed = boost::urls::parse_absolute_uri(authorization_endpoint);
  if (!parsed || parsed->has_fragment()) {
    ApiError error = ApiError::oidc_error(502, "the OpenID provider could not be reached");
    error.log_detail = "invalid authorization_endpoint in the discovery document of " + options.issuer;
    return error;
  }
  const bool google = is_google(options.issuer);
  FormParams query{
      {"response_type", "code"},
      {"client_id", options.client_id},
      {"redirect_uri", params.redirect_uri},
      {"state", params.state},
      {"scope", join(authorization_scopes(params.scopes, options.scopes, google), " ")},
      {"prompt", "consent"},
      {"code_challenge", params.code_challenge},
      {"code_challenge_method", "S256"},
  };
  if (google) query.emplace_back("access_type", "offline");
  for (auto& p : audience_params(options, params.audiences)) query.push_back(std::move(p));

  boost::urls::url url(*parsed);
  auto encoded = url.encoded_params();
  for (const auto& [key, value] : query) {
    const std::string k = query_encode(key);
    const std::string v = query_encode(value);
    encoded.append(boost::urls::param_pct_view(k, v));
  }
  return std::string(url.buffer());
}

std::string form_encode_component(std::string_view value) {
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  return boost::urls::encode(value, boost::urls::unreserved_chars, opts);
}

std::string form_encode(const FormParams& params) {
  std::string out;
  for (const auto& [key, value] : params) {
    if (!out.empty()) out += '&';
    out += form_encode_component(key);
    out += '=';
    out += form_encode_component(value);
  }
  return out;
}

std::string basic_authorization(std::string_view client_id, std::string_view client_secret) {
  return "Basic " + base64_encode(form_encode_component(client_id) + ":" + form_encode_component(client_secret));
}

}  // namespace mytoken::oidc_internal
