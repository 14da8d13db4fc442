#include <exception>

#include "store/proxy_token_kind.hpp"
#include "store/sqlite/repositories.hpp"
#include "store/sqlite/sqlite_error.hpp"

namespace mytoken::sqlite {

Result<void> SqliteProxyTokens::insert(const ProxyTokenRow& row) try {
  auto insert = connection_.query(
      "INSERT INTO proxy_tokens (id, kind, jwt_ciphertext, mom_id, created, expires_at, consent_declined,"
      " revoke_mytoken, response_type, max_token_len, last_polled)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  insert->bind(1, row.id);
  insert->bind(2, proxy_token_kind_name(row.kind));
  insert->bind(3, row.jwt_ciphertext);
  if (row.mom_id) {
    insert->bind(4, row.mom_id->value);
  } else {
    insert->bind(4);
  }
  insert->bind(5, row.created);
  insert->bind(6, row.expires_at);
  insert->bind(7, row.consent_declined ? 1 : 0);
  insert->bind(8, row.revoke_mytoken ? 1 : 0);
  insert->bind(9, row.response_type);
  insert->bind(10, row.max_token_len);
  insert->bind(11, row.last_polled);
  insert->exec();
  return {};
} catch (const std::exception& e) {
  return sqlite_error("insert proxy token", e);
}

Result<std::optional<ProxyTokenRow>> SqliteProxyTokens::find(const std::string& id) try {
  auto select = connection_.query(
      "SELECT kind, jwt_ciphertext, mom_id, created, expires_at, consent_declined, revoke_mytoken, response_type,"
      " max_token_len, last_polled FROM proxy_tokens WHERE id = ?1");
  select->bind(1, id);
  if (!select->executeStep()) {
    return std::optional<ProxyTokenRow>();
  }
  ProxyTokenRow row;
  row.id = id;
  row.kind = proxy_token_kind_from_name(select->getColumn(0).getString());
  row.jwt_ciphertext = select->getColumn(1).getString();
  if (!select->isColumnNull(2)) {
    row.mom_id = MomId{select->getColumn(2).getString()};
  }
  row.created = select->getColumn(3).getInt64();
  row.expires_at = select->getColumn(4).getInt64();
  row.consent_declined = select->getColumn(5).getInt() != 0;
  row.revoke_mytoken = select->getColumn(6).getInt() != 0;
  row.response_type = select->getColumn(7).getString();
  row.max_token_len = select->getColumn(8).getInt64();
  row.last_polled = select->getColumn(9).getInt64();
  return std::optional<ProxyTokenRow>(std::move(row));
} catch (const std::exception& e) {
  return sqlite_error("find proxy token", e);
}

Result<bool> SqliteProxyTokens::take(const std::string& id) try {
  auto remove = connection_.query("DELETE FROM proxy_tokens WHERE id = ?1");
  remove->bind(1, id);
  return remove->exec() == 1;
} catch (const std::exception& e) {
  return sqlite_error("take proxy token", e);
}

Result<void> SqliteProxyTokens::set_jwt(const std::string& id, const std::string& jwt_ciphertext,
                                        const MomId& mom_id) try {
  auto update = connection_.query("UPDATE proxy_tokens SET jwt_ciphertext = ?2, mom_id = ?3 WHERE id = ?1");
  update->bind(1, id);
  update->bind(2, jwt_ciphertext);
  update->bind(3, mom_id.value);
  update->exec();
  return {};
} catch (const std::exception& e) {
  return sqlite_error("set proxy token jwt", e);
}

Result<void> SqliteProxyTokens::mark_declined(const std::string& id) try {
  auto update = connection_.query("UPDATE proxy_tokens SET consent_declined = 1 WHERE id = ?1");
  update->bind(1, id);
  update->exec();
  return {};
} catch (const std::exception& e) {
  return sqlite_error("mark proxy token declined", e);
}

Result<void> SqliteProxyTokens::set_last_polled(const std::string& id, int64_t time) try {
  auto update = connection_.query("UPDATE proxy_tokens SET last_polled = ?2 WHERE id = ?1");
  update->bind(1, id);
  update->bind(2, time);
  update->exec();
  return {};
} catch (const std::exception& e) {
  return sqlite_error("set proxy token last_polled", e);
}

Result<int64_t> SqliteProxyTokens::purge_expired(int64_t now) try {
  auto remove = connection_.query("DELETE FROM proxy_tokens WHERE expires_at > 0 AND expires_at < ?1");
  remove->bind(1, now);
  return static_cast<int64_t>(remove->exec());
} catch (const std::exception& e) {
  return sqlite_error("purge expired proxy tokens", e);
}

}  // namespace mytoken::sqlite
