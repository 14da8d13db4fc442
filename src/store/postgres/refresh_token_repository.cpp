#include <exception>

#include "store/postgres/pg_error.hpp"
#include "store/postgres/repositories.hpp"

namespace mytoken::postgres {

Result<int64_t> PgRefreshTokens::insert(const std::string& ciphertext) try {
  const auto rows = connection_.exec("INSERT INTO refresh_tokens (ciphertext, version) VALUES ($1, 1) RETURNING id",
                                     {Param::text(ciphertext)});
  if (rows.size() != 1) {
    return ApiError::internal("postgres insert refresh token: no id returned");
  }
  return rows.int8(0, 0);
} catch (const std::exception& e) {
  return postgres_error("insert refresh token", e);
}

Result<std::optional<RefreshTokenRecord>> PgRefreshTokens::find(int64_t id) try {
  const auto rows = connection_.exec("SELECT ciphertext, version FROM refresh_tokens WHERE id = $1", {Param::int8(id)});
  if (rows.size() == 0) {
    return std::optional<RefreshTokenRecord>();
  }
  return std::optional<RefreshTokenRecord>(
      RefreshTokenRecord{.id = id, .ciphertext = rows.text(0, 0), .version = rows.int8(0, 1)});
} catch (const std::exception& e) {
  return postgres_error("find refresh token", e);
}

Result<bool> PgRefreshTokens::replace(int64_t id, int64_t expected_version, const std::string& ciphertext) try {
  // Compare-and-swap: a concurrent replace of the same row waits for ours, then re-checks the version on the
  // row we committed (READ COMMITTED re-evaluates the WHERE) and matches nothing. Two instances refreshing at
  // once thus never overwrite the newer refresh token with an older one.
  return connection_
             .exec("UPDATE refresh_tokens SET ciphertext = $3, version = version + 1 WHERE id = $1 AND version = $2",
                   {Param::int8(id), Param::int8(expected_version), Param::text(ciphertext)})
             .affected() == 1;
} catch (const std::exception& e) {
  return postgres_error("replace refresh token", e);
}

Result<void> PgRefreshTokens::remove(int64_t id) try {
  connection_.exec("DELETE FROM refresh_tokens WHERE id = $1", {Param::int8(id)});
  return {};
} catch (const std::exception& e) {
  return postgres_error("remove refresh token", e);
}

}  // namespace mytoken::postgres
