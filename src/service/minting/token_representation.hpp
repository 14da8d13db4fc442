#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/ports/store.hpp"
#include "domain/result.hpp"
#include "service/common/service_context.hpp"
#include "service/minting/mytoken_minter.hpp"
#include "service/minting/mytoken_response.hpp"

namespace mytoken {

// How a newly issued mytoken is handed out (spec §4.4, §5.7).
enum class TokenRepresentation { kToken, kShortToken, kTransferCode };

struct RepresentationOptions {
  bool short_tokens_enabled = true;
  size_t short_token_len = 64;
  bool transfer_codes_enabled = true;
};

// The decision table of spec §4.4. Pure. `max_token_len > 0` overrides `response_type`: a JWT of `jwt_len`
// characters that fits → token; else a short token if enabled and it fits; else a transfer code if enabled; else
// the JWT anyway. Without it: `response_type` "short_token"/"transfer_code" if that feature is enabled, anything
// else (unknown strings too) → token.
TokenRepresentation choose_representation(std::string_view response_type, int64_t max_token_len, size_t jwt_len,
                                          const RepresentationOptions& options);
RepresentationOptions representation_options(const ServiceOptions& options);

// The wire name: "token" | "short_token" | "transfer_code".
std::string_view representation_name(TokenRepresentation representation);

// The MytokenResponse of `token` in `representation`, creating its short token or transfer code inside the write
// transaction `tx`. A transfer code made here stands for a new token: revoking the code revokes the token.
Result<MytokenResponse> present_mytoken(Transaction& tx, const ServiceContext& ctx, const MintedMytoken& token,
                                        TokenRepresentation representation, int64_t now);

}  // namespace mytoken
