#pragma once

#include <string>

#include "cli/client_config.hpp"
#include "cli/session.hpp"
#include "client/api_client.hpp"

namespace mytoken::cli {

// The issuer URL for `mytoken MT --provider P` (cli spec §7.4 step 1): P if it is a URL, a config `providers`
// name, or a provider the server lists under that name; without P the profile's `oidc_issuer`, the config's
// default_provider, or the server's only provider. Anything else throws Failure (kUsage).
std::string resolve_provider(const std::string& provider, const std::string& profile_issuer, const ClientConfig& config,
                             const client::ServerMetadata& server);

// The native authorization-code flow (cli spec §7.4): starts it, shows the consent URL (and a QR code unless
// `show_qr` is false) on stderr, polls with a progress indicator until the user has logged in, and returns the
// new mytoken. Server errors and an expired polling code throw Failure.
client::MytokenResponse run_oidc_login(Session& session, client::ApiClient& api, const client::MytokenRequest& request,
                                       bool show_qr);

}  // namespace mytoken::cli
