#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/mom_id.hpp"
#include "domain/restrictions.hpp"
#include "domain/result.hpp"

namespace mytoken {

// Rows as the store keeps them. Nothing here is secret in clear: refresh tokens, wrapped keys, stored JWTs
// and codes are ciphertexts or keyed hashes produced by src/crypto (design §4).

struct TokenRow {
  MomId mom_id;
  int64_t seq_no = 1;
  std::optional<MomId> parent;
  std::string name;
  int64_t created = 0;
  std::string ip_created;
  int64_t user_id = 0;
  int64_t rt_id = 0;       // the refresh-token record shared by the token family
  int64_t expires_at = 0;  // 0 = none
  int64_t last_rotated = 0;
  std::string capabilities_json;  // JSON array
  std::string restrictions_json;  // JSON array ("[]" = unrestricted)
  std::string rotation_json;      // JSON object or "" for none
};

struct RefreshTokenRecord {
  int64_t id = 0;
  std::string ciphertext;  // AEAD(data key, RT)
  int64_t version = 1;     // incremented by every replacement (compare-and-swap)
};

// A short token, transfer code or polling code, found by the keyed hash of its value (spec §4.5–4.7).
struct ProxyTokenRow {
  enum class Kind { kShortToken, kTransferCode, kPollingCode };
  std::string id;  // keyed hash of the code
  Kind kind = Kind::kPollingCode;
  std::string jwt_ciphertext;  // empty while a polling code waits for its login
  std::optional<MomId> mom_id;
  int64_t created = 0;
  int64_t expires_at = 0;  // 0 = never (short tokens)
  bool consent_declined = false;
  bool revoke_mytoken = false;  // revoking this code revokes its token (issued as transfer code)
  std::string response_type = "token";
  int64_t max_token_len = 0;
  int64_t last_polled = 0;  // for slow_down
};

// A login between POST token/my (oidc_flow) and the OP's redirect (spec §5.2–5.3).
struct PendingLoginRow {
  std::string consent_code_hash;  // keyed hash of the consent code (primary key)
  std::string state_hash;         // keyed hash of the OIDC state
  std::optional<std::string> polling_code_hash;
  std::string request_json;    // the mytoken request (no secrets)
  std::string consent_sealed;  // AEAD under a key derived from the consent code: state + PKCE verifier
  std::string state_sealed;    // AEAD under a key derived from the state: PKCE verifier + polling code
  bool consented = false;
  int64_t created = 0;
  int64_t expires_at = 0;
};

struct EventRow {
  MomId mom_id;
  // The wire name (event_name() of domain/event_type.hpp), kept as text: a row written by another server
  // version may name an event this one does not know, and history shows it as stored.
  std::string event;
  int64_t time = 0;
  std::string comment;  // truncated to 100 characters by the store
  std::string ip;
  std::string user_agent;
};

struct AccessTokenRow {  // audit record of an issued AT; the AT itself is never stored
  MomId mom_id;
  int64_t created = 0;
  std::string ip;
  std::string comment;
  std::vector<std::string> scopes;
  std::vector<std::string> audiences;
};

struct TemplateRow {  // a template written through API/pt (spec §13.2); kind is its API/pt type name
  std::string id;     // a UUID
  std::string kind;   // profiles, capabilities, restrictions, rotation
  std::string group;
  std::string name;
  std::string payload_json;
};

enum class TemplateWrite { kDone, kNotFound, kNameTaken };

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // The id of the user (oidc_sub, oidc_iss), created if absent.
  virtual Result<int64_t> upsert(const std::string& oidc_sub, const std::string& oidc_iss) = 0;
};

