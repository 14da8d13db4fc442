// SigningKey (jws.hpp): the mytoken signing key, alg pinned per key (design §4, spec §4.1).
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>

#include <boost/json/serialize.hpp>
#include <stdexcept>
#include <utility>

#include "crypto/encoding.hpp"
#include "crypto/jwk.hpp"
#include "crypto/jws.hpp"
#include "crypto/jws_alg_traits.hpp"
#include "crypto/jws_compact.hpp"
#include "crypto/jws_signature.hpp"
#include "crypto/openssl_handles.hpp"
#include "crypto/secret_file.hpp"

namespace mytoken {

using crypto_internal::EvpPkeyPtr;
using crypto_internal::JwsFamily;

struct SigningKey::Impl {
  JwsAlg alg;
  EvpPkeyPtr key;           // private key; only read after construction, so shared by all threads
  boost::json::object jwk;  // computed once: /jwks is public and hot
};

namespace {

EvpPkeyPtr generate_key(JwsAlg alg) {
  const auto& t = crypto_internal::jws_alg_traits(alg);
  EVP_PKEY* key = nullptr;
  switch (t.family) {
    case JwsFamily::kEcdsa:
      key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", OBJ_nid2sn(t.curve_nid));
      break;
    case JwsFamily::kEdDsa:
      key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
      break;
    case JwsFamily::kRsaPkcs1:
    case JwsFamily::kRsaPss:
      key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048));  // spec §4.1 rsa_key_len
      break;
  }
  if (key == nullptr) throw std::runtime_error("key generation failed for " + std::string(t.name));
  return EvpPkeyPtr(key);
}

// Never prompt for a passphrase on a terminal: an encrypted key file is a configuration error.
int no_passphrase(char*, int, int, void*) { return -1; }

EvpPkeyPtr parse_private_pem(std::string_view pem) {
  crypto_internal::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  // Reads PKCS#8 and the traditional "EC PRIVATE KEY" / "RSA PRIVATE KEY" files of the reference (spec §4.1).
  EvpPkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr) : nullptr);
  ERR_clear_error();
  return key;
}

std::string to_private_pem(EVP_PKEY* key, JwsAlg alg) {
  crypto_internal::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio) throw std::runtime_error("BIO_new failed");
  // EC and RSA keys are written in the traditional form the reference's setup tool writes (spec §4.1), so a key
  // file moves between the two servers; Ed25519 has only PKCS#8.
  const bool traditional = crypto_internal::jws_alg_traits(alg).family != JwsFamily::kEdDsa;
  const int ok = traditional
                     ? PEM_write_bio_PrivateKey_traditional(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
                     : PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  if (ok != 1) throw std::runtime_error("PEM write failed");
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  std::string pem(data, static_cast<size_t>(len));
  OPENSSL_cleanse(data, static_cast<size_t>(len));
  return pem;
}

ApiError invalid(std::string reason) { return ApiError::invalid_token(std::move(reason)); }

}  // namespace

SigningKey::SigningKey(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

Result<SigningKey> SigningKey::generate(JwsAlg alg) {
  auto impl = std::make_shared<Impl>(Impl{alg, generate_key(alg), {}});
  impl->jwk = crypto_internal::public_jwk_of(impl->key.get(), alg);
  return SigningKey(std::move(impl));
}

Result<SigningKey> SigningKey::from_pem(std::string pem, JwsAlg alg, const std::filesystem::path& path) {
  EvpPkeyPtr key = parse_private_pem(pem);
  OPENSSL_cleanse(pem.data(), pem.size());
  if (!key) return ApiError::internal("signing key " + path.string() + " is no unencrypted PEM private key");
  if (!crypto_internal::key_fits_alg(key.get(), alg)) {
    return ApiError::internal("signing key " + path.string() + " does not fit alg " + std::string(jws_alg_name(alg)));
  }
  auto impl = std::make_shared<Impl>(Impl{alg, std::move(key), {}});
  impl->jwk = crypto_internal::public_jwk_of(impl->key.get(), alg);
  return SigningKey(std::move(impl));
}

Result<SigningKey> SigningKey::load(const std::filesystem::path& path, JwsAlg alg) {
  auto existing = crypto_internal::read_secret_file(path);
  if (!existing) return std::move(existing).error();
  if (!existing->has_value()) return ApiError::internal("signing key " + path.string() + " does not exist");
  return from_pem(std::move(**existing), alg, path);
}

Result<SigningKey> SigningKey::load_or_create(const std::filesystem::path& path, JwsAlg alg) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto existing = crypto_internal::read_secret_file(path);
    if (!existing) return std::move(existing).error();
    if (existing->has_value()) return from_pem(std::move(**existing), alg, path);
    auto fresh = generate(alg);
    if (!fresh) return fresh;
    auto created = fresh->save(path, SaveMode::kCreate);
    if (!created) return std::move(created).error();
    if (*created) return fresh;
    // Another instance wrote the file between our read and our link: load theirs so both sign alike.
  }
  return ApiError::internal("signing key " + path.string() + " appeared but could not be read");
}

Result<bool> SigningKey::save(const std::filesystem::path& path, SaveMode mode) const {
  std::string pem = to_private_pem(impl_->key.get(), impl_->alg);
  Result<bool> saved = true;
  if (mode == SaveMode::kCreate) {
    saved = crypto_internal::create_secret_file(path, pem);
  } else if (auto replaced = crypto_internal::replace_secret_file(path, pem); !replaced) {
    saved = std::move(replaced).error();
  }
  OPENSSL_cleanse(pem.data(), pem.size());
  return saved;
}

std::string SigningKey::kid() const { return std::string(impl_->jwk.at("kid").as_string()); }

JwsAlg SigningKey::alg() const { return impl_->alg; }

std::string SigningKey::sign(std::string_view typ, std::string_view payload) const {
  // Built per call because typ varies; serialising two short members costs far less than the signature.
  boost::json::object header;
  header["alg"] = jws_alg_name(impl_->alg);
  header["typ"] = typ;
  std::string token = base64url_encode(boost::json::serialize(header));
  token += '.';
  token += base64url_encode(payload);
  const std::string signature = crypto_internal::sign_jws_input(impl_->key.get(), impl_->alg, token);
  token += '.';
  token += base64url_encode(signature);
  return token;
}

Result<std::string> SigningKey::verify(std::string_view compact, std::string_view expected_typ) const {
  auto jws = crypto_internal::parse_compact_jws(compact);
  if (!jws) return invalid("token malformed");
  // The alg is pinned to this key (design §4): "none", HS* and every other alg fail here, before any crypto.
  const auto* alg = jws->header.if_contains("alg");
  if (alg == nullptr || !alg->is_string() || std::string_view(alg->get_string()) != jws_alg_name(impl_->alg)) {
    return invalid("token alg not accepted");
  }
  const auto* typ = jws->header.if_contains("typ");
  if (typ == nullptr || !typ->is_string() || std::string_view(typ->get_string()) != expected_typ) {
    return invalid("token typ mismatch");
  }
  // We understand no JWS extension, so a critical one must be refused (RFC 7515 §4.1.11).
  if (jws->header.contains("crit")) return invalid("token header not supported");
  if (!crypto_internal::verify_jws_signature(impl_->key.get(), impl_->alg, jws->signing_input, jws->signature)) {
    return invalid("token signature invalid");
  }
  return std::move(jws->payload);
}

boost::json::object SigningKey::public_jwk() const { return impl_->jwk; }

}  // namespace mytoken
