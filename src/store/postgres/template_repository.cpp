#include <exception>

#include "store/postgres/pg_error.hpp"
#include "store/postgres/repositories.hpp"

namespace mytoken::postgres {
namespace {

constexpr std::string_view kUniqueViolation = "23505";

TemplateRow row_at(const Rows& rows, int i) {
  return TemplateRow{.id = rows.text(i, 0),
                     .kind = rows.text(i, 1),
                     .group = rows.text(i, 2),
                     .name = rows.text(i, 3),
                     .payload_json = rows.text(i, 4)};
}

}  // namespace

Result<std::vector<TemplateRow>> PgTemplates::all() try {
  const auto rows = connection_.exec("SELECT id, kind, grp, name, payload FROM templates ORDER BY kind, grp, name");
  std::vector<TemplateRow> out;
  out.reserve(static_cast<size_t>(rows.size()));
  for (int i = 0; i < rows.size(); ++i) out.push_back(row_at(rows, i));
  return out;
} catch (const std::exception& e) {
  return postgres_error("list templates", e);
}

// ON CONFLICT: a concurrent insert of the same name on another instance loses cleanly instead of failing.
Result<TemplateWrite> PgTemplates::insert(const TemplateRow& row) try {
  const auto rows = connection_.exec(
      "INSERT INTO templates (id, kind, grp, name, payload) VALUES ($1, $2, $3, $4, $5)"
      " ON CONFLICT (kind, grp, name) DO NOTHING",
      {Param::text(row.id), Param::text(row.kind), Param::text(row.group), Param::text(row.name),
       Param::text(row.payload_json)});
  return rows.affected() == 1 ? TemplateWrite::kDone : TemplateWrite::kNameTaken;
} catch (const std::exception& e) {
  return postgres_error("insert template", e);
}

// A rename onto a name that another transaction takes meanwhile fails the unique constraint: that is the same
// answer as finding the name taken (the transaction is aborted and never committed).
Result<TemplateWrite> PgTemplates::update(const TemplateRow& row) try {
  const auto taken =
      connection_.exec("SELECT 1 FROM templates WHERE kind = $1 AND grp = $2 AND name = $3 AND id <> $4",
                       {Param::text(row.kind), Param::text(row.group), Param::text(row.name), Param::text(row.id)});
  if (taken.size() > 0) return TemplateWrite::kNameTaken;
  const auto rows =
      connection_.exec("UPDATE templates SET name = $4, payload = $5 WHERE id = $1 AND kind = $2 AND grp = $3",
                       {Param::text(row.id), Param::text(row.kind), Param::text(row.group), Param::text(row.name),
                        Param::text(row.payload_json)});
  return rows.affected() == 1 ? TemplateWrite::kDone : TemplateWrite::kNotFound;
} catch (const PgError& e) {
  if (e.sqlstate() == kUniqueViolation) return TemplateWrite::kNameTaken;
  return postgres_error("update template", e);
} catch (const std::exception& e) {
  return postgres_error("update template", e);
}

Result<TemplateWrite> PgTemplates::remove(const std::string& id, const std::string& kind,
                                          const std::string& group) try {
  const auto rows = connection_.exec("DELETE FROM templates WHERE id = $1 AND kind = $2 AND grp = $3",
                                     {Param::text(id), Param::text(kind), Param::text(group)});
  return rows.affected() == 1 ? TemplateWrite::kDone : TemplateWrite::kNotFound;
} catch (const std::exception& e) {
  return postgres_error("remove template", e);
}

}  // namespace mytoken::postgres
