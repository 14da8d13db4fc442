#pragma once

#include <openssl/evp.h>

#include <cstddef>
#include <string_view>

#include "crypto/jws.hpp"

namespace mytoken::crypto_internal {

// What OpenSSL needs to know about each JWS alg (RFC 7518 §3). Internal to src/crypto.
enum class JwsFamily { kEcdsa, kEdDsa, kRsaPkcs1, kRsaPss };

struct JwsAlgTraits {
  JwsAlg alg;
  std::string_view name;  // JOSE name, e.g. "ES512"
  JwsFamily family;
  const char* digest;        // OpenSSL digest name; nullptr for EdDSA (Ed25519 hashes internally)
  int curve_nid;             // ECDSA only: the curve the alg fixes (RFC 7518 §3.4); else NID_undef
  std::string_view jwk_crv;  // "P-256" etc. for ECDSA, "Ed25519" for EdDSA; else empty
  size_t component_bytes;    // ECDSA only: size of R and S (and of JWK x, y) in the JWS form
};

const JwsAlgTraits& jws_alg_traits(JwsAlg alg);

// The digest of `alg`, fetched once per process (fetching per call costs a lock in OpenSSL 3); nullptr for
// EdDSA. The EVP_MD is immutable and shared by all threads.
const EVP_MD* jws_digest(JwsAlg alg);

}  // namespace mytoken::crypto_internal
