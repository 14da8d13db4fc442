#include "crypto/jws_signature.hpp"

#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>
#include <openssl/rsa.h>

#include <stdexcept>

#include "crypto/jws_alg_traits.hpp"
#include "crypto/openssl_handles.hpp"

namespace mytoken::crypto_internal {
namespace {

constexpr int kMinRsaBits = 2048;

const unsigned char* bytes_of(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

int ec_curve_nid(const EVP_PKEY* key) {
  char group[64] = {};
  size_t len = 0;
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) != 1) {
    return NID_undef;
  }
  return OBJ_sn2nid(group);
}

// Sets up `ctx` for `alg`; PSS uses MGF1 with the same hash and a salt as long as the hash (RFC 7518 §3.5).
bool init_ctx(EVP_MD_CTX* ctx, EVP_PKEY* key, JwsAlg alg, bool for_signing) {
  EVP_PKEY_CTX* pctx = nullptr;
  const EVP_MD* md = jws_digest(alg);
  const int ok = for_signing ? EVP_DigestSignInit(ctx, &pctx, md, nullptr, key)
                             : EVP_DigestVerifyInit(ctx, &pctx, md, nullptr, key);
  if (ok != 1) return false;
  if (jws_alg_traits(alg).family == JwsFamily::kRsaPss) {
    if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1) return false;
    if (EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1) return false;
    if (EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) != 1) return false;
  }
  return true;
}

// JWS carries ECDSA signatures as fixed-size R||S (RFC 7518 §3.4); OpenSSL speaks DER.
std::string der_to_raw(std::string_view der, size_t component_bytes) {
  const unsigned char* p = bytes_of(der);
  EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig) throw std::runtime_error("ECDSA signature is not DER");
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  std::string raw(2 * component_bytes, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(r, out, static_cast<int>(component_bytes)) < 0 ||
      BN_bn2binpad(s, out + component_bytes, static_cast<int>(component_bytes)) < 0) {
    throw std::runtime_error("ECDSA signature component too large");
  }
  return raw;
}

std::optional<std::string> raw_to_der(std::string_view raw, size_t component_bytes) {
  if (raw.size() != 2 * component_bytes) return std::nullopt;
  BignumPtr r(BN_bin2bn(bytes_of(raw), static_cast<int>(component_bytes), nullptr));
  BignumPtr s(BN_bin2bn(bytes_of(raw) + component_bytes, static_cast<int>(component_bytes), nullptr));
  EcdsaSigPtr sig(ECDSA_SIG_new());
  if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) return std::nullopt;
  static_cast<void>(r.release());  // owned by sig now
  static_cast<void>(s.release());
  unsigned char* der = nullptr;
  const int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(der), static_cast<size_t>(len));
  OPENSSL_free(der);
  return out;
}

}  // namespace

bool key_fits_alg(const EVP_PKEY* key, JwsAlg alg) {
  if (key == nullptr) return false;
  const JwsAlgTraits& t = jws_alg_traits(alg);
  switch (t.family) {
    case JwsFamily::kEcdsa:
      return EVP_PKEY_is_a(key, "EC") && ec_curve_nid(key) == t.curve_nid;
    case JwsFamily::kEdDsa:
      return EVP_PKEY_is_a(key, "ED25519");
    case JwsFamily::kRsaPkcs1:
    case JwsFamily::kRsaPss:
      return EVP_PKEY_is_a(key, "RSA") && EVP_PKEY_get_bits(key) >= kMinRsaBits;
  }
  return false;
}

std::string sign_jws_input(EVP_PKEY* key, JwsAlg alg, std::string_view signing_input) {
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || !init_ctx(ctx.get(), key, alg, true)) throw std::runtime_error("JWS sign: init failed");
  size_t len = 0;
  // One-shot EVP_DigestSign: Ed25519 supports no streaming.
  if (EVP_DigestSign(ctx.get(), nullptr, &len, bytes_of(signing_input), signing_input.size()) != 1) {
    throw std::runtime_error("JWS sign: size query failed");
  }
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, bytes_of(signing_input),
                     signing_input.size()) != 1) {
    throw std::runtime_error("JWS sign failed");
  }
  sig.resize(len);
  const JwsAlgTraits& t = jws_alg_traits(alg);
  return t.family == JwsFamily::kEcdsa ? der_to_raw(sig, t.component_bytes) : sig;
}

bool verify_jws_signature(EVP_PKEY* key, JwsAlg alg, std::string_view signing_input, std::string_view signature) {
  const JwsAlgTraits& t = jws_alg_traits(alg);
  std::string der;
  if (t.family == JwsFamily::kEcdsa) {
    auto converted = raw_to_der(signature, t.component_bytes);
    if (!converted) return false;
    der = std::move(*converted);
    signature = der;
  }
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  const bool ok = ctx && init_ctx(ctx.get(), key, alg, false) &&
                  EVP_DigestVerify(ctx.get(), bytes_of(signature), signature.size(), bytes_of(signing_input),
                                   signing_input.size()) == 1;
  // A rejected token is an expected outcome: leave no stale entry on this thread's OpenSSL error queue, where
  // a later, unrelated call (e.g. TLS in libcurl) would find it.
  if (!ok) ERR_clear_error();
  return ok;
}

}  // namespace mytoken::crypto_internal
