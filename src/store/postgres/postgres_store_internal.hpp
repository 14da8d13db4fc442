#pragma once

#include <span>
#include <string_view>

#include "store/postgres/postgres_store.hpp"

namespace mytoken::postgres {

// open_postgres_store with an explicit migration list instead of schema_migrations(): for tests of the
// migration bookkeeping (e.g. a database written by a newer binary).
Result<std::unique_ptr<Store>> open_postgres_store_with(const PostgresOptions& options,
                                                        std::span<const std::string_view> migrations);

}  // namespace mytoken::postgres
