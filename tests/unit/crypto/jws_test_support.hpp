#pragma once
// Helpers shared by the JWS tests: forging tokens with arbitrary headers and reading key files with OpenSSL
// directly, so the tests do not trust the code under test to build their attacks.

#include <openssl/pem.h>
#include <stdlib.h>

#include <boost/json/serialize.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "crypto/encoding.hpp"
#include "crypto/jws.hpp"
#include "crypto/jws_signature.hpp"
#include "crypto/openssl_handles.hpp"

namespace mytoken::test {

inline constexpr JwsAlg kAllAlgs[] = {JwsAlg::kES256, JwsAlg::kES384, JwsAlg::kES512, JwsAlg::kEdDSA, JwsAlg::kRS256,
                                      JwsAlg::kRS384, JwsAlg::kRS512, JwsAlg::kPS256, JwsAlg::kPS384, JwsAlg::kPS512};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline crypto_internal::EvpPkeyPtr load_private_key(const std::filesystem::path& path) {
  const std::string pem = read_file(path);
  crypto_internal::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return crypto_internal::EvpPkeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

inline std::string public_pem(EVP_PKEY* key) {
  crypto_internal::BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PUBKEY(bio.get(), key);
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(len));
}

inline std::string segment(std::string_view json) { return base64url_encode(json); }

// "<b64(header)>.<b64(payload)>.<b64(signature)>" with the given raw parts.
inline std::string compact(std::string_view header_json, std::string_view payload, std::string_view signature) {
  return segment(header_json) + "." + segment(payload) + "." + base64url_encode(signature);
}

// A token with any header, correctly signed by `key` for `alg`.
inline std::string sign_with_header(EVP_PKEY* key, JwsAlg alg, std::string_view header_json, std::string_view payload) {
  const std::string input = segment(header_json) + "." + segment(payload);
  return input + "." + base64url_encode(crypto_internal::sign_jws_input(key, alg, input));
}

// A fresh temporary directory, removed at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "mytoken-crypto-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::filesystem::perms mode_of(const std::filesystem::path& p) {
  return std::filesystem::status(p).permissions() & std::filesystem::perms::mask;
}

}  // namespace mytoken::test

namespace mytoken::test {

inline bool is_rsa(JwsAlg alg) { return jws_alg_name(alg)[0] == 'R' || jws_alg_name(alg)[0] == 'P'; }

// A PEM file with one RSA-2048 key per slot, shared by the whole test binary: RSA key generation is slow, and
// one file loaded as RS256 and as PS256 gives two SigningKeys over the same RSA key.
inline std::filesystem::path cached_rsa_key_file(int slot = 0) {
  static TempDir dir;
  return dir.path() / ("rsa-" + std::to_string(slot) + ".pem");
}

// One key per alg and slot for the whole test binary; every RSA alg of a slot shares that slot's RSA key.
inline const SigningKey& cached_key(JwsAlg alg, int slot = 0) {
  static std::map<std::pair<JwsAlg, int>, SigningKey> keys;
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  auto it = keys.find({alg, slot});
  if (it == keys.end()) {
    auto key = is_rsa(alg) ? SigningKey::load_or_create(cached_rsa_key_file(slot), alg) : SigningKey::generate(alg);
    it = keys.emplace(std::pair{alg, slot}, *key).first;
  }
  return it->second;
}

}  // namespace mytoken::test
