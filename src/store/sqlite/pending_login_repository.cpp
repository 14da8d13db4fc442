#include <exception>

#include "store/sqlite/repositories.hpp"
#include "store/sqlite/sqlite_error.hpp"

namespace mytoken::sqlite {
namespace {

void bind_nullable(SQLite::Statement& s, int index, const std::optional<std::string>& value) {
  if (value) {
    s.bind(index, *value);
  } else {
    s.bind(index);
  }
}

// Reads a row selected with the column list of find_by_*.
PendingLoginRow read_pending_login(SQLite::Statement& s) {
  PendingLoginRow row;
  row.consent_code_hash = s.getColumn(0).getString();
  row.state_hash = s.getColumn(1).getString();
  if (!s.isColumnNull(2)) {
    row.polling_code_hash = s.getColumn(2).getString();
  }
  row.request_json = s.getColumn(3).getString();
  row.consent_sealed = s.getColumn(4).getString();
  row.state_sealed = s.getColumn(5).getString();
  row.consented = s.getColumn(6).getInt() != 0;
  row.created = s.getColumn(7).getInt64();
  row.expires_at = s.getColumn(8).getInt64();
  return row;
}

Result<std::optional<PendingLoginRow>> find_one(Query& select) {
  if (!select->executeStep()) {
    return std::optional<PendingLoginRow>();
  }
  return std::optional<PendingLoginRow>(read_pending_login(*select));
}

}  // namespace

Result<void> SqlitePendingLogins::insert(const PendingLoginRow& row) try {
  auto insert = connection_.query(
      "INSERT INTO pending_logins (consent_code_hash, state_hash, polling_code_hash, request_json, consent_sealed,"
      " state_sealed, consented, created, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  insert->bind(1, row.consent_code_hash);
  insert->bind(2, row.state_hash);
  bind_nullable(*insert, 3, row.polling_code_hash);
  insert->bind(4, row.request_json);
  insert->bind(5, row.consent_sealed);
  insert->bind(6, row.state_sealed);
  insert->bind(7, row.consented ? 1 : 0);
  insert->bind(8, row.created);
  insert->bind(9, row.expires_at);
  insert->exec();
  return {};
} catch (const std::exception& e) {
  return sqlite_error("insert pending login", e);
}

Result<std::optional<PendingLoginRow>> SqlitePendingLogins::find_by_consent(const std::string& consent_code_hash) try {
  auto select = connection_.query(
      "SELECT consent_code_hash, state_hash, polling_code_hash, request_json, consent_sealed, state_sealed,"
      " consented, created, expires_at FROM pending_logins WHERE consent_code_hash = ?1");
  select->bind(1, consent_code_hash);
  return find_one(select);
} catch (const std::exception& e) {
  return sqlite_error("find pending login by consent code", e);
}

Result<std::optional<PendingLoginRow>> SqlitePendingLogins::find_by_state(const std::string& state_hash) try {
  auto select = connection_.query(
      "SELECT consent_code_hash, state_hash, polling_code_hash, request_json, consent_sealed, state_sealed,"
      " consented, created, expires_at FROM pending_logins WHERE state_hash = ?1");
  select->bind(1, state_hash);
  return find_one(select);
} catch (const std::exception& e) {
  return sqlite_error("find pending login by state", e);
}

Result<bool> SqlitePendingLogins::record_consent(const std::string& consent_code_hash,
                                                 const std::string& request_json) try {
  auto update = connection_.query(
      "UPDATE pending_logins SET request_json = ?2, consented = 1 WHERE consent_code_hash = ?1 AND consented = 0");
  update->bind(1, consent_code_hash);
  update->bind(2, request_json);
  return update->exec() == 1;
} catch (const std::exception& e) {
  return sqlite_error("record consent", e);
}

Result<bool> SqlitePendingLogins::take_undecided(const std::string& consent_code_hash) try {
  auto remove = connection_.query("DELETE FROM pending_logins WHERE consent_code_hash = ?1 AND consented = 0");
  remove->bind(1, consent_code_hash);
  return remove->exec() == 1;
} catch (const std::exception& e) {
  return sqlite_error("take undecided pending login", e);
}

Result<bool> SqlitePendingLogins::take(const std::string& consent_code_hash) try {
  auto remove = connection_.query("DELETE FROM pending_logins WHERE consent_code_hash = ?1");
  remove->bind(1, consent_code_hash);
  return remove->exec() == 1;
} catch (const std::exception& e) {
  return sqlite_error("take pending login", e);
}

Result<int64_t> SqlitePendingLogins::purge_expired(int64_t now) try {
  auto remove = connection_.query("DELETE FROM pending_logins WHERE expires_at > 0 AND expires_at < ?1");
  remove->bind(1, now);
  return static_cast<int64_t>(remove->exec());
} catch (const std::exception& e) {
  return sqlite_error("purge expired pending logins", e);
}

}  // namespace mytoken::sqlite
