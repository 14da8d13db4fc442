#include "config/server_config.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <iterator>

#include "util/strings.hpp"

namespace mytoken {
namespace {

template <class T>
T scalar(const YAML::Node& node, const std::string& key, T fallback) {
  if (!node || node.IsNull()) return fallback;
  if (!node.IsScalar()) throw ConfigError(fmt::format("config key '{}' must be a scalar", key));
  try {
    return node.as<T>();
  } catch (const YAML::Exception&) {
    throw ConfigError(fmt::format("config key '{}' has an invalid value '{}'", key, node.Scalar()));
  }
}

std::vector<std::string> string_list(const YAML::Node& node, const std::string& key) {
  std::vector<std::string> out;
  if (!node || node.IsNull()) return out;
  if (!node.IsSequence()) throw ConfigError(fmt::format("config key '{}' must be a list", key));
  for (const auto& item : node) out.push_back(scalar<std::string>(item, key, ""));
  return out;
}

std::string required_string(const YAML::Node& node, const std::string& key) {
  auto value = scalar<std::string>(node, key, "");
  if (value.empty()) throw ConfigError(fmt::format("config key '{}' is required", key));
  return value;
}

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// "address:port" ("[v6]:port" too) of config key `key` into `address` and `port`.
void parse_address_port(const std::string& text, const std::string& key, std::string& address, uint16_t& port) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos) throw ConfigError("config key '" + key + "' must be address:port");
  uint16_t parsed = 0;
  auto digits = std::string_view(text).substr(colon + 1);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), parsed);
  if (ec != std::errc() || end != digits.data() + digits.size()) {
    throw ConfigError("config key '" + key + "' has an invalid port");
  }
  address = text.substr(0, colon);
  if (address.size() > 2 && address.front() == '[') address = address.substr(1, address.size() - 2);
  port = parsed;
}

// admin.listen: "" turns the admin listener off (docs/monitoring.md).
void parse_admin(const YAML::Node& admin, AdminConfig& config) {
  if (!admin) return;
  if (!admin.IsMap()) throw ConfigError("config key 'admin' must be a mapping");
  if (auto value = admin["listen"]) {
    auto text = scalar<std::string>(value, "admin.listen", "");
    config.enabled = !text.empty();
    if (config.enabled) parse_address_port(text, "admin.listen", config.address, config.port);
  }
}

void parse_listen(const YAML::Node& server, ListenConfig& listen) {
  if (!server) return;
  if (auto port = server["port"]) listen.port = scalar<uint16_t>(port, "server.port", listen.port);
  if (auto value = server["listen"]) {
    parse_address_port(scalar<std::string>(value, "server.listen", ""), "server.listen", listen.address, listen.port);
  }
  listen.trusted_proxies = string_list(server["trusted_proxies"], "server.trusted_proxies");
  listen.io_threads = scalar<size_t>(server["io_threads"], "server.io_threads", listen.io_threads);
  listen.worker_threads = scalar<size_t>(server["worker_threads"], "server.worker_threads", listen.worker_threads);
  listen.body_limit = scalar<size_t>(server["request_body_limit"], "server.request_body_limit", listen.body_limit);
  listen.header_limit =
      scalar<size_t>(server["request_header_limit"], "server.request_header_limit", listen.header_limit);
  listen.read_timeout = scalar<int64_t>(server["read_timeout"], "server.read_timeout", listen.read_timeout);
  listen.idle_timeout = scalar<int64_t>(server["idle_timeout"], "server.idle_timeout", listen.idle_timeout);
  listen.max_connections = scalar<size_t>(server["max_connections"], "server.max_connections", listen.max_connections);
  listen.shutdown_grace = scalar<int64_t>(server["shutdown_grace"], "server.shutdown_grace", listen.shutdown_grace);
  if (listen.shutdown_grace < 0) throw ConfigError("config key 'server.shutdown_grace' must not be negative");
  if (listen.read_timeout <= 0 || listen.idle_timeout <= 0 || listen.max_connections == 0) {
    throw ConfigError(
        "config keys 'server.read_timeout', 'server.idle_timeout' and 'server.max_connections' must be positive");
  }
  listen.verified_token_cache =
      scalar<size_t>(server["verified_token_cache"], "server.verified_token_cache", listen.verified_token_cache);
  if (listen.io_threads == 0 || listen.worker_threads == 0) {
    throw ConfigError("config keys 'server.io_threads' and 'server.worker_threads' must be positive");
  }
}

