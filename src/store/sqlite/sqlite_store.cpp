#include "store/sqlite/sqlite_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <system_error>
#include <utility>

#include "store/sqlite/connection.hpp"
#include "store/sqlite/connection_pool.hpp"
#include "store/sqlite/migrate.hpp"
#include "store/sqlite/repositories.hpp"
#include "store/sqlite/schema.hpp"
#include "store/sqlite/sqlite_error.hpp"
#include "store/sqlite/sqlite_store_internal.hpp"

namespace mytoken {
namespace sqlite {
namespace {

constexpr const char* kMemoryFile = ":memory:";

// Owns one pooled connection for its lifetime; rolls back in the destructor unless commit() succeeded.
class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(ConnectionPool& pool, std::unique_ptr<Connection> connection)
      : pool_(pool),
        connection_(std::move(connection)),
        users_(*connection_),
        tokens_(*connection_),
        refresh_tokens_(*connection_),
        key_wraps_(*connection_),
        usages_(*connection_),
        proxy_tokens_(*connection_),
        pending_logins_(*connection_),
        events_(*connection_),
        access_tokens_(*connection_),
        rate_limits_(*connection_) {}

  ~SqliteTransaction() override {
    bool healthy = true;
    if (connection_->in_transaction()) {
      try {
        connection_->exec("ROLLBACK");
      } catch (...) {  // NOLINT(bugprone-empty-catch): checked below
      }
      healthy = !connection_->in_transaction();
    }
    pool_.release(std::move(connection_), healthy);
  }

  UserRepository& users() override { return users_; }
  TokenRepository& tokens() override { return tokens_; }
  RefreshTokenRepository& refresh_tokens() override { return refresh_tokens_; }
  KeyWrapRepository& key_wraps() override { return key_wraps_; }
  UsageRepository& usages() override { return usages_; }
  ProxyTokenRepository& proxy_tokens() override { return proxy_tokens_; }
  PendingLoginRepository& pending_logins() override { return pending_logins_; }
  EventRepository& events() override { return events_; }
  AccessTokenRepository& access_tokens() override { return access_tokens_; }
  RateLimitRepository& rate_limits() override { return rate_limits_; }

  Result<void> commit() override try {
    if (!connection_->in_transaction()) {
      return ApiError::internal("sqlite commit: transaction already finished");
    }
    connection_->exec("COMMIT");
    return {};
  } catch (const std::exception& e) {
    return sqlite_error("commit", e);
  }

 private:
  ConnectionPool& pool_;
  std::unique_ptr<Connection> connection_;  // before the repositories, which hold a reference to it
  SqliteUsers users_;
  SqliteTokens tokens_;
  SqliteRefreshTokens refresh_tokens_;
  SqliteKeyWraps key_wraps_;
  SqliteUsages usages_;
  SqliteProxyTokens proxy_tokens_;
  SqlitePendingLogins pending_logins_;
  SqliteEvents events_;
  SqliteAccessTokens access_tokens_;
  SqliteRateLimits rate_limits_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::function<std::unique_ptr<Connection>()> open, size_t pool_size)
      : pool_(std::move(open), pool_size) {}

  void adopt(std::unique_ptr<Connection> connection) { pool_.adopt(std::move(connection)); }

  Result<std::unique_ptr<Transaction>> begin(TxMode mode) override {
    auto connection = pool_.acquire();
    if (!connection) {
      return std::move(connection).error();
    }
    // kWrite takes the write lock now, so a conditional update never fails half-way on a lock upgrade.
    const bool write = mode == TxMode::kWrite;
    try {
      (*connection)->exec(write ? "BEGIN IMMEDIATE" : "BEGIN");
    } catch (const std::exception& e) {
      const bool healthy = !(*connection)->in_transaction();
      pool_.release(std::move(*connection), healthy);
      return sqlite_error(write ? "begin write transaction" : "begin read transaction", e);
    }
    return std::unique_ptr<Transaction>(std::make_unique<SqliteTransaction>(pool_, std::move(*connection)));
  }

 private:
  ConnectionPool pool_;
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
