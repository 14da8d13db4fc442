#include "crypto/server_secret.hpp"

#include <sodium.h>

#include <stdexcept>
#include <utility>

#include "crypto/encoding.hpp"
#include "crypto/secret_file.hpp"
#include "crypto/sodium_init.hpp"

namespace mytoken {
namespace {

constexpr size_t kPepperBytes = 32;
constexpr size_t kHashBytes = 32;
// BLAKE2b personalisation of derive_key: keeps every derived key apart from every lookup hash (which uses the
// default, all-zero personalisation), whatever the purpose and value strings are.
constexpr unsigned char kDerivePersonal[crypto_generichash_blake2b_PERSONALBYTES] = {
    'm', 'y', 't', 'o', 'k', 'e', 'n', '.', 'd', 'e', 'r', 'i', 'v', 'e', '.', '1'};

std::string domain_separated(std::string_view purpose, std::string_view value) {
  // A NUL inside the label would make "<purpose>\0<value>" ambiguous; labels are constants, so this is a bug.
  if (purpose.find('\0') != std::string_view::npos) throw std::invalid_argument("purpose label contains NUL");
  std::string input;
  input.reserve(purpose.size() + 1 + value.size());
  input.append(purpose).push_back('\0');
  input.append(value);
  return input;
}

// BLAKE2b takes keys of 16..64 bytes; a pepper file longer than that (load_or_create accepts 32+) is hashed
// down to 32 bytes, so every accepted file still works.
std::string blake2b_key(std::string pepper) {
  if (pepper.size() >= crypto_generichash_KEYBYTES_MIN && pepper.size() <= crypto_generichash_KEYBYTES_MAX) {
    return pepper;
  }
  std::string key(kHashBytes, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(key.data()), key.size(),
                     reinterpret_cast<const unsigned char*>(pepper.data()), pepper.size(), nullptr, 0);
  sodium_memzero(pepper.data(), pepper.size());
  return key;
}

}  // namespace

ServerSecret::ServerSecret(std::string pepper) : pepper_(blake2b_key(std::move(pepper))) {}

ServerSecret ServerSecret::from_bytes(std::string bytes) {
  crypto_internal::ensure_sodium();
  return ServerSecret(std::move(bytes));
}

Result<ServerSecret> ServerSecret::load_or_create(const std::filesystem::path& path) {
  crypto_internal::ensure_sodium();
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto existing = crypto_internal::read_secret_file(path);
    if (!existing) return std::move(existing).error();
    if (existing->has_value()) {
      std::string bytes = std::move(**existing);
      if (bytes.size() < kPepperBytes) {
        return ApiError::internal("server secret " + path.string() + " is shorter than 32 bytes");
      }
      return ServerSecret(std::move(bytes));
    }
    std::string fresh(kPepperBytes, '\0');
    randombytes_buf(fresh.data(), fresh.size());
    auto created = crypto_internal::create_secret_file(path, fresh);
    if (!created) return std::move(created).error();
    if (*created) return ServerSecret(std::move(fresh));
    // Another instance created the file between our read and our link: use theirs.
  }
  return ApiError::internal("server secret " + path.string() + " appeared but could not be read");
}

std::string ServerSecret::lookup_hash(std::string_view purpose, std::string_view value) const {
  const std::string input = domain_separated(purpose, value);
  unsigned char out[kHashBytes];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                     reinterpret_cast<const unsigned char*>(pepper_.data()), pepper_.size());
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(out), sizeof out));
}

std::string ServerSecret::derive_key(std::string_view purpose, std::string_view value) const {
  std::string input = domain_separated(purpose, value);
  std::string key(kHashBytes, '\0');
  crypto_generichash_blake2b_salt_personal(
      reinterpret_cast<unsigned char*>(key.data()), key.size(), reinterpret_cast<const unsigned char*>(input.data()),
      input.size(), reinterpret_cast<const unsigned char*>(pepper_.data()), pepper_.size(), nullptr, kDerivePersonal);
  // The input holds the secret value (a mytoken or code): do not leave a copy in freed memory.
  sodium_memzero(input.data(), input.size());
  return key;
}

}  // namespace mytoken
