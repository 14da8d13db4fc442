// mytokend: the mytoken server. main() alone knows the concrete adapters; it owns everything, and objects
// die in reverse order of creation (the server stops before the use cases and the store).
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "config/server_config.hpp"
#include "crypto/jws.hpp"
#include "crypto/server_secret.hpp"
#include "crypto/system_random.hpp"
#include "http/http_server.hpp"
#include "http/router.hpp"
#include "http/routes/api_routes.hpp"
#include "oidc/curl_oidc_provider.hpp"
#include "service/discovery.hpp"
#include "service/issue_access_token.hpp"
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
  std::fprintf(stderr, "usage: mytokend [--config FILE] [--version]\n");
  return 2;
}

int run(const ServerConfig& config) {
  spdlog::set_level(spdlog::level::from_str(config.log_level));
  auto alg = jws_alg_from_name(config.signing_alg);
  if (!alg) return fail("config key 'signing.mytoken.alg': unsupported algorithm '" + config.signing_alg + "'");
  auto signing_key = SigningKey::load_or_create(config.signing_key_file, *alg);
  if (!signing_key) return fail("signing key " + config.signing_key_file.string() + ": " + signing_key.error().description);
  auto secret = ServerSecret::load_or_create(config.pepper_file);
  if (!secret) return fail("server secret " + config.pepper_file.string() + ": " + secret.error().description);
  auto store = open_sqlite_store(SqliteOptions{.file = config.database.path});
  if (!store) return fail("database " + config.database.path.string() + ": " + store.error().log_detail);

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
  ServiceOptions options{.issuer = config.issuer,
                         .polling_code_len = config.features.polling_code_len,
                         .polling_code_lifetime = config.features.polling_code_lifetime,
                         .polling_interval = config.features.polling_interval,
                         .pending_login_lifetime = config.features.pending_login_lifetime};
  ServiceContext ctx{**store, *directory, *signing_key, *secret, clock, random, MatchEnvironment{}, options};
  IssueAccessToken issue_access_token(ctx);

  RouteDeps deps{ctx, issue_access_token,
                 discovery_document(options, *directory, config.signing_alg,
                                    DiscoveryFeatures{config.features.token_revocation,
                                                      config.features.tokeninfo_introspect}),
                 boost::json::object{{"keys", boost::json::array{signing_key->public_jwk()}}}};
  Router router;
  register_api_routes(router, deps);

  HttpServerOptions http;
  http.address = config.listen.address;
  http.port = config.listen.port;
  http.io_threads = config.listen.io_threads;
  http.worker_threads = config.listen.worker_threads;
  http.body_limit = config.listen.body_limit;
  http.trusted_proxies = config.listen.trusted_proxies;
  HttpServer server(http, router);
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
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
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
    return run(load_server_config(path));
  } catch (const ConfigError& e) {
    return fail(e.what());
  }
}
