#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "cli/client_config.hpp"
#include "cli/display_style.hpp"
#include "cli/environment.hpp"
#include "cli/token_source.hpp"
#include "client/api_client.hpp"
#include "client/http_transport.hpp"

namespace mytoken::cli {

// The options every command accepts (placed before or after the command name).
struct GlobalOptions {
  std::string url;          // --url / MYTOKEN_URL / MYTOKEN_SERVER
  std::string config_file;  // --config / MYTOKEN_CONFIG / MYTOKEN_CONF
  bool no_color = false;
  bool insecure = false;
  bool json = false;
  int timeout_seconds = 20;
};

// What one run of `mytoken` shares between its steps: options, configuration, the environment, the output
// streams and the API clients (one per server, discovered lazily and once, cli spec §3.2).
class Session {
 public:
  Session(GlobalOptions options, Environment env, std::ostream& out, std::ostream& err, bool stdout_is_terminal,
          bool stderr_is_terminal);

  const GlobalOptions& options() const { return options_; }
  const ClientConfig& config() const { return config_; }
  const Environment& env() const { return env_; }
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }
  bool stderr_is_terminal() const { return stderr_is_terminal_; }
  DisplayStyle style() const { return style_; }
  int64_t now() const;
  std::string home() const;

  // --url / MYTOKEN_URL / MYTOKEN_SERVER, else the config's instance (cli spec §3.1 step 1).
  std::string configured_url() const;
  // The server a token belongs to: its `iss` if it is a JWT, else configured_url(). The token's own server wins
  // over --url (a token only works there); a differing explicit --url gets a warning (cli spec §18 item 4).
  std::string server_for(const FoundToken& token);
  // The client for `server_url`. Discovery failure throws Failure ("could not initialize mytoken server: ...").
  client::ApiClient& client(const std::string& server_url);

  std::optional<FoundToken> find_token(const TokenFlags& flags);
  // As find_token, but none → Failure (kUsage) explaining where tokens are looked for.
  FoundToken require_token(const TokenFlags& flags);

  // A rotated token (cli spec §4.3): written back atomically to the file `source` came from, else (or if that
  // fails) printed to stderr with an explanation. `source.token` becomes the new token.
  void store_token_update(FoundToken& source, const std::optional<client::TokenUpdate>& update);

  // The command's primary result: to --out FILE (created 0600) if `out_file` is set, else stdout.
  void emit(const std::string& out_file, const std::string& text);

 private:
  GlobalOptions options_;
  Environment env_;
  ClientConfig config_;
  std::ostream& out_;
  std::ostream& err_;
  bool stderr_is_terminal_;
  DisplayStyle style_;
  std::unique_ptr<client::HttpTransport> http_;
  std::map<std::string, client::ApiClient> clients_;
};

// Equal server URLs up to one trailing '/'.
bool same_server(const std::string& a, const std::string& b);

}  // namespace mytoken::cli
