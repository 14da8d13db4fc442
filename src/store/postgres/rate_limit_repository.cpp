#include <exception>

#include "store/postgres/pg_error.hpp"
#include "store/postgres/repositories.hpp"

namespace mytoken::postgres {
namespace {

// Check and increment are one statement (the conflicting row is locked while it is updated), so the limit holds
// however many connections and instances race. A stored window newer than $2 (an instance whose clock lags) is
// kept and counted against, never moved backwards.
constexpr const char* kTryIncrementSql =
    "INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1)"
    " ON CONFLICT (key) DO UPDATE SET"
    "  count = CASE WHEN rate_limits.window_start < excluded.window_start THEN 1 ELSE rate_limits.count + 1 END,"
    "  window_start = GREATEST(rate_limits.window_start, excluded.window_start)"
    " WHERE rate_limits.window_start < excluded.window_start OR rate_limits.count < $3";

// Like kTryIncrementSql without the limit; RETURNING hands back the total every instance has flushed so far.
constexpr const char* kAddSql =
    "INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, $3)"
    " ON CONFLICT (key) DO UPDATE SET"
    "  count = CASE WHEN rate_limits.window_start < excluded.window_start THEN $3 ELSE rate_limits.count + $3 END,"
    "  window_start = GREATEST(rate_limits.window_start, excluded.window_start)"
    " RETURNING count";

}  // namespace

Result<bool> PgRateLimits::try_increment(const std::string& key, int64_t window_start, int64_t limit) try {
  if (limit <= 0) {
    return false;
  }
  return connection_.exec(kTryIncrementSql, {Param::text(key), Param::int8(window_start), Param::int8(limit)})
             .affected() == 1;
} catch (const std::exception& e) {
  return postgres_error("increment rate limit", e);
}

Result<int64_t> PgRateLimits::count(const std::string& key, int64_t window_start) try {
  const auto rows = connection_.exec("SELECT count FROM rate_limits WHERE key = $1 AND window_start >= $2",
                                     {Param::text(key), Param::int8(window_start)});
  if (rows.size() == 0) {
    return int64_t{0};
  }
  return rows.int8(0, 0);
} catch (const std::exception& e) {
  return postgres_error("count rate limit", e);
}

Result<int64_t> PgRateLimits::add(const std::string& key, int64_t window_start, int64_t n) try {
  const auto rows = connection_.exec(kAddSql, {Param::text(key), Param::int8(window_start), Param::int8(n)});
  if (rows.size() != 1) return ApiError::internal("add to rate limit: no row returned");
  return rows.int8(0, 0);
} catch (const std::exception& e) {
  return postgres_error("add to rate limit", e);
}

Result<int64_t> PgRateLimits::purge_before(int64_t window_start) try {
  return connection_.exec("DELETE FROM rate_limits WHERE window_start < $1", {Param::int8(window_start)}).affected();
} catch (const std::exception& e) {
  return postgres_error("purge rate limits", e);
}

}  // namespace mytoken::postgres
