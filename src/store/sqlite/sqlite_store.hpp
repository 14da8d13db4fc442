#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>

#include "domain/ports/store.hpp"
#include "domain/result.hpp"

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

}  // namespace mytoken
