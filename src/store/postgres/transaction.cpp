#include "store/postgres/transaction.hpp"

#include <exception>
#include <utility>

#include "store/postgres/pg_error.hpp"

namespace mytoken::postgres {

PgTransaction::~PgTransaction() {
  if (connection().ok() && connection().in_transaction()) {
    try {
      connection().exec_script("ROLLBACK");
    } catch (...) {  // NOLINT(bugprone-empty-catch): the pool checks the state when the base hands it back
    }
  }
}

Result<void> PgTransaction::commit() try {
  if (!connection().ok() || !connection().in_transaction()) {
    return ApiError::internal("postgres commit: transaction already finished or connection lost");
  }
  if (connection().transaction_failed()) {
    connection().exec_script("ROLLBACK");
    return ApiError::internal("postgres commit: a statement of the transaction failed; rolled back");
  }
  // COMMIT of an aborted transaction "succeeds" with the status ROLLBACK; treat that as the failure it is.
  if (const auto done = connection().exec_script("COMMIT"); done.command_status() != "COMMIT") {
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
