#include "support/test_postgres.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

#include "store/postgres/postgres_store.hpp"
#include "support/owning_store.hpp"
#include "support/temp_sqlite_store.hpp"

namespace mytoken::test {
namespace {

bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

std::string first_line_of(const std::string& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

// A server started by this process when no fixture provides one (e.g. ./unit_tests run by hand); stopped by
// the destructor of the function-static instance at exit.
class OwnServer {
 public:
  OwnServer() {
    const std::string command = "bash '" MYTOKEN_SOURCE_DIR "/scripts/pg-test-server.sh' start '" +
                                dir_.path().string() + "' --optional >/dev/null";
    if (std::system(command.c_str()) != 0) {
      error_ = "scripts/pg-test-server.sh start failed (see its message above)";
      return;
    }
    url_ = first_line_of((dir_.path() / "url").string());
  }
  OwnServer(const OwnServer&) = delete;
  OwnServer& operator=(const OwnServer&) = delete;
  ~OwnServer() {
    const std::string command =
        "bash '" MYTOKEN_SOURCE_DIR "/scripts/pg-test-server.sh' stop '" + dir_.path().string() + "'";
    [[maybe_unused]] const int ignored = std::system(command.c_str());
  }
  const std::string& url() const { return url_; }
  const std::string& error() const { return error_; }

 private:
  TempStoreDir dir_;
  std::string url_;
  std::string error_;
};

// Runs one statement without parameters on a short-lived admin connection; the result as text (first value).
std::string admin_exec(const std::string& server_url, const std::string& sql) {
  PGconn* conn = PQconnectdb(server_url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("test postgres: cannot connect: " + message);
  }
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);  // "drop cascades to …" is expected
  PGresult* result = PQexec(conn, sql.c_str());
  const auto status = PQresultStatus(result);
  std::string value;
  if (status == PGRES_TUPLES_OK && PQntuples(result) > 0) value = PQgetvalue(result, 0, 0);
  std::string message = PQerrorMessage(conn);
  PQclear(result);
  PQfinish(conn);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error("test postgres: " + sql + ": " + message);
  }
  return value;
}

}  // namespace

std::optional<std::string> test_postgres_url() {
  if (const char* url = std::getenv("MYTOKEN_TEST_PG_URL"); url != nullptr && *url != '\0') return url;
  if (const char* file = std::getenv("MYTOKEN_TEST_PG_URL_FILE"); file != nullptr && *file != '\0') {
    if (auto url = first_line_of(file); !url.empty()) return url;
    // The fixture ran but found no PostgreSQL (it already failed in CI); do not try again per test.
    if (in_ci()) throw std::runtime_error(std::string("test postgres: no URL in ") + file + " (CI=true)");
    return std::nullopt;
  }
  static OwnServer server;  // started on first use, stopped at exit
  if (!server.url().empty()) return server.url();
  if (in_ci()) throw std::runtime_error("test postgres: no server (CI=true): " + server.error());
  return std::nullopt;
}

TestPgSchema::TestPgSchema() {
  static std::atomic<int> counter{0};
  auto url = test_postgres_url();
  if (!url) throw std::logic_error("TestPgSchema without a test PostgreSQL server");
  server_url_ = *url;
  name_ = "t_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  admin_exec(server_url_, "DROP SCHEMA IF EXISTS " + name_ + " CASCADE");  // pid reuse after a crash
  admin_exec(server_url_, "CREATE SCHEMA " + name_);
  url_ = server_url_ + (server_url_.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + name_ +
         "&application_name=" + name_;
}

TestPgSchema::~TestPgSchema() {
  try {
    terminate_connections();  // a connection still open (e.g. a leaked transaction) would block the DROP
    admin_exec(server_url_, "DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "warning: %s\n", e.what());
  }
}

int TestPgSchema::terminate_connections() const {
  return std::stoi(admin_exec(
      server_url_,
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '" + name_ + "'"));
}

std::unique_ptr<Store> make_test_postgres_store() {
  if (!test_postgres_url()) return nullptr;
  auto schema = std::make_unique<TestPgSchema>();
  auto store = open_postgres_store({.url = schema->url(), .pool_size = 8});
  if (!store) throw std::runtime_error("cannot open test postgres store: " + store.error().log_detail);
  return std::make_unique<OwningStore<TestPgSchema>>(std::move(schema), std::move(*store));
}

}  // namespace mytoken::test
