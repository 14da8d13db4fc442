#pragma once

#include <string>
#include <string_view>

#include "crypto/signing_key_ring.hpp"
#include "domain/result.hpp"

namespace mytoken {

// The file operations behind `mytokend keys` (docs/operations.md "Signing-key rollover"). Each step leaves the
// files in a state every instance can run on: a key is written to the verification directory before it may
// sign, and the current key is replaced atomically, so a crash between steps only leaves a key published twice.

// A new key of the configured alg becomes current; the old current key stays valid for verification. Returns
// the new kid.
Result<std::string> rotate_signing_key(const SigningKeyFiles& files);
// A new key is published (JWKS) and accepted, but does not sign yet: for instances that do not share the key
// files, copy it everywhere first, then activate it on each. Returns the new kid.
Result<std::string> stage_signing_key(const SigningKeyFiles& files);
// The verification-only key `kid` becomes current; the old current key stays valid for verification.
Result<void> activate_signing_key(const SigningKeyFiles& files, std::string_view kid);
// The verification-only key `kid` is deleted: tokens it signed are refused from then on. The current key can't
// be retired (rotate first).
Result<void> retire_signing_key(const SigningKeyFiles& files, std::string_view kid);

}  // namespace mytoken
