#include "cli/client_config.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/failure.hpp"

namespace mytoken::cli {

std::optional<std::string> ClientConfig::provider_issuer(const std::string& name) const {
  for (const auto& [short_name, issuer] : providers) {
    if (short_name == name) return issuer;
  }
  return std::nullopt;
}

std::optional<std::string> find_config_file(const std::string& explicit_path, const Environment& env) {
  if (!explicit_path.empty()) return explicit_path;
  std::vector<std::string> candidates;
  const auto home = env.non_empty("HOME");
  if (const auto xdg = env.non_empty("XDG_CONFIG_HOME")) {
    candidates.push_back(*xdg + "/mytoken/config.yaml");
  } else if (home) {
    candidates.push_back(*home + "/.config/mytoken/config.yaml");
  }
  if (home) candidates.push_back(*home + "/.mytoken/config.yaml");
  for (const auto& c : candidates) {
    std::error_code ec;
    if (std::filesystem::exists(c, ec)) return c;
  }
  return std::nullopt;
}

ClientConfig parse_client_config(const std::string& yaml, const std::string& origin) {
  ClientConfig config;
  config.loaded_from = origin;
  try {
    const YAML::Node root = YAML::Load(yaml);
    if (!root || root.IsNull()) return config;
    if (!root.IsMap()) usage_error("config file " + origin + ": expected a mapping at the top level");
    if (root["instance"]) config.instance = root["instance"].as<std::string>();
    if (root["token_name_prefix"]) config.token_name_prefix = root["token_name_prefix"].as<std::string>();
    if (root["default_token_capabilities"]) {
      config.default_token_capabilities = root["default_token_capabilities"].as<std::vector<std::string>>();
    }
    if (root["default_provider"]) config.default_provider = root["default_provider"].as<std::string>();
    if (root["use_wlcg_token_discovery"]) {
      config.use_wlcg_token_discovery = root["use_wlcg_token_discovery"].as<bool>();
    }
    if (const auto providers = root["providers"]) {
      if (!providers.IsMap()) usage_error("config file " + origin + ": 'providers' must map names to issuer URLs");
      for (const auto& entry : providers) {
        config.providers.emplace_back(entry.first.as<std::string>(), entry.second.as<std::string>());
      }
    }
  } catch (const YAML::Exception& e) {
    usage_error("config file " + origin + ": " + e.what());
  }
  return config;
}

ClientConfig load_client_config(const std::string& explicit_path, const Environment& env) {
  const auto path = find_config_file(explicit_path, env);
  if (!path) return ClientConfig{};
  std::ifstream in(*path);
  if (!in) return ClientConfig{};  // cli spec §2: a missing file is not an error
  std::ostringstream text;
  text << in.rdbuf();
  return parse_client_config(text.str(), *path);
}

}  // namespace mytoken::cli
