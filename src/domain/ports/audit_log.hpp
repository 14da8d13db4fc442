#pragma once

#include <string>
#include <string_view>

namespace mytoken {

// The security-relevant events of the audit log (docs/audit.md). Each has one wire name (audit_event_name).
enum class AuditEvent {
  kLogin,                // a mytoken created by the OIDC authorization code flow
  kTokenCreated,         // a sub-token minted (grant_type mytoken)
  kTokenDelivered,       // an existing mytoken handed out for a polling or transfer code
  kTransferCodeCreated,  // a transfer code made for a mytoken (POST /token/transfer)
  kAccessTokenIssued,    // an OP access token handed out for a mytoken
  kRevoked,              // a mytoken (and maybe its subtree) deleted
  kRotated,              // a mytoken replaced by its successor (same mom_id, seq_no + 1)
  kReuseDetected,        // a superseded mytoken presented again; with auto_revoke its subtree is gone
  kRestrictionRefused,   // no restriction clause allows the request
  kRateLimited,          // a request, token or code guessing limit refused the request
};

std::string_view audit_event_name(AuditEvent event);

// One audit line before it is stamped with the time and written. Never holds a token, code or secret: only the
// token's public id (mom_id), who it belongs to and where the request came from.
struct AuditRecord {
  AuditEvent event = AuditEvent::kLogin;
  std::string mom_id;     // may be empty (e.g. a rate-limited request that named no token)
  std::string iss;        // OIDC issuer of the user; may be empty
  std::string sub;        // OIDC subject, or its keyed hash (audit.hash_users); may be empty
  std::string client_ip;  // the resolved client address
  std::string detail;     // short, fixed vocabulary: which endpoint, which restriction, which limit
};

// Where audit records go. Implementations are thread-safe and never throw: a failed write is the adapter's to
// report; the request that caused the event is not failed for it. Copy deleted, as on every port.
class AuditLog {
 public:
  AuditLog() = default;
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;
  virtual ~AuditLog() = default;
  virtual void record(const AuditRecord& record) = 0;
};

}  // namespace mytoken
