#include "crypto/hashing.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <stdexcept>

#include "crypto/encoding.hpp"

namespace mytoken {
namespace {

std::string digest(const EVP_MD* md, std::string_view bytes) {
  std::string out(EVP_MAX_MD_SIZE, '\0');
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), reinterpret_cast<unsigned char*>(out.data()), &len, md, nullptr) != 1) {
    throw std::runtime_error("EVP_Digest failed");
  }
  out.resize(len);
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string sha256(std::string_view bytes) { return digest(EVP_sha256(), bytes); }

std::string sha512(std::string_view bytes) { return digest(EVP_sha512(), bytes); }

std::string subject_hash(std::string_view oidc_sub, std::string_view oidc_iss) {
  std::string input;
  input.reserve(oidc_sub.size() + 1 + oidc_iss.size());
  input.append(oidc_sub).append("@").append(oidc_iss);
  return base64_encode(digest(EVP_sha3_256(), input));
}

// Only the 8-4-4-4-12 form (either hex case) is accepted: no braces, no "urn:uuid:", no missing dashes.
std::optional<MomId> mom_id_from_jti(std::string_view jti) {
  constexpr size_t kCanonicalLength = 36;
  if (jti.size() != kCanonicalLength) return std::nullopt;
  std::array<char, 16> raw{};
  size_t n = 0;
  for (size_t i = 0; i < jti.size();) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (jti[i] != '-') return std::nullopt;
      ++i;
      continue;
    }
    const int hi = hex_value(jti[i]);
    const int lo = hex_value(jti[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    raw[n++] = static_cast<char>(hi << 4 | lo);
    i += 2;
  }
  return MomId{base64_encode(sha512(std::string_view(raw.data(), raw.size())))};
}

std::string pkce_challenge(std::string_view verifier) { return base64url_encode(sha256(verifier)); }

// Lengths are not secret (every compared value has a fixed, public length); contents are compared in constant time.
bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace mytoken
