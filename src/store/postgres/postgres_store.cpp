#include "store/postgres/postgres_store.hpp"

#include <algorithm>
#include <exception>
#include <fstream>
#include <functional>
#include <thread>
#include <utility>

#include "store/connection_pool.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/migrate.hpp"
#include "store/postgres/pg_error.hpp"
#include "store/postgres/postgres_store_internal.hpp"
#include "store/postgres/schema.hpp"
#include "store/postgres/transaction.hpp"

namespace mytoken {
namespace postgres {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kFirstBackoff{25};
constexpr std::chrono::milliseconds kMaxBackoff{1000};

// A connection in doubt (broken, or still in a transaction) is not handed out again.
bool reusable(const Connection& connection) { return connection.ok() && !connection.in_transaction(); }

// Exponential backoff within a deadline: wait() sleeps for the next delay (25 ms, doubling up to 1 s), or
// returns false without sleeping when that would pass the deadline.
class Backoff {
 public:
  explicit Backoff(SteadyClock::time_point deadline) : deadline_(deadline) {}
  bool wait() {
    if (SteadyClock::now() + delay_ >= deadline_) return false;
    std::this_thread::sleep_for(delay_);
    delay_ = std::min(delay_ * 2, kMaxBackoff);
    return true;
  }

 private:
  SteadyClock::time_point deadline_;
  std::chrono::milliseconds delay_ = kFirstBackoff;
};

Result<std::string> read_password(const std::filesystem::path& file) {
  if (file.empty()) return std::string();
  std::ifstream in(file);
  std::string password;
  if (!in || !std::getline(in, password)) {
    return ApiError::internal("postgres open: cannot read password file " + file.string());
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

std::function<std::unique_ptr<Connection>()> connector(const PostgresOptions& options, std::string password) {
  return [url = options.url, password = std::move(password),
          timeout = static_cast<int>(std::max<int64_t>(options.connect_timeout.count(), 1))] {
    return std::make_unique<Connection>(url, password, timeout);
  };
}

// Opens one connection, retrying transient failures (the server is starting or restarting) until the deadline.
Result<std::unique_ptr<Connection>> connect_with_retry(const std::function<std::unique_ptr<Connection>()>& open,
                                                       std::chrono::milliseconds retry_for) {
  Backoff backoff(SteadyClock::now() + retry_for);
  for (;;) {
    try {
      return open();
    } catch (const PgError& e) {
      if (!e.transient() || !backoff.wait()) return postgres_error("connect", e);
    }
  }
}

class PgStore final : public Store {
 public:
  PgStore(std::function<std::unique_ptr<Connection>()> open, const PostgresOptions& options)
      : pool_(std::move(open), reusable, options.pool_size),
        retry_for_(options.retry_for),
        pool_size_(options.pool_size) {}

  void adopt(std::unique_ptr<Connection> connection) { pool_.adopt(std::move(connection)); }

  // Both modes run at READ COMMITTED (stated, not inherited from the server's default): the repositories'
  // conditional updates are written for it. Connecting and BEGIN are retried, which is always safe because
  // nothing of the caller's work has happened yet; a failure after BEGIN is the caller's error to report.
  Result<std::unique_ptr<Transaction>> begin(TxMode) override {
    const auto deadline = SteadyClock::now() + retry_for_;
    Backoff backoff(deadline);
    size_t stale_retries = 0;  // pooled connections found dead after a server restart: replace at once
    for (;;) {
      std::unique_ptr<Connection> connection;
      try {
        connection = pool_.acquire(deadline);
        if (!connection) {
          return ApiError::internal("postgres begin: no free connection within the retry time (pool_size " +
                                    std::to_string(pool_size_) + ")");
        }
        connection->exec_script("BEGIN ISOLATION LEVEL READ COMMITTED");
        return std::unique_ptr<Transaction>(std::make_unique<PgTransaction>(pool_, std::move(connection)));
      } catch (const PgError& e) {
        const bool was_pooled = connection != nullptr;
        if (connection) pool_.release(std::move(connection));
        if (!e.transient()) return postgres_error("begin", e);
        if (was_pooled && e.connection_lost() && stale_retries++ <= pool_size_) continue;
        if (!backoff.wait()) return postgres_error("begin (gave up retrying)", e);
      }
    }
  }

 private:
  ConnectionPool<Connection> pool_;
  const std::chrono::milliseconds retry_for_;
  const size_t pool_size_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_postgres_store_with(const PostgresOptions& options,
                                                        std::span<const std::string_view> migrations) {
  auto password = read_password(options.password_file);
  if (!password) return std::move(password).error();
  auto open = connector(options, std::move(*password));
  auto first = connect_with_retry(open, options.retry_for);
  if (!first) return std::move(first).error();
  if (options.migrate) {
    if (auto migrated = migrate(**first, migrations); !migrated) return std::move(migrated).error();
  }
  auto store = std::make_unique<PgStore>(std::move(open), options);
  store->adopt(std::move(*first));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace postgres

Result<std::unique_ptr<Store>> open_postgres_store(const PostgresOptions& options) {
  return postgres::open_postgres_store_with(options, postgres::schema_migrations());
}

Result<void> migrate_postgres_database(const PostgresOptions& options) {
  auto password = postgres::read_password(options.password_file);
  if (!password) return std::move(password).error();
  auto connection = postgres::connect_with_retry(postgres::connector(options, std::move(*password)), options.retry_for);
  if (!connection) return std::move(connection).error();
  return postgres::migrate(**connection, postgres::schema_migrations());
}

Result<SchemaStatus> postgres_schema_status(const PostgresOptions& options) {
  auto password = postgres::read_password(options.password_file);
  if (!password) return std::move(password).error();
  try {
    postgres::Connection connection(options.url, *password, static_cast<int>(options.connect_timeout.count()));
    SchemaStatus status{.known = static_cast<int64_t>(postgres::schema_migrations().size())};
    status.exists = !connection.exec("SELECT to_regclass('schema_version') IS NULL").boolean(0, 0);
    if (status.exists)
      status.version = connection.exec("SELECT coalesce(max(version), 0) FROM schema_version").int8(0, 0);
    return status;
  } catch (const postgres::PgError& e) {
    return ApiError::internal(std::string("postgres: ") + e.what());
  }
}

}  // namespace mytoken
