#include "store/metered_store.hpp"

#include <chrono>
#include <utility>

namespace mytoken {
namespace {

using SteadyClock = std::chrono::steady_clock;

double seconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

struct ModeInstruments {
  metrics::Histogram* begin;
  metrics::Histogram* lifetime;
};

struct StoreInstruments {
  ModeInstruments read;
  ModeInstruments write;
  metrics::Gauge* in_use;
  metrics::Counter* begin_errors;
  metrics::Counter* commit_errors;
};

class MeteredTransaction final : public Transaction {
 public:
  MeteredTransaction(std::unique_ptr<Transaction> inner, const StoreInstruments& m, const ModeInstruments& mode)
      : inner_(std::move(inner)), m_(m), mode_(mode), started_(SteadyClock::now()) {
    m_.in_use->add(1);
  }
  ~MeteredTransaction() override {
    inner_.reset();  // rolls back (if not committed) and hands the connection back: part of the lifetime
    mode_.lifetime->observe(seconds_since(started_));
    m_.in_use->add(-1);
  }
  MeteredTransaction(const MeteredTransaction&) = delete;
  MeteredTransaction& operator=(const MeteredTransaction&) = delete;

  UserRepository& users() override { return inner_->users(); }
  TokenRepository& tokens() override { return inner_->tokens(); }
  RefreshTokenRepository& refresh_tokens() override { return inner_->refresh_tokens(); }
  KeyWrapRepository& key_wraps() override { return inner_->key_wraps(); }
  UsageRepository& usages() override { return inner_->usages(); }
  ProxyTokenRepository& proxy_tokens() override { return inner_->proxy_tokens(); }
  PendingLoginRepository& pending_logins() override { return inner_->pending_logins(); }
  EventRepository& events() override { return inner_->events(); }
  AccessTokenRepository& access_tokens() override { return inner_->access_tokens(); }
  RateLimitRepository& rate_limits() override { return inner_->rate_limits(); }
  TemplateRepository& templates() override { return inner_->templates(); }
  Result<void> commit() override {
    auto committed = inner_->commit();
    if (!committed) m_.commit_errors->inc();
    return committed;
  }

 private:
  std::unique_ptr<Transaction> inner_;
  const StoreInstruments& m_;
  const ModeInstruments& mode_;
  const SteadyClock::time_point started_;
};

class MeteredStore final : public Store {
 public:
  MeteredStore(std::unique_ptr<Store> inner, StoreInstruments m) : inner_(std::move(inner)), m_(m) {}

  Result<std::unique_ptr<Transaction>> begin(TxMode mode) override {
    const ModeInstruments& instruments = mode == TxMode::kWrite ? m_.write : m_.read;
    const auto started = SteadyClock::now();
    auto tx = inner_->begin(mode);
    instruments.begin->observe(seconds_since(started));
    if (!tx) {
      m_.begin_errors->inc();
      return std::move(tx).error();
    }
    return std::unique_ptr<Transaction>(std::make_unique<MeteredTransaction>(std::move(*tx), m_, instruments));
  }

 private:
  std::unique_ptr<Store> inner_;
  const StoreInstruments m_;
};

}  // namespace

std::unique_ptr<Store> metered_store(std::unique_ptr<Store> store, metrics::Registry& registry, size_t pool_size) {
  auto& begin = registry.histogram("mytoken_db_begin_duration_seconds",
                                   "Time to start a database transaction (waiting for a pooled connection, BEGIN)",
                                   metrics::latency_buckets(), {"mode"});
  auto& lifetime = registry.histogram("mytoken_db_transaction_duration_seconds",
                                      "Database transactions from begin to commit or rollback",
                                      metrics::latency_buckets(), {"mode"});
  auto& errors = registry.counter("mytoken_db_errors_total", "Database transactions that failed to begin or commit",
                                  {"operation"});
  auto& in_use =
      registry.gauge("mytoken_db_connections_in_use", "Database connections held by open transactions").with({});
  registry.gauge("mytoken_db_pool_size", "Connections the database pool may open (database.pool_size)")
      .with({})
      .set(static_cast<double>(pool_size));
  StoreInstruments m{
      .read = {&begin.with({"read"}), &lifetime.with({"read"})},
      .write = {&begin.with({"write"}), &lifetime.with({"write"})},
      .in_use = &in_use,
      .begin_errors = &errors.with({"begin"}),
      .commit_errors = &errors.with({"commit"}),
  };
  return std::make_unique<MeteredStore>(std::move(store), m);
}

}  // namespace mytoken
