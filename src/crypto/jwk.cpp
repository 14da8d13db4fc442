#include "crypto/jwk.hpp"

#include <openssl/core_names.h>
#include <openssl/err.h>

#include <boost/json/serialize.hpp>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "crypto/encoding.hpp"
#include "crypto/hashing.hpp"
#include "crypto/jws_alg_traits.hpp"

namespace mytoken::crypto_internal {
namespace {

struct CurveInfo {
  std::string_view crv;
  const char* group;  // OpenSSL group name
  size_t bytes;
};
constexpr CurveInfo kCurves[] = {
    {"P-256", "prime256v1", 32},
    {"P-384", "secp384r1", 48},
    {"P-521", "secp521r1", 66},
};

const unsigned char* bytes_of(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::optional<std::string_view> string_member(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string_view(v->get_string());
}

std::optional<std::string> b64url_member(const boost::json::object& o, std::string_view key) {
  const auto s = string_member(o, key);
  if (!s) return std::nullopt;
  return base64url_decode(*s);
}

std::string bn_param(const EVP_PKEY* key, const char* name, size_t pad_to) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) throw std::runtime_error(std::string("JWK: no key param ") + name);
  BignumPtr bn(raw);
  const size_t size = pad_to != 0 ? pad_to : static_cast<size_t>(BN_num_bytes(bn.get()));
  std::string out(size, '\0');
  if (BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(size)) < 0) {
    throw std::runtime_error("JWK: key param too large");
  }
  return out;
}

EvpPkeyPtr from_params(const char* type, OSSL_PARAM_BLD* bld) {
  OsslParamPtr params(OSSL_PARAM_BLD_to_param(bld));
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return nullptr;
  }
  return EvpPkeyPtr(key);
}

EvpPkeyPtr rsa_from_jwk(const boost::json::object& jwk) {
  const auto n = b64url_member(jwk, "n");
  const auto e = b64url_member(jwk, "e");
  if (!n || !e || n->empty() || e->empty()) return nullptr;
  BignumPtr bn_n(BN_bin2bn(bytes_of(*n), static_cast<int>(n->size()), nullptr));
  BignumPtr bn_e(BN_bin2bn(bytes_of(*e), static_cast<int>(e->size()), nullptr));
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bn_n || !bn_e || !bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
    return nullptr;
  }
  return from_params("RSA", bld.get());
}

EvpPkeyPtr ec_from_jwk(const boost::json::object& jwk) {
  const auto crv = string_member(jwk, "crv");
  const CurveInfo* curve = nullptr;
  for (const auto& c : kCurves) {
    if (crv && *crv == c.crv) curve = &c;
  }
  if (curve == nullptr) return nullptr;
  const auto x = b64url_member(jwk, "x");
  const auto y = b64url_member(jwk, "y");
  // RFC 7518 §6.2.1.2: coordinates have the full field length; anything else is malformed.
  if (!x || !y || x->size() != curve->bytes || y->size() != curve->bytes) return nullptr;
  const std::string point = std::string("\x04", 1) + *x + *y;  // SEC 1 uncompressed point
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bld || OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, curve->group, 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1) {
    return nullptr;
  }
  EvpPkeyPtr key = from_params("EC", bld.get());
  if (!key) return nullptr;
  // Import already refuses points off the curve; the explicit check keeps that true whatever the provider.
  EvpPkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) return nullptr;
  return key;
}

EvpPkeyPtr okp_from_jwk(const boost::json::object& jwk) {
  if (string_member(jwk, "crv") != std::optional<std::string_view>("Ed25519")) return nullptr;
  const auto x = b64url_member(jwk, "x");
  constexpr size_t kEd25519PublicBytes = 32;
  if (!x || x->size() != kEd25519PublicBytes) return nullptr;
  return EvpPkeyPtr(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes_of(*x), x->size()));
}

// A JSON string literal; thumbprint members are base64url or fixed names, but escaping keeps it exact for any input.
std::string quoted(std::string_view s) { return boost::json::serialize(boost::json::string_view(s.data(), s.size())); }

}  // namespace

std::string jwk_thumbprint(const boost::json::object& jwk) {
  const auto kty = string_member(jwk, "kty");
  if (!kty) return {};
  std::vector<std::string_view> members;
  if (*kty == "EC") {
    members = {"crv", "kty", "x", "y"};
  } else if (*kty == "OKP") {
    members = {"crv", "kty", "x"};  // RFC 8037 §2
  } else if (*kty == "RSA") {
    members = {"e", "kty", "n"};
  } else {
    return {};
  }
  std::string canonical = "{";
  for (const auto name : members) {
    const auto value = string_member(jwk, name);
    if (!value) return {};
    if (canonical.size() > 1) canonical += ',';
    canonical += quoted(name) + ':' + quoted(*value);
  }
  canonical += '}';
  return base64url_encode(sha256(canonical));
}

boost::json::object public_jwk_of(const EVP_PKEY* key, JwsAlg alg) {
  const JwsAlgTraits& t = jws_alg_traits(alg);
  boost::json::object jwk;
  switch (t.family) {
    case JwsFamily::kEcdsa:
      jwk["kty"] = "EC";
      jwk["crv"] = t.jwk_crv;
      jwk["x"] = base64url_encode(bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, t.component_bytes));
      jwk["y"] = base64url_encode(bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, t.component_bytes));
      break;
    case JwsFamily::kEdDsa: {
      std::string x(32, '\0');
      size_t len = x.size();
      if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(x.data()), &len) != 1) {
        throw std::runtime_error("JWK: no Ed25519 public key");
      }
      x.resize(len);
      jwk["kty"] = "OKP";
      jwk["crv"] = t.jwk_crv;
      jwk["x"] = base64url_encode(x);
      break;
    }
    case JwsFamily::kRsaPkcs1:
    case JwsFamily::kRsaPss:
      jwk["kty"] = "RSA";
      jwk["n"] = base64url_encode(bn_param(key, OSSL_PKEY_PARAM_RSA_N, 0));
      jwk["e"] = base64url_encode(bn_param(key, OSSL_PKEY_PARAM_RSA_E, 0));
      break;
  }
  jwk["kid"] = jwk_thumbprint(jwk);
  jwk["use"] = "sig";
  jwk["alg"] = t.name;
  return jwk;
}

EvpPkeyPtr public_key_from_jwk(const boost::json::object& jwk) {
  const auto kty = string_member(jwk, "kty");
  EvpPkeyPtr key;
  if (kty == std::optional<std::string_view>("RSA")) {
    key = rsa_from_jwk(jwk);
  } else if (kty == std::optional<std::string_view>("EC")) {
    key = ec_from_jwk(jwk);
  } else if (kty == std::optional<std::string_view>("OKP")) {
    key = okp_from_jwk(jwk);
  }
  // A skipped key is not an error of ours; keep the thread's OpenSSL error queue clean.
  if (!key) ERR_clear_error();
  return key;
}

}  // namespace mytoken::crypto_internal