class TokenRepository {
 public:
  virtual ~TokenRepository() = default;
  virtual Result<void> insert(const TokenRow& row) = 0;
  virtual Result<std::optional<TokenRow>> find(const MomId& id) = 0;
  // In a write transaction: the token's current seq_no, and no other transaction can remove the token before
  // this one ends (PostgreSQL: a key-share row lock, which rotation's UPDATE does not wait for; SQLite: the
  // single write lock). nullopt if the token is gone. Rows that refer to the token may then be written safely.
  virtual Result<std::optional<int64_t>> hold(const MomId& id) = 0;
  // Sets seq_no and last_rotated only if the stored seq_no is `expected_seq_no`; false if it was not.
  virtual Result<bool> advance_seq_no(const MomId& id, int64_t expected_seq_no, int64_t last_rotated) = 0;
  // Deletes the token (and, if `recursive`, all its descendants; otherwise its children become roots).
  // Cascades to key wraps, usages, events, AT records and proxy tokens of the deleted tokens.
  // Returns the ids of the refresh-token records that no remaining token references any more.
  virtual Result<std::vector<int64_t>> remove(const MomId& id, bool recursive) = 0;
  virtual Result<std::vector<TokenRow>> children(const MomId& id) = 0;
  virtual Result<std::vector<TokenRow>> of_user(int64_t user_id) = 0;  // creation order
};

class RefreshTokenRepository {
 public:
  virtual ~RefreshTokenRepository() = default;
  virtual Result<int64_t> insert(const std::string& ciphertext) = 0;  // returns the new id, version 1
  virtual Result<std::optional<RefreshTokenRecord>> find(int64_t id) = 0;
  // Replaces the ciphertext if the version is still `expected_version`; false otherwise.
  virtual Result<bool> replace(int64_t id, int64_t expected_version, const std::string& ciphertext) = 0;
  virtual Result<void> remove(int64_t id) = 0;
};

class KeyWrapRepository {  // the family data key, wrapped once per mytoken (design §4)
 public:
  virtual ~KeyWrapRepository() = default;
  virtual Result<void> put(const MomId& id, int64_t rt_id, const std::string& wrapped_key) = 0;  // insert or replace
  virtual Result<std::optional<std::string>> find(const MomId& id) = 0;
};

class UsageRepository {  // spec §6.4
 public:
  virtual ~UsageRepository() = default;
  enum class Kind { kAT, kOther };
  // Atomically consumes one usage of `kind` through the clause if fewer than `limit` were consumed (no limit:
  // always). False if the limit is exhausted. `clause_json` is stored for introspection.
  virtual Result<bool> try_consume(const MomId& id, const std::string& clause_hash, const std::string& clause_json,
                                   Kind kind, std::optional<int64_t> limit) = 0;
  virtual Result<void> release(const MomId& id, const std::string& clause_hash, Kind kind) = 0;
  virtual Result<UsageCounts> counts(const MomId& id, const std::string& clause_hash) = 0;
};

class ProxyTokenRepository {
 public:
  virtual ~ProxyTokenRepository() = default;
  virtual Result<void> insert(const ProxyTokenRow& row) = 0;
  virtual Result<std::optional<ProxyTokenRow>> find(const std::string& id) = 0;
  // Deletes the row; false if it was already gone (one-time use across instances).
  virtual Result<bool> take(const std::string& id) = 0;
  virtual Result<void> set_jwt(const std::string& id, const std::string& jwt_ciphertext, const MomId& mom_id) = 0;
  virtual Result<void> mark_declined(const std::string& id) = 0;
  virtual Result<void> set_last_polled(const std::string& id, int64_t time) = 0;
  virtual Result<int64_t> purge_expired(int64_t now) = 0;  // returns the number of rows removed
};

class PendingLoginRepository {
 public:
  virtual ~PendingLoginRepository() = default;
  virtual Result<void> insert(const PendingLoginRow& row) = 0;
  virtual Result<std::optional<PendingLoginRow>> find_by_consent(const std::string& consent_code_hash) = 0;
  virtual Result<std::optional<PendingLoginRow>> find_by_state(const std::string& state_hash) = 0;
  // A consent decision is taken once: record_consent stores the approved request and marks the login consented,
  // take_undecided deletes it (a decline); both only while it is not consented, and return false otherwise (also
  // when it is gone), so concurrent decisions on any number of instances have one winner.
  virtual Result<bool> record_consent(const std::string& consent_code_hash, const std::string& request_json) = 0;
  virtual Result<bool> take_undecided(const std::string& consent_code_hash) = 0;
  // Deletes the row; false if it was already gone (a login completes once).
  virtual Result<bool> take(const std::string& consent_code_hash) = 0;
  virtual Result<int64_t> purge_expired(int64_t now) = 0;
};

