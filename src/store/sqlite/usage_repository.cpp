#include <exception>

#include "store/sqlite/repositories.hpp"
#include "store/sqlite/sqlite_error.hpp"

namespace mytoken::sqlite {
namespace {

// One conditional upsert per kind (a column name cannot be a parameter). The DO UPDATE's WHERE makes the
// check and the increment one statement, so the limit holds however many connections race (design §4);
// ?4 NULL means "no limit". A missing row is created with one usage, which is only reached when limit >= 1.
constexpr const char* kConsumeAtSql =
    "INSERT INTO usages (mom_id, clause_hash, clause_json, usages_at, usages_other) VALUES (?1, ?2, ?3, 1, 0)"
    " ON CONFLICT (mom_id, clause_hash) DO UPDATE SET usages_at = usages_at + 1"
    " WHERE ?4 IS NULL OR usages_at < ?4";
constexpr const char* kConsumeOtherSql =
    "INSERT INTO usages (mom_id, clause_hash, clause_json, usages_at, usages_other) VALUES (?1, ?2, ?3, 0, 1)"
    " ON CONFLICT (mom_id, clause_hash) DO UPDATE SET usages_other = usages_other + 1"
    " WHERE ?4 IS NULL OR usages_other < ?4";

constexpr const char* kReleaseAtSql =
    "UPDATE usages SET usages_at = usages_at - 1 WHERE mom_id = ?1 AND clause_hash = ?2 AND usages_at > 0";
constexpr const char* kReleaseOtherSql =
    "UPDATE usages SET usages_other = usages_other - 1 WHERE mom_id = ?1 AND clause_hash = ?2 AND usages_other > 0";

}  // namespace

Result<bool> SqliteUsages::try_consume(const MomId& id, const std::string& clause_hash, const std::string& clause_json,
                                       Kind kind, std::optional<int64_t> limit) try {
  if (limit && *limit <= 0) {
    return false;
  }
  auto consume = connection_.query(kind == Kind::kAT ? kConsumeAtSql : kConsumeOtherSql);
  consume->bind(1, id.value);
  consume->bind(2, clause_hash);
  consume->bind(3, clause_json);
  if (limit) {
    consume->bind(4, *limit);
  } else {
    consume->bind(4);
  }
  return consume->exec() == 1;
} catch (const std::exception& e) {
  return sqlite_error("consume usage", e);
}

Result<void> SqliteUsages::release(const MomId& id, const std::string& clause_hash, Kind kind) try {
  auto release = connection_.query(kind == Kind::kAT ? kReleaseAtSql : kReleaseOtherSql);
  release->bind(1, id.value);
  release->bind(2, clause_hash);
  release->exec();
  return {};
} catch (const std::exception& e) {
  return sqlite_error("release usage", e);
}

Result<UsageCounts> SqliteUsages::counts(const MomId& id, const std::string& clause_hash) try {
  auto select = connection_.query("SELECT usages_at, usages_other FROM usages WHERE mom_id = ?1 AND clause_hash = ?2");
  select->bind(1, id.value);
  select->bind(2, clause_hash);
  if (!select->executeStep()) {
    return UsageCounts{};
  }
  return UsageCounts{.at = select->getColumn(0).getInt64(), .other = select->getColumn(1).getInt64()};
} catch (const std::exception& e) {
  return sqlite_error("count usages", e);
}

}  // namespace mytoken::sqlite
