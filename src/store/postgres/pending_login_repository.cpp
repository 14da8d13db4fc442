#include <exception>

#include "store/postgres/pg_error.hpp"
#include "store/postgres/repositories.hpp"

namespace mytoken::postgres {
namespace {

// A macro, not a constant: each statement stays one string literal, built at compile time.
#define MYTOKEN_PENDING_LOGIN_COLUMNS                                                                        \
  "consent_code_hash, state_hash, polling_code_hash, request_json, consent_sealed, state_sealed, consented," \
  " created, expires_at"

Result<std::optional<PendingLoginRow>> read_pending_login(const Rows& rows) {
  if (rows.size() == 0) {
    return std::optional<PendingLoginRow>();
  }
  PendingLoginRow row;
  row.consent_code_hash = rows.text(0, 0);
  row.state_hash = rows.text(0, 1);
  if (!rows.is_null(0, 2)) {
    row.polling_code_hash = rows.text(0, 2);
  }
  row.request_json = rows.text(0, 3);
  row.consent_sealed = rows.text(0, 4);
  row.state_sealed = rows.text(0, 5);
  row.consented = rows.boolean(0, 6);
  row.created = rows.int8(0, 7);
  row.expires_at = rows.int8(0, 8);
  return std::optional<PendingLoginRow>(std::move(row));
}

}  // namespace

Result<void> PgPendingLogins::insert(const PendingLoginRow& row) try {
  connection_.exec(
      "INSERT INTO pending_logins (" MYTOKEN_PENDING_LOGIN_COLUMNS ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {Param::text(row.consent_code_hash), Param::text(row.state_hash), Param::text_or_null(row.polling_code_hash),
       Param::text(row.request_json), Param::text(row.consent_sealed), Param::text(row.state_sealed),
       Param::boolean(row.consented), Param::int8(row.created), Param::int8(row.expires_at)});
  return {};
} catch (const std::exception& e) {
  return postgres_error("insert pending login", e);
}

Result<std::optional<PendingLoginRow>> PgPendingLogins::find_by_consent(const std::string& consent_code_hash) try {
  return read_pending_login(connection_.exec("SELECT " MYTOKEN_PENDING_LOGIN_COLUMNS
                                             " FROM pending_logins WHERE consent_code_hash = $1",
                                             {Param::text(consent_code_hash)}));
} catch (const std::exception& e) {
  return postgres_error("find pending login by consent code", e);
}

Result<std::optional<PendingLoginRow>> PgPendingLogins::find_by_state(const std::string& state_hash) try {
  return read_pending_login(connection_.exec(
      "SELECT " MYTOKEN_PENDING_LOGIN_COLUMNS " FROM pending_logins WHERE state_hash = $1", {Param::text(state_hash)}));
} catch (const std::exception& e) {
  return postgres_error("find pending login by state", e);
}

Result<bool> PgPendingLogins::record_consent(const std::string& consent_code_hash,
                                             const std::string& request_json) try {
  return connection_
             .exec(
                 "UPDATE pending_logins SET request_json = $2, consented = TRUE"
                 " WHERE consent_code_hash = $1 AND NOT consented",
                 {Param::text(consent_code_hash), Param::text(request_json)})
             .affected() == 1;
} catch (const std::exception& e) {
  return postgres_error("record consent", e);
}

Result<bool> PgPendingLogins::take_undecided(const std::string& consent_code_hash) try {
  return connection_
             .exec("DELETE FROM pending_logins WHERE consent_code_hash = $1 AND NOT consented",
                   {Param::text(consent_code_hash)})
             .affected() == 1;
} catch (const std::exception& e) {
  return postgres_error("take undecided pending login", e);
}

Result<bool> PgPendingLogins::take(const std::string& consent_code_hash) try {
  return connection_.exec("DELETE FROM pending_logins WHERE consent_code_hash = $1", {Param::text(consent_code_hash)})
             .affected() == 1;
} catch (const std::exception& e) {
  return postgres_error("take pending login", e);
}

Result<int64_t> PgPendingLogins::purge_expired(int64_t now) try {
  return connection_.exec("DELETE FROM pending_logins WHERE expires_at > 0 AND expires_at < $1", {Param::int8(now)})
      .affected();
} catch (const std::exception& e) {
  return postgres_error("purge expired pending logins", e);
}

#undef MYTOKEN_PENDING_LOGIN_COLUMNS

}  // namespace mytoken::postgres
