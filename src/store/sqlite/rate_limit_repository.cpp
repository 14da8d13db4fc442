#include <exception>

#include "store/sqlite/repositories.hpp"
#include "store/sqlite/sqlite_error.hpp"

namespace mytoken::sqlite {
namespace {

// Check and increment are one statement, so the limit holds however many connections race. A stored window
// that is newer than ?2 (an instance whose clock lags) is kept and counted against, never moved backwards.
constexpr const char* kTryIncrementSql =
    "INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 1)"
    " ON CONFLICT (key) DO UPDATE SET"
    "  count = CASE WHEN rate_limits.window_start < excluded.window_start THEN 1 ELSE rate_limits.count + 1 END,"
    "  window_start = max(rate_limits.window_start, excluded.window_start)"
    " WHERE rate_limits.window_start < excluded.window_start OR rate_limits.count < ?3";

// Like kTryIncrementSql without the limit; RETURNING hands back the total every instance has flushed so far.
constexpr const char* kAddSql =
    "INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (key) DO UPDATE SET"
    "  count = CASE WHEN rate_limits.window_start < excluded.window_start THEN ?3 ELSE rate_limits.count + ?3 END,"
    "  window_start = max(rate_limits.window_start, excluded.window_start)"
    " RETURNING count";

}  // namespace

Result<bool> SqliteRateLimits::try_increment(const std::string& key, int64_t window_start, int64_t limit) try {
  if (limit <= 0) {
    return false;
  }
  auto increment = connection_.query(kTryIncrementSql);
  increment->bind(1, key);
  increment->bind(2, window_start);
  increment->bind(3, limit);
  return increment->exec() == 1;
} catch (const std::exception& e) {
  return sqlite_error("increment rate limit", e);
}

Result<int64_t> SqliteRateLimits::count(const std::string& key, int64_t window_start) try {
  auto select = connection_.query("SELECT count FROM rate_limits WHERE key = ?1 AND window_start >= ?2");
  select->bind(1, key);
  select->bind(2, window_start);
  if (!select->executeStep()) {
    return int64_t{0};
  }
  return select->getColumn(0).getInt64();
} catch (const std::exception& e) {
  return sqlite_error("count rate limit", e);
}

Result<int64_t> SqliteRateLimits::add(const std::string& key, int64_t window_start, int64_t n) try {
  auto upsert = connection_.query(kAddSql);
  upsert->bind(1, key);
  upsert->bind(2, window_start);
  upsert->bind(3, n);
  if (!upsert->executeStep()) return ApiError::internal("add to rate limit: no row returned");
  return upsert->getColumn(0).getInt64();
} catch (const std::exception& e) {
  return sqlite_error("add to rate limit", e);
}

Result<int64_t> SqliteRateLimits::purge_before(int64_t window_start) try {
  auto remove = connection_.query("DELETE FROM rate_limits WHERE window_start < ?1");
  remove->bind(1, window_start);
  return static_cast<int64_t>(remove->exec());
} catch (const std::exception& e) {
  return sqlite_error("purge rate limits", e);
}

}  // namespace mytoken::sqlite
