#include <exception>

#include "store/postgres/pg_error.hpp"
#include "store/postgres/repositories.hpp"

namespace mytoken::postgres {
namespace {

// One conditional upsert per kind (a column name cannot be a parameter). ON CONFLICT DO UPDATE locks the row
// and evaluates its WHERE on the newest committed version, so check and increment are one atomic step however
// many instances race (design §4); $4 NULL means "no limit". A missing row is created with one usage, which
// is only reached when limit >= 1.
constexpr const char* kConsumeAtSql =
    "INSERT INTO usages AS u (mom_id, clause_hash, clause_json, usages_at, usages_other) VALUES ($1, $2, $3, 1, 0)"
    " ON CONFLICT (mom_id, clause_hash) DO UPDATE SET usages_at = u.usages_at + 1"
    " WHERE $4::bigint IS NULL OR u.usages_at < $4::bigint";
constexpr const char* kConsumeOtherSql =
    "INSERT INTO usages AS u (mom_id, clause_hash, clause_json, usages_at, usages_other) VALUES ($1, $2, $3, 0, 1)"
    " ON CONFLICT (mom_id, clause_hash) DO UPDATE SET usages_other = u.usages_other + 1"
    " WHERE $4::bigint IS NULL OR u.usages_other < $4::bigint";

constexpr const char* kReleaseAtSql =
    "UPDATE usages SET usages_at = usages_at - 1 WHERE mom_id = $1 AND clause_hash = $2 AND usages_at > 0";
constexpr const char* kReleaseOtherSql =
    "UPDATE usages SET usages_other = usages_other - 1 WHERE mom_id = $1 AND clause_hash = $2 AND usages_other > 0";

}  // namespace

Result<bool> PgUsages::try_consume(const MomId& id, const std::string& clause_hash, const std::string& clause_json,
                                   Kind kind, std::optional<int64_t> limit) try {
  if (limit && *limit <= 0) {
    return false;
  }
  return connection_
             .exec(kind == Kind::kAT ? kConsumeAtSql : kConsumeOtherSql,
                   {Param::text(id.value), Param::text(clause_hash), Param::text(clause_json),
                    Param::int8_or_null(limit)})
             .affected() == 1;
} catch (const std::exception& e) {
  return postgres_error("consume usage", e);
}

Result<void> PgUsages::release(const MomId& id, const std::string& clause_hash, Kind kind) try {
  connection_.exec(kind == Kind::kAT ? kReleaseAtSql : kReleaseOtherSql,
                   {Param::text(id.value), Param::text(clause_hash)});
  return {};
} catch (const std::exception& e) {
  return postgres_error("release usage", e);
}

Result<UsageCounts> PgUsages::counts(const MomId& id, const std::string& clause_hash) try {
  const auto rows =
      connection_.exec("SELECT usages_at, usages_other FROM usages WHERE mom_id = $1 AND clause_hash = $2",
                       {Param::text(id.value), Param::text(clause_hash)});
  if (rows.size() == 0) {
    return UsageCounts{};
  }
  return UsageCounts{.at = rows.int8(0, 0), .other = rows.int8(0, 1)};
} catch (const std::exception& e) {
  return postgres_error("count usages", e);
}

}  // namespace mytoken::postgres
