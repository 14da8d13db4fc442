#pragma once

#include <memory>
#include <utility>

#include "domain/ports/store.hpp"
#include "store/connection_pool.hpp"
#include "store/pooled_transaction.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/repositories.hpp"

namespace mytoken::postgres {

// Owns one pooled connection with an open transaction for its lifetime; rolls back in the destructor unless
// commit() succeeded. The pool must discard a connection in doubt (broken, or still in a transaction).
// `pool` must outlive it. Used by one thread at a time.
class PgTransaction final : public PooledTransaction<Connection, PgRepositories> {
 public:
  PgTransaction(ConnectionPool<Connection>& pool, std::unique_ptr<Connection> connection)
      : PooledTransaction(pool, std::move(connection)) {}
  ~PgTransaction() override;

  // Fails (and rolls back) if any statement of the transaction failed: PostgreSQL aborts the whole
  // transaction on an error, so nothing of it is ever half-applied. If the connection drops during COMMIT the
  // outcome is unknown to us; the error says so and nothing is retried.
  Result<void> commit() override;
};

}  // namespace mytoken::postgres
