#include "store/sqlite/migrate.hpp"

#include <cstdint>
#include <exception>
#include <string>

#include "store/sqlite/sqlite_error.hpp"

namespace mytoken::sqlite {
namespace {

// Rolls back unless committed; the migration path runs before any Store exists, so it has its own guard.
class ImmediateTransaction {
 public:
  explicit ImmediateTransaction(Connection& connection) : connection_(connection) {
    connection_.exec("BEGIN IMMEDIATE");
  }
  ImmediateTransaction(const ImmediateTransaction&) = delete;
  ImmediateTransaction& operator=(const ImmediateTransaction&) = delete;
  ~ImmediateTransaction() {
    if (connection_.in_transaction()) {
      try {
        connection_.exec("ROLLBACK");
      } catch (...) {  // NOLINT(bugprone-empty-catch): the connection is dropped by the caller on failure
      }
    }
  }
  void commit() { connection_.exec("COMMIT"); }

 private:
  Connection& connection_;
};

int64_t current_version(Connection& connection) {
  auto query = connection.query("SELECT coalesce(max(version), 0) FROM schema_version");
  query->executeStep();
  return query->getColumn(0).getInt64();
}

}  // namespace

Result<void> migrate(Connection& connection, std::span<const std::string_view> migrations) try {
  const auto known = static_cast<int64_t>(migrations.size());
  {
    ImmediateTransaction tx(connection);
    connection.exec(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL DEFAULT (unixepoch()))");
    tx.commit();
  }
  for (int64_t target = 1; target <= known; ++target) {
    ImmediateTransaction tx(connection);
    const int64_t version = current_version(connection);  // re-read under the write lock: another process
    if (version > known) {                                // may have migrated meanwhile
      return ApiError::internal("sqlite migrate: database schema version " + std::to_string(version) +
                                " is newer than this binary knows (" + std::to_string(known) + ")");
    }
    if (version >= target) {
      continue;
    }
    connection.exec(std::string(migrations[static_cast<size_t>(target - 1)]).c_str());
    auto insert = connection.query("INSERT INTO schema_version (version) VALUES (?1)");
    insert->bind(1, target);
    insert->exec();
    tx.commit();
  }
  if (const int64_t version = current_version(connection); version > known) {
    return ApiError::internal("sqlite migrate: database schema version " + std::to_string(version) +
                              " is newer than this binary knows (" + std::to_string(known) + ")");
  }
  return {};
} catch (const std::exception& e) {
  return sqlite_error("migrate", e);
}

}  // namespace mytoken::sqlite
