#include <exception>

#include "store/postgres/pg_error.hpp"
#include "store/postgres/repositories.hpp"
#include "store/text_limits.hpp"

namespace mytoken::postgres {

Result<void> PgEvents::append(const EventRow& event) try {
  const auto comment = truncate_utf8(event.comment, kMaxEventCommentChars);
  connection_.exec("INSERT INTO events (mom_id, event, time, comment, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6)",
                   {Param::text(event.mom_id.value), Param::text(event.event), Param::int8(event.time),
                    Param::text(comment), Param::text(event.ip), Param::bytes(event.user_agent)});
  return {};
} catch (const std::exception& e) {
  return postgres_error("append event", e);
}

Result<std::vector<EventRow>> PgEvents::of_token(const MomId& id) try {
  // id breaks ties between events of the same second: the later insert is the newer event.
  const auto rows = connection_.exec(
      "SELECT event, time, comment, ip, user_agent FROM events WHERE mom_id = $1 ORDER BY time DESC, id DESC",
      {Param::text(id.value)});
  std::vector<EventRow> events;
  events.reserve(static_cast<size_t>(rows.size()));
  for (int r = 0; r < rows.size(); ++r) {
    events.push_back(EventRow{.mom_id = id,
                              .event = rows.text(r, 0),
                              .time = rows.int8(r, 1),
                              .comment = rows.text(r, 2),
                              .ip = rows.text(r, 3),
                              .user_agent = rows.bytes(r, 4)});
  }
  return events;
} catch (const std::exception& e) {
  return postgres_error("list events of token", e);
}

}  // namespace mytoken::postgres
