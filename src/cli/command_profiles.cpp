// `mytoken profiles …`: the server's profiles and templates from API/pt (cli spec §12, server spec §13.2).
#include <boost/json/array.hpp>

#include "cli/command.hpp"
#include "cli/failure.hpp"
#include "cli/json_output.hpp"

namespace mytoken::cli {
namespace {

struct Kind {
  const char* command;  // subcommand name
  const char* path;     // API/pt type
  const char* title;    // list-all section
};
constexpr Kind kKinds[] = {{"list", "profiles", "Profiles"},
                           {"capabilities", "capabilities", "Capabilities"},
                           {"restrictions", "restrictions", "Restrictions"},
                           {"rotation", "rotation", "Rotation"}};

// group → entries of one kind, in the server's group order; groups with an error or no entries are left out.
using Listing = std::vector<std::pair<std::string, boost::json::array>>;

class ProfilesCommand final : public Command {
 public:
  explicit ProfilesCommand(CLI::App& root) {
    app_ = root.add_subcommand("profiles", "The server's profiles and templates (for --profile, --capability @…)");
    app_->require_subcommand(0, 1);
    app_->add_option("--groups,--group", groups_, "Only these groups (default: all the server has)")->delimiter(',');
    groups_cmd_ = app_->add_subcommand("groups", "The template groups");
    for (const auto& k : kKinds) {
      auto* sub = app_->add_subcommand(k.command, std::string("The ") + k.path + " templates");
      kind_cmds_.push_back(sub);
    }
    kind_cmds_[0]->alias("profiles");
    all_cmd_ = app_->add_subcommand("list-all", "Every profile and template, by kind and group");
    all_cmd_->alias("all");
  }

  CLI::App* app() const override { return app_; }

  void run(Session& session) override {
    auto& api = session.client(session.configured_url());
    const auto groups = groups_of(api);
    if (groups_cmd_->parsed()) return print_groups(session, groups);
    if (all_cmd_->parsed()) return print_all(session, api, groups);
    for (size_t i = 0; i < kind_cmds_.size(); ++i) {
      if (kind_cmds_[i]->parsed()) return print_kind(session, listing(api, groups, kKinds[i].path));
    }
    print_kind(session, listing(api, groups, "profiles"));  // `mytoken profiles` alone lists the profiles
  }

 private:
  std::vector<std::string> groups_of(client::ApiClient& api) const {
    if (!groups_.empty()) return groups_;
    auto answer = value_or_fail(api.profiles(""));
    std::vector<std::string> out;
    for (const auto& g : answer.as_array()) {
      if (g.is_string()) out.emplace_back(g.as_string());
    }
    return out;
  }

  static Listing listing(client::ApiClient& api, const std::vector<std::string>& groups, const std::string& kind) {
    Listing out;
    for (const auto& g : groups) {
      auto answer = api.profiles(std::string(g).append("/").append(kind));
      if (!answer || answer->as_array().empty()) continue;
      out.emplace_back(g, std::move(answer->as_array()));
    }
    return out;
  }

  static std::string name_of(const boost::json::value& entry) {
    const auto* name = entry.is_object() ? entry.as_object().if_contains("name") : nullptr;
    return name != nullptr && name->is_string() ? std::string(name->as_string()) : std::string();
  }

  static boost::json::object as_json(const Listing& l) {
    boost::json::object o;
    for (const auto& [g, entries] : l) o[g] = entries;
    return o;
  }

  static void print_groups(Session& session, const std::vector<std::string>& groups) {
    if (session.options().json) {
      boost::json::array a;
      for (const auto& g : groups) a.emplace_back(g);
      return session.emit("", pretty_json(a));
    }
    std::string out;
    for (const auto& g : groups) out += g + "\n";
    session.emit("", out);
  }

  static void print_kind(Session& session, const Listing& l) {
    if (session.options().json) return session.emit("", pretty_json(as_json(l)));
    std::string out;
    for (const auto& [g, entries] : l) {
      out += "\nGroup: " + g + "\n----------\n";
      for (const auto& e : entries) out += "  " + name_of(e) + "\n";
    }
    session.emit("", out);
  }

  static void print_all(Session& session, client::ApiClient& api, const std::vector<std::string>& groups) {
    boost::json::object json;
    std::string out;
    for (const auto& k : kKinds) {
      const auto l = listing(api, groups, k.path);
      json[k.path] = as_json(l);
      if (l.empty()) continue;
      const std::string title = k.title;
      out += "\n" + title + ":\n" + std::string(title.size(), '=') + "\n";
      for (const auto& [g, entries] : l) {
        out += "\n  Group: " + g + "\n  ----------\n";
        for (const auto& e : entries) out += "    - " + name_of(e) + "\n";
      }
    }
    session.emit("", session.options().json ? pretty_json(json) : out);
  }

  CLI::App* app_ = nullptr;
  CLI::App* groups_cmd_ = nullptr;
  CLI::App* all_cmd_ = nullptr;
  std::vector<CLI::App*> kind_cmds_;
  std::vector<std::string> groups_;
};

}  // namespace

std::unique_ptr<Command> make_profiles_command(CLI::App& root) { return std::make_unique<ProfilesCommand>(root); }

}  // namespace mytoken::cli
