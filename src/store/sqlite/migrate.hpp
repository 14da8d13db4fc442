#pragma once

#include <span>
#include <string_view>

#include "domain/result.hpp"
#include "store/sqlite/connection.hpp"

namespace mytoken::sqlite {

// Brings the database on `connection` to schema version migrations.size(), recording each applied version in
// the `schema_version` table. Every migration runs in its own BEGIN IMMEDIATE transaction together with its
// version row, so several processes opening one file apply each migration once.
// Fails with ApiError::internal if a migration fails (that migration is rolled back) or if the database has a
// newer version than migrations.size() (written by a newer binary: refuse rather than corrupt).
Result<void> migrate(Connection& connection, std::span<const std::string_view> migrations);

}  // namespace mytoken::sqlite
