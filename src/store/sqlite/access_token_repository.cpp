#include <exception>

#include "store/sqlite/repositories.hpp"
#include "store/sqlite/sqlite_error.hpp"
#include "store/string_list_json.hpp"

namespace mytoken::sqlite {

Result<void> SqliteAccessTokens::insert(const AccessTokenRow& row) try {
  auto insert = connection_.query(
      "INSERT INTO access_tokens (mom_id, created, ip, comment, scopes, audiences) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert->bind(1, row.mom_id.value);
  insert->bind(2, row.created);
  insert->bind(3, row.ip);
  insert->bind(4, row.comment);
  insert->bind(5, string_list_to_json(row.scopes));
  insert->bind(6, string_list_to_json(row.audiences));
  insert->exec();
  return {};
} catch (const std::exception& e) {
  return sqlite_error("insert access token record", e);
}

Result<int64_t> SqliteAccessTokens::count_of_token(const MomId& id) try {
  auto select = connection_.query("SELECT count(*) FROM access_tokens WHERE mom_id = ?1");
  select->bind(1, id.value);
  select->executeStep();
  return select->getColumn(0).getInt64();
} catch (const std::exception& e) {
  return sqlite_error("count access token records", e);
}

}  // namespace mytoken::sqlite