// providers[].enforced_restrictions (spec §16). Claim sources other than the user's own claims (ID token, then
// userinfo: keys issuer/op/default/userinfo) are refused: this server queries no other URL for claims.
void parse_enforced_restrictions(const YAML::Node& node, const std::string& key, EnforcedRestrictions& e) {
  if (!node || node.IsNull()) return;
  if (!node.IsMap()) throw ConfigError(fmt::format("config key '{}' must be a mapping", key));
  e.enabled = true;
  const auto sources = node["claim_sources"];
  if (!sources || !sources.IsMap() || sources.size() != 1) {
    throw ConfigError(fmt::format("config key '{}.claim_sources' must map one source to a claim name", key));
  }
  const auto source = sources.begin()->first.as<std::string>();
  if (source != "issuer" && source != "op" && source != "default" && source != "userinfo") {
    throw ConfigError(
        fmt::format("config key '{}.claim_sources': unsupported source '{}' (use userinfo)", key, source));
  }
  e.claim = scalar<std::string>(sources.begin()->second, key + ".claim_sources", "");
  if (e.claim.empty()) throw ConfigError(fmt::format("config key '{}.claim_sources' names no claim", key));
  e.forbid_on_default = scalar<bool>(node["forbid_on_default"], key + ".forbid_on_default", false);
  e.default_template = scalar<std::string>(node["default_template"], key + ".default_template", "");
  e.help_html = scalar<std::string>(node["help_html"], key + ".help_html", "");
  if (const auto file = scalar<std::string>(node["help_html_file"], key + ".help_html_file", ""); !file.empty()) {
    std::ifstream in(file);
    if (!in) throw ConfigError(fmt::format("config key '{}.help_html_file': cannot read {}", key, file));
    e.help_html.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (const auto mapping = node["mapping"]) {
    if (!mapping.IsMap()) throw ConfigError(fmt::format("config key '{}.mapping' must be a mapping", key));
    for (const auto& m : mapping) {
      e.mapping.emplace_back(m.first.as<std::string>(), scalar<std::string>(m.second, key + ".mapping", ""));
    }
  }
}

ProviderOptions parse_provider(const YAML::Node& node, size_t index) {
  const auto key = [&](const char* name) { return fmt::format("providers[{}].{}", index, name); };
  ProviderOptions p;
  p.issuer = required_string(node["issuer"], key("issuer"));
  p.name = scalar<std::string>(node["name"], key("name"), "");
  p.client_id = required_string(node["client_id"], key("client_id"));
  p.client_secret = required_string(node["client_secret"], key("client_secret"));
  p.scopes = string_list(node["scopes"], key("scopes"));
  if (p.scopes.empty()) throw ConfigError(fmt::format("config key '{}' is required", key("scopes")));
  if (auto audience = node["audience"]) {
    p.use_rfc8707 = scalar<bool>(audience["use_rfc8707"], key("audience.use_rfc8707"), true);
    p.audience_request_parameter =
        scalar<std::string>(audience["request_parameter"], key("audience.request_parameter"), "audience");
    p.space_separate_auds = scalar<bool>(audience["space_separate_auds"], key("audience.space_separate_auds"), false);
  }
  p.mytokens_max_lifetime = scalar<int64_t>(node["mytokens_max_lifetime"], key("mytokens_max_lifetime"), 0);
  if (p.mytokens_max_lifetime < 0) {
    throw ConfigError(fmt::format("config key '{}' must not be negative", key("mytokens_max_lifetime")));
  }
  p.default_restrictions = scalar<std::string>(node["default_restrictions"], key("default_restrictions"), "");
  parse_enforced_restrictions(node["enforced_restrictions"], key("enforced_restrictions"), p.enforced_restrictions);
  if (auto reuse = node["access_token_reuse"]) {
    p.access_token_reuse.enabled = scalar<bool>(reuse["enabled"], key("access_token_reuse.enabled"), false);
    p.access_token_reuse.min_lifetime = scalar<int64_t>(reuse["min_lifetime"], key("access_token_reuse.min_lifetime"),
                                                        p.access_token_reuse.min_lifetime);
    if (p.access_token_reuse.min_lifetime < 0) {
      throw ConfigError(fmt::format("config key '{}' must not be negative", key("access_token_reuse.min_lifetime")));
    }
  }
  return p;
}

// Short tokens, transfer codes, their guessing limits and the purge of expired codes (docs/tokens.md).
void parse_code_features(const YAML::Node& node, FeatureConfig& f) {
  if (auto short_tokens = node["short_tokens"]) {
    f.short_tokens = scalar<bool>(short_tokens["enabled"], "features.short_tokens.enabled", f.short_tokens);
    f.short_token_len = scalar<size_t>(short_tokens["len"], "features.short_tokens.len", f.short_token_len);
  }
  if (f.short_token_len < 32 || f.short_token_len > 256) {
    throw ConfigError("config key 'features.short_tokens.len' must be between 32 and 256");
  }
  if (auto transfer = node["transfer_codes"]) {
    f.transfer_codes = scalar<bool>(transfer["enabled"], "features.transfer_codes.enabled", f.transfer_codes);
  }
  if (auto limits = node["code_rate_limits"]) {
    auto& l = f.code_rate_limit;
    l.enabled = scalar<bool>(limits["enabled"], "features.code_rate_limits.enabled", l.enabled);
    l.window = scalar<int64_t>(limits["window"], "features.code_rate_limits.window", l.window);
    l.misses_per_ip =
        scalar<int64_t>(limits["misses_per_ip"], "features.code_rate_limits.misses_per_ip", l.misses_per_ip);
    l.misses_total = scalar<int64_t>(limits["misses_total"], "features.code_rate_limits.misses_total", l.misses_total);
    l.attempts_per_code = scalar<int64_t>(limits["attempts_per_code"], "features.code_rate_limits.attempts_per_code",
                                          l.attempts_per_code);
    if (l.window <= 0 || l.misses_per_ip <= 0 || l.misses_total <= 0 || l.attempts_per_code <= 0) {
      throw ConfigError("config keys 'features.code_rate_limits.*' must be positive");
    }
  }
  if (auto cleanup = node["cleanup"]) {
    f.cleanup_interval = scalar<int64_t>(cleanup["interval"], "features.cleanup.interval", f.cleanup_interval);
    f.cleanup_keep_expired =
        scalar<int64_t>(cleanup["keep_expired"], "features.cleanup.keep_expired", f.cleanup_keep_expired);
    if (f.cleanup_interval <= 0 || f.cleanup_keep_expired < 0) {
      throw ConfigError("config keys 'features.cleanup.interval' (> 0) and 'keep_expired' (>= 0) are invalid");
    }
  }
}

// audit (docs/audit.md).
void parse_audit(const YAML::Node& node, AuditOptions& a) {
  if (!node) return;
  if (!node.IsMap()) throw ConfigError("config key 'audit' must be a mapping");
  a.enabled = scalar<bool>(node["enabled"], "audit.enabled", a.enabled);
  a.output = scalar<std::string>(node["output"], "audit.output", a.output);
  a.hash_users = scalar<bool>(node["hash_users"], "audit.hash_users", a.hash_users);
  if (a.enabled && a.output.empty()) throw ConfigError("config key 'audit.output' must be 'journal' or a file path");
}

// features.request_rate_limits (docs/rate_limits.md).
void parse_request_rate_limits(const YAML::Node& node, RequestRateLimitOptions& l) {
  if (!node || node.IsNull()) return;
  if (!node.IsMap()) throw ConfigError("config key 'features.request_rate_limits' must be a mapping");
  l.enabled = scalar<bool>(node["enabled"], "features.request_rate_limits.enabled", l.enabled);
  l.window = scalar<int64_t>(node["window"], "features.request_rate_limits.window", l.window);
  l.per_ip = scalar<int64_t>(node["per_ip"], "features.request_rate_limits.per_ip", l.per_ip);
  l.per_token = scalar<int64_t>(node["per_token"], "features.request_rate_limits.per_token", l.per_token);
  if (l.window <= 0 || l.per_ip <= 0 || l.per_token <= 0) {
    throw ConfigError("config keys 'features.request_rate_limits.*' (window, per_ip, per_token) must be positive");
  }
}

// features.server_profiles.groups: {group: password}; a group without a password could never be written.
void parse_template_groups(const YAML::Node& groups, std::map<std::string, std::string, std::less<>>& out) {
  if (!groups) return;
  if (!groups.IsMap())
    throw ConfigError("config key 'features.server_profiles.groups' must be a map of group: password");
  for (const auto& g : groups) {
    const auto name = g.first.as<std::string>();
    const auto key = "features.server_profiles.groups." + name;
    auto password = scalar<std::string>(g.second, key, "");
    if (name.empty() || name.find('/') != std::string::npos)
      throw ConfigError("config key '" + key + "': bad group name");
    if (password.empty()) throw ConfigError("config key '" + key + "' needs a password");
    out.emplace(name, std::move(password));
  }
}

void parse_features(const YAML::Node& node, FeatureConfig& f) {
  if (!node) return;
  if (auto polling = node["polling_codes"]) {
    f.polling_code_len = scalar<size_t>(polling["len"], "features.polling_codes.len", f.polling_code_len);
    f.polling_code_lifetime =
        scalar<int64_t>(polling["expires_after"], "features.polling_codes.expires_after", f.polling_code_lifetime);
    f.polling_interval =
        scalar<int64_t>(polling["polling_interval"], "features.polling_codes.polling_interval", f.polling_interval);
  }
  if (f.polling_code_len < 8 || f.polling_code_len > 30) {
    throw ConfigError("config key 'features.polling_codes.len' must be between 8 and 30");
  }
  if (auto pending = node["pending_logins"]) {
    f.pending_login_lifetime =
        scalar<int64_t>(pending["lifetime"], "features.pending_logins.lifetime", f.pending_login_lifetime);
  }
  if (auto revocation = node["token_revocation"]) {
    f.token_revocation = scalar<bool>(revocation["enabled"], "features.token_revocation.enabled", true);
  }
  if (auto tokeninfo = node["tokeninfo"]; tokeninfo && tokeninfo["introspect"]) {
    f.tokeninfo_introspect =
        scalar<bool>(tokeninfo["introspect"]["enabled"], "features.tokeninfo.introspect.enabled", true);
  }
  parse_code_features(node, f);
  parse_request_rate_limits(node["request_rate_limits"], f.request_rate_limit);
  if (auto profiles = node["server_profiles"]) {
    f.server_profiles = scalar<bool>(profiles["enabled"], "features.server_profiles.enabled", f.server_profiles);
    f.server_profiles_dir = scalar<std::string>(profiles["dir"], "features.server_profiles.dir", "");
    parse_template_groups(profiles["groups"], f.server_profile_groups);
  }
}

void parse_geoip(const YAML::Node& root, GeoIpConfig& g) {
  g.db_file = scalar<std::string>(root["geo_ip_db_file"], "geo_ip_db_file", "");
  if (auto geoip = root["geoip"]) {
    g.home_country = scalar<std::string>(geoip["home_country"], "geoip.home_country", "");
    g.cache_ttl = scalar<int64_t>(geoip["cache_ttl"], "geoip.cache_ttl", g.cache_ttl);
  }
  const bool letters = std::all_of(g.home_country.begin(), g.home_country.end(),
                                   [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
  if (!g.home_country.empty() && (g.home_country.size() != 2 || !letters)) {
    throw ConfigError("config key 'geoip.home_country' must be a two-letter country code");
  }
  g.home_country = ascii_upper(g.home_country);
  if (g.cache_ttl < 0) throw ConfigError("config key 'geoip.cache_ttl' must not be negative");
}

void parse_dns(const YAML::Node& node, DnsConfig& d) {
  if (!node) return;
  d.cache_ttl = scalar<int64_t>(node["cache_ttl"], "dns.cache_ttl", d.cache_ttl);
  d.cache_entries = scalar<size_t>(node["cache_entries"], "dns.cache_entries", d.cache_entries);
  if (d.cache_ttl < 0) throw ConfigError("config key 'dns.cache_ttl' must not be negative");
}

std::filesystem::path resolve(const std::filesystem::path& base, const std::filesystem::path& p) {
  return p.is_absolute() ? p : base / p;
}

ServerConfig read_server_config(const std::filesystem::path& file);

}  // namespace

// yaml-cpp throws its own exceptions, e.g. for a key looked up below a scalar (`server: 5`): they become
// ConfigError too, so a bad file always stops mytokend with one line (found by fuzz_config).
ServerConfig load_server_config(const std::filesystem::path& file) {
  try {
    return read_server_config(file);
  } catch (const YAML::Exception& e) {
    throw ConfigError(fmt::format("config file {} is malformed: {}", file.string(), e.what()));
  }
}

namespace {

ServerConfig read_server_config(const std::filesystem::path& file) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::Exception& e) {
    throw ConfigError(fmt::format("cannot read config file {}: {}", file.string(), e.what()));
  }
  if (!root.IsMap()) throw ConfigError(fmt::format("config file {} is not a YAML mapping", file.string()));
  const auto base = std::filesystem::absolute(file).parent_path();

  ServerConfig c;
  c.issuer = without_trailing_slash(required_string(root["issuer"], "issuer"));
  if (c.issuer.rfind("http://", 0) != 0 && c.issuer.rfind("https://", 0) != 0) {
    throw ConfigError("config key 'issuer' must be an http(s) URL");
  }
  parse_listen(root["server"], c.listen);
  parse_admin(root["admin"], c.admin);
  if (auto db = root["database"]) {
    c.database.backend = scalar<std::string>(db["backend"], "database.backend", "sqlite");
    c.database.path = scalar<std::string>(db["path"], "database.path", c.database.path.string());
    c.database.url = scalar<std::string>(db["url"], "database.url", "");
    c.database.password_file = scalar<std::string>(db["password_file"], "database.password_file", "");
    c.database.pool_size = scalar<size_t>(db["pool_size"], "database.pool_size", c.database.pool_size);
  }
  if (c.database.backend != "sqlite" && c.database.backend != "postgres") {
    throw ConfigError(fmt::format("config key 'database.backend': unsupported backend '{}'", c.database.backend));
  }
  if (c.database.backend == "postgres" && c.database.url.empty()) {
    throw ConfigError("config key 'database.url' is required for database.backend postgres");
  }
  if (c.database.pool_size == 0) throw ConfigError("config key 'database.pool_size' must be at least 1");
  c.database.path = resolve(base, c.database.path);
  if (!c.database.password_file.empty()) c.database.password_file = resolve(base, c.database.password_file);
  if (auto signing = root["signing"]; signing && signing["mytoken"]) {
    c.signing_alg = scalar<std::string>(signing["mytoken"]["alg"], "signing.mytoken.alg", c.signing_alg);
    c.signing_key_file =
        scalar<std::string>(signing["mytoken"]["key_file"], "signing.mytoken.key_file", c.signing_key_file.string());
    c.verification_keys_dir =
        scalar<std::string>(signing["mytoken"]["verification_keys_dir"], "signing.mytoken.verification_keys_dir", "");
  }
  c.signing_key_file = resolve(base, c.signing_key_file);
  c.verification_keys_dir = c.verification_keys_dir.empty() ? c.signing_key_file.parent_path() / "verification-keys"
                                                            : resolve(base, c.verification_keys_dir);
  if (auto secrets = root["secrets"]) {
    c.pepper_file = scalar<std::string>(secrets["pepper_file"], "secrets.pepper_file", c.pepper_file.string());
  }
  c.pepper_file = resolve(base, c.pepper_file);
  if (auto logging = root["logging"]) {
    c.log_level = scalar<std::string>(logging["level"], "logging.level", "info");
    c.log_file = scalar<std::string>(logging["file"], "logging.file", "");
    if (!c.log_file.empty()) c.log_file = resolve(base, c.log_file);
  }
  parse_features(root["features"], c.features);
  if (!c.features.server_profiles_dir.empty()) {
    c.features.server_profiles_dir = resolve(base, c.features.server_profiles_dir);
  }
  parse_geoip(root, c.geoip);
  if (!c.geoip.db_file.empty()) c.geoip.db_file = resolve(base, c.geoip.db_file);
  parse_dns(root["dns"], c.dns);
  parse_audit(root["audit"], c.audit);
  if (c.audit.output != "journal" && !c.audit.output.empty()) c.audit.output = resolve(base, c.audit.output).string();

  const auto providers = root["providers"];
  if (!providers || !providers.IsSequence() || providers.size() == 0) {
    throw ConfigError("config key 'providers' must list at least one OpenID provider");
  }
  for (size_t i = 0; i < providers.size(); ++i) c.providers.push_back(parse_provider(providers[i], i));
  return c;
}

}  // namespace

std::filesystem::path find_server_config() {
  for (const char* candidate : {"config/config.yaml", "/etc/mytoken/config.yaml"}) {
    if (std::filesystem::exists(candidate)) return candidate;
  }
  throw ConfigError("no config file given (--config) and none found in ./config/config.yaml or /etc/mytoken/");
}

}  // namespace mytoken
