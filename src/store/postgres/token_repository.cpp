#include <exception>
#include <map>
#include <set>

#include "store/postgres/pg_error.hpp"
#include "store/postgres/repositories.hpp"

namespace mytoken::postgres {
namespace {

// A macro, not a constant: each statement stays one string literal, built at compile time.
#define MYTOKEN_TOKEN_COLUMNS                                                                                      \
  "mom_id, seq_no, parent_id, name, created, ip_created, user_id, rt_id, expires_at, last_rotated, capabilities, " \
  "restrictions, rotation"

// The token and all its descendants (spec §12.1: a token counts as its own descendant).
#define MYTOKEN_SUBTREE_CTE                        \
  "WITH RECURSIVE subtree (mom_id) AS ("           \
  " SELECT mom_id FROM mytokens WHERE mom_id = $1" \
  " UNION SELECT m.mom_id FROM mytokens m JOIN subtree s ON m.parent_id = s.mom_id)"

// Locks every row of the subtree. A child inserted concurrently needs a key-share lock on its parent (the
// foreign key check), which FOR UPDATE excludes: once the whole subtree is locked it cannot grow any more.
constexpr const char* kLockSubtreeSql =
    MYTOKEN_SUBTREE_CTE " SELECT t.mom_id, t.rt_id FROM mytokens t JOIN subtree USING (mom_id) FOR UPDATE OF t";
constexpr const char* kDeleteSubtreeSql =
    MYTOKEN_SUBTREE_CTE " DELETE FROM mytokens WHERE mom_id IN (SELECT mom_id FROM subtree)";

TokenRow read_token(const Rows& rows, int r) {
  TokenRow row;
  row.mom_id.value = rows.text(r, 0);
  row.seq_no = rows.int8(r, 1);
  if (!rows.is_null(r, 2)) {
    row.parent = MomId{rows.text(r, 2)};
  }
  row.name = rows.text(r, 3);
  row.created = rows.int8(r, 4);
  row.ip_created = rows.text(r, 5);
  row.user_id = rows.int8(r, 6);
  row.rt_id = rows.int8(r, 7);
  row.expires_at = rows.int8(r, 8);
  row.last_rotated = rows.int8(r, 9);
  row.capabilities_json = rows.text(r, 10);
  row.restrictions_json = rows.text(r, 11);
  row.rotation_json = rows.text(r, 12);
  return row;
}

std::vector<TokenRow> read_tokens(const Rows& rows) {
  std::vector<TokenRow> tokens;
  tokens.reserve(static_cast<size_t>(rows.size()));
  for (int r = 0; r < rows.size(); ++r) {
    tokens.push_back(read_token(rows, r));
  }
  return tokens;
}

std::optional<std::string> parent_text(const std::optional<MomId>& parent) {
  return parent ? std::optional<std::string>(parent->value) : std::nullopt;
}

}  // namespace

Result<void> PgTokens::insert(const TokenRow& row) try {
  const auto parent = parent_text(row.parent);
  connection_.exec(
      "INSERT INTO mytokens (" MYTOKEN_TOKEN_COLUMNS
      ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
      {Param::text(row.mom_id.value), Param::int8(row.seq_no), Param::text_or_null(parent), Param::text(row.name),
       Param::int8(row.created), Param::text(row.ip_created), Param::int8(row.user_id), Param::int8(row.rt_id),
       Param::int8(row.expires_at), Param::int8(row.last_rotated), Param::text(row.capabilities_json),
       Param::text(row.restrictions_json), Param::text(row.rotation_json)});
  return {};
} catch (const std::exception& e) {
  return postgres_error("insert token", e);
}

Result<std::optional<TokenRow>> PgTokens::find(const MomId& id) try {
  const auto rows =
      connection_.exec("SELECT " MYTOKEN_TOKEN_COLUMNS " FROM mytokens WHERE mom_id = $1", {Param::text(id.value)});
  if (rows.size() == 0) {
    return std::optional<TokenRow>();
  }
  return std::optional<TokenRow>(read_token(rows, 0));
} catch (const std::exception& e) {
  return postgres_error("find token", e);
}

Result<std::optional<int64_t>> PgTokens::hold(const MomId& id) try {
  // FOR KEY SHARE conflicts only with FOR UPDATE (a revocation locking the subtree, a DELETE): racing
  // rotations and other holders go on. A row deleted while we waited is skipped (READ COMMITTED): no row.
  const auto rows =
      connection_.exec("SELECT seq_no FROM mytokens WHERE mom_id = $1 FOR KEY SHARE", {Param::text(id.value)});
  if (rows.size() == 0) return std::optional<int64_t>();
  return std::optional<int64_t>(rows.int8(0, 0));
} catch (const std::exception& e) {
  return postgres_error("hold token", e);
}

Result<bool> PgTokens::advance_seq_no(const MomId& id, int64_t expected_seq_no, int64_t last_rotated) try {
  // Compare-and-swap on seq_no: of two instances rotating the same token, the second re-checks the WHERE on
  // the first one's committed row and updates nothing (reuse detection then sees the stale seq_no).
  return connection_
             .exec("UPDATE mytokens SET seq_no = seq_no + 1, last_rotated = $3 WHERE mom_id = $1 AND seq_no = $2",
                   {Param::text(id.value), Param::int8(expected_seq_no), Param::int8(last_rotated)})
             .affected() == 1;
} catch (const std::exception& e) {
  return postgres_error("advance token seq_no", e);
}

Result<std::vector<int64_t>> PgTokens::remove(const MomId& id, bool recursive) try {
  std::map<std::string, int64_t> doomed;  // mom_id -> rt_id
  if (recursive) {
    // Each round is a new statement, hence (READ COMMITTED) a new snapshot that sees children committed while
    // we waited for a lock; repeat until the locked subtree stops growing. Without this, a sub-token minted
    // concurrently on another instance could survive the revocation of its parent as a new root.
    for (bool grew = true; grew;) {
      grew = false;
      const auto rows = connection_.exec(kLockSubtreeSql, {Param::text(id.value)});
      for (int r = 0; r < rows.size(); ++r) {
        grew |= doomed.emplace(rows.text(r, 0), rows.int8(r, 1)).second;
      }
    }
    if (!doomed.empty()) {
      connection_.exec(kDeleteSubtreeSql, {Param::text(id.value)});
    }
  } else {
    // The children become roots (ON DELETE SET NULL); the row lock of the DELETE orders it with a concurrent
    // insert of a child, whose foreign key check then either sees the parent or fails.
    const auto rows =
        connection_.exec("DELETE FROM mytokens WHERE mom_id = $1 RETURNING rt_id", {Param::text(id.value)});
    if (rows.size() == 1) {
      doomed.emplace(id.value, rows.int8(0, 0));
    }
  }
  std::set<int64_t> rt_ids;
  for (const auto& [mom_id, rt_id] : doomed) {
    rt_ids.insert(rt_id);
  }
  std::vector<int64_t> orphaned;
  for (const int64_t rt_id : rt_ids) {
    if (connection_.exec("SELECT 1 FROM mytokens WHERE rt_id = $1 LIMIT 1", {Param::int8(rt_id)}).size() == 0) {
      orphaned.push_back(rt_id);
    }
  }
  return orphaned;  // ascending: std::set order
} catch (const std::exception& e) {
  return postgres_error("remove token", e);
}

Result<std::vector<TokenRow>> PgTokens::children(const MomId& id) try {
  return read_tokens(connection_.exec("SELECT " MYTOKEN_TOKEN_COLUMNS
                                      " FROM mytokens WHERE parent_id = $1 ORDER BY created, ord",
                                      {Param::text(id.value)}));
} catch (const std::exception& e) {
  return postgres_error("list token children", e);
}

Result<std::vector<TokenRow>> PgTokens::of_user(int64_t user_id) try {
  return read_tokens(connection_.exec("SELECT " MYTOKEN_TOKEN_COLUMNS
                                      " FROM mytokens WHERE user_id = $1 ORDER BY created, ord",
                                      {Param::int8(user_id)}));
} catch (const std::exception& e) {
  return postgres_error("list tokens of user", e);
}

#undef MYTOKEN_SUBTREE_CTE
#undef MYTOKEN_TOKEN_COLUMNS

}  // namespace mytoken::postgres
