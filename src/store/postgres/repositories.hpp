#pragma once

#include "domain/ports/store.hpp"
#include "store/postgres/connection.hpp"

// The PostgreSQL repositories. Each works on the connection of its Transaction (which must outlive it) and
// turns every exception into ApiError::internal at its edge; their SQL lives in the matching *_repository.cpp.
// Every parameter is bound (Param), never spliced into the SQL text.
namespace mytoken::postgres {

class PgUsers final : public UserRepository {
 public:
  explicit PgUsers(Connection& connection) : connection_(connection) {}
  Result<int64_t> upsert(const std::string& oidc_sub, const std::string& oidc_iss) override;

 private:
  Connection& connection_;
};

class PgTokens final : public TokenRepository {
 public:
  explicit PgTokens(Connection& connection) : connection_(connection) {}
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

class PgRefreshTokens final : public RefreshTokenRepository {
 public:
  explicit PgRefreshTokens(Connection& connection) : connection_(connection) {}
  Result<int64_t> insert(const std::string& ciphertext) override;
  Result<std::optional<RefreshTokenRecord>> find(int64_t id) override;
  Result<bool> replace(int64_t id, int64_t expected_version, const std::string& ciphertext) override;
  Result<void> remove(int64_t id) override;

 private:
  Connection& connection_;
};

class PgKeyWraps final : public KeyWrapRepository {
 public:
  explicit PgKeyWraps(Connection& connection) : connection_(connection) {}
  Result<void> put(const MomId& id, int64_t rt_id, const std::string& wrapped_key) override;
  Result<std::optional<std::string>> find(const MomId& id) override;

 private:
  Connection& connection_;
};

class PgUsages final : public UsageRepository {
 public:
  explicit PgUsages(Connection& connection) : connection_(connection) {}
  Result<bool> try_consume(const MomId& id, const std::string& clause_hash, const std::string& clause_json, Kind kind,
                           std::optional<int64_t> limit) override;
  Result<void> release(const MomId& id, const std::string& clause_hash, Kind kind) override;
  Result<UsageCounts> counts(const MomId& id, const std::string& clause_hash) override;

 private:
  Connection& connection_;
};

class PgProxyTokens final : public ProxyTokenRepository {
 public:
  explicit PgProxyTokens(Connection& connection) : connection_(connection) {}
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

class PgPendingLogins final : public PendingLoginRepository {
 public:
  explicit PgPendingLogins(Connection& connection) : connection_(connection) {}
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

class PgEvents final : public EventRepository {
 public:
  explicit PgEvents(Connection& connection) : connection_(connection) {}
  Result<void> append(const EventRow& event) override;
  Result<std::vector<EventRow>> of_token(const MomId& id) override;

 private:
  Connection& connection_;
};

class PgAccessTokens final : public AccessTokenRepository {
 public:
  explicit PgAccessTokens(Connection& connection) : connection_(connection) {}
  Result<void> insert(const AccessTokenRow& row) override;
  Result<int64_t> count_of_token(const MomId& id) override;

 private:
  Connection& connection_;
};

class PgRateLimits final : public RateLimitRepository {
 public:
  explicit PgRateLimits(Connection& connection) : connection_(connection) {}
  Result<bool> try_increment(const std::string& key, int64_t window_start, int64_t limit) override;
  Result<int64_t> count(const std::string& key, int64_t window_start) override;
  Result<int64_t> add(const std::string& key, int64_t window_start, int64_t n) override;
  Result<int64_t> purge_before(int64_t window_start) override;

 private:
  Connection& connection_;
};

class PgTemplates final : public TemplateRepository {
 public:
  explicit PgTemplates(Connection& connection) : connection_(connection) {}
  Result<std::vector<TemplateRow>> all() override;
  Result<TemplateWrite> insert(const TemplateRow& row) override;
  Result<TemplateWrite> update(const TemplateRow& row) override;
  Result<TemplateWrite> remove(const std::string& id, const std::string& kind, const std::string& group) override;

 private:
  Connection& connection_;
};

// The repository types of a PostgreSQL transaction (see PooledTransaction).
struct PgRepositories {
  using Users = PgUsers;
  using Tokens = PgTokens;
  using RefreshTokens = PgRefreshTokens;
  using KeyWraps = PgKeyWraps;
  using Usages = PgUsages;
  using ProxyTokens = PgProxyTokens;
  using PendingLogins = PgPendingLogins;
  using Events = PgEvents;
  using AccessTokens = PgAccessTokens;
  using RateLimits = PgRateLimits;
  using Templates = PgTemplates;
};

}  // namespace mytoken::postgres
