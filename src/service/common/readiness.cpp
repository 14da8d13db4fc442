#include "service/common/readiness.hpp"

namespace mytoken {

Readiness::Readiness(Store& store, const OidcProviders& providers, std::chrono::steady_clock::duration max_age)
    : store_(store), providers_(providers), max_age_(max_age) {}

std::optional<std::string> Readiness::not_ready_reason() {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (!checked_ || now - checked_at_ >= max_age_) {
    reason_ = probe();
    checked_at_ = std::chrono::steady_clock::now();
    checked_ = true;
  }
  return reason_;
}

std::optional<std::string> Readiness::probe() const {
  auto tx = store_.begin(TxMode::kRead);
  if (!tx) return "database unreachable: " + tx.error().description;
  // A read of one indexed row that never exists: a round trip to the database and nothing more.
  if (auto counted = (*tx)->rate_limits().count("readiness-probe", 0); !counted) {
    return "database unreachable: " + counted.error().description;
  }
  for (const auto& provider : providers_.all()) {
    if (provider->metadata_loaded()) return std::nullopt;
  }
  return std::string("no OpenID provider's metadata could be loaded");
}

}  // namespace mytoken
