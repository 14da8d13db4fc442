#include "store/sqlite/connection.hpp"

#include <sqlite3.h>

namespace mytoken::sqlite {

Query::~Query() {
  statement_.tryReset();  // the error of a failed step was already thrown by the step
  try {
    statement_.clearBindings();  // drops the copies of bound values (ciphertexts) early
  } catch (...) {                // NOLINT(bugprone-empty-catch): cannot fail on a prepared statement
  }
}

Connection::Connection(const std::filesystem::path& file, std::chrono::milliseconds busy_timeout)
    : db_(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX,
          static_cast<int>(busy_timeout.count())) {
  // journal_mode answers with a row, so it cannot go through exec(); ":memory:" answers "memory", which is fine.
  SQLite::Statement journal(db_, "PRAGMA journal_mode = WAL");
  journal.executeStep();
  db_.exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
}

Query Connection::query(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    auto statement = std::make_unique<SQLite::Statement>(db_, std::string(sql));
    it = statements_.emplace(std::string(sql), std::move(statement)).first;
  }
  return Query(*it->second);
}

void Connection::exec(const char* sql) { db_.exec(sql); }

bool Connection::in_transaction() const { return sqlite3_get_autocommit(db_.getHandle()) == 0; }

}  // namespace mytoken::sqlite
