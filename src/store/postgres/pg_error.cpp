#include "store/postgres/pg_error.hpp"

namespace mytoken::postgres {

bool PgError::transient() const {
  // 40001 serialization_failure, 40P01 deadlock_detected; class 08 and the 57P0x shutdown codes are covered
  // by connection_lost().
  return connection_lost_ || sqlstate_ == "40001" || sqlstate_ == "40P01";
}

ApiError postgres_error(std::string_view what, const std::exception& e) {
  std::string detail = "postgres ";
  detail += what;
  detail += ": ";
  detail += e.what();
  return ApiError::internal(std::move(detail));
}

}  // namespace mytoken::postgres
