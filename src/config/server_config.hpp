#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "oidc/provider_options.hpp"

namespace mytoken {

// Start-up failure while loading the configuration; what() names the offending key.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ListenConfig {
  std::string address = "127.0.0.1";
  uint16_t port = 8000;
  std::vector<std::string> trusted_proxies;  // CIDRs whose X-Forwarded-For is believed
  size_t io_threads = 2;
  size_t worker_threads = 8;
  size_t body_limit = 64 * 1024;
};

struct DatabaseConfig {
  std::string backend = "sqlite";
  std::filesystem::path path = "mytoken.db";
};

struct FeatureConfig {
  size_t polling_code_len = 8;        // features.polling_codes.len (≤ 30)
  int64_t polling_code_lifetime = 300;  // features.polling_codes.expires_after
  int64_t polling_interval = 5;       // features.polling_codes.polling_interval
  int64_t pending_login_lifetime = 600;  // features.pending_logins.lifetime (spec §21 item 16)
  bool token_revocation = true;
  bool tokeninfo_introspect = true;
};

// The whole server configuration (spec §16 plus design.md additions). Plain data; YAML stays in src/config.
struct ServerConfig {
  std::string issuer;  // no trailing slash
  ListenConfig listen;
  DatabaseConfig database;
  std::string signing_alg = "ES512";
  std::filesystem::path signing_key_file = "signing-key.pem";
  std::filesystem::path pepper_file = "pepper";
  std::string log_level = "info";
  FeatureConfig features;
  std::vector<ProviderOptions> providers;
};

// Loads and validates `file`. Relative paths in it are resolved against the file's directory.
// Throws ConfigError with a message naming the key on any problem.
ServerConfig load_server_config(const std::filesystem::path& file);

// The spec's search path when no --config is given: ./config/config.yaml, then /etc/mytoken/config.yaml.
// Throws ConfigError if none exists.
std::filesystem::path find_server_config();

}  // namespace mytoken
