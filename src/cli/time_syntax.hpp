#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace mytoken::cli {

// The time values of --exp/--nbf (cli spec §8.2, §19), resolved to unix seconds:
//   1767225600                 absolute unix time
//   +3600, +1d12h, +1.5h, +2w  now + seconds or a duration (units ns us µs ms s m h d w y)
//   "2026-01-31 18:00"         local time (as the reference client)
//   2026-01-31T18:00[:SS][Z|±HH:MM]  ISO 8601; without a zone local time
// nullopt for anything else.
std::optional<int64_t> parse_cli_time(std::string_view text, int64_t now);

// The message shown for a value parse_cli_time rejects.
inline constexpr const char* kTimeSyntaxHelp =
    "expected a unix time, +SECONDS, +DURATION (e.g. +1d12h, +30m), \"YYYY-MM-DD HH:MM\" (local time) or "
    "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]";

}  // namespace mytoken::cli
