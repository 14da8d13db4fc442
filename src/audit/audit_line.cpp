#include "audit/audit_line.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <ctime>

namespace mytoken {

std::string rfc3339_utc_ms(std::chrono::system_clock::time_point time) {
  const auto ms = std::chrono::floor<std::chrono::milliseconds>(time);
  const auto seconds = std::chrono::floor<std::chrono::seconds>(ms);
  const std::time_t t = std::chrono::system_clock::to_time_t(seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char date_time[24];
  std::strftime(date_time, sizeof date_time, "%Y-%m-%dT%H:%M:%S", &utc);
  const auto millis = static_cast<int>((ms - seconds).count());  // 0..999
  std::string text(date_time);
  text += '.';
  text += static_cast<char>('0' + millis / 100);
  text += static_cast<char>('0' + millis / 10 % 10);
  text += static_cast<char>('0' + millis % 10);
  text += 'Z';
  return text;
}

std::string format_audit_line(const AuditRecord& record, std::chrono::system_clock::time_point time) {
  boost::json::object line;
  line["time"] = rfc3339_utc_ms(time);
  line["event"] = audit_event_name(record.event);
  if (!record.mom_id.empty()) line["mom_id"] = record.mom_id;
  if (!record.iss.empty()) line["iss"] = record.iss;
  if (!record.sub.empty()) line["sub"] = record.sub;
  line["ip"] = record.client_ip;
  if (!record.detail.empty()) line["detail"] = record.detail;
  auto text = boost::json::serialize(line);
  text += '\n';
  return text;
}

}  // namespace mytoken
