// Fuzz entry: mytokend's YAML configuration. Any bad file must end in one ConfigError naming the problem
// (e2e test_config_errors); every other exception, crash or an accepted out-of-range value is a finding.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "config/server_config.hpp"
#include "fuzz_entries.hpp"

namespace mytoken::fuzz {
namespace {

// load_server_config reads a file (relative paths in it resolve against its directory): one private file per
// process, rewritten for every input, removed at exit.
class ConfigFile {
 public:
  ConfigFile() {
    char dir_template[] = "/tmp/mytoken-fuzz-config.XXXXXX";
    if (mkdtemp(dir_template) == nullptr) throw std::runtime_error("fuzz: mkdtemp failed");
    dir_ = dir_template;
  }
  ~ConfigFile() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  std::filesystem::path path() const { return dir_ / "config.yaml"; }

 private:
  std::filesystem::path dir_;
};

const std::filesystem::path& config_file() {
  static const ConfigFile file;
  static const std::filesystem::path path = file.path();
  return path;
}

void check_accepted(const ServerConfig& c) {
  fuzz_check(c.issuer.starts_with("http://") || c.issuer.starts_with("https://"), "issuer is not an http(s) URL");
  fuzz_check(!c.issuer.ends_with("/"), "issuer keeps a trailing slash");
  fuzz_check(c.listen.io_threads > 0 && c.listen.worker_threads > 0, "zero threads accepted");
  fuzz_check(c.database.backend == "sqlite" || c.database.backend == "postgres", "unknown backend accepted");
  fuzz_check(c.database.pool_size > 0, "empty pool accepted");
  fuzz_check(c.features.polling_code_len >= 8 && c.features.polling_code_len <= 30, "polling_codes.len range");
  fuzz_check(c.features.short_token_len >= 32 && c.features.short_token_len <= 256, "short_tokens.len range");
  fuzz_check(c.geoip.home_country.empty() || c.geoip.home_country.size() == 2, "home_country not two letters");
  fuzz_check(!c.providers.empty(), "no provider accepted");
  for (const auto& p : c.providers) {
    fuzz_check(!p.issuer.empty() && !p.client_id.empty() && !p.scopes.empty(), "incomplete provider accepted");
  }
  fuzz_check(c.signing_key_file.is_absolute() && c.pepper_file.is_absolute(), "relative key paths");
}

}  // namespace

void fuzz_config(Input data) {
  {
    std::ofstream out(config_file(), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
  }
  try {
    check_accepted(load_server_config(config_file()));
  } catch (const ConfigError&) {
    // the documented outcome for a bad file
  }
}

}  // namespace mytoken::fuzz
