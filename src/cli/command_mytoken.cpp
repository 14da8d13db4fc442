// `mytoken MT`: a new mytoken — a sub-token of a given mytoken, the result of an OIDC login, or the token behind
// a transfer code (cli spec §7, §8, §9.2).
#include "cli/command.hpp"
#include "cli/failure.hpp"
#include "cli/json_output.hpp"
#include "cli/mytoken_request_flags.hpp"
#include "cli/oidc_login.hpp"
#include "client/unverified_jwt.hpp"

namespace mytoken::cli {
namespace {

class MytokenCommand final : public Command {
 public:
  explicit MytokenCommand(CLI::App& root) {
    app_ = root.add_subcommand("MT", "Create a mytoken: a sub-token of a mytoken, or via an OIDC login");
    app_->alias("mt");
    app_->alias("mytoken");
    auto& f = flags_;
    auto& r = f.restrictions;
    const char* restrictions = "Restrictions";
    app_->add_option("--restrictions,--restriction", r.restrictions,
                     "Restrictions as JSON, a file (./f, /f, ~/f or @f) or server template names; replaces the "
                     "shorthand flags")
        ->envname("MYTOKEN_RESTRICTIONS")
        ->group(restrictions);
    app_->add_option("--exp,--naf", r.exp,
                     "Expiry: unix time, +DURATION (+7d, +1h30m), \"YYYY-MM-DD HH:MM\" or ISO 8601")
        ->group(restrictions);
    app_->add_option("--nbf", r.nbf, "Not valid before (same syntax as --exp)")->group(restrictions);
    app_->add_option("-s,--scope,--scopes", r.scopes, "Allowed scope(s) for access tokens")
        ->delimiter(',')
        ->allow_extra_args(false)
        ->group(restrictions);
    app_->add_option("--aud,--audience,--audiences", r.audiences, "Allowed audience(s) for access tokens")
        ->delimiter(',')
        ->allow_extra_args(false)
        ->group(restrictions);
    app_->add_option("--ip,--ips,--host,--hosts,--ip-allow", r.hosts, "Allowed client IPs, CIDRs or host names")
        ->delimiter(',')
        ->allow_extra_args(false)
        ->group(restrictions);
    app_->add_flag("--ip-this", r.ip_this, "Allow only the IP address the server sees this request from")
        ->group(restrictions);
    app_->add_option("--geo-ip-allow", r.geoip_allow, "Allowed countries (ISO 3166 codes, e.g. de)")
        ->delimiter(',')
        ->allow_extra_args(false)
        ->group(restrictions);
    app_->add_option("--geo-ip-disallow", r.geoip_disallow, "Forbidden countries")
        ->delimiter(',')
        ->allow_extra_args(false)
        ->group(restrictions);
    usages_at_ = app_->add_option("--usages-AT,--usages-at", usages_at_value_, "How many access tokens may be obtained")
                     ->group(restrictions);
    usages_other_ =
        app_->add_option("--usages-other", usages_other_value_, "How many other uses are allowed")->group(restrictions);

    app_->add_option("--capability,--capabilities", f.capabilities,
                     "Capabilities: JSON array or space-separated names (repeatable; default from the config)")
        ->allow_extra_args(false);
    app_->add_option("--profile", f.profile, "A request template: JSON object or server profile names")
        ->envname("MYTOKEN_PROFILE");
    const char* rotation = "Rotation";
    app_->add_option("--rotation,--rotate", f.rotation.rotation, "Rotation as JSON, a file or server template names")
        ->envname("MYTOKEN_ROTATION")
        ->group(rotation);
    app_->add_flag("--rotation-on-AT,--rotate-on-AT,--rotation-on-at,--rotate-on-at", f.rotation.on_at,
                   "Rotate the token on every access token request")
        ->group(rotation);
    app_->add_flag("--rotation-on-other,--rotate-on-other", f.rotation.on_other, "Rotate the token on other uses")
        ->group(rotation);
    app_->add_flag("--rotation-auto-revoke", f.rotation.auto_revoke,
                   "Revoke the token when an outdated version of it is used")
        ->group(rotation);
    lifetime_ = app_->add_option("--rotation-lifetime", lifetime_value_,
                                 "Seconds a rotated token stays valid without being used")
                    ->group(rotation);
    app_->add_option("-n,--name", f.name, "Token name (prefixed by the config's token_name_prefix)");
    app_->add_option("--token-type", f.token_type, "token (default), short, or transfer (print a transfer code)");
    app_->add_option("-o,--out", out_, "Write the result to FILE (created with mode 0600)");

    const char* login = "OIDC login";
    app_->add_flag("--oidc", force_oidc_, "Log in at the OpenID provider even if a mytoken is available")->group(login);
    app_->add_option("-i,--provider,--issuer", provider_, "OpenID provider: issuer URL or a name from the config")
        ->envname("MYTOKEN_PROVIDER")
        ->group(login);
    app_->add_flag("--no-qr", no_qr_, "Do not draw the consent URL as a QR code")->group(login);
    app_->add_option("--TC", transfer_code_, "Exchange this transfer code for the mytoken it stands for")
        ->envname("MYTOKEN_TC");
    add_token_flags(*app_, token_flags_);
  }

