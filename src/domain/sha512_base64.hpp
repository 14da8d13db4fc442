#pragma once

#include <string>
#include <string_view>

// Internal to src/domain: not part of the domain's public surface.
namespace mytoken::domain_internal {

// base64std(SHA-512(data)), padded (88 characters). Kept here rather than in src/crypto so the domain stays
// self-contained and free of adapter dependencies; used for clause hashes (spec §6.4).
std::string sha512_base64(std::string_view data);

}  // namespace mytoken::domain_internal
