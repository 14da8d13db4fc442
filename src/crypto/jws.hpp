#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace mytoken {

// Our thin JWS layer over OpenSSL 3 EVP (design §5): an explicit allow-list, no "none", no HS*.
enum class JwsAlg { kES256, kES384, kES512, kEdDSA, kRS256, kRS384, kRS512, kPS256, kPS384, kPS512 };
std::optional<JwsAlg> jws_alg_from_name(std::string_view name);
std::string_view jws_alg_name(JwsAlg alg);

// The mytoken signing key. Immutable after construction; sign/verify are thread-safe.
class SigningKey {
 public:
  // Loads a PEM private key from `path`, or generates one for `alg` and writes it with mode 0600 (parent
  // directories created 0700). Fails if the file's key does not fit `alg` (e.g. an RSA key for ES512).
  static Result<SigningKey> load_or_create(const std::filesystem::path& path, JwsAlg alg);
  static Result<SigningKey> generate(JwsAlg alg);  // in memory (tests, `mytokend keys rotate`)
  // Loads an existing PEM private key for `alg`; fails if the file is missing, unreadable or does not fit.
  static Result<SigningKey> load(const std::filesystem::path& path, JwsAlg alg);

  enum class SaveMode { kCreate, kReplace };
  // Writes the private key as PEM with mode 0600. kCreate never replaces a file (false if `path` existed);
  // kReplace swaps it atomically.
  Result<bool> save(const std::filesystem::path& path, SaveMode mode) const;

  JwsAlg alg() const;
  // Compact JWS with header exactly {"alg":"<alg>","typ":"<typ>"} over the given payload bytes.
  std::string sign(std::string_view typ, std::string_view payload) const;
  // Verifies a compact JWS: three base64url segments, a JSON header whose alg equals this key's alg (pinned)
  // and whose typ equals `expected_typ`, and the signature. Returns the payload bytes.
  // Failure: 401 invalid_token with a short reason (never the token).
  Result<std::string> verify(std::string_view compact, std::string_view expected_typ) const;
  // Public JWK: kty/crv/x/y or n/e, kid = RFC 7638 SHA-256 thumbprint (base64url), use "sig", alg.
  boost::json::object public_jwk() const;
  std::string kid() const;  // the JWK's kid: RFC 7638 thumbprint of the public key

  struct Impl;

 private:
  explicit SigningKey(std::shared_ptr<const Impl> impl);
  static Result<SigningKey> from_pem(std::string pem, JwsAlg alg, const std::filesystem::path& path);
  std::shared_ptr<const Impl> impl_;
};

// A JSON Web Key Set of a remote party (the OP), used to verify its ID tokens (spec §21 item 19).
class RemoteJwks {
 public:
  // Keeps the keys usable for signatures (RSA, EC P-256/384/521, Ed25519); skips others.
  static Result<RemoteJwks> parse(const boost::json::value& jwks);
  // Verifies a compact JWS whose header alg is in `allowed` and matches the key type; chooses the key by
  // `kid` if present, else tries every key of the fitting type. Returns the parsed payload object.
  Result<boost::json::object> verify(std::string_view compact, const std::vector<JwsAlg>& allowed) const;
  size_t size() const;

  struct Key;

 private:
  std::vector<std::shared_ptr<const Key>> keys_;
};

// Splits a compact JWS and decodes its payload without verifying (for reading claims a client already trusts,
// e.g. the JWT access token the OP just returned). nullopt if it is not three base64url segments with JSON.
std::optional<boost::json::object> decode_jws_payload_unverified(std::string_view compact);
// "three base64url segments and a JSON header" (spec §21 item 9).
bool looks_like_jwt(std::string_view token);

}  // namespace mytoken
