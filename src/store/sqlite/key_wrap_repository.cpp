#include <exception>

#include "store/sqlite/repositories.hpp"
#include "store/sqlite/sqlite_error.hpp"

namespace mytoken::sqlite {

Result<void> SqliteKeyWraps::put(const MomId& id, int64_t rt_id, const std::string& wrapped_key) try {
  auto upsert = connection_.query(
      "INSERT INTO key_wraps (mom_id, rt_id, wrapped_key) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (mom_id) DO UPDATE SET rt_id = excluded.rt_id, wrapped_key = excluded.wrapped_key");
  upsert->bind(1, id.value);
  upsert->bind(2, rt_id);
  upsert->bind(3, wrapped_key);
  upsert->exec();
  return {};
} catch (const std::exception& e) {
  return sqlite_error("put key wrap", e);
}

Result<std::optional<std::string>> SqliteKeyWraps::find(const MomId& id) try {
  auto select = connection_.query("SELECT wrapped_key FROM key_wraps WHERE mom_id = ?1");
  select->bind(1, id.value);
  if (!select->executeStep()) {
    return std::optional<std::string>();
  }
  return std::optional<std::string>(select->getColumn(0).getString());
} catch (const std::exception& e) {
  return sqlite_error("find key wrap", e);
}

}  // namespace mytoken::sqlite
