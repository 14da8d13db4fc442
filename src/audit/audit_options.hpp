#pragma once

#include <string>

namespace mytoken {

// config key `audit` (docs/audit.md).
struct AuditOptions {
  bool enabled = false;
  std::string output = "journal";  // "journal" (one line per event on stderr) or the path of a file appended to
  bool hash_users = false;         // `sub` as a keyed hash of issuer and subject instead of the raw subject
};

}  // namespace mytoken
