#pragma once

#include <chrono>
#include <string>

#include "domain/ports/audit_log.hpp"

namespace mytoken {

// One audit line, '\n'-terminated: a JSON object {"time","event","mom_id","iss","sub","ip","detail"} (docs/audit.md).
// `time` is RFC 3339 UTC with milliseconds; empty mom_id, iss, sub and detail are left out. Boost.JSON escapes
// every string, so no field can break the line or forge another record.
std::string format_audit_line(const AuditRecord& record, std::chrono::system_clock::time_point time);

// "2026-11-05T09:30:00.123Z"
std::string rfc3339_utc_ms(std::chrono::system_clock::time_point time);

}  // namespace mytoken
