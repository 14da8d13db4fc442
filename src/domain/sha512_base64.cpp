#include "domain/sha512_base64.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace mytoken::domain_internal {

std::string sha512_base64(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digest_len = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &digest_len, EVP_sha512(), nullptr) != 1) {
    // Only fails if OpenSSL itself is broken (no SHA-512 provider): a start-up class failure, not a request error.
    throw std::runtime_error("EVP_Digest(SHA-512) failed");
  }
  std::string out(size_t{4} * ((digest_len + 2) / 3), '\0');
  const int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), digest.data(), static_cast<int>(digest_len));
  out.resize(static_cast<size_t>(written));
  return out;
}

}  // namespace mytoken::domain_internal
