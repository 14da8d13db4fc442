#include <exception>

#include "store/sqlite/repositories.hpp"
#include "store/sqlite/sqlite_error.hpp"
#include "store/text_limits.hpp"

namespace mytoken::sqlite {

Result<void> SqliteEvents::append(const EventRow& event) try {
  auto insert = connection_.query(
      "INSERT INTO events (mom_id, event, time, comment, ip, user_agent) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert->bind(1, event.mom_id.value);
  insert->bind(2, event.event);
  insert->bind(3, event.time);
  insert->bind(4, truncate_utf8(event.comment, kMaxEventCommentChars));
  insert->bind(5, event.ip);
  insert->bind(6, event.user_agent);
  insert->exec();
  return {};
} catch (const std::exception& e) {
  return sqlite_error("append event", e);
}

Result<std::vector<EventRow>> SqliteEvents::of_token(const MomId& id) try {
  // id breaks ties between events of the same second: the later insert is the newer event.
  auto select = connection_.query(
      "SELECT event, time, comment, ip, user_agent FROM events WHERE mom_id = ?1 ORDER BY time DESC, id DESC");
  select->bind(1, id.value);
  std::vector<EventRow> events;
  while (select->executeStep()) {
    events.push_back(EventRow{.mom_id = id,
                              .event = select->getColumn(0).getString(),
                              .time = select->getColumn(1).getInt64(),
                              .comment = select->getColumn(2).getString(),
                              .ip = select->getColumn(3).getString(),
                              .user_agent = select->getColumn(4).getString()});
  }
  return events;
} catch (const std::exception& e) {
  return sqlite_error("list events of token", e);
}

}  // namespace mytoken::sqlite
