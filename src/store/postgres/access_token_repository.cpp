#include <exception>

#include "store/postgres/pg_error.hpp"
#include "store/postgres/repositories.hpp"
#include "store/string_list_json.hpp"

namespace mytoken::postgres {

Result<void> PgAccessTokens::insert(const AccessTokenRow& row) try {
  const auto scopes = string_list_to_json(row.scopes);
  const auto audiences = string_list_to_json(row.audiences);
  connection_.exec(
      "INSERT INTO access_tokens (mom_id, created, ip, comment, scopes, audiences) VALUES ($1, $2, $3, $4, $5, $6)",
      {Param::text(row.mom_id.value), Param::int8(row.created), Param::text(row.ip), Param::text(row.comment),
       Param::text(scopes), Param::text(audiences)});
  return {};
} catch (const std::exception& e) {
  return postgres_error("insert access token record", e);
}

Result<int64_t> PgAccessTokens::count_of_token(const MomId& id) try {
  return connection_.exec("SELECT count(*) FROM access_tokens WHERE mom_id = $1", {Param::text(id.value)}).int8(0, 0);
} catch (const std::exception& e) {
  return postgres_error("count access token records", e);
}

}  // namespace mytoken::postgres
