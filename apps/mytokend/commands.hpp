#pragma once
// mytokend's commands (main.cpp parses the command line): serving, and the admin commands of
// docs/operations.md. Each returns the process's exit code and reports problems on stderr.

#include <filesystem>
#include <memory>
#include <string>

#include "config/server_config.hpp"
#include "domain/ports/store.hpp"
#include "domain/result.hpp"
#include "domain/templates/template_catalogue.hpp"

namespace mytoken {

int fail(const std::string& message);  // prints "mytokend: <message>", returns 1

// The store of the configured backend, migrated (for PostgreSQL safely when several instances start at once).
Result<std::unique_ptr<Store>> open_store(const DatabaseConfig& database);
// The base templates of spec §13: built-ins, then the operator's files in `dir` (if set).
Result<TemplateCatalogue> load_templates(const std::filesystem::path& dir);

int run(const ServerConfig& config);  // the server, until SIGTERM/SIGINT
int migrate_database(const ServerConfig& config);
int check_config(const ServerConfig& config, const std::filesystem::path& file);
int backup_database(const ServerConfig& config, const std::filesystem::path& destination);

enum class KeyCommand { kList, kRotate, kStage, kActivate, kRetire };
int manage_signing_keys(const ServerConfig& config, KeyCommand command, const std::string& kid);

}  // namespace mytoken
