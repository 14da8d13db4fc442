#include "store/sqlite/sqlite_error.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <string>

namespace mytoken::sqlite {

ApiError sqlite_error(std::string_view what, const std::exception& e) {
  std::string detail = "sqlite ";
  detail += what;
  detail += ": ";
  detail += e.what();
  if (const auto* sqlite_exception = dynamic_cast<const SQLite::Exception*>(&e);
      sqlite_exception != nullptr && sqlite_exception->getErrorCode() == SQLITE_BUSY) {
    detail += " (busy timeout exceeded)";
  }
  return ApiError::internal(std::move(detail));
}

}  // namespace mytoken::sqlite