class EventRepository {
 public:
  virtual ~EventRepository() = default;
  virtual Result<void> append(const EventRow& event) = 0;
  virtual Result<std::vector<EventRow>> of_token(const MomId& id) = 0;  // newest first
};

// Fixed-window counters shared by every server instance: the guessing limits of codes (spec §4.6, docs/tokens.md).
// Keys are opaque (keyed hashes); nothing secret is stored.
class RateLimitRepository {
 public:
  virtual ~RateLimitRepository() = default;
  // Atomically adds one to the counter of `key` in the window starting at `window_start` if it is below `limit`;
  // a counter of an earlier window starts again from zero. False (and no change) if the limit is reached.
  virtual Result<bool> try_increment(const std::string& key, int64_t window_start, int64_t limit) = 0;
  // The counter of `key` in the window starting at `window_start` (0 if none or of an earlier window).
  virtual Result<int64_t> count(const std::string& key, int64_t window_start) = 0;
  // Atomically adds `n` (> 0) to the counter of `key` in the window starting at `window_start`, without a limit,
  // and returns the new total of all instances; a counter of an earlier window starts again from zero, a newer
  // stored window is kept (as in try_increment). Lets an instance flush a batch of locally counted requests.
  virtual Result<int64_t> add(const std::string& key, int64_t window_start, int64_t n) = 0;
  // Deletes counters of windows that started before `window_start`; returns the number of rows removed.
  virtual Result<int64_t> purge_before(int64_t window_start) = 0;
};

class AccessTokenRepository {
 public:
  virtual ~AccessTokenRepository() = default;
  virtual Result<void> insert(const AccessTokenRow& row) = 0;
  virtual Result<int64_t> count_of_token(const MomId& id) = 0;
};

class TemplateRepository {
 public:
  virtual ~TemplateRepository() = default;
  virtual Result<std::vector<TemplateRow>> all() = 0;  // by kind, group, name
  // kNameTaken when (kind, group, name) is another entry's; update and remove match id, kind and group.
  virtual Result<TemplateWrite> insert(const TemplateRow& row) = 0;
  virtual Result<TemplateWrite> update(const TemplateRow& row) = 0;
  virtual Result<TemplateWrite> remove(const std::string& id, const std::string& kind, const std::string& group) = 0;
};

// A unit of work. Rolls back in its destructor unless commit() succeeded. Used by one thread at a time.
class Transaction {
 public:
  Transaction() = default;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  virtual ~Transaction() = default;
  virtual UserRepository& users() = 0;
  virtual TokenRepository& tokens() = 0;
  virtual RefreshTokenRepository& refresh_tokens() = 0;
  virtual KeyWrapRepository& key_wraps() = 0;
  virtual UsageRepository& usages() = 0;
  virtual ProxyTokenRepository& proxy_tokens() = 0;
  virtual PendingLoginRepository& pending_logins() = 0;
  virtual EventRepository& events() = 0;
  virtual AccessTokenRepository& access_tokens() = 0;
  virtual RateLimitRepository& rate_limits() = 0;
  virtual TemplateRepository& templates() = 0;
  [[nodiscard]] virtual Result<void> commit() = 0;
};

enum class TxMode { kRead, kWrite };

// Thread-safe; outlives every Transaction it returns.
class Store {
 public:
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  virtual ~Store() = default;
  // kWrite takes the write lock up front (SQLite: BEGIN IMMEDIATE), so conditional updates are atomic.
  [[nodiscard]] virtual Result<std::unique_ptr<Transaction>> begin(TxMode mode) = 0;
};

}  // namespace mytoken
