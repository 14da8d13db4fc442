// seal / open_sealed (declared in server_secret.hpp): XChaCha20-Poly1305 with a random nonce (design §4).
#include <sodium.h>

#include <stdexcept>

#include "crypto/encoding.hpp"
#include "crypto/server_secret.hpp"
#include "crypto/sodium_init.hpp"

namespace mytoken {
namespace {

constexpr size_t kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

const unsigned char* bytes_of(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

std::string seal(std::string_view key, std::string_view plaintext, std::string_view aad) {
  // Keys come from derive_key or the CSPRNG; another length is a programming error, not a request error.
  if (key.size() != kKeyBytes) throw std::invalid_argument("seal: key must be 32 bytes");
  crypto_internal::ensure_sodium();
  std::string out(kNonceBytes + plaintext.size() + kTagBytes, '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  // 24-byte random nonces (XChaCha) make collisions negligible without a counter to keep in the database.
  randombytes_buf(nonce, kNonceBytes);
  unsigned long long cipher_len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + kNonceBytes, &cipher_len, bytes_of(plaintext), plaintext.size(),
                                             bytes_of(aad), aad.size(), nullptr, nonce, bytes_of(key));
  out.resize(kNonceBytes + cipher_len);
  return base64_encode(out);
}

Result<std::string> open_sealed(std::string_view key, std::string_view sealed, std::string_view aad) {
  if (key.size() != kKeyBytes) return ApiError::internal("open_sealed: key has the wrong length");
  crypto_internal::ensure_sodium();
  const auto raw = base64_decode(sealed);
  if (!raw) return ApiError::internal("open_sealed: sealed value is not base64");
  if (raw->size() < kNonceBytes + kTagBytes) return ApiError::internal("open_sealed: sealed value too short");
  const auto* nonce = bytes_of(*raw);
  const size_t cipher_len = raw->size() - kNonceBytes;
  std::string plaintext(cipher_len - kTagBytes, '\0');
  unsigned long long plain_len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plaintext.data()), &plain_len,
                                                 nullptr, nonce + kNonceBytes, cipher_len, bytes_of(aad), aad.size(),
                                                 nonce, bytes_of(key)) != 0) {
    return ApiError::internal("open_sealed: authentication failed (wrong key, aad or ciphertext)");
  }
  plaintext.resize(plain_len);
  return plaintext;
}

}  // namespace mytoken
