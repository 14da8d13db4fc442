#pragma once

#include <span>
#include <string_view>

#include "domain/result.hpp"
#include "store/postgres/connection.hpp"

namespace mytoken::postgres {

// Brings the schema on `connection` (the first schema of its search_path) to version migrations.size(),
// recording each applied version in the `schema_version` table. All pending migrations run in one transaction
// that first takes a transaction-scoped advisory lock (pg_advisory_xact_lock) on the schema, so instances
// starting at once apply each migration exactly once: the others wait, then find nothing left to do.
// Fails with ApiError::internal if a migration fails (nothing is applied) or if the database has a newer
// version than migrations.size() (written by a newer binary: refuse rather than corrupt).
Result<void> migrate(Connection& connection, std::span<const std::string_view> migrations);

}  // namespace mytoken::postgres
