#include <exception>
#include <set>

#include "store/sqlite/repositories.hpp"
#include "store/sqlite/sqlite_error.hpp"

namespace mytoken::sqlite {
namespace {

// A macro, not a constant: each statement stays one string literal, built at compile time.
#define MYTOKEN_TOKEN_COLUMNS                                                                                      \
  "mom_id, seq_no, parent_id, name, created, ip_created, user_id, rt_id, expires_at, last_rotated, capabilities, " \
  "restrictions, rotation"

// Reads a row selected with MYTOKEN_TOKEN_COLUMNS.
TokenRow read_token(SQLite::Statement& s) {
  TokenRow row;
  row.mom_id.value = s.getColumn(0).getString();
  row.seq_no = s.getColumn(1).getInt64();
  if (!s.isColumnNull(2)) {
    row.parent = MomId{s.getColumn(2).getString()};
  }
  row.name = s.getColumn(3).getString();
  row.created = s.getColumn(4).getInt64();
  row.ip_created = s.getColumn(5).getString();
  row.user_id = s.getColumn(6).getInt64();
  row.rt_id = s.getColumn(7).getInt64();
  row.expires_at = s.getColumn(8).getInt64();
  row.last_rotated = s.getColumn(9).getInt64();
  row.capabilities_json = s.getColumn(10).getString();
  row.restrictions_json = s.getColumn(11).getString();
  row.rotation_json = s.getColumn(12).getString();
  return row;
}

std::vector<TokenRow> read_tokens(Query& query) {
  std::vector<TokenRow> rows;
  while (query->executeStep()) {
    rows.push_back(read_token(*query));
  }
  return rows;
}

// The token and all its descendants (spec §12.1: a token counts as its own descendant).
constexpr const char* kSubtreeSql =
    "WITH RECURSIVE subtree (mom_id) AS ("
    " SELECT mom_id FROM mytokens WHERE mom_id = ?1"
    " UNION SELECT m.mom_id FROM mytokens m JOIN subtree s ON m.parent_id = s.mom_id)"
    " SELECT t.mom_id, t.rt_id FROM mytokens t JOIN subtree USING (mom_id)";

}  // namespace

Result<void> SqliteTokens::insert(const TokenRow& row) try {
  auto insert = connection_.query("INSERT INTO mytokens (" MYTOKEN_TOKEN_COLUMNS
                                  ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  insert->bind(1, row.mom_id.value);
  insert->bind(2, row.seq_no);
  if (row.parent) {
    insert->bind(3, row.parent->value);
  } else {
    insert->bind(3);
  }
  insert->bind(4, row.name);
  insert->bind(5, row.created);
  insert->bind(6, row.ip_created);
  insert->bind(7, row.user_id);
  insert->bind(8, row.rt_id);
  insert->bind(9, row.expires_at);
  insert->bind(10, row.last_rotated);
  insert->bind(11, row.capabilities_json);
  insert->bind(12, row.restrictions_json);
  insert->bind(13, row.rotation_json);
  insert->exec();
  return {};
} catch (const std::exception& e) {
  return sqlite_error("insert token", e);
}

Result<std::optional<TokenRow>> SqliteTokens::find(const MomId& id) try {
  auto select = connection_.query("SELECT " MYTOKEN_TOKEN_COLUMNS " FROM mytokens WHERE mom_id = ?1");
  select->bind(1, id.value);
  if (!select->executeStep()) {
    return std::optional<TokenRow>();
  }
  return std::optional<TokenRow>(read_token(*select));
} catch (const std::exception& e) {
  return sqlite_error("find token", e);
}

Result<std::optional<int64_t>> SqliteTokens::hold(const MomId& id) try {
  // A write transaction holds the database's only write lock: nobody can remove the row before it ends.
  auto select = connection_.query("SELECT seq_no FROM mytokens WHERE mom_id = ?1");
  select->bind(1, id.value);
  if (!select->executeStep()) return std::optional<int64_t>();
  return std::optional<int64_t>(select->getColumn(0).getInt64());
} catch (const std::exception& e) {
  return sqlite_error("hold token", e);
}

Result<bool> SqliteTokens::advance_seq_no(const MomId& id, int64_t expected_seq_no, int64_t last_rotated) try {
  auto update =
      connection_.query("UPDATE mytokens SET seq_no = seq_no + 1, last_rotated = ?3 WHERE mom_id = ?1 AND seq_no = ?2");
  update->bind(1, id.value);
  update->bind(2, expected_seq_no);
  update->bind(3, last_rotated);
  return update->exec() == 1;
} catch (const std::exception& e) {
  return sqlite_error("advance token seq_no", e);
}

Result<std::vector<int64_t>> SqliteTokens::remove(const MomId& id, bool recursive) try {
  // Collect first, then delete row by row: the foreign keys do the cascades (and, for a non-recursive
  // removal, turn the children into roots via ON DELETE SET NULL).
  std::vector<std::string> doomed;
  std::set<int64_t> rt_ids;
  if (recursive) {
    auto subtree = connection_.query(kSubtreeSql);
    subtree->bind(1, id.value);
    while (subtree->executeStep()) {
      doomed.push_back(subtree->getColumn(0).getString());
      rt_ids.insert(subtree->getColumn(1).getInt64());
    }
  } else {
    auto select = connection_.query("SELECT rt_id FROM mytokens WHERE mom_id = ?1");
    select->bind(1, id.value);
    if (select->executeStep()) {
      doomed.push_back(id.value);
      rt_ids.insert(select->getColumn(0).getInt64());
    }
  }
  for (const auto& mom_id : doomed) {
    auto remove = connection_.query("DELETE FROM mytokens WHERE mom_id = ?1");
    remove->bind(1, mom_id);
    remove->exec();
  }
  std::vector<int64_t> orphaned;
  for (const int64_t rt_id : rt_ids) {
    auto still_used = connection_.query("SELECT 1 FROM mytokens WHERE rt_id = ?1 LIMIT 1");
    still_used->bind(1, rt_id);
    if (!still_used->executeStep()) {
      orphaned.push_back(rt_id);
    }
  }
  return orphaned;  // ascending: std::set order
} catch (const std::exception& e) {
  return sqlite_error("remove token", e);
}

Result<std::vector<TokenRow>> SqliteTokens::children(const MomId& id) try {
  auto select =
      connection_.query("SELECT " MYTOKEN_TOKEN_COLUMNS " FROM mytokens WHERE parent_id = ?1 ORDER BY created, rowid");
  select->bind(1, id.value);
  return read_tokens(select);
} catch (const std::exception& e) {
  return sqlite_error("list token children", e);
}

Result<std::vector<TokenRow>> SqliteTokens::of_user(int64_t user_id) try {
  auto select =
      connection_.query("SELECT " MYTOKEN_TOKEN_COLUMNS " FROM mytokens WHERE user_id = ?1 ORDER BY created, rowid");
  select->bind(1, user_id);
  return read_tokens(select);
} catch (const std::exception& e) {
  return sqlite_error("list tokens of user", e);
}

#undef MYTOKEN_TOKEN_COLUMNS

}  // namespace mytoken::sqlite
