#include "store/sqlite/schema.hpp"

#include <array>

namespace mytoken::sqlite {
namespace {

// Conventions: times are unix seconds (INTEGER, 0 = none); booleans are INTEGER 0/1; JSON documents are TEXT.
// access_tokens.scopes and .audiences are JSON arrays of strings (TEXT).
// All FKs to mytokens cascade on delete except parent_id, which is set NULL (spec §12.1, §17).
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE users (
  id       INTEGER PRIMARY KEY,
  oidc_sub TEXT NOT NULL,
  oidc_iss TEXT NOT NULL,
  UNIQUE (oidc_sub, oidc_iss)
);

CREATE TABLE refresh_tokens (
  id         INTEGER PRIMARY KEY,
  ciphertext TEXT NOT NULL,
  version    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE mytokens (
  mom_id       TEXT PRIMARY KEY,
  seq_no       INTEGER NOT NULL,
  parent_id    TEXT REFERENCES mytokens (mom_id) ON DELETE SET NULL,
  name         TEXT NOT NULL DEFAULT '',
  created      INTEGER NOT NULL,
  ip_created   TEXT NOT NULL DEFAULT '',
  user_id      INTEGER NOT NULL REFERENCES users (id),
  rt_id        INTEGER NOT NULL REFERENCES refresh_tokens (id),
  expires_at   INTEGER NOT NULL DEFAULT 0,
  last_rotated INTEGER NOT NULL DEFAULT 0,
  capabilities TEXT NOT NULL DEFAULT '[]',
  restrictions TEXT NOT NULL DEFAULT '[]',
  rotation     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mytokens_parent_id ON mytokens (parent_id);
CREATE INDEX mytokens_user_id ON mytokens (user_id);
CREATE INDEX mytokens_rt_id ON mytokens (rt_id);
CREATE INDEX mytokens_expires_at ON mytokens (expires_at) WHERE expires_at > 0;

CREATE TABLE key_wraps (
  mom_id      TEXT PRIMARY KEY REFERENCES mytokens (mom_id) ON DELETE CASCADE,
  rt_id       INTEGER NOT NULL REFERENCES refresh_tokens (id),
  wrapped_key TEXT NOT NULL
);
CREATE INDEX key_wraps_rt_id ON key_wraps (rt_id);

CREATE TABLE usages (
  mom_id       TEXT NOT NULL REFERENCES mytokens (mom_id) ON DELETE CASCADE,
  clause_hash  TEXT NOT NULL,
  clause_json  TEXT NOT NULL,
  usages_at    INTEGER NOT NULL DEFAULT 0 CHECK (usages_at >= 0),
  usages_other INTEGER NOT NULL DEFAULT 0 CHECK (usages_other >= 0),
  PRIMARY KEY (mom_id, clause_hash)
);

CREATE TABLE proxy_tokens (
  id               TEXT PRIMARY KEY,
  kind             TEXT NOT NULL CHECK (kind IN ('short_token', 'transfer_code', 'polling_code')),
  jwt_ciphertext   TEXT NOT NULL DEFAULT '',
  mom_id           TEXT REFERENCES mytokens (mom_id) ON DELETE CASCADE,
  created          INTEGER NOT NULL,
  expires_at       INTEGER NOT NULL DEFAULT 0,
  consent_declined INTEGER NOT NULL DEFAULT 0,
  revoke_mytoken   INTEGER NOT NULL DEFAULT 0,
  response_type    TEXT NOT NULL DEFAULT 'token',
  max_token_len    INTEGER NOT NULL DEFAULT 0,
  last_polled      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX proxy_tokens_mom_id ON proxy_tokens (mom_id);
CREATE INDEX proxy_tokens_expires_at ON proxy_tokens (expires_at) WHERE expires_at > 0;

CREATE TABLE pending_logins (
  consent_code_hash TEXT PRIMARY KEY,
  state_hash        TEXT NOT NULL UNIQUE,
  polling_code_hash TEXT,
  request_json      TEXT NOT NULL,
  consent_sealed    TEXT NOT NULL,
  state_sealed      TEXT NOT NULL,
  consented         INTEGER NOT NULL DEFAULT 0,
  created           INTEGER NOT NULL,
  expires_at        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX pending_logins_expires_at ON pending_logins (expires_at) WHERE expires_at > 0;

CREATE TABLE events (
  id         INTEGER PRIMARY KEY,
  mom_id     TEXT NOT NULL REFERENCES mytokens (mom_id) ON DELETE CASCADE,
  event      TEXT NOT NULL,
  time       INTEGER NOT NULL,
  comment    TEXT NOT NULL DEFAULT '',
  ip         TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_mom_id_time ON events (mom_id, time);

CREATE TABLE access_tokens (
  id        INTEGER PRIMARY KEY,
  mom_id    TEXT NOT NULL REFERENCES mytokens (mom_id) ON DELETE CASCADE,
  created   INTEGER NOT NULL,
  ip        TEXT NOT NULL DEFAULT '',
  comment   TEXT NOT NULL DEFAULT '',
  scopes    TEXT NOT NULL DEFAULT '[]',
  audiences TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX access_tokens_mom_id ON access_tokens (mom_id);
)sql";

// Guessing limits of codes (src/service/code_rate_limit.cpp): one fixed-window counter per opaque key.
constexpr std::string_view kVersion2 = R"sql(
CREATE TABLE rate_limits (
  key          TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,
  count        INTEGER NOT NULL
);
CREATE INDEX rate_limits_window_start ON rate_limits (window_start);
)sql";

// Templates written through API/pt (src/service/server_templates.cpp, spec §13.2); every instance reads them.
constexpr std::string_view kVersion3 = R"sql(
CREATE TABLE templates (
  id      TEXT PRIMARY KEY,
  kind    TEXT NOT NULL CHECK (kind IN ('profiles', 'capabilities', 'restrictions', 'rotation')),
  grp     TEXT NOT NULL,
  name    TEXT NOT NULL,
  payload TEXT NOT NULL,
  UNIQUE (kind, grp, name)
);
)sql";

constexpr std::array<std::string_view, 3> kMigrations = {kVersion1, kVersion2, kVersion3};

}  // namespace

std::span<const std::string_view> schema_migrations() { return kMigrations; }

}  // namespace mytoken::sqlite
