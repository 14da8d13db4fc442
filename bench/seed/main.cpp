// seed_store: fills a mytokend database with realistic finished logins (login_rows.hpp) through the Store
// port, for the store-scale scenario of bench/run. Run it while no mytokend uses the database.
//
//   seed_store --backend sqlite --db FILE --count N [--first INDEX]
//   seed_store --backend postgres --db URL --count N [--first INDEX] [--threads T]
#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "crypto/server_secret.hpp"
#include "crypto/system_random.hpp"
#include "login_rows.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace {

using namespace mytoken;
using mytoken::bench::LoginRows;
using mytoken::bench::LoginRowsOptions;

struct SeedOptions {
  std::string backend = "sqlite";
  std::string db;
  int64_t count = 0;
  int64_t first = 0;  // index of the first login: continuing a seeded database keeps user names unique
  int64_t batch = 1000;
  unsigned threads = 1;
};

Result<std::unique_ptr<Store>> open_store(const SeedOptions& o) {
  if (o.backend == "postgres") return open_postgres_store(PostgresOptions{.url = o.db, .pool_size = o.threads});
  return open_sqlite_store(SqliteOptions{.file = o.db, .pool_size = o.threads});
}

// Writes logins [begin, end) in transactions of `batch` logins; the first error stops the thread.
Result<void> seed_range(Store& store, LoginRows& rows, int64_t begin, int64_t end, int64_t batch) {
  for (int64_t i = begin; i < end;) {
    auto tx = store.begin(TxMode::kWrite);
    if (!tx) return tx.error();
    for (const int64_t stop = std::min(end, i + batch); i < stop; ++i) {
      if (auto r = rows.write(**tx, i); !r) return r;
    }
    if (auto r = (*tx)->commit(); !r) return r;
  }
  return {};
}

int seed(const SeedOptions& o) {
  auto store = open_store(o);
  if (!store) {
    std::fprintf(stderr, "seed_store: %s\n", store.error().log_detail.c_str());
    return 1;
  }
  SystemRandom random;
  // The wraps are never opened: any pepper gives rows of the real size.
  const auto secret = ServerSecret::from_bytes(random.bytes(32));
  const int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  LoginRows rows(secret, random, LoginRowsOptions{.now = now});

  std::atomic<bool> failed = false;
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::jthread> workers;
  const int64_t share = (o.count + o.threads - 1) / o.threads;
  for (unsigned t = 0; t < o.threads; ++t) {
    const int64_t begin = o.first + t * share, end = std::min(o.first + o.count, begin + share);
    workers.emplace_back([&, begin, end] {
      if (auto r = seed_range(**store, rows, begin, end, o.batch); !r) {
        std::fprintf(stderr, "seed_store: %s\n", r.error().log_detail.c_str());
        failed = true;
      }
    });
  }
  workers.clear();  // joins
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (failed) return 1;
  std::printf("seeded %lld logins in %.1f s (%.0f logins/s)\n", static_cast<long long>(o.count), seconds,
              static_cast<double>(o.count) / seconds);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  SeedOptions o;
  CLI::App app{"Fills a mytokend database with realistic logins (bench/README.md)"};
  app.add_option("--backend", o.backend)->check(CLI::IsMember({"sqlite", "postgres"}));
  app.add_option("--db", o.db, "SQLite file or PostgreSQL URL")->required();
  app.add_option("--count", o.count, "logins to add")->required()->check(CLI::PositiveNumber);
  app.add_option("--first", o.first, "index of the first login (continue an earlier run)");
  app.add_option("--batch", o.batch, "logins per transaction")->check(CLI::PositiveNumber);
  app.add_option("--threads", o.threads, "writers (SQLite serialises writers: keep 1)")->check(CLI::Range(1, 64));
  CLI11_PARSE(app, argc, argv);
  return seed(o);
}
