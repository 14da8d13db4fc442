// mytokend: the mytoken server. main() alone knows the concrete adapters; it owns everything, and objects
// die in reverse order of creation (the server stops before the use cases and the store).
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "audit/json_lines_audit_log.hpp"
#include "config/server_config.hpp"
#include "config/server_options.hpp"
#include "crypto/jws.hpp"
#include "crypto/server_secret.hpp"
#include "crypto/system_random.hpp"
#include "domain/templates/builtin_templates.hpp"
#include "http/http_server.hpp"
#include "http/router.hpp"
#include "http/routes/api_routes.hpp"
#include "net/fcrdns_resolver.hpp"
#include "net/maxmind_geoip.hpp"
#include "oidc/curl_oidc_provider.hpp"
#include "service/access_tokens/issue_access_token.hpp"
#include "service/common/discovery.hpp"
#include "service/common/purge_job.hpp"
#include "service/common/verified_token_cache.hpp"
#include "service/minting/server_templates.hpp"
#include "service/rate_limits/request_rate_limit.hpp"
#include "store/files/template_directory.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace {

using namespace mytoken;

class SystemClock final : public Clock {
 public:
  int64_t now() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

int fail(const std::string& message) {
  std::fprintf(stderr, "mytokend: %s\n", message.c_str());
  return 1;
}

int usage() {
  std::fprintf(stderr, "usage: mytokend [migrate] [--config FILE] [--version]\n");
  return 2;
}

// The store of the configured backend, migrated (for PostgreSQL safely when several instances start at once).
Result<std::unique_ptr<Store>> open_store(const DatabaseConfig& database) {
  if (database.backend == "postgres") return open_postgres_store(postgres_options(database));
  return open_sqlite_store(sqlite_options(database));
}

// `mytokend migrate`: creates or upgrades the schema, then exits (0 on success).
int migrate_only(const ServerConfig& config) {
  if (config.database.backend == "postgres") {
    if (auto migrated = migrate_postgres_database(postgres_options(config.database)); !migrated) {
      return fail("database migration: " + migrated.error().log_detail);
    }
  } else if (auto store = open_store(config.database); !store) {  // opening a SQLite file migrates it
    return fail("database migration: " + store.error().log_detail);
  }
  std::printf("mytokend: database schema is up to date\n");
  return 0;
}

// The base templates of spec §13: built-ins first, so the operator's files replace same-named ones; those written
// through API/pt (in the store) replace both (docs/profiles.md).
Result<TemplateCatalogue> load_templates(const std::filesystem::path& dir) {
  TemplateCatalogue catalogue;
  for (auto& e : builtin_templates()) catalogue.put(std::move(e));
  if (dir.empty()) return catalogue;
  auto files = load_template_directory(dir);
  if (!files) return files.error();
  for (auto& e : *files) catalogue.put(std::move(e));
  spdlog::info("loaded {} operator templates from {}", files->size(), dir.string());
  return catalogue;
}

int run(const ServerConfig& config) {
  spdlog::set_level(spdlog::level::from_str(config.log_level));
  auto alg = jws_alg_from_name(config.signing_alg);
  if (!alg) return fail("config key 'signing.mytoken.alg': unsupported algorithm '" + config.signing_alg + "'");
  auto signing_key = SigningKey::load_or_create(config.signing_key_file, *alg);
  if (!signing_key)
    return fail("signing key " + config.signing_key_file.string() + ": " + signing_key.error().description);
  auto secret = ServerSecret::load_or_create(config.pepper_file);
  if (!secret) return fail("server secret " + config.pepper_file.string() + ": " + secret.error().description);
  auto store = open_store(config.database);
  if (!store) return fail("database (" + config.database.backend + "): " + store.error().log_detail);

  std::vector<std::unique_ptr<OidcProvider>> owned_providers;
  for (const auto& options : config.providers) {
    auto provider = make_curl_oidc_provider(options);
    if (!provider) return fail("provider " + options.issuer + ": " + provider.error().log_detail);
    owned_providers.push_back(std::move(*provider));
  }
  auto directory = OidcProviders::create(std::move(owned_providers));
  if (!directory) return fail("providers: " + directory.error().description);

  SystemClock clock;
  SystemRandom random;
  const ServiceOptions options = service_options(config);

  // Restriction matching (spec §6.2): forward-confirmed reverse DNS and geo-IP, both with small caches.
  auto resolver = make_fcrdns_resolver(resolver_options(config));
  auto geoip = open_maxmind_geoip(geoip_options(config));
  if (!geoip) return fail("config key 'geo_ip_db_file': " + geoip.error().description);
  MatchEnvironment match_env;
  match_env.host_names_of = [r = resolver.get()](std::string_view ip) { return r->confirmed_names(ip); };
  match_env.country_of = [g = geoip->get()](std::string_view ip) { return g->country_of(ip); };
  VerifiedTokenCache verified_tokens(config.listen.verified_token_cache);
  ServiceCounters counters;
  ServiceContext ctx{**store, *directory, *signing_key, *secret, clock,
                     random,  counters,   match_env,    options, &verified_tokens};
  RequestRateLimiter request_limits(**store, clock, *secret, config.features.request_rate_limit);
  ctx.request_limits = &request_limits;  // per client IP in the routes, per token in validate_mytoken
  auto templates = load_templates(config.features.server_profiles_dir);
  if (!templates) return fail("config key 'features.server_profiles.dir': " + templates.error().log_detail);
  ServerTemplates server_templates(**store, random, std::move(*templates));
  ctx.templates = &server_templates;
  std::unique_ptr<JsonLinesAuditLog> audit_log;  // docs/audit.md; reopen() is for SIGHUP (logrotate)
  if (config.audit.enabled) {
    auto opened = JsonLinesAuditLog::open(config.audit.output);
    if (!opened) return fail("config key 'audit.output': " + opened.error().log_detail);
    audit_log = std::move(*opened);
    ctx.audit = audit_log.get();
  }
  TemplateWriters template_writers(config.features.server_profile_groups);
  IssueAccessToken issue_access_token(ctx);

  RouteDeps deps{ctx,
                 issue_access_token,
                 discovery_document(options, *directory, config.signing_alg, discovery_features(config)),
                 boost::json::object{{"keys", boost::json::array{signing_key->public_jwk()}}},
                 config.features.server_profiles,
                 &template_writers};
  Router router;
  register_api_routes(router, deps);

  // Expired codes, pending logins and rate-limit counters (docs/tokens.md); stops before the store goes.
  PurgeJob purge_job(**store, clock, purge_options(config));
  purge_job.start();

  HttpServer server(http_server_options(config), router);
  if (auto started = server.start(); !started) return fail("cannot listen: " + started.error().log_detail);
  spdlog::info("mytokend {} listening on {}:{} as {}", MYTOKEN_VERSION, config.listen.address, server.port(),
               config.issuer);
  server.run_until_signal();
  spdlog::info("mytokend stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string config_file;
  bool migrate = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (i == 1 && arg == "migrate") {
      migrate = true;
      continue;
    }
    if (arg == "--version") {
      std::printf("mytokend %s\n", MYTOKEN_VERSION);
      return 0;
    }
    if (arg == "--config" && i + 1 < argc) {
      config_file = argv[++i];
    } else if (arg.rfind("--config=", 0) == 0) {
      config_file = arg.substr(9);
    } else {
      return usage();
    }
  }
  try {
    const auto path = config_file.empty() ? find_server_config() : std::filesystem::path(config_file);
    const auto config = load_server_config(path);
    return migrate ? migrate_only(config) : run(config);
  } catch (const ConfigError& e) {
    return fail(e.what());
  }
}
