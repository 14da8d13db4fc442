#pragma once

#include <span>
#include <string_view>

namespace mytoken::postgres {

// The migrations of the PostgreSQL schema, oldest first. Migration i (0-based) brings the database from schema
// version i to i + 1. Append only: never edit a released entry.
std::span<const std::string_view> schema_migrations();

}  // namespace mytoken::postgres
