#pragma once

#include <openssl/evp.h>

#include <boost/json/object.hpp>
#include <string>

#include "crypto/jws.hpp"
#include "crypto/openssl_handles.hpp"

namespace mytoken::crypto_internal {

// JSON Web Keys (RFC 7517, RFC 7518 §6) for the key types jws.hpp signs with. Internal to src/crypto.

// RFC 7638 SHA-256 thumbprint (base64url) of a public JWK: its required members only, in lexicographic order,
// without whitespace. Empty if `jwk` lacks them or has another kty.
std::string jwk_thumbprint(const boost::json::object& jwk);

// The public JWK of `key` for `alg` ({kty, crv, x, y} / {kty, crv, x} / {kty, n, e}, plus kid, use, alg;
// spec §3.2). Requires: key_fits_alg(key, alg). Throws std::runtime_error if OpenSSL fails.
boost::json::object public_jwk_of(const EVP_PKEY* key, JwsAlg alg);

// The public key a JWK describes: RSA, EC P-256/384/521 (x and y at full length, point on the curve) or OKP
// Ed25519. nullptr for any other or malformed key.
EvpPkeyPtr public_key_from_jwk(const boost::json::object& jwk);

}  // namespace mytoken::crypto_internal
