#pragma once

#include <cstddef>
#include <memory>

#include "domain/ports/store.hpp"
#include "metrics/registry.hpp"

namespace mytoken {

// Wraps `store` so that its transactions are measured in `registry` (docs/monitoring.md):
//   mytoken_db_begin_duration_seconds{mode}        waiting for a pooled connection plus BEGIN
//   mytoken_db_transaction_duration_seconds{mode}  begin to commit or rollback
//   mytoken_db_connections_in_use                  open transactions = pooled connections handed out
//   mytoken_db_pool_size                           the configured pool size (`pool_size`)
//   mytoken_db_errors_total{operation}             failed begin or commit
// mode = read | write. `registry` must outlive the result. Thread-safe as `store`.
std::unique_ptr<Store> metered_store(std::unique_ptr<Store> store, metrics::Registry& registry, size_t pool_size);

}  // namespace mytoken
