#include "cli/session.hpp"

#include <chrono>

#include "cli/failure.hpp"
#include "cli/secret_prompt.hpp"
#include "cli/token_file.hpp"
#include "client/client_error.hpp"
#include "client/unverified_jwt.hpp"

#ifndef MYTOKEN_VERSION
#define MYTOKEN_VERSION "0.0.0"
#endif

namespace mytoken::cli {

bool same_server(const std::string& a, const std::string& b) {
  const auto strip = [](std::string s) {
    if (s.ends_with('/')) s.pop_back();
    return s;
  };
  return strip(a) == strip(b);
}

Session::Session(GlobalOptions options, Environment env, std::ostream& out, std::ostream& err, bool stdout_is_terminal,
                 bool stderr_is_terminal)
    : options_(std::move(options)),
      env_(std::move(env)),
      config_(load_client_config(options_.config_file, env_)),
      out_(out),
      err_(err),
      stderr_is_terminal_(stderr_is_terminal) {
  style_.colours = colours_enabled(options_.no_color, stdout_is_terminal, env_);
}

int64_t Session::now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string Session::home() const { return env_.non_empty("HOME").value_or(""); }

std::string Session::configured_url() const {
  if (!options_.url.empty()) return options_.url;
  if (const auto url = env_.non_empty("MYTOKEN_SERVER")) return *url;
  return config_.instance;
}

std::string Session::server_for(const FoundToken& token) {
  const auto payload = client::unverified_jwt_payload(token.token);
  if (payload) {
    if (const auto* iss = payload->if_contains("iss");
        iss != nullptr && iss->is_string() && !iss->get_string().empty()) {
      std::string issuer(iss->get_string());
      if (!options_.url.empty() && !same_server(issuer, options_.url)) {
        err_ << "warning: the mytoken was issued by " << issuer << "; using that server instead of " << options_.url
             << "\n";
      }
      return issuer;
    }
  }
  return configured_url();
}

client::ApiClient& Session::client(const std::string& server_url) {
  if (const auto it = clients_.find(server_url); it != clients_.end()) return it->second;
  if (!http_) {
    if (options_.insecure) {
      err_ << "warning: --insecure: TLS certificates are NOT verified; anyone on the network path can read your "
              "tokens\n";
    }
    client::HttpTransportOptions http_options;
    http_options.timeout = std::chrono::seconds(options_.timeout_seconds);
    http_options.user_agent = std::string("mytoken client ") + MYTOKEN_VERSION;
    http_options.insecure = options_.insecure;
    http_ = std::make_unique<client::HttpTransport>(http_options);
  }
  auto discovered = client::ApiClient::discover(*http_, server_url);
  if (!discovered) {
    const auto& e = discovered.error();
    const ExitCode code = client::is_network_error(e) ? ExitCode::kNetwork : ExitCode::kServer;
    fail(code, "could not initialize mytoken server " + server_url + ": " + client::describe(e));
  }
  return clients_.emplace(server_url, std::move(*discovered)).first->second;
}

std::optional<FoundToken> Session::find_token(const TokenFlags& flags) {
  return find_mytoken(flags, config_.use_wlcg_token_discovery, env_, read_secret_line);
}

FoundToken Session::require_token(const TokenFlags& flags) {
  auto token = find_token(flags);
  if (!token) {
    usage_error(
        "No mytoken provided: pass one with --MT, --MT-file, --MT-env or --MT-prompt, or put it where WLCG bearer "
        "token discovery finds it ($BEARER_TOKEN, $BEARER_TOKEN_FILE, $XDG_RUNTIME_DIR/mt_u<uid>, ...)");
  }
  return std::move(*token);
}

void Session::store_token_update(FoundToken& source, const std::optional<client::TokenUpdate>& update) {
  if (!update || update->mytoken.empty()) return;
  std::string reason = "because it was not passed in a file";
  if (!source.file.empty()) {
    try {
      replace_token_in_file(source.file, update->mytoken);
      source.token = update->mytoken;
      return;
    } catch (const Failure& e) {
      reason = std::string("because writing it failed (") + e.what() + ")";
    }
  }
  err_ << "The used mytoken changed (this indicates that token rotation is enabled for it), but the updated "
          "mytoken cannot be stored back, "
       << reason << ". This is the updated mytoken:\n"
       << update->mytoken << "\n\n"
       << std::flush;
  source.token = update->mytoken;
}

void Session::emit(const std::string& out_file, const std::string& text) {
  if (out_file.empty()) {
    out_ << text << std::flush;
    return;
  }
  write_output_file(out_file, text);
}

}  // namespace mytoken::cli
