#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>

#include "domain/ports/store.hpp"
#include "domain/result.hpp"
#include "store/schema_status.hpp"

namespace mytoken {

struct SqliteOptions {
  // The database file. Its parent directory is created (mode 0700) if missing; the file is created with mode
  // 0600 (SQLite gives the -wal/-shm files the same mode). ":memory:" opens a private in-memory database with
  // a single connection (pool_size is ignored): for tests only.
  std::filesystem::path file;
  // How long a statement waits for another connection's write lock before failing. Default: 5 s.
  std::chrono::milliseconds busy_timeout{5000};
  // Connections opened at most (lazily); Store::begin() blocks while all are in use. Default: 8.
  size_t pool_size = 8;
};

// Opens (creating if needed) and migrates the SQLite database: WAL journal, synchronous=NORMAL, foreign keys on.
// Fails with ApiError::internal if the file cannot be opened or its schema is newer than this binary knows.
// The returned Store is thread-safe.
// Requires: a thread holding a Transaction of this store does not begin another one (the pool may be empty).
Result<std::unique_ptr<Store>> open_sqlite_store(const SqliteOptions& options);

// Reads the schema version without creating or migrating anything (for `mytokend check-config`).
Result<SchemaStatus> sqlite_schema_status(const SqliteOptions& options);

// Copies the live database into a new file `destination` (mode 0600) with SQLite's online backup API: a
// consistent snapshot while the server keeps running (`mytokend backup`). Never overwrites a file.
Result<void> backup_sqlite_database(const SqliteOptions& options, const std::filesystem::path& destination);

}  // namespace mytoken
