#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/mom_id.hpp"

namespace mytoken {

std::string sha256(std::string_view bytes);  // raw digest
std::string sha512(std::string_view bytes);  // raw digest
// JWT `sub`: base64std(SHA3-256("<oidc_sub>@<oidc_iss>")) (spec §4.1).
std::string subject_hash(std::string_view oidc_sub, std::string_view oidc_iss);
// mom_id of a jti: base64std(SHA-512(16 raw UUID bytes)) (spec §4.2); nullopt if `jti` is no canonical UUID.
std::optional<MomId> mom_id_from_jti(std::string_view jti);
// PKCE S256 code challenge of a verifier (RFC 7636).
std::string pkce_challenge(std::string_view verifier);
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace mytoken
