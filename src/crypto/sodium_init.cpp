#include "crypto/sodium_init.hpp"

#include <sodium.h>

#include <stdexcept>

namespace mytoken::crypto_internal {

void ensure_sodium() {
  // A function-local static runs sodium_init() exactly once, even with concurrent first callers.
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) throw std::runtime_error("libsodium initialisation failed");
}

}  // namespace mytoken::crypto_internal
