#pragma once

#include <exception>
#include <string_view>

#include "domain/api_error.hpp"

namespace mytoken::sqlite {

// The ApiError::internal for an exception caught at the adapter edge: "sqlite <what>: <e.what()>", with a
// note when a lock wait ran out (SQLITE_BUSY). `what` names the operation; never pass parameter values
// (they may be ciphertexts or hashes). SQLite's own messages name tables and columns, not values.
ApiError sqlite_error(std::string_view what, const std::exception& e);

}  // namespace mytoken::sqlite
