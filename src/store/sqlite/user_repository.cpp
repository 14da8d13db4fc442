#include <exception>

#include "store/sqlite/repositories.hpp"
#include "store/sqlite/sqlite_error.hpp"

namespace mytoken::sqlite {

Result<int64_t> SqliteUsers::upsert(const std::string& oidc_sub, const std::string& oidc_iss) try {
  {
    auto insert = connection_.query(
        "INSERT INTO users (oidc_sub, oidc_iss) VALUES (?1, ?2) ON CONFLICT (oidc_sub, oidc_iss) DO NOTHING");
    insert->bind(1, oidc_sub);
    insert->bind(2, oidc_iss);
    insert->exec();
  }
  auto select = connection_.query("SELECT id FROM users WHERE oidc_sub = ?1 AND oidc_iss = ?2");
  select->bind(1, oidc_sub);
  select->bind(2, oidc_iss);
  if (!select->executeStep()) {
    return ApiError::internal("sqlite upsert user: row missing after insert");
  }
  return select->getColumn(0).getInt64();
} catch (const std::exception& e) {
  return sqlite_error("upsert user", e);
}

}  // namespace mytoken::sqlite
