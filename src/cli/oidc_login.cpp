#include "cli/oidc_login.hpp"

#include <chrono>
#include <thread>
#include <vector>

#include "cli/failure.hpp"
#include "cli/polling.hpp"
#include "cli/progress_indicator.hpp"
#include "cli/qr_code.hpp"
#include "util/strings.hpp"

namespace mytoken::cli {
namespace {

bool is_url(const std::string& s) { return s.starts_with("https://") || s.starts_with("http://"); }

}  // namespace

std::string resolve_provider(const std::string& provider, const std::string& profile_issuer, const ClientConfig& config,
                             const client::ServerMetadata& server) {
  std::string wanted = provider;
  if (wanted.empty()) wanted = profile_issuer;
  if (wanted.empty()) wanted = config.default_provider;
  if (wanted.empty()) {
    if (server.providers.size() == 1) return server.providers.front().issuer;
    std::vector<std::string> issuers;
    for (const auto& p : server.providers) issuers.push_back(p.issuer);
    usage_error("Provider not specified and no default provider set; use --provider (the server supports: " +
                join(issuers, ", ") + ")");
  }
  if (is_url(wanted)) return wanted;
  if (const auto issuer = config.provider_issuer(wanted)) return *issuer;
  for (const auto& p : server.providers) {
    if (!p.name.empty() && ascii_iequals(p.name, wanted)) return p.issuer;
  }
  usage_error("Provider name '" + wanted +
              "' not found in config file. Please provide a valid provider name or the provider url.");
}

client::MytokenResponse run_oidc_login(Session& session, client::ApiClient& api, const client::MytokenRequest& request,
                                       bool show_qr) {
  const auto start = value_or_fail(api.start_oidc_flow(request));
  auto& err = session.err();
  err << "Using any device please visit the following url to continue" << (show_qr ? " or use the qr code" : "")
      << ":\n\n"
      << start.consent_uri << "\n\n";
  if (show_qr) {
    if (const auto qr = render_qr_code(start.consent_uri); !qr.empty()) err << qr << "\n";
  }
  err << std::flush;

  ProgressIndicator progress(err, session.stderr_is_terminal());
  PollingHooks hooks;
  hooks.poll = [&] { return api.poll_oidc_flow(start.polling_code); };
  hooks.sleep = [](int64_t seconds) { std::this_thread::sleep_for(std::chrono::seconds(seconds)); };
  hooks.now = [&] { return session.now(); };
  hooks.waiting = [&](int64_t left) { progress.tick(left); };
  auto result = poll_until_authorized(start.interval, start.expires_in, hooks);
  progress.finish(result.has_value());
  if (!result) {
    if (result.error().error == "expired_token") {
      fail(ExitCode::kFailure,
           "the login was not completed in time: " + result.error().description + " (start again with `mytoken MT`)");
    }
    throw failure_from(result.error());
  }
  return std::move(*result);
}

}  // namespace mytoken::cli
