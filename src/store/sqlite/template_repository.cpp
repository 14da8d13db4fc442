#include <exception>

#include "store/sqlite/repositories.hpp"
#include "store/sqlite/sqlite_error.hpp"

namespace mytoken::sqlite {
namespace {

// Writes run in BEGIN IMMEDIATE transactions, so the name check and the write that follows it see the same rows.
bool name_taken(Connection& connection, const TemplateRow& row) {
  auto select = connection.query("SELECT 1 FROM templates WHERE kind = ?1 AND grp = ?2 AND name = ?3 AND id <> ?4");
  select->bind(1, row.kind);
  select->bind(2, row.group);
  select->bind(3, row.name);
  select->bind(4, row.id);
  return select->executeStep();
}

}  // namespace

Result<std::vector<TemplateRow>> SqliteTemplates::all() try {
  auto select = connection_.query("SELECT id, kind, grp, name, payload FROM templates ORDER BY kind, grp, name");
  std::vector<TemplateRow> rows;
  while (select->executeStep()) {
    rows.push_back(TemplateRow{.id = select->getColumn(0).getString(),
                               .kind = select->getColumn(1).getString(),
                               .group = select->getColumn(2).getString(),
                               .name = select->getColumn(3).getString(),
                               .payload_json = select->getColumn(4).getString()});
  }
  return rows;
} catch (const std::exception& e) {
  return sqlite_error("list templates", e);
}

Result<TemplateWrite> SqliteTemplates::insert(const TemplateRow& row) try {
  if (name_taken(connection_, row)) return TemplateWrite::kNameTaken;
  auto insert = connection_.query("INSERT INTO templates (id, kind, grp, name, payload) VALUES (?1, ?2, ?3, ?4, ?5)");
  insert->bind(1, row.id);
  insert->bind(2, row.kind);
  insert->bind(3, row.group);
  insert->bind(4, row.name);
  insert->bind(5, row.payload_json);
  insert->exec();
  return TemplateWrite::kDone;
} catch (const std::exception& e) {
  return sqlite_error("insert template", e);
}

Result<TemplateWrite> SqliteTemplates::update(const TemplateRow& row) try {
  if (name_taken(connection_, row)) return TemplateWrite::kNameTaken;
  auto update =
      connection_.query("UPDATE templates SET name = ?4, payload = ?5 WHERE id = ?1 AND kind = ?2 AND grp = ?3");
  update->bind(1, row.id);
  update->bind(2, row.kind);
  update->bind(3, row.group);
  update->bind(4, row.name);
  update->bind(5, row.payload_json);
  return update->exec() == 1 ? TemplateWrite::kDone : TemplateWrite::kNotFound;
} catch (const std::exception& e) {
  return sqlite_error("update template", e);
}

Result<TemplateWrite> SqliteTemplates::remove(const std::string& id, const std::string& kind,
                                              const std::string& group) try {
  auto remove = connection_.query("DELETE FROM templates WHERE id = ?1 AND kind = ?2 AND grp = ?3");
  remove->bind(1, id);
  remove->bind(2, kind);
  remove->bind(3, group);
  return remove->exec() == 1 ? TemplateWrite::kDone : TemplateWrite::kNotFound;
} catch (const std::exception& e) {
  return sqlite_error("remove template", e);
}

}  // namespace mytoken::sqlite
