#pragma once

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/session.hpp"
#include "cli/token_source.hpp"

namespace mytoken::cli {

// One `mytoken` command: it declares its CLI11 subcommand and flags, and runs once the command line is parsed.
class Command {
 public:
  virtual ~Command() = default;
  // The subcommand this command declared; run() is called if it was given on the command line.
  virtual CLI::App* app() const = 0;
  virtual void run(Session& session) = 0;
};

std::unique_ptr<Command> make_access_token_command(CLI::App& root);
std::unique_ptr<Command> make_mytoken_command(CLI::App& root);
std::unique_ptr<Command> make_transfer_command(CLI::App& root);
std::unique_ptr<Command> make_info_command(CLI::App& root);
std::unique_ptr<Command> make_revoke_command(CLI::App& root);
std::unique_ptr<Command> make_server_config_command(CLI::App& root);
std::unique_ptr<Command> make_profiles_command(CLI::App& root);

// The mytoken flags of cli spec §4.1 on `app`.
void add_token_flags(CLI::App& app, TokenFlags& flags);
// The flags given at the most specific level win over those of the parent command (cli spec §4.1).
TokenFlags merge_token_flags(const TokenFlags& specific, const TokenFlags& parent);

}  // namespace mytoken::cli
