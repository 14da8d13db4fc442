#include <exception>

#include "store/postgres/pg_error.hpp"
#include "store/postgres/repositories.hpp"

namespace mytoken::postgres {

Result<int64_t> PgUsers::upsert(const std::string& oidc_sub, const std::string& oidc_iss) try {
  // Two statements, not one CTE: under READ COMMITTED the SELECT takes a new snapshot, so it sees the row a
  // concurrent transaction committed while our INSERT waited on its unique key.
  connection_.exec("INSERT INTO users (oidc_sub, oidc_iss) VALUES ($1, $2) ON CONFLICT (oidc_sub, oidc_iss) DO NOTHING",
                   {Param::text(oidc_sub), Param::text(oidc_iss)});
  const auto rows = connection_.exec("SELECT id FROM users WHERE oidc_sub = $1 AND oidc_iss = $2",
                                     {Param::text(oidc_sub), Param::text(oidc_iss)});
  if (rows.size() != 1) {
    return ApiError::internal("postgres upsert user: row missing after insert");
  }
  return rows.int8(0, 0);
} catch (const std::exception& e) {
  return postgres_error("upsert user", e);
}

}  // namespace mytoken::postgres
