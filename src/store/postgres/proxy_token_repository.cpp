#include <exception>

#include "store/postgres/pg_error.hpp"
#include "store/postgres/repositories.hpp"
#include "store/proxy_token_kind.hpp"

namespace mytoken::postgres {
namespace {

std::optional<std::string> mom_id_text(const std::optional<MomId>& id) {
  return id ? std::optional<std::string>(id->value) : std::nullopt;
}

}  // namespace

Result<void> PgProxyTokens::insert(const ProxyTokenRow& row) try {
  const auto mom_id = mom_id_text(row.mom_id);
  connection_.exec(
      "INSERT INTO proxy_tokens (id, kind, jwt_ciphertext, mom_id, created, expires_at, consent_declined,"
      " revoke_mytoken, response_type, max_token_len, last_polled)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
      {Param::text(row.id), Param::text(proxy_token_kind_name(row.kind)), Param::text(row.jwt_ciphertext),
       Param::text_or_null(mom_id), Param::int8(row.created), Param::int8(row.expires_at),
       Param::boolean(row.consent_declined), Param::boolean(row.revoke_mytoken), Param::text(row.response_type),
       Param::int8(row.max_token_len), Param::int8(row.last_polled)});
  return {};
} catch (const std::exception& e) {
  return postgres_error("insert proxy token", e);
}

Result<std::optional<ProxyTokenRow>> PgProxyTokens::find(const std::string& id) try {
  const auto rows = connection_.exec(
      "SELECT kind, jwt_ciphertext, mom_id, created, expires_at, consent_declined, revoke_mytoken, response_type,"
      " max_token_len, last_polled FROM proxy_tokens WHERE id = $1",
      {Param::text(id)});
  if (rows.size() == 0) {
    return std::optional<ProxyTokenRow>();
  }
  ProxyTokenRow row;
  row.id = id;
  row.kind = proxy_token_kind_from_name(rows.text(0, 0));
  row.jwt_ciphertext = rows.text(0, 1);
  if (!rows.is_null(0, 2)) {
    row.mom_id = MomId{rows.text(0, 2)};
  }
  row.created = rows.int8(0, 3);
  row.expires_at = rows.int8(0, 4);
  row.consent_declined = rows.boolean(0, 5);
  row.revoke_mytoken = rows.boolean(0, 6);
  row.response_type = rows.text(0, 7);
  row.max_token_len = rows.int8(0, 8);
  row.last_polled = rows.int8(0, 9);
  return std::optional<ProxyTokenRow>(std::move(row));
} catch (const std::exception& e) {
  return postgres_error("find proxy token", e);
}

Result<bool> PgProxyTokens::take(const std::string& id) try {
  // A concurrent DELETE of the same row waits for ours and then deletes nothing: one winner across instances.
  return connection_.exec("DELETE FROM proxy_tokens WHERE id = $1", {Param::text(id)}).affected() == 1;
} catch (const std::exception& e) {
  return postgres_error("take proxy token", e);
}

Result<void> PgProxyTokens::set_jwt(const std::string& id, const std::string& jwt_ciphertext, const MomId& mom_id) try {
  connection_.exec("UPDATE proxy_tokens SET jwt_ciphertext = $2, mom_id = $3 WHERE id = $1",
                   {Param::text(id), Param::text(jwt_ciphertext), Param::text(mom_id.value)});
  return {};
} catch (const std::exception& e) {
  return postgres_error("set proxy token jwt", e);
}

Result<void> PgProxyTokens::mark_declined(const std::string& id) try {
  connection_.exec("UPDATE proxy_tokens SET consent_declined = true WHERE id = $1", {Param::text(id)});
  return {};
} catch (const std::exception& e) {
  return postgres_error("mark proxy token declined", e);
}

Result<void> PgProxyTokens::set_last_polled(const std::string& id, int64_t time) try {
  connection_.exec("UPDATE proxy_tokens SET last_polled = $2 WHERE id = $1", {Param::text(id), Param::int8(time)});
  return {};
} catch (const std::exception& e) {
  return postgres_error("set proxy token last_polled", e);
}

Result<int64_t> PgProxyTokens::purge_expired(int64_t now) try {
  return connection_.exec("DELETE FROM proxy_tokens WHERE expires_at > 0 AND expires_at < $1", {Param::int8(now)})
      .affected();
} catch (const std::exception& e) {
  return postgres_error("purge expired proxy tokens", e);
}

}  // namespace mytoken::postgres
