#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mytoken::sqlite {

// A prepared statement borrowed from a Connection's cache. Resets itself (and drops its bindings) when the
// borrow ends, so no statement stays active past its use. Not copyable; lives inside one call.
class Query {
 public:
  explicit Query(SQLite::Statement& statement) : statement_(statement) {}
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query();

  SQLite::Statement* operator->() { return &statement_; }
  SQLite::Statement& operator*() { return statement_; }

 private:
  SQLite::Statement& statement_;
};

// One SQLite connection with the pragmas the store relies on and a cache of prepared statements.
// Used by one thread at a time (the pool hands it out exclusively). Methods throw SQLite::Exception.
class Connection {
 public:
  // Opens (creating) `file`; sets WAL, synchronous=NORMAL, foreign_keys=ON and the busy timeout.
  Connection(const std::filesystem::path& file, std::chrono::milliseconds busy_timeout);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // The cached prepared statement for `sql`, ready for binding. Requires: the previous Query of the same
  // `sql` has ended (no nested use of one statement).
  Query query(std::string_view sql);
  // Runs one or more statements without parameters (DDL, BEGIN/COMMIT).
  void exec(const char* sql);
  // True while an explicit transaction is open.
  bool in_transaction() const;

 private:
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };

  SQLite::Database db_;  // declared first: the cached statements must be finalised before it closes
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>, StringHash, std::equal_to<>> statements_;
};

}  // namespace mytoken::sqlite
