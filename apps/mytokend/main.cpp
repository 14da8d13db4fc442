// mytokend: the mytoken server. run() alone knows the concrete adapters; it owns everything, and objects
// die in reverse order of creation (the server stops before the use cases and the store). main() parses the
// command line; the admin commands are in admin_commands.cpp.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/json_lines_audit_log.hpp"
#include "commands.hpp"
#include "config/server_config.hpp"
#include "config/server_options.hpp"
#include "crypto/jws.hpp"
#include "crypto/server_secret.hpp"
#include "crypto/signing_key_ring.hpp"
#include "crypto/system_random.hpp"
#include "domain/templates/builtin_templates.hpp"
#include "http/http_metrics.hpp"
#include "http/http_server.hpp"
#include "http/router.hpp"
#include "http/routes/admin_routes.hpp"
#include "http/routes/api_routes.hpp"
#include "http/service_metrics.hpp"
#include "metrics/registry.hpp"
#include "net/fcrdns_resolver.hpp"
#include "net/maxmind_geoip.hpp"
#include "oidc/curl_oidc_provider.hpp"
#include "oidc/metered_oidc_provider.hpp"
#include "service/access_tokens/issue_access_token.hpp"
#include "service/common/discovery.hpp"
#include "service/common/purge_job.hpp"
#include "service/common/readiness.hpp"
#include "service/common/verified_token_cache.hpp"
#include "service/minting/server_templates.hpp"
#include "service/rate_limits/request_rate_limit.hpp"
#include "store/files/template_directory.hpp"
#include "store/metered_store.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "system/log_file.hpp"
#include "system/service_manager.hpp"

