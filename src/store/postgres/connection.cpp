#include "store/postgres/connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <vector>

#include "store/postgres/pg_error.hpp"

namespace mytoken::postgres {
namespace {

// Type OIDs from pg_type (stable across PostgreSQL versions; server/catalog/pg_type_d.h is not in libpq-dev).
constexpr unsigned kBoolOid = 16;
constexpr unsigned kByteaOid = 17;
constexpr unsigned kInt8Oid = 20;
constexpr unsigned kTextOid = 25;

bool connection_lost(PGconn* conn, std::string_view sqlstate) {
  // Class 08: connection exception; 57P01-57P03: the server is shutting down, crashed or starting up.
  return PQstatus(conn) != CONNECTION_OK || sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
         sqlstate == "57P03";
}

std::string first_line(const char* message) {
  std::string text = message == nullptr ? "" : message;
  if (const auto newline = text.find('\n'); newline != std::string::npos) text.resize(newline);
  return text;
}

}  // namespace

Param Param::text(std::string_view value) { return Param(kTextOid, value); }

Param Param::text_or_null(const std::optional<std::string>& value) {
  Param p(kTextOid, value ? std::string_view(*value) : std::string_view());
  p.is_null_ = !value;
  return p;
}

Param Param::int8(int64_t value) {
  Param p(kInt8Oid, {});
  auto bits = static_cast<uint64_t>(value);
  for (int i = 7; i >= 0; --i) {  // network byte order, as the binary format wants
    p.inline_[i] = static_cast<char>(bits & 0xFF);
    bits >>= 8;
  }
  p.inline_size_ = 8;
  return p;
}

Param Param::int8_or_null(std::optional<int64_t> value) {
  if (value) return int8(*value);
  Param p(kInt8Oid, {});
  p.is_null_ = true;
  return p;
}

Param Param::boolean(bool value) {
  Param p(kBoolOid, {});
  p.inline_[0] = value ? 1 : 0;
  p.inline_size_ = 1;
  return p;
}

Param Param::bytes(std::string_view value) { return Param(kByteaOid, value); }

Rows::~Rows() { PQclear(result_); }

int Rows::size() const { return PQntuples(result_); }

int64_t Rows::affected() const {
  const char* tuples = PQcmdTuples(result_);
  int64_t n = 0;
  std::from_chars(tuples, tuples + std::strlen(tuples), n);
  return n;
}

bool Rows::is_null(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }

std::string Rows::text(int row, int column) const {
  return std::string(PQgetvalue(result_, row, column), static_cast<size_t>(PQgetlength(result_, row, column)));
}

int64_t Rows::int8(int row, int column) const {
  const char* value = PQgetvalue(result_, row, column);
  int64_t n = 0;
  const auto end = value + PQgetlength(result_, row, column);
  if (auto [ptr, ec] = std::from_chars(value, end, n); ec != std::errc() || ptr != end) {
    throw PgError("column " + std::to_string(column) + " is not an integer", "", false);
  }
  return n;
}

bool Rows::boolean(int row, int column) const { return PQgetvalue(result_, row, column)[0] == 't'; }

std::string Rows::bytes(int row, int column) const {
  size_t length = 0;
  unsigned char* raw =
      PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(result_, row, column)), &length);
  if (raw == nullptr) throw PgError("out of memory decoding bytea", "", false);
  std::string value(reinterpret_cast<const char*>(raw), length);
  PQfreemem(raw);
  return value;
}

std::string Rows::command_status() const { return PQcmdStatus(result_); }

Connection::Connection(const std::string& url, const std::string& password, int connect_timeout_seconds) {
  // Later keywords override earlier ones: our defaults first, then everything the URL says, then the password
  // from its file. expand_dbname = 1 lets "dbname" carry the whole URI.
  const std::string timeout = std::to_string(connect_timeout_seconds);
  std::vector<const char*> keywords{"connect_timeout", "application_name", "dbname"};
  std::vector<const char*> values{timeout.c_str(), "mytokend", url.c_str()};
  if (!password.empty()) {
    keywords.push_back("password");
    values.push_back(password.c_str());
  }
  keywords.push_back(nullptr);
  values.push_back(nullptr);
  conn_ = PQconnectdbParams(keywords.data(), values.data(), 1);
  if (conn_ == nullptr) throw PgError("connect: out of memory", "", true);
  if (PQstatus(conn_) != CONNECTION_OK) {
    // libpq gives no SQLSTATE for a failed connection. Refused credentials or a missing database do not get
    // better by retrying (fail fast at start-up); anything else (connection refused, the server starting up or
    // restarting) may, so it counts as a lost connection.
    const std::string message = first_line(PQerrorMessage(conn_));
    const bool permanent = PQconnectionNeedsPassword(conn_) != 0 ||
                           message.find("authentication failed") != std::string::npos ||
                           message.find("does not exist") != std::string::npos;
    PgError error("connect: " + message, permanent ? "28000" : "08001", !permanent);
    PQfinish(conn_);
    throw error;
  }
  // Server notices ("… already exists, skipping") are not errors; libpq would print them on stderr, which is
  // the server's structured log.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

Connection::~Connection() { PQfinish(conn_); }

void Connection::throw_error(PGresult* result, std::string_view context) {
  const char* state = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const char* primary = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  std::string sqlstate = state == nullptr ? "" : state;
  // Without a primary message (e.g. the socket closed) libpq's connection message says what happened.
  std::string message = primary != nullptr ? primary : first_line(PQerrorMessage(conn_));
  PQclear(result);
  if (!sqlstate.empty()) message += " (SQLSTATE " + sqlstate + ")";
  if (!context.empty()) message = std::string(context) + ": " + message;
  const bool lost = connection_lost(conn_, sqlstate);
  throw PgError(std::move(message), std::move(sqlstate), lost);
}

Rows Connection::checked(PGresult* result, std::string_view context) {
  const auto status = result == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw_error(result, context);
  return Rows(result);
}

Rows Connection::exec(std::string_view sql, std::initializer_list<Param> params) {
  auto it = statements_.find(std::string(sql));
  if (it == statements_.end()) {
    std::vector<Oid> types;
    for (const auto& p : params) types.push_back(p.type());
    // Built with append rather than "s" + to_string(...): GCC 12 at -O3 warns falsely (-Wrestrict, bug 105329).
    std::string name = "s";
    name += std::to_string(statements_.size());
    const std::string text(sql);
    checked(PQprepare(conn_, name.c_str(), text.c_str(), static_cast<int>(types.size()), types.data()), "prepare");
    it = statements_.emplace(text, name).first;
  }
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats(params.size(), 1);
  for (const auto& p : params) {
    values.push_back(p.data());
    lengths.push_back(p.size());
  }
  return checked(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()), values.data(),
                                lengths.data(), formats.data(), 0),
                 "");
}

Rows Connection::exec_script(const char* sql) { return checked(PQexec(conn_, sql), ""); }

bool Connection::ok() const { return PQstatus(conn_) == CONNECTION_OK; }

bool Connection::in_transaction() const {
  const auto status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

bool Connection::transaction_failed() const { return PQtransactionStatus(conn_) == PQTRANS_INERROR; }

}  // namespace mytoken::postgres
