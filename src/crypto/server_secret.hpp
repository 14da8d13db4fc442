#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace mytoken {

// The server-side pepper (design §4): kept outside the database, shared by all instances. It keys the lookup
// hashes of codes and short tokens and enters every key derived from a mytoken or code, so a database copy
// alone can neither find nor decrypt anything. Immutable; thread-safe.
class ServerSecret {
 public:
  // Loads 32+ random bytes from `path`, or creates the file (mode 0600, parents 0700) with 32 CSPRNG bytes.
  static Result<ServerSecret> load_or_create(const std::filesystem::path& path);
  static ServerSecret from_bytes(std::string bytes);  // tests

  // Keyed hash for database lookups: base64url(BLAKE2b-256(key = pepper, "<purpose>\0<value>")).
  std::string lookup_hash(std::string_view purpose, std::string_view value) const;
  // 32-byte key bound to the pepper, a purpose label and a secret value (a mytoken, code or state).
  std::string derive_key(std::string_view purpose, std::string_view value) const;

 private:
  explicit ServerSecret(std::string pepper);
  std::string pepper_;
};

// XChaCha20-Poly1305 with a random 24-byte nonce (libsodium). `key` must be 32 bytes. The result is
// base64std(nonce || ciphertext || tag); `aad` binds the ciphertext to its row (e.g. the mom_id).
std::string seal(std::string_view key, std::string_view plaintext, std::string_view aad);
// Fails (500 internal, no detail about the key) if the key, aad or ciphertext do not fit.
Result<std::string> open_sealed(std::string_view key, std::string_view sealed, std::string_view aad);

}  // namespace mytoken
