#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "domain/ports/store.hpp"
#include "service/common/oidc_providers.hpp"

namespace mytoken {

// Whether this instance can serve logins and tokens (the admin listener's /health/ready, docs/monitoring.md): the
// database answers a cheap query, and at least one provider's discovery document is loaded (each probe of a
// provider without one tries to fetch it, so readiness recovers by itself once the OP is back). The answer is
// cached for `max_age`, so a tight probe loop costs one query and no OP traffic per interval.
// Thread-safe; `store` and `providers` must outlive this object.
class Readiness {
 public:
  Readiness(Store& store, const OidcProviders& providers,
            std::chrono::steady_clock::duration max_age = std::chrono::seconds(1));

  // nullopt if ready, else why not (for the operator: no secret, no token).
  std::optional<std::string> not_ready_reason();

 private:
  std::optional<std::string> probe() const;

  Store& store_;
  const OidcProviders& providers_;
  const std::chrono::steady_clock::duration max_age_;
  std::mutex mutex_;  // held across a probe: concurrent callers wait for one
  std::chrono::steady_clock::time_point checked_at_{};
  std::optional<std::string> reason_ = std::string("not checked yet");
  bool checked_ = false;
};

}  // namespace mytoken
