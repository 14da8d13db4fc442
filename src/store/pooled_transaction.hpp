#pragma once

#include <memory>
#include <utility>

#include "domain/ports/store.hpp"
#include "store/connection_pool.hpp"

namespace mytoken {

// What a backend's transactions share: one connection taken from `pool` for the transaction's lifetime, and
// the backend's repositories working on it. `Repositories` names the repository types (Users, Tokens,
// RefreshTokens, KeyWraps, Usages, ProxyTokens, PendingLogins, Events, AccessTokens, RateLimits, Templates),
// each constructible from a `Connection&`. The destructor hands the connection back to the pool (which closes it
// if it is not reusable); a derived class rolls back an unfinished transaction in its own destructor, which
// runs first. `pool` must outlive it. Used by one thread at a time.
template <typename Connection, typename Repositories>
class PooledTransaction : public Transaction {
 public:
  ~PooledTransaction() override { pool_.release(std::move(connection_)); }

  UserRepository& users() final { return users_; }
  TokenRepository& tokens() final { return tokens_; }
  RefreshTokenRepository& refresh_tokens() final { return refresh_tokens_; }
  KeyWrapRepository& key_wraps() final { return key_wraps_; }
  UsageRepository& usages() final { return usages_; }
  ProxyTokenRepository& proxy_tokens() final { return proxy_tokens_; }
  PendingLoginRepository& pending_logins() final { return pending_logins_; }
  EventRepository& events() final { return events_; }
  AccessTokenRepository& access_tokens() final { return access_tokens_; }
  RateLimitRepository& rate_limits() final { return rate_limits_; }
  TemplateRepository& templates() final { return templates_; }

 protected:
  PooledTransaction(ConnectionPool<Connection>& pool, std::unique_ptr<Connection> connection)
      : pool_(pool),
        connection_(std::move(connection)),
        users_(*connection_),
        tokens_(*connection_),
        refresh_tokens_(*connection_),
        key_wraps_(*connection_),
        usages_(*connection_),
        proxy_tokens_(*connection_),
        pending_logins_(*connection_),
        events_(*connection_),
        access_tokens_(*connection_),
        rate_limits_(*connection_),
        templates_(*connection_) {}

  Connection& connection() { return *connection_; }

 private:
  ConnectionPool<Connection>& pool_;
  std::unique_ptr<Connection> connection_;  // before the repositories, which hold a reference to it
  typename Repositories::Users users_;
  typename Repositories::Tokens tokens_;
  typename Repositories::RefreshTokens refresh_tokens_;
  typename Repositories::KeyWraps key_wraps_;
  typename Repositories::Usages usages_;
  typename Repositories::ProxyTokens proxy_tokens_;
  typename Repositories::PendingLogins pending_logins_;
  typename Repositories::Events events_;
  typename Repositories::AccessTokens access_tokens_;
  typename Repositories::RateLimits rate_limits_;
  typename Repositories::Templates templates_;
};

}  // namespace mytoken
