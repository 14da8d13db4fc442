#include "store/postgres/migrate.hpp"

#include <cstdint>
#include <exception>
#include <string>

#include "store/postgres/pg_error.hpp"

namespace mytoken::postgres {
namespace {

// Rolls back unless committed; the migration path runs before any Store exists, so it has its own guard.
class MigrationTransaction {
 public:
  explicit MigrationTransaction(Connection& connection) : connection_(connection) { connection_.exec_script("BEGIN"); }
  MigrationTransaction(const MigrationTransaction&) = delete;
  MigrationTransaction& operator=(const MigrationTransaction&) = delete;
  ~MigrationTransaction() {
    if (connection_.ok() && connection_.in_transaction()) {
      try {
        connection_.exec_script("ROLLBACK");
      } catch (...) {  // NOLINT(bugprone-empty-catch): the caller drops the connection on failure
      }
    }
  }
  void commit() { connection_.exec_script("COMMIT"); }

 private:
  Connection& connection_;
};

std::string newer_schema(int64_t version, int64_t known) {
  return "postgres migrate: database schema version " + std::to_string(version) + " is newer than this binary knows (" +
         std::to_string(known) + ")";
}

}  // namespace

Result<void> migrate(Connection& connection, std::span<const std::string_view> migrations) try {
  const auto known = static_cast<int64_t>(migrations.size());
  MigrationTransaction tx(connection);
  // The first key is "mytk"; the second keeps separate schemas of one database (tests) from waiting on each
  // other. Both instances of a race block here until the first one commits.
  connection.exec("SELECT pg_advisory_xact_lock(1836676715, hashtext(current_schema()))");
  connection.exec_script(
      "CREATE TABLE IF NOT EXISTS schema_version ("
      " version BIGINT PRIMARY KEY,"
      " applied_at BIGINT NOT NULL DEFAULT extract(epoch FROM now())::bigint)");
  const int64_t version = connection.exec("SELECT coalesce(max(version), 0) FROM schema_version").int8(0, 0);
  if (version > known) {
    return ApiError::internal(newer_schema(version, known));
  }
  for (int64_t target = version + 1; target <= known; ++target) {
    if (const auto script = migrations[static_cast<size_t>(target - 1)]; !script.empty()) {
      connection.exec_script(std::string(script).c_str());
    }
    connection.exec("INSERT INTO schema_version (version) VALUES ($1)", {Param::int8(target)});
  }
  tx.commit();
  return {};
} catch (const std::exception& e) {
  return postgres_error("migrate", e);
}

}  // namespace mytoken::postgres
