#include <exception>

#include "store/postgres/pg_error.hpp"
#include "store/postgres/repositories.hpp"

namespace mytoken::postgres {

Result<void> PgKeyWraps::put(const MomId& id, int64_t rt_id, const std::string& wrapped_key) try {
  connection_.exec(
      "INSERT INTO key_wraps (mom_id, rt_id, wrapped_key) VALUES ($1, $2, $3) "
      "ON CONFLICT (mom_id) DO UPDATE SET rt_id = excluded.rt_id, wrapped_key = excluded.wrapped_key",
      {Param::text(id.value), Param::int8(rt_id), Param::text(wrapped_key)});
  return {};
} catch (const std::exception& e) {
  return postgres_error("put key wrap", e);
}

Result<std::optional<std::string>> PgKeyWraps::find(const MomId& id) try {
  const auto rows = connection_.exec("SELECT wrapped_key FROM key_wraps WHERE mom_id = $1", {Param::text(id.value)});
  if (rows.size() == 0) {
    return std::optional<std::string>();
  }
  return std::optional<std::string>(rows.text(0, 0));
} catch (const std::exception& e) {
  return postgres_error("find key wrap", e);
}

}  // namespace mytoken::postgres
