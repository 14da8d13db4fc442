#include "cli/polling.hpp"

namespace mytoken::cli {

Result<client::MytokenResponse> poll_until_authorized(int64_t interval, int64_t expires_in, const PollingHooks& hooks) {
  if (interval <= 0) interval = kDefaultPollingInterval;
  const int64_t deadline = expires_in > 0 ? hooks.now() + expires_in : 0;
  const auto expired = [] { return ApiError::expired_token("polling code expired"); };
  for (;;) {
    for (int64_t waited = 0; waited < interval; ++waited) {
      const int64_t left = deadline > 0 ? deadline - hooks.now() : -1;
      if (deadline > 0 && left <= 0) return expired();
      if (hooks.waiting) hooks.waiting(left);
      hooks.sleep(1);
    }
    if (deadline > 0 && hooks.now() >= deadline) return expired();
    auto result = hooks.poll();
    if (result) return result;
    const auto& error = result.error().error;
    if (error == "authorization_pending") continue;
    if (error == "slow_down") {
      interval += kSlowDownIncrement;
      continue;
    }
    return result;
  }
}

}  // namespace mytoken::cli
