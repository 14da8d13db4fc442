// `mytoken info`: the mytoken decoded locally, and its tokeninfo views introspect, history, subtokens and
// list-mytokens (cli spec §10).
#include "cli/command.hpp"
#include "cli/failure.hpp"
#include "cli/json_output.hpp"
#include "cli/tokeninfo_rendering.hpp"
#include "client/unverified_jwt.hpp"

namespace mytoken::cli {
namespace {

enum class View { kIntrospect, kHistory, kSubtokens, kList };

struct InfoView {
  View view;
  CLI::App* app = nullptr;
  TokenFlags token_flags;
};

class InfoCommand final : public Command {
 public:
  explicit InfoCommand(CLI::App& root) {
    app_ = root.add_subcommand("info", "Show a mytoken: decoded locally, or one of the server's views of it");
    app_->alias("tokeninfo");
    app_->require_subcommand(0, 1);
    add_token_flags(*app_, token_flags_);
    add_view(View::kIntrospect, "introspect", "Validity, capabilities, restrictions and usages (server view)");
    add_view(View::kHistory, "history", "The token's events: creation, access tokens, sub-tokens, ...");
    views_.back()
        ->app
        ->add_option("--mom-id,--mom-ids", mom_ids_,
                     "Show the history of these tokens instead (MOM-IDs, 'this', 'children')")
        ->delimiter(',')
        ->allow_extra_args(false);
    add_view(View::kSubtokens, "subtokens", "The tree of sub-tokens of this token");
    views_.back()->app->alias("token-tree");
    views_.back()->app->alias("tree");
    add_view(View::kList, "list-mytokens", "All mytokens of the user (needs manage_mytokens:list)");
    views_.back()->app->alias("list");
    for (auto& v : views_) {
      if (v->view == View::kSubtokens || v->view == View::kList) {
        v->app->add_flag("--include-mom-id,--mom-ids-column", include_mom_id_, "Show the MOM-ID of every token");
      }
    }
  }

  CLI::App* app() const override { return app_; }

  void run(Session& session) override {
    for (auto& v : views_) {
      if (v->app->parsed()) return run_view(session, *v);
    }
    decode(session);
  }

 private:
  void add_view(View view, const std::string& name, const std::string& description) {
    // Heap-allocated: CLI11 keeps pointers to token_flags, which must not move when views_ grows.
    auto v = std::make_unique<InfoView>(InfoView{view, app_->add_subcommand(name, description), {}});
    add_token_flags(*v->app, v->token_flags);
    views_.push_back(std::move(v));
  }

  // Local only: no request, no server (cli spec §17 item 10).
  void decode(Session& session) {
    const FoundToken token = session.require_token(token_flags_);
    const auto payload = client::unverified_jwt_payload(token.token);
    if (!payload) {
      fail(ExitCode::kFailure, "The token is not a JWT (a short token can only be inspected with `info introspect`).");
    }
    session.emit("", pretty_json(*payload));
  }

  void run_view(Session& session, InfoView& v) {
    FoundToken token = session.require_token(merge_token_flags(v.token_flags, token_flags_));
    auto& api = session.client(session.server_for(token));
    const std::string_view action = v.view == View::kIntrospect  ? client::tokeninfo_action::kIntrospect
                                    : v.view == View::kHistory   ? client::tokeninfo_action::kEventHistory
                                    : v.view == View::kSubtokens ? client::tokeninfo_action::kSubtokens
                                                                 : client::tokeninfo_action::kListMytokens;
    auto answer = value_or_fail(
        api.tokeninfo(action, token.token, v.view == View::kHistory ? mom_ids_ : std::vector<std::string>{}));
    session.store_token_update(token, answer.token_update);
    if (session.options().json) return session.emit("", pretty_json(answer.json));
    switch (v.view) {
      case View::kIntrospect:
        return session.emit("", render_introspection(answer.json, session.now(), session.style()));
      case View::kHistory:
        return session.emit("", render_history(answer.json));
      case View::kSubtokens:
      case View::kList:
        return session.emit("", render_token_tree(answer.json, include_mom_id_, session.now(), session.style()));
    }
  }

  CLI::App* app_ = nullptr;
  TokenFlags token_flags_;
  std::vector<std::unique_ptr<InfoView>> views_;
  std::vector<std::string> mom_ids_;
  bool include_mom_id_ = false;
};

}  // namespace

std::unique_ptr<Command> make_info_command(CLI::App& root) { return std::make_unique<InfoCommand>(root); }

}  // namespace mytoken::cli
