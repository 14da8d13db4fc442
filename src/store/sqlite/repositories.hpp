#pragma once

#include "domain/ports/store.hpp"
#include "store/sqlite/connection.hpp"

// The SQLite repositories. Each works on the connection of its Transaction (which must outlive it) and turns
// every exception into ApiError::internal at its edge; their SQL lives in the matching *_repository.cpp.
namespace mytoken::sqlite {

class SqliteUsers final : public UserRepository {
 public:
  explicit SqliteUsers(Connection& connection) : connection_(connection) {}
  Result<int64_t> upsert(const std::string& oidc_sub, const std::string& oidc_iss) override;

 private:
  Connection& connection_;
};

class SqliteTokens final : public TokenRepository {
 public:
  explicit SqliteTokens(Connection& connection) : connection_(connection) {}
  Result<void> insert(const TokenRow& row) override;
  Result<std::optional<TokenRow>> find(const MomId& id) override;
  Result<std::optional<int64_t>> hold(const MomId& id) override;
  Result<bool> advance_seq_no(const MomId& id, int64_t expected_seq_no, int64_t last_rotated) override;
  Result<std::vector<int64_t>> remove(const MomId& id, bool recursive) override;
  Result<std::vector<TokenRow>> children(const MomId& id) override;
  Result<std::vector<TokenRow>> of_user(int64_t user_id) override;

 private:
  Connection& connection_;
};

class SqliteRefreshTokens final : public RefreshTokenRepository {
 public:
  explicit SqliteRefreshTokens(Connection& connection) : connection_(connection) {}
  Result<int64_t> insert(const std::string& ciphertext) override;
  Result<std::optional<RefreshTokenRecord>> find(int64_t id) override;
  Result<bool> replace(int64_t id, int64_t expected_version, const std::string& ciphertext) override;
  Result<void> remove(int64_t id) override;

 private:
  Connection& connection_;
};

class SqliteKeyWraps final : public KeyWrapRepository {
 public:
  explicit SqliteKeyWraps(Connection& connection) : connection_(connection) {}
  Result<void> put(const MomId& id, int64_t rt_id, const std::string& wrapped_key) override;
  Result<std::optional<std::string>> find(const MomId& id) override;

 private:
  Connection& connection_;
};

class SqliteUsages final : public UsageRepository {
 public:
  explicit SqliteUsages(Connection& connection) : connection_(connection) {}
  Result<bool> try_consume(const MomId& id, const std::string& clause_hash, const std::string& clause_json, Kind kind,
                           std::optional<int64_t> limit) override;
  Result<void> release(const MomId& id, const std::string& clause_hash, Kind kind) override;
  Result<UsageCounts> counts(const MomId& id, const std::string& clause_hash) override;

 private:
  Connection& connection_;
};

class SqliteProxyTokens final : public ProxyTokenRepository {
 public:
  explicit SqliteProxyTokens(Connection& connection) : connection_(connection) {}
  Result<void> insert(const ProxyTokenRow& row) override;
  Result<std::optional<ProxyTokenRow>> find(const std::string& id) override;
  Result<bool> take(const std::string& id) override;
  Result<void> set_jwt(const std::string& id, const std::string& jwt_ciphertext, const MomId& mom_id) override;
  Result<void> mark_declined(const std::string& id) override;
  Result<void> set_last_polled(const std::string& id, int64_t time) override;
  Result<int64_t> purge_expired(int64_t now) override;

 private:
  Connection& connection_;
};

class SqlitePendingLogins final : public PendingLoginRepository {
 public:
  explicit SqlitePendingLogins(Connection& connection) : connection_(connection) {}
  Result<void> insert(const PendingLoginRow& row) override;
  Result<std::optional<PendingLoginRow>> find_by_consent(const std::string& consent_code_hash) override;
  Result<std::optional<PendingLoginRow>> find_by_state(const std::string& state_hash) override;
  Result<bool> record_consent(const std::string& consent_code_hash, const std::string& request_json) override;
  Result<bool> take_undecided(const std::string& consent_code_hash) override;
  Result<bool> take(const std::string& consent_code_hash) override;
  Result<int64_t> purge_expired(int64_t now) override;

 private:
  Connection& connection_;
};

class SqliteEvents final : public EventRepository {
 public:
  explicit SqliteEvents(Connection& connection) : connection_(connection) {}
  Result<void> append(const EventRow& event) override;
  Result<std::vector<EventRow>> of_token(const MomId& id) override;

 private:
  Connection& connection_;
};

class SqliteAccessTokens final : public AccessTokenRepository {
 public:
  explicit SqliteAccessTokens(Connection& connection) : connection_(connection) {}
  Result<void> insert(const AccessTokenRow& row) override;
  Result<int64_t> count_of_token(const MomId& id) override;

 private:
  Connection& connection_;
};

class SqliteRateLimits final : public RateLimitRepository {
 public:
  explicit SqliteRateLimits(Connection& connection) : connection_(connection) {}
  Result<bool> try_increment(const std::string& key, int64_t window_start, int64_t limit) override;
  Result<int64_t> count(const std::string& key, int64_t window_start) override;
  Result<int64_t> add(const std::string& key, int64_t window_start, int64_t n) override;
  Result<int64_t> purge_before(int64_t window_start) override;

 private:
  Connection& connection_;
};

class SqliteTemplates final : public TemplateRepository {
 public:
  explicit SqliteTemplates(Connection& connection) : connection_(connection) {}
  Result<std::vector<TemplateRow>> all() override;
  Result<TemplateWrite> insert(const TemplateRow& row) override;
  Result<TemplateWrite> update(const TemplateRow& row) override;
  Result<TemplateWrite> remove(const std::string& id, const std::string& kind, const std::string& group) override;

 private:
  Connection& connection_;
};

// The repository types of a SQLite transaction (see PooledTransaction).
struct SqliteRepositories {
  using Users = SqliteUsers;
  using Tokens = SqliteTokens;
  using RefreshTokens = SqliteRefreshTokens;
  using KeyWraps = SqliteKeyWraps;
  using Usages = SqliteUsages;
  using ProxyTokens = SqliteProxyTokens;
  using PendingLogins = SqlitePendingLogins;
  using Events = SqliteEvents;
  using AccessTokens = SqliteAccessTokens;
  using RateLimits = SqliteRateLimits;
  using Templates = SqliteTemplates;
};

}  // namespace mytoken::sqlite
