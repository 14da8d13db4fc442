// mytokend's admin commands (docs/operations.md): migrate, check-config, backup, keys.
#include <cstdio>
#include <string>

#include "commands.hpp"
#include "config/server_options.hpp"
#include "crypto/server_secret.hpp"
#include "crypto/signing_key_rollover.hpp"
#include "net/maxmind_geoip.hpp"
#include "oidc/curl_oidc_provider.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace mytoken {
namespace {

Result<SchemaStatus> schema_status(const DatabaseConfig& database) {
  if (database.backend == "postgres") return postgres_schema_status(postgres_options(database));
  return sqlite_schema_status(sqlite_options(database));
}

// check-config's steps: each returns what it found, or the problem.
Result<std::string> check_signing_keys(const ServerConfig& config) {
  const SigningKeyFiles files = signing_key_files(config);
  std::error_code ec;
  if (!std::filesystem::exists(files.current_key, ec)) {
    return "signing key " + files.current_key.string() + " absent: created at the first start";
  }
  auto keys = read_signing_keys(files);
  if (!keys) return keys.error();
  return "signing key " + keys->current.key.kid() + " (" + config.signing_alg + "), " +
         std::to_string(keys->verification_only.size()) + " verification-only";
}

Result<std::string> check_server_secret(const ServerConfig& config) {
  std::error_code ec;
  if (!std::filesystem::exists(config.pepper_file, ec)) {
    return "server secret " + config.pepper_file.string() + " absent: created at the first start";
  }
  auto secret = ServerSecret::load_or_create(config.pepper_file);  // exists, so this only reads and checks it
  if (!secret) return secret.error();
  return "server secret " + config.pepper_file.string();
}

Result<std::string> check_database(const ServerConfig& config) {
  auto status = schema_status(config.database);
  if (!status) return status.error();
  const std::string where = config.database.backend == "postgres" ? "postgres" : config.database.path.string();
  if (!status->exists) return "database " + where + ": no schema yet, created at the first start";
  if (status->version > status->known) {
    return ApiError::internal("database " + where + " has schema version " + std::to_string(status->version) +
                              ", newer than this binary knows (" + std::to_string(status->known) + ")");
  }
  const auto pending = status->known - status->version;
  return "database " + where + ": schema version " + std::to_string(status->version) +
         (pending > 0 ? ", " + std::to_string(pending) + " migration(s) pending" : ", up to date");
}

Result<std::string> check_providers(const ServerConfig& config) {
  for (const auto& options : config.providers) {
    if (auto provider = make_curl_oidc_provider(options); !provider) {
      return ApiError::internal("provider " + options.issuer + ": " + provider.error().log_detail);
    }
  }
  return std::to_string(config.providers.size()) + " provider(s) (their metadata is fetched at first use)";
}

Result<std::string> check_templates(const ServerConfig& config) {
  auto templates = load_templates(config.features.server_profiles_dir);
  if (!templates) return ApiError::internal("features.server_profiles.dir: " + templates.error().log_detail);
  return std::string("templates");
}

Result<std::string> check_geoip(const ServerConfig& config) {
  auto geoip = open_maxmind_geoip(geoip_options(config));
  if (!geoip) return ApiError::internal("geo_ip_db_file: " + geoip.error().description);
  return std::string("geo-IP database");
}

std::string reason(const ApiError& e) { return e.log_detail.empty() ? e.description : e.log_detail; }

}  // namespace

int migrate_database(const ServerConfig& config) {
  if (config.database.backend == "postgres") {
    if (auto migrated = migrate_postgres_database(postgres_options(config.database)); !migrated) {
      return fail("database migration: " + reason(migrated.error()));
    }
  } else if (auto store = open_store(config.database); !store) {  // opening a SQLite file migrates it
    return fail("database migration: " + reason(store.error()));
  }
  std::printf("mytokend: database schema is up to date\n");
  return 0;
}

int check_config(const ServerConfig& config, const std::filesystem::path& file) {
  using Check = Result<std::string> (*)(const ServerConfig&);
  int problems = 0;
  for (Check check :
       {check_signing_keys, check_server_secret, check_providers, check_templates, check_geoip, check_database}) {
    auto found = check(config);
    if (found) {
      std::printf("ok: %s\n", found->c_str());
    } else {
      std::fprintf(stderr, "mytokend: check-config: %s\n", reason(found.error()).c_str());
      ++problems;
    }
  }
  if (problems > 0) return fail(file.string() + ": " + std::to_string(problems) + " problem(s)");
  std::printf("mytokend: %s is valid\n", file.string().c_str());
  return 0;
}

int backup_database(const ServerConfig& config, const std::filesystem::path& destination) {
  if (config.database.backend == "postgres") {
    return fail("backup: the database is PostgreSQL; back it up with pg_dump (docs/operations.md)");
  }
  if (auto done = backup_sqlite_database(sqlite_options(config.database), destination); !done) {
    return fail("backup: " + reason(done.error()));
  }
  std::printf("mytokend: backed up %s to %s\n", config.database.path.string().c_str(), destination.string().c_str());
  return 0;
}

int manage_signing_keys(const ServerConfig& config, KeyCommand command, const std::string& kid) {
  const SigningKeyFiles files = signing_key_files(config);
  auto print_kid = [](const char* what, const Result<std::string>& made) {
    if (!made) return fail("keys: " + reason(made.error()));
    std::printf("%s %s\n", what, made->c_str());
    return 0;
  };
  auto done = [&](const char* what, const Result<void>& r) {
    if (!r) return fail("keys: " + reason(r.error()));
    std::printf("%s %s\n", what, kid.c_str());
    return 0;
  };
  switch (command) {
    case KeyCommand::kRotate:
      return print_kid("current key is now", rotate_signing_key(files));
    case KeyCommand::kStage:
      return print_kid("staged verification-only key", stage_signing_key(files));
    case KeyCommand::kActivate:
      return done("current key is now", activate_signing_key(files, kid));
    case KeyCommand::kRetire:
      return done("retired key", retire_signing_key(files, kid));
    case KeyCommand::kList:
      break;
  }
  auto keys = read_signing_keys(files);
  if (!keys) return fail("keys: " + reason(keys.error()));
  std::printf("current            %s %s %s\n", keys->current.key.kid().c_str(),
              std::string(jws_alg_name(keys->current.key.alg())).c_str(), keys->current.file.string().c_str());
  for (const auto& k : keys->verification_only) {
    std::printf("verification-only  %s %s %s\n", k.key.kid().c_str(), std::string(jws_alg_name(k.key.alg())).c_str(),
                k.file.string().c_str());
  }
  return 0;
}

}  // namespace mytoken
