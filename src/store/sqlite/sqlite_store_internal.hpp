#pragma once

#include <span>
#include <string_view>

#include "store/sqlite/sqlite_store.hpp"

namespace mytoken::sqlite {

// open_sqlite_store with an explicit migration list instead of schema_migrations(): for tests of the
// migration bookkeeping (e.g. a database written by a newer binary).
Result<std::unique_ptr<Store>> open_sqlite_store_with(const SqliteOptions& options,
                                                      std::span<const std::string_view> migrations);

}  // namespace mytoken::sqlite
