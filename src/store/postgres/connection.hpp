#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

// libpq types, forward-declared so that only connection.cpp includes libpq-fe.h.
struct pg_conn;
struct pg_result;

namespace mytoken::postgres {

// One bound statement parameter. Always sent in binary format with an explicit type, so a value is never
// parsed as SQL, never cut at a NUL byte, and the statement's parameter types are fixed when it is prepared.
// A Param refers to the caller's bytes (text, bytes): it must not outlive them; it lives inside one call.
class Param {
 public:
  static Param text(std::string_view value);
  static Param text_or_null(const std::optional<std::string>& value);  // NULL when absent
  static Param int8(int64_t value);
  static Param int8_or_null(std::optional<int64_t> value);  // NULL when absent
  static Param boolean(bool value);
  static Param bytes(std::string_view value);  // bytea: arbitrary bytes, e.g. a client's User-Agent header

  unsigned type() const { return type_; }
  const char* data() const { return is_null_ ? nullptr : (inline_size_ > 0 ? inline_ : view_.data()); }
  int size() const { return static_cast<int>(inline_size_ > 0 ? inline_size_ : view_.size()); }

 private:
  Param(unsigned type, std::string_view view) : type_(type), view_(view) {}
  unsigned type_;
  std::string_view view_;
  char inline_[8] = {};  // int8 (big-endian) and boolean values
  size_t inline_size_ = 0;
  bool is_null_ = false;
};

// The result of one statement (RAII over PGresult). Values are read in text format.
class Rows {
 public:
  explicit Rows(pg_result* result) : result_(result) {}
  Rows(Rows&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;
  Rows& operator=(Rows&&) = delete;
  ~Rows();

  int size() const;          // rows returned
  int64_t affected() const;  // rows inserted/updated/deleted (0 for a SELECT)
  bool is_null(int row, int column) const;
  std::string text(int row, int column) const;
  int64_t int8(int row, int column) const;
  bool boolean(int row, int column) const;
  std::string bytes(int row, int column) const;  // a bytea column
  std::string command_status() const;            // e.g. "COMMIT" or "ROLLBACK"

 private:
  pg_result* result_;
};

// One libpq connection with a cache of statements prepared on it (PQprepare on first use, PQexecPrepared
// after). Used by one thread at a time (the pool hands it out exclusively). Methods throw PgError.
class Connection {
 public:
  // Connects with PQconnectdbParams: `url` is a libpq URI or key=value string; `password`, if not empty,
  // overrides one in the URL. Throws PgError (connection_lost) if the server cannot be reached or refuses.
  Connection(const std::string& url, const std::string& password, int connect_timeout_seconds);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs `sql` (one statement with $1.. placeholders) with `params` bound. Requires: the parameter types of
  // every call with the same `sql` are the same (they are fixed when it is first prepared).
  Rows exec(std::string_view sql, std::initializer_list<Param> params = {});
  // Runs one or more statements without parameters (DDL, BEGIN/COMMIT) with the simple query protocol.
  Rows exec_script(const char* sql);
  // False once the connection is known to be broken (PQstatus != CONNECTION_OK).
  bool ok() const;
  // True while a transaction is open (also when it failed and awaits ROLLBACK).
  bool in_transaction() const;
  // True when a statement of the open transaction failed, so the transaction can only roll back.
  bool transaction_failed() const;

 private:
  [[noreturn]] void throw_error(pg_result* result, std::string_view context);
  Rows checked(pg_result* result, std::string_view context);

  pg_conn* conn_;
  std::unordered_map<std::string, std::string> statements_;  // SQL text -> prepared statement name
};

}  // namespace mytoken::postgres
