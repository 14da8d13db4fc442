// `mytoken revoke`: revoke a mytoken, or another one of the same user by its MOM-ID (cli spec §11).
#include "cli/command.hpp"
#include "cli/failure.hpp"
#include "cli/json_output.hpp"

namespace mytoken::cli {
namespace {

class RevokeCommand final : public Command {
 public:
  explicit RevokeCommand(CLI::App& root) {
    app_ = root.add_subcommand("revoke", "Revoke a mytoken (or, with --mom-id, another one of yours)");
    app_->add_flag("-r,--recursive", recursive_, "Also revoke all its sub-tokens");
    app_->add_option("--mom-id,--MOM-ID,--mom,--MOM", mom_id_,
                     "Revoke the token with this MOM-ID, authorised by the given mytoken")
        ->envname("MOM_ID");
    add_token_flags(*app_, token_flags_);
  }

  CLI::App* app() const override { return app_; }

  void run(Session& session) override {
    FoundToken token = session.require_token(token_flags_);
    auto& api = session.client(session.server_for(token));
    auto answer = value_or_fail(api.revoke({token.token, mom_id_, recursive_}));
    // Only revocation by MOM-ID uses the presented token (and may rotate it); revoking it itself ends it.
    if (!mom_id_.empty()) session.store_token_update(token, answer.token_update);
    if (session.options().json) {
      boost::json::object result{{"revoked", true}, {"recursive", recursive_}};
      if (!mom_id_.empty()) result["mom_id"] = mom_id_;
      return session.emit("", pretty_json(result));
    }
    session.emit("", "Token revoked\n");
  }

 private:
  CLI::App* app_ = nullptr;
  TokenFlags token_flags_;
  bool recursive_ = false;
  std::string mom_id_;
};

}  // namespace

std::unique_ptr<Command> make_revoke_command(CLI::App& root) { return std::make_unique<RevokeCommand>(root); }

}  // namespace mytoken::cli