  CLI::App* app() const override { return app_; }

  void run(Session& session) override {
    if (!transfer_code_.empty()) return exchange(session);
    if (usages_at_->count() > 0) flags_.restrictions.usages_at = usages_at_value_;
    if (usages_other_->count() > 0) flags_.restrictions.usages_other = usages_other_value_;
    if (lifetime_->count() > 0) flags_.rotation.lifetime = lifetime_value_;
    std::vector<std::string> warnings;
    const auto request = build_mytoken_request(flags_, session.config(), session.env().hostname, session.home(),
                                               session.now(), warnings);
    for (const auto& w : warnings) session.err() << "warning: " << w << "\n";

    std::optional<FoundToken> parent;
    if (!force_oidc_) parent = session.find_token(token_flags_);
    if (parent) {
      // Sent to the parent's own server (cli spec §17 item 4).
      auto& api = session.client(session.server_for(*parent));
      auto subtoken_request = request;
      inherit_parent_contents(subtoken_request, flags_, client::unverified_jwt_payload(parent->token));
      auto answer = value_or_fail(api.create_subtoken(parent->token, subtoken_request));
      session.store_token_update(*parent, answer.token_update);
      return print(session, answer);
    }
    auto& api = session.client(session.configured_url());
    auto login_request = request;
    std::string profile_issuer;
    if (const auto* iss = request.base.if_contains("oidc_issuer"); iss != nullptr && iss->is_string()) {
      profile_issuer = iss->get_string();
    }
    login_request.oidc_issuer = resolve_provider(provider_, profile_issuer, session.config(), api.metadata());
    print(session, run_oidc_login(session, api, login_request, !no_qr_));
  }

 private:
  void exchange(Session& session) {
    auto& api = session.client(session.configured_url());
    print(session, value_or_fail(api.exchange_transfer_code(transfer_code_)));
  }

  void print(Session& session, const client::MytokenResponse& answer) {
    if (session.options().json) return session.emit(out_, pretty_json(answer.json));
    // A transfer code has no mytoken: print the code (cli spec §9.1, §17 item 1).
    const std::string& result = answer.mytoken.empty() ? answer.transfer_code : answer.mytoken;
    if (result.empty()) fail(ExitCode::kServer, "server returned empty mytoken");
    session.emit(out_, result + "\n");
  }

  CLI::App* app_ = nullptr;
  MytokenRequestFlags flags_;
  TokenFlags token_flags_;
  CLI::Option* usages_at_ = nullptr;
  CLI::Option* usages_other_ = nullptr;
  CLI::Option* lifetime_ = nullptr;
  int64_t usages_at_value_ = 0;
  int64_t usages_other_value_ = 0;
  int64_t lifetime_value_ = 0;
  std::string out_;
  bool force_oidc_ = false;
  std::string provider_;
  bool no_qr_ = false;
  std::string transfer_code_;
};

}  // namespace

std::unique_ptr<Command> make_mytoken_command(CLI::App& root) { return std::make_unique<MytokenCommand>(root); }

}  // namespace mytoken::cli
