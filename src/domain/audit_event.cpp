#include "domain/ports/audit_log.hpp"

namespace mytoken {

std::string_view audit_event_name(AuditEvent event) {
  switch (event) {
    case AuditEvent::kLogin:
      return "login";
    case AuditEvent::kTokenCreated:
      return "token_created";
    case AuditEvent::kTokenDelivered:
      return "token_delivered";
    case AuditEvent::kTransferCodeCreated:
      return "transfer_code_created";
    case AuditEvent::kAccessTokenIssued:
      return "at_issued";
    case AuditEvent::kRevoked:
      return "revoked";
    case AuditEvent::kRotated:
      return "rotated";
    case AuditEvent::kReuseDetected:
      return "reuse_detected";
    case AuditEvent::kRestrictionRefused:
      return "restriction_refused";
    case AuditEvent::kRateLimited:
      return "rate_limited";
  }
  return "unknown";
}

}  // namespace mytoken
