// `mytoken config`: the server's discovery document (cli spec §12).
#include "cli/command.hpp"
#include "cli/json_output.hpp"

namespace mytoken::cli {
namespace {

class ServerConfigCommand final : public Command {
 public:
  explicit ServerConfigCommand(CLI::App& root) {
    app_ = root.add_subcommand("config", "Print the mytoken server's configuration (discovery document)");
  }

  CLI::App* app() const override { return app_; }

  void run(Session& session) override {
    const auto& api = session.client(session.configured_url());
    session.emit("", pretty_json(api.metadata().document));
  }

 private:
  CLI::App* app_ = nullptr;
};

}  // namespace

std::unique_ptr<Command> make_server_config_command(CLI::App& root) {
  return std::make_unique<ServerConfigCommand>(root);
}

}  // namespace mytoken::cli
