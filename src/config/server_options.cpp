#include "config/server_options.hpp"

#include <algorithm>
#include <chrono>

namespace mytoken {

PostgresOptions postgres_options(const DatabaseConfig& database) {
  return PostgresOptions{.url = database.url, .password_file = database.password_file, .pool_size = database.pool_size};
}

SqliteOptions sqlite_options(const DatabaseConfig& database) {
  return SqliteOptions{.file = database.path, .pool_size = database.pool_size};
}

ServiceOptions service_options(const ServerConfig& config) {
  ServiceOptions options{.issuer = config.issuer,
                         .polling_code_len = config.features.polling_code_len,
                         .polling_code_lifetime = config.features.polling_code_lifetime,
                         .polling_interval = config.features.polling_interval,
                         .pending_login_lifetime = config.features.pending_login_lifetime,
                         .short_tokens_enabled = config.features.short_tokens,
                         .short_token_len = config.features.short_token_len,
                         .transfer_codes_enabled = config.features.transfer_codes,
                         .code_rate_limit = config.features.code_rate_limit,
                         .audit_hash_users = config.audit.hash_users};
  for (const auto& p : config.providers) {
    options.mytokens_max_lifetime[p.issuer] = p.mytokens_max_lifetime;
    options.access_token_reuse[p.issuer] = p.access_token_reuse;
    options.provider_policies[p.issuer] = ProviderPolicy{p.default_restrictions, p.enforced_restrictions};
  }
  return options;
}

DiscoveryFeatures discovery_features(const ServerConfig& config) {
  return DiscoveryFeatures{config.features.token_revocation, config.features.tokeninfo_introspect,
                           config.features.short_tokens, config.features.transfer_codes,
                           config.features.server_profiles};
}

ResolverOptions resolver_options(const ServerConfig& config) {
  return ResolverOptions{.cache_ttl = std::chrono::seconds(config.dns.cache_ttl),
                         .cache_entries = config.dns.cache_entries};
}

GeoIpOptions geoip_options(const ServerConfig& config) {
  return GeoIpOptions{.db_file = config.geoip.db_file,
                      .home_country = config.geoip.home_country,
                      .cache_ttl = std::chrono::seconds(config.geoip.cache_ttl)};
}

PurgeOptions purge_options(const ServerConfig& config) {
  // Rate-limit counters are kept for the longer of the two windows.
  return PurgeOptions{
      .interval = std::chrono::seconds(config.features.cleanup_interval),
      .keep_expired = config.features.cleanup_keep_expired,
      .rate_limit_window = std::max(config.features.code_rate_limit.window, config.features.request_rate_limit.window)};
}

SigningKeyFiles signing_key_files(const ServerConfig& config) {
  auto alg = jws_alg_from_name(config.signing_alg);
  if (!alg) throw ConfigError("config key 'signing.mytoken.alg': unsupported algorithm '" + config.signing_alg + "'");
  return SigningKeyFiles{config.signing_key_file, config.verification_keys_dir, *alg};
}

HttpServerOptions http_server_options(const ServerConfig& config) {
  HttpServerOptions http;
  http.address = config.listen.address;
  http.port = config.listen.port;
  http.io_threads = config.listen.io_threads;
  http.worker_threads = config.listen.worker_threads;
  http.body_limit = config.listen.body_limit;
  http.header_limit = config.listen.header_limit;
  http.read_timeout = std::chrono::seconds(config.listen.read_timeout);
  http.idle_timeout = std::chrono::seconds(config.listen.idle_timeout);
  http.max_connections = config.listen.max_connections;
  http.drain_timeout = std::chrono::seconds(config.listen.shutdown_grace);
  http.trusted_proxies = config.listen.trusted_proxies;
  return http;
}

HttpServerOptions admin_server_options(const ServerConfig& config) {
  HttpServerOptions http;
  http.address = config.admin.address;
  http.port = config.admin.port;
  http.io_threads = 1;
  http.worker_threads = 2;  // a readiness probe may wait for the database or an OP
  http.read_timeout = std::chrono::seconds(config.listen.read_timeout);
  http.idle_timeout = std::chrono::seconds(config.listen.idle_timeout);
  http.max_connections = 64;
  return http;
}

}  // namespace mytoken
