#include "cli/app.hpp"

#include <unistd.h>

#include <iostream>
#include <memory>
#include <vector>

#include "cli/command.hpp"
#include "cli/failure.hpp"

#ifndef MYTOKEN_VERSION
#define MYTOKEN_VERSION "0.0.0"
#endif

namespace mytoken::cli {
namespace {

constexpr const char* kFooter =
    "Exit status: 0 success, 1 local failure, 2 usage error (also: no mytoken found), 3 error answered by the "
    "server, 4 server not reachable (network/TLS/timeout).\n"
    "Documentation: docs/cli.md, https://mytoken-docs.data.kit.edu/client/intro";

void define_global_options(CLI::App& app, GlobalOptions& options) {
  const char* group = "Global options (anywhere on the command line)";
  app.add_option("--url,--mytoken-url", options.url, "The mytoken server (default: the token's issuer, else config)")
      ->envname("MYTOKEN_URL")
      ->group(group);
  app.add_option("--config", options.config_file, "Client config file (default ~/.config/mytoken/config.yaml)")
      ->envname("MYTOKEN_CONFIG")
      ->group(group);
  app.add_flag("--json", options.json, "Print the server's JSON instead of the human-readable form")->group(group);
  app.add_flag("--no-color", options.no_color, "No ANSI colours")->group(group);
  app.add_flag("--insecure", options.insecure, "Do NOT verify TLS certificates (testing only)")->group(group);
  app.add_option("--timeout", options.timeout_seconds, "Seconds per HTTP request (default 20)")
      ->check(CLI::Range(1, 3600))
      ->group(group);
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"mytoken: command line client for mytoken servers", "mytoken"};
  app.footer(kFooter);
  app.set_version_flag("-v,--version", std::string("mytoken version ") + MYTOKEN_VERSION);
  app.require_subcommand(0, 1);
  // Flags of a parent command are accepted after a subcommand too (cli spec §1): unknown options fall through.
  app.fallthrough();
  GlobalOptions options;
  define_global_options(app, options);

  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(make_access_token_command(app));
  commands.push_back(make_mytoken_command(app));
  commands.push_back(make_transfer_command(app));
  commands.push_back(make_info_command(app));
  commands.push_back(make_revoke_command(app));
  commands.push_back(make_server_config_command(app));
  commands.push_back(make_profiles_command(app));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);  // --help, --version
    std::cerr << "Incorrect Usage: " << e.what() << "\n";
    std::cerr << "Run 'mytoken --help' (or 'mytoken COMMAND --help') for the commands and flags.\n";
    return static_cast<int>(ExitCode::kUsage);
  }
  if (app.get_subcommands().empty()) {
    std::cout << app.help();
    return 0;
  }
  if (options.config_file.empty()) {
    if (const char* conf = std::getenv("MYTOKEN_CONF")) options.config_file = conf;
  }
  try {
    Session session(options, process_environment(), std::cout, std::cerr, ::isatty(STDOUT_FILENO) != 0,
                    ::isatty(STDERR_FILENO) != 0);
    for (auto& command : commands) {
      if (command->app()->parsed()) {
        command->run(session);
        break;
      }
    }
    std::cout.flush();
    return 0;
  } catch (const Failure& f) {
    std::cout.flush();
    std::cerr << f.what() << "\n";
    return static_cast<int>(f.code());
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::kFailure);
  }
}

}  // namespace mytoken::cli
