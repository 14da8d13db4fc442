#pragma once

#include <memory>
#include <optional>
#include <string>

#include "domain/ports/store.hpp"

// The test PostgreSQL server and per-test schemas on it. The server is found, in this order, through
// MYTOKEN_TEST_PG_URL (a libpq URL), the first line of the file MYTOKEN_TEST_PG_URL_FILE (written by the CTest
// fixture postgres.start, see tests/CMakeLists.txt), or started once by this process with
// scripts/pg-test-server.sh (stopped when the process exits). The SQL here (CREATE/DROP SCHEMA,
// pg_terminate_backend) is test scaffolding around the store, not application SQL.
namespace mytoken::test {

// The server's URL; nullopt if there is no PostgreSQL here and CI is not "true". Throws std::runtime_error
// in CI when no server can be found or started, so the PostgreSQL tests fail there instead of skipping.
std::optional<std::string> test_postgres_url();

// A schema of its own on the test server, so tests (and test processes) never see each other's rows.
// Created on construction, dropped with everything in it on destruction. Requires: test_postgres_url().
class TestPgSchema {
 public:
  TestPgSchema();
  TestPgSchema(const TestPgSchema&) = delete;
  TestPgSchema& operator=(const TestPgSchema&) = delete;
  ~TestPgSchema();

  const std::string& name() const { return name_; }
  // The server URL with search_path and application_name set to this schema: pass it as PostgresOptions::url.
  const std::string& url() const { return url_; }
  // Terminates every server connection opened with url() (as a dropped network or restarted server would);
  // returns how many were terminated.
  int terminate_connections() const;

 private:
  std::string server_url_;
  std::string name_;
  std::string url_;
};

// A migrated PostgreSQL store in a fresh schema, dropped with the store; nullptr if there is no PostgreSQL
// here (the contract suite then skips; in CI it throws instead). Signature fits the store contract suite.
std::unique_ptr<Store> make_test_postgres_store();

}  // namespace mytoken::test
