// jws_alg_from_name / jws_alg_name (jws.hpp) and the per-alg OpenSSL traits (jws_alg_traits.hpp).
#include <openssl/obj_mac.h>

#include <array>
#include <stdexcept>

#include "crypto/jws.hpp"
#include "crypto/jws_alg_traits.hpp"

namespace mytoken {
namespace {

using crypto_internal::JwsAlgTraits;
using crypto_internal::JwsFamily;

// Indexed by JwsAlg; the allow-list of design §5: no "none", no HS*.
constexpr std::array<JwsAlgTraits, 10> kTraits = {{
    {JwsAlg::kES256, "ES256", JwsFamily::kEcdsa, "SHA256", NID_X9_62_prime256v1, "P-256", 32},
    {JwsAlg::kES384, "ES384", JwsFamily::kEcdsa, "SHA384", NID_secp384r1, "P-384", 48},
    {JwsAlg::kES512, "ES512", JwsFamily::kEcdsa, "SHA512", NID_secp521r1, "P-521", 66},
    {JwsAlg::kEdDSA, "EdDSA", JwsFamily::kEdDsa, nullptr, NID_undef, "Ed25519", 0},
    {JwsAlg::kRS256, "RS256", JwsFamily::kRsaPkcs1, "SHA256", NID_undef, "", 0},
    {JwsAlg::kRS384, "RS384", JwsFamily::kRsaPkcs1, "SHA384", NID_undef, "", 0},
    {JwsAlg::kRS512, "RS512", JwsFamily::kRsaPkcs1, "SHA512", NID_undef, "", 0},
    {JwsAlg::kPS256, "PS256", JwsFamily::kRsaPss, "SHA256", NID_undef, "", 0},
    {JwsAlg::kPS384, "PS384", JwsFamily::kRsaPss, "SHA384", NID_undef, "", 0},
    {JwsAlg::kPS512, "PS512", JwsFamily::kRsaPss, "SHA512", NID_undef, "", 0},
}};

}  // namespace

std::optional<JwsAlg> jws_alg_from_name(std::string_view name) {
  for (const auto& t : kTraits) {
    if (t.name == name) return t.alg;  // exact, case-sensitive (RFC 7515 §4.1.1)
  }
  return std::nullopt;
}

std::string_view jws_alg_name(JwsAlg alg) { return crypto_internal::jws_alg_traits(alg).name; }

namespace crypto_internal {

const JwsAlgTraits& jws_alg_traits(JwsAlg alg) {
  const auto index = static_cast<size_t>(alg);
  if (index >= kTraits.size() || kTraits[index].alg != alg) throw std::logic_error("jws_alg_traits: bad JwsAlg");
  return kTraits[index];
}

const EVP_MD* jws_digest(JwsAlg alg) {
  // Fetched once, kept for the process lifetime (never freed: threads may sign until exit).
  static const std::array<const EVP_MD*, kTraits.size()> digests = [] {
    std::array<const EVP_MD*, kTraits.size()> fetched{};
    for (size_t i = 0; i < kTraits.size(); ++i) {
      if (kTraits[i].digest == nullptr) continue;
      fetched[i] = EVP_MD_fetch(nullptr, kTraits[i].digest, nullptr);
      if (fetched[i] == nullptr) throw std::runtime_error("OpenSSL lacks digest " + std::string(kTraits[i].digest));
    }
    return fetched;
  }();
  return digests[static_cast<size_t>(jws_alg_traits(alg).alg)];
}

}  // namespace crypto_internal
}  // namespace mytoken
