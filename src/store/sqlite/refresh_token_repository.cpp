#include <exception>

#include "store/sqlite/repositories.hpp"
#include "store/sqlite/sqlite_error.hpp"

namespace mytoken::sqlite {

Result<int64_t> SqliteRefreshTokens::insert(const std::string& ciphertext) try {
  auto insert = connection_.query("INSERT INTO refresh_tokens (ciphertext, version) VALUES (?1, 1) RETURNING id");
  insert->bind(1, ciphertext);
  if (!insert->executeStep()) {
    return ApiError::internal("sqlite insert refresh token: no id returned");
  }
  return insert->getColumn(0).getInt64();
} catch (const std::exception& e) {
  return sqlite_error("insert refresh token", e);
}

Result<std::optional<RefreshTokenRecord>> SqliteRefreshTokens::find(int64_t id) try {
  auto select = connection_.query("SELECT ciphertext, version FROM refresh_tokens WHERE id = ?1");
  select->bind(1, id);
  if (!select->executeStep()) {
    return std::optional<RefreshTokenRecord>();
  }
  return std::optional<RefreshTokenRecord>(RefreshTokenRecord{
      .id = id, .ciphertext = select->getColumn(0).getString(), .version = select->getColumn(1).getInt64()});
} catch (const std::exception& e) {
  return sqlite_error("find refresh token", e);
}

Result<bool> SqliteRefreshTokens::replace(int64_t id, int64_t expected_version, const std::string& ciphertext) try {
  auto update = connection_.query(
      "UPDATE refresh_tokens SET ciphertext = ?3, version = version + 1 WHERE id = ?1 AND version = ?2");
  update->bind(1, id);
  update->bind(2, expected_version);
  update->bind(3, ciphertext);
  return update->exec() == 1;
} catch (const std::exception& e) {
  return sqlite_error("replace refresh token", e);
}

Result<void> SqliteRefreshTokens::remove(int64_t id) try {
  auto remove = connection_.query("DELETE FROM refresh_tokens WHERE id = ?1");
  remove->bind(1, id);
  remove->exec();
  return {};
} catch (const std::exception& e) {
  return sqlite_error("remove refresh token", e);
}

}  // namespace mytoken::sqlite
