#include "crypto/system_random.hpp"

#include <sodium.h>

#include <cstdint>
#include <limits>
#include <stdexcept>

#include "crypto/sodium_init.hpp"

namespace mytoken {

std::string SystemRandom::bytes(size_t n) {
  crypto_internal::ensure_sodium();
  std::string out(n, '\0');
  randombytes_buf(out.data(), out.size());
  return out;
}

std::string SystemRandom::code(size_t length, std::string_view alphabet) {
  if (alphabet.empty() || alphabet.size() > std::numeric_limits<uint32_t>::max()) {
    throw std::invalid_argument("SystemRandom::code: alphabet size out of range");
  }
  crypto_internal::ensure_sodium();
  std::string out(length, '\0');
  // randombytes_uniform rejects out-of-range draws, so every letter is equally likely (no modulo bias).
  for (char& c : out) c = alphabet[randombytes_uniform(static_cast<uint32_t>(alphabet.size()))];
  return out;
}

std::string SystemRandom::uuid4() {
  crypto_internal::ensure_sodium();
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4 (RFC 9562 §5.4)
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // variant 10xx
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < sizeof b; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0x0f]);
  }
  return out;
}

}  // namespace mytoken
