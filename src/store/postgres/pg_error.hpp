#pragma once

#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>

#include "domain/api_error.hpp"

namespace mytoken::postgres {

// A failed libpq call, thrown inside the Postgres adapter only (the repositories turn it into an ApiError at
// their edge). what() is "<primary message> (SQLSTATE xxxxx)": PostgreSQL's primary messages name constraints,
// tables and columns but not values (those are in the DETAIL field, which is never copied).
class PgError : public std::runtime_error {
 public:
  PgError(std::string message, std::string sqlstate, bool connection_lost)
      : std::runtime_error(std::move(message)), sqlstate_(std::move(sqlstate)), connection_lost_(connection_lost) {}

  const std::string& sqlstate() const { return sqlstate_; }
  // The connection is unusable (dropped, server restarted or shutting down): discard it, never reuse it.
  bool connection_lost() const { return connection_lost_; }
  // Worth running the whole transaction again: a lost connection, a serialization failure or a deadlock.
  // The failed transaction was rolled back by the server in every one of these cases.
  bool transient() const;

 private:
  std::string sqlstate_;
  bool connection_lost_;
};

// The ApiError::internal for an exception caught at the adapter edge: "postgres <what>: <e.what()>". `what`
// names the operation; never pass parameter values (they may be ciphertexts or hashes).
ApiError postgres_error(std::string_view what, const std::exception& e);

}  // namespace mytoken::postgres
