#pragma once

#include <memory>

#include "domain/ports/store.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/connection_pool.hpp"
#include "store/postgres/repositories.hpp"

namespace mytoken::postgres {

// Owns one pooled connection with an open transaction for its lifetime; rolls back in the destructor unless
// commit() succeeded, and hands a connection in doubt (broken, or still in a transaction) back as unhealthy.
// `pool` must outlive it. Used by one thread at a time.
class PgTransaction final : public Transaction {
 public:
  PgTransaction(ConnectionPool& pool, std::unique_ptr<Connection> connection);
  ~PgTransaction() override;

  UserRepository& users() override { return users_; }
  TokenRepository& tokens() override { return tokens_; }
  RefreshTokenRepository& refresh_tokens() override { return refresh_tokens_; }
  KeyWrapRepository& key_wraps() override { return key_wraps_; }
  UsageRepository& usages() override { return usages_; }
  ProxyTokenRepository& proxy_tokens() override { return proxy_tokens_; }
  PendingLoginRepository& pending_logins() override { return pending_logins_; }
  EventRepository& events() override { return events_; }
  AccessTokenRepository& access_tokens() override { return access_tokens_; }
  RateLimitRepository& rate_limits() override { return rate_limits_; }
  // Fails (and rolls back) if any statement of the transaction failed: PostgreSQL aborts the whole
  // transaction on an error, so nothing of it is ever half-applied. If the connection drops during COMMIT the
  // outcome is unknown to us; the error says so and nothing is retried.
  Result<void> commit() override;

 private:
  ConnectionPool& pool_;
  std::unique_ptr<Connection> connection_;  // before the repositories, which hold a reference to it
  PgUsers users_;
  PgTokens tokens_;
  PgRefreshTokens refresh_tokens_;
  PgKeyWraps key_wraps_;
  PgUsages usages_;
  PgProxyTokens proxy_tokens_;
  PgPendingLogins pending_logins_;
  PgEvents events_;
  PgAccessTokens access_tokens_;
  PgRateLimits rate_limits_;
};

}  // namespace mytoken::postgres
