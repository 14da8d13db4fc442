#pragma once

#include "config/server_config.hpp"
#include "crypto/signing_key_ring.hpp"
#include "http/http_server.hpp"
#include "net/fcrdns_resolver.hpp"
#include "net/maxmind_geoip.hpp"
#include "service/common/discovery.hpp"
#include "service/common/purge_job.hpp"
#include "service/common/service_context.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace mytoken {

// The options objects of every layer, from a loaded config.yaml: main() only wires what these describe.
PostgresOptions postgres_options(const DatabaseConfig& database);
SqliteOptions sqlite_options(const DatabaseConfig& database);
ServiceOptions service_options(const ServerConfig& config);
DiscoveryFeatures discovery_features(const ServerConfig& config);
ResolverOptions resolver_options(const ServerConfig& config);
GeoIpOptions geoip_options(const ServerConfig& config);
PurgeOptions purge_options(const ServerConfig& config);
HttpServerOptions http_server_options(const ServerConfig& config);
// Throws ConfigError for an unsupported signing.mytoken.alg.
SigningKeyFiles signing_key_files(const ServerConfig& config);
// The admin listener: admin.listen, the API listener's timeouts, small pools (nothing there blocks for long).
HttpServerOptions admin_server_options(const ServerConfig& config);

}  // namespace mytoken
