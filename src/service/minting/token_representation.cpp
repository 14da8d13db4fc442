#include "service/minting/token_representation.hpp"

#include "service/transfer/short_token.hpp"
#include "service/transfer/transfer_code.hpp"

namespace mytoken {

TokenRepresentation choose_representation(std::string_view response_type, int64_t max_token_len, size_t jwt_len,
                                          const RepresentationOptions& options) {
  if (max_token_len > 0) {
    const auto max = static_cast<size_t>(max_token_len);
    if (jwt_len <= max) return TokenRepresentation::kToken;
    if (options.short_tokens_enabled && max >= options.short_token_len) return TokenRepresentation::kShortToken;
    if (options.transfer_codes_enabled) return TokenRepresentation::kTransferCode;
    return TokenRepresentation::kToken;
  }
  if (response_type == "short_token" && options.short_tokens_enabled) return TokenRepresentation::kShortToken;
  if (response_type == "transfer_code" && options.transfer_codes_enabled) return TokenRepresentation::kTransferCode;
  return TokenRepresentation::kToken;
}

RepresentationOptions representation_options(const ServiceOptions& options) {
  return RepresentationOptions{options.short_tokens_enabled, options.short_token_len, options.transfer_codes_enabled};
}

std::string_view representation_name(TokenRepresentation representation) {
  switch (representation) {
    case TokenRepresentation::kShortToken:
      return "short_token";
    case TokenRepresentation::kTransferCode:
      return "transfer_code";
    case TokenRepresentation::kToken:
      break;
  }
  return "token";
}

Result<MytokenResponse> present_mytoken(Transaction& tx, const ServiceContext& ctx, const MintedMytoken& token,
                                        TokenRepresentation representation, int64_t now) {
  auto response = mytoken_response(token, now);
  response.mytoken_type = std::string(representation_name(representation));
  if (representation == TokenRepresentation::kShortToken) {
    auto short_token = create_short_token(tx, ctx, token.jwt, token.mom_id, now);
    if (!short_token) return short_token.error();
    response.mytoken = std::move(*short_token);
  } else if (representation == TokenRepresentation::kTransferCode) {
    // spec §4.6: issued for a new token, so revoke_MT; the exchange hands out the JWT.
    auto code = create_transfer_code(tx, ctx, token.jwt, "token", token.mom_id, /*revoke_mytoken=*/true, now);
    if (!code) return code.error();
    response.mytoken = Secret();
    response.transfer_code = std::move(code->code);
    response.expires_in = code->expires_in;  // spec §5.7: for transfer codes, the code lifetime
  }
  return response;
}

}  // namespace mytoken
