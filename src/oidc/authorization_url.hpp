#pragma once

// Internal to src/oidc (exposed for tests): pure builders of what mytokend sends to an OP (spec §5.3, §7 step 3).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/ports/oidc_provider.hpp"
#include "domain/result.hpp"
#include "oidc/provider_options.hpp"

namespace mytoken::oidc_internal {

using FormParams = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::string_view kGoogleIssuer = "https://accounts.google.com";

// Google wants access_type=offline instead of the offline_access scope (spec §5.3).
bool is_google(std::string_view issuer);

// `scopes` (or `configured` if `scopes` is empty) without duplicates, then offline_access (not for Google) and
// openid appended if missing.
std::vector<std::string> authorization_scopes(const std::vector<std::string>& scopes,
                                              const std::vector<std::string>& configured, bool google);

// The scope of a refresh grant: "" if `scopes` is empty (no scope parameter), else the space-joined scopes with
// offline_access appended if missing (not for Google) (spec §7 step 3).
std::string refresh_scope(const std::vector<std::string>& scopes, bool google);

// RFC 8707 mode: one `resource` per audience; legacy mode: the configured parameter per audience, or one
// space-joined value if `space_separate_auds`. Empty audiences are skipped.
FormParams audience_params(const ProviderOptions& options, const std::vector<std::string>& audiences);

// The OP authorization URL: `authorization_endpoint` (its own query kept) plus response_type, client_id,
// redirect_uri, state, scope, prompt=consent, code_challenge(_method=S256), audiences and, for Google,
// access_type=offline. Failure: the endpoint is not an absolute URL (oidc_error 502).
Result<std::string> build_authorization_url(std::string_view authorization_endpoint, const ProviderOptions& options,
                                            const AuthorizationParams& params);

// application/x-www-form-urlencoded (RFC 6749 Appendix B): everything but ALPHA / DIGIT / "-._~" percent-encoded,
// space as "+".
std::string form_encode_component(std::string_view value);
std::string form_encode(const FormParams& params);

// "Basic base64(form(client_id) ":" form(client_secret))" (RFC 6749 §2.3.1).
std::string basic_authorization(std::string_view client_id, std::string_view client_secret);

}  // namespace mytoken::oidc_internal
