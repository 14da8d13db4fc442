#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "audit/audit_options.hpp"
#include "oidc/provider_options.hpp"
#include "service/rate_limits/code_rate_limit_options.hpp"
#include "service/rate_limits/request_rate_limit_options.hpp"

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
  size_t header_limit = 8 * 1024;       // server.request_header_limit: bytes of request line + headers
  int64_t read_timeout = 30;            // server.read_timeout: seconds for a whole request (slowloris)
  int64_t idle_timeout = 30;            // server.idle_timeout: seconds a keep-alive connection may sit idle
  size_t max_connections = 4096;        // server.max_connections: further connections are closed at once
  int64_t shutdown_grace = 10;          // server.shutdown_grace: seconds in-flight requests may take after SIGTERM
  size_t verified_token_cache = 10000;  // server.verified_token_cache: entries; 0 = verify every signature
};

// The admin listener (/metrics, /health/live, /health/ready; docs/monitoring.md). admin.listen: "address:port",
// or "" for none.
struct AdminConfig {
  bool enabled = true;
  std::string address = "127.0.0.1";
  uint16_t port = 8001;
};

struct DatabaseConfig {
  std::string backend = "sqlite";             // "sqlite" or "postgres"
  std::filesystem::path path = "mytoken.db";  // sqlite: the database file
  std::string url;                            // postgres: libpq URI, e.g. postgresql://mytoken@db:5432/mytoken
  std::filesystem::path password_file;        // postgres: optional; its first line is the password
  size_t pool_size = 8;                       // connections per instance (both backends)
};

struct FeatureConfig {
  size_t polling_code_len = 8;           // features.polling_codes.len (≤ 30)
  int64_t polling_code_lifetime = 300;   // features.polling_codes.expires_after
  int64_t polling_interval = 5;          // features.polling_codes.polling_interval
  int64_t pending_login_lifetime = 600;  // features.pending_logins.lifetime (spec §21 item 16)
  bool token_revocation = true;
  bool tokeninfo_introspect = true;
  bool short_tokens = true;                    // features.short_tokens.enabled
  size_t short_token_len = 64;                 // features.short_tokens.len (≥ 32)
  bool transfer_codes = true;                  // features.transfer_codes.enabled
  CodeRateLimitOptions code_rate_limit;        // features.code_rate_limits.*
  RequestRateLimitOptions request_rate_limit;  // features.request_rate_limits.*
  int64_t cleanup_interval = 60;       // features.cleanup.interval: seconds between purges of expired codes/logins
  int64_t cleanup_keep_expired = 600;  // features.cleanup.keep_expired: expired codes still say "expired" this long
  bool server_profiles = true;         // features.server_profiles.enabled: API/pt (spec §13.2)
  std::filesystem::path server_profiles_dir;  // features.server_profiles.dir: operator templates (docs/profiles.md)
  // features.server_profiles.groups: group name -> password for writes through API/pt (spec §13.2)
  std::map<std::string, std::string, std::less<>> server_profile_groups;
};

// Geo-IP for geoip_allow / geoip_disallow restrictions (spec §6.2, §21 item 10).
struct GeoIpConfig {
  std::filesystem::path db_file;  // geo_ip_db_file: a MaxMind DB (.mmdb); empty = no database
  std::string home_country;       // geoip.home_country: country of private/loopback addresses, upper case
  int64_t cache_ttl = 3600;       // geoip.cache_ttl (s)
};

// Forward-confirmed reverse DNS for host-name restrictions (spec §21 item 10).
struct DnsConfig {
  int64_t cache_ttl = 300;      // dns.cache_ttl (s), positive and negative answers
  size_t cache_entries = 4096;  // dns.cache_entries
};

// The whole server configuration (spec §16 plus design.md additions). Plain data; YAML stays in src/config.
struct ServerConfig {
  std::string issuer;  // no trailing slash
  ListenConfig listen;
  AdminConfig admin;
  DatabaseConfig database;
  std::string signing_alg = "ES512";
  std::filesystem::path signing_key_file = "signing-key.pem";
  // signing.mytoken.verification_keys_dir: keys that verify but no longer (or not yet) sign, after a rollover;
  // default: "verification-keys" next to the key file.
  std::filesystem::path verification_keys_dir;
  std::filesystem::path pepper_file = "pepper";
  std::string log_level = "info";
  std::filesystem::path log_file;  // logging.file: append logs here (reopened on SIGHUP); empty = stdout
  FeatureConfig features;
  GeoIpConfig geoip;
  DnsConfig dns;
  AuditOptions audit;  // audit.* (docs/audit.md); a relative output file is resolved against the config's directory
  std::vector<ProviderOptions> providers;
};

// Loads and validates `file`. Relative paths in it are resolved against the file's directory.
// Throws ConfigError with a message naming the key on any problem.
ServerConfig load_server_config(const std::filesystem::path& file);

// The spec's search path when no --config is given: ./config/config.yaml, then /etc/mytoken/config.yaml.
// Throws ConfigError if none exists.
std::filesystem::path find_server_config();

}  // namespace mytoken
