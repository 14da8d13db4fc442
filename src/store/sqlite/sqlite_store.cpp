#include "store/sqlite/sqlite_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <system_error>
#include <utility>

#include "store/connection_pool.hpp"
#include "store/pooled_transaction.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/migrate.hpp"
#include "store/sqlite/repositories.hpp"
#include "store/sqlite/schema.hpp"
#include "store/sqlite/sqlite_error.hpp"
#include "store/sqlite/sqlite_store_internal.hpp"

namespace mytoken {
namespace sqlite {
namespace {

constexpr const char* kMemoryFile = ":memory:";

// A connection still in a transaction (its ROLLBACK failed) is not handed out again.
bool reusable(const Connection& connection) { return !connection.in_transaction(); }

// Owns one pooled connection for its lifetime; rolls back in the destructor unless commit() succeeded.
class SqliteTransaction final : public PooledTransaction<Connection, SqliteRepositories> {
 public:
  SqliteTransaction(ConnectionPool<Connection>& pool, std::unique_ptr<Connection> connection)
      : PooledTransaction(pool, std::move(connection)) {}

  ~SqliteTransaction() override {
    if (connection().in_transaction()) {
      try {
        connection().exec("ROLLBACK");
      } catch (...) {  // NOLINT(bugprone-empty-catch): the pool checks the state when the base hands it back
      }
    }
  }

  Result<void> commit() override try {
    if (!connection().in_transaction()) {
      return ApiError::internal("sqlite commit: transaction already finished");
    }
    connection().exec("COMMIT");
    return {};
  } catch (const std::exception& e) {
    return sqlite_error("commit", e);
  }
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::function<std::unique_ptr<Connection>()> open, size_t pool_size)
      : pool_(std::move(open), reusable, pool_size) {}

  void adopt(std::unique_ptr<Connection> connection) { pool_.adopt(std::move(connection)); }

  Result<std::unique_ptr<Transaction>> begin(TxMode mode) override {
    std::unique_ptr<Connection> connection;
    try {
      connection = pool_.acquire();
    } catch (const std::exception& e) {
      return sqlite_error("open connection", e);
    }
    // kWrite takes the write lock now, so a conditional update never fails half-way on a lock upgrade.
    const bool write = mode == TxMode::kWrite;
    try {
      connection->exec(write ? "BEGIN IMMEDIATE" : "BEGIN");
    } catch (const std::exception& e) {
      pool_.release(std::move(connection));
      return sqlite_error(write ? "begin write transaction" : "begin read transaction", e);
    }
    return std::unique_ptr<Transaction>(std::make_unique<SqliteTransaction>(pool_, std::move(connection)));
  }

 private:
  ConnectionPool<Connection> pool_;
};

// Creates the parent directory (0700) and the file (0600) if missing, so the database and its -wal/-shm files
// (which SQLite creates with the database file's mode) are private to the service user.
Result<void> prepare_file(const std::filesystem::path& file) {
  const auto parent = file.parent_path();
  std::error_code ec;
  if (!parent.empty() && !std::filesystem::exists(parent, ec)) {
    std::filesystem::create_directories(parent, ec);
    if (!ec) {
      std::filesystem::permissions(parent, std::filesystem::perms::owner_all, ec);
    }
    if (ec) {
      return ApiError::internal("sqlite open: cannot create directory " + parent.string() + ": " + ec.message());
    }
  }
  const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return ApiError::internal("sqlite open: cannot create " + file.string() + ": " + std::strerror(errno));
  }
  ::close(fd);
  return {};
}

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store_with(const SqliteOptions& options,
                                                      std::span<const std::string_view> migrations) {
  const bool in_memory = options.file == kMemoryFile;
  if (!in_memory) {
    if (auto prepared = prepare_file(options.file); !prepared) {
      return std::move(prepared).error();
    }
  }
  auto open = [file = options.file, busy_timeout = options.busy_timeout] {
    return std::make_unique<Connection>(file, busy_timeout);
  };
  std::unique_ptr<Connection> first;
  try {
    first = open();
  } catch (const std::exception& e) {
    return sqlite_error("open", e);
  }
  if (auto migrated = migrate(*first, migrations); !migrated) {
    return std::move(migrated).error();
  }
  // Every connection to ":memory:" is a database of its own, so an in-memory store has exactly one.
  auto store = std::make_unique<SqliteStore>(std::move(open), in_memory ? 1 : options.pool_size);
  store->adopt(std::move(first));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace sqlite

Result<std::unique_ptr<Store>> open_sqlite_store(const SqliteOptions& options) {
  return sqlite::open_sqlite_store_with(options, sqlite::schema_migrations());
}

}  // namespace mytoken