namespace mytoken {
namespace {

class SystemClock final : public Clock {
 public:
  int64_t now() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

}  // namespace

int fail(const std::string& message) {
  std::fprintf(stderr, "mytokend: %s\n", message.c_str());
  return 1;
}

Result<std::unique_ptr<Store>> open_store(const DatabaseConfig& database) {
  if (database.backend == "postgres") return open_postgres_store(postgres_options(database));
  return open_sqlite_store(sqlite_options(database));
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
  std::unique_ptr<LogFile> log_file;  // logging.file; reopened on SIGHUP
  if (!config.log_file.empty()) {
    auto opened = LogFile::install(config.log_file);
    if (!opened) return fail("config key 'logging.file': " + opened.error().log_detail);
    log_file = std::move(*opened);
  }
  auto signing_keys = SigningKeyRing::open(signing_key_files(config), [](bool failed, const std::string& message) {
    failed ? spdlog::error("{}", message) : spdlog::info("{}", message);
  });
  if (!signing_keys) return fail(signing_keys.error().log_detail);
  auto secret = ServerSecret::load_or_create(config.pepper_file);
  if (!secret) return fail("server secret " + config.pepper_file.string() + ": " + secret.error().description);
  metrics::Registry registry;  // the admin listener's /metrics (docs/monitoring.md)
  auto store = open_store(config.database);
  if (!store) return fail("database (" + config.database.backend + "): " + store.error().log_detail);
  *store = metered_store(std::move(*store), registry, config.database.pool_size);

  OpMetrics op_metrics(registry);
  std::vector<std::unique_ptr<OidcProvider>> owned_providers;
  for (const auto& options : config.providers) {
    auto provider = make_curl_oidc_provider(options);
    if (!provider) return fail("provider " + options.issuer + ": " + provider.error().log_detail);
    owned_providers.push_back(metered_oidc_provider(std::move(*provider), op_metrics));
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
  ServiceContext ctx{**store, *directory, **signing_keys, *secret, clock,
                     random,  counters,   match_env,      options, &verified_tokens};
  RequestRateLimiter request_limits(**store, clock, *secret, config.features.request_rate_limit);
  ctx.request_limits = &request_limits;  // per client IP in the routes, per token in validate_mytoken
  register_service_metrics(registry, counters, &request_limits, MYTOKEN_VERSION);
  auto templates = load_templates(config.features.server_profiles_dir);
  if (!templates) return fail("config key 'features.server_profiles.dir': " + templates.error().log_detail);
  ServerTemplates server_templates(**store, random, std::move(*templates));
  ctx.templates = &server_templates;
  std::unique_ptr<JsonLinesAuditLog> audit_log;  // docs/audit.md; reopened on SIGHUP (logrotate)
  if (config.audit.enabled) {
    auto opened = JsonLinesAuditLog::open(config.audit.output);
    if (!opened) return fail("config key 'audit.output': " + opened.error().log_detail);
    audit_log = std::move(*opened);
    ctx.audit = audit_log.get();
  }
  TemplateWriters template_writers(config.features.server_profile_groups);
  IssueAccessToken issue_access_token(ctx);

  RouteDeps deps{ctx, issue_access_token,
                 discovery_document(options, *directory, config.signing_alg, discovery_features(config)),
                 config.features.server_profiles, &template_writers};
  Router router;
  register_api_routes(router, deps);

  // Expired codes, pending logins and rate-limit counters (docs/tokens.md); stops before the store goes.
  PurgeJob purge_job(**store, clock, purge_options(config));
  purge_job.start();

  HttpMetrics http_metrics(registry, router.patterns());
  auto server_options = http_server_options(config);
  server_options.observer = &http_metrics;
  HttpServer server(server_options, router);
  if (auto started = server.start(); !started) return fail("cannot listen: " + started.error().log_detail);

  // The admin listener (admin.listen; off if ""): metrics and health probes, never on the public port.
  Readiness readiness(**store, *directory);
  Router admin_router;
  register_admin_routes(admin_router, registry, [&readiness] { return readiness.not_ready_reason(); });
  std::optional<HttpServer> admin_server;
  if (config.admin.enabled) {
    admin_server.emplace(admin_server_options(config), admin_router);
    if (auto started = admin_server->start(); !started) {
      return fail("cannot listen (admin.listen): " + started.error().log_detail);
    }
  }
  spdlog::info("mytokend {} listening on {}:{} as {}", MYTOKEN_VERSION, config.listen.address, server.port(),
               config.issuer);
  ServiceManager systemd;  // Type=notify (docs/packaging.md): the store is migrated and the port accepts now
  systemd.ready();
  SignalHooks hooks;
  hooks.on_terminate = [&systemd] { systemd.stopping(); };
  hooks.on_hangup = [&log_file, &audit_log] {  // caught even without log files: SIGHUP must not end the server
    if (log_file) log_file->reopen();
    if (audit_log) audit_log->reopen();
  };
  server.run_until_signal(hooks);
  spdlog::info("mytokend stopped");
  return 0;
}

}  // namespace mytoken

// mytokend [--config FILE] [serve] | migrate | check-config | backup FILE | keys list|rotate|stage|activate|retire
int main(int argc, char** argv) {
  using namespace mytoken;
  CLI::App app{"mytokend: the mytoken server", "mytokend"};
  app.set_version_flag("--version", std::string("mytokend ") + MYTOKEN_VERSION);
  std::string config_file;
  app.add_option("--config", config_file, "config.yaml (default: ./config/config.yaml, then /etc/mytoken/)");
  app.require_subcommand(0, 1);
  app.fallthrough();
  app.add_subcommand("serve", "run the server (also without a command)");
  auto* migrate = app.add_subcommand("migrate", "create or upgrade the database schema, then exit");
  auto* check = app.add_subcommand("check-config", "check the config, keys, templates and database; change nothing");
  auto* backup = app.add_subcommand("backup", "copy the live SQLite database into a new file");
  std::string backup_file;
  backup->add_option("file", backup_file, "the new file")->required();
  auto* keys = app.add_subcommand("keys", "signing-key rollover (docs/operations.md)")->require_subcommand(1);
  std::string kid;
  std::map<CLI::App*, KeyCommand> key_commands = {
      {keys->add_subcommand("list", "the current and the verification-only keys"), KeyCommand::kList},
      {keys->add_subcommand("rotate", "a new key signs from now on; the old one still verifies"), KeyCommand::kRotate},
      {keys->add_subcommand("stage", "a new verification-only key, to copy to every instance before activating"),
       KeyCommand::kStage},
      {keys->add_subcommand("activate", "a verification-only key becomes the current one"), KeyCommand::kActivate},
      {keys->add_subcommand("retire", "delete a verification-only key: its tokens are refused"), KeyCommand::kRetire}};
  for (auto& [sub, command] : key_commands) {
    if (command == KeyCommand::kActivate || command == KeyCommand::kRetire) sub->add_option("kid", kid)->required();
  }
  CLI11_PARSE(app, argc, argv);
  try {
    const auto path = config_file.empty() ? find_server_config() : std::filesystem::path(config_file);
    const auto config = load_server_config(path);
    if (migrate->parsed()) return migrate_database(config);
    if (check->parsed()) return check_config(config, path);
    if (backup->parsed()) return backup_database(config, backup_file);
    for (auto& [sub, command] : key_commands) {
      if (sub->parsed()) return manage_signing_keys(config, command, kid);
    }
    return run(config);
  } catch (const ConfigError& e) {
    return fail(e.what());
  }
}
