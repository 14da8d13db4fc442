#pragma once

#include <cstdint>
#include <string>

#include "crypto/jws.hpp"
#include "domain/mytoken_claims.hpp"
#include "domain/restrictions.hpp"

// Shared inputs of the micro-benchmarks: realistic, fixed data (no I/O, no clock).
namespace mytoken::bench {

inline constexpr int64_t kNow = 1'767'225'600;             // 2026-01-01T00:00:00Z
inline constexpr std::string_view kMytokenTyp = "MT+JWT";  // as src/service/mytoken_minter.cpp signs

// A 3-clause restriction list of the shape spec §6 uses: times, scopes, audiences, hosts, geo-IP, usages.
Restrictions three_clause_restrictions();
// A full mytoken payload: every optional member set, the restrictions above, four capabilities, rotation.
MytokenClaims sample_claims();
// serialize_jwt_payload(claims_to_json(sample_claims())).
std::string sample_payload();
// A fresh in-memory key; aborts the program if OpenSSL cannot generate one.
SigningKey generate_key(JwsAlg alg);

}  // namespace mytoken::bench
