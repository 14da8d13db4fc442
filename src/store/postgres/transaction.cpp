#include "store/postgres/transaction.hpp"

#include <exception>
#include <utility>

#include "store/postgres/pg_error.hpp"

namespace mytoken::postgres {

PgTransaction::PgTransaction(ConnectionPool& pool, std::unique_ptr<Connection> connection)
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

PgTransaction::~PgTransaction() {
  if (connection_->ok() && connection_->in_transaction()) {
    try {
      connection_->exec_script("ROLLBACK");
    } catch (...) {  // NOLINT(bugprone-empty-catch): the state is checked below
    }
  }
  const bool healthy = connection_->ok() && !connection_->in_transaction();
  pool_.release(std::move(connection_), healthy);
}

Result<void> PgTransaction::commit() try {
  if (!connection_->ok() || !connection_->in_transaction()) {
    return ApiError::internal("postgres commit: transaction already finished or connection lost");
  }
  if (connection_->transaction_failed()) {
    connection_->exec_script("ROLLBACK");
    return ApiError::internal("postgres commit: a statement of the transaction failed; rolled back");
  }
  // COMMIT of an aborted transaction "succeeds" with the status ROLLBACK; treat that as the failure it is.
  if (const auto done = connection_->exec_script("COMMIT"); done.command_status() != "COMMIT") {
    return ApiError::internal("postgres commit: the server rolled the transaction back");
  }
  return {};
} catch (const PgError& e) {
  if (e.connection_lost()) {
    return ApiError::internal(std::string("postgres commit: connection lost, outcome unknown: ") + e.what());
  }
  return postgres_error("commit", e);
} catch (const std::exception& e) {
  return postgres_error("commit", e);
}

}  // namespace mytoken::postgres
