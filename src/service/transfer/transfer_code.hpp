#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/mom_id.hpp"
#include "domain/ports/store.hpp"
#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "service/common/service_context.hpp"

namespace mytoken {

// Transfer codes (spec §4.6): polling_code_len letters of kCodeAlphabet, valid polling_code_lifetime seconds,
// exchanged once. At rest only the keyed hash and the token sealed under a key derived from the code and the
// pepper exist (design §4): an 8-letter code is weak on its own, the pepper is not.

struct IssuedTransferCode {
  Secret code;
  int64_t expires_in = 0;
};

// Creates a transfer code inside the write transaction `tx` for `token_text` of token `mom_id`: a JWT or a
// short token, as `representation` ("token" | "short_token") says; the exchange returns exactly that text.
// `revoke_mytoken`: the code stands for a new token that nobody holds yet, so revoking the code revokes it.
Result<IssuedTransferCode> create_transfer_code(Transaction& tx, const ServiceContext& ctx, const Secret& token_text,
                                                std::string_view representation, const MomId& mom_id,
                                                bool revoke_mytoken, int64_t now);

// The row id (keyed hash) of a transfer code.
std::string transfer_code_id(const ServiceContext& ctx, const Secret& code);

// The token text sealed in the row of `code`. 500 if it does not open (the row is not this code's).
Result<Secret> open_transfer_code(const ServiceContext& ctx, const Secret& code, const ProxyTokenRow& row);

}  // namespace mytoken
