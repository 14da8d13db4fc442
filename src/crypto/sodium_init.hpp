#pragma once

namespace mytoken::crypto_internal {

// Initialises libsodium once per process (thread-safe, idempotent). Every entry point that calls libsodium
// calls this first. Throws std::runtime_error if libsodium cannot initialise (start-up failure).
void ensure_sodium();

}  // namespace mytoken::crypto_internal
