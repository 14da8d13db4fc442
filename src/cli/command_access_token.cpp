// `mytoken AT [COMMENT]`: an OIDC access token from a mytoken (cli spec §6).
#include "cli/command.hpp"
#include "cli/failure.hpp"
#include "cli/json_output.hpp"

namespace mytoken::cli {
namespace {

class AccessTokenCommand final : public Command {
 public:
  explicit AccessTokenCommand(CLI::App& root) {
    app_ = root.add_subcommand("AT", "Print an OIDC access token obtained with a mytoken");
    app_->alias("at");
    app_->alias("access-token");
    app_->add_option("comment", comment_, "A comment stored with the access token at the server");
    app_->add_option("-s,--scope,--scopes", scopes_, "Scope(s) to request (repeat or separate with ',')")
        ->delimiter(',')
        ->allow_extra_args(false);
    app_->add_option("--aud,--audience,--audiences", audiences_, "Audience(s) to request (repeat or separate with ',')")
        ->delimiter(',')
        ->allow_extra_args(false);
    app_->add_option("-o,--out", out_, "Write the access token to FILE (created with mode 0600)");
    add_token_flags(*app_, token_flags_);
  }

  CLI::App* app() const override { return app_; }

  void run(Session& session) override {
    FoundToken token = session.require_token(token_flags_);
    auto& api = session.client(session.server_for(token));
    auto answer = value_or_fail(api.access_token({token.token, scopes_, audiences_, comment_}));
    session.store_token_update(token, answer.token_update);
    if (answer.access_token.empty()) fail(ExitCode::kServer, "server returned empty access token");
    session.emit(out_, session.options().json ? pretty_json(answer.json) : answer.access_token + "\n");
  }

 private:
  CLI::App* app_ = nullptr;
  TokenFlags token_flags_;
  std::string comment_;
  std::vector<std::string> scopes_;
  std::vector<std::string> audiences_;
  std::string out_;
};

}  // namespace

std::unique_ptr<Command> make_access_token_command(CLI::App& root) {
  return std::make_unique<AccessTokenCommand>(root);
}

}  // namespace mytoken::cli
