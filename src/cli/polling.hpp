#pragma once

#include <cstdint>
#include <functional>

#include "client/mytoken_response.hpp"
#include "domain/result.hpp"

namespace mytoken::cli {

// What the polling loop needs from the outside world, injectable so tests run it without a server or clock.
struct PollingHooks {
  std::function<Result<client::MytokenResponse>()> poll;
  std::function<void(int64_t seconds)> sleep;
  std::function<int64_t()> now;
  // Called before each second of waiting with the seconds left until the code expires (-1 = no deadline).
  std::function<void(int64_t seconds_left)> waiting;
};

inline constexpr int64_t kDefaultPollingInterval = 5;  // when the server names none (cli spec §7.4)
inline constexpr int64_t kSlowDownIncrement = 5;       // RFC 8628 §3.5

// Polls until the login is done (cli spec §7.4, fixed per §17 item 6): waits `interval` seconds (5 if 0) before
// each attempt; `authorization_pending` → poll again; `slow_down` → interval += 5 s and poll again; any other
// error ends the loop with that error; once `expires_in` seconds (0 = no client-side deadline) have passed the
// result is the error expired_token "polling code expired".
Result<client::MytokenResponse> poll_until_authorized(int64_t interval, int64_t expires_in, const PollingHooks& hooks);

}  // namespace mytoken::cli
