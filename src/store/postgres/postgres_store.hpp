#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include "domain/ports/store.hpp"
#include "domain/result.hpp"
#include "store/schema_status.hpp"

namespace mytoken {

struct PostgresOptions {
  // A libpq connection URI or key=value string, e.g. "postgresql://mytoken@db.example:5432/mytoken".
  std::string url{};
  // Optional file whose first line is the password (overrides one in the URL); read once, at open.
  std::filesystem::path password_file{};
  // Connections opened at most (lazily); Store::begin() waits while all are in use. Default: 8.
  size_t pool_size = 8;
  // libpq's connect_timeout for one connection attempt; the URL may override it. Default: 5 s.
  std::chrono::seconds connect_timeout{5};
  // How long open and begin() keep retrying to connect (and to start a transaction) after transient failures
  // (server restarting, connection dropped), with exponential backoff, before failing. Also the longest
  // begin() waits for a free pooled connection. Default: 10 s.
  std::chrono::milliseconds retry_for{10000};
  // Apply pending schema migrations on open (safe when several instances start at once). Default: true.
  bool migrate = true;
};

// Connects to PostgreSQL, migrates the schema (unless !options.migrate) and returns a thread-safe Store.
// Transactions run at READ COMMITTED; the conditional updates of the repositories are atomic per row there,
// so usage limits, one-time codes and compare-and-swaps hold across any number of instances.
// Broken connections are discarded and replaced; begin() retries transient failures for options.retry_for.
// Fails with ApiError::internal if the server cannot be reached within options.retry_for, the password file
// cannot be read, a migration fails or the schema is newer than this binary knows.
// Requires: a thread holding a Transaction of this store does not begin another one (the pool may be empty).
Result<std::unique_ptr<Store>> open_postgres_store(const PostgresOptions& options);

// Only migrates the schema (for `mytokend migrate`), retrying the connection like open_postgres_store.
Result<void> migrate_postgres_database(const PostgresOptions& options);

// Reads the schema version without migrating (for `mytokend check-config`); one connection attempt.
Result<SchemaStatus> postgres_schema_status(const PostgresOptions& options);

}  // namespace mytoken
