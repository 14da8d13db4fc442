#pragma once

#include <openssl/evp.h>

#include <optional>
#include <string>
#include <string_view>

#include "crypto/jws.hpp"

namespace mytoken::crypto_internal {

// Raw JWS signatures over OpenSSL EVP (RFC 7518 §3). Internal to src/crypto. Thread-safe: a new EVP_MD_CTX per
// call, and the EVP_PKEY is only read.

// Whether `key` may sign/verify `alg`: the EC curve the alg fixes, Ed25519 for EdDSA, RSA of at least 2048 bits
// for RS*/PS* (RFC 7518 §3.3, §3.5).
bool key_fits_alg(const EVP_PKEY* key, JwsAlg alg);

// Signature of `signing_input` in JWS form (ECDSA as R||S, each padded to the curve size).
// Requires: key_fits_alg(key, alg) and a private key. Throws std::runtime_error if OpenSSL fails.
std::string sign_jws_input(EVP_PKEY* key, JwsAlg alg, std::string_view signing_input);

// Checks a JWS-form signature. Requires: key_fits_alg(key, alg). False on any mismatch, including an ECDSA
// signature of the wrong length.
bool verify_jws_signature(EVP_PKEY* key, JwsAlg alg, std::string_view signing_input, std::string_view signature);

}  // namespace mytoken::crypto_internal
