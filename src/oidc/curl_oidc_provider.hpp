#pragma once

#include <memory>

#include "domain/ports/oidc_provider.hpp"
#include "domain/result.hpp"
#include "oidc/provider_options.hpp"

namespace mytoken {

// An OidcProvider over libcurl. Does not contact the OP: the discovery document is fetched on first use and
// cached (refreshed hourly; a failed fetch is retried on the next use), as is the OP's JWKS (refetched once when
// an ID token names an unknown kid). Connections to the OP are kept alive in a small pool.
// Failure: invalid options (issuer not an http(s) URL, client_id missing) → internal error describing them.
Result<std::unique_ptr<OidcProvider>> make_curl_oidc_provider(ProviderOptions options);

}  // namespace mytoken
