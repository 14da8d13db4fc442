// `mytoken transfer`: a transfer code for an existing mytoken (cli spec §9.1, §19); `mytoken MT --TC CODE`
// redeems it.
#include "cli/command.hpp"
#include "cli/display_style.hpp"
#include "cli/failure.hpp"
#include "cli/json_output.hpp"

namespace mytoken::cli {
namespace {

class TransferCommand final : public Command {
 public:
  explicit TransferCommand(CLI::App& root) {
    app_ = root.add_subcommand("transfer", "Create a transfer code for a mytoken (redeem it with `mytoken MT --TC`)");
    app_->add_option("-o,--out", out_, "Write the transfer code to FILE (created with mode 0600)");
    add_token_flags(*app_, token_flags_);
  }

  CLI::App* app() const override { return app_; }

  void run(Session& session) override {
    FoundToken token = session.require_token(token_flags_);
    auto& api = session.client(session.server_for(token));
    auto answer = value_or_fail(api.create_transfer_code(token.token));
    session.store_token_update(token, answer.token_update);
    if (session.options().json) return session.emit(out_, pretty_json(answer.json));
    if (answer.transfer_code.empty()) fail(ExitCode::kServer, "server returned no transfer code");
    session.emit(out_, answer.transfer_code + "\n");
    if (answer.expires_in > 0) {
      session.err() << "The transfer code is valid for " << human_duration(answer.expires_in)
                    << "; redeem it with: mytoken MT --TC <code>\n";
    }
  }

 private:
  CLI::App* app_ = nullptr;
  TokenFlags token_flags_;
  std::string out_;
};

}  // namespace

std::unique_ptr<Command> make_transfer_command(CLI::App& root) { return std::make_unique<TransferCommand>(root); }

}  // namespace mytoken::cli
